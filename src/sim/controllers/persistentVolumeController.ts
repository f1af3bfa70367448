// k8s: pkg/controller/volume/persistentvolume/pv_controller.go (+ pv_controller_base.go, index.go) — the
// persistentvolume-controller binds claims to volumes (static provisioning), records Released once a
// bound claim is gone and runs the reclaim policy; pkg/controller/volume/pvcprotection and pvprotection
// remove the kubernetes.io/pvc-protection and pv-protection finalizers once nothing uses the object.
// Simplified: no provisioning plugins (a class names a provisioner nobody runs: the claim waits), no
// recycler pod (Recycle scrubs nothing), the hostPath deleter only for /tmp/.+ as the real one.
import type { PersistentVolume, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { selectorMatches } from "../api/labelSelector";
import { compareQuantities } from "../api/quantity";
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_STORAGE_PROVISIONER,
  PV_PROTECTION_FINALIZER,
  PVC_PROTECTION_FINALIZER,
  persistentVolumeClaimClass,
  persistentVolumeClass,
  storageOf,
} from "../api/storage";
import type { ApiServer } from "../apiserver/apiServer";
import type { EventRecorder, KubeObject } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";
import { rfc3339 } from "../clock/time";
import { objectRef } from "./controllerUtils";

export const PV_CONTROLLER = "persistentvolume-controller";
const ACTOR = "controller-manager" as const;
/** kube-controller-manager --pvclaimbinder-sync-period: every claim and volume is synced this often. */
export const PV_SYNC_PERIOD_MS = 15_000;

export interface PersistentVolumeControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

const claimKey = (c: { metadata?: { namespace?: string; name?: string } }) =>
  `${c.metadata?.namespace ?? ""}/${c.metadata?.name ?? ""}`;
const pvcRef = (c: PersistentVolumeClaim) => objectRef("PersistentVolumeClaim", "v1", c as KubeObject);
const pvRef = (v: PersistentVolume) => objectRef("PersistentVolume", "v1", v as KubeObject);
const has = (o: { metadata?: { annotations?: Record<string, string> } }, a: string) =>
  o.metadata?.annotations?.[a] !== undefined;

/** IsVolumeBoundToClaim: the claimRef names this claim (and its uid, when the ref has one). */
function boundToClaim(v: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const r = v.spec?.claimRef;
  if (!r) return false;
  if (r.name !== c.metadata?.name || r.namespace !== c.metadata?.namespace) return false;
  return !r.uid || r.uid === c.metadata?.uid;
}

/** The access-mode sets an index groups volumes by, fewest modes first, that hold every mode the claim asks for. */
function modesCover(v: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const have = new Set(v.spec?.accessModes ?? []);
  return (c.spec?.accessModes ?? []).every((m) => have.has(m));
}

/** CheckVolumeModeMismatches (unset means Filesystem). */
const volumeModeMismatch = (c: PersistentVolumeClaim, v: PersistentVolume) =>
  (c.spec?.volumeMode ?? "Filesystem") !== (v.spec?.volumeMode ?? "Filesystem");

/**
 * persistentVolumeOrderedIndex.findByClaim + FindMatchingVolume: a volume pre-bound to the claim wins;
 * otherwise the smallest Available one of the claim's class whose capacity covers the request, whose
 * labels match the selector and whose access modes include the claim's (volumes with fewer modes first).
 */
export function findBestMatch(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  delayBinding: boolean,
): PersistentVolume | undefined {
  const requested = storageOf(claim.spec?.resources?.requests as Record<string, unknown>);
  const cls = persistentVolumeClaimClass(claim);
  const vac = claim.spec?.volumeAttributesClassName ?? "";
  const groups = new Map<number, PersistentVolume[]>();
  for (const v of volumes) {
    if (!modesCover(v, claim)) continue;
    const n = new Set(v.spec?.accessModes ?? []).size;
    groups.set(n, [...(groups.get(n) ?? []), v]);
  }
  for (const n of [...groups.keys()].sort((a, b) => a - b)) {
    let smallest: PersistentVolume | undefined;
    for (const v of groups.get(n) ?? []) {
      if (v.spec?.claimRef && !boundToClaim(v, claim)) continue;
      const size = storageOf(v.spec?.capacity as Record<string, unknown>);
      if (!size || (requested && compareQuantities(size, requested) < 0)) continue;
      if (volumeModeMismatch(claim, v)) continue;
      if (v.metadata?.deletionTimestamp) continue;
      if (boundToClaim(v, claim)) return v;
      if (delayBinding) continue;
      if (v.status?.phase !== "Available") continue;
      if (claim.spec?.selector && !selectorMatches(claim.spec.selector, v.metadata?.labels ?? {})) continue;
      if (persistentVolumeClass(v) !== cls) continue;
      if ((v.spec?.volumeAttributesClassName ?? "") !== vac) continue;
      const best = smallest && storageOf(smallest.spec?.capacity as Record<string, unknown>);
      if (!smallest || (best && compareQuantities(best, size) > 0)) smallest = v;
    }
    if (smallest) return smallest;
  }
  return undefined;
}

