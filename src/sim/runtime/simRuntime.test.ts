import { describe, expect, it } from "vitest";
import { CriError } from "../cri/errors";
import { ContainerState, PodSandboxState } from "../cri/types";
import { containerConfig, makeRuntime, podConfig } from "./testing";

const Mi = 1024 * 1024;

/** Sandbox + pulled image + created + started container; returns ids. */
function runContainer(
  h: ReturnType<typeof makeRuntime>,
  pod: string,
  image: string,
  extra: Parameters<typeof containerConfig>[2] = {},
) {
  const { rt, settle } = h;
  const config = podConfig(pod);
  const { podSandboxId } = settle(rt.runPodSandbox({ config }));
  settle(rt.pullImage({ image: { image } }));
  const { containerId } = settle(
    rt.createContainer({ podSandboxId, config: containerConfig(pod, image, extra), sandboxConfig: config }),
  );
  const start = rt.startContainer({ containerId });
  return { podSandboxId, containerId, config, start };
}

describe("image pulls", () => {
  it("pulls layer by layer with progress and stores shared layers once", () => {
    const h = makeRuntime();
    const { rt, clock, settle, trace } = h;
    const d = rt.pullImage({ image: { image: "nginx:1.27" } });
    clock.advance(600);
    const mid = rt.pullProgress();
    expect(mid).toHaveLength(1);
    expect(mid[0]).toMatchObject({ image: "nginx:1.27", layersTotal: 7 });
    expect(mid[0].bytesDone).toBeGreaterThan(0);
    expect(mid[0].bytesDone).toBeLessThan(mid[0].bytesTotal);
    const { imageRef } = settle(d);
    expect(imageRef).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rt.pullProgress()).toEqual([]);
    const pulls = trace
      .all()
      .filter((e) => e.kind === "pull")
      .map((e) => e.summary);
    expect(pulls).toContain("PullImage nginx:1.27 · 7/7 layers · 100%");
    const afterNginx = rt.imageFsUsage().usedBytes;
    settle(rt.pullImage({ image: { image: "redis" } }));
    const redisLayers = trace.all().filter((e) => e.summary.startsWith("PullImage redis:latest ·"));
    expect(redisLayers.at(-1)?.summary).toBe("PullImage redis:latest · 8/8 layers · 100%");
    const redis = settle(rt.imageStatus({ image: { image: "docker.io/library/redis:latest" } })).image!;
    // the debian:bookworm-slim base layer (28,231,123 bytes) was already in the content store
    expect(rt.imageFsUsage().usedBytes - afterNginx).toBe(redis.size - 28_231_123);
    const nginx = settle(rt.imageStatus({ image: { image: "nginx:1.27" } })).image!;
    expect(nginx.repoTags).toEqual(["docker.io/library/nginx:1.27"]);
    expect(settle(rt.imageStatus({ image: { image: "busybox" } })).image).toBeUndefined();
  });

  it("surfaces registry failures as CRI errors with containerd's text", () => {
    const h = makeRuntime();
    const e = h.settleErr(h.rt.pullImage({ image: { image: "nginx:1.99" } })) as CriError;
    expect(e).toBeInstanceOf(CriError);
    expect(e.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    );
    h.registry.setDown(true, "docker.io");
    const down = h.settleErr(h.rt.pullImage({ image: { image: "busybox" } })) as CriError;
    expect(down.code).toBe("Unknown");
    expect(down.desc).toMatch(/dial tcp 54\.236\.113\.205:443: connect: connection refused$/);
    expect(
      h.journal
        .query("containerd")
        .some((j) => j.message.includes('level=error msg="PullImage \\"busybox\\" failed"')),
    ).toBe(true);
  });

  it("refuses a pull that does not fit on the image filesystem", () => {
    const h = makeRuntime(1, { imageFsCapacityBytes: 50_000_000 });
    const e = h.settleErr(h.rt.pullImage({ image: { image: "nginx" } })) as CriError;
    expect(e.desc).toContain("no space left on device");
  });

  it("removes every tag of an image, even one in use, and keeps the pause image pinned", () => {
    const h = makeRuntime();
    const { rt, settle } = h;
    settle(rt.runPodSandbox({ config: podConfig("a") }));
    settle(rt.pullImage({ image: { image: "busybox:1.37" } }));
    settle(rt.pullImage({ image: { image: "busybox:latest" } }));
    const imgs = settle(rt.listImages({})).images;
    expect(imgs.find((i) => i.repoTags.includes("registry.k8s.io/pause:3.10"))?.pinned).toBe(true);
    const bb = imgs.find((i) => i.repoTags.includes("docker.io/library/busybox:latest"))!;
    expect(bb.repoTags).toHaveLength(2);
    settle(rt.removeImage({ image: { image: "busybox:1.37" } }));
    expect(settle(rt.imageStatus({ image: { image: "busybox:latest" } })).image).toBeUndefined();
    settle(rt.removeImage({ image: { image: "busybox:1.37" } })); // idempotent
  });
});

