// Presentation helpers for the Pods panel: a colour for kubectl's STATUS word, the conditions in
// `kubectl describe` order, the back-off countdown text, a container timeline step as words.
// (STATUS/READY/RESTARTS themselves come from the shell's printer: src/shell/kubectl/printPod.ts.)
import type { TimelineStep } from "../../store/views";

/** A colour class for a status word: ok, progress, warn, error. */
export function statusTone(status: string): "ok" | "progress" | "warn" | "error" {
  if (status === "Running" || status === "Completed" || status === "Succeeded") return "ok";
  if (/BackOff|Err|Error|OOMKilled|Failed|Invalid|ExitCode|Signal/.test(status)) return "error";
  if (status === "Terminating" || status === "NotReady") return "warn";
  return "progress";
}

/** The pod conditions shown as ticks, in the order kubectl describe lists them. */
export const CONDITION_ORDER = [
  "PodReadyToStartContainers",
  "Initialized",
  "Ready",
  "ContainersReady",
  "PodScheduled",
];

/** "retrying in 17s" (or "retrying now") for a back-off deadline in virtual ms. */
export function countdownText(untilMs: number, nowMs: number): string {
  const s = Math.ceil((untilMs - nowMs) / 1000);
  if (s <= 0) return "retrying now";
  if (s < 120) return `retrying in ${s}s`;
  return `retrying in ${Math.floor(s / 60)}m${s % 60}s`;
}

/** One timeline step as a learner reads it: `ContainerCreating`, `Running`, `Error (exit 1)`. */
export function stepText(s: TimelineStep): string {
  if (s.state === "running") return "Running";
  if (s.state === "waiting") return s.reason ?? "Waiting";
  return `${s.reason ?? "Terminated"} (exit ${s.exitCode ?? "?"})`;
}

export function stepTone(s: TimelineStep): "ok" | "progress" | "warn" | "error" {
  if (s.state === "running") return "ok";
  if (s.state === "terminated") return s.exitCode === 0 ? "ok" : "error";
  return s.reason === "ContainerCreating" || s.reason === "PodInitializing"
    ? "progress"
    : statusTone(s.reason ?? "");
}
