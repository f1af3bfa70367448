// k8s: pkg/scheduler/schedule_one.go — simplified: filters NodeUnschedulable, NodeName/selector and
// required node affinity, TaintToleration, NodeResourcesFit (one node: nothing to score).
import type {
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodCondition,
  Taint,
  Toleration,
} from "kubernetes-types/core/v1";
import { insufficientExtended } from "../api/extendedResources";
import { toBytes, toMillicores } from "../api/quantity";
import type { Clock, TimerHandle } from "../clock";
import { rfc3339 } from "../clock/time";
import type { Actor } from "../trace";
import type { ApiServerClient, EventRecorder, KubeObject, ObjectKind, WatchEvent } from "./types";
import { checkPodVolumes } from "./volumeBinding";

export interface SchedulerApi extends ApiServerClient {
  bindPod(namespace: string, name: string, nodeName: string): Pod;
  updateStatus<T extends object = KubeObject>(
    kind: ObjectKind,
    ns: string | undefined,
    name: string,
    status: unknown,
    actor?: Actor,
  ): T;
}

export interface SchedulerOptions {
  /** Virtual ms from a pod appearing to its binding (the scheduling cycle). */
  delayMs?: number;
  /** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration, 5m). */
  retryMs?: number;
}

/** v1.TaintNodeUnschedulable: what a cordon puts on the node (the node lifecycle controller adds it as a taint). */
export const UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

/** FitError with no nodes at all (schedule_one.go ErrNoNodesAvailable). */
export const NO_NODES_MESSAGE = "no nodes available to schedule pods";

interface Filtered {
  reason: string;
  /** Preemption cannot help with taints, selectors or cordons ("UnschedulableAndUnresolvable"). */
  unresolvable: boolean;
}

function tolerates(tols: Toleration[], taint: Taint): boolean {
  return tols.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

/** Taints plus the not-ready/unreachable NoSchedule taint the node lifecycle controller would add. */
function effectiveTaints(node: Node): Taint[] {
  const taints = [...(node.spec?.taints ?? [])];
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const key = ready?.status === "Unknown" ? "node.kubernetes.io/unreachable" : "node.kubernetes.io/not-ready";
  if (ready?.status !== "True" && !taints.some((t) => t.key === key))
    taints.push({ key, effect: "NoSchedule" });
  return taints;
}

/** Stored pods are frozen: a spec's requests are summed once (each placement sums every pod on the node). */
const requestsBySpec = new WeakMap<object, { cpu: number; memory: number }>();

function podRequests(pod: Pod): { cpu: number; memory: number } {
  const spec = pod.spec;
  if (!spec || !Object.isFrozen(spec)) return sumRequests(pod);
  let r = requestsBySpec.get(spec);
  if (!r) {
    r = sumRequests(pod);
    requestsBySpec.set(spec, r);
  }
  return r;
}

function sumRequests(pod: Pod): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  const add = (r: Record<string, string | number> | undefined, into: { cpu: number; memory: number }) => {
    if (r?.cpu !== undefined) into.cpu += toMillicores(r.cpu);
    if (r?.memory !== undefined) into.memory += toBytes(r.memory);
  };
  for (const c of pod.spec?.containers ?? []) add(c.resources?.requests as never, sum);
  // Init containers run one at a time: the pod needs the larger of their peak and the main sum.
  for (const c of pod.spec?.initContainers ?? []) {
    const one = { cpu: 0, memory: 0 };
    add(c.resources?.requests as never, one);
    if (c.restartPolicy === "Always") add(c.resources?.requests as never, sum);
    else {
      sum.cpu = Math.max(sum.cpu, one.cpu);
      sum.memory = Math.max(sum.memory, one.memory);
    }
  }
  add(pod.spec?.overhead as never, sum);
  return sum;
}

/** component-helpers nodeaffinity: one requirement against a node's labels (or fields). */
function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      const n = Number.parseInt(value ?? "", 10);
      const bound = Number.parseInt(values[0] ?? "", 10);
      if (!/^-?\d+$/.test(value ?? "") || Number.isNaN(bound)) return false;
      return r.operator === "Gt" ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** A term's requirements all hold; an empty term matches no node. */
function termMatches(t: NodeSelectorTerm, node: Node): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return (
    exprs.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === "metadata.name" ? node.metadata?.name : undefined))
  );
}

/** NodeAffinity filter: requiredDuringSchedulingIgnoredDuringExecution (terms ORed); preferred only scores. */
export function matchesRequiredAffinity(pod: Pod, node: Node): boolean {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}

