// Heap bytes per stored pod in the API server (10,000 pods).

import { ApiServer } from "../../src/sim/apiserver/apiServer";
import { Rng, VirtualClock } from "../../src/sim/clock";

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function benchApiPods(n = 10_000): {
  pods: number;
  bytesPerPod: number;
  createMs: number;
  measured: boolean;
} {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, rng: new Rng(1) });
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    api.create("Pod", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `web-${i}`, namespace: "default", labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
    });
  }
  const createMs = Number(process.hrtime.bigint() - t0) / 1e6;
  gc();
  const after = process.memoryUsage().heapUsed;
  if (api.list("Pod").length !== n) throw new Error("pods missing");
  return {
    pods: n,
    bytesPerPod: Math.round((after - before) / n),
    createMs,
    measured: !!(globalThis as { gc?: unknown }).gc,
  };
}
