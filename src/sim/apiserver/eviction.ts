// k8s: pkg/registry/core/pod/storage/eviction.go — the pods/eviction subresource (policy/v1 Eviction):
// a policy-controlled graceful DELETE. A pod that is not Running (or already terminating) goes at once;
// otherwise the one PodDisruptionBudget whose selector matches it must allow a disruption, which the
// handler takes (disruptionsAllowed−1, the pod in status.disruptedPods) before it deletes the pod.

import type { Pod, PodCondition } from "kubernetes-types/core/v1";
import { selectorMatches } from "../api/labelSelector";
import { updatePodCondition } from "../api/podConditions";
import {
  isPodReady,
  type PdbStatus,
  type PodDisruptionBudget,
  statusOf,
  updateDisruptionAllowedCondition,
} from "../api/policy";
import { rfc3339 } from "../clock/time";
import type { Actor } from "../trace";
import { ApiError, type DeleteOptions, type KubeObject, type ListOptions } from "./types";

/** addConditionAndDeletePod's condition (feature PodDisruptionConditions, GA in 1.31). */
export const EVICTION_CONDITION: Readonly<PodCondition> = {
  type: "DisruptionTarget",
  status: "True",
  reason: "EvictionByEvictionAPI",
  message: "Eviction API: evicting",
};

/** MaxDisruptedPodSize: evictions approved but not yet seen by the disruption controller. */
export const MAX_DISRUPTED_POD_SIZE = 2000;

export const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MORE_THAN_ONE_BUDGET =
  "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";

/** metav1.StatusDetails of a refused eviction: a DisruptionBudget cause naming the budget. */
export interface EvictionStatusDetails {
  causes: { reason: "DisruptionBudget"; message: string }[];
  retryAfterSeconds?: number;
}

/** errors.NewTooManyRequests with the policyv1.DisruptionBudgetCause the handler appends (HTTP 429). */
export class EvictionRefused extends ApiError {
  constructor(
    readonly details: EvictionStatusDetails,
    readonly budget: string,
  ) {
    super(429, "TooManyRequests", VIOLATES_BUDGET);
    this.name = "EvictionRefused";
  }
}

/** What the eviction handler needs from the pod and budget stores. */
export interface EvictionStore {
  get<T extends object = KubeObject>(kind: "Pod", namespace: string, name: string): T;
  list<T extends object = KubeObject>(kind: "PodDisruptionBudget", opts?: ListOptions): T[];
  updateStatus<T extends object = KubeObject>(
    kind: "Pod" | "PodDisruptionBudget",
    namespace: string,
    name: string,
    status: unknown,
    actor?: Actor,
  ): T;
  delete(
    kind: "Pod",
    namespace: string,
    name: string,
    opts?: DeleteOptions,
    actor?: Actor,
  ): KubeObject | undefined;
}

/** canIgnorePDB: terminal, Pending or terminating pods have no budget to respect. */
function canIgnorePDB(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return (
    phase === "Succeeded" || phase === "Failed" || phase === "Pending" || !!pod.metadata?.deletionTimestamp
  );
}

/** getPodDisruptionBudgets: every budget in the pod's namespace whose selector matches its labels. */
export function budgetsForPod(store: Pick<EvictionStore, "list">, pod: Pod): PodDisruptionBudget[] {
  const ns = pod.metadata?.namespace ?? "default";
  return store
    .list<PodDisruptionBudget>("PodDisruptionBudget", { namespace: ns })
    .filter((b) => selectorMatches(b.spec?.selector, pod.metadata?.labels));
}

/** errors.NewForbidden(policy.Resource("poddisruptionbudget"), name, err) */
const forbiddenBudget = (name: string, why: string) =>
  new ApiError(403, "Forbidden", `poddisruptionbudget.policy "${name}" is forbidden: ${why}`);

