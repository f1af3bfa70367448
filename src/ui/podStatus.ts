// What kubectl prints in the STATUS and READY columns of `get pods`, simplified from
// k8s pkg/printers/internalversion/printers.go printPod (no sidecar or restartable-init nuance).
import type { KubeObject } from "../sim/apiserver/types";

export interface ContainerStateView {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; message?: string };
}

export interface ContainerStatusView {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerStateView;
  lastState?: ContainerStateView;
  image?: string;
}

export interface PodStatusView {
  phase?: string;
  reason?: string;
  conditions?: { type: string; status: string; reason?: string }[];
  containerStatuses?: ContainerStatusView[];
  initContainerStatuses?: ContainerStatusView[];
  podIP?: string;
}

export function podStatusOf(pod: KubeObject): PodStatusView {
  return (pod.status ?? {}) as PodStatusView;
}

/** `1/2`: ready containers over spec containers. */
export function readyText(pod: KubeObject): string {
  const spec = (pod.spec ?? {}) as { containers?: unknown[] };
  const st = podStatusOf(pod).containerStatuses ?? [];
  return `${st.filter((c) => c.ready).length}/${spec.containers?.length ?? st.length}`;
}

export function restartsOf(pod: KubeObject): number {
  return (podStatusOf(pod).containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** kubectl's STATUS column. */
export function statusText(pod: KubeObject): string {
  const st = podStatusOf(pod);
  let reason = st.reason || st.phase || "Pending";
  const spec = (pod.spec ?? {}) as { initContainers?: unknown[] };
  const inits = st.initContainerStatuses ?? [];
  const nInit = spec.initContainers?.length ?? inits.length;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    initializing = true;
    if (term) {
      if (term.reason) reason = `Init:${term.reason}`;
      else reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${nInit}`;
    }
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated)
        reason = c.state.terminated.signal
          ? `Signal:${c.state.terminated.signal}`
          : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.state?.running && c.ready) hasRunning = true;
    }
    // kubectl: a Completed container next to running ones shows the pod as Running (or NotReady).
    if (reason === "Completed" && hasRunning) {
      const ready = (st.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }
  if (pod.metadata?.deletionTimestamp) reason = "Terminating";
  return reason;
}

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
