import { describe, expect, it } from "vitest";
import { ContainerState } from "../../cri";
import { simplePod, testNode } from "../testing/testNode";

describe("container GC", () => {
  it("keeps one dead container per name, and removes a deleted pod's sandbox", () => {
    const n = testNode();
    n.cri.scripts.set("app", { exitAfterMs: 1000, exitCode: 1 });
    n.kubelet.start();
    n.apply(simplePod("crash"));
    n.clock.advance(100_000);
    const dead = [...n.cri.containers.values()].filter(
      (c) => c.status.state === ContainerState.CONTAINER_EXITED,
    );
    expect(dead.length).toBeLessThanOrEqual(2);
    // Just after the GC pass at 180 s.
    n.clock.advance(80_500);
    expect(
      [...n.cri.containers.values()].filter((c) => c.status.state === ContainerState.CONTAINER_EXITED).length,
    ).toBeLessThanOrEqual(1);
    // The restart count survives GC: it is read from the newest container's annotation.
    const before = n.status("crash")!.containerStatuses![0].restartCount;
    expect(before).toBeGreaterThanOrEqual(5);
    n.api.delete("Pod", "default", "crash");
    n.clock.advance(5000);
    expect(n.api.pod("crash")).toBeUndefined();
    expect(n.cri.sandboxes.size).toBe(1);
    n.clock.advance(60_000);
    expect(n.cri.sandboxes.size).toBe(0);
    expect(n.cri.containers.size).toBe(0);
  });
});
