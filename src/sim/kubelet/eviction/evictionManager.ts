// k8s: pkg/kubelet/eviction/eviction_manager.go (synchronize, evictPod) + helpers.go (makeSignalObservations,
// thresholdsMet, nodeConditions*, rankMemoryPressure, rankDiskPressureFunc, evictionMessage) — simplified:
// hard thresholds and soft ones with their grace periods, no minimum reclaim, no memcg notifiers, no
// inode or PID signals (the simulated node counts neither), one filesystem (imagefs = nodefs).
import type { Pod } from "kubernetes-types/core/v1";
import { canonicalQuantity, formatQuantity, type Quantity, toBytes } from "../../api/quantity";
import { KubeletLabels } from "../../cri/services";
import type { ContainerStats } from "../../cri/types";
import { settle, type Task } from "../../task";
import { DEFAULT_EVICTION_HARD } from "../cm/nodeAllocatable";
import { podKey } from "../container/containerRuntime";
import type { KubeletDeps } from "../types";

/** evictionMonitoringPeriod (housekeeping): the manager observes the node every 10 s. */
export const EVICTION_MONITORING_PERIOD_MS = 10_000;
/** evictionPressureTransitionPeriod's default: a pressure condition stays True 5 min after the last crossing. */
export const DEFAULT_PRESSURE_TRANSITION_MS = 300_000;
/** immediateEvictionGracePeriodSeconds: a hard threshold kills the pod with a 1 s grace period. */
export const IMMEDIATE_EVICTION_GRACE_SECONDS = 1;
/** scheduling.SystemCriticalPriority: a pod at or above it is never evicted. */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

export const EVICTED_REASON = "Evicted";

type Signal = "memory.available" | "nodefs.available" | "imagefs.available";
const SIGNALS: readonly Signal[] = ["memory.available", "nodefs.available", "imagefs.available"];
const SIGNAL_CONDITION: Record<Signal, "MemoryPressure" | "DiskPressure"> = {
  "memory.available": "MemoryPressure",
  "nodefs.available": "DiskPressure",
  "imagefs.available": "DiskPressure",
};
const SIGNAL_RESOURCE: Record<Signal, "memory" | "ephemeral-storage"> = {
  "memory.available": "memory",
  "nodefs.available": "ephemeral-storage",
  "imagefs.available": "ephemeral-storage",
};

interface Threshold {
  signal: Signal;
  /** The threshold text: `100Mi` or `10%`. */
  value: string;
  gracePeriodMs: number;
}

interface Observation {
  available: number;
  capacity: number;
}

/** Per pod: its containers' working sets and writable layers (the summary's PodStats). */
interface PodStats {
  containers: { name: string; workingSet: number; rootfs: number }[];
  memory: number;
  disk: number;
}

export interface EvictionOptions {
  deps: KubeletDeps;
  /** The Node's status.capacity (memory). */
  capacity: () => Record<string, unknown> | undefined;
  /** cAdvisor's root cgroup beyond the containers: memory the node uses outside pods. */
  systemMemoryBytes?: () => number;
  /** The pods the kubelet runs and may evict (not terminal, not terminating). */
  activePods: () => Pod[];
  /** killPodFunc: terminate the pod with the eviction's status. */
  evict: (pod: Pod, gracePeriodSeconds: number | undefined, message: string) => void;
  /** DeleteUnusedImages (containers are collected by the regular GC). */
  deleteUnusedImages?: () => Task<void>;
}

/** A threshold text as bytes of the observed capacity (GetThresholdQuantity; percentages as float32). */
function thresholdBytes(value: string, capacity: number): number | undefined {
  if (value.endsWith("%")) {
    const pct = Math.fround(Math.fround(Number.parseFloat(value.slice(0, -1))) / 100);
    return Number.isFinite(pct) ? Math.trunc(capacity * pct) : undefined;
  }
  try {
    return Math.ceil(toBytes(value.trim()));
  } catch {
    return undefined;
  }
}

/** resource.NewQuantity(n, BinarySI).String(). */
export function binaryQuantity(bytes: number): string {
  const q: Quantity = { num: BigInt(Math.max(0, Math.trunc(bytes))), den: 1n, format: "BinarySI" };
  return formatQuantity(q);
}

