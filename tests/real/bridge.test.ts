// The real path end to end: RemoteRuntime → WebSocket → server/ → gRPC → containerd.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CriClient } from "../../server/criClient";
import type { RemoteRuntime } from "../../src/remote/remoteRuntime";
import { ContainerEventType, ContainerState, CriError, PodSandboxState } from "../../src/sim/cri";
import { connect, direct, REGISTRY, sandboxConfig, stopBackend, waitFor } from "./helpers";

let rt: RemoteRuntime;
let cri: CriClient;

beforeAll(async () => {
  rt = await connect();
  cri = direct();
});
afterAll(async () => {
  rt.close();
  cri.close();
  await stopBackend();
});

async function rejection(p: Promise<unknown>): Promise<CriError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CriError) return e;
    throw e;
  }
  throw new Error("expected a CriError");
}

describe("real runtime through the backend", () => {
  it("answers Version and Status like containerd", async () => {
    const v = await rt.version({ version: "v1" }).toPromise();
    expect(v.runtimeName).toBe("containerd");
    expect(v.runtimeApiVersion).toBe("v1");
    const s = await rt.status({}).toPromise();
    const cond = Object.fromEntries(s.status.conditions.map((c) => [c.type, c.status]));
    expect(cond).toEqual({ RuntimeReady: true, NetworkReady: true });
  });

  it("pulls from the local registry", async () => {
    const { imageRef } = await rt.pullImage({ image: { image: `${REGISTRY}/busybox:latest` } }).toPromise();
    expect(imageRef).toMatch(/^sha256:[0-9a-f]{64}$/);
    const st = await rt.imageStatus({ image: { image: `${REGISTRY}/busybox:latest` } }).toPromise();
    expect(st.image?.id).toBe(imageRef);
    expect(st.image?.repoTags).toContain(`${REGISTRY}/busybox:latest`);
    expect(st.image?.size).toBeGreaterThan(500_000);
    const absent = await rt.imageStatus({ image: { image: `${REGISTRY}/busybox:absent` } }).toPromise();
    expect(absent.image).toBeUndefined();
  });

  it("a missing tag fails with the registry's NotFound", async () => {
    const e = await rejection(
      rt.pullImage({ image: { image: `${REGISTRY}/busybox:no-such-tag` } }).toPromise(),
    );
    expect(e.code).toBe("NotFound");
    expect(e.desc).toContain(`${REGISTRY}/busybox:no-such-tag: not found`);
    expect(e.message).toMatch(/^rpc error: code = NotFound desc = failed to pull and unpack image/);
  });

  it("runs a pod with a real IP, logs in the CRI format, and leaves nothing after delete", async () => {
    const config = sandboxConfig("echo");
    const { podSandboxId } = await rt.runPodSandbox({ config }).toPromise();
    const ps = await rt.podSandboxStatus({ podSandboxId }).toPromise();
    expect(ps.status.state).toBe(PodSandboxState.SANDBOX_READY);
    expect(ps.status.network?.ip).toMatch(/^10\.88\.\d+\.\d+$/);
    expect(ps.status.linux?.namespaces?.options?.network).toBe("POD");

    await rt.pullImage({ image: { image: `${REGISTRY}/busybox:latest` } }).toPromise();
    const { containerId } = await rt
      .createContainer({
        podSandboxId,
        sandboxConfig: config,
        config: {
          metadata: { name: "app", attempt: 0 },
          image: { image: `${REGISTRY}/busybox:latest` },
          command: ["/bin/sh", "-c", "echo hello; echo oops >&2; echo world; exec sleep 3600"],
          logPath: "app/0.log",
          labels: { "io.kubernetes.container.name": "app" },
        },
      })
      .toPromise();
    let cs = await rt.containerStatus({ containerId }).toPromise();
    expect(cs.status.state).toBe(ContainerState.CONTAINER_CREATED);
    await rt.startContainer({ containerId }).toPromise();
    cs = await rt.containerStatus({ containerId }).toPromise();
    expect(cs.status.state).toBe(ContainerState.CONTAINER_RUNNING);
    expect(cs.status.startedAt).toBeGreaterThan(1e18);
    expect(cs.status.logPath).toBe(`${config.logDirectory}/app/0.log`);

    const logFile = `${config.logDirectory}/app/0.log`;
    const lines = await waitFor(() => {
      const l = existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n") : [];
      return l.length >= 3 ? l : undefined;
    });
    // CRI log format: <RFC3339Nano> <stream> <P|F> <text>
    const re = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d) (stdout|stderr) F (.*)$/;
    for (const l of lines) expect(l).toMatch(re);
    const parsed = lines.map((l) => re.exec(l)!.slice(2, 4).join(" ")).sort();
    expect(parsed).toEqual(["stderr oops", "stdout hello", "stdout world"]);

    const { containers } = await rt.listContainers({ filter: { podSandboxId } }).toPromise();
    expect(containers.map((c) => c.id)).toEqual([containerId]);
    expect(containers[0].labels["k8s-node-sim.session"]).toBe(rt.state.session);

    await rt.stopContainer({ containerId, timeout: 0 }).toPromise();
    cs = await rt.containerStatus({ containerId }).toPromise();
    expect(cs.status.state).toBe(ContainerState.CONTAINER_EXITED);
    expect(cs.status.exitCode).toBe(137);
    await rt.removeContainer({ containerId }).toPromise();
    await rt.stopPodSandbox({ podSandboxId }).toPromise();
    await rt.removePodSandbox({ podSandboxId }).toPromise();

    // nothing left: neither through the bridge nor on the runtime itself
    expect((await rt.listPodSandbox({}).toPromise()).items).toEqual([]);
    expect((await rt.listContainers({}).toPromise()).containers).toEqual([]);
    const all = await cri.call("ListPodSandbox", { filter: { id: podSandboxId } });
    expect(all.items ?? []).toEqual([]);
    const e = await rejection(rt.containerStatus({ containerId }).toPromise());
    expect(e.code).toBe("NotFound");
  });

  it("serves HTTP on the pod IP (web image) and runs ExecSync in the container", async () => {
    const config = sandboxConfig("web");
    const { podSandboxId } = await rt.runPodSandbox({ config }).toPromise();
    await rt.pullImage({ image: { image: `${REGISTRY}/web:latest` } }).toPromise();
    const { containerId } = await rt
      .createContainer({
        podSandboxId,
        sandboxConfig: config,
        config: {
          metadata: { name: "web", attempt: 0 },
          image: { image: `${REGISTRY}/web:latest` },
          logPath: "web/0.log",
        },
      })
      .toPromise();
    await rt.startContainer({ containerId }).toPromise();
    const ip = (await rt.podSandboxStatus({ podSandboxId }).toPromise()).status.network!.ip;
    const body = await waitFor(async () => {
      try {
        return await (await fetch(`http://${ip}/`, { signal: AbortSignal.timeout(1000) })).text();
      } catch {
        return undefined;
      }
    });
    expect(body).toContain("Hello from k8s-node-sim");
    const ex = await rt
      .execSync({ containerId, cmd: ["sh", "-c", "hostname; exit 3"], timeout: 10 })
      .toPromise();
    expect(ex).toEqual({ stdout: "web\n", stderr: "", exitCode: 3 });
    await rt.stopPodSandbox({ podSandboxId }).toPromise();
    await rt.removePodSandbox({ podSandboxId }).toPromise();
  });

  it("a crashing container exits with code 1 and the events feed reports it", async () => {
    const config = sandboxConfig("crash");
    const events: { id: string; type: ContainerEventType }[] = [];
    const cancel = rt.getContainerEvents((e) =>
      events.push({ id: e.containerId, type: e.containerEventType }),
    );
    const { podSandboxId } = await rt.runPodSandbox({ config }).toPromise();
    await rt.pullImage({ image: { image: `${REGISTRY}/crasher:latest` } }).toPromise();
    const { containerId } = await rt
      .createContainer({
        podSandboxId,
        sandboxConfig: config,
        config: {
          metadata: { name: "crasher", attempt: 0 },
          image: { image: `${REGISTRY}/crasher:latest` },
          logPath: "crasher/0.log",
        },
      })
      .toPromise();
    await rt.startContainer({ containerId }).toPromise();
    const st = await waitFor(async () => {
      const s = (await rt.containerStatus({ containerId }).toPromise()).status;
      return s.state === ContainerState.CONTAINER_EXITED ? s : undefined;
    });
    expect(st.exitCode).toBe(1);
    expect(st.reason).toBe("Error");
    // Real containerd: a process that dies at once may record finishedAt a hair *before* startedAt.
    expect(st.finishedAt).toBeGreaterThan(1e18);
    await waitFor(() =>
      events.some((e) => e.id === containerId && e.type === ContainerEventType.CONTAINER_STOPPED_EVENT),
    );
    cancel();
    await rt.stopPodSandbox({ podSandboxId }).toPromise();
    await rt.removePodSandbox({ podSandboxId }).toPromise();
  });
});
