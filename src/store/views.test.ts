import { describe, expect, it } from "vitest";
import type { KubeObject } from "../sim/apiserver/types";
import type { ContainerStats } from "../sim/cri/types";
import { sampleStats, updateTimelines } from "./views";

const pod = (state: object, lastState: object = {}): KubeObject =>
  ({
    metadata: { name: "web", namespace: "default" },
    status: { containerStatuses: [{ name: "app", state, lastState, restartCount: 0 }] },
  }) as unknown as KubeObject;

describe("updateTimelines", () => {
  it("adds a step only when the state changes", () => {
    let tl = updateTimelines({}, [pod({ waiting: { reason: "ContainerCreating" } })], 0);
    const same = updateTimelines(tl, [pod({ waiting: { reason: "ContainerCreating" } })], 100);
    expect(same).toBe(tl);
    tl = updateTimelines(tl, [pod({ running: { startedAt: "x" } })], 200);
    tl = updateTimelines(tl, [pod({ terminated: { reason: "Error", exitCode: 1 } })], 300);
    expect(tl["default/web/app"].map((s) => [s.state, s.reason, s.exitCode, s.t])).toEqual([
      ["waiting", "ContainerCreating", undefined, 0],
      ["running", undefined, undefined, 200],
      ["terminated", "Error", 1, 300],
    ]);
    expect(updateTimelines(tl, [], 400)).toEqual({});
  });

  it("starts with the last run's end when first seen after a restart", () => {
    const tl = updateTimelines(
      {},
      [pod({ waiting: { reason: "CrashLoopBackOff" } }, { terminated: { reason: "Error", exitCode: 1 } })],
      5,
    );
    expect(tl["default/web/app"].map((s) => s.reason)).toEqual(["Error", "CrashLoopBackOff"]);
  });
});

describe("sampleStats", () => {
  it("keeps a bounded series per running container", () => {
    const s = {
      attributes: {
        id: "c1",
        metadata: { name: "app", attempt: 0 },
        labels: { "io.kubernetes.pod.name": "web" },
        annotations: {},
      },
      cpu: { timestamp: 0, usageCoreNanoSeconds: { value: 0 }, usageNanoCores: { value: 5_000_000 } },
      memory: { timestamp: 0, workingSetBytes: { value: 1024 } },
    } as unknown as ContainerStats;
    let h = {};
    for (let i = 0; i < 50; i++) h = sampleStats(h, [s]);
    const series = (h as ReturnType<typeof sampleStats>)["web/app"];
    expect(series.cpu.length).toBe(40);
    expect(series.cpu[0]).toBe(5);
    expect(series.memory.at(-1)).toBe(1024);
    expect(sampleStats(h, [])).toEqual({});
  });
});
