// The Kubernetes docs' "Configure Pods and Containers" task pages not replayed elsewhere, run as a
// learner copies them: Assign Extended Resources to a Container (after Advertise Extended Resources
// for a Node) and Resize CPU and Memory Resources assigned to Containers (in-place resize, 1.34).
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const URL = "https://k8s.io/examples/";

async function getPod(sim: LiveSimulation, name: string): Promise<Pod> {
  return YAML.parse(await sim.exec(`kubectl get pod ${name} --output=yaml`)) as Pod;
}

function row(table: string, name: string): string[] {
  const line = table.split("\n").find((l) => l.startsWith(`${name} `)) ?? "";
  return line.trim().split(/\s{2,}/);
}

describe("docs: extended-resource (example.com/dongle)", () => {
  it("no node has dongles: Pending; four advertised: the 3-dongle pod runs, the 2-dongle one cannot fit", async () => {
    const sim = createSimulation({ seed: 7 });
    expect(await sim.exec(`kubectl apply -f ${URL}pods/resource/extended-resource-pod.yaml`)).toBe(
      "pod/extended-resource-demo created\n",
    );
    await sim.exec("sim advance 10s");
    expect(row(await sim.exec("kubectl get pod extended-resource-demo"), "extended-resource-demo")[2]).toBe(
      "Pending",
    );
    expect(await sim.exec("kubectl describe pod extended-resource-demo")).toMatch(
      /Warning {2}FailedScheduling {2}\S+ +default-scheduler {2}0\/1 nodes are available: 1 Insufficient example\.com\/dongle\. preemption: 0\/1 nodes are available: 1 No preemption victims found for incoming pod\.\n/,
    );
    // extended-resource-node: the capacity goes into the node's status; the kubelet adds it to allocatable
    expect(
      await sim.exec(
        `kubectl patch node node-1 --subresource status --type json -p '[{"op": "add", "path": "/status/capacity/example.com~1dongle", "value": "4"}]'`,
      ),
    ).toBe("node/node-1 patched\n");
    await sim.exec("sim advance 30s");
    const node = await sim.exec("kubectl describe node node-1");
    expect(node).toMatch(/Capacity:\n(?: {2}.*\n)*? {2}example\.com\/dongle: {2}4\n/);
    expect(node).toMatch(/Allocatable:\n(?: {2}.*\n)*? {2}example\.com\/dongle: {2}4\n/);
    await sim.exec("sim advance 5m");
    expect(row(await sim.exec("kubectl get pod extended-resource-demo"), "extended-resource-demo")[2]).toBe(
      "Running",
    );
    const d = await sim.exec("kubectl describe pod extended-resource-demo");
    expect(d).toContain(
      "    Limits:\n      example.com/dongle:  3\n    Requests:\n      example.com/dongle:  3\n",
    );
    expect(d).toContain("QoS Class:                   BestEffort\n");

    await sim.exec(`kubectl apply -f ${URL}pods/resource/extended-resource-pod-2.yaml`);
    await sim.exec("sim advance 10s");
    const d2 = await sim.exec("kubectl describe pod extended-resource-demo-2");
    expect(d2).toContain("Conditions:\n  Type           Status\n  PodScheduled   False \n");
    expect(d2).toContain("1 Insufficient example.com/dongle.");
    expect(
      row(await sim.exec("kubectl get pod extended-resource-demo-2"), "extended-resource-demo-2"),
    ).toEqual(["extended-resource-demo-2", "0/1", "Pending", "0", "10s"]);
  });
});

