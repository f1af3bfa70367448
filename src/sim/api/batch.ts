// k8s: pkg/apis/batch/v1/defaults.go, pkg/apis/batch/validation/validation.go and
// pkg/registry/batch/{job,cronjob}/strategy.go — Job and CronJob (batch/v1): what decoding fills in,
// the selector and labels the API server generates for a Job, and what it refuses, in its words.
import type { CronJob, Job, JobSpec } from "kubernetes-types/batch/v1";
import { goJson, setTemplateDefaults } from "./apps";
import { parseCronSchedule, validTimeZone } from "./cron";
import { type FieldError, type GoLiteral, invalid, notSupported, required } from "./fieldErrors";
import { type LabelSelector, selectorMatches } from "./labelSelector";
import { isDns1123Label, validateObjectMeta } from "./nameValidation";
import { asObj, isObj, validatePodSpec } from "./validation";

export type { CronJob, Job };

/** batch.LegacyJobNameLabel / JobNameLabel, LegacyControllerUidLabel / ControllerUidLabel. */
export const LEGACY_JOB_NAME_LABEL = "job-name";
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const LEGACY_CONTROLLER_UID_LABEL = "controller-uid";
export const CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
/** batch.JobTrackingFinalizer: the job controller counts a pod before the pod may go away. */
export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
/** batch.CronJobScheduledTimestampAnnotation (CronJobsScheduledAnnotation, beta and on since 1.32). */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";

type Obj = Record<string, unknown>;

/**
 * SetDefaults_Job: completions and parallelism 1 (parallelism alone when completions is set),
 * backoffLimit 6, NonIndexed, not suspended, podReplacementPolicy TerminatingOrFailed (Failed with a
 * podFailurePolicy), manualSelector false; a Job without labels takes its template's labels.
 */
export function setJobDefaults(job: Job): Job {
  job.spec ??= {} as JobSpec;
  setJobSpecDefaults(job.spec);
  const labels = job.spec.template?.metadata?.labels;
  if (labels && Object.keys(job.metadata?.labels ?? {}).length === 0) {
    job.metadata ??= {};
    job.metadata.labels = { ...labels };
  }
  return job;
}

function setJobSpecDefaults(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  // a backoffLimitPerIndex lifts the global limit (math.MaxInt32)
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  spec.manualSelector ??= false;
  spec.template = setTemplateDefaults(spec.template);
}

/** SetDefaults_CronJob: Allow, not suspended, keep 3 successful and 1 failed Job. */
export function setCronJobDefaults(cj: CronJob): CronJob {
  cj.spec ??= {} as NonNullable<CronJob["spec"]>;
  const spec = cj.spec;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  spec.jobTemplate ??= {};
  // SetDefaults_Job is the Job's own: the template's JobSpec gets only its pod template's defaults
  // (each Job the controller creates is defaulted when it is created)
  spec.jobTemplate.spec ??= {} as JobSpec;
  spec.jobTemplate.spec.template = setTemplateDefaults(spec.jobTemplate.spec.template);
  return cj;
}

/**
 * jobStrategy.PrepareForCreate → generateSelector (unless manualSelector): the template gets
 * job-name, batch.kubernetes.io/job-name, controller-uid and batch.kubernetes.io/controller-uid, and
 * the selector matches batch.kubernetes.io/controller-uid. Labels the user set are left alone.
 */
export function generateJobSelector(job: Job): void {
  const spec = job.spec;
  if (!spec || spec.manualSelector) return;
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = { ...(spec.template.metadata.labels ?? {}) };
  const name = job.metadata?.name ?? "";
  const uid = job.metadata?.uid ?? "";
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  spec.template.metadata.labels = labels;
  spec.selector ??= {};
  spec.selector.matchLabels = { ...(spec.selector.matchLabels ?? {}) };
  if (!(CONTROLLER_UID_LABEL in spec.selector.matchLabels))
    spec.selector.matchLabels[CONTROLLER_UID_LABEL] = uid;
}

const NEGATIVE = "must be greater than or equal to 0";

function nonNegative(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === "number" && v < 0) errs.push(invalid(field, v, NEGATIVE));
}

/** metav1.LabelSelector as JSON (matchExpressions omitted when empty). */
const selectorJson = (sel: LabelSelector | undefined): GoLiteral => {
  const out: Obj = {};
  if (sel?.matchExpressions?.length) out.matchExpressions = sel.matchExpressions;
  if (sel?.matchLabels && Object.keys(sel.matchLabels).length > 0) out.matchLabels = sel.matchLabels;
  return goJson(out);
};

