// k8s: pkg/printers/internalversion/printers.go printJob / printCronJob — the columns of
// `kubectl get jobs` (NAME STATUS COMPLETIONS DURATION AGE) and `kubectl get cronjobs` (NAME SCHEDULE
// TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE); -o wide adds CONTAINERS IMAGES SELECTOR.
import type { CronJob, Job, JobCondition } from "kubernetes-types/batch/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { formatLabelSelector } from "../../sim/api/labelSelector";
import type { KubeObject } from "../../sim/apiserver/types";
import { parseRfc3339 } from "../../sim/clock/time";
import { ageSince, humanDuration } from "../format/duration";

/** layoutContainerCells: names and images joined with commas. */
function containerCells(t: PodTemplateSpec | undefined): [string, string] {
  const cs = t?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image ?? "").join(",")];
}

/** hasJobCondition: a condition of that type with status True. */
export function hasJobCondition(conds: JobCondition[] | undefined, type: string): boolean {
  return (conds ?? []).some((c) => c.type === type && c.status === "True");
}

/** printJob's STATUS: Complete, Failed, Terminating, Suspended, FailureTarget, else Running. */
export function jobStatusText(job: Job): string {
  const conds = job.status?.conditions;
  if (hasJobCondition(conds, "Complete")) return "Complete";
  if (hasJobCondition(conds, "Failed")) return "Failed";
  if (job.metadata?.deletionTimestamp) return "Terminating";
  if (hasJobCondition(conds, "Suspended")) return "Suspended";
  if (hasJobCondition(conds, "FailureTarget")) return "FailureTarget";
  return "Running";
}

/** printJob's COMPLETIONS: `1/1`; without completions `0/1`, or `0/1 of 3` for a parallel work queue. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION: empty before the start, then running time, then start → completion. */
export function jobDuration(job: Job, now: number): string {
  const start = job.status?.startTime;
  if (!start) return "";
  const done = job.status?.completionTime;
  return humanDuration((done ? parseRfc3339(done) : now) - parseRfc3339(start));
}

export const JOB_PRINTER = {
  headers: ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const job = o as Job;
    const cells = [
      job.metadata?.name ?? "",
      jobStatusText(job),
      jobCompletions(job),
      jobDuration(job, now),
      ageSince(job.metadata?.creationTimestamp, now),
    ];
    return wide
      ? [...cells, ...containerCells(job.spec?.template), formatLabelSelector(job.spec?.selector)]
      : cells;
  },
};

/** printBoolPtr */
export const boolPtr = (v: boolean | undefined): string =>
  v === undefined ? "<unset>" : v ? "True" : "False";

export const CRONJOB_PRINTER = {
  headers: ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const cj = o as CronJob;
    const last = cj.status?.lastScheduleTime;
    const cells = [
      cj.metadata?.name ?? "",
      cj.spec?.schedule ?? "",
      cj.spec?.timeZone ?? "<none>",
      boolPtr(cj.spec?.suspend),
      String((cj.status?.active ?? []).length),
      last ? ageSince(last, now) : "<none>",
      ageSince(cj.metadata?.creationTimestamp, now),
    ];
    const tpl = cj.spec?.jobTemplate?.spec;
    return wide ? [...cells, ...containerCells(tpl?.template), formatLabelSelector(tpl?.selector)] : cells;
  },
};
