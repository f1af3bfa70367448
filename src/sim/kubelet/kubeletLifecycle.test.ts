import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { spawn } from "../task";
import { simplePod, testNode } from "./testing/testNode";

function started(n: ReturnType<typeof testNode>) {
  n.cri.addImage("busybox:1.36");
  n.kubelet.start();
  n.clock.advance(100);
}

describe("phase and conditions per restartPolicy", () => {
  it.each([
    ["Never", 0, "Succeeded", "PodCompleted"],
    ["Never", 1, "Failed", "PodFailed"],
    ["OnFailure", 0, "Succeeded", "PodCompleted"],
  ] as const)("restartPolicy %s, exit %d ⇒ %s", (policy, code, phase, reason) => {
    const n = testNode();
    started(n);
    n.cri.scripts.set("app", { exitAfterMs: 2000, exitCode: code });
    n.apply(simplePod("job", "busybox:1.36", { restartPolicy: policy }));
    n.clock.advance(10_000);
    const st = n.status("job")!;
    expect(st.phase).toBe(phase);
    expect(st.conditions!.find((c) => c.type === "Ready")).toMatchObject({ status: "False", reason });
    expect(st.containerStatuses![0].state?.terminated).toMatchObject({
      exitCode: code,
      reason: code ? "Error" : "Completed",
    });
    // A finished pod keeps its sandbox, stopped.
    expect([...n.cri.sandboxes.values()].map((s) => s.status.state)).toEqual([1]);
    const starts = n.criCalls().filter((c) => c === "StartContainer(job/app)").length;
    n.clock.advance(60_000);
    expect(n.criCalls().filter((c) => c === "StartContainer(job/app)").length).toBe(starts);
    expect(n.status("job")!.phase).toBe(phase);
  });

  it("OnFailure restarts a failed container and stays Running", () => {
    const n = testNode();
    started(n);
    n.cri.scripts.set("app", { exitAfterMs: 2000, exitCode: 3 });
    n.apply(simplePod("job", "busybox:1.36", { restartPolicy: "OnFailure" }));
    n.clock.advance(20_000);
    const st = n.status("job")!;
    expect(st.phase).toBe("Running");
    expect(st.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(1);
  });
});

describe("init containers", () => {
  it("run one by one before the app; PodInitializing meanwhile", () => {
    const n = testNode();
    started(n);
    n.cri.scripts.set("init-a", { exitAfterMs: 3000, exitCode: 0 });
    n.cri.scripts.set("init-b", { exitAfterMs: 3000, exitCode: 0 });
    const p: Pod = simplePod("web", "busybox:1.36");
    p.spec!.initContainers = [
      { name: "init-a", image: "busybox:1.36" },
      { name: "init-b", image: "busybox:1.36" },
    ];
    n.apply(p);
    n.clock.advance(2000);
    let st = n.status("web")!;
    expect(st.phase).toBe("Pending");
    expect(st.containerStatuses![0].state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(st.conditions!.find((c) => c.type === "Initialized")).toMatchObject({
      status: "False",
      reason: "ContainersNotInitialized",
      message: "containers with incomplete status: [init-a init-b]",
    });
    n.clock.advance(15_000);
    const order = n.criCalls().filter((c) => c.startsWith("StartContainer("));
    expect(order).toEqual([
      "StartContainer(web/init-a)",
      "StartContainer(web/init-b)",
      "StartContainer(web/app)",
    ]);
    const a = n.trace.all().find((e) => e.summary === "StartContainer(web/init-b)")!.t;
    expect(a).toBeGreaterThan(3000);
    st = n.status("web")!;
    expect(st.phase).toBe("Running");
    expect(st.initContainerStatuses!.map((s) => s.state?.terminated?.reason)).toEqual([
      "Completed",
      "Completed",
    ]);
  });
});

describe("probes", () => {
  it("a failing liveness probe kills and restarts the container", () => {
    const n = testNode();
    started(n);
    let healthy = true;
    n.cri.scripts.set("app", {
      exec: () => (healthy ? { exitCode: 0 } : { exitCode: 1, stdout: "unhealthy" }),
    });
    const p = simplePod("live", "busybox:1.36");
    p.spec!.containers[0].livenessProbe = {
      exec: { command: ["cat", "/tmp/healthy"] },
      periodSeconds: 5,
      failureThreshold: 3,
      timeoutSeconds: 1,
    };
    n.apply(p);
    n.clock.advance(12_000);
    healthy = false;
    n.clock.advance(20_000);
    expect(n.events("Unhealthy")[0].message).toBe("Liveness probe failed: unhealthy");
    expect(n.events("Unhealthy").length).toBeGreaterThanOrEqual(3);
    expect(n.events("Killing")[0].message).toBe("Container app failed liveness probe, will be restarted");
    const stop = n.trace.all().find((e) => e.summary === "StopContainer(live/app)")!;
    expect((stop.detail!.request as { timeout: number }).timeout).toBe(30);
    healthy = true;
    n.clock.advance(5000);
    expect(n.status("live")!.containerStatuses![0].restartCount).toBe(1);
    expect(n.status("live")!.containerStatuses![0].state?.running).toBeDefined();
  });

  it("a failing readiness probe keeps the pod not Ready", () => {
    const n = testNode();
    started(n);
    n.cri.scripts.set("app", { exec: () => ({ exitCode: 1, stdout: "" }) });
    const p = simplePod("rdy", "busybox:1.36");
    p.spec!.containers[0].readinessProbe = {
      exec: { command: ["false"] },
      periodSeconds: 5,
      failureThreshold: 3,
    };
    n.apply(p);
    n.clock.advance(30_000);
    const st = n.status("rdy")!;
    expect(st.phase).toBe("Running");
    expect(st.containerStatuses![0].ready).toBe(false);
    expect(st.conditions!.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "ContainersNotReady",
    });
    expect(n.events("Unhealthy")[0].message).toBe("Readiness probe failed: ");
  });
});

describe("graceful deletion", () => {
  it("Killing → preStop → StopContainer(grace) → StopPodSandbox → delete with grace 0", () => {
    const n = testNode();
    started(n);
    const p = simplePod("web", "busybox:1.36", { terminationGracePeriodSeconds: 20 });
    p.spec!.containers[0].lifecycle = { preStop: { exec: { command: ["sh", "-c", "sleep 1"] } } };
    n.apply(p);
    n.clock.advance(3000);
    n.api.delete("Pod", "default", "web");
    n.clock.advance(5000);
    const calls = n.criCalls().filter((c) => /^(ExecSync|StopContainer|StopPodSandbox)/.test(c));
    expect(calls).toEqual(["ExecSync(web/app)", "StopContainer(web/app)", "StopPodSandbox(web)"]);
    const stop = n.trace.all().find((e) => e.summary === "StopContainer(web/app)")!;
    expect((stop.detail!.request as { timeout: number }).timeout).toBe(20);
    expect(n.events("Killing")[0].message).toBe("Stopping container app");
    expect(n.api.pod("web")).toBeUndefined();
    const last = n.api.statusWrites.filter((w) => w.name === "web").pop()!.status as Pod["status"];
    expect(last!.containerStatuses![0].state?.terminated?.exitCode).toBe(143);
  });
});

describe("node status", () => {
  it("registers the node Ready, then NotReady when the runtime goes down", () => {
    const n = testNode();
    n.kubelet.start();
    n.clock.advance(100);
    const node = n.api.tryGet<{
      status: {
        conditions: { type: string; status: string; reason: string; message: string }[];
        nodeInfo: Record<string, string>;
        capacity: Record<string, string>;
      };
    }>("Node", undefined, "node-1")!;
    expect(node.status.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      "MemoryPressure=False/KubeletHasSufficientMemory",
      "DiskPressure=False/KubeletHasNoDiskPressure",
      "PIDPressure=False/KubeletHasSufficientPID",
      "Ready=True/KubeletReady",
    ]);
    expect(node.status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\/2\.1\./);
    expect(node.status.capacity.pods).toBe("110");
    expect(
      n
        .events()
        .filter((e) => e.kind === "Node")
        .map((e) => e.reason),
    ).toEqual([
      "Starting",
      "NodeHasSufficientMemory",
      "NodeHasNoDiskPressure",
      "NodeHasSufficientPID",
      "NodeAllocatableEnforced",
      "NodeReady",
    ]);
    n.cri.down = true;
    n.clock.advance(45_000);
    let ready = n.api.tryGet<typeof node>("Node", undefined, "node-1")!.status.conditions[3];
    expect(ready).toMatchObject({
      status: "False",
      reason: "KubeletNotReady",
      message: "container runtime is down",
    });
    expect(n.events("NodeNotReady")[0].message).toBe("Node node-1 status is now: NodeNotReady");
    n.clock.advance(180_000);
    ready = n.api.tryGet<typeof node>("Node", undefined, "node-1")!.status.conditions[3];
    expect(ready.message).toMatch(
      /^\[container runtime is down, PLEG is not healthy: pleg was last seen active 3m\d+(\.\d+)?s ago; threshold is 3m0s\]$/,
    );
    n.cri.down = false;
    n.clock.advance(15_000);
    expect(n.api.tryGet<typeof node>("Node", undefined, "node-1")!.status.conditions[3].status).toBe("True");
  });

  it("NetworkReady=false makes the node NotReady with the CNI message", () => {
    const n = testNode();
    n.cri.networkReady = false;
    n.kubelet.start();
    n.clock.advance(100);
    const node = n.api.tryGet<{ status: { conditions: { message: string }[] } }>(
      "Node",
      undefined,
      "node-1",
    )!;
    expect(node.status.conditions[3].message).toBe(
      "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized",
    );
  });

  it("a wrong runtime endpoint fails the kubelet start with the real error", () => {
    const n = testNode({
      flags:
        'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/crio/crio.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    });
    const err = n.kubelet.start();
    expect(err).toBe(
      'failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint "unix:///var/run/crio/crio.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/crio/crio.sock: connect: no such file or directory"',
    );
    expect(n.journal.at(-1)).toMatch(
      /^E0115 09:00:00\.000000 {4}1043 run\.go:72\] "command failed" err="failed to run Kubelet: validate service connection: /,
    );
    expect(n.kubelet.running).toBe(false);
  });
});

describe("image GC", () => {
  it("frees unused images down to 80 % once usage is at or above 85 %", () => {
    const n = testNode({ config: { imageFsCapacityBytes: 1000_000_000 } });
    n.cri.addImage("old-a:1", 300_000_000);
    n.cri.addImage("old-b:1", 300_000_000);
    n.cri.addImage("old-c:1", 260_000_000);
    n.kubelet.start();
    n.clock.advance(100);
    spawn(n.kubelet.imageGarbageCollect());
    n.clock.advance(1000);
    // Used 860.3 MB of 1 GB (87 %) → free 60.3 MB: the least recently used unpinned image goes.
    expect(n.criCalls().filter((c) => c.startsWith("RemoveImage"))).toHaveLength(1);
    expect(n.cri.images.has("registry.k8s.io/pause:3.10")).toBe(true);
    expect(
      n.journal.some((l) =>
        l.includes(
          '"Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=87 highThreshold=85 amountToFree=60300000 lowThreshold=80',
        ),
      ),
    ).toBe(true);
  });

  it("warns FreeDiskSpaceFailed when the images are too new to remove", () => {
    const n = testNode({ config: { imageFsCapacityBytes: 1000_000_000 } });
    n.kubelet.start();
    n.clock.advance(100);
    spawn(n.kubelet.imageGarbageCollect());
    n.clock.advance(100);
    n.cri.addImage("new:1", 900_000_000);
    spawn(n.kubelet.imageGarbageCollect());
    n.clock.advance(1000);
    expect(n.events("FreeDiskSpaceFailed")[0].message).toBe(
      "Failed to garbage collect required amount of images. Attempted to free 100300000 bytes, but only found 0 bytes eligible to free.",
    );
  });
});
