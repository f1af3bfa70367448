// k8s: staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go + resource.Quantity's Add — ResourceLists
// (resource name → quantity) as quota and the LimitRanger do arithmetic on them. Quantities stay exact.
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  type Quantity,
  type QuantityFormat,
} from "./quantity";

/** A ResourceList as the API encodes it: name → canonical quantity text. */
export type ResourceListText = Record<string, string>;
/** A decoded ResourceList. */
export type ResourceList = Map<string, Quantity>;

export const zeroQuantity = (format: QuantityFormat = "DecimalSI"): Quantity => ({
  num: 0n,
  den: 1n,
  format,
});

/** Decode `{memory: "1Gi"}`; entries that do not parse are left out. */
export function decodeList(list: Record<string, unknown> | undefined | null): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    try {
      out.set(k, parseQuantity(v));
    } catch {
      // the decoder rejects such objects before admission sees them
    }
  }
  return out;
}

/** Encode with the keys sorted, as Go's JSON encoder writes a map. */
export function encodeList(list: ResourceList): ResourceListText {
  const out: ResourceListText = {};
  for (const k of [...list.keys()].sort()) out[k] = formatQuantity(list.get(k)!);
  return out;
}

/** Quantity.Add: the receiver keeps its format unless it is zero (then it takes the other's). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  // both denominators are powers of ten: their product is one too
  const den = a.den === b.den ? a.den : a.den * b.den;
  const num = a.den === b.den ? a.num + b.num : a.num * b.den + b.num * a.den;
  return { num, den, format: a.num === 0n ? b.format : a.format };
}

export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return addQuantity(a, { ...b, num: -b.num });
}

/** quota.Add: keys of both; a's quantity is the receiver. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, v] of b) {
    const cur = out.get(k);
    out.set(k, cur ? addQuantity(cur, v) : v);
  }
  return out;
}

/** quota.Mask: only the named resources. */
export function maskList(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const v = list.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

/** quota.LessThanOrEqual: the names of a whose value exceeds b's (names missing from b are fine). */
export function exceededNames(a: ResourceList, b: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const other = b.get(k);
    if (other && compareQuantities(v, other) > 0) out.push(k);
  }
  return out;
}

/** addResourceList: sum into `list`. */
export function addInto(list: ResourceList, more: ResourceList): void {
  for (const [k, v] of more) {
    const cur = list.get(k);
    list.set(k, cur ? addQuantity(cur, v) : v);
  }
}

/** maxResourceList: the greater of each. */
export function maxInto(list: ResourceList, more: ResourceList): void {
  for (const [k, v] of more) {
    const cur = list.get(k);
    if (!cur || compareQuantities(v, cur) > 0) list.set(k, v);
  }
}

/** quota prettyPrint: `requests.cpu=1,requests.memory=700Mi` (sorted). */
export function prettyPrintList(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${formatQuantity(list.get(k)!)}`)
    .join(",");
}
