import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { simplePod, testNode } from "../testing/testNode";
import { NodeLifecycleController } from "./nodeLifecycleController";

describe("node lifecycle controller", () => {
  it("marks the node Unknown 50 s after the kubelet stops posting status", () => {
    const n = testNode();
    const ctl = new NodeLifecycleController({ api: n.api, clock: n.clock, recorder: n.api.recorder });
    ctl.start();
    n.kubelet.start();
    n.clock.advance(20_000);
    n.kubelet.stop();
    const ready = () =>
      n.api.tryGet<Node>("Node", undefined, "node-1")!.status!.conditions!.find((c) => c.type === "Ready")!;
    n.clock.advance(45_000);
    expect(ready().status).toBe("True");
    n.clock.advance(15_000);
    expect(ready()).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
  });
});

describe("determinism", () => {
  it("same inputs give the same trace and journal", () => {
    const run = () => {
      const n = testNode();
      n.cri.scripts.set("app", { exitAfterMs: 3000, exitCode: 1 });
      n.kubelet.start();
      n.apply(simplePod("a"));
      n.apply(simplePod("b", "redis:7"));
      n.clock.advance(120_000);
      return JSON.stringify([n.trace.all(), n.journal, n.api.events]);
    };
    expect(run()).toBe(run());
  });

  it("runs a virtual hour of 30 pods quickly", () => {
    const n = testNode({ config: { tracePeriodicCriCalls: false } });
    n.kubelet.start();
    for (let i = 0; i < 30; i++) n.apply(simplePod(`p${i}`));
    n.clock.advance(3_600_000);
    expect(n.status("p29")!.phase).toBe("Running");
  });
});
