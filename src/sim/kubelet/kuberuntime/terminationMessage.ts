// k8s: pkg/kubelet/kuberuntime/kuberuntime_container.go (getTerminationMessage, readLastStringFromContainerLogs)
// — the message of an exited container: what it wrote to its terminationMessagePath (the kubelet reads
// the host file behind that mount), or with FallbackToLogsOnError and a failure, the tail of its log.

import { KubeletLabels } from "../../cri";
import type { ContainerStatus as CriContainerStatus } from "../../cri/types";

/** kubecontainer.MaxContainerTerminationMessageLength (the file is read up to 4 KiB). */
const MAX_MESSAGE = 4 * 1024;
/** MaxContainerTerminationMessageLogLines / LogLength: the fallback is the last 80 lines, at most 2 KiB. */
const MAX_LOG_LINES = 80;
const MAX_LOG_BYTES = 2 * 1024;

export function terminationMessage(
  s: CriContainerStatus,
  readFile: ((path: string) => string | undefined) | undefined,
): string {
  if (!readFile) return "";
  const path = s.annotations[KubeletLabels.terminationMessagePath] ?? "/dev/termination-log";
  const policy = s.annotations["io.kubernetes.container.terminationMessagePolicy"] ?? "File";
  const mount = (s.mounts ?? []).find((m) => m.containerPath === path);
  const fromFile = mount ? (readFile(mount.hostPath) ?? "").slice(0, MAX_MESSAGE) : "";
  if (fromFile !== "" || policy !== "FallbackToLogsOnError") return fromFile;
  // A container that could not even start has no logs to fall back to.
  if (s.exitCode === 0 || s.reason === "ContainerCannotRun" || !s.logPath) return "";
  const lines = (readFile(s.logPath) ?? "")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      // CRI log format: <time> <stream> <P|F> <text>; partial lines join their successor.
      const m = /^\S+ (?:stdout|stderr) ([PF]) (.*)$/.exec(l);
      return m ? { text: m[2], partial: m[1] === "P" } : { text: l, partial: false };
    });
  let joined = "";
  for (const l of lines) joined += l.partial ? l.text : `${l.text}\n`;
  const tail = joined
    .split("\n")
    .slice(-MAX_LOG_LINES - 1)
    .join("\n");
  return tail.length > MAX_LOG_BYTES ? tail.slice(tail.length - MAX_LOG_BYTES) : tail;
}
