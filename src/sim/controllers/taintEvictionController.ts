// k8s: pkg/controller/tainteviction/taint_eviction.go + timed_workers.go — kube-controller-manager's
// taint-eviction-controller (the NoExecuteTaintManager of the node lifecycle controller before 1.29).
// Simplified: each watch event is handled as it arrives (the API server queues what the handler
// writes behind it), instead of two workqueues feeding eight workers sharded by node.

import type { Node, Pod, PodCondition, Taint, Toleration } from "kubernetes-types/core/v1";
import { jsonEqual } from "../api/equality";
import { updatePodCondition } from "../api/podConditions";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError, type EventRecorder, type ObjectReference } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";
import { rfc3339 } from "../clock/time";
import type { TraceLog } from "../trace";
import { matchingTolerations, minTolerationMs, noExecuteTaints, taintString } from "./tolerations";

/** The controller's name: its Events' source component (names.TaintEvictionController). */
export const TAINT_EVICTION_CONTROLLER = "taint-eviction-controller";
export const EVICTION_REASON = "TaintManagerEviction";
/** The pod condition written before the delete (addConditionAndDeletePod). */
export const DISRUPTION_CONDITION: Readonly<PodCondition> = {
  type: "DisruptionTarget",
  status: "True",
  reason: "DeletionByTaintManager",
  message: "Taint manager: deleting due to NoExecute taint",
};

const ACTOR = "controller-manager" as const;

/** A TimedWorker: the pod's deletion, due at fireAt (virtual ms). */
interface TimedWorker {
  fireAt: number;
  timer: TimerHandle;
}

interface PodUpdate {
  namespace: string;
  name: string;
  nodeName: string;
}

export interface TaintEvictionOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
  trace?: TraceLog;
}

/**
 * Deletes pods from nodes with NoExecute taints: at once when a taint is not tolerated, after the
 * smallest tolerationSeconds of the tolerations used when all are, never when one tolerates forever.
 */
export class TaintEvictionController {
  /** Node → its NoExecute taints (taintedNodes). */
  private readonly taintedNodes = new Map<string, Taint[]>();
  /** `namespace/name` → scheduled deletion (taintEvictionQueue). */
  private readonly workers = new Map<string, TimedWorker>();
  /** What the informers last handed out, to compare an update with (old vs new object). */
  private readonly seenNodes = new Map<string, { taints: Taint[] | undefined; noExecute: Taint[] }>();
  private readonly seenPods = new Map<string, { tolerations: Toleration[] | undefined; nodeName: string }>();
  private stops: (() => void)[] = [];

  constructor(private readonly o: TaintEvictionOptions) {}

