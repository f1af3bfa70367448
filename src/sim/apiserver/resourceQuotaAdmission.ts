// k8s: plugin/pkg/admission/resourcequota (controller.go CheckRequest) — the ResourceQuota admission
// plugin, last of the validating plugins: an object that would take a quota of its namespace over its
// hard limits is refused, and each quota it fits is charged at once (status.used), before the object
// is stored; the resource-quota controller later recounts from what is stored.
import type { Pod, ResourceQuota } from "kubernetes-types/core/v1";
import {
  addLists,
  decodeList,
  encodeList,
  exceededNames,
  maskList,
  prettyPrintList,
  type ResourceList,
} from "../api/resourceList";
import { matchesScopes, matchingResources, objectUsage, podConstraints } from "./quotaUsage";
import type { KubeObject, ObjectKind } from "./types";

export interface QuotaCharge {
  quota: ResourceQuota;
  used: ResourceList;
}

/**
 * CheckRequest for a create: the message the API server wraps as `<resource> "x" is forbidden: …`
 * (`exceeded quota: …`, `failed quota: …`, `status unknown for quota: …`), or the charges to write.
 */
export function checkQuotaRequest(
  quotas: readonly ResourceQuota[],
  kind: ObjectKind,
  obj: KubeObject,
  wallNowMs: number,
): { error: string } | { charges: QuotaCharge[] } {
  const interesting: ResourceQuota[] = [];
  for (const rq of quotas) {
    const hardNames = Object.keys(rq.status?.hard ?? {});
    // generic.Matches: the quota names something this kind uses, and its scopes match the object
    const restricted = matchingResources(kind, Object.keys(rq.spec?.hard ?? {}).length > 0 ? hardNames : []);
    if (restricted.length === 0 || !matchesScopes(rq, kind, obj)) continue;
    const name = rq.metadata?.name ?? "";
    if (kind === "Pod") {
      const err = podConstraints(obj as Pod, restricted);
      if (err) return { error: `failed quota: ${name}: ${err}` };
    }
    const used = rq.status?.used ?? {};
    if (restricted.some((r) => used[r] === undefined))
      return { error: `status unknown for quota: ${name}, resources: ${[...restricted].sort().join(",")}` };
    interesting.push(rq);
  }
  const delta = objectUsage(kind, obj, wallNowMs);
  if ([...delta.values()].every((q) => q.num === 0n) || interesting.length === 0) return { charges: [] };
  const charges: QuotaCharge[] = [];
  for (const rq of interesting) {
    const hard = decodeList(rq.status?.hard);
    const used = decodeList(rq.status?.used);
    const requested = maskList(delta, hard.keys());
    const newUsage = addLists(used, requested);
    const exceeded = exceededNames(maskList(newUsage, requested.keys()), hard);
    if (exceeded.length > 0)
      return {
        error: `exceeded quota: ${rq.metadata?.name}, requested: ${prettyPrintList(maskList(requested, exceeded))}, used: ${prettyPrintList(maskList(used, exceeded))}, limited: ${prettyPrintList(maskList(hard, exceeded))}`,
      };
    charges.push({ quota: rq, used: newUsage });
  }
  return { charges };
}

/** The status a charge writes: hard as it was, the new used. */
export const chargedStatus = (c: QuotaCharge) => ({ hard: c.quota.status?.hard, used: encodeList(c.used) });
