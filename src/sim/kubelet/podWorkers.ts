// k8s: pkg/kubelet/pod_workers.go — simplified: one generator task per pod, syncs serialized, re-queued on a virtual timer.
import type { Pod } from "kubernetes-types/core/v1";
import type { TimerHandle, VirtualClock } from "../clock";
import { spawn, type Task, wait } from "../task";
import type { PodCache } from "./container/cache";
import { STALE } from "./container/cache";
import { emptyPodStatus, type RuntimePodStatus } from "./container/containerRuntime";

export interface SyncOutcome {
  /** Sync again after this many ms (resync, back-off expiry, error back-off). */
  requeueAfterMs?: number;
  /** The pod finished terminating: the worker ends. */
  done?: boolean;
}

/**
 * One sync: its outcome at once when it needs nothing from the runtime (a pod in back-off, a resync
 * that finds everything running), else the task that waits on the runtime.
 */
export type SyncFn = (pod: Pod, status: RuntimePodStatus, w: PodWorker) => SyncOutcome | Task<SyncOutcome>;

function isTask(x: SyncOutcome | Task<SyncOutcome>): x is Task<SyncOutcome> {
  return typeof (x as Task<SyncOutcome>).next === "function";
}

export interface PodWorker {
  uid: string;
  pod: Pod;
  working: boolean;
  pending: boolean;
  /** Virtual ms when the last sync finished (the next one needs a cache newer than this). */
  lastSyncTime: number;
  /** The pod was removed from the API server (force delete or finished). */
  removed: boolean;
  terminated: boolean;
  /** What the worker is doing now, for the UI. */
  step: string;
  timer?: TimerHandle;
  /** The requeue timer's name: `pod worker <name>`. */
  label: string;
}

export class PodWorkers {
  readonly workers = new Map<string, PodWorker>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly cache: PodCache,
    private readonly sync: SyncFn,
  ) {}

  /** UpdatePod: record the newest pod object and make sure a sync is coming. */
  updatePod(pod: Pod, removed = false): void {
    const uid = pod.metadata?.uid ?? "";
    let w = this.workers.get(uid);
    if (!w) {
      w = {
        uid,
        pod,
        working: false,
        pending: false,
        lastSyncTime: -1,
        removed,
        terminated: false,
        step: "Queued",
        label: `pod worker ${pod.metadata?.name}`,
      };
      this.workers.set(uid, w);
    }
    w.pod = pod;
    if (removed) w.removed = true;
    this.kick(uid);
  }

  /** Ask for a sync (PLEG event, probe result, timer). */
  kick(uid: string): void {
    const w = this.workers.get(uid);
    if (!w || w.terminated) return;
    w.pending = true;
    if (w.working) return;
    w.working = true;
    this.clock.cancel(w.timer);
    w.timer = undefined;
    // Syncs that need no wait (the cache is fresh and the sync answers at once) run here, without a
    // task: most syncs of a busy node are these (pods in back-off every 10–15 s, periodic resyncs).
    while (w.pending && !w.terminated) {
      const cached = this.cache.peekNewerThan(w.uid, w.lastSyncTime);
      if (cached === STALE) break;
      // the worker was forgotten (the pod is gone) while a sync ran
      if (!this.workers.has(w.uid)) {
        w.working = false;
        return;
      }
      w.pending = false;
      w.step = "SyncPod";
      let r: SyncOutcome | Task<SyncOutcome>;
      try {
        r = this.sync(w.pod, cached ?? emptyPodStatus(w.pod), w);
      } catch (e) {
        r = this.failed(w, e);
      }
      if (isTask(r)) {
        const task = r;
        spawn(this.finish(w, task)).onSettle(() => {
          w.working = false;
        });
        return;
      }
      this.complete(w, r);
    }
    if (w.pending && !w.terminated) {
      spawn(this.run(w)).onSettle(() => {
        w.working = false;
      });
      return;
    }
    w.working = false;
  }

  private failed(w: PodWorker, e: unknown): SyncOutcome {
    w.step = `error: ${(e as Error).message}`;
    return { requeueAfterMs: 10_000 };
  }

  /** After a sync: note its time, and end the worker or requeue it. */
  private complete(w: PodWorker, outcome: SyncOutcome): void {
    w.lastSyncTime = this.clock.now();
    if (outcome.done) {
      w.terminated = true;
      w.step = "Terminated";
      return;
    }
    w.step = "Idle";
    if (outcome.requeueAfterMs !== undefined && !w.pending) {
      this.clock.cancel(w.timer);
      w.timer = this.clock.setTimer(Math.max(0, outcome.requeueAfterMs), () => this.kick(w.uid), w.label);
    }
  }

  /** A sync that waits on the runtime, then the worker's loop for what came in meanwhile. */
  private *finish(w: PodWorker, task: Task<SyncOutcome>): Task {
    let outcome: SyncOutcome;
    try {
      outcome = yield* task;
    } catch (e) {
      outcome = this.failed(w, e);
    }
    this.complete(w, outcome);
    yield* this.run(w);
  }

  forget(uid: string): void {
    const w = this.workers.get(uid);
    if (w) this.clock.cancel(w.timer);
    this.workers.delete(uid);
  }

  stopAll(): void {
    for (const w of this.workers.values()) this.clock.cancel(w.timer);
    this.workers.clear();
  }

  private *run(w: PodWorker): Task {
    while (w.pending && !w.terminated) {
      w.pending = false;
      w.step = "WaitingForPodCache";
      // podCache.GetNewerThan(lastSyncTime): never sync on data older than the previous sync.
      const cached = yield* wait(this.cache.getNewerThan(w.uid, w.lastSyncTime));
      if (!this.workers.has(w.uid)) return;
      w.step = "SyncPod";
      let outcome: SyncOutcome;
      try {
        const r = this.sync(w.pod, cached ?? emptyPodStatus(w.pod), w);
        outcome = isTask(r) ? yield* r : r;
      } catch (e) {
        outcome = this.failed(w, e);
      }
      this.complete(w, outcome);
      if (w.terminated) return;
    }
  }
}
