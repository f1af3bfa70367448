// With a real runtime attached, time follows the wall clock (DESIGN.md "Time has two modes"): the
// core keeps its VirtualClock — the kubelet's timers, back-offs and the 30 s runtime-down rule stay
// the same code — and this pump, outside src/sim, moves it to `Date.now() − epoch` a few times a
// second, firing whatever fell due. CRI replies settle Deferreds between ticks.
import type { VirtualClock } from "../sim/clock";

export interface WallClockPumpOptions {
  /** How often to catch up (ms). Default 50. */
  periodMs?: number;
  /** The wall clock (tests may pass a fake). */
  now?: () => number;
}

export class WallClockPump {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private readonly periodMs: number;

  constructor(
    private readonly clock: VirtualClock,
    opts: WallClockPumpOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.periodMs = opts.periodMs ?? 50;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Virtual ms that corresponds to the wall clock now (the clock's epoch is virtual 0). */
  target(): number {
    return this.now() - this.clock.epochMs;
  }

  /** Fire everything due up to the wall clock now. */
  sync(): void {
    const t = this.target();
    if (t > this.clock.now()) this.clock.runUntilTime(t);
  }

  start(): this {
    if (!this.timer) {
      this.sync();
      this.timer = setInterval(() => this.sync(), this.periodMs);
    }
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** `sim advance 10s` with a real runtime: ten seconds of wall time pass (the pump moves the clock). */
export function sleepWall(ms: number, pump?: WallClockPump): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(
      () => {
        pump?.sync();
        resolve();
      },
      Math.max(0, ms),
    ),
  );
}
