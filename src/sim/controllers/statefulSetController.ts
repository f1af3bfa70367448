// k8s: pkg/controller/statefulset (stateful_set.go, stateful_set_control.go, stateful_set_utils.go,
// stateful_pod_control.go) — kube-controller-manager's statefulset-controller: pods with stable names
// <set>-<ordinal>, a hostname and subdomain, claims <template>-<set>-<ordinal> made from the
// volumeClaimTemplates, created in order (OrderedReady: each Running and Ready before the next) or all
// at once (Parallel), removed from the highest ordinal; RollingUpdate from the highest ordinal down to
// the partition, or OnDelete. Simplified like the other controllers here: the API server is its
// informer cache (no expectations), the queue is drained on a clock tick after a change, and
// maxUnavailable is 1 (the MaxUnavailableStatefulSet gate is off in 1.34).
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, Volume } from "kubernetes-types/core/v1";
import { CONTROLLER_REVISION_HASH_LABEL } from "../api/daemonSet";
import { jsonEqual } from "../api/equality";
import { selectorMatches } from "../api/labelSelector";
import { POD_INDEX_LABEL, STATEFULSET_POD_NAME_LABEL } from "../api/statefulSet";
import type { ApiServer } from "../apiserver/apiServer";
import {
  ApiError,
  type ApiServerClient,
  type EventRecorder,
  type KubeObject,
  type ObjectReference,
} from "../apiserver/types";
import type { Clock } from "../clock";
import {
  claimObjects,
  controllerOf,
  isPodAvailable,
  isPodReady,
  keyOf,
  newControllerRef,
  objectRef,
  ownerKeysFor,
  readySince,
  WorkQueue,
} from "./controllerUtils";
import { computeHash } from "./deploymentUtil";

/** names.StatefulSetController: its Events' source component. */
export const STATEFULSET_CONTROLLER = "statefulset-controller";

const ACTOR = "controller-manager" as const;

export function statefulSetRef(set: StatefulSet): ObjectReference {
  return objectRef("StatefulSet", "apps/v1", set);
}

/** getParentNameAndOrdinal: `web-2` → ["web", 2]; -1 when the name has no ordinal. */
export function parentAndOrdinal(pod: { metadata?: { name?: string } }): [string, number] {
  const m = /^(.*)-([0-9]+)$/.exec(pod.metadata?.name ?? "");
  return m ? [m[1], Number(m[2])] : ["", -1];
}

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export const claimName = (set: StatefulSet, template: string, ordinal: number): string =>
  `${template}-${set.metadata?.name}-${ordinal}`;

const phaseOf = (p: Pod) => p.status?.phase ?? "";
/** isCreated: the API server has given the pod a phase. */
const isCreated = (p: Pod) => phaseOf(p) !== "";
const isTerminating = (p: Pod) => !!p.metadata?.deletionTimestamp;
const isRunningAndReady = (p: Pod) => phaseOf(p) === "Running" && isPodReady(p);
const revisionOfPod = (p: Pod) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? "";

/** The ControllerRevision's data: the template as a replacing strategic-merge patch (getPatch). */
function revisionData(set: StatefulSet): Record<string, unknown> {
  return { spec: { template: { ...structuredClone(set.spec?.template ?? {}), $patch: "replace" } } };
}

/** The template a ControllerRevision holds (ApplyRevision). */
export function statefulSetRevisionTemplate(cr: ControllerRevision): PodTemplateSpec {
  const data = (cr.data ?? {}) as { spec?: { template?: PodTemplateSpec & { $patch?: string } } };
  const t = structuredClone(data.spec?.template ?? {});
  delete t.$patch;
  return t;
}

/** The ControllerRevisions a StatefulSet controls. */
export function statefulSetRevisions(
  api: Pick<ApiServerClient, "list">,
  set: StatefulSet,
): ControllerRevision[] {
  const uid = set.metadata?.uid;
  return api
    .list<ControllerRevision>("ControllerRevision", { namespace: set.metadata?.namespace })
    .filter((cr) => controllerOf(cr)?.uid === uid);
}

export interface StatefulSetControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

export class StatefulSetController {
  private stops: (() => void)[] = [];
  private readonly work: WorkQueue;

