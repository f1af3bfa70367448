// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go describeJob, describeCronJob,
// describeJobTemplate and printActiveJobs — `kubectl describe job|cronjob`.
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { Event } from "kubernetes-types/core/v1";
import { selectorString } from "../../sim/api/labelSelector";
import { parseRfc3339, rfc1123z } from "../../sim/clock/time";
import { humanDuration } from "../format/duration";
import { describePodTemplate } from "./describeApps";
import {
  describeEvents,
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";
import { boolPtr } from "./printBatch";

const rfc = (ts: string) => rfc1123z(parseRfc3339(ts));

/** printController: `Kind/name` of the controlling owner. */
function controlledBy(o: {
  metadata?: { ownerReferences?: { controller?: boolean; kind: string; name: string }[] };
}) {
  const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

export function describeJob(job: Job, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = job.metadata ?? {};
  const spec = job.spec;
  const st = job.status ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  const owner = controlledBy(job);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (spec?.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec?.completions ?? "<unset>"}\n`);
  if (spec?.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (spec?.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished !== undefined)
    w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc(st.startTime)}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc(st.completionTime)}\n`);
  if (st.startTime && st.completionTime)
    w.write(0, `Duration:\t${humanDuration(parseRfc3339(st.completionTime) - parseRfc3339(st.startTime))}\n`);
  if (spec?.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  if (st.ready === undefined) w.write(0, `Pods Statuses:\t${st.active ?? 0} Active / ${counts}\n`);
  else w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}\n`);
  if (spec?.completionMode === "Indexed")
    w.write(0, `Completed Indexes:\t${capIndexes(st.completedIndexes ?? "", 50)}\n`);
  describePodTemplate(spec?.template, w);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

/** capIndexesListOrNone: the list up to the first comma after `softLimit` characters, then `...`. */
function capIndexes(indexes: string, softLimit: number): string {
  if (indexes === "") return "<none>";
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ",") ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

export function describeCronJob(cj: CronJob, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = cj.metadata ?? {};
  const spec = cj.spec;
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Schedule:\t${spec?.schedule ?? ""}\n`);
  w.write(0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ""}\n`);
  w.write(0, `Suspend:\t${boolPtr(spec?.suspend)}\n`);
  w.write(0, `Successful Job History Limit:\t${spec?.successfulJobsHistoryLimit ?? "<unset>"}\n`);
  w.write(0, `Failed Job History Limit:\t${spec?.failedJobsHistoryLimit ?? "<unset>"}\n`);
  const sds = spec?.startingDeadlineSeconds;
  w.write(0, `Starting Deadline Seconds:\t${sds !== undefined ? `${sds}s` : "<unset>"}\n`);
  // describeJobTemplate
  const jt = spec?.jobTemplate?.spec;
  w.write(0, `Selector:\t${jt?.selector ? selectorString(jt.selector) : "<unset>"}\n`);
  w.write(0, `Parallelism:\t${jt?.parallelism ?? "<unset>"}\n`);
  w.write(0, `Completions:\t${jt?.completions ?? "<unset>"}\n`);
  if (jt?.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(jt?.template, w);
  const last = cj.status?.lastScheduleTime;
  w.write(0, `Last Schedule Time:\t${last ? rfc(last) : "<unset>"}\n`);
  const active = cj.status?.active ?? [];
  w.write(0, `Active Jobs:\t${active.length === 0 ? "<none>" : active.map((a) => a.name).join(", ")}\n`);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
