// k8s: pkg/api/v1/pod/util.go UpdatePodCondition — how controllers set a condition on a pod's status.
import type { PodCondition, PodStatus } from "kubernetes-types/core/v1";

/**
 * The status with `c` set (its lastProbeTime cleared), or undefined when the pod already has that
 * condition exactly as it would be written. The transition time moves only when the status changes.
 */
export function updatePodCondition(
  status: PodStatus,
  c: Readonly<Pick<PodCondition, "type" | "status" | "reason" | "message">>,
  now: string,
): PodStatus | undefined {
  const conditions = status.conditions ?? [];
  const i = conditions.findIndex((x) => x.type === c.type);
  const old = i >= 0 ? conditions[i] : undefined;
  const cond: PodCondition = {
    type: c.type,
    status: c.status,
    lastProbeTime: null as never,
    lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now,
    reason: c.reason,
    message: c.message,
  };
  if (
    old &&
    old.status === cond.status &&
    old.reason === cond.reason &&
    old.message === cond.message &&
    !old.lastProbeTime &&
    old.lastTransitionTime === cond.lastTransitionTime
  )
    return undefined;
  const next = [...conditions];
  if (i >= 0) next[i] = cond;
  else next.push(cond);
  return { ...status, conditions: next };
}
