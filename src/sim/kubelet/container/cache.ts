// k8s: pkg/kubelet/container/cache.go — the PLEG-fed pod status cache; workers wait for data newer than their last sync.
import { Deferred } from "../../task";
import type { RuntimePodStatus } from "./containerRuntime";

interface Entry {
  status: RuntimePodStatus;
  modified: number;
}

export class PodCache {
  private readonly entries = new Map<string, Entry>();
  /** Everything in the cache is at least this fresh (the start time of the last successful relist). */
  private timestamp = -1;
  private waiters: Array<{ uid: string; minTime: number; d: Deferred<RuntimePodStatus | undefined> }> = [];

  get(uid: string): RuntimePodStatus | undefined {
    return this.entries.get(uid)?.status;
  }

  set(uid: string, status: RuntimePodStatus, modified: number): void {
    this.entries.set(uid, { status, modified });
  }

  delete(uid: string): void {
    this.entries.delete(uid);
  }

  uids(): string[] {
    return [...this.entries.keys()];
  }

  /** Cache.GetNewerThan: settles once the entry (or the whole cache) is at least as new as minTime. */
  getNewerThan(uid: string, minTime: number): Deferred<RuntimePodStatus | undefined> {
    const d = new Deferred<RuntimePodStatus | undefined>();
    if (this.fresh(uid, minTime)) d.resolve(this.get(uid));
    else this.waiters.push({ uid, minTime, d });
    return d;
  }

  /** GetNewerThan without waiting: the status when the cache already has one new enough, else `stale`. */
  peekNewerThan(uid: string, minTime: number): RuntimePodStatus | undefined | typeof STALE {
    return this.fresh(uid, minTime) ? this.get(uid) : STALE;
  }

  private fresh(uid: string, minTime: number): boolean {
    const e = this.entries.get(uid);
    return (e !== undefined && e.modified >= minTime) || this.timestamp >= minTime;
  }

  /** Cache.UpdateTime: called by PLEG after each relist. */
  updateTime(t: number): void {
    this.timestamp = Math.max(this.timestamp, t);
    const ready: typeof this.waiters = [];
    const waiting: typeof this.waiters = [];
    for (const w of this.waiters) (this.fresh(w.uid, w.minTime) ? ready : waiting).push(w);
    this.waiters = waiting;
    for (const w of ready) w.d.resolve(this.get(w.uid));
  }
}

/** What peekNewerThan answers when the caller would have to wait for the next relist. */
export const STALE: unique symbol = Symbol("stale");