/** validateJobSpec: counts, completion mode, pod template, restartPolicy OnFailure or Never. */
function validateJobSpecFields(spec: Obj, field: string, errs: FieldError[]): void {
  for (const k of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit"])
    nonNegative(`${field}.${k}`, spec[k], errs);
  nonNegative(`${field}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished, errs);
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null) {
    if (mode !== "NonIndexed" && mode !== "Indexed")
      errs.push(notSupported(`${field}.completionMode`, mode, ["NonIndexed", "Indexed"]));
    if (mode === "Indexed" && (spec.completions === undefined || spec.completions === null))
      errs.push(required(`${field}.completions`, "when completion mode is Indexed"));
  }
  const prp = spec.podReplacementPolicy;
  if (prp !== undefined && prp !== null && prp !== "Failed" && prp !== "TerminatingOrFailed")
    errs.push(notSupported(`${field}.podReplacementPolicy`, prp, ["Failed", "TerminatingOrFailed"]));
  const template = asObj(spec.template);
  errs.push(...validatePodSpec(template.spec, `${field}.template.spec`));
  const rp = asObj(template.spec).restartPolicy;
  // SetDefaults_PodSpec may have filled in Always: both it and "" read as "not set"
  if (rp === "Always" || rp === "" || rp === undefined)
    errs.push(required(`${field}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== "OnFailure" && rp !== "Never")
    errs.push(notSupported(`${field}.template.spec.restartPolicy`, rp, ["OnFailure", "Never"]));
}

/** ValidateJob: metadata, the generated selector, then the spec and its selector. */
export function validateJob(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const meta = asObj(o.metadata);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  const spec = asObj(o.spec);
  const sel = isObj(spec.selector) ? (spec.selector as LabelSelector) : undefined;
  const tplLabels = (asObj(asObj(asObj(spec.template).metadata).labels) ?? {}) as Record<string, string>;
  if (spec.manualSelector !== true && sel) {
    // validateGeneratedSelector: the template carries the generated labels, the selector selects them
    const uid = String(meta.uid ?? "");
    const name = String(meta.name ?? "");
    const expected: Record<string, string> = {
      [LEGACY_CONTROLLER_UID_LABEL]: uid,
      [LEGACY_JOB_NAME_LABEL]: name,
      [CONTROLLER_UID_LABEL]: uid,
      [JOB_NAME_LABEL]: name,
    };
    for (const [k, v] of Object.entries(expected))
      if (tplLabels[k] !== v)
        errs.push(
          k in tplLabels
            ? invalid(`spec.template.metadata.labels[${k}]`, goJson(tplLabels), `must be '${v}'`)
            : required(`spec.template.metadata.labels[${k}]`, `must be '${v}'`),
        );
    if (!selectorMatches(sel, expected))
      errs.push(invalid("spec.selector", selectorJson(sel), "`selector` not auto-generated"));
  }
  validateJobSpecFields(spec, "spec", errs);
  if (!sel) errs.push(required("spec.selector"));
  // a nil selector is labels.Nothing(): it matches no template either
  if (!selectorMatches(sel, tplLabels))
    errs.push(
      invalid(
        "spec.template.metadata.labels",
        goJson(tplLabels),
        "`selector` does not match template `labels`",
      ),
    );
  // an Indexed Job's pods are named <job>-<index>: that hostname must be a DNS label
  const completions = spec.completions;
  if (spec.completionMode === "Indexed" && typeof completions === "number" && completions > 0) {
    const host = `${meta.name ?? ""}-${completions - 1}`;
    if (isDns1123Label(host).length > 0)
      errs.push(
        invalid("metadata.name", meta.name, `will not able to create pod with invalid DNS label: ${host}`),
      );
  }
  return errs;
}

/** ValidateJobUpdate: the spec rules, and completions, selector, template and completionMode stay. */
export function validateJobUpdate(obj: unknown, old: unknown): FieldError[] {
  const errs = validateJob(obj);
  const spec = asObj(asObj(obj).spec);
  const oldSpec = asObj(asObj(old).spec);
  const immutable = (k: string, show: (v: unknown) => unknown) => {
    if (goJson(spec[k] ?? null).text !== goJson(oldSpec[k] ?? null).text)
      errs.push(invalid(`spec.${k}`, show(spec[k]), "field is immutable"));
  };
  immutable("completions", (v) => v ?? null);
  immutable("selector", (v) => selectorJson(v as LabelSelector));
  immutable("template", (v) => goJson(v));
  immutable("completionMode", (v) => v ?? null);
  return errs;
}

/** validateScheduleFormat + validateTimeZone + ValidateJobTemplateSpec. */
function validateCronJobSpec(spec: Obj, old: Obj | undefined, errs: FieldError[]): void {
  const schedule = spec.schedule;
  if (typeof schedule !== "string" || schedule === "") errs.push(required("spec.schedule"));
  else {
    const parsed = parseCronSchedule(schedule);
    if (typeof parsed === "string") errs.push(invalid("spec.schedule", schedule, parsed));
    const allowTZ = typeof old?.schedule === "string" && old.schedule.includes("TZ");
    if (allowTZ && schedule.includes("TZ") && spec.timeZone !== undefined && spec.timeZone !== null)
      errs.push(
        invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"),
      );
    else if (!allowTZ && schedule.includes("TZ"))
      errs.push(
        invalid(
          "spec.schedule",
          schedule,
          "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ),
      );
  }
  nonNegative("spec.startingDeadlineSeconds", spec.startingDeadlineSeconds, errs);
  const tz = spec.timeZone;
  if (tz !== undefined && tz !== null && (!old || old.timeZone !== tz)) {
    const zone = String(tz);
    if (zone === "") errs.push(invalid("spec.timeZone", zone, "timeZone must be nil or non-empty string"));
    else if (
      zone
        .split("/")
        .some((p) => p === "." || p === ".." || p.startsWith("-") || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(p))
    )
      errs.push(invalid("spec.timeZone", zone, `unknown time zone ${zone}`));
    else if (zone.toLowerCase() === "local")
      errs.push(
        invalid(
          "spec.timeZone",
          zone,
          "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        ),
      );
    else if (!validTimeZone(zone)) errs.push(invalid("spec.timeZone", zone, `unknown time zone ${zone}`));
  }
  const cp = spec.concurrencyPolicy;
  if (cp === undefined || cp === "") errs.push(required("spec.concurrencyPolicy"));
  else if (cp !== "Allow" && cp !== "Forbid" && cp !== "Replace")
    errs.push(notSupported("spec.concurrencyPolicy", cp, ["Allow", "Forbid", "Replace"]));
  const jobSpec = asObj(asObj(spec.jobTemplate).spec);
  validateJobSpecFields(jobSpec, "spec.jobTemplate.spec", errs);
  // jobtemplate will always have the selector automatically generated
  if (isObj(jobSpec.selector))
    errs.push(
      invalid(
        "spec.jobTemplate.spec.selector",
        selectorJson(jobSpec.selector as LabelSelector),
        "`selector` will be auto-generated",
      ),
    );
  if (jobSpec.manualSelector === true)
    errs.push(notSupported("spec.jobTemplate.spec.manualSelector", true, ["nil", "false"]));
  nonNegative("spec.successfulJobsHistoryLimit", spec.successfulJobsHistoryLimit, errs);
  nonNegative("spec.failedJobsHistoryLimit", spec.failedJobsHistoryLimit, errs);
}

/** ValidateCronJobCreate: names leave room for the 11-character `-<minutes>` suffix of its Jobs. */
export function validateCronJob(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  validateCronJobSpec(asObj(o.spec), undefined, errs);
  const name = asObj(o.metadata).name;
  if (typeof name === "string" && name.length > 52)
    errs.push(invalid("metadata.name", name, "must be no more than 52 characters"));
  return errs;
}

/** ValidateCronJobUpdate: the spec rules (the 52-character name limit is not checked again). */
export function validateCronJobUpdate(obj: unknown, old: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  validateCronJobSpec(asObj(o.spec), asObj(asObj(old).spec), errs);
  return errs;
}

const INT_FIELDS: Record<string, string[]> = {
  Job: [
    "parallelism",
    "completions",
    "activeDeadlineSeconds",
    "backoffLimit",
    "ttlSecondsAfterFinished",
    "backoffLimitPerIndex",
    "maxFailedIndexes",
  ],
  CronJob: ["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"],
};

const typeName = (v: unknown) =>
  Array.isArray(v) ? "array" : v === null ? "null" : typeof v === "object" ? "object" : typeof v;

/** Decode-time shape checks of the fields the controllers read (the 400 before validation). */
export function batchDecodeProblem(kind: "Job" | "CronJob", obj: Obj): string | undefined {
  const spec = obj.spec;
  if (spec === undefined || spec === null) return undefined;
  if (!isObj(spec))
    return `json: cannot unmarshal ${typeName(spec)} into Go struct field ${kind}.spec of type v1.${kind}Spec`;
  for (const k of INT_FIELDS[kind]) {
    const v = spec[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v))
      return `json: cannot unmarshal ${typeName(v)} into Go struct field ${kind}Spec.spec.${k} of type ${kind === "Job" || k !== "startingDeadlineSeconds" ? "int32" : "int64"}`;
  }
  if (kind === "Job")
    for (const k of ["selector", "template"]) {
      const v = spec[k];
      if (v !== undefined && v !== null && !isObj(v))
        return `json: cannot unmarshal ${typeName(v)} into Go struct field JobSpec.spec.${k} of type ${k === "selector" ? "v1.LabelSelector" : "v1.PodTemplateSpec"}`;
    }
  if (kind === "CronJob") {
    const v = spec.jobTemplate;
    if (v !== undefined && v !== null && !isObj(v))
      return `json: cannot unmarshal ${typeName(v)} into Go struct field CronJobSpec.spec.jobTemplate of type v1.JobTemplateSpec`;
    if (spec.schedule !== undefined && spec.schedule !== null && typeof spec.schedule !== "string")
      return `json: cannot unmarshal ${typeName(spec.schedule)} into Go struct field CronJobSpec.spec.schedule of type string`;
  }
  return undefined;
}
