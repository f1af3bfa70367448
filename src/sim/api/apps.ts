// k8s: pkg/apis/apps/v1/defaults.go and pkg/apis/apps/validation/validation.go — Deployment and
// ReplicaSet (apps/v1): what decoding fills in and what the API server refuses, in its words.
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { setPodDefaults } from "./defaults";
import { type FieldError, forbidden, GoLiteral, invalid, notSupported, required } from "./fieldErrors";
import { type LabelSelector, selectorIsEmpty, selectorMatches } from "./labelSelector";
import { validateObjectMeta } from "./nameValidation";
import { asObj, isObj, validatePodSpec } from "./validation";

export type { Deployment, ReplicaSet };

/** apps.DefaultDeploymentUniqueLabelKey */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

type Obj = Record<string, unknown>;

/** SetDefaults_PodSpec & co. on a pod template (admission runs later, on each pod the controller creates). */
export function setTemplateDefaults(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const template = t ?? {};
  const holder = { spec: template.spec ?? { containers: [] } };
  setPodDefaults(holder);
  template.spec = holder.spec;
  return template;
}

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25%/25%, 10 old ReplicaSets kept, 600 s to progress. */
export function setDeploymentDefaults(d: Deployment): Deployment {
  d.spec ??= {} as NonNullable<Deployment["spec"]>;
  const spec = d.spec;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  const strategy = spec.strategy;
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= "25%";
    strategy.rollingUpdate.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.template = setTemplateDefaults(spec.template);
  return d;
}

/** SetDefaults_ReplicaSet: 1 replica. */
export function setReplicaSetDefaults(rs: ReplicaSet): ReplicaSet {
  rs.spec ??= {} as NonNullable<ReplicaSet["spec"]>;
  rs.spec.replicas ??= 1;
  rs.spec.template = setTemplateDefaults(rs.spec.template);
  return rs;
}

/** json.Marshal of a value the validator reports (maps with sorted keys, as Go encodes them). */
export function goJson(v: unknown): GoLiteral {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (isObj(x))
      return Object.fromEntries(
        Object.keys(x)
          .filter((k) => x[k] !== undefined)
          .sort()
          .map((k) => [k, sorted(x[k])]),
      );
    return x;
  };
  return new GoLiteral(JSON.stringify(sorted(v)) ?? "null");
}

/** metav1.LabelSelector as JSON (matchExpressions omitted when empty). */
const selectorJson = (sel: LabelSelector | undefined): GoLiteral => {
  const out: Obj = {};
  if (sel?.matchExpressions?.length) out.matchExpressions = sel.matchExpressions;
  if (sel?.matchLabels && Object.keys(sel.matchLabels).length > 0) out.matchLabels = sel.matchLabels;
  return goJson(out);
};

const NEGATIVE = "must be greater than or equal to 0";

/** ValidateNonnegativeField */
function nonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === "number" && v < 0) errs.push(invalid(field, v, NEGATIVE));
}

/** unversionedvalidation.ValidateLabelSelector: operators and their values. */
export function validateLabelSelector(sel: LabelSelector, field: string, errs: FieldError[]): void {
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    const n = (r.values ?? []).length;
    if (r.operator === "In" || r.operator === "NotIn") {
      if (n === 0) errs.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (r.operator === "Exists" || r.operator === "DoesNotExist") {
      if (n > 0)
        errs.push(
          forbidden(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
    } else errs.push(invalid(`${f}.operator`, r.operator, "not a valid selector operator"));
  });
}

/** ValidatePodTemplateSpecForReplicaSet: the selector must select the template's own labels. */
function validateTemplate(
  template: Obj,
  selector: LabelSelector | undefined,
  field: string,
  errs: FieldError[],
): void {
  const meta = asObj(template.metadata);
  const labels = (isObj(meta.labels) ? meta.labels : {}) as Record<string, string>;
  // a nil selector is labels.Nothing(): not empty, and it matches no labels
  if (!selectorIsEmpty(selector) && !selectorMatches(selector, labels))
    errs.push(
      invalid(`${field}.metadata.labels`, goJson(labels), "`selector` does not match template `labels`"),
    );
  errs.push(...validatePodSpec(template.spec, `${field}.spec`));
  const spec = asObj(template.spec);
  if (spec.restartPolicy !== "Always")
    errs.push(notSupported(`${field}.spec.restartPolicy`, spec.restartPolicy ?? "", ["Always"]));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null)
    errs.push(
      forbidden(
        `${field}.spec.activeDeadlineSeconds`,
        "activeDeadlineSeconds in ReplicaSet is not Supported",
      ),
    );
}

/** The selector checks ValidateDeploymentSpec and ValidateReplicaSetSpec share. */
function validateSelector(spec: Obj, errs: FieldError[]): LabelSelector | undefined {
  if (!isObj(spec.selector)) {
    errs.push(required("spec.selector"));
    return undefined;
  }
  const sel = spec.selector as LabelSelector;
  validateLabelSelector(sel, "spec.selector", errs);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0)
    errs.push(invalid("spec.selector", selectorJson(sel), "empty selector is invalid for deployment"));
  return sel;
}

