// Shared set-up for tests/real: a backend (the one scripts/real-tests.mjs started, or one in
// process), RemoteRuntime clients over `ws`, a direct gRPC client for checks behind the bridge.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { WebSocket } from "ws";
import { type Backend, startBackend } from "../../server/backend";
import { CriClient } from "../../server/criClient";
import type { RemoteOptions } from "../../src/remote/realNode";
import { RemoteRuntime } from "../../src/remote/remoteRuntime";
import type { PodSandboxConfig } from "../../src/sim/cri";
import { createSimulation, type LiveSimulation } from "../../src/simulation";

export const ENDPOINT = process.env.K8S_SIM_RUNTIME_ENDPOINT ?? "unix:///run/containerd/containerd.sock";
export const REGISTRY = "localhost:5000";

let backend: Backend | undefined;
let shared: { url: string; token: string } | undefined;

/** The backend under test: from the env (scripts/real-tests.mjs) or started here. */
export async function backendUnderTest(): Promise<{ url: string; token: string }> {
  if (shared) return shared;
  if (process.env.K8S_SIM_BACKEND_URL && process.env.K8S_SIM_BACKEND_TOKEN) {
    shared = { url: process.env.K8S_SIM_BACKEND_URL, token: process.env.K8S_SIM_BACKEND_TOKEN };
  } else {
    backend = await startBackend({
      listen: "127.0.0.1:0",
      runtimeEndpoint: ENDPOINT,
      graceMs: 1000,
      log: () => {},
    });
    shared = { url: backend.url, token: backend.token };
  }
  return shared;
}

export async function stopBackend(): Promise<void> {
  await backend?.close(true);
  backend = undefined;
  shared = undefined;
}

export async function connect(opts: { token?: string; reconnect?: boolean } = {}): Promise<RemoteRuntime> {
  const b = await backendUnderTest();
  const rt = new RemoteRuntime({
    url: b.url,
    token: opts.token ?? b.token,
    reconnect: opts.reconnect ?? false,
    createSocket: (url) => new WebSocket(url) as any,
  });
  await rt.ready();
  return rt;
}

export function direct(): CriClient {
  return new CriClient({ endpoint: ENDPOINT });
}

let n = 0;
export function sandboxConfig(name: string): PodSandboxConfig {
  const uid = `${process.pid}-${Date.now().toString(36)}-${n++}`;
  return {
    metadata: { name, uid, namespace: "default", attempt: 0 },
    hostname: name,
    logDirectory: `/var/log/pods/default_${name}_${uid}`,
    labels: {
      "io.kubernetes.pod.name": name,
      "io.kubernetes.pod.namespace": "default",
      "io.kubernetes.pod.uid": uid,
    },
    annotations: {},
    linux: {},
  };
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
  step = 200,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`waitFor: timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, step));
  }
}

/** The simulator (API server, scheduler, kubelet in this process) driving containerd through the backend. */
export async function realSimulation(
  opts: { seed?: number } & Partial<Omit<RemoteOptions, "url" | "token">> = {},
): Promise<LiveSimulation> {
  const b = await backendUnderTest();
  const { seed, ...remote } = opts;
  const sim = createSimulation({
    seed: seed ?? 1,
    remote: { url: b.url, token: b.token, createSocket: (url) => new WebSocket(url) as any, ...remote },
  });
  await sim.remote!.ready();
  return sim;
}

// ── containerd itself (faults) ──────────────────────────────────────────────────────────────────
const PIDFILE = "/run/k8s-node-sim-containerd.pid";
export const systemd = spawnSync("ps", ["-p", "1", "-o", "comm="]).stdout?.toString().trim() === "systemd";
/** Whether these tests may stop and start containerd (systemd, or the one real-setup.sh started). */
export const canRestartContainerd = systemd || existsSync(PIDFILE);

export function stopContainerd(): void {
  if (systemd) {
    spawnSync("systemctl", ["stop", "containerd"]);
    return;
  }
  // only the containerd that scripts/real-setup.sh started (its pid file)
  process.kill(Number(readFileSync(PIDFILE, "utf8").trim()), "SIGTERM");
}

export function startContainerd(): void {
  if (systemd) {
    spawnSync("systemctl", ["start", "containerd"]);
    return;
  }
  const log = openSync("/var/log/containerd.log", "a");
  const p = spawn("/usr/bin/containerd", ["--config", "/etc/containerd/config.toml"], {
    detached: true,
    stdio: ["ignore", log, log],
  });
  p.unref();
  writeFileSync(PIDFILE, `${p.pid}\n`);
}