function filterNode(pod: Pod, node: Node, podsOnNode: Pod[]): Filtered | undefined {
  // NodeUnschedulable: a cordoned node takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule
  if (
    node.spec?.unschedulable &&
    !tolerates(pod.spec?.tolerations ?? [], { key: UNSCHEDULABLE_TAINT, effect: "NoSchedule" })
  )
    return { reason: "node(s) were unschedulable", unresolvable: true };
  const selector = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata?.labels ?? {};
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v) || !matchesRequiredAffinity(pod, node))
    return { reason: "node(s) didn't match Pod's node affinity/selector", unresolvable: true };
  const tols = pod.spec?.tolerations ?? [];
  for (const t of effectiveTaints(node)) {
    if ((t.effect === "NoSchedule" || t.effect === "NoExecute") && !tolerates(tols, t))
      return { reason: `node(s) had untolerated taint {${t.key}: ${t.value ?? ""}}`, unresolvable: true };
  }
  const alloc = node.status?.allocatable ?? {};
  if (alloc.pods !== undefined && podsOnNode.length + 1 > Number(alloc.pods))
    return { reason: "Too many pods", unresolvable: false };
  const want = podRequests(pod);
  const used = { cpu: 0, memory: 0 };
  for (const p of podsOnNode) {
    const r = podRequests(p);
    used.cpu += r.cpu;
    used.memory += r.memory;
  }
  if (alloc.cpu !== undefined && want.cpu > 0 && used.cpu + want.cpu > toMillicores(alloc.cpu))
    return { reason: "Insufficient cpu", unresolvable: false };
  if (alloc.memory !== undefined && want.memory > 0 && used.memory + want.memory > toBytes(alloc.memory))
    return { reason: "Insufficient memory", unresolvable: false };
  const extended = insufficientExtended(pod, node, podsOnNode);
  if (extended) return { reason: extended, unresolvable: false };
  return undefined;
}

/** FitError.Error(): `0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: …`. */
export function fitErrorMessage(total: number, failures: Filtered[]): string {
  const count = (items: string[]) => {
    const m = new Map<string, number>();
    for (const r of items) m.set(r, (m.get(r) ?? 0) + 1);
    return [...m.entries()].map(([r, n]) => `${n} ${r}`).sort();
  };
  const reasons = count(failures.map((f) => f.reason));
  const preemption = count(
    failures.map((f) =>
      f.unresolvable
        ? "Preemption is not helpful for scheduling"
        : "No preemption victims found for incoming pod",
    ),
  );
  return `0/${total} nodes are available: ${reasons.join(", ")}. preemption: 0/${total} nodes are available: ${preemption.join(", ")}.`;
}