const PERCENT_RE = "[0-9]+%";
const PERCENT_MSG = `a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '${PERCENT_RE}')`;

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function intOrPercent(v: unknown, field: string, errs: FieldError[], max100: boolean): void {
  if (typeof v === "string") {
    if (!/^[0-9]+%$/.test(v)) errs.push(invalid(field, v, PERCENT_MSG));
    else if (max100 && Number.parseInt(v, 10) > 100)
      errs.push(invalid(field, v, "must not be greater than 100%"));
  } else if (typeof v === "number") nonNegative(field, v, errs);
}

/** intstr value for the "both zero" check: a percent's number, or the int. */
const fenceValue = (v: unknown): number =>
  typeof v === "string" ? Number.parseInt(v, 10) || 0 : typeof v === "number" ? v : 0;

function validateStrategy(strategy: Obj, errs: FieldError[]): void {
  const type = strategy.type;
  const ru = strategy.rollingUpdate;
  if (type === "Recreate") {
    if (ru !== undefined && ru !== null)
      errs.push(
        forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"),
      );
  } else if (type === "RollingUpdate") {
    const r = asObj(ru);
    intOrPercent(r.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errs, false);
    intOrPercent(r.maxSurge, "spec.strategy.rollingUpdate.maxSurge", errs, false);
    if (fenceValue(r.maxUnavailable) === 0 && fenceValue(r.maxSurge) === 0)
      errs.push(
        invalid(
          "spec.strategy.rollingUpdate.maxUnavailable",
          goJson(r.maxUnavailable),
          "may not be 0 when `maxSurge` is 0",
        ),
      );
    if (typeof r.maxUnavailable === "string" && /^[0-9]+%$/.test(r.maxUnavailable))
      intOrPercent(r.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errs, true);
  } else {
    // the internal DeploymentStrategy struct has no json tags: json.Marshal names its Go fields
    errs.push(
      notSupported(
        "spec.strategy",
        new GoLiteral(
          `{"Type":${JSON.stringify(type ?? "")},"RollingUpdate":${ru ? JSON.stringify(ru) : "null"}}`,
        ),
        ["Recreate", "RollingUpdate"],
      ),
    );
  }
}

/** ValidateDeployment: metadata, then ValidateDeploymentSpec. */
export function validateDeployment(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  const spec = asObj(o.spec);
  nonNegative("spec.replicas", spec.replicas, errs);
  const sel = validateSelector(spec, errs);
  validateTemplate(asObj(spec.template), sel, "spec.template", errs);
  validateStrategy(asObj(spec.strategy), errs);
  nonNegative("spec.minReadySeconds", spec.minReadySeconds, errs);
  nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit, errs);
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === "number") {
    nonNegative("spec.progressDeadlineSeconds", pds, errs);
    if (pds <= ((spec.minReadySeconds as number | undefined) ?? 0))
      errs.push(invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"));
  }
  return errs;
}

/** ValidateReplicaSet: metadata, then ValidateReplicaSetSpec. */
export function validateReplicaSet(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  const spec = asObj(o.spec);
  nonNegative("spec.replicas", spec.replicas, errs);
  nonNegative("spec.minReadySeconds", spec.minReadySeconds, errs);
  const sel = validateSelector(spec, errs);
  validateTemplate(asObj(spec.template), sel, "spec.template", errs);
  return errs;
}

/** The strategies' ValidateUpdate for apps/v1: the spec rules again, and the selector may not change. */
export function validateAppsUpdate(
  kind: "Deployment" | "ReplicaSet",
  obj: unknown,
  old: unknown,
): FieldError[] {
  const errs = kind === "Deployment" ? validateDeployment(obj) : validateReplicaSet(obj);
  const sel = asObj(asObj(obj).spec).selector as LabelSelector | undefined;
  const oldSel = asObj(asObj(old).spec).selector as LabelSelector | undefined;
  if (goJson(sel ?? null).text !== goJson(oldSel ?? null).text)
    errs.push(invalid("spec.selector", selectorJson(sel), "field is immutable"));
  return errs;
}

/** Decode-time shape checks of the fields the controllers read (the 400 before validation). */
export function appsDecodeProblem(kind: string, obj: Obj): string | undefined {
  const spec = obj.spec;
  if (spec === undefined || spec === null) return undefined;
  const specType = `v1.${kind}Spec`;
  if (!isObj(spec))
    return `json: cannot unmarshal ${Array.isArray(spec) ? "array" : typeof spec} into Go struct field ${kind}.spec of type ${specType}`;
  for (const k of ["replicas", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"]) {
    const v = spec[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v))
      return `json: cannot unmarshal ${typeof v === "string" ? "string" : typeof v === "number" ? "number" : Array.isArray(v) ? "array" : typeof v} into Go struct field ${specType.replace("v1.", "")}.spec.${k} of type int32`;
  }
  for (const k of ["selector", "template", "strategy"]) {
    const v = spec[k];
    if (v !== undefined && v !== null && !isObj(v))
      return `json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go struct field ${specType.replace("v1.", "")}.spec.${k} of type ${k === "selector" ? "v1.LabelSelector" : k === "template" ? "v1.PodTemplateSpec" : "v1.DeploymentStrategy"}`;
  }
  return undefined;
}