/** The threshold as the message prints it: the configured quantity, or the bytes a percentage stands for. */
function thresholdText(t: Threshold, capacity: number): string {
  return t.value.endsWith("%") ? binaryQuantity(thresholdBytes(t.value, capacity) ?? 0) : t.value.trim();
}

function memoryBytes(v: string | number | undefined): number {
  if (v === undefined) return 0;
  return thresholdBytes(String(v), 0) ?? 0;
}

/** GetResourceRequestQuantity: the sum of the containers' requests (an init container's when larger). */
function podRequest(pod: Pod, resource: string): number {
  let sum = 0;
  for (const c of pod.spec?.containers ?? []) sum += memoryBytes(c.resources?.requests?.[resource] as string);
  for (const c of pod.spec?.initContainers ?? []) {
    const r = memoryBytes(c.resources?.requests?.[resource] as string);
    if ((c as { restartPolicy?: string }).restartPolicy === "Always") sum += r;
    else sum = Math.max(sum, r);
  }
  return sum;
}

/** IsCriticalPod: static and mirror pods, and pods at system-critical priority. */
function isCriticalPod(pod: Pod): boolean {
  const a = pod.metadata?.annotations ?? {};
  if (a["kubernetes.io/config.source"] && a["kubernetes.io/config.source"] !== "api") return true;
  if (a["kubernetes.io/config.mirror"] !== undefined) return true;
  return (pod.spec?.priority ?? 0) >= SYSTEM_CRITICAL_PRIORITY;
}

export class EvictionManager {
  /** The node conditions the thresholds met within the transition period (IsUnderMemoryPressure…). */
  conditions: ReadonlySet<string> = new Set();
  private thresholdsFirstObservedAt = new Map<string, number>();
  private conditionsLastObservedAt = new Map<string, number>();
  private running = false;

  constructor(private readonly o: EvictionOptions) {}

  isUnderMemoryPressure(): boolean {
    return this.conditions.has("MemoryPressure");
  }

  isUnderDiskPressure(): boolean {
    return this.conditions.has("DiskPressure");
  }

  private thresholds(): Threshold[] {
    const cfg = this.o.deps.config;
    const out: Threshold[] = [];
    const hard = cfg.evictionHard ?? DEFAULT_EVICTION_HARD;
    for (const s of SIGNALS)
      if (hard[s] !== undefined) out.push({ signal: s, value: hard[s], gracePeriodMs: 0 });
    const soft = cfg.evictionSoft ?? {};
    const grace = cfg.evictionSoftGracePeriodMs ?? {};
    for (const s of SIGNALS)
      if (soft[s] !== undefined && grace[s] !== undefined)
        out.push({ signal: s, value: soft[s], gracePeriodMs: grace[s] });
    return out;
  }

  private transitionMs(): number {
    const v = this.o.deps.config.evictionPressureTransitionPeriodMs;
    return v && v > 0 ? v : DEFAULT_PRESSURE_TRANSITION_MS;
  }

  /** The summary the observations come from: ListContainerStats and ImageFsInfo through the CRI. */
  private *summary(): Task<{ obs: Map<Signal, Observation>; pods: Map<string, PodStats> } | undefined> {
    const { runtime, images, config } = this.o.deps;
    const stats = yield* settle(runtime.listContainerStats({}));
    if (!stats.ok) {
      this.o.deps.log("E", "eviction_manager.go:267", "Eviction manager: failed to get summary stats", [
        ["err", String((stats.error as Error)?.message ?? stats.error)],
      ]);
      return undefined;
    }
    const pods = new Map<string, PodStats>();
    let workingSet = this.o.systemMemoryBytes?.() ?? 0;
    let rootfs = 0;
    for (const s of stats.value.stats as ContainerStats[]) {
      const uid = s.attributes.labels[KubeletLabels.podUid] ?? "";
      const ws = s.memory?.workingSetBytes?.value ?? 0;
      const rf = s.writableLayer?.usedBytes?.value ?? 0;
      workingSet += ws;
      rootfs += rf;
      let p = pods.get(uid);
      if (!p) {
        p = { containers: [], memory: 0, disk: 0 };
        pods.set(uid, p);
      }
      p.containers.push({
        name: s.attributes.labels[KubeletLabels.containerName] ?? s.attributes.metadata.name,
        workingSet: ws,
        rootfs: rf,
      });
      p.memory += ws;
      p.disk += rf;
    }
    const obs = new Map<Signal, Observation>();
    const memCap = memoryBytes(this.o.capacity()?.memory as string | undefined);
    if (memCap > 0)
      obs.set("memory.available", { available: Math.max(0, memCap - workingSet), capacity: memCap });
    const fs = yield* settle(images.imageFsInfo({}));
    if (fs.ok) {
      const used = fs.value.imageFilesystems.reduce((n, f) => n + f.usedBytes.value, 0) + rootfs;
      const cap = config.imageFsCapacityBytes;
      const o = { available: Math.max(0, cap - used), capacity: cap };
      // one filesystem: the image filesystem is the node's (HasDedicatedImageFs false)
      obs.set("nodefs.available", o);
      obs.set("imagefs.available", o);
    }
    return { obs, pods };
  }

