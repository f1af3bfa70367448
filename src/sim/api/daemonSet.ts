// k8s: pkg/apis/apps/v1/defaults.go (SetDefaults_DaemonSet), pkg/apis/apps/validation/validation.go
// (ValidateDaemonSet, ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet) and
// pkg/registry/apps/daemonset/strategy.go (PrepareForCreate/PrepareForUpdate: the template generation).
import type { DaemonSet } from "kubernetes-types/apps/v1";
import { goJson, setTemplateDefaults } from "./apps";
import { jsonEqual } from "./equality";
import { type FieldError, invalid, notSupported, required } from "./fieldErrors";
import { type LabelSelector, selectorIsEmpty, selectorMatches } from "./labelSelector";
import { validateObjectMeta } from "./nameValidation";
import { asObj, isObj, validatePodSpec } from "./validation";

export type { DaemonSet };

/** appsv1.DeprecatedTemplateGeneration: the v1 face of the internal spec.templateGeneration. */
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";
/** appsv1.DefaultDaemonSetUniqueLabelKey (= ControllerRevisionHashLabelKey) */
export const CONTROLLER_REVISION_HASH_LABEL = "controller-revision-hash";
/** extensions.DaemonSetTemplateGenerationKey */
export const POD_TEMPLATE_GENERATION_LABEL = "pod-template-generation";

type Obj = Record<string, unknown>;

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions kept. */
export function setDaemonSetDefaults(ds: DaemonSet): DaemonSet {
  ds.spec ??= {} as NonNullable<DaemonSet["spec"]>;
  const spec = ds.spec;
  spec.updateStrategy ??= {};
  const strategy = spec.updateStrategy;
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= 1;
    strategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.template = setTemplateDefaults(spec.template);
  return ds;
}

/**
 * PrepareForCreate / PrepareForUpdate: templateGeneration starts at 1 and grows with each template
 * change; apps/v1 shows it as the deprecated.daemonset.template.generation annotation. The status
 * starts with its four required counters at 0.
 */
export function prepareDaemonSet(ds: DaemonSet, old: DaemonSet | undefined): void {
  const prev = Number(old?.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? 0);
  const gen = old ? prev + (jsonEqual(ds.spec?.template, old.spec?.template) ? 0 : 1) : 1;
  ds.metadata ??= {};
  ds.metadata.annotations = {
    ...(ds.metadata.annotations ?? {}),
    [TEMPLATE_GENERATION_ANNOTATION]: String(gen),
  };
  if (!old)
    (ds as { status?: unknown }).status = {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    };
}

/** The templateGeneration the API server keeps (nil before the annotation exists). */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const v = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v === undefined ? undefined : Number(v);
}

const NEGATIVE = "must be greater than or equal to 0";
const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function nonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === "number" && v < 0) errs.push(invalid(field, v, NEGATIVE));
}

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent */
function intOrPercent(v: unknown, field: string, errs: FieldError[]): void {
  if (typeof v === "string") {
    if (!/^[0-9]+%$/.test(v)) errs.push(invalid(field, v, PERCENT_MSG));
    else if (Number.parseInt(v, 10) > 100) errs.push(invalid(field, v, "must not be greater than 100%"));
  } else nonNegative(field, v, errs);
}

const intOrPercentValue = (v: unknown): number =>
  typeof v === "string" ? Number.parseInt(v, 10) || 0 : typeof v === "number" ? v : 0;

