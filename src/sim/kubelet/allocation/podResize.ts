// k8s: pkg/kubelet/allocation/allocation_manager.go (canResizePod) and kuberuntime_manager.go
// (computePodResizeAction) — in-place pod resize, simplified: no Deferred retries, no checkpoint files
// (the allocation is what the pod's last status reported), no pod-level resources.
import type {
  Container,
  ContainerStatus,
  Pod,
  PodCondition,
  ResourceRequirements,
} from "kubernetes-types/core/v1";
import { plainClone } from "../../api/equality";
import { toBytes, toMillicores } from "../../api/quantity";
import type { LinuxContainerResources } from "../../cri/types";
import type { RuntimeContainerStatus } from "../container/containerRuntime";

/** What the runtime is asked to enforce for cpu and memory (generateLinuxContainerResources). */
export interface CpuMemory {
  cpuShares: number;
  cpuQuota?: number;
  memoryLimitInBytes?: number;
}

const PERIOD = 100_000;

function q(fn: (s: string) => number, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  try {
    return fn(String(v));
  } catch {
    return undefined;
  }
}

/** The cpu/memory part of a container's LinuxContainerResources, as the kubelet computes it. */
export function desiredCpuMemory(c: Container): CpuMemory {
  const lim = c.resources?.limits ?? {};
  const req = c.resources?.requests ?? {};
  const cpuLim = q(toMillicores, lim.cpu);
  const cpuReq = q(toMillicores, req.cpu ?? lim.cpu);
  const mem = q(toBytes, lim.memory);
  return {
    // MilliCPUToShares: minimum 2
    cpuShares: cpuReq !== undefined ? Math.max(2, Math.floor((cpuReq * 1024) / 1000)) : 2,
    ...(cpuLim !== undefined ? { cpuQuota: Math.floor((cpuLim * PERIOD) / 1000) } : {}),
    ...(mem !== undefined ? { memoryLimitInBytes: mem } : {}),
  };
}

function actual(cs: RuntimeContainerStatus): LinuxContainerResources | undefined {
  return cs.resources;
}

/**
 * computePodResizeAction for one running container: nothing, an UpdateContainerResources call, or a
 * restart when a changed resource's resizePolicy is RestartContainer.
 */
export function containerResizeAction(
  c: Container,
  cs: RuntimeContainerStatus,
): "none" | "update" | "restart" {
  const now = actual(cs);
  if (!now) return "none";
  const want = desiredCpuMemory(c);
  const cpuChanged =
    (now.cpuShares ?? 2) !== want.cpuShares || (now.cpuQuota || undefined) !== (want.cpuQuota || undefined);
  const memChanged = (now.memoryLimitInBytes || undefined) !== (want.memoryLimitInBytes || undefined);
  if (!cpuChanged && !memChanged) return "none";
  const policy = (name: string) =>
    (c.resizePolicy ?? []).find((p) => p.resourceName === name)?.restartPolicy ?? "NotRequired";
  if (
    (cpuChanged && policy("cpu") === "RestartContainer") ||
    (memChanged && policy("memory") === "RestartContainer")
  )
    return "restart";
  return "update";
}

/** The pod's cpu (milli) and memory (bytes) requests: the sum over its containers. */
function podRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {};
    cpu += q(toMillicores, req.cpu) ?? 0;
    memory += q(toBytes, req.memory) ?? 0;
  }
  return { cpu, memory };
}

/**
 * Every sync asks; the answer depends only on the (frozen) pod spec and the node's allocatable, so it
 * is kept per pair of objects (null: feasible).
 */
const feasibility = new WeakMap<object, WeakMap<object, string | null>>();

/** canResizePod's capacity check: "Node didn't have enough capacity: …" when the node never could. */
export function infeasibleResize(
  pod: Pod,
  allocatable: Record<string, unknown> | undefined,
): string | undefined {
  if (!allocatable) return undefined;
  const spec = pod.spec;
  if (!spec || !Object.isFrozen(spec) || !Object.isFrozen(allocatable)) return checkResize(pod, allocatable);
  let bySpec = feasibility.get(allocatable);
  if (!bySpec) {
    bySpec = new WeakMap();
    feasibility.set(allocatable, bySpec);
  }
  const hit = bySpec.get(spec);
  if (hit !== undefined) return hit ?? undefined;
  const r = checkResize(pod, allocatable);
  bySpec.set(spec, r ?? null);
  return r;
}

