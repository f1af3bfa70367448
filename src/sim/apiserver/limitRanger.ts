// k8s: plugin/pkg/admission/limitranger/admission.go — the LimitRanger admission plugin for pods:
// Admit (mutating) fills each container's and init container's missing requests/limits from the
// namespace's Container-type LimitRanges and records what it set in the kubernetes.io/limit-ranger
// annotation; Validate checks min, max and maxLimitRequestRatio per Container and per Pod.
// PersistentVolumeClaim limits are not modelled (the simulator stores no PVCs).
import type { Container, LimitRange, LimitRangeItem, Pod } from "kubernetes-types/core/v1";
import { formatQuantity, parseQuantity, type Quantity } from "../api/quantity";
import { addInto, decodeList, maxInto, type ResourceList } from "../api/resourceList";

export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

/** The sorted copy Go's encoder would write for a ResourceList. */
function sortedList(list: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(list).sort()) out[k] = list[k];
  return out;
}

/** mergeContainerResources: fill what the container lacks; returns the annotation parts. */
function mergeContainer(
  c: Container,
  defaults: { requests: Record<string, string>; limits: Record<string, string> },
  prefix: string,
): string[] {
  const setRequests: string[] = [];
  const setLimits: string[] = [];
  const limits: Record<string, string> = { ...((c.resources?.limits as Record<string, string>) ?? {}) };
  const requests: Record<string, string> = { ...((c.resources?.requests as Record<string, string>) ?? {}) };
  for (const [k, v] of Object.entries(defaults.limits))
    if (limits[k] === undefined) {
      limits[k] = v;
      setLimits.push(k);
    }
  for (const [k, v] of Object.entries(defaults.requests))
    if (requests[k] === undefined) {
      requests[k] = v;
      setRequests.push(k);
    }
  if (setLimits.length > 0 || setRequests.length > 0) {
    c.resources ??= {};
    if (setLimits.length > 0) c.resources.limits = sortedList(limits);
    if (setRequests.length > 0) c.resources.requests = sortedList(requests);
  }
  const out: string[] = [];
  if (setRequests.length > 0) out.push(`${setRequests.sort().join(", ")} request for ${prefix} ${c.name}`);
  if (setLimits.length > 0) out.push(`${setLimits.sort().join(", ")} limit for ${prefix} ${c.name}`);
  return out;
}

