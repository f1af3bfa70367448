// Figures for the virtual clock: how fast it drains a million timers.
import { VirtualClock } from "../../src/sim/clock";

export function benchClock(n = 1_000_000): { events: number; ms: number; eventsPerSec: number } {
  const clock = new VirtualClock();
  let fired = 0;
  const fn = () => {
    fired++;
  };
  // Spread over a virtual hour with many equal times, as a busy node would have.
  for (let i = 0; i < n; i++) clock.setTimer((i * 7919) % 3_600_000, fn);
  const t0 = process.hrtime.bigint();
  clock.runUntilIdle(n + 1);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (fired !== n) throw new Error(`fired ${fired} of ${n}`);
  return { events: n, ms, eventsPerSec: Math.round(n / (ms / 1000)) };
}

/** Steady state: `pending` periodic timers (probes, relists) rescheduling themselves until `n` events fired. */
export function benchClockSteady(
  n = 1_000_000,
  pending = 2_000,
): { events: number; ms: number; eventsPerSec: number } {
  const clock = new VirtualClock();
  let fired = 0;
  const make = (period: number) => {
    const tick = () => {
      fired++;
      if (fired < n) clock.setTimer(period, tick);
    };
    return tick;
  };
  for (let i = 0; i < pending; i++) clock.setTimer(i % 1000, make(1000 + (i % 10) * 1000));
  const t0 = process.hrtime.bigint();
  clock.runUntilIdle(n + pending);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { events: fired, ms, eventsPerSec: Math.round(fired / (ms / 1000)) };
}