/** checkVolumeSatisfyClaim: why a pre-bound volume cannot serve the claim. */
function volumeSatisfiesClaim(v: PersistentVolume, c: PersistentVolumeClaim): string | undefined {
  const requested = storageOf(c.spec?.resources?.requests as Record<string, unknown>);
  const size = storageOf(v.spec?.capacity as Record<string, unknown>);
  if (requested && size && compareQuantities(requested, size) > 0) return "requested PV is too small";
  if (persistentVolumeClass(v) !== persistentVolumeClaimClass(c)) return "storageClassName does not match";
  if (volumeModeMismatch(c, v)) return "incompatible volumeMode";
  if (!modesCover(v, c)) return "incompatible accessMode";
  return undefined;
}

/** podIsShutDown (pvcprotection): the kubelet is done with it, or it was force-deleted. */
function podIsShutDown(p: Pod): boolean {
  if (!p.metadata?.deletionTimestamp) return false;
  return (
    p.metadata.deletionGracePeriodSeconds === 0 ||
    p.status?.phase === "Succeeded" ||
    p.status?.phase === "Failed"
  );
}

/** podUsesPVC: only scheduled pods count (the kubelet refuses a claim being deleted). */
export function podUsesClaim(p: Pod, claimName: string): boolean {
  if (!p.spec?.nodeName || podIsShutDown(p)) return false;
  return (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claimName);
}

export class PersistentVolumeController {
  private stops: (() => void)[] = [];
  private readonly claimQueue = new Set<string>();
  private readonly volumeQueue = new Set<string>();
  private timer: TimerHandle | undefined;
  private resync: TimerHandle | undefined;

  constructor(private readonly o: PersistentVolumeControllerOptions) {}

  start(): void {
    const { api } = this.o;
    this.stops.push(
      api.watch<PersistentVolumeClaim>("PersistentVolumeClaim", {}, (e) => {
        this.claimQueue.add(claimKey(e.object));
        // deleteClaim: the volume it was bound to learns at once
        const vol = e.object.spec?.volumeName;
        if (e.type === "DELETED" && vol) this.volumeQueue.add(vol);
        this.kick();
      }),
      api.watch<PersistentVolume>("PersistentVolume", {}, (e) => {
        if (e.type !== "DELETED") this.volumeQueue.add(e.object.metadata?.name ?? "");
        const ref = e.object.spec?.claimRef;
        if (ref) this.claimQueue.add(`${ref.namespace}/${ref.name}`);
        this.kick();
      }),
      // pvc-protection: a pod going away may free a claim being deleted
      api.watch<Pod>("Pod", {}, (e) => {
        if (e.type === "ADDED") return;
        const ns = e.object.metadata?.namespace ?? "";
        for (const v of e.object.spec?.volumes ?? [])
          if (v.persistentVolumeClaim) this.claimQueue.add(`${ns}/${v.persistentVolumeClaim.claimName}`);
        if (this.claimQueue.size > 0) this.kick();
      }),
    );
    this.scheduleResync();
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.o.clock.cancel(this.timer);
    this.o.clock.cancel(this.resync);
  }

  private scheduleResync(): void {
    this.resync = this.o.clock.setTimer(
      PV_SYNC_PERIOD_MS,
      () => {
        // resync: every volume, then every claim (only when there is something to look at)
        for (const v of this.o.api.list<PersistentVolume>("PersistentVolume"))
          this.volumeQueue.add(v.metadata?.name ?? "");
        for (const c of this.o.api.list<PersistentVolumeClaim>("PersistentVolumeClaim"))
          this.claimQueue.add(claimKey(c));
        this.process();
        this.scheduleResync();
      },
      "persistentvolume-controller resync",
    );
  }

  private kick(): void {
    if (this.timer !== undefined) return;
    this.timer = this.o.clock.setTimer(
      0,
      () => {
        this.timer = undefined;
        this.process();
      },
      PV_CONTROLLER,
    );
  }