  start(): void {
    this.stops.push(
      this.o.api.watch<Node>("Node", {}, (e) => this.nodeUpdated(e.type === "DELETED", e.object)),
      this.o.api.watch<Pod>("Pod", {}, (e) => this.podUpdated(e.type === "DELETED", e.object)),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    for (const w of this.workers.values()) this.o.clock.cancel(w.timer);
    this.workers.clear();
  }

  /** NodeUpdated: only a change of the node's NoExecute taints (or its arrival/removal) matters. */
  private nodeUpdated(deleted: boolean, node: Node): void {
    const name = node.metadata?.name ?? "";
    const prev = this.seenNodes.get(name);
    if (deleted) this.seenNodes.delete(name);
    else {
      const taints = node.spec?.taints;
      // a heartbeat shares the stored spec: the same array means the same taints
      if (prev && prev.taints === taints) return;
      const noExecute = noExecuteTaints(taints);
      this.seenNodes.set(name, { taints, noExecute });
      if (prev && jsonEqual(prev.noExecute, noExecute)) return;
    }
    this.handleNodeUpdate(name);
  }

  /** PodUpdated: arrivals, deletions, and changes of tolerations or nodeName (not status). */
  private podUpdated(deleted: boolean, pod: Pod): void {
    const namespace = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    const key = `${namespace}/${name}`;
    const nodeName = pod.spec?.nodeName ?? "";
    const tolerations = pod.spec?.tolerations;
    const prev = this.seenPods.get(key);
    if (deleted) this.seenPods.delete(key);
    else {
      this.seenPods.set(key, { tolerations, nodeName });
      if (
        prev &&
        prev.nodeName === nodeName &&
        (prev.tolerations === tolerations || jsonEqual(prev.tolerations ?? [], tolerations ?? []))
      )
        return;
    }
    this.handlePodUpdate({ namespace, name, nodeName });
  }

  private handleNodeUpdate(name: string): void {
    const node = this.o.api.tryGet<Node>("Node", undefined, name);
    if (!node) {
      this.taintedNodes.delete(name);
      return;
    }
    const taints = noExecuteTaints(node.spec?.taints);
    if (taints.length === 0) this.taintedNodes.delete(name);
    else this.taintedNodes.set(name, taints);
    const pods = this.o.api.list<Pod>("Pod", { fieldSelector: `spec.nodeName=${name}` });
    if (pods.length === 0) return;
    if (taints.length === 0) {
      // all NoExecute taints gone: every scheduled deletion on the node is cancelled
      for (const p of pods)
        this.cancelWorkWithEvent(
          podKey(p),
          `Node ${name} has no NoExecute taint left: deletion of ${podKey(p)} cancelled`,
        );
      return;
    }
    const now = this.o.clock.now();
    const why = `Node ${name} ${taints.map(taintString).join(", ")}`;
    for (const p of pods) this.processPodOnNode(podKey(p), p.spec?.tolerations, taints, now, why);
  }

  private handlePodUpdate(u: PodUpdate): void {
    const key = `${u.namespace}/${u.name}`;
    const pod = this.o.api.tryGet<Pod>("Pod", u.namespace, u.name);
    if (!pod) {
      this.cancelWorkWithEvent(key, `Pod ${key} deleted: its scheduled deletion cancelled`);
      return;
    }
    // the update was queued for another node: the current one's item decides
    if ((pod.spec?.nodeName ?? "") !== u.nodeName || !u.nodeName) return;
    const taints = this.taintedNodes.get(u.nodeName);
    if (!taints) return;
    const why = `Pod ${key} on ${u.nodeName} ${taints.map(taintString).join(", ")}`;
    this.processPodOnNode(key, pod.spec?.tolerations, taints, this.o.clock.now(), why);
  }

  private processPodOnNode(
    key: string,
    tolerations: Toleration[] | undefined,
    taints: Taint[],
    now: number,
    why: string,
  ): void {
    const it = taints.length === 1 ? "it" : "them";
    const used = matchingTolerations(taints, tolerations);
    if (!used) {
      this.note(key, `${why}: ${key} does not tolerate ${it}, delete now`);
      this.cancelWorkWithEvent(key);
      this.addWork(key, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      const cancels = this.workers.has(key);
      this.note(key, `${why}: ${key} tolerates ${it} forever${cancels ? ", deletion cancelled" : ""}`);
      this.cancelWorkWithEvent(key);
      return;
    }
    // a deletion already scheduled keeps its time: it was created before now
    if (this.workers.has(key)) return;
    this.note(
      key,
      min === 0
        ? `${why}: ${key} tolerates ${it} for 0s, delete now`
        : `${why}: ${key} tolerates ${it} for ${min / 1000}s, delete at ${rfc3339(this.o.clock.wallMs(now + min))}`,
    );
    this.addWork(key, now + min);
  }

  /** TimedWorkerQueue.AddWork: no-op if one exists; due now ⇒ runs at once, else on a timer. */
  private addWork(key: string, fireAt: number): void {
    if (this.workers.has(key)) return;
    const delay = fireAt - this.o.clock.now();
    if (delay <= 0) {
      this.deletePod(key);
      return;
    }
    const timer = this.o.clock.setTimer(
      delay,
      () => {
        // the informer hears of the deletion only after the worker is done: no cancel for it
        this.workers.delete(key);
        this.deletePod(key);
      },
      "taint eviction",
    );
    this.workers.set(key, { fireAt, timer });
  }

  /** CancelWork, with the "Cancelling deletion" Event when a scheduled deletion was pending. */
  private cancelWorkWithEvent(key: string, why?: string): void {
    const w = this.workers.get(key);
    if (!w) return;
    this.o.clock.cancel(w.timer);
    this.workers.delete(key);
    if (why) this.note(key, why);
    this.o.recorder.event(ref(key), "Normal", EVICTION_REASON, `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler: the Event, then the DisruptionTarget condition, then a graceful delete. */
  private deletePod(key: string): void {
    this.o.recorder.event(ref(key), "Normal", EVICTION_REASON, `Marking for deletion Pod ${key}`);
    const [namespace, name] = key.split("/");
    const pod = this.o.api.tryGet<Pod>("Pod", namespace, name);
    // the real worker retries a failed call five times, then logs the error
    if (!pod) return;
    try {
      const status = updatePodCondition(
        pod.status ?? {},
        DISRUPTION_CONDITION,
        rfc3339(this.o.clock.wallMs()),
      );
      if (status) this.o.api.updateStatus("Pod", namespace, name, status, ACTOR);
      this.o.api.delete("Pod", namespace, name, {}, ACTOR);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** A decision of the controller, drawn as the watch hop that led to it. */
  private note(key: string, summary: string): void {
    if (!this.o.trace?.enabled) return;
    this.o.trace.record({ from: "apiserver", to: "controller-manager", kind: "watch", summary, pod: key });
  }
}

function podKey(p: Pod): string {
  return `${p.metadata?.namespace ?? "default"}/${p.metadata?.name ?? ""}`;
}

/** The Event's involvedObject: apiVersion, kind, name and namespace only (no uid). */
function ref(key: string): ObjectReference {
  const [namespace, name] = key.split("/");
  return { apiVersion: "v1", kind: "Pod", name, namespace };
}
