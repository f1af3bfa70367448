// FIDELITY §5, §11, §12 — the numbers: the whole image-pull back-off series, the node lifecycle
// controller's 50s grace, the image GC thresholds and what GC must never remove, and the scheduler's
// refusal of a pod larger than the node.
import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";
import { criTimes, events, gaps, pod, runPod, status } from "./helpers";

describe("image pull back-off series (FIDELITY §5: 10s doubling, capped at 300s)", () => {
  it("pulls again after 10, 20, 40, 80, 160, 300, 300 seconds", async () => {
    const sim = await runPod(pod("typo", "containers:\n- name: c\n  image: nginx:1.99"), 20 * 60_000);
    const g = gaps(criTimes(sim, "PullImage(nginx:1.99)"));
    const want = [10, 20, 40, 80, 160, 300, 300];
    expect(g.length, g.join(",")).toBeGreaterThanOrEqual(want.length);
    // the retry happens at the first pod sync after the back-off expires (a sync every ≤1s here)
    for (const [i, w] of want.entries())
      expect(Math.abs(g[i] - w), `gap ${i}: ${g.join(",")}`).toBeLessThanOrEqual(2);
    expect(await status(sim, "typo")).toMatch(/^(ImagePullBackOff|ErrImagePull)$/);
  });
});

describe("node lifecycle controller (FIDELITY §12: node-monitor-grace-period 50s)", () => {
  const ready = (sim: ReturnType<typeof createSimulation>) =>
    sim.node.api.get<Node>("Node", undefined, "node-1").status?.conditions?.find((c) => c.type === "Ready");

  it("a stopped kubelet: Ready stays True within 40s, is Unknown 'Kubelet stopped posting node status.' after 50s+", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.advance(30_000);
    await sim.exec("systemctl stop kubelet");
    await sim.advance(35_000);
    expect(ready(sim)?.status).toBe("True");
    await sim.advance(30_000);
    expect([ready(sim)?.status, ready(sim)?.reason, ready(sim)?.message]).toEqual([
      "Unknown",
      "NodeStatusUnknown",
      "Kubelet stopped posting node status.",
    ]);
    const node = sim.node.api.get<Node>("Node", undefined, "node-1");
    for (const t of ["MemoryPressure", "DiskPressure", "PIDPressure"])
      expect(node.status?.conditions?.find((c) => c.type === t)?.status).toBe("Unknown");
    expect(await sim.exec("kubectl get nodes")).toMatch(/^node-1 {3}NotReady {3}/m);
    // the controller taints an unreachable node (node.kubernetes.io/unreachable)
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toContain(
      "node.kubernetes.io/unreachable:NoSchedule",
    );
    await sim.exec("systemctl start kubelet");
    await sim.advance(20_000);
    expect(ready(sim)?.status).toBe("True");
    expect(sim.node.api.get<Node>("Node", undefined, "node-1").spec?.taints ?? []).toEqual([]);
  });
});

describe("broken /etc/containerd/config.toml (FIDELITY §11)", () => {
  it("containerd fails to start with go-toml's complaint and systemd's failure lines", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("sed -i 's/^version = 3/version = [3/' /etc/containerd/config.toml");
    const r = await sim.run("systemctl restart containerd");
    expect(r.stderr).toBe(
      'Job for containerd.service failed because the control process exited with error code.\nSee "systemctl status containerd.service" and "journalctl -xeu containerd.service" for details.\n',
    );
    const journal = (await sim.exec("journalctl -u containerd --no-pager")).trimEnd().split("\n").slice(-5);
    expect(journal[0]).toMatch(
      /containerd\[\d+\]: time="[^"]+" level=error msg="Failure unmarshaling TOML" column=\d+ error="toml: [^"]+" file=\/etc\/containerd\/config\.toml row=2$/,
    );
    expect(journal[1]).toMatch(
      /containerd\[\d+\]: containerd: failed to unmarshal TOML at row 2 column \d+: toml: /,
    );
    expect(journal.slice(2).map((l) => l.replace(/^.*systemd\[1\]: /, ""))).toEqual([
      "containerd.service: Main process exited, code=exited, status=1/FAILURE",
      "containerd.service: Failed with result 'exit-code'.",
      "Failed to start containerd container runtime.",
    ]);
    // Restart=always keeps trying, and keeps failing until the file is fixed
    await sim.advance(12_000);
    expect(sim.node.units.containerd.state).toBe("failed");
    await sim.exec("sed -i 's/^version = \\[3/version = 3/' /etc/containerd/config.toml");
    await sim.advance(6_000);
    expect(sim.node.units.containerd.state).toBe("active");
  });
});

describe("image GC (FIDELITY §11: 85% high, 80% low, every 5 minutes)", () => {
  it("frees unused images, never the pinned sandbox image or one a container uses", async () => {
    const sim = await runPod(pod("web", "containers:\n- name: c\n  image: nginx:1.27"), 20_000);
    sim.node.faults.fillDisk(90);
    const used = () =>
      sim.node.runtime.imageFsUsage().usedBytes / sim.node.runtime.imageFsUsage().capacityBytes;
    // the kubelet's GC loop runs every 5 minutes from its start (virtual time 0)
    await sim.advance(295_000 - sim.node.clock.now());
    expect(used()).toBeGreaterThan(0.85);
    await sim.advance(10_000);
    expect(used()).toBeLessThanOrEqual(0.8);
    const images = await sim.exec("crictl images");
    expect(images).toMatch(/^docker\.io\/library\/nginx +1\.27 /m);
    expect(images).toMatch(/^registry\.k8s\.io\/pause +3\.10 /m);
    expect(await sim.exec("journalctl -u kubelet --no-pager")).toMatch(
      /image_gc_manager\.go:\d+\] "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=9\d highThreshold=85 amountToFree=\d+ lowThreshold=80/,
    );
    expect(await status(sim, "web")).toBe("Running");
  });
});

describe("scheduler (docs: assign-memory-resource, 'exceeds the capacity of any node')", () => {
  it("a 1000Gi request stays Pending with the scheduler's FailedScheduling message", async () => {
    const sim = await runPod(
      pod(
        "memory-demo-3",
        "containers:\n- name: c\n  image: polinux/stress\n  resources:\n    requests:\n      memory: 1000Gi\n    limits:\n      memory: 1000Gi",
      ),
      10_000,
    );
    expect(await status(sim, "memory-demo-3")).toBe("Pending");
    expect(events(sim, "memory-demo-3").map((e) => `${e.type} ${e.reason} ${e.message}`)).toContain(
      "Warning FailedScheduling 0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });
});