  /** synchronize: observe, update the pressure conditions, reclaim, evict at most one pod. */
  *synchronize(): Task<Pod | undefined> {
    if (this.running) return undefined;
    this.running = true;
    try {
      return yield* this.sync();
    } finally {
      this.running = false;
    }
  }

  private *sync(): Task<Pod | undefined> {
    const { deps } = this.o;
    const all = this.thresholds();
    if (all.length === 0) return undefined;
    const sum = yield* this.summary();
    if (!sum) return undefined;
    const now = deps.clock.now();
    const met = thresholdsMet(all, sum.obs);
    const firstObserved = new Map<string, number>();
    for (const t of met) {
      const k = `${t.signal}<${t.value}/${t.gracePeriodMs}`;
      firstObserved.set(k, this.thresholdsFirstObservedAt.get(k) ?? now);
    }
    this.thresholdsFirstObservedAt = firstObserved;
    for (const t of met) this.conditionsLastObservedAt.set(SIGNAL_CONDITION[t.signal], now);
    const transition = this.transitionMs();
    const conditions = new Set<string>();
    for (const [c, at] of this.conditionsLastObservedAt) {
      if (now - at < transition) conditions.add(c);
      else this.conditionsLastObservedAt.delete(c);
    }
    this.conditions = conditions;
    // thresholdsMetGracePeriod
    const active = met.filter(
      (t) => now - (firstObserved.get(`${t.signal}<${t.value}/${t.gracePeriodMs}`) ?? now) >= t.gracePeriodMs,
    );
    if (active.length === 0) return undefined;
    // byEvictionPriority: memory first
    active.sort((a, b) => Number(b.signal === "memory.available") - Number(a.signal === "memory.available"));
    const threshold = active[0];
    const resource = SIGNAL_RESOURCE[threshold.signal];
    deps.log("I", "eviction_manager.go:369", "Eviction manager: attempting to reclaim", [
      ["resourceName", resource],
    ]);
    deps.recorder.event(
      { kind: "Node", name: deps.nodeName, uid: deps.nodeName, apiVersion: "v1" },
      "Warning",
      "EvictionThresholdMet",
      `Attempting to reclaim ${resource}`,
    );
    // reclaimNodeLevelResources: on one filesystem, disk pressure first deletes unused images
    if (resource === "ephemeral-storage" && this.o.deleteUnusedImages) {
      yield* this.o.deleteUnusedImages();
      const again = yield* this.summary();
      if (again && thresholdsMet(all, again.obs).length === 0) {
        deps.log(
          "I",
          "eviction_manager.go:376",
          "Eviction manager: able to reduce resource pressure without evicting pods.",
          [["resourceName", resource]],
        );
        return undefined;
      }
    }
    deps.log("I", "eviction_manager.go:387", "Eviction manager: must evict pod(s) to reclaim", [
      ["resourceName", resource],
    ]);
    const pods = this.o.activePods();
    if (pods.length === 0) {
      deps.log(
        "E",
        "eviction_manager.go:400",
        "Eviction manager: eviction thresholds have been met, but no pods are active to evict",
      );
      return undefined;
    }
    const stats = (p: Pod) => sum.pods.get(p.metadata?.uid ?? "");
    rankPods(pods, stats, resource);
    deps.log("I", "eviction_manager.go:406", "Eviction manager: pods ranked for eviction", [
      ["pods", Object.freeze(pods.map((p) => podKey(p)))],
    ]);
    // a soft threshold: evictionMaxPodGracePeriod when set, else the pod's own grace period
    const maxGrace = deps.config.evictionMaxPodGracePeriod;
    const grace =
      threshold.gracePeriodMs === 0
        ? IMMEDIATE_EVICTION_GRACE_SECONDS
        : maxGrace && maxGrace > 0
          ? maxGrace
          : undefined;
    for (const pod of pods) {
      if (isCriticalPod(pod)) {
        deps.log("E", "eviction_manager.go:602", "Eviction manager: cannot evict a critical pod", [
          ["pod", podKey(pod)],
        ]);
        continue;
      }
      const message = evictionMessage(resource, pod, stats(pod), active, sum.obs);
      deps.recorder.event(
        {
          kind: "Pod",
          namespace: pod.metadata?.namespace ?? "default",
          name: pod.metadata?.name ?? "",
          uid: pod.metadata?.uid,
          apiVersion: "v1",
        },
        "Warning",
        EVICTED_REASON,
        message,
      );
      this.o.evict(pod, grace, message);
      deps.log("I", "eviction_manager.go:627", "Eviction manager: pod is evicted successfully", [
        ["pod", podKey(pod)],
      ]);
      return pod;
    }
    deps.log("I", "eviction_manager.go:446", "Eviction manager: unable to evict any pods from the node");
    return undefined;
  }
}

