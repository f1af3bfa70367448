// k8s: pkg/kubelet/volumemanager/populator/desired_state_of_world_populator.go (createVolumeSpec,
// getPVCExtractPV, getPVSpec) — a pod's persistentVolumeClaim volume is mounted as its bound PV's
// source: for a hostPath PV, the node directory itself (the hostPath plugin's GetPath).
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from "kubernetes-types/core/v1";
import type { ApiServerClient } from "../../apiserver/types";

/**
 * The volume the kubelet mounts for `v`: a claim's bound PV's hostPath as a hostPath volume; any other
 * volume as it is. A claim that cannot be resolved yields the populator's error text.
 */
export function resolveClaimVolume(pod: Pod, v: Volume, api: ApiServerClient): Volume | { error: string } {
  const ref = v.persistentVolumeClaim;
  if (!ref) return v;
  const ns = pod.metadata?.namespace ?? "default";
  const key = `${ns}/${ref.claimName}`;
  const pvc = api.tryGet<PersistentVolumeClaim>("PersistentVolumeClaim", ns, ref.claimName);
  if (!pvc)
    return {
      error: `error processing PVC ${key}: failed to fetch PVC from API server: persistentvolumeclaims "${ref.claimName}" not found`,
    };
  if (pvc.metadata?.deletionTimestamp)
    return { error: `error processing PVC ${key}: can't start pod because PVC ${key} is being deleted` };
  const pvName = pvc.spec?.volumeName ?? "";
  if (pvc.status?.phase !== "Bound" || pvName === "")
    return { error: `error processing PVC ${key}: PVC is not bound` };
  const pv = api.tryGet<PersistentVolume>("PersistentVolume", undefined, pvName);
  if (!pv || pv.spec?.claimRef?.uid !== pvc.metadata?.uid)
    return {
      error: `error processing PVC ${key}: failed to fetch PV ${JSON.stringify(pvName)} from API server: persistentvolumes "${pvName}" not found`,
    };
  // the hostPath plugin serves the node directory; other sources have no plugin here: an emptyDir stands in
  if (pv.spec?.hostPath) return { name: v.name, hostPath: { ...pv.spec.hostPath } };
  if (pv.spec?.local) return { name: v.name, hostPath: { path: pv.spec.local.path } };
  return { name: v.name, emptyDir: {} };
}