describe("sandboxes", () => {
  it("assigns sequential IPs, releases them on stop, and names netns like CNI", () => {
    const h = makeRuntime();
    const { rt, settle, trace } = h;
    const a = settle(rt.runPodSandbox({ config: podConfig("a") })).podSandboxId;
    const b = settle(rt.runPodSandbox({ config: podConfig("b") })).podSandboxId;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(settle(rt.podSandboxStatus({ podSandboxId: a })).status.network?.ip).toBe("10.244.0.2");
    expect(settle(rt.podSandboxStatus({ podSandboxId: b })).status.network?.ip).toBe("10.244.0.3");
    expect(rt.listSandboxViews()[0].netns).toMatch(/^\/var\/run\/netns\/cni-[0-9a-f-]{36}$/);
    settle(rt.stopPodSandbox({ podSandboxId: a }));
    settle(rt.stopPodSandbox({ podSandboxId: a })); // idempotent
    const st = settle(rt.podSandboxStatus({ podSandboxId: a }));
    expect(st.status.state).toBe(PodSandboxState.SANDBOX_NOTREADY);
    expect(st.status.network?.ip).toBe("");
    expect(rt.ipam.inUse()).toBe(1);
    expect(trace.all().some((e) => e.kind === "cni" && e.summary.startsWith("DEL a"))).toBe(true);
    settle(rt.removePodSandbox({ podSandboxId: a }));
    settle(rt.removePodSandbox({ podSandboxId: a }));
    expect(settle(rt.listPodSandbox({})).items.map((s) => s.id)).toEqual([b]);
    const e = h.settleErr(rt.podSandboxStatus({ podSandboxId: a })) as CriError;
    expect(e.desc).toBe(`an error occurred when try to find sandbox "${a}": not found`);
  });

  it("rejects an unknown runtime handler and accepts one from config.toml", () => {
    const h = makeRuntime();
    const e = h.settleErr(
      h.rt.runPodSandbox({ config: podConfig("g"), runtimeHandler: "runsc" }),
    ) as CriError;
    expect(e.desc).toMatch(
      /^unable to get OCI runtime for sandbox "[0-9a-f]{64}": no runtime for "runsc" is configured$/,
    );
    h.rt.applyConfig({
      ...h.rt.config,
      runtimes: {
        ...h.rt.config.runtimes,
        runsc: { runtimeType: "io.containerd.runsc.v1", systemdCgroup: false },
      },
    });
    const ok = h.settle(h.rt.runPodSandbox({ config: podConfig("g"), runtimeHandler: "runsc" }));
    const items = h.settle(h.rt.listPodSandbox({})).items;
    expect(items.find((s) => s.id === ok.podSandboxId)?.runtimeHandler).toBe("runsc");
  });
});

