// The simulation's only source of time: a discrete-event queue ordered by (time, seq).
/** 2026-01-15T09:00:00Z: where virtual time 0 sits on the calendar. */
export const DEFAULT_EPOCH_MS = 1_768_467_600_000;

export type TimerCallback = () => void;

export interface TimerHandle {
  readonly id: number;
  readonly at: number;
}

/** What the core sees of time. VirtualClock implements it; a RealClock may too. */
export interface Clock {
  /** Milliseconds since the simulation epoch. */
  now(): number;
  /** Run `fn` after `delayMs` (>= 0). Equal times fire in scheduling order. */
  setTimer(delayMs: number, fn: TimerCallback, label?: string): TimerHandle;
  cancel(handle: TimerHandle | undefined): void;
}

interface Entry {
  at: number;
  seq: number;
  fn: TimerCallback;
  label: string;
  cancelled: boolean;
}

export class VirtualClock implements Clock {
  private heap: Entry[] = [];
  private byId = new Map<number, Entry>();
  private seq = 0;
  private t = 0;
  private live = 0;
  /** Wall-clock epoch (ms) that virtual time 0 maps to when printing dates. */
  readonly epochMs: number;

  constructor(epochMs = DEFAULT_EPOCH_MS) {
    this.epochMs = epochMs;
  }

  now(): number {
    return this.t;
  }

  /** Virtual time as an absolute epoch in ms (for RFC3339 timestamps). */
  wallMs(at = this.t): number {
    return this.epochMs + at;
  }

  pending(): number {
    return this.live;
  }

  /** Time of the next live event, or undefined when idle. */
  peekTime(): number | undefined {
    this.dropCancelledTop();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  setTimer(delayMs: number, fn: TimerCallback, label = ""): TimerHandle {
    const d = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const entry: Entry = { at: this.t + d, seq: ++this.seq, fn, label, cancelled: false };
    this.push(entry);
    this.byId.set(entry.seq, entry);
    this.live++;
    return { id: entry.seq, at: entry.at };
  }

  cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const e = this.byId.get(handle.id);
    if (e && !e.cancelled) {
      e.cancelled = true;
      this.byId.delete(handle.id);
      this.live--;
    }
  }

  /** Fire the next event (moving time to it). Returns false when idle. */
  step(): boolean {
    this.dropCancelledTop();
    const e = this.pop();
    if (!e) return false;
    this.byId.delete(e.seq);
    this.live--;
    if (e.at > this.t) this.t = e.at;
    e.fn();
    return true;
  }

  /** Fire every event due up to now+ms, then set time to now+ms. Returns events fired. */
  advance(ms: number): number {
    const target = this.t + Math.max(0, ms);
    return this.runUntilTime(target);
  }

  runUntilTime(target: number): number {
    let fired = 0;
    for (;;) {
      const next = this.peekTime();
      if (next === undefined || next > target) break;
      this.step();
      fired++;
    }
    if (target > this.t) this.t = target;
    return fired;
  }

  /** Fire events until `done()` is true or the queue is empty; bounded by maxEvents and maxTime. */
  runUntil(done: () => boolean, maxTimeMs = Number.POSITIVE_INFINITY, maxEvents = 10_000_000): boolean {
    const deadline = this.t + maxTimeMs;
    let n = 0;
    while (!done()) {
      const next = this.peekTime();
      if (next === undefined || next > deadline || n >= maxEvents) return done();
      this.step();
      n++;
    }
    return true;
  }

  /** Drain the queue; stops after `limit` events (a periodic timer never idles). */
  runUntilIdle(limit = 1_000_000): number {
    let n = 0;
    while (n < limit && this.step()) n++;
    return n;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