function checkResize(pod: Pod, allocatable: Record<string, unknown>): string | undefined {
  const cpuAvailable = q(toMillicores, allocatable.cpu) ?? Number.POSITIVE_INFINITY;
  const memAvailable = q(toBytes, allocatable.memory) ?? Number.POSITIVE_INFINITY;
  const { cpu, memory } = podRequests(pod);
  if (memory > memAvailable)
    return `Node didn't have enough capacity: memory, requested: ${memory}, capacity: ${memAvailable}`;
  if (cpu > cpuAvailable)
    return `Node didn't have enough capacity: cpu, requested: ${cpu}, capacity: ${cpuAvailable}`;
  return undefined;
}

/** resource.NewMilliQuantity(m, DecimalSI).String() */
function milliString(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** resource.NewQuantity(b, BinarySI).String(): the largest binary suffix that divides it exactly. */
function bytesString(b: number): string {
  const units = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
  let i = 0;
  let n = b;
  while (n !== 0 && n % 1024 === 0 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n}${units[i]}`;
}

/**
 * convertContainerStatusResources: the allocated values, with the cpu limit, cpu request and memory
 * limit the runtime reports (sharesToMilliCPU / quota⋅1000/period) for a running container.
 */
export function statusResources(
  allocated: Container,
  cs: RuntimeContainerStatus | undefined,
): ResourceRequirements {
  const out = plainClone(allocated.resources ?? {}) as ResourceRequirements;
  const now = cs ? actual(cs) : undefined;
  if (!now) return out;
  if (out.limits) {
    if (now.cpuQuota && now.cpuQuota > 0 && out.limits.cpu !== undefined)
      out.limits.cpu = milliString(Math.ceil((now.cpuQuota * 1000) / (now.cpuPeriod || PERIOD))) as never;
    if (now.memoryLimitInBytes && out.limits.memory !== undefined)
      out.limits.memory = bytesString(now.memoryLimitInBytes) as never;
  }
  if (out.requests && out.requests.cpu !== undefined && now.cpuShares !== undefined && now.cpuShares > 2)
    out.requests.cpu = milliString(Math.ceil((now.cpuShares * 1000) / 1024)) as never;
  return out;
}

/** The pod the kubelet acts on: while a resize is infeasible, the containers keep their allocated resources. */
export function allocatedPod(pod: Pod, infeasible: string | undefined): Pod {
  if (!infeasible) return pod;
  const alloc = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s as ContainerStatus]));
  let changed = false;
  const containers = (pod.spec?.containers ?? []).map((c) => {
    const s = alloc.get(c.name) as (ContainerStatus & { resources?: ResourceRequirements }) | undefined;
    if (!s?.resources) return c;
    changed = true;
    return { ...c, resources: plainClone(s.resources) };
  });
  if (!changed) return pod;
  return { ...pod, spec: { ...pod.spec!, containers } };
}

/** The PodResizePending condition of an infeasible resize (generateAPIPodStatus puts it first). */
export function resizePendingCondition(message: string): PodCondition {
  return { type: "PodResizePending", status: "True", reason: "Infeasible", message };
}

/** A resize the node cannot take: the message, for a pod that already runs with resources reported. */
export function pendingResize(
  pod: Pod,
  allocatable: Record<string, unknown> | undefined,
): string | undefined {
  const reported = (pod.status?.containerStatuses ?? []).some(
    (s) => (s as ContainerStatus & { resources?: unknown }).resources !== undefined,
  );
  if (!reported) return undefined;
  return infeasibleResize(pod, allocatable);
}

/** UpdatePodFromAllocation: the pod with its allocated resources, what SyncPod acts on. */
export function allocatedPodOf(pod: Pod, allocatable: Record<string, unknown> | undefined): Pod {
  return allocatedPod(pod, pendingResize(pod, allocatable));
}
