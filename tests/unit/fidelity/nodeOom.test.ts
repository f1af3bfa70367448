// The kernel's global OOM killer: when the containers and the node's own use pass the node's memory,
// the biggest consumer dies (exit 137, OOMKilled) — whether the pressure comes first or the container
// grows into it.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";

const STRESS = `apiVersion: v1
kind: Pod
metadata:
  name: hog
spec:
  restartPolicy: Never
  containers:
  - name: stress
    image: polinux/stress:1.0.4
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
`;
const WEB =
  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n";

/** The node's memory (status.capacity.memory, in Ki) less what leaves `spareMi` free. */
async function pressure(sim: ReturnType<typeof createSimulation>, spareMi: number): Promise<number> {
  const cap = (await sim.exec("kubectl get node node-1 -o jsonpath='{.status.capacity.memory}'")).trim();
  expect(cap).toMatch(/^\d+Ki$/);
  return Number.parseInt(cap, 10) * 1024 - spareMi * 1024 * 1024;
}

async function terminated(sim: ReturnType<typeof createSimulation>, pod: string) {
  const y = await sim.exec(
    `kubectl get pod ${pod} -o jsonpath='{.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}'`,
  );
  return y.trim();
}

describe("global OOM", () => {
  it("kills the biggest container when the node's own use presses the memory", async () => {
    const sim = createSimulation({ seed: 41 });
    await sim.apply(WEB);
    await sim.apply(STRESS);
    await sim.advance(30_000);
    expect(await terminated(sim, "hog")).toBe("");
    sim.node.faults.memoryPressure(await pressure(sim, 100));
    await sim.advance(5_000);
    expect(await terminated(sim, "hog")).toBe("OOMKilled 137");
    expect(await sim.exec("kubectl get pod web -o jsonpath='{.status.phase}'")).toBe("Running");
  });

  it("kills a container that grows into memory the node does not have", async () => {
    const sim = createSimulation({ seed: 42 });
    await sim.apply(WEB);
    await sim.advance(20_000);
    // all but 100Mi of the node's memory is taken before the hog starts: its 150M do not fit
    sim.node.faults.memoryPressure(await pressure(sim, 100));
    await sim.advance(1_000);
    expect(await sim.exec("kubectl get pod web -o jsonpath='{.status.phase}'")).toBe("Running");
    await sim.apply(STRESS);
    await sim.advance(30_000);
    expect(await terminated(sim, "hog")).toBe("OOMKilled 137");
  });
});
