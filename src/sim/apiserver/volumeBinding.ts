// k8s: pkg/scheduler/framework/plugins/volumebinding (volume_binding.go PreFilter/Filter/PreBind, binder.go)
// — simplified for one node: a pod whose claims are missing, being deleted or unbound (Immediate binding)
// is UnschedulableAndUnresolvable in PreFilter; a WaitForFirstConsumer claim is matched to an available
// volume here and pre-bound (the PV's claimRef), the persistentvolume-controller finishes the binding.
import type { PersistentVolume, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, persistentVolumeClaimClass } from "../api/storage";
import { findBestMatch } from "../controllers/persistentVolumeController";
import type { ApiServerClient } from "./types";

/** ErrReasonBindConflict / the Filter reason when no volume fits on the node. */
export const NO_AVAILABLE_VOLUMES = "node(s) didn't find available persistent volumes to bind";

export type VolumeBindingResult =
  | { status: "ok" }
  /** PreFilter said no: the whole message part before ". preemption:". */
  | { status: "prefilter"; reason: string }
  /** Filter said no for the node. */
  | { status: "filter"; reason: string }
  /** Volumes were pre-bound: schedule again once the controller has bound them. */
  | { status: "wait" };

/** isPVCFullyBound */
const fullyBound = (c: PersistentVolumeClaim) =>
  !!c.spec?.volumeName && c.metadata?.annotations?.[ANN_BIND_COMPLETED] !== undefined;

export function checkPodVolumes(api: ApiServerClient, pod: Pod): VolumeBindingResult {
  const ns = pod.metadata?.namespace ?? "default";
  const claims: PersistentVolumeClaim[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (name === undefined) continue;
    const c = api.tryGet<PersistentVolumeClaim>("PersistentVolumeClaim", ns, name);
    if (!c) return { status: "prefilter", reason: `persistentvolumeclaim "${name}" not found` };
    if (c.status?.phase === "Lost")
      return {
        status: "prefilter",
        reason: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${c.spec?.volumeName ?? ""}"`,
      };
    if (c.metadata?.deletionTimestamp)
      return { status: "prefilter", reason: `persistentvolumeclaim "${name}" is being deleted` };
    claims.push(c);
  }
  const delayed: PersistentVolumeClaim[] = [];
  for (const c of claims) {
    if (fullyBound(c)) continue;
    const cls = persistentVolumeClaimClass(c);
    const sc = cls ? api.tryGet<StorageClass>("StorageClass", undefined, cls) : undefined;
    // prebound claims (volumeName set) count as immediate ones
    if (sc?.volumeBindingMode === "WaitForFirstConsumer" && !c.spec?.volumeName) delayed.push(c);
    else return { status: "prefilter", reason: "pod has unbound immediate PersistentVolumeClaims" };
  }
  if (delayed.length === 0) return { status: "ok" };
  // FindPodVolumes: a matching available volume for each delayed claim (no dynamic provisioning here)
  const volumes = api.list<PersistentVolume>("PersistentVolume");
  const picks: [PersistentVolumeClaim, PersistentVolume][] = [];
  for (const c of delayed) {
    const free = volumes.filter((v) => !picks.some(([, p]) => p === v));
    const v = findBestMatch(c, free, false);
    if (!v) return { status: "filter", reason: NO_AVAILABLE_VOLUMES };
    picks.push([c, v]);
  }
  // BindPodVolumes: the static bindings are written to the volumes; the controller completes them
  for (const [c, v] of picks) {
    if (v.spec?.claimRef) continue;
    const next = structuredClone(v);
    next.spec = {
      ...next.spec,
      claimRef: {
        kind: "PersistentVolumeClaim",
        namespace: c.metadata?.namespace,
        name: c.metadata?.name,
        uid: c.metadata?.uid,
        apiVersion: "v1",
        resourceVersion: c.metadata?.resourceVersion,
      },
    };
    next.metadata = {
      ...next.metadata,
      annotations: { ...(next.metadata?.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: "yes" },
    };
    api.update("PersistentVolume", next);
  }
  return { status: "wait" };
}
