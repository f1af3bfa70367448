// Shared set-up for tests/real: a backend (the one scripts/real-tests.mjs started, or one in
// process), RemoteRuntime clients over `ws`, a direct gRPC client for checks behind the bridge.
import { WebSocket } from "ws";
import { type Backend, startBackend } from "../../server/backend";
import { CriClient } from "../../server/criClient";
import { RemoteRuntime } from "../../src/remote/remoteRuntime";
import type { PodSandboxConfig } from "../../src/sim/cri";

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
