// k8s: pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem + pkg/apis/core/validation ValidateLimitRange,
// ValidateResourceQuota — the LimitRange and ResourceQuota kinds (core/v1, namespaced).
import type { LimitRange, ResourceQuota } from "kubernetes-types/core/v1";
import { type FieldError, forbidden, invalid, notSupported, required } from "./fieldErrors";
import { validateObjectMeta } from "./nameValidation";
import {
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  type Quantity,
} from "./quantity";

type List = Record<string, string>;

/** Quantities decode into resource.Quantity and encode back canonically, map keys sorted. */
function canonicalList(list: unknown): List | undefined {
  if (!list || typeof list !== "object") return undefined;
  const src = list as Record<string, unknown>;
  const out: List = {};
  for (const k of Object.keys(src).sort()) {
    const v = src[k];
    // parseQuantity throws QuantityError: the API server answers 400 before validation
    out[k] = typeof v === "string" || typeof v === "number" ? canonicalQuantity(parseAndKeep(v)) : String(v);
  }
  return out;
}

function parseAndKeep(v: string | number): string | number {
  parseQuantity(v);
  return v;
}

const LIST_FIELDS = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"] as const;

/** SetDefaults_LimitRangeItem: for Container limits, default ← max, defaultRequest ← default, then ← min. */
export function setLimitRangeDefaults(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    const it = item as unknown as Record<string, List | undefined>;
    for (const f of LIST_FIELDS) {
      const c = canonicalList(it[f]);
      if (c) it[f] = c;
    }
    if (item.type !== "Container") continue;
    const def: List = { ...(item.default ?? {}) } as List;
    const defReq: List = { ...(item.defaultRequest ?? {}) } as List;
    for (const [k, v] of Object.entries(item.max ?? {})) def[k] ??= v as string;
    for (const [k, v] of Object.entries(def)) defReq[k] ??= v;
    for (const [k, v] of Object.entries(item.min ?? {})) defReq[k] ??= v as string;
    // an empty map is omitted when encoded (omitempty)
    if (Object.keys(def).length > 0) it.default = canonicalList(def);
    if (Object.keys(defReq).length > 0) it.defaultRequest = canonicalList(defReq);
  }
}

/** ResourceQuota decoding: spec.hard canonical (status is the controller's). */
export function setResourceQuotaDefaults(rq: ResourceQuota): void {
  if (rq.spec?.hard) rq.spec.hard = canonicalList(rq.spec.hard) as never;
}

const LIMIT_TYPES = ["Pod", "Container", "PersistentVolumeClaim"];
const q = (s: unknown): Quantity => parseQuantity(s as string);
const str = (x: Quantity) => formatQuantity(x);
/** Quantity.Value()/MilliValue() comparisons as floats: enough for the max/min ratio check. */
const milli = (x: Quantity) => (Number(x.num) * 1000) / Number(x.den);

