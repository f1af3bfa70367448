// k8s: pkg/controller/replicaset/replica_set.go + replica_set_utils.go — kube-controller-manager's
// replicaset-controller. Simplified: its informers are the API server itself (no cache lag, so no
// expectations are needed), and the work queue is drained on a clock tick after the change.
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { jsonEqual } from "../api/equality";
import { type LabelSelector, selectorMatches } from "../api/labelSelector";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError, type EventRecorder, type ObjectReference } from "../apiserver/types";
import type { Clock } from "../clock";
import { rfc3339 } from "../clock/time";
import {
  BURST_REPLICAS,
  claimObjects,
  isPodActive,
  isPodAvailable,
  isPodReady,
  keyOf,
  newControllerRef,
  objectRef,
  ownerKeysFor,
  podsToDelete,
  readySince,
  SLOW_START_INITIAL_BATCH,
  slowStartBatch,
  WorkQueue,
} from "./controllerUtils";

/** names.ReplicaSetController: its Events' source component. */
export const REPLICASET_CONTROLLER = "replicaset-controller";

const ACTOR = "controller-manager" as const;

/** The Event's involvedObject: what GetReference makes of a ReplicaSet. */
export function replicaSetRef(rs: ReplicaSet): ObjectReference {
  return objectRef("ReplicaSet", "apps/v1", rs);
}

/**
 * The kind a ReplicaSet controller runs over: ReplicaSets, or ReplicationControllers (the real
 * ReplicationManager is this controller, fed ReplicationControllers converted to ReplicaSets).
 */
export interface ReplicaKind {
  kind: "ReplicaSet" | "ReplicationController";
  apiVersion: string;
  /** Its timers' names: `replicaset controller sync`. */
  name: string;
  /** Whether its selector takes these labels (a LabelSelector, or a ReplicationController's map). */
  selects(selector: unknown, labels: Record<string, string> | undefined): boolean;
}

export const REPLICA_SET_KIND: ReplicaKind = {
  kind: "ReplicaSet",
  apiVersion: "apps/v1",
  name: "replicaset controller",
  selects: (selector, labels) => selectorMatches(selector as LabelSelector | undefined, labels),
};

export interface ReplicaSetControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
  /** ReplicaSets unless told otherwise. */
  kind?: ReplicaKind;
}

export class ReplicaSetController {
  private stops: (() => void)[] = [];
  private readonly work: WorkQueue;

  private readonly k: ReplicaKind;

  constructor(private readonly o: ReplicaSetControllerOptions) {
    this.work = new WorkQueue({
      clock: this.o.clock,
      name: "replicaset controller",
      sync: (key) => this.syncReplicaSet(key),
    });
    this.k = o.kind ?? REPLICA_SET_KIND;
  }

