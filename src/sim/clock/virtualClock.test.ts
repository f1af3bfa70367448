import { describe, expect, it } from "vitest";
import { Rng } from "./rng";
import { VirtualClock } from "./virtualClock";

describe("VirtualClock", () => {
  it("fires equal-time events in scheduling order, even with many ties", () => {
    const c = new VirtualClock();
    const order: number[] = [];
    for (let i = 0; i < 50; i++) c.setTimer(100, () => order.push(i));
    c.advance(100);
    expect(order).toEqual([...Array(50).keys()]);
  });

  it("orders by time first, and moves time to each event", () => {
    const c = new VirtualClock();
    const seen: [string, number][] = [];
    c.setTimer(300, () => seen.push(["c", c.now()]));
    c.setTimer(100, () => seen.push(["a", c.now()]));
    c.setTimer(200, () => seen.push(["b", c.now()]));
    expect(c.advance(250)).toBe(2);
    expect(c.now()).toBe(250);
    expect(seen).toEqual([
      ["a", 100],
      ["b", 200],
    ]);
    c.advance(50);
    expect(seen.at(-1)).toEqual(["c", 300]);
  });

  it("runs timers scheduled by timers when they fall inside the window", () => {
    const c = new VirtualClock();
    let ticks = 0;
    const tick = () => {
      ticks++;
      c.setTimer(1000, tick);
    };
    c.setTimer(1000, tick);
    c.advance(10_000);
    expect(ticks).toBe(10);
    expect(c.pending()).toBe(1);
  });

  it("cancels timers and reports idle", () => {
    const c = new VirtualClock();
    let fired = false;
    const h = c.setTimer(10, () => {
      fired = true;
    });
    c.cancel(h);
    expect(c.pending()).toBe(0);
    expect(c.peekTime()).toBeUndefined();
    expect(c.runUntilIdle()).toBe(0);
    expect(fired).toBe(false);
  });

  it("runUntilIdle stops at its limit for a periodic timer", () => {
    const c = new VirtualClock();
    const loop = () => c.setTimer(5, loop);
    loop();
    expect(c.runUntilIdle(100)).toBe(100);
    expect(c.now()).toBe(500);
  });

  it("runUntil stops as soon as the predicate holds", () => {
    const c = new VirtualClock();
    let x = 0;
    for (let i = 1; i <= 10; i++) c.setTimer(i * 10, () => (x = i));
    expect(c.runUntil(() => x >= 4)).toBe(true);
    expect(c.now()).toBe(40);
    expect(c.runUntil(() => x >= 99, 30)).toBe(false);
    expect(x).toBe(7);
  });
});

describe("Rng", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it("makes ids of the right shape", () => {
    const r = new Rng(1);
    expect(r.hex(64)).toMatch(/^[0-9a-f]{64}$/);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const n = r.int(3, 5);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(5);
  });
});
