// k8s: staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go — attach to a container's main process
// (its stdin and terminal), shared by `kubectl attach`, `kubectl run -it` and `kubectl debug -it`.
import type { Pod } from "kubernetes-types/core/v1";
import { Deferred } from "../../sim/task";
import { chunksOf, type OrderedResult, Output } from "../registry";
import { StreamSession } from "../session";
import type { CommandResult } from "../types";
import { apiErrorText, type KubectlContext } from "./common";
import type { FlagSpec } from "./flags";
import { findContainer } from "./podContainer";
import { openAttach } from "./stream";

export const ATTACH_FLAGS: FlagSpec[] = [
  { name: "container", short: "c", type: "string" },
  { name: "stdin", short: "i", type: "bool" },
  { name: "tty", short: "t", type: "bool" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "pod-running-timeout", type: "string" },
];

/** kubectl's --pod-running-timeout default (1m0s). */
export const POD_RUNNING_TIMEOUT_MS = 60_000;

/** The lines kubectl attach prints (stderr) before it connects, unless --quiet. */
export const ATTACH_WARNINGS = [
  "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.",
  "If you don't see a command prompt, try pressing enter.",
];

export type WaitOutcome = { pod: Pod } | { timeout: true } | { deleted: true };

/**
 * watchtools.UntilWithSync on one pod: run virtual time until `done(pod)` holds (or throws, to stop
 * with that pod), the pod is deleted, or `timeoutMs` passes.
 */
export async function waitForPod(
  k: KubectlContext,
  namespace: string,
  name: string,
  done: (pod: Pod) => boolean,
  timeoutMs: number,
): Promise<WaitOutcome> {
  const api = k.node.api;
  const now = api.tryGet<Pod>("Pod", namespace, name);
  if (!now) return { deleted: true };
  if (done(now)) return { pod: now };
  const d = new Deferred<WaitOutcome>();
  const stop = api.watch<Pod>("Pod", { namespace, fieldSelector: `metadata.name=${name}` }, (e) => {
    if (d.settled) return;
    if (e.type === "DELETED") d.resolve({ deleted: true });
    else if (done(e.object)) d.resolve({ pod: e.object });
  });
  const timer = k.node.clock.setTimer(timeoutMs, () => d.resolve({ timeout: true }), "kubectl wait for pod");
  try {
    return await k.node.settle(d);
  } catch {
    return { timeout: true };
  } finally {
    k.node.clock.cancel(timer);
    stop();
  }
}

export function podCompleted(p: Pod): boolean {
  return p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
}

/** run.go podRunningAndReady: Running with Ready=True (a completed pod also ends the wait). */
export function podRunningAndReady(p: Pod): boolean {
  if (podCompleted(p)) return true;
  return (
    p.status?.phase === "Running" &&
    (p.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
  );
}

/** The container's status, whichever list it is in (init, regular, ephemeral). */
export function statusOf(pod: Pod, name: string) {
  const s = pod.status;
  return [
    ...(s?.initContainerStatuses ?? []),
    ...(s?.containerStatuses ?? []),
    ...(s?.ephemeralContainerStatuses ?? []),
  ].find((x) => x.name === name);
}

export interface AttachOptions {
  pod: Pod;
  container: string;
  tty: boolean;
  quiet: boolean;
  /** The ephemeral container's words for the reattach line. */
  ephemeral?: boolean;
  /** What the caller does once the stream ended (run's wait and --rm); its output follows the reattach line. */
  after?: (exitCode: number) => Promise<OrderedResult>;
}

/**
 * AttachOptions.Run with a raw terminal: the warnings, the attach, and at the end the reattach
 * message. Returns what to print now and the session that owns the terminal until the process exits.
 */
export async function attachTo(k: KubectlContext, out: Output, o: AttachOptions): Promise<CommandResult> {
  const name = o.pod.metadata?.name ?? "";
  const ns = o.pod.metadata?.namespace ?? k.namespace;
  const st = statusOf(o.pod, o.container);
  const containerId = st?.containerID?.replace(/^[a-z]+:\/\//, "");
  if (!containerId || !st?.state?.running)
    return out.err(`error: unable to upgrade connection: container not found ("${o.container}")`).result(1);
  const spec = [
    ...(o.pod.spec?.containers ?? []),
    ...(o.pod.spec?.initContainers ?? []),
    ...((o.pod.spec?.ephemeralContainers ?? []) as { name: string; tty?: boolean }[]),
  ].find((c) => c.name === o.container);
  let tty = o.tty;
  if (tty && !spec?.tty) {
    tty = false;
    if (!o.quiet) out.err(`error: Unable to use a TTY - container ${o.container} did not allocate one`);
  } else if (!tty && spec?.tty) tty = true;
  if (!o.quiet) for (const w of ATTACH_WARNINGS) out.err(w);
  const opened = await openAttach(k.node, containerId, tty);
  if ("error" in opened) {
    if (opened.unsupported)
      return out.err(`k8s-node-sim: attaching needs the simulated runtime (${opened.error})`).result(1);
    return out.err(`error: ${opened.error}`).result(1);
  }
  const finish = async (code: number): Promise<OrderedResult> => {
    const end = new Output();
    // reattachMessage: only with stdin on a raw terminal
    if (!o.quiet && tty)
      end.out(
        o.ephemeral
          ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${name} -c ${o.container} -n ${ns} -i -t' if it is still running\n`
          : `Session ended, resume using 'kubectl attach ${name} -c ${o.container} -n ${ns} -i -t' command\n`,
      );
    if (!o.after) return end.result(0);
    const more = await o.after(code);
    for (const c of chunksOf(more)) {
      if (c.fd === 1) end.out(c.text);
      else end.err(c.text);
    }
    return end.result(more.code);
  };
  const session = new StreamSession(k.node, opened.stream, finish);
  const first = await session.start({ follow: k.follow });
  for (const c of chunksOf(first)) {
    if (c.fd === 1) out.out(c.text);
    else out.err(c.text);
  }
  if (first.ended) return out.result(first.code);
  return { ...out.result(0), session };
}

/** `kubectl attach POD [-c C] -i -t`. */
export async function runAttach(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const [target] = k.flags.args;
  if (!target) return out.err("error: at least 1 argument is required for attach").result(1);
  const name = target.replace(/^pods?\//, "");
  let pod: Pod;
  try {
    pod = k.node.api.get<Pod>("Pod", k.namespace, name);
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed")
    return out
      .err(`error: cannot attach a container in a completed pod; current phase is ${phase}`)
      .result(1);
  const choice = findContainer(pod, k.flags.str("container"), k.flags.bool("quiet"));
  if (choice.note) out.err(choice.note);
  const ephemeral = (pod.spec?.ephemeralContainers ?? []).some((c) => c.name === choice.container.name);
  if (!k.flags.bool("stdin")) {
    // without -i kubectl streams the output; the simulator shows the log written so far
    return out
      .err(
        "k8s-node-sim: 'kubectl attach' without -i is not simulated; use kubectl logs -f, or attach with -i -t",
      )
      .result(1);
  }
  return attachTo(k, out, {
    pod,
    container: choice.container.name,
    tty: k.flags.bool("tty"),
    quiet: k.flags.bool("quiet"),
    ephemeral,
  });
}