  start(): void {
    this.stops.push(
      this.o.api.watch<ReplicaSet>(this.k.kind, {}, (e) => this.work.add(keyOf(e.object))),
      this.o.api.watch<Pod>("Pod", {}, (e) => this.podChanged(e.type === "DELETED", e.object)),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.work.stop();
  }

  /** addPod/updatePod/deletePod: the owning ReplicaSet, or (an orphan) every one that could adopt it. */
  private podChanged(deleted: boolean, pod: Pod): void {
    for (const k of ownerKeysFor(this.o.api, pod, deleted, this.k.kind, this.k.selects)) this.work.add(k);
  }

  private now(): string {
    return rfc3339(this.o.clock.wallMs());
  }

  /** syncReplicaSet: claim the pods, make their number right, write the status. */
  syncReplicaSet(key: string): void {
    const [ns, name] = key.split("/");
    const rs = this.o.api.tryGet<ReplicaSet>(this.k.kind, ns, name);
    if (!rs) return;
    const active = this.o.api.list<Pod>("Pod", { namespace: ns }).filter(isPodActive);
    const pods = this.claimPods(rs, active);
    let manageError: ApiError | undefined;
    if (!rs.metadata?.deletionTimestamp) manageError = this.manageReplicas(pods, rs);
    const current = this.o.api.tryGet<ReplicaSet>(this.k.kind, ns, name);
    if (!current) return;
    const status = this.calculateStatus(current, pods, manageError, pods.length - (rs.spec?.replicas ?? 0));
    let updated = current;
    try {
      updated = this.o.api.updateStatus<ReplicaSet>(this.k.kind, ns, name, status, ACTOR);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return;
    }
    const min = updated.spec?.minReadySeconds ?? 0;
    const want = updated.spec?.replicas ?? 0;
    if (
      !manageError &&
      min > 0 &&
      (updated.status?.readyReplicas ?? 0) === want &&
      (updated.status?.availableReplicas ?? 0) !== want
    )
      this.work.addAfter(key, this.untilAvailable(pods, min));
  }

  /**
   * The real controller looks again minReadySeconds later (AddAfter). Virtual time has no jitter: a
   * pod that turned ready on a whole second would miss "ready for longer than minReadySeconds" by an
   * instant, so the look comes when the first ready pod crosses that line.
   */
  private untilAvailable(pods: Pod[], minReadySeconds: number): number {
    const now = this.o.clock.wallMs();
    let next = minReadySeconds * 1000;
    for (const p of pods) {
      const since = readySince(p);
      if (since === undefined || isPodAvailable(p, minReadySeconds, now)) continue;
      next = Math.min(next, Math.max(1, since + minReadySeconds * 1000 + 1 - now));
    }
    return next;
  }

  /** ClaimPods: keep our pods that still match, release those that do not, adopt matching orphans. */
  private claimPods(rs: ReplicaSet, pods: Pod[]): Pod[] {
    return claimObjects(
      this.o.api,
      "Pod",
      rs,
      newControllerRef(rs, this.k.apiVersion, this.k.kind),
      pods,
      (pod) => this.k.selects(rs.spec?.selector, pod.metadata?.labels),
    );
  }

  /** manageReplicas: create the missing pods (slow start) or delete the surplus, most expendable first. */
  private manageReplicas(pods: Pod[], rs: ReplicaSet): ApiError | undefined {
    const want = rs.spec?.replicas ?? 0;
    const diff = pods.length - want;
    const ref = objectRef(this.k.kind, this.k.apiVersion, rs);
    if (diff < 0) {
      let error: ApiError | undefined;
      slowStartBatch(Math.min(-diff, BURST_REPLICAS), SLOW_START_INITIAL_BATCH, () => {
        try {
          const created = this.o.api.create<Pod>("Pod", this.podFromTemplate(rs), ACTOR);
          this.o.recorder.event(ref, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata?.name}`);
          return true;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          this.o.recorder.event(ref, "Warning", "FailedCreate", `Error creating: ${e.message}`);
          error = e;
          return false;
        }
      });
      return error;
    }
    if (diff > 0) {
      let error: ApiError | undefined;
      const victims = podsToDelete(pods, pods, Math.min(diff, BURST_REPLICAS), this.o.clock.wallMs());
      for (const p of victims) {
        const podName = p.metadata?.name ?? "";
        try {
          this.o.api.delete("Pod", p.metadata?.namespace, podName, {}, ACTOR);
          this.o.recorder.event(ref, "Normal", "SuccessfulDelete", `Deleted pod: ${podName}`);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          if (e.code === 404) continue;
          this.o.recorder.event(ref, "Warning", "FailedDelete", `Error deleting: ${e.message}`);
          error = e;
        }
      }
      return error;
    }
    return undefined;
  }

  /** GetPodFromTemplate: the template's labels, annotations and spec, named `<rs>-` + 5 random characters. */
  private podFromTemplate(rs: ReplicaSet): Pod {
    const t = rs.spec?.template ?? {};
    const metadata: NonNullable<Pod["metadata"]> = {
      generateName: `${rs.metadata?.name}-`,
      namespace: rs.metadata?.namespace,
    };
    const labels = t.metadata?.labels;
    if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
    const annotations = t.metadata?.annotations;
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
    if (t.metadata?.finalizers?.length) metadata.finalizers = [...t.metadata.finalizers];
    metadata.ownerReferences = [newControllerRef(rs, this.k.apiVersion, this.k.kind)];
    return { apiVersion: "v1", kind: "Pod", metadata, spec: structuredClone(t.spec) ?? { containers: [] } };
  }

  /** calculateStatus: counts of the claimed pods, and the ReplicaFailure condition of a failed sync. */
  private calculateStatus(
    rs: ReplicaSet,
    pods: Pod[],
    manageError: ApiError | undefined,
    diff: number,
  ): ReplicaSetStatus {
    const tplLabels = rs.spec?.template?.metadata?.labels ?? {};
    const now = this.o.clock.wallMs();
    const min = rs.spec?.minReadySeconds ?? 0;
    let fully = 0;
    let ready = 0;
    let available = 0;
    for (const p of pods) {
      const l = p.metadata?.labels ?? {};
      if (Object.entries(tplLabels).every(([k, v]) => l[k] === v)) fully++;
      if (isPodReady(p)) {
        ready++;
        if (isPodAvailable(p, min, now)) available++;
      }
    }
    const status: ReplicaSetStatus = { ...(rs.status ?? { replicas: 0 }) };
    const failure = status.conditions?.find((c) => c.type === "ReplicaFailure");
    if (manageError && !failure) {
      const cond: ReplicaSetCondition = {
        type: "ReplicaFailure",
        status: "True",
        lastTransitionTime: this.now(),
        reason: diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "",
        message: manageError.message,
      };
      status.conditions = [...(status.conditions ?? []), cond];
    } else if (!manageError && failure) {
      status.conditions = status.conditions?.filter((c) => c.type !== "ReplicaFailure");
      if (status.conditions?.length === 0) delete status.conditions;
    }
    status.replicas = pods.length;
    // omitempty: zero counts are not sent
    const set = (k: "fullyLabeledReplicas" | "readyReplicas" | "availableReplicas", v: number) => {
      if (v > 0) status[k] = v;
      else delete status[k];
    };
    set("fullyLabeledReplicas", fully);
    set("readyReplicas", ready);
    set("availableReplicas", available);
    status.observedGeneration = rs.metadata?.generation ?? 1;
    if (jsonEqual(status, rs.status)) return rs.status as ReplicaSetStatus;
    return status;
  }
}