/** thresholdsMet: the thresholds whose signal's available amount is below the threshold. */
function thresholdsMet(thresholds: Threshold[], obs: Map<Signal, Observation>): Threshold[] {
  return thresholds.filter((t) => {
    const o = obs.get(t.signal);
    if (!o) return false;
    const q = thresholdBytes(t.value, o.capacity);
    return q !== undefined && q > o.available;
  });
}

/**
 * rankMemoryPressure (exceeds requests, priority, usage above requests) or rankDiskPressureFunc (the same
 * on the containers' writable layers); pods without stats go first.
 */
function rankPods(
  pods: Pod[],
  stats: (p: Pod) => PodStats | undefined,
  resource: "memory" | "ephemeral-storage",
): void {
  const usage = (s: PodStats) => (resource === "memory" ? s.memory : s.disk);
  const key = new Map<Pod, { found: boolean; exceeds: boolean; priority: number; over: number }>();
  for (const p of pods) {
    const s = stats(p);
    const req = podRequest(p, resource);
    key.set(p, {
      found: s !== undefined,
      exceeds: s !== undefined && usage(s) > req,
      priority: p.spec?.priority ?? 0,
      over: s !== undefined ? usage(s) - req : 0,
    });
  }
  const cmpBool = (a: boolean, b: boolean) => (a === b ? 0 : a ? -1 : 1);
  pods.sort((a, b) => {
    const ka = key.get(a)!;
    const kb = key.get(b)!;
    if (!ka.found || !kb.found) return cmpBool(!ka.found, !kb.found);
    return (
      cmpBool(ka.exceeds, kb.exceeds) ||
      (ka.priority === kb.priority ? 0 : ka.priority > kb.priority ? 1 : -1) ||
      kb.over - ka.over
    );
  });
}

/** evictionMessage: the node's low resource, the threshold and what was available, the offending containers. */
export function evictionMessage(
  resource: "memory" | "ephemeral-storage",
  pod: Pod,
  stats: PodStats | undefined,
  thresholds: Threshold[],
  obs: Map<Signal, Observation>,
): string {
  let message = `The node was low on resource: ${resource}. `;
  // getThresholdMetInfo: the first met threshold of the resource
  const t = thresholds.find((x) => SIGNAL_RESOURCE[x.signal] === resource);
  const o = t ? obs.get(t.signal) : undefined;
  if (t && o)
    message += `Threshold quantity: ${thresholdText(t, o.capacity)}, available: ${binaryQuantity(o.available)}. `;
  if (!stats) return message;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const cs of stats.containers) {
    const c = containers.find((x) => x.name === cs.name);
    if (!c) continue;
    const reqText = c.resources?.requests?.[resource] as string | undefined;
    const req = memoryBytes(reqText);
    const used = resource === "memory" ? cs.workingSet : cs.rootfs;
    if (used > req)
      message += `Container ${c.name} was using ${binaryQuantity(used)}, request is ${reqText === undefined ? "0" : canonical(reqText)}, has larger consumption of ${resource}. `;
  }
  return message;
}

function canonical(text: string): string {
  return canonicalQuantity(text.trim());
}