  constructor(private readonly o: StatefulSetControllerOptions) {
    this.work = new WorkQueue({
      clock: this.o.clock,
      name: "statefulset controller",
      sync: (key) => this.sync(key),
    });
  }

  start(): void {
    this.stops.push(
      this.o.api.watch<StatefulSet>("StatefulSet", {}, (e) => this.work.add(keyOf(e.object))),
      this.o.api.watch<Pod>("Pod", {}, (e) => this.podChanged(e.type === "DELETED", e.object)),
      this.o.api.watch<ControllerRevision>("ControllerRevision", {}, (e) => {
        const ref = controllerOf(e.object);
        if (ref?.kind === "StatefulSet") this.work.add(`${e.object.metadata?.namespace}/${ref.name}`);
      }),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.work.stop();
  }

  /** addPod/updatePod/deletePod: the owning StatefulSet, or (an orphan) every one that could adopt it. */
  private podChanged(deleted: boolean, pod: Pod): void {
    for (const k of ownerKeysFor(this.o.api, pod, deleted, "StatefulSet")) this.work.add(k);
  }

  /** sync: claim the pods, find the revisions, updateStatefulSet, write the status, trim the history. */
  sync(key: string): void {
    const [ns, name] = key.split("/");
    const set = this.o.api.tryGet<StatefulSet>("StatefulSet", ns, name);
    if (!set || set.metadata?.deletionTimestamp) return;
    const pods = this.claimPods(set);
    const { current, update, old } = this.revisions(set);
    const collisionCount = this.collisionCount ?? set.status?.collisionCount ?? 0;
    this.collisionCount = undefined;
    this.updateStatefulSet(set, pods, current, update);
    this.writeStatus(set, current, update, collisionCount);
    this.truncateHistory(set, old, current, update);
  }

  private collisionCount: number | undefined;

  /** ClaimPods with isMemberOf: matching pods named <set>-<ordinal> are adopted, non-matching released. */
  private claimPods(set: StatefulSet): Pod[] {
    const pods = this.o.api.list<Pod>("Pod", { namespace: set.metadata?.namespace });
    return claimObjects(
      this.o.api,
      "Pod",
      set,
      newControllerRef(set, "apps/v1", "StatefulSet"),
      pods,
      (pod) =>
        selectorMatches(set.spec?.selector, pod.metadata?.labels) &&
        parentAndOrdinal(pod)[0] === set.metadata?.name,
    );
  }

  /**
   * getStatefulSetRevisions: the update revision is the one whose data equals the template (renumbered
   * to the newest when an old one comes back), else a new one; the current revision is the one the
   * status names (the update revision when there is none).
   */
  private revisions(set: StatefulSet): {
    current: ControllerRevision;
    update: ControllerRevision;
    old: ControllerRevision[];
  } {
    const all = statefulSetRevisions(this.o.api, set).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    const data = revisionData(set);
    const next = Math.max(0, ...all.map((h) => h.revision ?? 0)) + 1;
    const equal = all.filter((h) => jsonEqual(h.data, data));
    let update: ControllerRevision;
    if (equal.length > 0) {
      update = equal[equal.length - 1];
      // the newest revision keeps its number; an older equal one is rolled forward
      if (update !== all[all.length - 1])
        update = this.o.api.update<ControllerRevision>(
          "ControllerRevision",
          { ...update, revision: next } as ControllerRevision & KubeObject,
          ACTOR,
        );
    } else update = this.snapshot(set, data, next);
    const currentName = set.status?.currentRevision;
    const current =
      all.find((h) => h.metadata?.name === currentName && h.metadata?.name !== update.metadata?.name) ??
      update;
    const names = new Set([current.metadata?.name, update.metadata?.name]);
    return { current, update, old: all.filter((h) => !names.has(h.metadata?.name)) };
  }

  /** newRevision: a ControllerRevision `<set>-<hash>` with the template's labels and the set's annotations. */
  private snapshot(set: StatefulSet, data: Record<string, unknown>, revision: number): ControllerRevision {
    let collisionCount = set.status?.collisionCount ?? 0;
    for (;;) {
      const hash = computeHash(set.spec?.template ?? {}, collisionCount);
      const name = `${set.metadata?.name}-${hash}`;
      const cr: ControllerRevision = {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: {
          name,
          namespace: set.metadata?.namespace,
          labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
          annotations: { ...(set.metadata?.annotations ?? {}) },
          ownerReferences: [newControllerRef(set, "apps/v1", "StatefulSet")],
        },
        data,
        revision,
      };
      if (Object.keys(cr.metadata?.annotations ?? {}).length === 0) delete cr.metadata?.annotations;
      try {
        return this.o.api.create<ControllerRevision>("ControllerRevision", cr, ACTOR);
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 409) throw e;
        const existing = this.o.api.get<ControllerRevision>(
          "ControllerRevision",
          set.metadata?.namespace,
          name,
        );
        if (controllerOf(existing)?.uid === set.metadata?.uid && jsonEqual(existing.data, data))
          return existing;
        collisionCount++;
        this.collisionCount = collisionCount;
      }
    }
  }

