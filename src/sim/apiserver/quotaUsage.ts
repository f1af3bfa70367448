// k8s: pkg/quota/v1/evaluator/core (pods.go, services.go) + apiserver/pkg/quota/v1/generic (object
// count) — what one object charges against a ResourceQuota, shared by the ResourceQuota admission
// plugin and the resource-quota controller.
import type { Pod, ResourceQuota, Service } from "kubernetes-types/core/v1";
import type { Quantity } from "../api/quantity";
import { addLists, decodeList, type ResourceList } from "../api/resourceList";
import { parseRfc3339 } from "../clock/time";
import { podTotals } from "./limitRanger";
import { RESOURCE } from "./registry";
import type { KubeObject, ObjectKind } from "./types";

const ONE: Quantity = { num: 1n, den: 1n, format: "DecimalSI" };

/** generic.ObjectCountQuotaResourceNameFor: `count/pods`, `count/deployments.apps`. */
export const countName = (kind: ObjectKind) => `count/${RESOURCE[kind]}`;

/** The legacy object-count names (pods is a compute resource, counted by the pod evaluator). */
const LEGACY_COUNT: Partial<Record<ObjectKind, string>> = {
  Service: "services",
  ConfigMap: "configmaps",
  Secret: "secrets",
  ResourceQuota: "resourcequotas",
};

/** The compute resource names the pod evaluator tracks (podResources). */
const POD_RESOURCES = new Set([
  "count/pods",
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
]);

/** podComputeUsageHelper. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([["pods", ONE]]);
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [k, v] of requests)
    if (k.startsWith("hugepages-")) {
      out.set(k, v);
      out.set(`requests.${k}`, v);
    }
  return out;
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace period, are not charged. */
export function podCharged(pod: Pod, wallNowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === "Failed" || phase === "Succeeded") return false;
  const m = pod.metadata;
  if (m?.deletionTimestamp && m.deletionGracePeriodSeconds !== undefined) {
    if (wallNowMs > parseRfc3339(m.deletionTimestamp) + m.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** PodUsageFunc: count/pods always; compute resources only while the pod is charged. */
export function podUsage(pod: Pod, wallNowMs: number): ResourceList {
  const out: ResourceList = new Map([["count/pods", ONE]]);
  if (!podCharged(pod, wallNowMs)) return out;
  return addLists(out, computeUsage(podTotals(pod, "requests"), podTotals(pod, "limits")));
}

/** What one object of `kind` uses. */
export function objectUsage(kind: ObjectKind, obj: KubeObject, wallNowMs: number): ResourceList {
  if (kind === "Pod") return podUsage(obj as Pod, wallNowMs);
  const out: ResourceList = new Map([[countName(kind), ONE]]);
  const legacy = LEGACY_COUNT[kind];
  if (legacy) out.set(legacy, ONE);
  if (kind === "Service") {
    const spec = (obj as Service).spec;
    const type = spec?.type ?? "ClusterIP";
    if (type === "LoadBalancer") out.set("services.loadbalancers", ONE);
    // each port of a NodePort or LoadBalancer Service holds a node port
    if (type === "NodePort" || type === "LoadBalancer")
      out.set("services.nodeports", {
        num: BigInt((spec?.ports ?? []).length),
        den: 1n,
        format: "DecimalSI",
      });
  }
  return out;
}

/** The names of `hard` this kind's evaluator matches (MatchingResources). */
export function matchingResources(kind: ObjectKind, hard: Iterable<string>): string[] {
  const out: string[] = [];
  for (const k of hard) {
    if (kind === "Pod") {
      if (POD_RESOURCES.has(k) || k.startsWith("hugepages-") || k.startsWith("requests.hugepages-"))
        out.push(k);
    } else if (k === countName(kind) || k === LEGACY_COUNT[kind]) out.push(k);
    else if (kind === "Service" && (k === "services.nodeports" || k === "services.loadbalancers"))
      out.push(k);
  }
  return out;
}

/** qos.GetPodQOS === BestEffort: no container names a cpu or memory request or limit. */
function isBestEffort(pod: Pod): boolean {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])])
    for (const list of [c.resources?.requests, c.resources?.limits])
      for (const k of Object.keys(list ?? {})) if (k === "cpu" || k === "memory") return false;
  return true;
}

const isTerminating = (pod: Pod) =>
  pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds !== null;

/** podMatchesScopeFunc for the scopes a quota names (other kinds match only unscoped quotas). */
export function matchesScopes(rq: ResourceQuota, kind: ObjectKind, obj: KubeObject): boolean {
  const scopes = [
    ...(rq.spec?.scopes ?? []),
    ...(rq.spec?.scopeSelector?.matchExpressions ?? []).map((e) => e.scopeName),
  ];
  if (scopes.length === 0) return true;
  if (kind !== "Pod") return false;
  const pod = obj as Pod;
  return scopes.every((s) => {
    if (s === "Terminating") return isTerminating(pod);
    if (s === "NotTerminating") return !isTerminating(pod);
    if (s === "BestEffort") return isBestEffort(pod);
    if (s === "NotBestEffort") return !isBestEffort(pod);
    if (s === "PriorityClass") return !!pod.spec?.priorityClassName;
    return false;
  });
}

/**
 * enforcePodContainerConstraints: a quota on cpu or memory requires every container to name it —
 * `must specify limits.cpu for: a,b; requests.memory for: a`, or undefined.
 */
export function podConstraints(pod: Pod, required: readonly string[]): string | undefined {
  const validation = new Set([
    "cpu",
    "memory",
    "requests.cpu",
    "requests.memory",
    "limits.cpu",
    "limits.memory",
  ]);
  const want = required.filter((r) => validation.has(r));
  if (want.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const have = computeUsage(decodeList(c.resources?.requests), decodeList(c.resources?.limits));
    for (const r of want)
      if (!have.has(r)) {
        const set = missing.get(r) ?? new Set<string>();
        set.add(c.name);
        missing.set(r, set);
      }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(",")}`);
  return `must specify ${parts.join("; ")}`;
}
