// The streaming half of exec/attach/run -it/debug -it: kubectl asks for the stream (the API server
// proxies to the kubelet, which calls CRI Exec/Attach and hands back the runtime's streaming URL),
// then connects to it. The simulator calls the CRI directly, as kubectl exec already does.

import { errorText } from "../../sim/cri/errors";
import type { SimNode } from "../../sim/node/types";
import type { TerminalStream } from "../../sim/runtime/tty";
import type { Deferred } from "../../sim/task";

export type Opened = { stream: TerminalStream } | { error: string; unsupported?: boolean };

async function connect(node: SimNode, url: Deferred<{ url: string }> | undefined): Promise<Opened> {
  if (!url || !node.connectStream)
    return { error: "the runtime attached to this page does not stream terminals", unsupported: true };
  try {
    const r = await node.settle(url);
    return node.connectStream(r.url);
  } catch (e) {
    return { error: errorText(e) };
  }
}

/** CRI Exec with stdin (and a tty with -t): the new process's terminal. */
export function openExec(node: SimNode, containerId: string, cmd: string[], tty: boolean): Promise<Opened> {
  const rs = node.runtimeService;
  return connect(node, rs.exec?.({ containerId, cmd, tty, stdin: true, stdout: true, stderr: !tty }));
}

/** CRI Attach: the main process's terminal (its container was created with stdin: true). */
export function openAttach(node: SimNode, containerId: string, tty: boolean): Promise<Opened> {
  const rs = node.runtimeService;
  return connect(node, rs.attach?.({ containerId, stdin: true, tty, stdout: true, stderr: !tty }));
}

/** stdin from a pipe or heredoc (`kubectl exec -i web -- sh <<EOF`): every line, then end of input. */
export async function feedAll(node: SimNode, stream: TerminalStream, text: string): Promise<string> {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let out = "";
  for (const line of lines) {
    if (stream.exited) break;
    await settleQuietly(node, stream.send(line));
    out += stream.take();
  }
  if (!stream.exited) await settleQuietly(node, stream.eof());
  return out + stream.take();
}

async function settleQuietly<T>(node: SimNode, d: Deferred<T>): Promise<void> {
  try {
    await node.settle(d);
  } catch {
    // a virtual hour passed: give up waiting, as a client would be killed
  }
}
