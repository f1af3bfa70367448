// k8s: pkg/apis/apps/v1/defaults.go (SetDefaults_StatefulSet) and pkg/apis/apps/validation/validation.go
// (ValidateStatefulSet, ValidateStatefulSetSpec, ValidateStatefulSetUpdate) — StatefulSet (apps/v1) as
// decoding fills it in and the API server refuses it, in its words (Kubernetes 1.34: the
// MaxUnavailableStatefulSet gate is off, so no maxUnavailable default).
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim } from "kubernetes-types/core/v1";
import { goJson, setTemplateDefaults, validateLabelSelector } from "./apps";
import { jsonEqual } from "./equality";
import { type FieldError, forbidden, invalid, notSupported, required } from "./fieldErrors";
import { type LabelSelector, selectorIsEmpty, selectorMatches } from "./labelSelector";
import { validateObjectMeta } from "./nameValidation";
import { asObj, isObj } from "./validation";

export type { StatefulSet };

/** apps.StatefulSetPodNameLabel */
export const STATEFULSET_POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
/** apps.PodIndexLabel (PodIndexLabel, GA in 1.32) */
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

type Obj = Record<string, unknown>;

/** SetDefaults_StatefulSet (+ the PVC defaults of each volumeClaimTemplate). */
export function setStatefulSetDefaults(sts: StatefulSet): StatefulSet {
  sts.spec ??= {} as NonNullable<StatefulSet["spec"]>;
  const spec = sts.spec;
  spec.podManagementPolicy ||= "OrderedReady";
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = "RollingUpdate";
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === "RollingUpdate" && spec.updateStrategy.rollingUpdate)
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  // StatefulSetAutoDeletePVC (GA 1.32)
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= "Retain";
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= "Retain";
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.template = setTemplateDefaults(spec.template);
  spec.volumeClaimTemplates = spec.volumeClaimTemplates?.map((t: PersistentVolumeClaim) => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    ...t,
    spec: { ...(t.spec ?? {}), volumeMode: t.spec?.volumeMode ?? "Filesystem" },
    status: t.status ?? { phase: "Pending" },
  }));
  if (spec.volumeClaimTemplates === undefined) delete spec.volumeClaimTemplates;
  return sts;
}

const NEGATIVE = "must be greater than or equal to 0";

function nonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === "number" && v < 0) errs.push(invalid(field, v, NEGATIVE));
}

function retentionPolicy(v: unknown, field: string, errs: FieldError[]): void {
  if (v !== "Retain" && v !== "Delete") errs.push(notSupported(field, v ?? "", ["Retain", "Delete"]));
}

/** ValidateStatefulSetSpec */
function validateSpec(spec: Obj, errs: FieldError[]): void {
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required("spec.podManagementPolicy"));
  else if (pmp !== "OrderedReady" && pmp !== "Parallel")
    errs.push(invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = asObj(spec.updateStrategy);
  const ru = strategy.rollingUpdate;
  if (!strategy.type) errs.push(required("spec.updateStrategy"));
  else if (strategy.type === "OnDelete") {
    if (ru !== undefined && ru !== null)
      errs.push(
        invalid(
          "spec.updateStrategy.rollingUpdate",
          goJson(ru),
          "only allowed for updateStrategy 'RollingUpdate'",
        ),
      );
  } else if (strategy.type === "RollingUpdate") {
    if (isObj(ru)) nonNegative("spec.updateStrategy.rollingUpdate.partition", ru.partition, errs);
  } else errs.push(invalid("spec.updateStrategy", goJson(strategy), "must be 'RollingUpdate' or 'OnDelete'"));
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(policy)) {
    retentionPolicy(policy.whenDeleted, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", errs);
    retentionPolicy(policy.whenScaled, "spec.persistentVolumeClaimRetentionPolicy.whenScaled", errs);
  }
  nonNegative("spec.replicas", spec.replicas, errs);
  nonNegative("spec.minReadySeconds", spec.minReadySeconds, errs);
  if (isObj(spec.ordinals)) nonNegative("spec.ordinals.start", spec.ordinals.start, errs);
  const sel = isObj(spec.selector) ? (spec.selector as LabelSelector) : undefined;
  if (!sel) errs.push(required("spec.selector"));
  else {
    validateLabelSelector(sel, "spec.selector", errs);
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0)
      errs.push(invalid("spec.selector", goJson(sel), "empty selector is invalid for statefulset"));
  }
  // ValidatePodTemplateSpecForStatefulSet: the labels must match; the pod spec itself is checked when
  // the controller creates each pod
  const template = asObj(spec.template);
  const labels = (isObj(asObj(template.metadata).labels) ? asObj(template.metadata).labels : {}) as Record<
    string,
    string
  >;
  if (sel && !selectorIsEmpty(sel) && !selectorMatches(sel, labels))
    errs.push(
      invalid("spec.template.metadata.labels", goJson(labels), "`selector` does not match template `labels`"),
    );
  const podSpec = asObj(template.spec);
  if (podSpec.restartPolicy !== "Always")
    errs.push(notSupported("spec.template.spec.restartPolicy", podSpec.restartPolicy ?? "", ["Always"]));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null)
    errs.push(
      forbidden(
        "spec.template.spec.activeDeadlineSeconds",
        "activeDeadlineSeconds in StatefulSet is not Supported",
      ),
    );
}

