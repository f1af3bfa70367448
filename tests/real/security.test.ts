// What the backend refuses, and what a page can never see or touch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { CriClient } from "../../server/criClient";
import type { RemoteRuntime } from "../../src/remote/remoteRuntime";
import { CriError, PodSandboxState } from "../../src/sim/cri";
import { backendUnderTest, connect, direct, REGISTRY, sandboxConfig, stopBackend, waitFor } from "./helpers";

let rt: RemoteRuntime;
let cri: CriClient;
let url: string;

beforeAll(async () => {
  url = (await backendUnderTest()).url;
  rt = await connect();
  cri = direct();
  await cri.call("PullImage", { image: { image: `${REGISTRY}/busybox:latest` } });
});
afterAll(async () => {
  rt.close();
  cri.close();
  await stopBackend();
});

/** Opens a raw socket; resolves with how it ended: an HTTP refusal status or a close code. */
function rawOutcome(
  u: string,
  opts: { origin?: string; first?: unknown } = {},
): Promise<{ status?: number; close?: number; reason?: string; reply?: any }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(u, opts.origin ? { origin: opts.origin } : {});
    ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode }));
    ws.on("error", () => {});
    ws.on("open", () => ws.send(JSON.stringify(opts.first ?? { id: 1, method: "Version", request: {} })));
    ws.on("close", (code, reason) => resolve({ close: code, reason: reason.toString() }));
    ws.on("message", (data) => {
      const m = JSON.parse(data.toString());
      if (m.event === "hello") return;
      resolve({ reply: m });
      ws.close();
    });
  });
}

