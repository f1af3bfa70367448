// k8s: staging/src/k8s.io/client-go/util/flowcontrol/backoff.go — simplified: no jitter (the kubelet uses none).

interface BackoffEntry {
  /** Current back-off in ms. */
  backoff: number;
  /** Virtual ms of the last Next(). */
  lastUpdate: number;
}

/** Per-key exponential back-off: initial, doubled on each Next(), capped at max. */
export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(
    private readonly now: () => number,
    readonly initialMs: number,
    readonly maxMs: number,
    /** hasExpired: the entry is forgotten when eventTime − lastUpdate exceeds this (default 2 × max). */
    private readonly expireAfterMs: number = 2 * maxMs,
  ) {}

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.expireAfterMs;
  }

  /** Current back-off for `id` (0 when unknown). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  entry(id: string): Readonly<BackoffEntry> | undefined {
    return this.entries.get(id);
  }

  /** flowcontrol.Backoff.Next: start at initial, or double up to max. */
  next(id: string, eventTime: number): void {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) {
      this.entries.set(id, { backoff: this.initialMs, lastUpdate: this.now() });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.maxMs);
    e.lastUpdate = this.now();
  }

  /** In back-off counted from `eventTime` (crash loop: the container's finishedAt). */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return this.now() - eventTime < e.backoff;
  }

  /** In back-off counted from the last Next() (image pulls). */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return eventTime - e.lastUpdate < e.backoff;
  }

  reset(id: string): void {
    this.entries.delete(id);
  }

  /** Drop entries idle for longer than 2 × max (Backoff.GC). */
  gc(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (now - e.lastUpdate > 2 * this.maxMs) this.entries.delete(k);
  }
}
