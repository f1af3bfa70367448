import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock";
import { formatTraceEvent, TraceLog } from "./traceLog";

describe("TraceLog", () => {
  it("numbers events, stamps virtual time, notifies and answers since(id)", () => {
    const clock = new VirtualClock();
    const log = new TraceLog(() => clock.now());
    const got: number[] = [];
    const off = log.subscribe((e) => got.push(e.id));
    const a = log.record({ from: "kubelet", to: "cri", kind: "cri.request", summary: "RunPodSandbox(web)" });
    clock.advance(250);
    const b = log.record({
      from: "cri",
      to: "kubelet",
      kind: "cri.response",
      summary: "RunPodSandbox → 5f2c",
      causeId: a.id,
    });
    off();
    log.record({ from: "kubelet", to: "cri", kind: "cri.request", summary: "PodSandboxStatus" });
    expect(got).toEqual([1, 2]);
    expect(b.t).toBe(250);
    expect(log.since(1).map((e) => e.id)).toEqual([2, 3]);
    expect(log.since(3)).toEqual([]);
    expect(formatTraceEvent(b)).toBe("#2     0.250s cri -> kubelet [cri.response] RunPodSandbox → 5f2c <-#1");
  });

  it("keeps only the newest events beyond its capacity", () => {
    const log = new TraceLog(() => 0, 10);
    for (let i = 0; i < 25; i++) log.record({ from: "user", to: "apiserver", kind: "api", summary: `${i}` });
    expect(log.size).toBeLessThanOrEqual(12);
    expect(log.since(0).at(-1)?.id).toBe(25);
    expect(log.since(0)[0].id).toBeGreaterThan(13);
    expect(log.lastId).toBe(25);
  });
});
