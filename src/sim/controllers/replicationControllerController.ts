// k8s: pkg/controller/replication (replication_controller.go, conversion.go) — kube-controller-manager's
// replicationcontroller controller: the ReplicaSet controller run over ReplicationControllers (an
// equality-based selector), with its own component name in the events. Simplified like the others: the
// API server is its cache, the queue drains on a clock tick after a change.
import type { Pod, ReplicationController, ReplicationControllerStatus } from "kubernetes-types/core/v1";
import { jsonEqual } from "../api/equality";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError, type EventRecorder, type KubeObject, type ObjectReference } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";
import { rfc3339 } from "../clock/time";
import {
  BURST_REPLICAS,
  controllerOf,
  isPodActive,
  isPodAvailable,
  isPodReady,
  keyOf,
  newControllerRef,
  objectRef,
  podsToDelete,
  readySince,
  SLOW_START_INITIAL_BATCH,
  slowStartBatch,
} from "./controllerUtils";

/** names.ReplicationControllerController: its Events' source component. */
export const REPLICATION_CONTROLLER = "replication-controller";

const ACTOR = "controller-manager" as const;

export function replicationControllerRef(rc: ReplicationController): ObjectReference {
  return objectRef("ReplicationController", "v1", rc);
}

/** labels.SelectorFromSet: every key=value of the map; an empty map selects nothing here. */
export function rcSelects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

export interface ReplicationControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

export class ReplicationManager {
  private readonly queue = new Set<string>();
  private scheduled = false;
  private readonly later = new Map<string, TimerHandle>();
  private stops: (() => void)[] = [];

  constructor(private readonly o: ReplicationControllerOptions) {}

