// k8s: pkg/kubelet/status/generate.go — pod conditions generated from container statuses.
import type { ContainerStatus, Pod, PodCondition } from "kubernetes-types/core/v1";
import { isRestartableInitContainer } from "../container/containerRuntime";
import { ConditionReason, type PodPhase } from "../events/reasons";

/** Go's fmt %s of a []string: `[a b]`. */
const list = (xs: string[]) => `[${xs.join(" ")}]`;

function cond(type: string, status: "True" | "False", reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function generateContainersReadyCondition(
  pod: Pod,
  statuses: ContainerStatus[] | undefined,
  phase: PodPhase,
): PodCondition {
  if (!statuses) return cond("ContainersReady", "False", ConditionReason.UnknownContainerStatuses);
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string) => {
    const s = byName.get(name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (isRestartableInitContainer(c)) check(c.name);
  for (const c of pod.spec?.containers ?? []) check(c.name);
  if ((phase === "Succeeded" && unknown.length === 0) || phase === "Failed")
    return cond(
      "ContainersReady",
      "False",
      phase === "Failed" ? ConditionReason.PodFailed : ConditionReason.PodCompleted,
    );
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${list(unready)}`);
  if (msgs.length)
    return cond("ContainersReady", "False", ConditionReason.ContainersNotReady, msgs.join(", "));
  return cond("ContainersReady", "True");
}

/** PodReady mirrors ContainersReady (readiness gates: all conditions named must be True). */
export function generatePodReadyCondition(
  pod: Pod,
  statuses: ContainerStatus[] | undefined,
  phase: PodPhase,
): PodCondition {
  const cr = generateContainersReadyCondition(pod, statuses, phase);
  if (cr.status !== "True") return cond("Ready", cr.status as "False", cr.reason, cr.message);
  const gates = pod.spec?.readinessGates ?? [];
  const missing: string[] = [];
  const notTrue: string[] = [];
  for (const g of gates) {
    const c = pod.status?.conditions?.find((x) => x.type === g.conditionType);
    if (!c) missing.push(g.conditionType);
    else if (c.status !== "True") notTrue.push(g.conditionType);
  }
  const msgs: string[] = [];
  if (missing.length)
    msgs.push(`corresponding condition of pod readiness gate ${JSON.stringify(missing)} does not exist.`);
  if (notTrue.length)
    msgs.push(`the status of pod readiness gate ${JSON.stringify(notTrue)} is not "True", but False.`);
  if (msgs.length) return cond("Ready", "False", ConditionReason.ReadinessGatesNotReady, msgs.join(", "));
  return cond("Ready", "True");
}

export function generatePodInitializedCondition(
  pod: Pod,
  statuses: ContainerStatus[] | undefined,
  phase: PodPhase,
): PodCondition {
  const inits = pod.spec?.initContainers ?? [];
  if (!statuses && inits.length > 0)
    return cond("Initialized", "False", ConditionReason.UnknownContainerStatuses);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = byName.get(c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    if (isRestartableInitContainer(c)) {
      if (!s.started) incomplete.push(c.name);
      continue;
    }
    if (!(s.state?.terminated && s.state.terminated.exitCode === 0)) incomplete.push(c.name);
  }
  if (phase === "Succeeded" && unknown.length === 0)
    return cond("Initialized", "True", ConditionReason.PodCompleted);
  const regular = new Set((pod.spec?.containers ?? []).map((c) => c.name));
  // HasAnyRegularContainerStarted: initialization finished before.
  if (
    (statuses ?? []).some(
      (s) => regular.has(s.name) && (s.state?.running || s.state?.terminated || s.lastState?.terminated),
    )
  )
    return cond("Initialized", "True");
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${list(incomplete)}`);
  if (msgs.length)
    return cond("Initialized", "False", ConditionReason.ContainersNotInitialized, msgs.join(", "));
  return cond("Initialized", "True");
}

/** PodReadyToStartContainers: True once a ready sandbox with networking exists. */
export function generatePodReadyToStartContainersCondition(sandboxReady: boolean): PodCondition {
  return cond("PodReadyToStartContainers", sandboxReady ? "True" : "False");
}
