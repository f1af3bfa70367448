// k8s: pkg/printers/internalversion/printers.go printLimitRange / printResourceQuota — the columns of
// `kubectl get limitranges` (NAME, CREATED AT) and `kubectl get resourcequotas` (NAME, AGE, REQUEST, LIMIT).
import type { LimitRange, ResourceQuota } from "kubernetes-types/core/v1";
import { canonicalQuantity } from "../../sim/api/quantity";
import type { KubeObject } from "../../sim/apiserver/types";
import { ageSince } from "../format/duration";

export const LIMITRANGE_PRINTER = {
  headers: ["NAME", "CREATED AT"],
  wide: [],
  row(o: KubeObject): string[] {
    const lr = o as LimitRange;
    // CreationTimestamp.Time.UTC().Format(time.RFC3339)
    return [lr.metadata?.name ?? "", lr.metadata?.creationTimestamp ?? "0001-01-01T00:00:00Z"];
  },
};

/** Quantity.String() of an absent (zero) quantity is "0". */
const quantityText = (v: string | undefined) => (v === undefined ? "0" : canonicalQuantity(v));

/** `pods: 1/2, requests.cpu: 0/1`; limits.* names go to the LIMIT column. */
export function quotaColumns(rq: ResourceQuota): { request: string; limit: string } {
  const hard = (rq.status?.hard ?? {}) as Record<string, string>;
  const used = (rq.status?.used ?? {}) as Record<string, string>;
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split(".");
    const cell = `${name}: ${quantityText(used[name])}/${quantityText(hard[name])}`;
    (pieces.length > 1 && pieces[0] === "limits" ? limit : request).push(cell);
  }
  return { request: request.join(", "), limit: limit.join(", ") };
}

export const RESOURCEQUOTA_PRINTER = {
  headers: ["NAME", "AGE", "REQUEST", "LIMIT"],
  wide: [],
  row(o: KubeObject, now: number): string[] {
    const rq = o as ResourceQuota;
    const { request, limit } = quotaColumns(rq);
    return [rq.metadata?.name ?? "", ageSince(rq.metadata?.creationTimestamp, now), request, limit];
  },
};