describe("docs: resize-container-resources (kubectl patch --subresource resize)", () => {
  it("cpu resizes in place; memory (RestartContainer) restarts; 1000 CPUs is Infeasible", async () => {
    const sim = createSimulation({ seed: 3 });
    expect(await sim.exec(`kubectl create -f ${URL}pods/resource/pod-resize.yaml`)).toBe(
      "pod/resize-demo created\n",
    );
    await sim.exec("sim advance 20s");
    let pod = await getPod(sim, "resize-demo");
    expect(pod.spec?.containers[0].resources).toEqual({
      limits: { cpu: "700m", memory: "200Mi" },
      requests: { cpu: "700m", memory: "200Mi" },
    });
    let cs = pod.status?.containerStatuses?.[0] as unknown as Record<string, unknown>;
    expect(cs.resources).toEqual(pod.spec?.containers[0].resources);
    expect(cs.allocatedResources).toEqual({ cpu: "700m", memory: "200Mi" });
    expect(cs.restartCount).toBe(0);
    expect(pod.status?.qosClass).toBe("Guaranteed");

    // Example 1: cpu, NotRequired — UpdateContainerResources, no restart
    expect(
      await sim.exec(
        `kubectl patch pod resize-demo --subresource resize --patch '{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"cpu":"800m"}, "limits":{"cpu":"800m"}}}]}}'`,
      ),
    ).toBe("pod/resize-demo patched\n");
    await sim.exec("sim advance 2s");
    pod = await getPod(sim, "resize-demo");
    cs = pod.status?.containerStatuses?.[0] as unknown as Record<string, unknown>;
    expect(pod.metadata?.generation).toBe(2);
    expect(pod.spec?.containers[0].resources?.limits?.cpu).toBe("800m");
    expect(cs.resources).toEqual({
      limits: { cpu: "800m", memory: "200Mi" },
      requests: { cpu: "800m", memory: "200Mi" },
    });
    expect(cs.restartCount).toBe(0);
    // the runtime enforces the new quota: 80 ms per 100 ms period
    const id = String(cs.containerID).replace("containerd://", "");
    const inspect = JSON.parse(await sim.exec(`crictl inspect ${id}`));
    expect(inspect.status.resources.linux.cpuQuota).toBe("80000");

    // Example 2: memory, RestartContainer — the kubelet kills and restarts the container
    await sim.exec(
      `kubectl patch pod resize-demo --subresource resize --patch '{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"memory":"300Mi"}, "limits":{"memory":"300Mi"}}}]}}'`,
    );
    await sim.exec("sim advance 2s");
    pod = await getPod(sim, "resize-demo");
    cs = pod.status?.containerStatuses?.[0] as unknown as Record<string, unknown>;
    expect(cs.resources).toEqual({
      limits: { cpu: "800m", memory: "300Mi" },
      requests: { cpu: "800m", memory: "300Mi" },
    });
    expect(cs.restartCount).toBe(1);
    expect(await sim.exec("kubectl describe pod resize-demo")).toMatch(
      /Normal {2}Killing {4}\S+ +kubelet +Container pause resize requires restart\n/,
    );

    // Troubleshooting: 1000 CPUs never fit this 2-CPU node
    await sim.exec(
      `kubectl patch pod resize-demo --subresource resize --patch '{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"cpu":"1000"}, "limits":{"cpu":"1000"}}}]}}'`,
    );
    await sim.exec("sim advance 2s");
    pod = await getPod(sim, "resize-demo");
    cs = pod.status?.containerStatuses?.[0] as unknown as Record<string, unknown>;
    expect(pod.spec?.containers[0].resources?.requests?.cpu).toBe("1k");
    const pending = pod.status?.conditions?.find((c) => c.type === "PodResizePending");
    expect(pending).toMatchObject({
      status: "True",
      reason: "Infeasible",
      message: "Node didn't have enough capacity: cpu, requested: 1000000, capacity: 2000",
    });
    expect(cs.resources).toEqual({
      limits: { cpu: "800m", memory: "300Mi" },
      requests: { cpu: "800m", memory: "300Mi" },
    });
    expect(cs.restartCount).toBe(1);

    // the resize subresource keeps the QoS class; a plain patch may not touch resources at all
    const r1 = await sim.run(
      `kubectl patch pod resize-demo --subresource resize --patch '{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"cpu":"500m"}}}]}}'`,
    );
    expect(r1.stderr).toBe(
      'The Pod "resize-demo" is invalid: spec: Invalid value: "Guaranteed": Pod QOS Class may not change as a result of resizing\n',
    );
    const r2 = await sim.run(
      `kubectl patch pod resize-demo --patch '{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"cpu":"800m"}, "limits":{"cpu":"800m"}}}]}}'`,
    );
    expect(r2.stderr).toMatch(
      /^The Pod "resize-demo" is invalid: spec: Forbidden: pod updates may not change fields other than/,
    );
    expect((await sim.run("kubectl patch pod resize-demo --subresource foo -p '{}'")).stderr).toBe(
      'error: invalid subresource value: "foo". Must be one of [status scale resize]\n',
    );
  });
});
