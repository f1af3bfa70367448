// The simulation's only source of time: a discrete-event queue ordered by (time, seq).
/** 2026-01-15T09:00:00Z: where virtual time 0 sits on the calendar. */
export const DEFAULT_EPOCH_MS = 1_768_467_600_000;

export type TimerCallback = () => void;

export interface TimerHandle {
  readonly id: number;
  readonly at: number;
}

/** The queued entry doubles as the handle: cancel() just marks it. */
interface Entry extends TimerHandle {
  fn: TimerCallback;
  label: string;
  cancelled: boolean;
}

/** What the core sees of time. VirtualClock implements it; a RealClock may too. */
export interface Clock {
  /** Milliseconds since the simulation epoch. */
  now(): number;
  /** Run `fn` after `delayMs` (>= 0). Equal times fire in scheduling order. */
  setTimer(delayMs: number, fn: TimerCallback, label?: string): TimerHandle;
  cancel(handle: TimerHandle | undefined): void;
}

export class VirtualClock implements Clock {
  private heap: Entry[] = [];
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
    const entry: Entry = { id: ++this.seq, at: this.t + d, fn, label, cancelled: false };
    this.push(entry);
    this.live++;
    return entry;
  }

  cancel(handle: TimerHandle | undefined): void {
    const e = handle as Entry | undefined;
    if (e && !e.cancelled && typeof e.fn === "function") {
      e.cancelled = true;
      e.fn = noop;
      this.live--;
    }
  }

  /** Fire the next event (moving time to it). Returns false when idle. */
  step(): boolean {
    this.dropCancelledTop();
    const e = this.pop();
    if (!e) return false;
    this.live--;
    if (e.at > this.t) this.t = e.at;
    const fn = e.fn;
    // A fired entry can no longer be cancelled.
    e.cancelled = true;
    fn();
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

  private push(e: Entry): void {
    const h = this.heap;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p];
      if (parent.at < e.at || (parent.at === e.at && parent.id < e.id)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = e;
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const n = h.length;
    if (n === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    const size = n - 1;
    if (size > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        const r = c + 1;
        if (r < size && (h[r].at < h[c].at || (h[r].at === h[c].at && h[r].id < h[c].id))) c = r;
        const child = h[c];
        if (last.at < child.at || (last.at === child.at && last.id < child.id)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

const noop: TimerCallback = () => {};
