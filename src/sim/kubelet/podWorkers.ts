// k8s: pkg/kubelet/pod_workers.go — simplified: one generator task per pod, syncs serialized, re-queued on a virtual timer.
import type { Pod } from "kubernetes-types/core/v1";
import type { TimerHandle, VirtualClock } from "../clock";
import { spawn, type Task, wait } from "../task";
import type { PodCache } from "./container/cache";
import { emptyPodStatus, type RuntimePodStatus } from "./container/containerRuntime";

export interface SyncOutcome {
  /** Sync again after this many ms (resync, back-off expiry, error back-off). */
  requeueAfterMs?: number;
  /** The pod finished terminating: the worker ends. */
  done?: boolean;
}

export type SyncFn = (pod: Pod, status: RuntimePodStatus, w: PodWorker) => Task<SyncOutcome>;

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
    spawn(this.run(w)).onSettle(() => {
      w.working = false;
    });
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
        outcome = yield* this.sync(w.pod, cached ?? emptyPodStatus(w.pod), w);
      } catch (e) {
        outcome = { requeueAfterMs: 10_000 };
        w.step = `error: ${(e as Error).message}`;
      }
      w.lastSyncTime = this.clock.now();
      if (outcome.done) {
        w.terminated = true;
        w.step = "Terminated";
        return;
      }
      w.step = "Idle";
      if (outcome.requeueAfterMs !== undefined && !w.pending) {
        this.clock.cancel(w.timer);
        w.timer = this.clock.setTimer(
          Math.max(0, outcome.requeueAfterMs),
          () => this.kick(w.uid),
          `pod worker ${w.pod.metadata?.name}`,
        );
      }
    }
  }
}
