// k8s: pkg/apis/core/v1/defaults.go (SetDefaults_ReplicationController) and pkg/apis/core/validation
// (ValidateReplicationController, ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC) —
// the v1 ReplicationController: an equality-based selector (a plain map), defaulted from the template.
import type { ReplicationController } from "kubernetes-types/core/v1";
import { goJson, setTemplateDefaults } from "./apps";
import { type FieldError, forbidden, invalid, notSupported, required } from "./fieldErrors";
import { validateObjectMeta } from "./nameValidation";
import { asObj, isObj, validatePodSpec } from "./validation";

export type { ReplicationController };

/** SetDefaults_ReplicationController: selector and labels from the template's labels, 1 replica. */
export function setReplicationControllerDefaults(rc: ReplicationController): ReplicationController {
  rc.spec ??= {};
  const spec = rc.spec;
  const tplLabels = spec.template?.metadata?.labels;
  if (tplLabels && Object.keys(tplLabels).length > 0) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...tplLabels };
    rc.metadata ??= {};
    if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0)
      rc.metadata.labels = { ...tplLabels };
  }
  spec.replicas ??= 1;
  if (spec.template) spec.template = setTemplateDefaults(spec.template);
  return rc;
}

const NEGATIVE = "must be greater than or equal to 0";

/** ValidateReplicationController: metadata, then ValidateReplicationControllerSpec. */
export function validateReplicationController(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  const spec = asObj(o.spec);
  for (const k of ["minReadySeconds", "replicas"]) {
    const v = spec[k];
    if (typeof v === "number" && v < 0) errs.push(invalid(`spec.${k}`, v, NEGATIVE));
  }
  const selector = (isObj(spec.selector) ? spec.selector : {}) as Record<string, string>;
  if (Object.keys(selector).length === 0) errs.push(required("spec.selector"));
  if (!isObj(spec.template)) {
    errs.push(required("spec.template"));
    return errs;
  }
  const template = spec.template;
  const labels = (isObj(asObj(template.metadata).labels) ? asObj(template.metadata).labels : {}) as Record<
    string,
    string
  >;
  // labels.Set(selector).AsSelector(): every key=value of the selector must be among the labels
  if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels[k] === v))
    errs.push(
      invalid("spec.template.metadata.labels", goJson(labels), "`selector` does not match template `labels`"),
    );
  errs.push(...validatePodSpec(template.spec, "spec.template.spec"));
  const podSpec = asObj(template.spec);
  if (podSpec.restartPolicy !== "Always")
    errs.push(notSupported("spec.template.spec.restartPolicy", podSpec.restartPolicy ?? "", ["Always"]));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null)
    errs.push(
      forbidden(
        "spec.template.spec.activeDeadlineSeconds",
        "activeDeadlineSeconds in ReplicationController is not Supported",
      ),
    );
  return errs;
}

/** Decode-time shape checks (the 400 before validation). */
export function replicationControllerDecodeProblem(obj: Record<string, unknown>): string | undefined {
  const spec = obj.spec;
  if (spec === undefined || spec === null) return undefined;
  const typeName = (v: unknown) => (Array.isArray(v) ? "array" : typeof v);
  if (!isObj(spec))
    return `json: cannot unmarshal ${typeName(spec)} into Go struct field ReplicationController.spec of type v1.ReplicationControllerSpec`;
  for (const k of ["replicas", "minReadySeconds"]) {
    const v = spec[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v))
      return `json: cannot unmarshal ${typeName(v)} into Go struct field ReplicationControllerSpec.spec.${k} of type int32`;
  }
  if (spec.selector !== undefined && spec.selector !== null && !isObj(spec.selector))
    return `json: cannot unmarshal ${typeName(spec.selector)} into Go struct field ReplicationControllerSpec.spec.selector of type map[string]string`;
  if (spec.template !== undefined && spec.template !== null && !isObj(spec.template))
    return `json: cannot unmarshal ${typeName(spec.template)} into Go struct field ReplicationControllerSpec.spec.template of type v1.PodTemplateSpec`;
  return undefined;
}
