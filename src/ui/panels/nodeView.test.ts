import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../sim/apiserver/types";
import { allocated, sparkPoints } from "./nodeView";

describe("allocated", () => {
  it("sums requests and limits of running pods against allocatable", () => {
    const node = {
      status: { allocatable: { cpu: "2", memory: "4Gi", pods: "110" } },
    } as unknown as KubeObject;
    const pod = (phase: string, cpu: string, mem: string) =>
      ({
        status: { phase },
        spec: { containers: [{ resources: { requests: { cpu, memory: mem }, limits: { memory: mem } } }] },
      }) as unknown as KubeObject;
    const a = allocated(node, [
      pod("Running", "250m", "64Mi"),
      pod("Pending", "100m", "1Mi"),
      pod("Succeeded", "1", "1Gi"),
    ]);
    expect(a.cpuRequests).toBe(350);
    expect(a.memoryRequests).toBe(65 * 1024 * 1024);
    expect(a.memoryLimits).toBe(65 * 1024 * 1024);
    expect(a.allocatableCpu).toBe(2000);
    expect(a.allocatableMemory).toBe(4 * 1024 ** 3);
    expect(a.pods).toBe(2);
    expect(a.allocatablePods).toBe(110);
  });
});

describe("sparkPoints", () => {
  it("scales values into the box, max at the top", () => {
    expect(sparkPoints([0, 10], 100, 20)).toBe("0.0,19.0 100.0,1.0");
    expect(sparkPoints([], 100, 20)).toBe("");
  });
});