async function refused(p: Promise<unknown>): Promise<CriError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CriError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("backend security", () => {
  it("refuses a connection without the token", async () => {
    expect(await rawOutcome(url)).toEqual({ close: 4401, reason: "invalid or missing token" });
    expect(await rawOutcome(url, { first: { token: "wrong" } })).toMatchObject({ close: 4401 });
    expect(await rawOutcome(`${url}/?token=wrong`)).toEqual({ status: 401 });
    await expect(connect({ token: "wrong" })).rejects.toMatchObject({ code: "Unauthenticated" });
  });

  it("refuses a page from another origin", async () => {
    const { token } = await backendUnderTest();
    expect(await rawOutcome(`${url}/?token=${token}`, { origin: "https://evil.example" })).toEqual({
      status: 403,
    });
    // the simulator's own page is welcome
    const ok = await rawOutcome(`${url}/?token=${token}`, {
      origin: "http://localhost:5173",
      first: { id: 7, method: "Version", request: {} },
    });
    expect(ok.reply).toMatchObject({ id: 7, response: { runtimeName: "containerd" } });
  });

  it("allows only the CRI methods the kubelet needs", async () => {
    const e = await refused(rt.send("UpdateRuntimeConfig", {}).toPromise());
    expect(e.code).toBe("Unimplemented");
    expect(e.desc).toContain("not allowed");
  });

  it("refuses privileged pods, host namespaces, hostPath mounts and added capabilities", async () => {
    const priv = sandboxConfig("priv");
    priv.linux = { securityContext: { privileged: true } };
    let e = await refused(rt.runPodSandbox({ config: priv }).toPromise());
    expect(e.code).toBe("PermissionDenied");
    expect(e.desc).toMatch(/privileged pod sandbox is refused .*--allow-privileged/);

    const hostNet = sandboxConfig("hostnet");
    hostNet.linux = { securityContext: { namespaceOptions: { network: "NODE" } } };
    e = await refused(rt.runPodSandbox({ config: hostNet }).toPromise());
    expect(e.desc).toContain("host network namespace");

    const outside = sandboxConfig("logs");
    outside.logDirectory = "/etc/cron.d";
    e = await refused(rt.runPodSandbox({ config: outside }).toPromise());
    expect(e.desc).toContain("/var/log/pods/");

    const config = sandboxConfig("ok");
    const { podSandboxId } = await rt.runPodSandbox({ config }).toPromise();
    const base = {
      metadata: { name: "c", attempt: 0 },
      image: { image: `${REGISTRY}/busybox:latest` },
      logPath: "c/0.log",
    };
    e = await refused(
      rt
        .createContainer({
          podSandboxId,
          sandboxConfig: config,
          config: { ...base, linux: { securityContext: { privileged: true } } },
        })
        .toPromise(),
    );
    expect(e.desc).toContain('privileged container "c" is refused');
    e = await refused(
      rt
        .createContainer({
          podSandboxId,
          sandboxConfig: config,
          config: { ...base, mounts: [{ containerPath: "/host", hostPath: "/" }] },
        })
        .toPromise(),
    );
    expect(e.desc).toContain("hostPath mount / is refused");
    e = await refused(
      rt
        .createContainer({
          podSandboxId,
          sandboxConfig: config,
          config: {
            ...base,
            linux: { securityContext: { capabilities: { addCapabilities: ["SYS_ADMIN"] } } },
          },
        })
        .toPromise(),
    );
    expect(e.desc).toContain("added capabilities SYS_ADMIN are refused");
    // nothing was created by the refused calls
    expect((await rt.listContainers({}).toPromise()).containers).toEqual([]);
    await rt.stopPodSandbox({ podSandboxId }).toPromise();
    await rt.removePodSandbox({ podSandboxId }).toPromise();
  });

  it("never lists or touches a container created outside the session", async () => {
    const config = sandboxConfig("foreign");
    const { podSandboxId: foreign } = await cri.call("RunPodSandbox", { config });
    try {
      const mine = (await rt.listPodSandbox({}).toPromise()).items.map((s) => s.id);
      expect(mine).not.toContain(foreign);
      const byId = await rt.listPodSandbox({ filter: { id: foreign } }).toPromise();
      expect(byId.items).toEqual([]);
      let e = await refused(rt.podSandboxStatus({ podSandboxId: foreign }).toPromise());
      expect(e.code).toBe("NotFound");
      e = await refused(rt.stopPodSandbox({ podSandboxId: foreign }).toPromise());
      expect(e.code).toBe("NotFound");
      e = await refused(
        rt
          .createContainer({
            podSandboxId: foreign,
            sandboxConfig: config,
            config: { metadata: { name: "x", attempt: 0 }, image: { image: `${REGISTRY}/busybox:latest` } },
          })
          .toPromise(),
      );
      expect(e.code).toBe("NotFound");
      const st = await cri.call("PodSandboxStatus", { podSandboxId: foreign });
      expect(st.status.state).toBe(PodSandboxState.SANDBOX_READY);
    } finally {
      await cri.call("StopPodSandbox", { podSandboxId: foreign });
      await cri.call("RemovePodSandbox", { podSandboxId: foreign });
    }
  });

  it("another session cannot see this session's pods", async () => {
    const other = await connect();
    const { podSandboxId } = await rt.runPodSandbox({ config: sandboxConfig("mine") }).toPromise();
    expect((await other.listPodSandbox({}).toPromise()).items).toEqual([]);
    expect((await refused(other.removePodSandbox({ podSandboxId }).toPromise())).code).toBe("NotFound");
    other.close();
    await rt.stopPodSandbox({ podSandboxId }).toPromise();
    await rt.removePodSandbox({ podSandboxId }).toPromise();
  });

  it("removes a disconnected session's pods after the grace period", async () => {
    const page = await connect();
    const { podSandboxId } = await page.runPodSandbox({ config: sandboxConfig("left") }).toPromise();
    expect((await cri.call("PodSandboxStatus", { podSandboxId })).status.state).toBe(
      PodSandboxState.SANDBOX_READY,
    );
    page.close();
    await waitFor(
      async () =>
        ((await cri.call("ListPodSandbox", { filter: { id: podSandboxId } })).items ?? []).length === 0,
      20_000,
      250,
    );
  });

  it("refuses messages over the size limit", async () => {
    const { token } = await backendUnderTest();
    const big = { id: 1, method: "Version", request: { version: "x".repeat(2 * 1024 * 1024) } };
    expect(await rawOutcome(`${url}/?token=${token}`, { first: big })).toMatchObject({ close: 1009 });
  });
});
