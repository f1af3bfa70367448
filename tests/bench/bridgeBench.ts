// `npm run bench:bridge`: the latency the bridge adds. Side by side in one run, p50/p99 of
// Version and ListContainers: direct gRPC from Node (server/criClient) vs RemoteRuntime →
// WebSocket → backend (its own process, as in real use) → gRPC → containerd.
// Needs a running containerd + registry (npm run real:setup).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { WebSocket } from "ws";
import { CriClient } from "../../server/criClient";
import { SESSION_LABEL } from "../../server/session";
import { RemoteRuntime } from "../../src/remote/remoteRuntime";

const ENDPOINT = process.env.K8S_SIM_RUNTIME_ENDPOINT ?? "unix:///run/containerd/containerd.sock";
const N = Number(process.env.BENCH_N ?? 2000);
const WARMUP = 200;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function measure(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99) };
}

const token = randomBytes(16).toString("hex");
const child = spawn(
  process.execPath,
  ["--import", "tsx", "server/main.ts", "--listen", "127.0.0.1:0", "--token", token, "--grace", "1"],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const url = await new Promise<string>((resolve, reject) => {
  let out = "";
  child.stdout!.on("data", (c) => {
    out += c;
    const m = /listening on (ws:\/\/\S+)/.exec(out);
    if (m && out.includes("READY")) resolve(m[1]);
  });
  child.on("exit", (code) => reject(new Error(`backend exited ${code}: ${out}`)));
});

const cri = new CriClient({ endpoint: ENDPOINT });
const rt = new RemoteRuntime({ url, token, reconnect: false, createSocket: (u) => new WebSocket(u) as any });
const { session } = await rt.ready();

// One real pod with a container, so ListContainers returns something on both paths.
const uid = randomBytes(4).toString("hex");
const config = {
  metadata: { name: "bench", uid, namespace: "default", attempt: 0 },
  logDirectory: `/var/log/pods/default_bench_${uid}`,
};
await rt.pullImage({ image: { image: "localhost:5000/busybox:latest" } }).toPromise();
const { podSandboxId } = await rt.runPodSandbox({ config }).toPromise();
const { containerId } = await rt
  .createContainer({
    podSandboxId,
    sandboxConfig: config,
    config: {
      metadata: { name: "sleep", attempt: 0 },
      image: { image: "localhost:5000/busybox:latest" },
      command: ["sleep", "3600"],
      logPath: "sleep/0.log",
    },
  })
  .toPromise();
await rt.startContainer({ containerId }).toPromise();

const filter = { labelSelector: { [SESSION_LABEL]: session! } };
const rows: [string, { p50: number; p99: number }, { p50: number; p99: number }][] = [];
for (const [name, directFn, bridgeFn] of [
  ["Version", () => cri.call("Version", { version: "v1" }), () => rt.version({ version: "v1" }).toPromise()],
  ["ListContainers", () => cri.call("ListContainers", { filter }), () => rt.listContainers({}).toPromise()],
] as const) {
  // interleave the two paths' runs so both see the same machine load
  const direct = await measure(directFn);
  const bridge = await measure(bridgeFn);
  rows.push([name, direct, bridge]);
}

await rt.stopPodSandbox({ podSandboxId }).toPromise();
await rt.removePodSandbox({ podSandboxId }).toPromise();
rt.close();
cri.close();
child.kill("SIGTERM");

const f = (x: number): string => x.toFixed(3).padStart(8);
console.log(`\nbridge latency (ms), ${N} sequential calls each after ${WARMUP} warm-up, runtime ${ENDPOINT}`);
console.log("call              direct p50  p99   bridge p50  p99   added p50  p99");
for (const [name, d, b] of rows)
  console.log(
    `${name.padEnd(16)} ${f(d.p50)}${f(d.p99)}  ${f(b.p50)}${f(b.p99)}  ${f(b.p50 - d.p50)}${f(b.p99 - d.p99)}`,
  );
process.exit(0);
