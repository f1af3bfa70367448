// k8s: pkg/apis/policy/validation/validation.go + pkg/registry/policy/poddisruptionbudget/strategy.go —
// PodDisruptionBudget (policy/v1): what the API server refuses, in its words. A budget's spec may be
// changed after creation (policy/v1); its status is the disruption controller's and the eviction
// subresource's to write.
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { validateLabelSelector } from "./apps";
import { type FieldError, GoLiteral, invalid, notSupported } from "./fieldErrors";
import type { LabelSelector } from "./labelSelector";
import { validateObjectMeta } from "./nameValidation";
import { asObj, isObj } from "./validation";

export type { PodDisruptionBudget };

/** policyv1.UnhealthyPodEvictionPolicyType values (supportedUnhealthyPodEvictionPolicies, sorted). */
export const UNHEALTHY_POD_EVICTION_POLICIES = ["AlwaysAllow", "IfHealthyBudget"] as const;

const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** appsvalidation.ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function intOrPercent(v: unknown, field: string, errs: FieldError[]): void {
  if (typeof v === "string") {
    if (!/^[0-9]+%$/.test(v)) errs.push(invalid(field, v, PERCENT_MSG));
    else if (Number.parseInt(v, 10) > 100) errs.push(invalid(field, v, "must not be greater than 100%"));
  } else if (typeof v === "number" && v < 0)
    errs.push(invalid(field, v, "must be greater than or equal to 0"));
}

const isSet = (v: unknown) => v !== undefined && v !== null;

/** A stable pseudo heap address for Go's %#v of a pointer field (real ones differ run to run). */
function goPointers(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return 0xc000000000 + (h & 0x3fffff) * 0x100;
}

/**
 * %#v of the internal policy.PodDisruptionBudgetSpec, as field.Invalid prints a struct:
 * `policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc…), …}`.
 */
