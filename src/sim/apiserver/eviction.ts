// k8s: pkg/registry/core/pod/storage/eviction.go — the pods/eviction subresource (policy/v1 Eviction):
// a policy-controlled graceful DELETE. The simulator has no PodDisruptionBudgets, so every eviction
// takes the "no budget matches this pod" path: the DisruptionTarget condition, then the delete.

import type { Pod, PodCondition } from "kubernetes-types/core/v1";
import { updatePodCondition } from "../api/podConditions";
import { rfc3339 } from "../clock/time";
import type { Actor } from "../trace";
import type { DeleteOptions, KubeObject } from "./types";

/** addConditionAndDeletePod's condition (feature PodDisruptionConditions, GA in 1.31). */
export const EVICTION_CONDITION: Readonly<PodCondition> = {
  type: "DisruptionTarget",
  status: "True",
  reason: "EvictionByEvictionAPI",
  message: "Eviction API: evicting",
};

/** What the eviction handler needs from the pod store. */
export interface EvictionStore {
  get<T extends object = KubeObject>(kind: "Pod", namespace: string, name: string): T;
  updateStatus<T extends object = KubeObject>(
    kind: "Pod",
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

/**
 * EvictionREST.Create without budgets: the pod is read (NotFound passes through), gets
 * DisruptionTarget=True (EvictionByEvictionAPI) through podutil.UpdatePodCondition, then the
 * store's graceful delete with the eviction's DeleteOptions. Answers 201 Created, Status Success.
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
  const status = updatePodCondition(pod.status ?? {}, EVICTION_CONDITION, rfc3339(nowWallMs));
  if (status) store.updateStatus("Pod", namespace, name, status, actor);
  store.delete("Pod", namespace, name, opts, actor);
  return { code: 201, status: "Success" };
}