  private process(): void {
    for (let round = 0; round < 5 && (this.claimQueue.size > 0 || this.volumeQueue.size > 0); round++) {
      const volumes = [...this.volumeQueue];
      this.volumeQueue.clear();
      for (const name of volumes) {
        const v = this.o.api.tryGet<PersistentVolume>("PersistentVolume", undefined, name);
        if (!v) continue;
        this.guard(() => this.syncVolume(v));
        this.guard(() => this.pvProtection(name));
      }
      const claims = [...this.claimQueue];
      this.claimQueue.clear();
      for (const key of claims) {
        const [ns, name] = key.split("/");
        const c = this.o.api.tryGet<PersistentVolumeClaim>("PersistentVolumeClaim", ns, name);
        if (!c) continue;
        this.guard(() => this.syncClaim(c));
        this.guard(() => this.pvcProtection(ns, name));
      }
    }
  }

  /** A write that lost a race (conflict, gone) is retried by the next sync, as the real workers do. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof Error && e.name === "ApiError")) throw e;
    }
  }

  private event(c: PersistentVolumeClaim, type: "Normal" | "Warning", reason: string, message: string): void {
    this.o.recorder.event(pvcRef(c), type, reason, message);
  }

  // ---- claims ----

  private syncClaim(claim: PersistentVolumeClaim): void {
    if (!has(claim, ANN_BIND_COMPLETED)) this.syncUnboundClaim(claim);
    else this.syncBoundClaim(claim);
  }

  private classOf(claim: PersistentVolumeClaim): StorageClass | undefined {
    const name = persistentVolumeClaimClass(claim);
    return name ? this.o.api.tryGet<StorageClass>("StorageClass", undefined, name) : undefined;
  }

  private syncUnboundClaim(claim: PersistentVolumeClaim): void {
    const { api } = this.o;
    const volumeName = claim.spec?.volumeName ?? "";
    if (volumeName === "") {
      // IsDelayBindingMode: the class waits for the first consumer (a missing class does not)
      const delay = this.classOf(claim)?.volumeBindingMode === "WaitForFirstConsumer";
      const volume = findBestMatch(claim, api.list<PersistentVolume>("PersistentVolume"), delay);
      if (volume) {
        this.bind(volume, claim);
        return;
      }
      if (delay) {
        this.event(
          claim,
          "Normal",
          "WaitForFirstConsumer",
          "waiting for first consumer to be created before binding",
        );
      } else if (persistentVolumeClaimClass(claim) !== "") {
        this.provisionClaim(claim);
        return;
      } else {
        this.event(
          claim,
          "Normal",
          "FailedBinding",
          "no persistent volumes available for this claim and no storage class is set",
        );
      }
      this.updateClaimStatus(claim, "Pending", undefined);
      return;
    }
    // a claim pre-bound by its user to a volume
    const volume = api.tryGet<PersistentVolume>("PersistentVolume", undefined, volumeName);
    if (!volume) {
      this.updateClaimStatus(claim, "Pending", undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const why = volumeSatisfiesClaim(volume, claim);
      if (why) {
        this.event(
          claim,
          "Warning",
          "VolumeMismatch",
          `Cannot bind to requested volume "${volumeName}": ${why}`,
        );
        this.updateClaimStatus(claim, "Pending", undefined);
        return;
      }
      this.bind(volume, claim);
      return;
    }
    if (boundToClaim(volume, claim)) {
      this.bind(volume, claim);
      return;
    }
    // the volume belongs to another claim: wait (the user may fix the binding)
    this.updateClaimStatus(claim, "Pending", undefined);
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const { api } = this.o;
    const volumeName = claim.spec?.volumeName ?? "";
    if (volumeName === "") {
      this.lost(claim, "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
      return;
    }
    const volume = api.tryGet<PersistentVolume>("PersistentVolume", undefined, volumeName);
    if (!volume) {
      this.lost(claim, "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
      return;
    }
    if (!volume.spec?.claimRef || volume.spec.claimRef.uid === claim.metadata?.uid) {
      this.bind(volume, claim);
      return;
    }
    if (claim.status?.phase !== "Lost")
      this.event(
        claim,
        "Warning",
        "ClaimMisbound",
        "Two claims are bound to the same volume, this one is bound incorrectly",
      );
    this.updateClaimStatus(claim, "Lost", undefined);
  }

  private lost(claim: PersistentVolumeClaim, message: string): void {
    if (claim.status?.phase === "Lost") return;
    this.updateClaimStatus(claim, "Lost", undefined);
    this.event(claim, "Warning", "ClaimLost", message);
  }

  /** provisionClaim: no in-tree plugin provisions here; an external provisioner is waited for. */
  private provisionClaim(claim: PersistentVolumeClaim): void {
    const name = persistentVolumeClaimClass(claim);
    const cls = this.classOf(claim);
    if (!cls) {
      this.event(claim, "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${name}" not found`);
      return;
    }
    const provisioner = cls.provisioner ?? "";
    if (provisioner.startsWith("kubernetes.io/")) {
      // findProvisionablePlugin: an in-tree name no plugin answers to
      this.event(claim, "Warning", "ProvisioningFailed", `no volume plugin matched name: ${provisioner}`);
      return;
    }
    // provisionClaimOperationExternal: the claim names its provisioner, then waits for it
    if (claim.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] !== provisioner) {
      const next = structuredClone(claim);
      next.metadata!.annotations = {
        ...(next.metadata?.annotations ?? {}),
        [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
        [ANN_STORAGE_PROVISIONER]: provisioner,
      };
      claim = this.o.api.update("PersistentVolumeClaim", next, ACTOR);
    }
    this.event(
      claim,
      "Normal",
      "ExternalProvisioning",
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  /** bind: the volume's claimRef, its Bound phase, the claim's volumeName, its Bound status. */
  private bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    const { api } = this.o;
    if (
      !boundToClaim(volume, claim) ||
      !volume.spec?.claimRef?.uid ||
      volume.spec.claimRef.uid !== claim.metadata?.uid
    ) {
      const next = structuredClone(volume);
      const setByController = !boundToClaim(volume, claim);
      next.spec!.claimRef = {
        kind: "PersistentVolumeClaim",
        namespace: claim.metadata?.namespace,
        name: claim.metadata?.name,
        uid: claim.metadata?.uid,
        apiVersion: "v1",
        resourceVersion: claim.metadata?.resourceVersion,
      };
      if (setByController)
        next.metadata!.annotations = {
          ...(next.metadata?.annotations ?? {}),
          [ANN_BOUND_BY_CONTROLLER]: "yes",
        };
      volume = api.update("PersistentVolume", next, ACTOR);
    }
    volume = this.updateVolumePhase(volume, "Bound", "");
    if (claim.spec?.volumeName !== volume.metadata?.name || !has(claim, ANN_BIND_COMPLETED)) {
      const next = structuredClone(claim);
      const ann = { ...(next.metadata?.annotations ?? {}) };
      if (next.spec?.volumeName !== volume.metadata?.name) {
        next.spec = { ...next.spec, volumeName: volume.metadata?.name };
        ann[ANN_BOUND_BY_CONTROLLER] = "yes";
      }
      ann[ANN_BIND_COMPLETED] = "yes";
      next.metadata!.annotations = ann;
      claim = api.update("PersistentVolumeClaim", next, ACTOR);
    }
    this.updateClaimStatus(claim, "Bound", volume);
  }

  private updateClaimStatus(
    claim: PersistentVolumeClaim,
    phase: string,
    volume: PersistentVolume | undefined,
  ): void {
    const status = { ...(claim.status ?? {}), phase } as NonNullable<PersistentVolumeClaim["status"]>;
    if (volume) {
      status.accessModes = [...(volume.spec?.accessModes ?? [])];
      const cap = volume.spec?.capacity?.storage;
      if (cap !== undefined) status.capacity = { storage: cap };
    } else if (phase !== "Bound" && phase !== "Lost") {
      delete status.accessModes;
      delete status.capacity;
    }
    this.o.api.updateStatus(
      "PersistentVolumeClaim",
      claim.metadata?.namespace,
      claim.metadata?.name ?? "",
      status,
      ACTOR,
    );
  }

  // ---- volumes ----

  /** updateVolumePhase: the status strategy stamps lastPhaseTransitionTime when the phase changes. */
  private updateVolumePhase(volume: PersistentVolume, phase: string, message: string): PersistentVolume {
    const st = volume.status ?? {};
    if (st.phase === phase && (st.message ?? "") === message) return volume;
    const status: Record<string, unknown> = { ...st, phase };
    if (message) status.message = message;
    else delete status.message;
    if (st.phase !== phase) status.lastPhaseTransitionTime = rfc3339(this.o.clock.wallMs());
    return this.o.api.updateStatus("PersistentVolume", undefined, volume.metadata?.name ?? "", status, ACTOR);
  }

  private syncVolume(volume: PersistentVolume): void {
    const { api } = this.o;
    const ref = volume.spec?.claimRef;
    if (!ref?.uid) {
      // unbound, or pre-bound by its user to a claim that has not bound yet
      this.updateVolumePhase(volume, "Available", "");
      return;
    }
    let claim = api.tryGet<PersistentVolumeClaim>("PersistentVolumeClaim", ref.namespace, ref.name ?? "");
    if (claim && claim.metadata?.uid !== ref.uid) claim = undefined; // deleted and created again
    if (!claim) {
      if (volume.status?.phase !== "Released" && volume.status?.phase !== "Failed")
        volume = this.updateVolumePhase(volume, "Released", "");
      this.reclaimVolume(volume);
      return;
    }
    if (!claim.spec?.volumeName) {
      // binding not finished: the claim's sync completes it
      this.claimQueue.add(claimKey(claim));
      return;
    }
    if (claim.spec.volumeName === volume.metadata?.name) {
      this.updateVolumePhase(volume, "Bound", "");
      return;
    }
    // the claim is bound to another volume: this one is free again
    const next = structuredClone(volume);
    if (has(volume, ANN_BOUND_BY_CONTROLLER)) {
      delete next.spec!.claimRef;
      delete next.metadata!.annotations![ANN_BOUND_BY_CONTROLLER];
    } else next.spec!.claimRef = { ...next.spec!.claimRef, uid: "" };
    this.updateVolumePhase(api.update("PersistentVolume", next, ACTOR), "Available", "");
  }

  /** reclaimVolume: Retain keeps it Released; Delete runs the plugin's deleter; Recycle frees it. */
  private reclaimVolume(volume: PersistentVolume): void {
    const { api } = this.o;
    const policy = volume.spec?.persistentVolumeReclaimPolicy ?? "Retain";
    if (policy === "Retain" || volume.metadata?.deletionTimestamp) return;
    if (policy === "Recycle") {
      const next = structuredClone(volume);
      delete next.spec!.claimRef;
      if (next.metadata?.annotations) delete next.metadata.annotations[ANN_BOUND_BY_CONTROLLER];
      const freed = this.updateVolumePhase(api.update("PersistentVolume", next, ACTOR), "Available", "");
      this.o.recorder.event(pvRef(freed), "Normal", "VolumeRecycled", "Volume recycled");
      return;
    }
    if (volume.status?.phase === "Failed") return;
    // the in-tree hostPath deleter (in the controller-manager's own filesystem); other sources have none
    const path = volume.spec?.hostPath?.path;
    const err =
      path === undefined
        ? `error getting deleter volume plugin for volume "${volume.metadata?.name}": no deletable volume plugin matched`
        : /\/tmp\/.+/.test(path)
          ? undefined
          : `host_path deleter only supports /tmp/.+ but received provided ${path}`;
    if (err) {
      const failed = this.updateVolumePhase(volume, "Failed", err);
      this.o.recorder.event(pvRef(failed), "Warning", "VolumeFailedDelete", err);
      return;
    }
    api.delete("PersistentVolume", undefined, volume.metadata?.name ?? "", {}, ACTOR);
  }

  // ---- protection ----

  /** pvc-protection: a claim being deleted loses its finalizer once no scheduled, running pod uses it. */
  private pvcProtection(ns: string, name: string): void {
    const { api } = this.o;
    const claim = api.tryGet<PersistentVolumeClaim>("PersistentVolumeClaim", ns, name);
    if (!claim?.metadata?.deletionTimestamp) return;
    if (!(claim.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return;
    if (api.list<Pod>("Pod", { namespace: ns }).some((p) => podUsesClaim(p, name))) return;
    const next = structuredClone(claim);
    next.metadata!.finalizers = (next.metadata?.finalizers ?? []).filter(
      (f) => f !== PVC_PROTECTION_FINALIZER,
    );
    api.update("PersistentVolumeClaim", next, ACTOR);
  }

  /** pv-protection: a volume being deleted loses its finalizer once it is not Bound. */
  private pvProtection(name: string): void {
    const { api } = this.o;
    const volume = api.tryGet<PersistentVolume>("PersistentVolume", undefined, name);
    if (!volume?.metadata?.deletionTimestamp) return;
    if (!(volume.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) return;
    if (volume.status?.phase === "Bound") return;
    const next = structuredClone(volume);
    next.metadata!.finalizers = (next.metadata?.finalizers ?? []).filter(
      (f) => f !== PV_PROTECTION_FINALIZER,
    );
    api.update("PersistentVolume", next, ACTOR);
  }
}