  start(): void {
    this.stops.push(
      this.o.api.watch<ReplicationController>("ReplicationController", {}, (e) =>
        this.enqueue(keyOf(e.object)),
      ),
      this.o.api.watch<Pod>("Pod", {}, (e) => this.podChanged(e.type === "DELETED", e.object)),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    for (const t of this.later.values()) this.o.clock.cancel(t);
    this.later.clear();
  }

  private podChanged(deleted: boolean, pod: Pod): void {
    const ns = pod.metadata?.namespace ?? "default";
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind === "ReplicationController") this.enqueue(`${ns}/${ref.name}`);
      return;
    }
    if (deleted || pod.metadata?.deletionTimestamp) return;
    for (const rc of this.o.api.list<ReplicationController>("ReplicationController", { namespace: ns }))
      if (rcSelects(rc.spec?.selector, pod.metadata?.labels)) this.enqueue(keyOf(rc));
  }

  private enqueue(key: string): void {
    this.queue.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    this.o.clock.setTimer(0, () => this.drain(), "replication controller sync");
  }

  private enqueueAfter(key: string, ms: number): void {
    if (this.later.has(key)) return;
    this.later.set(
      key,
      this.o.clock.setTimer(
        ms,
        () => {
          this.later.delete(key);
          this.enqueue(key);
        },
        "replication controller requeue",
      ),
    );
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.queue].sort();
    this.queue.clear();
    for (const k of keys) this.sync(k);
  }

  /** syncReplicaSet over a ReplicationController: claim, manage the count, write the status. */
  sync(key: string): void {
    const [ns, name] = key.split("/");
    const rc = this.o.api.tryGet<ReplicationController>("ReplicationController", ns, name);
    if (!rc) return;
    const active = this.o.api.list<Pod>("Pod", { namespace: ns }).filter(isPodActive);
    const pods = this.claimPods(rc, active);
    let manageError: ApiError | undefined;
    if (!rc.metadata?.deletionTimestamp) manageError = this.manage(pods, rc);
    const current = this.o.api.tryGet<ReplicationController>("ReplicationController", ns, name);
    if (!current) return;
    const status = this.calculateStatus(current, pods, manageError, pods.length - (rc.spec?.replicas ?? 1));
    if (jsonEqual(status, current.status)) return;
    try {
      const updated = this.o.api.updateStatus<ReplicationController>(
        "ReplicationController",
        ns,
        name,
        status,
        ACTOR,
      );
      const min = updated.spec?.minReadySeconds ?? 0;
      const want = updated.spec?.replicas ?? 1;
      if (
        min > 0 &&
        (updated.status?.readyReplicas ?? 0) === want &&
        (updated.status?.availableReplicas ?? 0) !== want
      ) {
        const now = this.o.clock.wallMs();
        const since = Math.min(...pods.map((p) => readySince(p) ?? now));
        this.enqueueAfter(key, Math.max(1, since + min * 1000 + 1 - now));
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private claimPods(rc: ReplicationController, pods: Pod[]): Pod[] {
    const uid = rc.metadata?.uid;
    const deleting = !!rc.metadata?.deletionTimestamp;
    const claimed: Pod[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      const matches = rcSelects(rc.spec?.selector, pod.metadata?.labels);
      if (ref) {
        if (ref.uid !== uid) continue;
        if (matches) claimed.push(pod);
        else if (!deleting) this.patchOwners(pod, (refs) => refs.filter((r) => r.uid !== uid));
        continue;
      }
      if (deleting || !matches || pod.metadata?.deletionTimestamp) continue;
      const adopted = this.patchOwners(pod, (refs) => [
        ...refs,
        newControllerRef(rc, "v1", "ReplicationController"),
      ]);
      if (adopted) claimed.push(adopted);
    }
    return claimed;
  }

  private patchOwners(
    pod: Pod,
    change: (
      refs: NonNullable<NonNullable<Pod["metadata"]>["ownerReferences"]>,
    ) => NonNullable<NonNullable<Pod["metadata"]>["ownerReferences"]>,
  ): Pod | undefined {
    const refs = change([...(pod.metadata?.ownerReferences ?? [])]);
    const metadata = { ...pod.metadata, ownerReferences: refs };
    if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
    try {
      return this.o.api.update<Pod>("Pod", { ...pod, metadata } as Pod & KubeObject, ACTOR);
    } catch (e) {
      if (e instanceof ApiError) return undefined;
      throw e;
    }
  }

  /** manageReplicas: create the missing pods (slow start), or delete the surplus, most expendable first. */
  private manage(pods: Pod[], rc: ReplicationController): ApiError | undefined {
    const diff = pods.length - (rc.spec?.replicas ?? 1);
    const ref = replicationControllerRef(rc);
    let error: ApiError | undefined;
    if (diff < 0) {
      slowStartBatch(Math.min(-diff, BURST_REPLICAS), SLOW_START_INITIAL_BATCH, () => {
        try {
          const created = this.o.api.create<Pod>("Pod", this.podFromTemplate(rc), ACTOR);
          this.o.recorder.event(ref, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata?.name}`);
          return true;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          this.o.recorder.event(ref, "Warning", "FailedCreate", `Error creating: ${e.message}`);
          error = e;
          return false;
        }
      });
    } else if (diff > 0) {
      for (const p of podsToDelete(pods, pods, Math.min(diff, BURST_REPLICAS), this.o.clock.wallMs())) {
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
    }
    return error;
  }

  /** GetPodFromTemplate: `<rc>-` + 5 random characters. */
  private podFromTemplate(rc: ReplicationController): Pod {
    const t = rc.spec?.template ?? {};
    const metadata: NonNullable<Pod["metadata"]> = {
      generateName: `${rc.metadata?.name}-`,
      namespace: rc.metadata?.namespace,
    };
    const labels = t.metadata?.labels;
    if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
    const annotations = t.metadata?.annotations;
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
    metadata.ownerReferences = [newControllerRef(rc, "v1", "ReplicationController")];
    return { apiVersion: "v1", kind: "Pod", metadata, spec: structuredClone(t.spec) ?? { containers: [] } };
  }

  private calculateStatus(
    rc: ReplicationController,
    pods: Pod[],
    manageError: ApiError | undefined,
    diff: number,
  ): ReplicationControllerStatus {
    const tplLabels = rc.spec?.template?.metadata?.labels ?? {};
    const now = this.o.clock.wallMs();
    const min = rc.spec?.minReadySeconds ?? 0;
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
    const status: ReplicationControllerStatus = { ...(rc.status ?? { replicas: 0 }) };
    const failure = status.conditions?.find((c) => c.type === "ReplicaFailure");
    if (manageError && !failure)
      status.conditions = [
        ...(status.conditions ?? []),
        {
          type: "ReplicaFailure",
          status: "True",
          lastTransitionTime: rfc3339(now),
          reason: diff < 0 ? "FailedCreate" : "FailedDelete",
          message: manageError.message,
        },
      ];
    else if (!manageError && failure) {
      status.conditions = status.conditions?.filter((c) => c.type !== "ReplicaFailure");
      if (status.conditions?.length === 0) delete status.conditions;
    }
    status.replicas = pods.length;
    const set = (k: "fullyLabeledReplicas" | "readyReplicas" | "availableReplicas", v: number) => {
      if (v > 0) status[k] = v;
      else delete status[k];
    };
    set("fullyLabeledReplicas", fully);
    set("readyReplicas", ready);
    set("availableReplicas", available);
    status.observedGeneration = rc.metadata?.generation ?? 1;
    return status;
  }
}
