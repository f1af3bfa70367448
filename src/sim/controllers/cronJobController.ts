// k8s: pkg/controller/cronjob/cronjob_controllerv2.go + utils.go — kube-controller-manager's
// cronjob-controller: on each schedule time a Job `<cronjob>-<minutes since the epoch>` from the job
// template, concurrencyPolicy Allow/Forbid/Replace, startingDeadlineSeconds, suspend, the history
// limits (oldest finished Jobs deleted), status.active / lastScheduleTime / lastSuccessfulTime and
// the controller's events. Simplified: informers are the API server itself; the queue is a delaying
// queue on the virtual clock, and "now" is the node's calendar (kube-controller-manager runs in UTC).
import type { CronJob, CronJobStatus, Job } from "kubernetes-types/batch/v1";
import type { ObjectReference as CoreObjectReference } from "kubernetes-types/core/v1";
import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from "../api/batch";
import { type CronSchedule, cronNext, parseCronSchedule, rfc3339In, validTimeZone } from "../api/cron";
import { jsonEqual } from "../api/equality";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError, type EventRecorder, type ObjectReference } from "../apiserver/types";
import type { Clock } from "../clock";
import { parseRfc3339, rfc1123z, rfc3339 } from "../clock/time";
import { controllerOf, DelayingQueue, keyOf, newControllerRef, objectRef } from "./controllerUtils";
import { isJobFinished } from "./jobController";

/** names.CronJobController: its Events' source component. */
export const CRONJOB_CONTROLLER = "cronjob-controller";

const ACTOR = "controller-manager" as const;
/** nextScheduleDelta: requeue 100 ms after the schedule time (NTP skew). */
const NEXT_SCHEDULE_DELTA_MS = 100;

export function cronJobRef(cj: CronJob): ObjectReference {
  return objectRef("CronJob", "batch/v1", cj);
}

type Missed = "none" | "few" | "many";

/** getFinishedStatus: the type of the first Complete or Failed condition that is True. */
function finishedType(j: Job): "Complete" | "Failed" | undefined {
  for (const c of j.status?.conditions ?? [])
    if ((c.type === "Complete" || c.type === "Failed") && c.status === "True") return c.type;
  return undefined;
}

const ms = (t: string | undefined) => (t ? parseRfc3339(t) : undefined);

/** getJobName: the scheduled time in minutes since the epoch names the Job (a lock against doubles). */
export function cronJobName(cjName: string, scheduledMs: number): string {
  return `${cjName}-${Math.floor(scheduledMs / 60_000)}`;
}

export interface CronJobControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

export class CronJobController {
  /** queue.AddAfter: the key runs at the earliest time anyone asked for. */
  private readonly queue: DelayingQueue;
  /** The schedule and time zone each CronJob had when last seen (updateCronJob compares them). */
  private readonly seen = new Map<string, { schedule?: string; timeZone?: string }>();
  private stops: (() => void)[] = [];

  constructor(private readonly o: CronJobControllerOptions) {
    this.queue = new DelayingQueue(o.clock, (key: string) => this.sync(key), 5, "cronjob controller sync");
  }