/** PodMutateLimitFunc for each LimitRange of the namespace (the plugin's Admit). */
export function admitLimitRanges(pod: Pod, ranges: readonly LimitRange[]): void {
  for (const lr of ranges) {
    const defaults = { requests: {} as Record<string, string>, limits: {} as Record<string, string> };
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== "Container") continue;
      Object.assign(defaults.requests, item.defaultRequest ?? {});
      Object.assign(defaults.limits, item.default ?? {});
    }
    const parts: string[] = [];
    for (const c of pod.spec?.containers ?? []) parts.push(...mergeContainer(c, defaults, "container"));
    for (const c of pod.spec?.initContainers ?? [])
      parts.push(...mergeContainer(c, defaults, "init container"));
    if (parts.length > 0) {
      pod.metadata ??= {};
      pod.metadata.annotations = {
        ...(pod.metadata.annotations ?? {}),
        [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${parts.join("; ")}`,
      };
    }
  }
}

/** requestLimitEnforcedValues: compare in milli-units (exact here). */
const cmp = (a: Quantity, b: Quantity) => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};
const s = formatQuantity;

function minConstraint(type: string, k: string, enforced: Quantity, req: ResourceList, lim: ResourceList) {
  const r = req.get(k);
  const l = lim.get(k);
  if (!r) return `minimum ${k} usage per ${type} is ${s(enforced)}.  No request is specified`;
  if (cmp(r, enforced) < 0) return `minimum ${k} usage per ${type} is ${s(enforced)}, but request is ${s(r)}`;
  if (l && cmp(l, enforced) < 0)
    return `minimum ${k} usage per ${type} is ${s(enforced)}, but limit is ${s(l)}`;
  return undefined;
}

function maxConstraint(type: string, k: string, enforced: Quantity, req: ResourceList, lim: ResourceList) {
  const r = req.get(k);
  const l = lim.get(k);
  if (!l) return `maximum ${k} usage per ${type} is ${s(enforced)}.  No limit is specified`;
  if (cmp(l, enforced) > 0) return `maximum ${k} usage per ${type} is ${s(enforced)}, but limit is ${s(l)}`;
  if (r && cmp(r, enforced) > 0)
    return `maximum ${k} usage per ${type} is ${s(enforced)}, but request is ${s(r)}`;
  return undefined;
}

/** Go's %f: six decimals. */
const goFloat = (x: number) => x.toFixed(6);

function ratioConstraint(type: string, k: string, enforced: Quantity, req: ResourceList, lim: ResourceList) {
  const r = req.get(k);
  const l = lim.get(k);
  if (!r || r.num === 0n)
    return `${k} max limit to request ratio per ${type} is ${s(enforced)}, but no request is specified or request is 0`;
  if (!l || l.num === 0n)
    return `${k} max limit to request ratio per ${type} is ${s(enforced)}, but no limit is specified or limit is 0`;
  // MilliValue rounds up; the observed ratio is limit/request, compared with the enforced ratio × 1000
  const milli = (x: Quantity) => Number((x.num * 1000n + x.den - 1n) / x.den);
  const observed = milli(l) / milli(r);
  if (observed * 1000 > milli(enforced))
    return `${k} max limit to request ratio per ${type} is ${s(enforced)}, but provided ratio is ${goFloat(observed)}`;
  return undefined;
}

function checkItem(item: LimitRangeItem, req: ResourceList, lim: ResourceList, errs: string[]): void {
  const type = item.type;
  for (const [k, v] of Object.entries(item.min ?? {})) {
    const e = minConstraint(type, k, parseQuantity(v as string), req, lim);
    if (e) errs.push(e);
  }
  for (const [k, v] of Object.entries(item.max ?? {})) {
    const e = maxConstraint(type, k, parseQuantity(v as string), req, lim);
    if (e) errs.push(e);
  }
  for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const e = ratioConstraint(type, k, parseQuantity(v as string), req, lim);
    if (e) errs.push(e);
  }
}

/** podRequests/podLimits of the plugin: containers summed, sidecars added, init containers as a floor. */
export function podTotals(pod: Pod, field: "requests" | "limits"): ResourceList {
  const total: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(total, decodeList(c.resources?.[field]));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = decodeList(c.resources?.[field]);
    if (c.restartPolicy === "Always") {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const tmp: ResourceList = new Map();
      addInto(tmp, own);
      addInto(tmp, sidecars);
      maxInto(initMax, tmp);
    }
  }
  maxInto(total, initMax);
  return total;
}

/**
 * PodValidateLimitFunc for each LimitRange (the plugin's Validate); the message the API server wraps
 * as `pods "x" is forbidden: …`, or undefined. Several failures read as utilerrors' `[a, b]`.
 */
export function validateLimitRanges(pod: Pod, ranges: readonly LimitRange[]): string | undefined {
  for (const lr of ranges) {
    const errs: string[] = [];
    for (const item of lr.spec?.limits ?? []) {
      if (item.type === "Container") {
        for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])])
          checkItem(item, decodeList(c.resources?.requests), decodeList(c.resources?.limits), errs);
      } else if (item.type === "Pod") {
        checkItem(item, podTotals(pod, "requests"), podTotals(pod, "limits"), errs);
      }
    }
    const unique = [...new Set(errs)];
    if (unique.length === 1) return unique[0];
    if (unique.length > 1) return `[${unique.join(", ")}]`;
  }
  return undefined;
}
