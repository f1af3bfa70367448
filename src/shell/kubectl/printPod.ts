// k8s: pkg/printers/internalversion/printers.go printPod — the READY, STATUS and RESTARTS columns,
// computed exactly as the API server's table printer does (init containers, sidecars, Terminating).
import type { Container, ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { parseRfc3339 } from "../../sim/clock/time";
import { ageSince, humanDuration } from "../format/duration";

const isRestartableInit = (c: Container | undefined) => c?.restartPolicy === "Always";

export interface PodRow {
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
}

export function podRow(pod: Pod, now: number): PodRow {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  const phase = status.phase ?? "";
  let reason: string = phase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }
  const inits = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec.initContainers ?? []) if (isRestartableInit(c)) totalContainers++;
  const finished = (s: ContainerStatus) => {
    const f = s.lastState?.terminated?.finishedAt;
    return f ? parseRfc3339(f) : 0;
  };

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finished(c));
    const sidecar = isRestartableInit(inits.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finished(c));
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      // initialization failed
      if (!term.reason)
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some(
    (c) => c.type === "Initialized" && c.status === "True",
  );
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finished(c));
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      if (w?.reason) reason = w.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A container still reporting Running turns "Completed" back into Running/NotReady.
    if (reason === "Completed" && hasRunning) {
      const ready = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata?.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed")
    reason = "Terminating";

  const restartsStr =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);

  let readinessGates = "<none>";
  if (spec.readinessGates && spec.readinessGates.length > 0) {
    let trueCount = 0;
    for (const g of spec.readinessGates) {
      const cond = (status.conditions ?? []).find((c) => c.type === g.conditionType);
      if (cond?.status === "True") trueCount++;
    }
    readinessGates = `${trueCount}/${spec.readinessGates.length}`;
  }
  return {
    name: pod.metadata?.name ?? "",
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restartsStr,
    age: ageSince(pod.metadata?.creationTimestamp, now),
    ip: status.podIPs?.[0]?.ip || "<none>",
    node: spec.nodeName || "<none>",
    nominatedNode: status.nominatedNodeName || "<none>",
    readinessGates,
  };
}