/**
 * checkAndDecrement: the budget must be observed at its generation and allow a disruption; then
 * disruptionsAllowed−1 (the condition turns InsufficientPods at 0) and the pod joins disruptedPods.
 */
function checkAndDecrement(
  store: EvictionStore,
  pdb: PodDisruptionBudget,
  podName: string,
  nowWallMs: number,
): void {
  const name = pdb.metadata?.name ?? "";
  const status = statusOf(pdb);
  if ((status.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0))
    throw new EvictionRefused(
      {
        causes: [
          {
            reason: "DisruptionBudget",
            message: `The disruption budget ${name} is still being processed by the server.`,
          },
        ],
        retryAfterSeconds: 10,
      },
      name,
    );
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0) throw forbiddenBudget(name, "pdb disruptions allowed is negative");
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE)
    throw forbiddenBudget(
      name,
      "DisruptedPods map too big - too many evictions not confirmed by PDB controller",
    );
  if (allowed === 0)
    throw new EvictionRefused(
      {
        causes: [
          {
            reason: "DisruptionBudget",
            message: `The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
          },
        ],
      },
      name,
    );
  const now = rfc3339(nowWallMs);
  let next: PdbStatus = { ...status, disruptionsAllowed: allowed - 1 };
  if (next.disruptionsAllowed === 0) next = updateDisruptionAllowedCondition(next, now);
  // the disruption controller must not count the pod as healthy while its delete is on the way
  next.disruptedPods = { ...(status.disruptedPods ?? {}), [podName]: now };
  store.updateStatus("PodDisruptionBudget", pdb.metadata?.namespace ?? "default", name, next, "apiserver");
}

/** addConditionAndDeletePod: DisruptionTarget=True through podutil.UpdatePodCondition, then the graceful delete. */
function addConditionAndDeletePod(
  store: EvictionStore,
  pod: Pod,
  opts: DeleteOptions,
  nowWallMs: number,
  actor: Actor,
): void {
  const ns = pod.metadata?.namespace ?? "default";
  const name = pod.metadata?.name ?? "";
  const status = updatePodCondition(pod.status ?? {}, EVICTION_CONDITION, rfc3339(nowWallMs));
  if (status) store.updateStatus("Pod", ns, name, status, actor);
  store.delete("Pod", ns, name, opts, actor);
}

/**
 * EvictionREST.Create: the pod is read (NotFound passes through); a pod whose budget can be ignored is
 * deleted at once; more than one matching budget is a 500; an unready pod goes without spending the
 * budget when its unhealthyPodEvictionPolicy is AlwaysAllow, or (IfHealthyBudget, the default) while the
 * application is healthy enough; otherwise checkAndDecrement decides. Answers 201, Status Success.
 */
export function evictPod(
  store: EvictionStore,
  namespace: string,
  name: string,
  opts: DeleteOptions,
  nowWallMs: number,
  actor: Actor,
): { code: 201; status: "Success" } {
  const pod = store.get<Pod>("Pod", namespace, name);
  if (!canIgnorePDB(pod)) {
    const pdbs = budgetsForPod(store, pod);
    // the handler returns this metav1.Status (Failure, code 500, no reason) as its answer
    if (pdbs.length > 1) throw new ApiError(500, "", MORE_THAN_ONE_BUDGET);
    const pdb = pdbs[0];
    if (pdb) {
      const s = statusOf(pdb);
      const healthyEnough = (s.currentHealthy ?? 0) >= (s.desiredHealthy ?? 0) && (s.desiredHealthy ?? 0) > 0;
      const skipBudget =
        !isPodReady(pod) && (pdb.spec?.unhealthyPodEvictionPolicy === "AlwaysAllow" || healthyEnough);
      if (!skipBudget) checkAndDecrement(store, pdb, name, nowWallMs);
    }
  }
  addConditionAndDeletePod(store, pod, opts, nowWallMs, actor);
  return { code: 201, status: "Success" };
}