/** ValidateDaemonSetUpdateStrategy + ValidateRollingUpdateDaemonSet */
function validateUpdateStrategy(strategy: Obj, errs: FieldError[]): void {
  const f = "spec.updateStrategy";
  if (strategy.type === "OnDelete") return;
  if (strategy.type === "RollingUpdate") {
    if (!isObj(strategy.rollingUpdate)) {
      errs.push(required(`${f}.rollingUpdate`));
      return;
    }
    const ru = strategy.rollingUpdate;
    intOrPercent(ru.maxUnavailable, `${f}.rollingUpdate.maxUnavailable`, errs);
    intOrPercent(ru.maxSurge, `${f}.rollingUpdate.maxSurge`, errs);
    const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
    const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
    if (hasUnavailable && hasSurge)
      errs.push(
        invalid(
          `${f}.rollingUpdate.maxSurge`,
          goJson(ru.maxSurge),
          "may not be set when maxUnavailable is non-zero",
        ),
      );
    else if (!hasUnavailable && !hasSurge)
      errs.push(required(`${f}.rollingUpdate.maxUnavailable`, "cannot be 0 when maxSurge is 0"));
    return;
  }
  errs.push(
    notSupported(f, goJson({ type: strategy.type ?? "", rollingUpdate: strategy.rollingUpdate }), [
      "RollingUpdate",
      "OnDelete",
    ]),
  );
}

/** ValidateDaemonSet: metadata, then ValidateDaemonSetSpec. */
export function validateDaemonSet(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  const spec = asObj(o.spec);
  const template = asObj(spec.template);
  const labels = (isObj(asObj(template.metadata).labels) ? asObj(template.metadata).labels : {}) as Record<
    string,
    string
  >;
  const sel = isObj(spec.selector) ? (spec.selector as LabelSelector) : undefined;
  if (!sel) errs.push(required("spec.selector"));
  if (!sel || (!selectorIsEmpty(sel) && !selectorMatches(sel, labels)))
    errs.push(
      invalid("spec.template.metadata.labels", goJson(labels), "`selector` does not match template `labels`"),
    );
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0)
    errs.push(invalid("spec.selector", goJson(sel), "empty selector is invalid for daemonset"));
  errs.push(...validatePodSpec(template.spec, "spec.template.spec"));
  const podSpec = asObj(template.spec);
  if (podSpec.restartPolicy !== "Always")
    errs.push(notSupported("spec.template.spec.restartPolicy", podSpec.restartPolicy ?? "", ["Always"]));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null)
    errs.push(
      invalid(
        "spec.template.spec.activeDeadlineSeconds",
        podSpec.activeDeadlineSeconds,
        "activeDeadlineSeconds in DaemonSet is not Supported",
      ),
    );
  nonNegative("spec.minReadySeconds", spec.minReadySeconds, errs);
  validateUpdateStrategy(asObj(spec.updateStrategy), errs);
  nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit, errs);
  return errs;
}

/** ValidateDaemonSetUpdate: the spec rules again, and the selector may not change. */
export function validateDaemonSetUpdate(obj: unknown, old: unknown): FieldError[] {
  const errs = validateDaemonSet(obj);
  const sel = asObj(asObj(obj).spec).selector;
  const oldSel = asObj(asObj(old).spec).selector;
  if (goJson(sel ?? null).text !== goJson(oldSel ?? null).text)
    errs.push(invalid("spec.selector", goJson(sel ?? {}), "field is immutable"));
  return errs;
}

/** Decode-time shape checks of the fields the controller reads (the 400 before validation). */
export function daemonSetDecodeProblem(obj: Obj): string | undefined {
  const spec = obj.spec;
  if (spec === undefined || spec === null) return undefined;
  if (!isObj(spec))
    return `json: cannot unmarshal ${Array.isArray(spec) ? "array" : typeof spec} into Go struct field DaemonSet.spec of type v1.DaemonSetSpec`;
  for (const k of ["minReadySeconds", "revisionHistoryLimit"]) {
    const v = spec[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v))
      return `json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go struct field DaemonSetSpec.spec.${k} of type int32`;
  }
  const types: Record<string, string> = {
    selector: "v1.LabelSelector",
    template: "v1.PodTemplateSpec",
    updateStrategy: "v1.DaemonSetUpdateStrategy",
  };
  for (const [k, t] of Object.entries(types)) {
    const v = spec[k];
    if (v !== undefined && v !== null && !isObj(v))
      return `json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go struct field DaemonSetSpec.spec.${k} of type ${t}`;
  }
  return undefined;
}
