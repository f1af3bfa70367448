// FIDELITY §10–§14 and the Kubernetes docs' task-page examples, through the headless shell.
import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";
import { events, getPod, pod, runPod, status } from "./helpers";

const ready = (sim: ReturnType<typeof createSimulation>) =>
  sim.node.api.get<Node>("Node", undefined, "node-1").status?.conditions?.find((c) => c.type === "Ready");

describe("the runtime down (FIDELITY §12) — the seed's 'kubelet not talking to the runtime'", () => {
  it("systemctl stop containerd: crictl fails, containers keep running, the node goes NotReady", async () => {
    const sim = await runPod(
      pod(
        "web",
        'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sh", "-c", "while true; do echo tick; sleep 1; done"]',
      ),
      20_000,
    );
    await sim.exec("systemctl stop containerd");
    const crictl = await sim.run("crictl ps");
    expect(crictl.code).not.toBe(0);
    expect(crictl.stderr).toContain(
      'validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error:',
    );
    const logsBefore = sim.node.fs.paths().filter((p) => p.startsWith("/var/log/pods/"));
    const sizeBefore = sim.node.fs.read(logsBefore[0])?.length ?? 0;
    await sim.advance(45_000);
    expect(sim.node.fs.read(logsBefore[0])?.length ?? 0).toBeGreaterThan(sizeBefore);
    const r = ready(sim);
    expect([r?.status, r?.reason]).toEqual(["False", "KubeletNotReady"]);
    expect(r?.message).toContain("container runtime is down");
    expect(await sim.exec("kubectl get nodes")).toMatch(/node-1\s+NotReady/);
    await sim.exec("systemctl start containerd");
    await sim.advance(15_000);
    expect(ready(sim)?.status).toBe("True");
  });

  it("a wrong --container-runtime-endpoint keeps the kubelet down; the node goes Unknown; fixing it heals", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(
      "sed -i 's#unix:///run/containerd/containerd.sock#unix:///var/run/crio/crio.sock#' /var/lib/kubelet/kubeadm-flags.env",
    );
    await sim.exec("systemctl restart kubelet");
    await sim.advance(60_000);
    const journal = await sim.exec("journalctl -u kubelet --no-pager");
    expect(journal).toContain(
      'failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/crio/crio.sock\\"',
    );
    expect(ready(sim)?.status).toBe("Unknown");
    expect(ready(sim)?.reason).toBe("NodeStatusUnknown");
    await sim.exec(
      "sed -i 's#unix:///var/run/crio/crio.sock#unix:///run/containerd/containerd.sock#' /var/lib/kubelet/kubeadm-flags.env",
    );
    await sim.exec("systemctl restart kubelet");
    await sim.advance(20_000);
    expect(ready(sim)?.status).toBe("True");
  });

  it("a broken config.toml keeps containerd failed, with the reason in its journal", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("sed -i 's/^version = 3/version = [3/' /etc/containerd/config.toml");
    await sim.exec("systemctl restart containerd");
    expect(sim.node.units.containerd.state).toBe("failed");
    expect(await sim.exec("journalctl -u containerd --no-pager")).toMatch(/failed to load TOML|toml/);
    expect((await sim.run("systemctl status containerd")).code).toBe(3);
  });
});

describe("image garbage collection (FIDELITY §11)", () => {
  it("over 85% of the image filesystem, the kubelet frees unused images down to 80%", async () => {
    const sim = createSimulation({ seed: 1 });
    sim.node.faults.fillDisk(90);
    const fs = () => sim.node.runtime.imageFsUsage();
    expect(fs().usedBytes / fs().capacityBytes).toBeGreaterThan(0.85);
    await sim.advance(6 * 60_000);
    expect(fs().usedBytes / fs().capacityBytes).toBeLessThanOrEqual(0.8);
    expect(await sim.exec("journalctl -u kubelet --no-pager")).toContain(
      "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold",
    );
  });
});