  start(): void {
    this.stops.push(
      this.o.api.watch<CronJob>("CronJob", {}, (e) => this.cronJobChanged(e.type, e.object)),
      this.o.api.watch<Job>("Job", {}, (e) => this.jobChanged(e.object)),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.queue.stop();
  }

  private now(): number {
    return this.o.clock.wallMs();
  }

  private cronJobChanged(type: string, cj: CronJob): void {
    const key = keyOf(cj);
    const old = this.seen.get(key);
    if (type === "DELETED") this.seen.delete(key);
    else this.seen.set(key, { schedule: cj.spec?.schedule, timeZone: cj.spec?.timeZone });
    if (type !== "MODIFIED" || !old) {
      this.queue.add(key, 0);
      return;
    }
    // updateCronJob: a new schedule or time zone requeues for its next time
    if (old.schedule !== cj.spec?.schedule || old.timeZone !== cj.spec?.timeZone) {
      const sched = parseCronSchedule(cj.spec?.schedule ?? "");
      if (typeof sched === "string") {
        this.o.recorder.event(
          cronJobRef(cj),
          "Warning",
          "UnParseableCronJobSchedule",
          `unparseable schedule for cronjob: ${cj.spec?.schedule}`,
        );
        return;
      }
      this.queue.add(key, this.nextScheduleTimeDuration(cj, this.now(), sched, this.zoneOf(cj, false)));
      return;
    }
    this.queue.add(key, 0);
  }

  /** addJob / updateJob / deleteJob: the CronJob that controls it. */
  private jobChanged(job: Job): void {
    const ref = controllerOf(job);
    if (ref?.kind !== "CronJob") return;
    const ns = job.metadata?.namespace ?? "default";
    const cj = this.o.api.tryGet<CronJob>("CronJob", ns, ref.name);
    if (cj && cj.metadata?.uid === ref.uid) this.queue.add(keyOf(cj), 0);
  }

  /**
   * formatSchedule's zone: a TZ in the schedule itself wins (and is warned about), else a loadable
   * spec.timeZone, else the controller's local time (UTC).
   */
  private zoneOf(cj: CronJob, warn: boolean): string | undefined {
    if ((cj.spec?.schedule ?? "").includes("TZ")) {
      if (warn)
        this.o.recorder.event(
          cronJobRef(cj),
          "Warning",
          "UnsupportedSchedule",
          `CRON_TZ or TZ used in schedule "${cj.spec?.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
        );
      return undefined;
    }
    const tz = cj.spec?.timeZone;
    return tz && validTimeZone(tz) ? tz : undefined;
  }

  /** sync: clean up finished Jobs past the history limits, then syncCronJob, then one status update. */
  sync(key: string): void {
    const [ns, name] = key.split("/");
    const cj = this.o.api.tryGet<CronJob>("CronJob", ns, name);
    if (!cj) return;
    // getJobsToBeReconciled: every Job whose controller has this name
    const jobs = this.o.api.list<Job>("Job", { namespace: ns }).filter((j) => controllerOf(j)?.name === name);
    const copy: CronJob = structuredClone(cj);
    copy.status ??= {};
    const cleaned = this.cleanupFinishedJobs(copy, jobs);
    const { requeueAfter, updateStatus } = this.syncCronJob(copy, jobs);
    if (cleaned || updateStatus) {
      const status: CronJobStatus = { ...copy.status };
      if ((status.active ?? []).length === 0) delete status.active;
      if (!jsonEqual(status, cj.status)) this.o.api.updateStatus<CronJob>("CronJob", ns, name, status, ACTOR);
    }
    if (requeueAfter !== undefined) this.queue.add(key, requeueAfter);
  }

  private syncCronJob(cronJob: CronJob, jobs: Job[]): { requeueAfter?: number; updateStatus: boolean } {
    let cj = cronJob;
    const now = this.now();
    let updateStatus = false;
    const ref = cronJobRef(cj);
    const children = new Set(jobs.map((j) => j.metadata?.uid));
    const inActive = (c: CronJob, uid: string | undefined) =>
      (c.status?.active ?? []).some((a) => a.uid === uid);
    for (const j of jobs) {
      const uid = j.metadata?.uid;
      const found = inActive(cj, uid);
      if (!found && !isJobFinished(j)) {
        const fresh = this.o.api.tryGet<CronJob>("CronJob", cj.metadata?.namespace, cj.metadata?.name ?? "");
        if (fresh && inActive(fresh, uid)) {
          cj = structuredClone(fresh);
          continue;
        }
        this.o.recorder.event(
          ref,
          "Warning",
          "UnexpectedJob",
          `Saw a job that the controller did not create or forgot: ${j.metadata?.name}`,
        );
      } else if (found && isJobFinished(j)) {
        this.deleteFromActive(cj, uid);
        this.o.recorder.event(
          ref,
          "Normal",
          "SawCompletedJob",
          `Saw completed job: ${j.metadata?.name}, status: ${finishedType(j)}`,
        );
        updateStatus = true;
      } else if (finishedType(j) === "Complete") {
        // a Job need not be active to count: its completion time moves lastSuccessfulTime on
        const done = j.status?.completionTime;
        const last = cj.status?.lastSuccessfulTime;
        if (!last) {
          cj.status!.lastSuccessfulTime = done;
          updateStatus = true;
        }
        if (done && (ms(done) ?? 0) > (ms(cj.status?.lastSuccessfulTime) ?? 0)) {
          cj.status!.lastSuccessfulTime = done;
          updateStatus = true;
        }
      }
    }
    // an active Job that no longer exists leaves the active list
    for (const a of [...(cj.status?.active ?? [])]) {
      if (children.has(a.uid)) continue;
      if (this.o.api.tryGet<Job>("Job", a.namespace, a.name ?? "")) continue;
      this.o.recorder.event(ref, "Normal", "MissingJob", `Active job went missing: ${a.name}`);
      this.deleteFromActive(cj, a.uid);
      updateStatus = true;
    }
    if (cronJob !== cj) Object.assign(cronJob, cj);
    if (cj.metadata?.deletionTimestamp) return { updateStatus };
    const tz = cj.spec?.timeZone;
    if (tz !== undefined && tz !== null && !validTimeZone(tz)) {
      this.o.recorder.event(
        ref,
        "Warning",
        "UnknownTimeZone",
        `invalid timeZone: "${tz}": unknown time zone ${tz}`,
      );
      return { updateStatus };
    }
    if (cj.spec?.suspend) return { updateStatus };
    const zone = this.zoneOf(cj, true);
    const sched = parseCronSchedule(cj.spec?.schedule ?? "");
    if (typeof sched === "string") {
      this.o.recorder.event(
        ref,
        "Warning",
        "UnparseableSchedule",
        `unparseable schedule: "${cj.spec?.schedule}" : ${sched}`,
      );
      return { updateStatus };
    }
    const next = this.nextScheduleTime(cj, now, sched, zone);
    if (typeof next === "string") {
      this.o.recorder.event(
        ref,
        "Warning",
        "InvalidSchedule",
        `invalid schedule: ${cj.spec?.schedule} : ${next}`,
      );
      return { updateStatus };
    }
    const requeue = () => this.nextScheduleTimeDuration(cj, now, sched, zone);
    if (next === undefined) return { requeueAfter: requeue(), updateStatus };
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null && next + sds * 1000 < now) {
      this.o.recorder.event(
        ref,
        "Warning",
        "MissSchedule",
        `Missed scheduled time to start a job: ${rfc1123z(next)}`,
      );
      return { requeueAfter: requeue(), updateStatus };
    }
    const jobName = cronJobName(cj.metadata?.name ?? "", next);
    const lastSchedule = ms(cj.status?.lastScheduleTime);
    if (
      (cj.status?.active ?? []).some((a) => a.name === jobName && a.namespace === cj.metadata?.namespace) ||
      (lastSchedule !== undefined && Math.floor(lastSchedule / 1000) === Math.floor(next / 1000))
    )
      return { requeueAfter: requeue(), updateStatus };
    const policy = cj.spec?.concurrencyPolicy ?? "Allow";
    if (policy === "Forbid" && (cj.status?.active ?? []).length > 0) {
      this.o.recorder.event(
        ref,
        "Normal",
        "JobAlreadyActive",
        "Not starting job because prior execution is running and concurrency policy is Forbid",
      );
      return { requeueAfter: requeue(), updateStatus };
    }
    if (policy === "Replace") {
      for (const a of [...(cj.status?.active ?? [])]) {
        const job = this.o.api.tryGet<Job>("Job", a.namespace, a.name ?? "");
        if (!job) {
          this.o.recorder.event(ref, "Warning", "FailedGet", `Get job: jobs.batch "${a.name}" not found`);
          return { updateStatus };
        }
        if (!this.deleteJob(cj, job)) return { updateStatus };
        updateStatus = true;
      }
    }
    let jobResp: Job;
    try {
      jobResp = this.o.api.create<Job>("Job", this.jobFromTemplate(cj, next), ACTOR);
      this.o.recorder.event(ref, "Normal", "SuccessfulCreate", `Created job ${jobResp.metadata?.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.reason !== "AlreadyExists") {
        this.o.recorder.event(ref, "Warning", "FailedCreate", `Error creating job: ${e.message}`);
        return { updateStatus };
      }
      // created before but not recorded: take it into the active list if it is ours
      const existing = this.o.api.tryGet<Job>("Job", cj.metadata?.namespace, jobName);
      const owner = existing && controllerOf(existing);
      if (!existing || owner?.uid !== cj.metadata?.uid || inActive(cj, existing.metadata?.uid))
        return { updateStatus };
      jobResp = existing;
    }
    const jobRef: CoreObjectReference = {
      apiVersion: "batch/v1",
      kind: "Job",
      name: jobResp.metadata?.name,
      namespace: jobResp.metadata?.namespace,
      resourceVersion: jobResp.metadata?.resourceVersion,
      uid: jobResp.metadata?.uid,
    };
    cj.status!.active = [...(cj.status?.active ?? []), jobRef];
    cj.status!.lastScheduleTime = rfc3339(next);
    return { requeueAfter: requeue(), updateStatus: true };
  }

  private deleteFromActive(cj: CronJob, uid: string | undefined): void {
    cj.status!.active = (cj.status?.active ?? []).filter((a) => a.uid !== uid);
  }

  /** getJobFromTemplate2: the template's labels and annotations (+ the scheduled time), owned by the CronJob. */
  private jobFromTemplate(cj: CronJob, scheduled: number): Job {
    const tpl = cj.spec?.jobTemplate ?? {};
    const annotations: Record<string, string> = { ...(tpl.metadata?.annotations ?? {}) };
    // in spec.timeZone's offset (UTC without one)
    const tz = cj.spec?.timeZone;
    annotations[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION] = rfc3339In(
      scheduled,
      tz && validTimeZone(tz) ? tz : undefined,
    );
    const metadata: NonNullable<Job["metadata"]> = {
      name: cronJobName(cj.metadata?.name ?? "", scheduled),
      namespace: cj.metadata?.namespace,
      annotations,
      ownerReferences: [newControllerRef(cj, "batch/v1", "CronJob")],
    };
    const labels = tpl.metadata?.labels;
    if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
    return {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata,
      spec: structuredClone(tpl.spec) ?? { template: { spec: { containers: [] } } },
    };
  }

  /** deleteJob: the Job (background propagation: its pods follow) and its place in the active list. */
  private deleteJob(cj: CronJob, job: Job): boolean {
    const ref = cronJobRef(cj);
    try {
      this.o.api.delete(
        "Job",
        job.metadata?.namespace,
        job.metadata?.name ?? "",
        {
          propagationPolicy: "Background",
        },
        ACTOR,
      );
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.o.recorder.event(ref, "Warning", "FailedDelete", `Deleted job: ${e.message}`);
      return false;
    }
    this.deleteFromActive(cj, job.metadata?.uid);
    this.o.recorder.event(ref, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata?.name}`);
    return true;
  }

  /** cleanupFinishedJobs: beyond successfulJobsHistoryLimit / failedJobsHistoryLimit the oldest go. */
  private cleanupFinishedJobs(cj: CronJob, jobs: Job[]): boolean {
    const okLimit = cj.spec?.successfulJobsHistoryLimit;
    const failLimit = cj.spec?.failedJobsHistoryLimit;
    if (okLimit === undefined && failLimit === undefined) return false;
    const ok = jobs.filter((j) => finishedType(j) === "Complete");
    const failed = jobs.filter((j) => finishedType(j) === "Failed");
    let update = false;
    if (okLimit !== undefined && this.removeOldest(cj, ok, okLimit)) update = true;
    if (failLimit !== undefined && this.removeOldest(cj, failed, failLimit)) update = true;
    return update;
  }

  /** removeOldestJobs: sorted by status.startTime (unstarted last, names break ties). */
  private removeOldest(cj: CronJob, jobs: Job[], max: number): boolean {
    const n = jobs.length - max;
    if (n <= 0) return false;
    const sorted = [...jobs].sort((a, b) => {
      const sa = ms(a.status?.startTime);
      const sb = ms(b.status?.startTime);
      if (sa === undefined && sb !== undefined) return 1;
      if (sa !== undefined && sb === undefined) return -1;
      if (sa === sb) {
        const na = a.metadata?.name ?? "";
        const nb = b.metadata?.name ?? "";
        return na < nb ? -1 : na > nb ? 1 : 0;
      }
      return (sa ?? 0) - (sb ?? 0);
    });
    let update = false;
    for (let i = 0; i < n; i++) if (this.deleteJob(cj, sorted[i])) update = true;
    return update;
  }

  /**
   * mostRecentScheduleTime: from the last schedule time (or creation, or now less
   * startingDeadlineSeconds), the most recent time a Job should have started, if any.
   */
  private mostRecent(
    cj: CronJob,
    now: number,
    sched: CronSchedule,
    zone: string | undefined,
    withDeadline: boolean,
  ): { earliest: number; recent?: number; missed: Missed; err?: string } {
    let earliest = ms(cj.status?.lastScheduleTime) ?? ms(cj.metadata?.creationTimestamp) ?? now;
    const sds = cj.spec?.startingDeadlineSeconds;
    if (withDeadline && sds !== undefined && sds !== null) {
      const deadline = now - sds * 1000;
      if (deadline > earliest) earliest = deadline;
    }
    const t1 = cronNext(sched, earliest, zone);
    const t2 = cronNext(sched, t1, zone);
    if (now < t1) return { earliest, missed: "none" };
    if (now < t2) return { earliest, recent: t1, missed: "none" };
    const between = Math.round((t2 - t1) / 1000);
    if (between < 1)
      return { earliest, missed: "none", err: "time difference between two schedules is less than 1 second" };
    const elapsed = Math.trunc((now - t1) / 1000);
    const missedCount = Math.floor(elapsed / between) + 1;
    let recent = 0;
    const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
    for (let t = cronNext(sched, potentialEarliest, zone); t !== 0 && t <= now; t = cronNext(sched, t, zone))
      recent = t;
    const missed: Missed = missedCount > 100 ? "many" : missedCount > 0 ? "few" : "none";
    return recent === 0 ? { earliest, missed } : { earliest, recent, missed };
  }

  /** nextScheduleTimeDuration: how long until the next schedule time (+100 ms). */
  private nextScheduleTimeDuration(
    cj: CronJob,
    now: number,
    sched: CronSchedule,
    zone: string | undefined,
  ): number {
    const r = this.mostRecent(cj, now, sched, zone, false);
    const from = r.err ? now : (r.recent ?? (r.missed === "none" ? r.earliest : now));
    return cronNext(sched, from, zone) + NEXT_SCHEDULE_DELTA_MS - now;
  }

  /** nextScheduleTime: the unmet schedule time to act on now, none, or the schedule's error. */
  private nextScheduleTime(
    cj: CronJob,
    now: number,
    sched: CronSchedule,
    zone: string | undefined,
  ): number | string | undefined {
    const r = this.mostRecent(cj, now, sched, zone, true);
    if (r.recent === undefined || r.recent > now) return r.err;
    if (r.missed === "many")
      this.o.recorder.event(
        cronJobRef(cj),
        "Warning",
        "TooManyMissedTimes",
        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      );
    return r.recent;
  }
}