/** ValidateLimitRange. */
export function validateLimitRange(obj: unknown): FieldError[] {
  const lr = obj as LimitRange;
  const errs = validateObjectMeta(lr.metadata, true, "subdomain");
  (lr.spec?.limits ?? []).forEach((limit, i) => {
    const p = `spec.limits[${i}]`;
    if (!LIMIT_TYPES.includes(limit.type ?? "")) {
      if (!limit.type) errs.push(required(`${p}.type`));
      else errs.push(notSupported(`${p}.type`, limit.type, LIMIT_TYPES));
    }
    for (const f of LIST_FIELDS)
      for (const [k, v] of Object.entries((limit as unknown as Record<string, List>)[f] ?? {}))
        if (q(v).num < 0n) errs.push(invalid(`${p}.${f}[${k}]`, v, "must be greater than or equal to 0"));
    if (limit.type === "Pod") {
      if (Object.keys(limit.default ?? {}).length > 0)
        errs.push(forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (Object.keys(limit.defaultRequest ?? {}).length > 0)
        errs.push(forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    }
    if (
      limit.type === "PersistentVolumeClaim" &&
      limit.min?.storage === undefined &&
      limit.max?.storage === undefined
    )
      errs.push(
        required(
          `${p}.limits`,
          "either minimum or maximum storage value is required, but neither was provided",
        ),
      );
    const keys = new Set<string>();
    for (const f of LIST_FIELDS)
      if (!(limit.type === "Pod" && (f === "default" || f === "defaultRequest")))
        for (const k of Object.keys((limit as unknown as Record<string, List>)[f] ?? {})) keys.add(k);
    const get = (f: (typeof LIST_FIELDS)[number], k: string) => {
      const v = (limit as unknown as Record<string, List | undefined>)[f]?.[k];
      return v === undefined ? undefined : q(v);
    };
    for (const k of keys) {
      const min = get("min", k);
      const max = get("max", k);
      const def = limit.type === "Pod" ? undefined : get("default", k);
      const defReq = limit.type === "Pod" ? undefined : get("defaultRequest", k);
      const ratio = get("maxLimitRequestRatio", k);
      if (min && max && compareQuantities(min, max) > 0)
        errs.push(
          invalid(`${p}.min[${k}]`, str(min), `min value ${str(min)} is greater than max value ${str(max)}`),
        );
      if (defReq && min && compareQuantities(min, defReq) > 0)
        errs.push(
          invalid(
            `${p}.defaultRequest[${k}]`,
            str(defReq),
            `min value ${str(min)} is greater than default request value ${str(defReq)}`,
          ),
        );
      if (defReq && max && compareQuantities(defReq, max) > 0)
        errs.push(
          invalid(
            `${p}.defaultRequest[${k}]`,
            str(defReq),
            `default request value ${str(defReq)} is greater than max value ${str(max)}`,
          ),
        );
      if (defReq && def && compareQuantities(defReq, def) > 0)
        errs.push(
          invalid(
            `${p}.defaultRequest[${k}]`,
            str(defReq),
            `default request value ${str(defReq)} is greater than default limit value ${str(def)}`,
          ),
        );
      if (def && min && compareQuantities(min, def) > 0)
        errs.push(
          invalid(
            `${p}.default[${k}]`,
            str(min),
            `min value ${str(min)} is greater than default value ${str(def)}`,
          ),
        );
      if (def && max && compareQuantities(def, max) > 0)
        errs.push(
          invalid(
            `${p}.default[${k}]`,
            str(max),
            `default value ${str(def)} is greater than max value ${str(max)}`,
          ),
        );
      if (ratio && compareQuantities(ratio, { num: 1n, den: 1n, format: "DecimalSI" }) < 0)
        errs.push(
          invalid(`${p}.maxLimitRequestRatio[${k}]`, str(ratio), `ratio ${str(ratio)} is less than 1`),
        );
      if (ratio && min && max) {
        const limit = milli(max) / milli(min);
        if (milli(ratio) / 1000 > limit)
          errs.push(
            invalid(
              `${p}.maxLimitRequestRatio[${k}]`,
              str(ratio),
              `ratio ${str(ratio)} is greater than max/min = ${limit.toFixed(6)}`,
            ),
          );
      }
    }
  });
  return errs;
}

/** The resource names a quota may name (IsStandardQuotaResourceName, plus count/… and requests.<extended>). */
const STANDARD_QUOTA = new Set([
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.storage",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "services",
  "replicationcontrollers",
  "resourcequotas",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "services.nodeports",
  "services.loadbalancers",
]);

const isQuotaResourceName = (k: string) =>
  STANDARD_QUOTA.has(k) ||
  k.startsWith("count/") ||
  k.startsWith("hugepages-") ||
  k.startsWith("requests.hugepages-") ||
  k.includes(".storageclass.storage.k8s.io/") ||
  (k.startsWith("requests.") && k.slice("requests.".length).includes("/"));

const SCOPES = [
  "BestEffort",
  "CrossNamespacePodAffinity",
  "NotBestEffort",
  "NotTerminating",
  "PriorityClass",
  "Terminating",
  "VolumeAttributesClass",
];

/** ValidateResourceQuota. */
export function validateResourceQuota(obj: unknown): FieldError[] {
  const rq = obj as ResourceQuota;
  const errs = validateObjectMeta(rq.metadata, true, "subdomain");
  for (const [k, v] of Object.entries(rq.spec?.hard ?? {})) {
    if (!isQuotaResourceName(k))
      errs.push(invalid(`spec.hard[${k}]`, k, "must be a standard resource for quota"));
    if (q(v).num < 0n) errs.push(invalid(`spec.hard[${k}]`, v, "must be greater than or equal to 0"));
  }
  (rq.spec?.scopes ?? []).forEach((s, i) => {
    if (!SCOPES.includes(s)) errs.push(notSupported(`spec.scopes[${i}]`, s, SCOPES));
  });
  return errs;
}