/** FitError.Error() when a PreFilter plugin rejected the pod: its message, then the preemption verdict. */
export function preFilterMessage(total: number, reason: string): string {
  return `0/${total} nodes are available: ${reason}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

const keyOf = (p: Pod) => `${p.metadata?.namespace}/${p.metadata?.name}`;

function nodeFingerprint(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === "Ready")?.status;
  return JSON.stringify([
    ready,
    n.spec?.taints,
    n.spec?.unschedulable,
    n.status?.allocatable,
    n.metadata?.labels,
  ]);
}

/** Starts the default-scheduler; returns a stop function. */
export function startScheduler(
  api: SchedulerApi,
  clock: Clock & { wallMs(at?: number): number },
  recorder: EventRecorder,
  opts: SchedulerOptions = {},
): () => void {
  const delay = opts.delayMs ?? 10;
  const retry = opts.retryMs ?? 300_000;
  const timers = new Map<string, TimerHandle>();
  const unschedulable = new Set<string>();
  const nodePrints = new Map<string, string>();

  const enqueue = (key: string, after = delay) => {
    if (timers.has(key)) return;
    timers.set(
      key,
      clock.setTimer(
        after,
        () => {
          timers.delete(key);
          scheduleOne(key);
        },
        "scheduler",
      ),
    );
  };

  const scheduleOne = (key: string) => {
    const [ns, name] = key.split("/");
    const pod = api.tryGet<Pod & KubeObject & { metadata: { name: string } }>("Pod", ns, name);
    if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp) {
      unschedulable.delete(key);
      return;
    }
    const nodes = api.list<Node & KubeObject & { metadata: { name: string } }>("Node");
    const running = api
      .list<Pod & KubeObject>("Pod")
      .filter((p) => p.spec?.nodeName && !["Succeeded", "Failed"].includes(p.status?.phase ?? ""));
    // VolumeBinding: PreFilter (claims missing or unbound), Filter (a volume for a delayed claim)
    const volumes = checkPodVolumes(api, pod);
    if (volumes.status === "wait") {
      enqueue(key, 100);
      return;
    }
    const failures: Filtered[] = [];
    for (const node of volumes.status === "prefilter" ? [] : nodes) {
      const f =
        filterNode(
          pod,
          node,
          running.filter((p) => p.spec?.nodeName === node.metadata.name),
        ) ?? (volumes.status === "filter" ? { reason: volumes.reason, unresolvable: true } : undefined);
      if (!f) {
        unschedulable.delete(key);
        try {
          api.bindPod(ns, name, node.metadata.name);
        } catch {
          return; // deleted or bound meanwhile: nothing to do, like a failed binding cycle
        }
        const ref = { kind: "Pod", namespace: ns, name, uid: pod.metadata.uid, apiVersion: "v1" };
        recorder.event(
          ref,
          "Normal",
          "Scheduled",
          `Successfully assigned ${ns}/${name} to ${node.metadata.name}`,
        );
        return;
      }
      failures.push(f);
    }
    const message =
      nodes.length === 0
        ? NO_NODES_MESSAGE
        : volumes.status === "prefilter"
          ? preFilterMessage(nodes.length, volumes.reason)
          : fitErrorMessage(nodes.length, failures);
    // Marked before the status write so our own MODIFIED event does not requeue the pod.
    unschedulable.add(key);
    const prev = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    if (prev?.status !== "False" || prev.message !== message) {
      const cond: PodCondition = {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message,
        lastProbeTime: null as never,
        lastTransitionTime: prev?.status === "False" ? prev.lastTransitionTime : rfc3339(clock.wallMs()),
      };
      const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== "PodScheduled"), cond];
      try {
        api.updateStatus("Pod", ns, name, { ...pod.status, conditions }, "scheduler");
      } catch {
        return;
      }
    }
    const ref = { kind: "Pod", namespace: ns, name, uid: pod.metadata.uid, apiVersion: "v1" };
    recorder.event(ref, "Warning", "FailedScheduling", message);
    enqueue(key, retry);
  };

  const retryUnschedulable = () => {
    for (const key of unschedulable) {
      clock.cancel(timers.get(key));
      timers.delete(key);
      enqueue(key);
    }
  };

  const stopPods = api.watch<Pod & KubeObject>("Pod", {}, (e: WatchEvent<Pod & KubeObject>) => {
    const pod = e.object;
    const key = keyOf(pod);
    if (e.type === "DELETED") {
      clock.cancel(timers.get(key));
      timers.delete(key);
      unschedulable.delete(key);
      if (pod.spec?.nodeName) retryUnschedulable(); // freed resources
      return;
    }
    if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return;
    if ((pod.spec?.schedulerName ?? "default-scheduler") !== "default-scheduler") return;
    if (!unschedulable.has(key)) enqueue(key);
  });
  const stopNodes = api.watch<Node & KubeObject>("Node", {}, (e: WatchEvent<Node & KubeObject>) => {
    const name = e.object.metadata?.name ?? "";
    const print = e.type === "DELETED" ? "" : nodeFingerprint(e.object);
    if (nodePrints.get(name) === print) return;
    nodePrints.set(name, print);
    if (e.type !== "DELETED") retryUnschedulable();
  });

  // a claim bound (or created) or a volume appearing may let a waiting pod in
  const boundClaims = new Set<string>();
  const stopClaims = api.watch<KubeObject>("PersistentVolumeClaim", {}, (e) => {
    const k = `${e.object.metadata?.namespace}/${e.object.metadata?.name}`;
    const bound = e.object.metadata?.annotations?.["pv.kubernetes.io/bind-completed"] !== undefined;
    const newlyBound = bound && !boundClaims.has(k);
    if (bound && e.type !== "DELETED") boundClaims.add(k);
    else boundClaims.delete(k);
    if (e.type === "ADDED" || newlyBound) retryUnschedulable();
  });
  const stopVolumes = api.watch<KubeObject>("PersistentVolume", {}, (e) => {
    if (e.type === "ADDED") retryUnschedulable();
  });

  return () => {
    stopPods();
    stopNodes();
    stopClaims();
    stopVolumes();
    for (const t of timers.values()) clock.cancel(t);
    timers.clear();
  };
}