  /** The set as one of its revisions made it (ApplyRevision): the template it held. */
  private applied(set: StatefulSet, cr: ControllerRevision): StatefulSet {
    return { ...set, spec: { ...set.spec!, template: statefulSetRevisionTemplate(cr) } };
  }

  /** newVersionedStatefulSetPod: below the partition (or currentReplicas) a pod keeps the current revision. */
  private versionedPod(
    set: StatefulSet,
    current: ControllerRevision,
    update: ControllerRevision,
    ordinal: number,
  ): Pod {
    const strategy = set.spec?.updateStrategy;
    const start = set.spec?.ordinals?.start ?? 0;
    const useCurrent =
      strategy?.type === "RollingUpdate" &&
      ((strategy.rollingUpdate === undefined && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
        (strategy.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0)));
    const rev = useCurrent ? current : update;
    return this.newPod(this.applied(set, rev), rev.metadata?.name ?? "", ordinal);
  }

  /** newStatefulSetPod: GetPodFromTemplate + updateIdentity + updateStorage + the revision label. */
  private newPod(set: StatefulSet, revision: string, ordinal: number): Pod {
    const t = set.spec?.template ?? {};
    const name = `${set.metadata?.name}-${ordinal}`;
    const labels: Record<string, string> = {
      ...(t.metadata?.labels ?? {}),
      [STATEFULSET_POD_NAME_LABEL]: name,
      [POD_INDEX_LABEL]: String(ordinal),
      [CONTROLLER_REVISION_HASH_LABEL]: revision,
    };
    const metadata: NonNullable<Pod["metadata"]> = { name, namespace: set.metadata?.namespace, labels };
    const annotations = t.metadata?.annotations;
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
    if (t.metadata?.finalizers?.length) metadata.finalizers = [...t.metadata.finalizers];
    metadata.ownerReferences = [newControllerRef(set, "apps/v1", "StatefulSet")];
    const spec = structuredClone(t.spec) ?? { containers: [] };
    spec.hostname = name;
    if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
    // updateStorage: the claim volumes first, then the template's other volumes
    const templates = set.spec?.volumeClaimTemplates ?? [];
    if (templates.length > 0) {
      const claimVolumes: Volume[] = templates.map((c) => ({
        name: c.metadata?.name ?? "",
        persistentVolumeClaim: { claimName: claimName(set, c.metadata?.name ?? "", ordinal) },
      }));
      const names = new Set(claimVolumes.map((v) => v.name));
      spec.volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !names.has(v.name))];
    }
    return { apiVersion: "v1", kind: "Pod", metadata, spec };
  }

  /** getPersistentVolumeClaims: each template named for the ordinal, labelled with the selector's matchLabels. */
  private claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
    return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
      const { apiVersion: _a, kind: _k, status: _s, ...rest } = structuredClone(t);
      const labels = { ...(t.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
      return {
        ...rest,
        metadata: {
          ...(rest.metadata ?? {}),
          name: claimName(set, t.metadata?.name ?? "", ordinal),
          namespace: set.metadata?.namespace,
          labels,
        },
      };
    });
  }

  /** createPersistentVolumeClaims: the pod's missing claims, each with its event. */
  private createClaims(set: StatefulSet, pod: Pod): boolean {
    const ref = statefulSetRef(set);
    const ordinal = parentAndOrdinal(pod)[1];
    for (const claim of this.claimsFor(set, ordinal)) {
      const name = claim.metadata?.name ?? "";
      if (this.o.api.tryGet("PersistentVolumeClaim", set.metadata?.namespace, name)) continue;
      try {
        this.o.api.create("PersistentVolumeClaim", claim as KubeObject, ACTOR);
        this.o.recorder.event(
          ref,
          "Normal",
          "SuccessfulCreate",
          `create Claim ${name} Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} success`,
        );
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.o.recorder.event(
          ref,
          "Warning",
          "FailedCreate",
          `create Claim ${name} for Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${e.message}`,
        );
        return false;
      }
    }
    return true;
  }

  /** CreateStatefulPod: the claims, then the pod; the pod control's events. */
  private createPod(set: StatefulSet, pod: Pod): boolean {
    if (!this.createClaims(set, pod)) return false;
    const ref = statefulSetRef(set);
    try {
      this.o.api.create<Pod>("Pod", pod, ACTOR);
      this.o.recorder.event(
        ref,
        "Normal",
        "SuccessfulCreate",
        `create Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`,
      );
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.o.recorder.event(
        ref,
        "Warning",
        "FailedCreate",
        `create Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${e.message}`,
      );
      return false;
    }
  }

  /** DeleteStatefulPod */
  private deletePod(set: StatefulSet, pod: Pod): void {
    const ref = statefulSetRef(set);
    try {
      this.o.api.delete("Pod", pod.metadata?.namespace, pod.metadata?.name ?? "", {}, ACTOR);
      this.o.recorder.event(
        ref,
        "Normal",
        "SuccessfulDelete",
        `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`,
      );
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 404) return;
      this.o.recorder.event(
        ref,
        "Warning",
        "FailedDelete",
        `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${e.message}`,
      );
    }
  }

  /** isHealthy for the rolling update and the ordered steps: running, ready (available) and not terminating. */
  private healthy(set: StatefulSet, pod: Pod): boolean {
    const min = set.spec?.minReadySeconds ?? 0;
    if (!isRunningAndReady(pod) || isTerminating(pod)) return false;
    if (min > 0 && !isPodAvailable(pod, min, this.o.clock.wallMs())) {
      const since = readySince(pod) ?? this.o.clock.wallMs();
      this.work.addAfter(keyOf(set), Math.max(1, since + min * 1000 + 1 - this.o.clock.wallMs()));
      return false;
    }
    return true;
  }

  /**
   * updateStatefulSet (the monotonic path for OrderedReady, the burst path for Parallel): replace failed
   * pods, create the missing ones, remove condemned ones from the highest ordinal, then roll the update
   * from the highest ordinal down to the partition.
   */
  private updateStatefulSet(
    set: StatefulSet,
    pods: Pod[],
    current: ControllerRevision,
    update: ControllerRevision,
  ): void {
    const monotonic = set.spec?.podManagementPolicy !== "Parallel";
    const start = set.spec?.ordinals?.start ?? 0;
    const count = set.spec?.replicas ?? 1;
    const replicas: (Pod | undefined)[] = new Array(count).fill(undefined);
    const condemned: Pod[] = [];
    for (const pod of pods) {
      const ord = parentAndOrdinal(pod)[1];
      if (ord >= start && ord < start + count) replicas[ord - start] = pod;
      else if (ord >= 0) condemned.push(pod);
    }
    condemned.sort((a, b) => parentAndOrdinal(b)[1] - parentAndOrdinal(a)[1]);
    const ref = statefulSetRef(set);
    for (let i = 0; i < count; i++) {
      const ordinal = start + i;
      let pod = replicas[i];
      const phase = pod ? phaseOf(pod) : "";
      if (pod && (phase === "Failed" || phase === "Succeeded")) {
        if (!isTerminating(pod)) {
          this.o.recorder.event(
            ref,
            "Warning",
            phase === "Failed" ? "RecreatingFailedPod" : "RecreatingTerminatedPod",
            `StatefulSet ${set.metadata?.namespace}/${set.metadata?.name} is recreating ${phase === "Failed" ? "failed" : "terminated"} Pod ${pod.metadata?.name}`,
          );
          this.deletePod(set, pod);
        }
        // the new pod is made on a later sync, once the old one is gone
        if (monotonic) return;
        continue;
      }
      if (!pod) {
        pod = this.versionedPod(set, current, update, ordinal);
        replicas[i] = pod;
        const ok = this.createPod(set, pod);
        if (monotonic || !ok) return;
        continue;
      }
      // a pod whose claims went missing gets them again
      if (!isTerminating(pod)) this.createClaims(set, pod);
      if (isTerminating(pod) && monotonic) return;
      if (monotonic && !this.healthy(set, pod)) return;
    }
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return;
        continue;
      }
      this.deletePod(set, pod);
      if (monotonic) return;
    }
    if (set.spec?.updateStrategy?.type !== "RollingUpdate") return;
    const partition = set.spec.updateStrategy.rollingUpdate?.partition ?? 0;
    const updateName = update.metadata?.name ?? "";
    for (let target = count - 1; target >= Math.max(0, partition - start); target--) {
      const pod = replicas[target];
      if (!pod || !isCreated(pod)) return;
      if (revisionOfPod(pod) !== updateName && !isTerminating(pod)) {
        this.deletePod(set, pod);
        return;
      }
      if (!this.healthy(set, pod)) return;
    }
  }

  /** computeReplicaStatus + completeRollingUpdate + the revisions, written when they changed. */
  private writeStatus(
    set: StatefulSet,
    current: ControllerRevision,
    update: ControllerRevision,
    collisionCount: number,
  ): void {
    const fresh = this.o.api.tryGet<StatefulSet>(
      "StatefulSet",
      set.metadata?.namespace,
      set.metadata?.name ?? "",
    );
    if (!fresh) return;
    const pods = this.o.api
      .list<Pod>("Pod", { namespace: fresh.metadata?.namespace })
      .filter((p) => controllerOf(p)?.uid === fresh.metadata?.uid);
    const min = fresh.spec?.minReadySeconds ?? 0;
    const now = this.o.clock.wallMs();
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let currentReplicas = 0;
    let updated = 0;
    for (const p of pods) {
      if (isCreated(p)) replicas++;
      if (isRunningAndReady(p)) {
        ready++;
        if (isPodAvailable(p, min, now)) available++;
      }
      if (isCreated(p) && !isTerminating(p)) {
        const rev = revisionOfPod(p);
        if (rev === current.metadata?.name) currentReplicas++;
        if (rev === update.metadata?.name) updated++;
      }
    }
    let currentRevision = current.metadata?.name ?? "";
    if (fresh.spec?.updateStrategy?.type === "RollingUpdate" && updated === replicas && ready === replicas) {
      currentReplicas = updated;
      currentRevision = update.metadata?.name ?? "";
    }
    const status: StatefulSetStatus = {
      observedGeneration: fresh.metadata?.generation ?? 1,
      replicas,
      availableReplicas: available,
      currentRevision,
      updateRevision: update.metadata?.name ?? "",
      collisionCount,
    };
    // omitempty
    if (ready > 0) status.readyReplicas = ready;
    if (currentReplicas > 0) status.currentReplicas = currentReplicas;
    if (updated > 0) status.updatedReplicas = updated;
    if (!jsonEqual(status, fresh.status))
      this.o.api.updateStatus(
        "StatefulSet",
        fresh.metadata?.namespace,
        fresh.metadata?.name ?? "",
        status,
        ACTOR,
      );
  }

  /** truncateHistory: old revisions beyond revisionHistoryLimit that no live pod uses, oldest first. */
  private truncateHistory(
    set: StatefulSet,
    old: ControllerRevision[],
    current: ControllerRevision,
    update: ControllerRevision,
  ): void {
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    const live = new Set(
      this.o.api
        .list<Pod>("Pod", { namespace: set.metadata?.namespace })
        .filter((p) => controllerOf(p)?.uid === set.metadata?.uid)
        .map(revisionOfPod),
    );
    live.add(current.metadata?.name ?? "");
    live.add(update.metadata?.name ?? "");
    const candidates = old.filter((h) => !live.has(h.metadata?.name ?? ""));
    const toKill = candidates.length - limit;
    for (const h of candidates.slice(0, Math.max(0, toKill)))
      this.o.api.delete("ControllerRevision", h.metadata?.namespace, h.metadata?.name ?? "", {}, ACTOR);
  }
}
