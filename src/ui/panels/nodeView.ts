// Sums for the Node panel: what the pods on the node request and limit, against allocatable
// (the "Allocated resources" block of `kubectl describe node`), and sparkline points.

import { toBytes, toMillicores } from "../../sim/api/quantity";
import type { KubeObject } from "../../sim/apiserver/types";

export interface Allocated {
  cpuRequests: number;
  cpuLimits: number;
  memoryRequests: number;
  memoryLimits: number;
  allocatableCpu: number;
  allocatableMemory: number;
  pods: number;
  allocatablePods: number;
}

type Res = { requests?: Record<string, string>; limits?: Record<string, string> };
type Spec = { containers?: { resources?: Res }[]; initContainers?: { resources?: Res }[] };

const safe = (f: (v: string) => number, v: string | undefined) => {
  if (v === undefined) return 0;
  try {
    return f(v);
  } catch {
    return 0;
  }
};

/** Like describe node: non-terminated pods; the larger of the app containers' sum and any init container. */
export function allocated(node: KubeObject | undefined, pods: readonly KubeObject[]): Allocated {
  const alloc = ((node?.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ??
    {}) as Record<string, string>;
  const out: Allocated = {
    cpuRequests: 0,
    cpuLimits: 0,
    memoryRequests: 0,
    memoryLimits: 0,
    allocatableCpu: safe(toMillicores, alloc.cpu),
    allocatableMemory: safe(toBytes, alloc.memory),
    pods: 0,
    allocatablePods: Number(alloc.pods ?? 0),
  };
  for (const p of pods) {
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    if (phase === "Succeeded" || phase === "Failed") continue;
    out.pods++;
    const spec = (p.spec ?? {}) as Spec;
    const sum = (
      list: { resources?: Res }[] | undefined,
      pick: (r: Res) => string | undefined,
      f: (v: string) => number,
    ) => (list ?? []).reduce((n, c) => n + safe(f, pick(c.resources ?? {})), 0);
    const maxInit = (pick: (r: Res) => string | undefined, f: (v: string) => number) =>
      Math.max(0, ...(spec.initContainers ?? []).map((c) => safe(f, pick(c.resources ?? {}))));
    const add = (pick: (r: Res) => string | undefined, f: (v: string) => number) =>
      Math.max(sum(spec.containers, pick, f), maxInit(pick, f));
    out.cpuRequests += add((r) => r.requests?.cpu, toMillicores);
    out.cpuLimits += add((r) => r.limits?.cpu, toMillicores);
    out.memoryRequests += add((r) => r.requests?.memory, toBytes);
    out.memoryLimits += add((r) => r.limits?.memory, toBytes);
  }
  return out;
}

/** `points` attribute of an SVG polyline for values scaled into w×h (max at the top). */
export function sparkPoints(values: readonly number[], w: number, h: number, max?: number): string {
  if (values.length === 0) return "";
  const top = Math.max(1, max ?? Math.max(...values));
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  return values
    .map((v, i) => `${(i * step).toFixed(1)},${(h - 1 - (Math.min(v, top) / top) * (h - 2)).toFixed(1)}`)
    .join(" ");
}