describe("graceful termination (FIDELITY §14)", () => {
  it("a PID-1 sleep ignores SIGTERM: deletion takes the 30s grace period and ends in SIGKILL (137)", async () => {
    const sim = await runPod(
      pod("s", 'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sleep", "3600"]'),
      20_000,
    );
    const t0 = sim.node.clock.now();
    const out = await sim.exec("kubectl delete pod s");
    expect(out).toContain('pod "s" deleted');
    expect(Math.round((sim.node.clock.now() - t0) / 1000)).toBeGreaterThanOrEqual(30);
    const stopped = sim.trace.all().find((e) => e.kind === "kernel" && /137|SIGKILL/.test(e.summary));
    expect(stopped, "a SIGKILL after the grace period").toBeDefined();
  });

  it("nginx stops at once on SIGTERM", async () => {
    const sim = await runPod(pod("w", "containers:\n- name: c\n  image: nginx:1.27"), 20_000);
    const t0 = sim.node.clock.now();
    await sim.exec("kubectl delete pod w");
    expect(sim.node.clock.now() - t0).toBeLessThan(5_000);
  });
});

describe("Kubernetes docs task pages", () => {
  it("liveness exec (configure-liveness-readiness-startup-probes): healthy 30s, then Unhealthy and a restart", async () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`;
    const sim = createSimulation({ seed: 1 });
    expect(await sim.apply(yaml)).toBe("pod/liveness-exec created\n");
    await sim.advance(30_000);
    expect(events(sim, "liveness-exec").filter((e) => e.reason === "Unhealthy")).toEqual([]);
    await sim.advance(45_000);
    const msgs = events(sim, "liveness-exec").map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(
      msgs.some((m) =>
        /^Warning Unhealthy Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/.test(
          m,
        ),
      ),
    ).toBe(true);
    expect(msgs).toContain("Normal Killing Container liveness failed liveness probe, will be restarted");
    await sim.advance(30_000);
    expect(getPod(sim, "liveness-exec").status?.containerStatuses?.[0].restartCount).toBeGreaterThanOrEqual(
      1,
    );
  });

  it("assign-memory-resource: 150M under 200Mi runs; 250M under 100Mi is OOMKilled; 1000Gi does not fit", async () => {
    const stress = (name: string, bytes: string, limit: string, request: string) =>
      pod(
        name,
        `containers:\n- name: c\n  image: polinux/stress\n  resources:\n    requests:\n      memory: "${request}"\n    limits:\n      memory: "${limit}"\n  command: ["stress"]\n  args: ["--vm", "1", "--vm-bytes", "${bytes}", "--vm-hang", "1"]`,
      );
    const ok = await runPod(stress("memory-demo", "150M", "200Mi", "100Mi"), 30_000);
    expect(await status(ok, "memory-demo")).toBe("Running");
    const oom = await runPod(stress("memory-demo-2", "250M", "100Mi", "50Mi"), 30_000);
    expect(
      getPod(oom, "memory-demo-2").status?.containerStatuses?.[0].lastState?.terminated?.reason ??
        getPod(oom, "memory-demo-2").status?.containerStatuses?.[0].state?.terminated?.reason,
    ).toBe("OOMKilled");
    const big = await runPod(stress("memory-demo-3", "150M", "1000Gi", "1000Gi"), 10_000);
    expect(await status(big, "memory-demo-3")).toBe("Pending");
    expect(events(big, "memory-demo-3").map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^0\/1 nodes are available: 1 Insufficient memory\./),
    );
  });
});

describe("Kubernetes docs task pages: HTTP and TCP probes", () => {
  it("liveness HTTP (agnhost liveness): /healthz fails after 10s, the container is restarted", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args:
    - liveness
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
`);
    await sim.advance(40_000);
    const msgs = events(sim, "liveness-http").map((e) => `${e.reason} ${e.message}`);
    expect(msgs).toContain("Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500");
    expect(msgs).toContain("Killing Container liveness failed liveness probe, will be restarted");
  });

  it("TCP probes (goproxy on 8080): the pod becomes Ready and stays up", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: goproxy
  labels:
    app: goproxy
spec:
  containers:
  - name: goproxy
    image: registry.k8s.io/goproxy:0.1
    ports:
    - containerPort: 8080
    readinessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
    livenessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
`);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get pod goproxy --no-headers")).toMatch(/^goproxy\s+0\/1\s+Running/);
    await sim.advance(60_000);
    expect(await sim.exec("kubectl get pod goproxy --no-headers")).toMatch(/^goproxy\s+1\/1\s+Running\s+0/);
  });
});