describe("containers", () => {
  it("runs to Completed or Error with CRI-format logs at the kubelet's path", () => {
    const h = makeRuntime();
    const { rt, settle, clock, fs } = h;
    const ok = runContainer(h, "hello", "busybox", {
      command: ["sh", "-c", 'echo "hello $HOSTNAME"; echo done; exit 0'],
    });
    settle(ok.start);
    clock.advance(100);
    const st = settle(rt.containerStatus({ containerId: ok.containerId })).status;
    expect(st).toMatchObject({ state: ContainerState.CONTAINER_EXITED, exitCode: 0, reason: "Completed" });
    expect(st.logPath).toBe("/var/log/pods/default_hello_uid-hello/hello/0.log");
    const log = fs.read(st.logPath)!;
    expect(log).toMatch(
      /^2026-01-15T09:00:00\.\d+Z stdout F hello hello\n2026-01-15T09:00:00\.\d+Z stdout F done\n$/,
    );
    const bad = runContainer(h, "bad", "busybox", { command: ["sh", "-c", "echo oops >&2; exit 3"] });
    settle(bad.start);
    clock.advance(100);
    const st2 = settle(rt.containerStatus({ containerId: bad.containerId })).status;
    expect(st2).toMatchObject({ exitCode: 3, reason: "Error" });
    expect(fs.read(st2.logPath)).toMatch(/ stderr F oops\n$/);
  });

  it("fails to start a missing executable with StartError 128", () => {
    const h = makeRuntime();
    const c = runContainer(h, "nope", "busybox", { command: ["foo"] });
    const e = h.settleErr(c.start) as CriError;
    expect(e.desc).toBe(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown',
    );
    const st = h.settle(h.rt.containerStatus({ containerId: c.containerId })).status;
    expect(st).toMatchObject({
      state: ContainerState.CONTAINER_EXITED,
      exitCode: 128,
      reason: "StartError",
      startedAt: 0,
    });
  });

  it("OOM-kills stress 250M under a 100Mi limit and lets 150M run under 200Mi", () => {
    const h = makeRuntime();
    const args = (n: string) => ({
      command: ["stress"],
      args: ["--vm", "1", "--vm-bytes", n, "--vm-hang", "1"],
    });
    const big = runContainer(h, "memory-demo-2", "polinux/stress", {
      ...args("250M"),
      memoryLimit: 100 * Mi,
    });
    const ok = runContainer(h, "memory-demo", "polinux/stress", { ...args("150M"), memoryLimit: 200 * Mi });
    h.settle(big.start);
    h.settle(ok.start);
    h.clock.advance(5_000);
    const st = h.settle(h.rt.containerStatus({ containerId: big.containerId })).status;
    expect(st).toMatchObject({ state: ContainerState.CONTAINER_EXITED, exitCode: 137, reason: "OOMKilled" });
    expect(h.fs.read(st.logPath)).toContain("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd");
    expect(
      h.trace.all().some((e) => e.kind === "kernel" && e.summary.startsWith("OOM kill memory-demo-2")),
    ).toBe(true);
    const run = h.settle(h.rt.containerStatus({ containerId: ok.containerId })).status;
    expect(run.state).toBe(ContainerState.CONTAINER_RUNNING);
    const stats = h.settle(h.rt.containerStats({ containerId: ok.containerId })).stats;
    expect(stats.memory.workingSetBytes.value).toBeGreaterThan(150 * Mi);
    expect(stats.cpu.usageCoreNanoSeconds.value).toBeGreaterThan(0);
  });

  it("stops: PID 1 sleep ignores SIGTERM (137 after grace), a trap exits 143, nginx quits 0", () => {
    const h = makeRuntime();
    const { rt, clock, settle } = h;
    const sleeper = runContainer(h, "sleeper", "busybox", { command: ["sleep", "3600"] });
    const trapper = runContainer(h, "trapper", "busybox", {
      command: ["sh", "-c", "trap 'echo bye; exit 143' TERM; while true; do sleep 1; done"],
    });
    const web = runContainer(h, "web", "nginx:1.27");
    for (const c of [sleeper, trapper, web]) settle(c.start);
    clock.advance(1000);
    const t0 = clock.now();
    settle(rt.stopContainer({ containerId: sleeper.containerId, timeout: 5 }));
    expect(clock.now() - t0).toBeGreaterThanOrEqual(5000);
    expect(settle(rt.containerStatus({ containerId: sleeper.containerId })).status).toMatchObject({
      exitCode: 137,
      reason: "Error",
    });
    const t1 = clock.now();
    settle(rt.stopContainer({ containerId: trapper.containerId, timeout: 30 }));
    expect(clock.now() - t1).toBeLessThan(1100);
    expect(settle(rt.containerStatus({ containerId: trapper.containerId })).status.exitCode).toBe(143);
    settle(rt.stopContainer({ containerId: web.containerId, timeout: 30 }));
    const ws = settle(rt.containerStatus({ containerId: web.containerId })).status;
    expect(ws).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(h.fs.read(ws.logPath)).toContain("[notice] 1#1: signal 3 (SIGQUIT) received, shutting down");
    settle(rt.stopContainer({ containerId: web.containerId, timeout: 30 })); // idempotent
    expect(
      h.journal
        .query("containerd")
        .map((j) => j.message)
        .join("\n"),
    ).toContain(`msg="Stop container \\"${sleeper.containerId}\\" with signal terminated"`);
  });

  it("liveness exec example: cat /tmp/healthy succeeds for 30 s then fails", () => {
    const h = makeRuntime();
    const c = runContainer(h, "liveness-exec", "registry.k8s.io/busybox", {
      args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
    });
    h.settle(c.start);
    h.clock.advance(10_000);
    const ok = h.settle(
      h.rt.execSync({ containerId: c.containerId, cmd: ["cat", "/tmp/healthy"], timeout: 1 }),
    );
    expect(ok).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    h.clock.advance(25_000);
    const bad = h.settle(
      h.rt.execSync({ containerId: c.containerId, cmd: ["cat", "/tmp/healthy"], timeout: 1 }),
    );
    expect(bad).toEqual({
      stdout: "",
      stderr: "cat: can't open '/tmp/healthy': No such file or directory\n",
      exitCode: 1,
    });
    const ps = h.settle(
      h.rt.execSync({
        containerId: c.containerId,
        cmd: ["sh", "-c", "hostname && cat /etc/hostname"],
        timeout: 0,
      }),
    );
    expect(ps.stdout).toBe("liveness-exec\nliveness-exec\n");
    const e = h.settleErr(h.rt.execSync({ containerId: "deadbeef", cmd: ["ls"], timeout: 1 })) as CriError;
    // containerd ExecSync wraps the store lookup: failed to exec in container: failed to find container … in store.
    expect(e.desc).toBe(
      'failed to exec in container: failed to find container "deadbeef" in store: not found',
    );
  });

  it("nginx answers GET / 200 through the pod network, 404 elsewhere, and a pod can wget it", () => {
    const h = makeRuntime();
    const web = runContainer(h, "web", "nginx:1.27");
    h.settle(web.start);
    h.clock.advance(100);
    const ip = h.settle(h.rt.podSandboxStatus({ podSandboxId: web.podSandboxId })).status.network!.ip;
    const res = h.settle(h.rt.httpGet({ host: ip, port: 80, path: "/", timeoutMs: 1000 }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<title>Welcome to nginx!</title>");
    expect(h.settle(h.rt.httpGet({ host: ip, port: 80, path: "/nope", timeoutMs: 1000 })).statusCode).toBe(
      404,
    );
    const refused = h.settleErr(h.rt.httpGet({ host: ip, port: 8080, path: "/healthz", timeoutMs: 1000 }));
    expect(refused.message).toBe(
      `Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`,
    );
    const log = h.fs.read("/var/log/pods/default_web_uid-web/web/0.log")!;
    expect(log).toContain("stdout F /docker-entrypoint.sh: Configuration complete; ready for start up");
    expect(log).toContain(`stdout F 10.244.0.1 - - [15/Jan/2026:09:00:`);
    const client = runContainer(h, "client", "busybox", {
      command: ["sh", "-c", `wget -qO- http://${ip}/ | head -n 4`],
    });
    h.settle(client.start);
    h.clock.advance(100);
    expect(h.fs.read("/var/log/pods/default_client_uid-client/client/0.log")).toContain(
      "stdout F <title>Welcome to nginx!</title>",
    );
  });

  it("agnhost liveness serves /healthz 200 for 10 s, then 500", () => {
    const h = makeRuntime();
    const c = runContainer(h, "liveness-http", "registry.k8s.io/e2e-test-images/agnhost:2.40", {
      args: ["liveness"],
    });
    h.settle(c.start);
    const ip = h.rt.listSandboxViews()[0].ip!;
    h.clock.advance(3000);
    expect(
      h.settle(h.rt.httpGet({ host: ip, port: 8080, path: "/healthz", timeoutMs: 1000 })).statusCode,
    ).toBe(200);
    h.clock.advance(9000);
    expect(
      h.settle(h.rt.httpGet({ host: ip, port: 8080, path: "/healthz", timeoutMs: 1000 })).statusCode,
    ).toBe(500);
  });
});

describe("the daemon", () => {
  it("fails CRI calls with connection refused while containerd is down; containers keep running", () => {
    const h = makeRuntime();
    const c = runContainer(h, "loop", "busybox", {
      command: ["sh", "-c", "while true; do echo tick; sleep 1; done"],
    });
    h.settle(c.start);
    h.rt.setAvailable(false);
    const e = h.settleErr(h.rt.listContainers({})) as CriError;
    expect(e.code).toBe("Unavailable");
    expect(e.desc).toBe(
      'connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"',
    );
    const before = h.fs.read("/var/log/pods/default_loop_uid-loop/loop/0.log")!.split("\n").length;
    h.clock.advance(10_000);
    expect(h.fs.read("/var/log/pods/default_loop_uid-loop/loop/0.log")!.split("\n").length).toBeGreaterThan(
      before + 8,
    );
    h.rt.setAvailable(true);
    expect(h.settle(h.rt.containerStatus({ containerId: c.containerId })).status.state).toBe(
      ContainerState.CONTAINER_RUNNING,
    );
  });

  it("is deterministic: same seed, same IDs and trace", () => {
    const run = () => {
      const h = makeRuntime(42);
      const c = runContainer(h, "web", "nginx:1.27");
      h.settle(c.start);
      h.clock.advance(2000);
      return {
        id: c.containerId,
        trace: h.trace.all().map((e) => `${e.t} ${e.summary}`),
        journal: h.journal.query().map((j) => j.message),
      };
    };
    expect(run()).toEqual(run());
  });
});
