// k8s: staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go — run a command in a container. Real kubectl
// streams through the API server to the kubelet; the simulator calls the CRI ExecSync directly.
import type { Pod } from "kubernetes-types/core/v1";
import { CriError } from "../../sim/cri/errors";
import { chunksOf, Output } from "../registry";
import { StreamSession } from "../session";
import type { CommandResult } from "../types";
import { apiErrorText, apiGet, type KubectlContext } from "./common";
import type { FlagSpec } from "./flags";
import { findContainer } from "./podContainer";
import { feedAll, openExec } from "./stream";

export const EXEC_FLAGS: FlagSpec[] = [
  { name: "container", short: "c", type: "string" },
  { name: "stdin", short: "i", type: "bool" },
  { name: "tty", short: "t", type: "bool" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
];

export async function runExec(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const [target] = k.flags.args;
  // exec.go Complete: the command goes after `--` (the old `exec POD COMMAND` form was removed)
  if (k.flags.parsed.dashArgs === undefined && k.flags.args.length > 1)
    return out
      .err(
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
      )
      .result(1);
  const cmd = k.flags.parsed.dashArgs ?? [];
  if (!target || cmd.length === 0) {
    return out
      .err(
        `error: ${!target ? "pod, type/name or --filename must be specified" : "you must specify at least one command for the container"}`,
      )
      .result(1);
  }
  const podName = target.startsWith("pod/")
    ? target.slice(4)
    : target.startsWith("pods/")
      ? target.slice(5)
      : target;
  let pod: Pod;
  try {
    pod = apiGet<Pod>(k.node, "Pod", k.namespace, podName);
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") {
    return out
      .err(`error: cannot exec into a container in a completed pod; current phase is ${phase}`)
      .result(1);
  }
  const choice = findContainer(pod, k.flags.str("container"), k.flags.bool("quiet"));
  if (choice.note) out.err(choice.note);
  const name = choice.container.name;
  const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === name,
  );
  if (!st?.state?.running || !st.containerID) {
    return out.err(`error: unable to upgrade connection: container not found ("${name}")`).result(1);
  }
  const containerId = st.containerID.replace(/^[a-z]+:\/\//, "");
  if (k.flags.bool("stdin")) {
    if (k.node.runtimeService.exec && k.node.connectStream) return execStreaming(k, out, containerId, cmd);
    if (cmd.length === 1 && /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|zsh)$/.test(cmd[0]))
      // a runtime behind the backend: no terminal streams over its socket
      return out
        .err(
          `k8s-node-sim: an interactive shell needs the simulated runtime; run one command, e.g. kubectl exec ${target} -- ls /`,
        )
        .result(1);
  }
  try {
    const r = await k.node.settle(k.node.runtimeService.execSync({ containerId, cmd, timeout: 0 }));
    out.out(r.stdout);
    if (r.stderr) out.err(r.stderr);
    if (r.exitCode !== 0) {
      out.err(`command terminated with exit code ${r.exitCode}`);
      return out.result(r.exitCode);
    }
    return out.result(0);
  } catch (e) {
    const msg = e instanceof CriError || e instanceof Error ? e.message : String(e);
    // kubectl streams every exec: the streaming server reports containerd's Exec error without the gRPC status
    const text = msg.replace(/^rpc error: code = \w+ desc = (?=failed to exec in container: )/, "");
    return out.err(`error: Internal error occurred: error executing command in container: ${text}`).result(1);
  }
}

/**
 * -i (and -t): the command runs on a terminal the CRI streaming server serves. Typed at a prompt,
 * the terminal stays with the process (a session) until it exits; from a pipe or heredoc, stdin is
 * the piped text and then end of input.
 */
async function execStreaming(
  k: KubectlContext,
  out: Output,
  containerId: string,
  cmd: string[],
): Promise<CommandResult> {
  const piped = k.stdin !== undefined;
  let tty = k.flags.bool("tty");
  if (tty && piped) {
    // kubectl's term check: -t with stdin from a pipe
    out.err("Unable to use a TTY - input is not a terminal or the right kind of file");
    tty = false;
  }
  const opened = await openExec(k.node, containerId, cmd, tty);
  if ("error" in opened)
    return out
      .err(`error: Internal error occurred: error executing command in container: ${opened.error}`)
      .result(1);
  const stream = opened.stream;
  const finish = async (code: number) => {
    const end = new Output();
    if (code !== 0) end.err(`command terminated with exit code ${code}`);
    return end.result(code);
  };
  if (piped) {
    out.out(await feedAll(k.node, stream, k.stdin ?? ""));
    const end = await finish(stream.exitCode ?? 0);
    if (end.stderr) out.err(end.stderr);
    return out.result(end.code);
  }
  const session = new StreamSession(k.node, stream, finish);
  const first = await session.start({ follow: k.follow });
  for (const c of chunksOf(first)) {
    if (c.fd === 1) out.out(c.text);
    else out.err(c.text);
  }
  if (first.ended) return out.result(first.code);
  return { ...out.result(0), session };
}
