// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go describeLimitRange, describeQuota and the
// namespace describer's DescribeResourceQuotas / DescribeLimitRanges blocks.
import type { LimitRange, LimitRangeItem, Namespace, ResourceQuota } from "kubernetes-types/core/v1";
import { canonicalQuantity, formatQuantity, parseQuantity, quantityValue } from "../../sim/api/quantity";
import {
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";

const SCOPE_HELP: Record<string, string> = {
  Terminating:
    "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating:
    "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort:
    "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort:
    "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

type List = Record<string, string> | undefined;

/**
 * describeLimitRangeSpec: one row per resource an item names. kubectl walks a Go map here, so the
 * real row order varies from run to run; the simulator prints them sorted by resource name.
 */
function limitRangeRows(w: PrefixWriter, spec: LimitRange["spec"], prefix: string): void {
  for (const item of spec?.limits ?? []) {
    const it = item as LimitRangeItem;
    const lists: List[] = [it.max, it.min, it.default, it.defaultRequest, it.maxLimitRequestRatio] as List[];
    const names = new Set<string>();
    for (const l of lists) for (const k of Object.keys(l ?? {})) names.add(k);
    const v = (l: List, k: string) => (l?.[k] === undefined ? "-" : canonicalQuantity(l[k]));
    for (const k of [...names].sort())
      w.write(
        0,
        `${prefix}${it.type}\t${k}\t${v(it.min as List, k)}\t${v(it.max as List, k)}\t${v(it.defaultRequest as List, k)}\t${v(it.default as List, k)}\t${v(it.maxLimitRequestRatio as List, k)}\n`,
      );
  }
}

export function describeLimitRange(lr: LimitRange): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${lr.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${lr.metadata?.namespace ?? ""}\n`);
  w.write(0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  limitRangeRows(w, lr.spec, "");
  return describeTabwrite(w.text);
}

const sortedNames = (rq: ResourceQuota) => Object.keys(rq.status?.hard ?? {}).sort();
const text = (v: string | undefined) => (v === undefined ? "0" : canonicalQuantity(v));

function scopeLines(w: PrefixWriter, rq: ResourceQuota, level: number, bullet: string): void {
  const scopes = [...(rq.spec?.scopes ?? [])].sort();
  if (scopes.length === 0) return;
  w.write(level, `Scopes:\t${scopes.join(", ")}\n`);
  for (const s of scopes) if (SCOPE_HELP[s]) w.write(level, `${bullet}${SCOPE_HELP[s]}\n`);
}

export function describeResourceQuota(rq: ResourceQuota): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rq.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${rq.metadata?.namespace ?? ""}\n`);
  scopeLines(w, rq, 0, " * ");
  w.write(0, "Resource\tUsed\tHard\n");
  w.write(0, "--------\t----\t----\n");
  const hard = (rq.status?.hard ?? {}) as Record<string, string>;
  const used = (rq.status?.used ?? {}) as Record<string, string>;
  for (const name of sortedNames(rq)) {
    let u = text(used[name]);
    // a used quantity in another format than the hard one is shown as NewQuantity(used.Value(), hard.Format)
    try {
      const h = parseQuantity(hard[name]);
      const q = parseQuantity(used[name] ?? "0");
      if (used[name] !== undefined && h.format !== q.format)
        u = formatQuantity({ num: BigInt(quantityValue(q)), den: 1n, format: h.format });
    } catch {
      // stored quantities always parse
    }
    w.write(0, `${name}\t${u}\t${text(hard[name])}\n`);
  }
  return describeTabwrite(w.text);
}

/** describeNamespace: labels, annotations, status, then its quotas and limit ranges. */
export function describeNamespaceWithQuotas(
  ns: Namespace,
  quotas: readonly ResourceQuota[],
  limitRanges: readonly LimitRange[],
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata?.name ?? ""}\n`);
  printLabelsMultiline(w, "Labels", ns.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", ns.metadata?.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? "Active"}\n`);
  w.write(0, "\n");
  if (quotas.length === 0) w.write(0, "No resource quota.\n");
  else {
    w.write(0, "Resource Quotas\n");
    const sorted = [...quotas].sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1));
    for (const rq of sorted) {
      w.write(1, `Name:\t${rq.metadata?.name ?? ""}\n`);
      scopeLines(w, rq, 1, "* ");
      w.write(1, "Resource\tUsed\tHard\n");
      w.write(1, "--------\t---\t---\n");
      const hard = (rq.status?.hard ?? {}) as Record<string, string>;
      const used = (rq.status?.used ?? {}) as Record<string, string>;
      for (const name of sortedNames(rq)) w.write(1, `${name}\t${text(used[name])}\t${text(hard[name])}\n`);
    }
  }
  w.write(0, "\n");
  if (limitRanges.length === 0) w.write(0, "No LimitRange resource.\n");
  else {
    w.write(
      0,
      "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
    );
    w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    for (const lr of limitRanges) limitRangeRows(w, lr.spec, " ");
  }
  return describeTabwrite(w.text);
}