function specLiteral(spec: Record<string, unknown>, name: string): GoLiteral {
  const base = goPointers(name);
  const ptr = (type: string, v: unknown, offset: number) =>
    `(*${type})(${isSet(v) ? `0x${(base + offset).toString(16)}` : "nil"})`;
  return new GoLiteral(
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr("intstr.IntOrString", spec.minAvailable, 0x20)}, Selector:${ptr("v1.LabelSelector", spec.selector, 0x40)}, MaxUnavailable:${ptr("intstr.IntOrString", spec.maxUnavailable, 0)}, UnhealthyPodEvictionPolicy:${ptr("policy.UnhealthyPodEvictionPolicyType", spec.unhealthyPodEvictionPolicy, 0x60)}}`,
  );
}

/** The strategy's Validate: the name, then ValidatePodDisruptionBudgetSpec. */
export function validatePodDisruptionBudget(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  const spec = asObj(o.spec);
  const name = String(asObj(o.metadata).name ?? "");
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable))
    errs.push(invalid("spec", specLiteral(spec, name), "minAvailable and maxUnavailable cannot be both set"));
  if (isSet(spec.minAvailable)) intOrPercent(spec.minAvailable, "spec.minAvailable", errs);
  if (isSet(spec.maxUnavailable)) intOrPercent(spec.maxUnavailable, "spec.maxUnavailable", errs);
  if (isObj(spec.selector)) validateLabelSelector(spec.selector as LabelSelector, "spec.selector", errs);
  const policy = spec.unhealthyPodEvictionPolicy;
  if (isSet(policy) && !(UNHEALTHY_POD_EVICTION_POLICIES as readonly unknown[]).includes(policy))
    errs.push(notSupported("spec.unhealthyPodEvictionPolicy", policy, UNHEALTHY_POD_EVICTION_POLICIES));
  return errs;
}

/** Decode-time shape checks: the spec is an object, the budgets are an int or a string. */
export function podDisruptionBudgetDecodeProblem(obj: Record<string, unknown>): string | undefined {
  const spec = obj.spec;
  if (!isSet(spec)) return undefined;
  if (!isObj(spec))
    return `json: cannot unmarshal ${Array.isArray(spec) ? "array" : typeof spec} into Go struct field PodDisruptionBudget.spec of type v1.PodDisruptionBudgetSpec`;
  for (const k of ["minAvailable", "maxUnavailable"]) {
    const v = spec[k];
    // intstr.IntOrString.UnmarshalJSON: a quoted string, else json.Unmarshal into an int32
    if (isSet(v) && typeof v !== "string" && !(typeof v === "number" && Number.isInteger(v)))
      return `json: cannot unmarshal ${typeof v === "number" ? "number" : Array.isArray(v) ? "array" : typeof v} into Go value of type int32`;
  }
  if (isSet(spec.selector) && !isObj(spec.selector))
    return `json: cannot unmarshal ${Array.isArray(spec.selector) ? "array" : typeof spec.selector} into Go struct field PodDisruptionBudgetSpec.spec.selector of type v1.LabelSelector`;
  return undefined;
}

/** intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true). */
export function scaledValue(v: number | string, total: number): number {
  if (typeof v === "number") return v;
  const pct = Number.parseInt(v.replace(/%$/, ""), 10);
  return Math.ceil((pct * total) / 100);
}

/** IntOrString.String(): `2`, `50%`. */
export const intOrStringText = (v: number | string | undefined | null): string => String(v ?? "");

/** PodDisruptionBudgetStatus as stored: every field may be absent (a new budget's status is {}). */
export type PdbStatus = Partial<NonNullable<PodDisruptionBudget["status"]>>;
type Condition = NonNullable<PdbStatus["conditions"]>[number];

export const statusOf = (pdb: PodDisruptionBudget): PdbStatus => pdb.status ?? {};

/** podutil.IsPodReady: the Ready condition is True. */
export const isPodReady = (pod: { status?: { conditions?: { type: string; status: string }[] } }): boolean =>
  (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

/** apimeta.SetStatusCondition: a new condition, or the existing one updated (its time moves only when the status flips). */
function setStatusCondition(conditions: Condition[], c: Condition, nowIso: string): Condition[] {
  const i = conditions.findIndex((x) => x.type === c.type);
  if (i < 0) return [...conditions, { ...c, lastTransitionTime: c.lastTransitionTime || nowIso }];
  const old = conditions[i];
  const next: Condition = {
    ...old,
    status: c.status,
    reason: c.reason,
    message: c.message,
    observedGeneration: c.observedGeneration,
    lastTransitionTime: old.status !== c.status ? nowIso : old.lastTransitionTime,
  };
  return conditions.map((x, j) => (j === i ? next : x));
}

/**
 * pdbhelper.UpdateDisruptionAllowedCondition: DisruptionAllowed True/SufficientPods while a disruption
 * is allowed, else False/InsufficientPods; observedGeneration from the status.
 */
export function updateDisruptionAllowedCondition(status: PdbStatus, nowIso: string): PdbStatus {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  const conditions = setStatusCondition(
    status.conditions ?? [],
    {
      type: "DisruptionAllowed",
      status: allowed ? "True" : "False",
      reason: allowed ? "SufficientPods" : "InsufficientPods",
      message: "",
      observedGeneration: status.observedGeneration ?? 0,
      lastTransitionTime: "",
    },
    nowIso,
  );
  return { ...status, conditions };
}

/** failSafe's condition: DisruptionAllowed False with reason SyncFailed and the error's text. */
export function syncFailedCondition(status: PdbStatus, message: string, nowIso: string): PdbStatus {
  const conditions = setStatusCondition(
    status.conditions ?? [],
    {
      type: "DisruptionAllowed",
      status: "False",
      reason: "SyncFailed",
      message,
      observedGeneration: status.observedGeneration ?? 0,
      lastTransitionTime: "",
    },
    nowIso,
  );
  return { ...status, disruptionsAllowed: 0, conditions };
}

/** pdbhelper.ConditionsAreUpToDate */
export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const s = statusOf(pdb);
  const c = (s.conditions ?? []).find((x) => x.type === "DisruptionAllowed");
  if (!c || (s.observedGeneration ?? 0) !== (pdb.metadata?.generation ?? 0)) return false;
  if ((s.disruptionsAllowed ?? 0) > 0) return c.status === "True" && c.reason === "SufficientPods";
  return c.status === "False" && c.reason === "InsufficientPods";
}
