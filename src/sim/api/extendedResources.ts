// k8s: pkg/apis/core/v1/helper/helpers.go IsExtendedResourceName, and the scalar-resource part of the
// scheduler's NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go) — extended
// resources such as example.com/dongle: advertised in a node's status, requested by containers.
import type { Container, Node, NodeStatus, Pod } from "kubernetes-types/core/v1";

/** A fully-qualified name outside *.kubernetes.io/ that is not a quota `requests.` name. */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes("/")) return false;
  const domain = name.slice(0, name.indexOf("/"));
  if (domain === "kubernetes.io" || domain.endsWith(".kubernetes.io")) return false;
  return !name.startsWith("requests.");
}

function integer(q: unknown): number {
  const n = Number(String(q ?? "0"));
  return Number.isFinite(n) ? n : 0;
}

/** A container's extended-resource requests (limits stand in for missing requests: API defaulting). */
function containerExtended(c: Container): Map<string, number> {
  const out = new Map<string, number>();
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  for (const [k, v] of Object.entries({ ...lim, ...req }))
    if (isExtendedResourceName(k)) out.set(k, integer(v));
  return out;
}

/** The pod's extended-resource requests: the sum over containers, at least the largest init container's. */
export function podExtendedRequests(pod: Pod): Map<string, number> {
  const sum = new Map<string, number>();
  for (const c of pod.spec?.containers ?? [])
    for (const [k, v] of containerExtended(c)) sum.set(k, (sum.get(k) ?? 0) + v);
  for (const c of pod.spec?.initContainers ?? [])
    for (const [k, v] of containerExtended(c)) sum.set(k, Math.max(sum.get(k) ?? 0, v));
  return sum;
}

/** NodeResourcesFit for scalar resources: the first extended resource the node cannot give, if any. */
export function insufficientExtended(pod: Pod, node: Node, podsOnNode: Pod[]): string | undefined {
  const want = podExtendedRequests(pod);
  if (want.size === 0) return undefined;
  const alloc = (node.status?.allocatable ?? {}) as Record<string, unknown>;
  for (const [name, n] of [...want.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n === 0) continue;
    const used = podsOnNode.reduce((s, p) => s + (podExtendedRequests(p).get(name) ?? 0), 0);
    if (used + n > integer(alloc[name])) return `Insufficient ${name}`;
  }
  return undefined;
}

/**
 * The kubelet's MachineInfo setter: allocatable carries every extended resource of the capacity
 * (nothing is reserved for them), and loses those the capacity no longer has.
 */
export function extendedAllocatable(status: NodeStatus): NodeStatus {
  const cap = (status.capacity ?? {}) as Record<string, string>;
  const alloc = { ...(status.allocatable ?? {}) } as Record<string, string>;
  let changed = false;
  for (const k of Object.keys(alloc))
    if (isExtendedResourceName(k) && !(k in cap)) {
      delete alloc[k];
      changed = true;
    }
  for (const [k, v] of Object.entries(cap))
    if (isExtendedResourceName(k) && alloc[k] !== v) {
      alloc[k] = v;
      changed = true;
    }
  if (!changed) return status;
  const sorted = Object.fromEntries(Object.entries(alloc).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...status, allocatable: sorted };
}