/** ValidateStatefulSet: the name is a DNS label (it prefixes `-<ordinal>` pod names), then the spec. */
export function validateStatefulSet(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "label");
  validateSpec(asObj(o.spec), errs);
  return errs;
}

/** The spec fields an update may change (ValidateStatefulSetUpdate). */
const MUTABLE = [
  "replicas",
  "template",
  "updateStrategy",
  "minReadySeconds",
  "ordinals",
  "persistentVolumeClaimRetentionPolicy",
];

/** ValidateStatefulSetUpdate: the spec rules again, and only some fields may change. */
export function validateStatefulSetUpdate(obj: unknown, old: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const spec = asObj(asObj(obj).spec);
  validateSpec(spec, errs);
  const oldSpec = asObj(asObj(old).spec);
  const strip = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => !MUTABLE.includes(k)));
  if (!jsonEqual(strip(spec), strip(oldSpec)))
    errs.push(
      forbidden(
        "spec",
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  return errs;
}

/** Decode-time shape checks of the fields the controller reads (the 400 before validation). */
export function statefulSetDecodeProblem(obj: Obj): string | undefined {
  const spec = obj.spec;
  if (spec === undefined || spec === null) return undefined;
  const typeName = (v: unknown) => (Array.isArray(v) ? "array" : typeof v);
  if (!isObj(spec))
    return `json: cannot unmarshal ${typeName(spec)} into Go struct field StatefulSet.spec of type v1.StatefulSetSpec`;
  for (const k of ["replicas", "minReadySeconds", "revisionHistoryLimit"]) {
    const v = spec[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v))
      return `json: cannot unmarshal ${typeName(v)} into Go struct field StatefulSetSpec.spec.${k} of type int32`;
  }
  if (spec.serviceName !== undefined && spec.serviceName !== null && typeof spec.serviceName !== "string")
    return `json: cannot unmarshal ${typeName(spec.serviceName)} into Go struct field StatefulSetSpec.spec.serviceName of type string`;
  const types: Record<string, string> = {
    selector: "v1.LabelSelector",
    template: "v1.PodTemplateSpec",
    updateStrategy: "v1.StatefulSetUpdateStrategy",
  };
  for (const [k, t] of Object.entries(types)) {
    const v = spec[k];
    if (v !== undefined && v !== null && !isObj(v))
      return `json: cannot unmarshal ${typeName(v)} into Go struct field StatefulSetSpec.spec.${k} of type ${t}`;
  }
  const vcts = spec.volumeClaimTemplates;
  if (vcts !== undefined && vcts !== null && !Array.isArray(vcts))
    return `json: cannot unmarshal ${typeName(vcts)} into Go struct field StatefulSetSpec.spec.volumeClaimTemplates of type []v1.PersistentVolumeClaim`;
  return undefined;
}
