// Node-pressure eviction (pkg/kubelet/eviction): every 10 s the kubelet compares memory.available (the
// node's capacity less the working set) with evictionHard; below 100Mi it reports MemoryPressure (the
// node lifecycle controller taints the node), records EvictionThresholdMet and evicts one pod per cycle,
// ranked as rankMemoryPressure does. The condition clears 5 min after the last crossing.
import type { Event, Node, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

function stress(name: string, bytes: string, request?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: stress
    image: polinux/stress:1.0.4
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "${bytes}", "--vm-hang", "1"]
${request ? `    resources:\n      requests:\n        memory: ${request}\n` : ""}`;
}
const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        memory: 200Mi
`;

const MI = 1024 * 1024;

function node(sim: LiveSimulation): Node {
  return sim.node.api.get<Node>("Node", undefined, "node-1");
}
function condition(sim: LiveSimulation, type: string) {
  return node(sim).status?.conditions?.find((c) => c.type === type);
}
function taints(sim: LiveSimulation): string[] {
  return (node(sim).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
}
function pod(sim: LiveSimulation, name: string): Pod {
  return sim.node.api.get<Pod>("Pod", "default", name);
}
function events(sim: LiveSimulation, reason: string): Event[] {
  return sim.node.api.list<Event>("Event", {}).filter((e) => e.reason === reason);
}

/** Leave `spareMi` of the node's memory to the pods: the rest is taken outside them. */
function pressure(sim: LiveSimulation, podsMi: number): void {
  const capKi = Number.parseInt(String(node(sim).status?.capacity?.memory), 10);
  sim.node.faults.memoryPressure(capKi * 1024 - podsMi * MI);
}

/** Advance in small steps until the pod is Failed (at most `ms`). */
async function untilFailed(sim: LiveSimulation, name: string, ms: number): Promise<void> {
  for (let t = 0; t < ms && pod(sim, name).status?.phase !== "Failed"; t += 500) await sim.advance(500);
}

describe("node-pressure eviction", () => {
  it("MemoryPressure, its taint, and the eviction of the pod above its request with the real texts", async () => {
    const sim = createSimulation({ seed: 7 });
    await sim.apply(stress("hog", "150M"));
    await sim.apply(WEB);
    await sim.advance(30_000);
    expect(condition(sim, "MemoryPressure")?.status).toBe("False");
    // 150M + nginx leave less than 100Mi available
    pressure(sim, 250);
    await untilFailed(sim, "hog", 15_000);
    const hog = pod(sim, "hog");
    expect(hog.status?.phase).toBe("Failed");
    expect(hog.status?.reason).toBe("Evicted");
    const m =
      /^The node was low on resource: memory\. Threshold quantity: 100Mi, available: (\d+)(Ki|Mi)\. Container stress was using \d+(Ki|Mi)?, request is 0, has larger consumption of memory\. $/.exec(
        hog.status?.message ?? "",
      );
    expect(m, hog.status?.message).not.toBeNull();
    expect(Number(m![1]) * (m![2] === "Mi" ? MI : 1024)).toBeLessThan(100 * MI);
    // still running while it is killed: kubectl shows the pod's reason
    expect(await sim.exec("kubectl get pod hog --no-headers")).toMatch(/^hog\s+1\/1\s+Evicted\s+0\s/);
    const dt = hog.status?.conditions?.find((c) => c.type === "DisruptionTarget");
    expect(dt).toMatchObject({
      status: "True",
      reason: "TerminationByKubelet",
      message: hog.status?.message,
    });
    const evicted = events(sim, "Evicted");
    expect(evicted.map((e) => [e.type, e.involvedObject.name, e.message, e.source?.component])).toEqual([
      ["Warning", "hog", hog.status?.message, "kubelet"],
    ]);
    expect(
      events(sim, "EvictionThresholdMet").map((e) => [e.type, e.involvedObject.kind, e.message]),
    ).toEqual([["Warning", "Node", "Attempting to reclaim memory"]]);
    const describe = await sim.exec("kubectl describe pod hog");
    expect(describe).toContain("\nStatus:           Failed\nReason:           Evicted\n");
    expect(describe).toContain(`\nMessage:          ${hog.status?.message}\n`);
    // the node status follows within nodeStatusUpdateFrequency, the controller taints the node
    await sim.advance(10_000);
    expect(condition(sim, "MemoryPressure")).toMatchObject({
      status: "True",
      reason: "KubeletHasInsufficientMemory",
      message: "kubelet has insufficient memory available",
    });
    expect(taints(sim)).toContain("node.kubernetes.io/memory-pressure:NoSchedule");
    expect(events(sim, "NodeHasInsufficientMemory")[0]?.message).toBe(
      "Node node-1 status is now: NodeHasInsufficientMemory",
    );
    // the container's terminated state then shows in the STATUS column, as the real kubectl does
    expect(await sim.exec("kubectl get pod hog --no-headers")).toMatch(/^hog\s+0\/1\s+Error\s/);
    // one eviction was enough: web stays
    await sim.advance(30_000);
    expect(pod(sim, "web").status?.phase).toBe("Running");
    expect(events(sim, "Evicted")).toHaveLength(1);
  });

  it("ranks pods above their requests first, then by usage above the request", async () => {
    const sim = createSimulation({ seed: 8 });
    // big uses more, but within its request; small uses less, with no request at all
    await sim.apply(stress("big", "300M", "400Mi"));
    await sim.apply(stress("small", "60M"));
    await sim.advance(30_000);
    pressure(sim, 420);
    await sim.advance(12_000);
    expect(pod(sim, "small").status?.reason).toBe("Evicted");
    expect(pod(sim, "big").status?.phase).toBe("Running");
  });

  it("clears MemoryPressure and the taint evictionPressureTransitionPeriod (5m) after the last crossing", async () => {
    const sim = createSimulation({ seed: 9 });
    await sim.apply(WEB);
    await sim.advance(30_000);
    pressure(sim, 50);
    await sim.advance(25_000);
    expect(condition(sim, "MemoryPressure")?.status).toBe("True");
    expect(taints(sim)).toContain("node.kubernetes.io/memory-pressure:NoSchedule");
    sim.node.faults.memoryPressure(0);
    await sim.advance(240_000);
    expect(condition(sim, "MemoryPressure")?.status).toBe("True");
    await sim.advance(80_000);
    expect(condition(sim, "MemoryPressure")).toMatchObject({
      status: "False",
      reason: "KubeletHasSufficientMemory",
      message: "kubelet has sufficient memory available",
    });
    expect(taints(sim)).not.toContain("node.kubernetes.io/memory-pressure:NoSchedule");
    expect(events(sim, "NodeHasSufficientMemory").length).toBeGreaterThan(0);
    expect(await sim.exec("kubectl describe node node-1")).toMatch(/\nTaints:\s+<none>\n/);
  });

  it("never evicts on a node without pressure", async () => {
    const sim = createSimulation({ seed: 10 });
    await sim.apply(stress("hog", "150M"));
    await sim.apply(WEB);
    await sim.advance(600_000);
    expect(events(sim, "Evicted")).toEqual([]);
    expect(events(sim, "EvictionThresholdMet")).toEqual([]);
    expect(condition(sim, "MemoryPressure")?.status).toBe("False");
    expect(condition(sim, "DiskPressure")?.status).toBe("False");
    expect(taints(sim)).toEqual([]);
    expect(pod(sim, "hog").status?.phase).toBe("Running");
  });
});
