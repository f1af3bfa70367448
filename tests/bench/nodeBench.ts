// One node at the kubelet's maximum of 110 pods with mixed behaviours, run for one virtual hour.
// The same function runs under Node (`npm run bench`) and in Chromium (chromiumBench.ts), the engine
// learners run the simulator in: only the clock and the heap reading differ.
import { createSimulation } from "../../src/simulation";

export function podYaml(i: number): string {
  const kind = i % 4;
  const name = ["web", "probed", "crash", "oom"][kind];
  if (kind === 0)
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}-${i}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n`;
  if (kind === 1)
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}-${i}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    livenessProbe:\n      httpGet:\n        path: /\n        port: 80\n      periodSeconds: 10\n    readinessProbe:\n      exec:\n        command: ["cat", "/etc/hostname"]\n      periodSeconds: 10\n`;
  if (kind === 2)
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}-${i}\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "echo starting; sleep 5; exit 1"]\n`;
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}-${i}\nspec:\n  containers:\n  - name: stress\n    image: polinux/stress:1.0.4\n    command: ["stress"]\n    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]\n    resources:\n      limits:\n        memory: 100Mi\n`;
}

export interface NodeBenchResult {
  pods: number;
  virtualMs: number;
  wallMs: number;
  traceEvents: number;
  traceEventsPerSec: number;
  /** Undefined where the engine gives no exact heap figure. */
  heapBytesPerPod: number | undefined;
  running: number;
}

/** What the bench needs from its engine: a wall clock, and the heap in use after a full collection. */
export interface BenchHost {
  nowMs(): number;
  /** Bytes in use after a full garbage collection, when the engine can say. */
  heapUsed(): number | undefined;
}

const gcOf = () => (globalThis as { gc?: () => void }).gc;

export const nodeHost: BenchHost = {
  nowMs: () => Number(process.hrtime.bigint()) / 1e6,
  heapUsed: () => {
    gcOf()?.();
    return process.memoryUsage().heapUsed;
  },
};

export async function benchNodeHour(pods = 110, host: BenchHost = nodeHost): Promise<NodeBenchResult> {
  const sim = createSimulation({ seed: 42 });
  const heap0 = host.heapUsed();
  for (let i = 0; i < pods; i++) await sim.apply(podYaml(i));
  const trace0 = sim.trace.lastId;
  const t0 = host.nowMs();
  await sim.advance(3_600_000);
  const wallMs = host.nowMs() - t0;
  const traceEvents = sim.trace.lastId - trace0;
  const heap1 = host.heapUsed();
  const running = sim.node.api
    .list<{ status?: { phase?: string } }>("Pod")
    .filter((p) => p.status?.phase === "Running").length;
  return {
    pods,
    virtualMs: 3_600_000,
    wallMs,
    traceEvents,
    traceEventsPerSec: Math.round(traceEvents / (wallMs / 1000)),
    heapBytesPerPod:
      heap0 === undefined || heap1 === undefined ? undefined : Math.round((heap1 - heap0) / pods),
    running,
  };
}
