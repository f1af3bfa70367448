// k8s: pkg/controller/job/job_controller.go + backoff_utils.go + tracking_utils.go — kube-controller-
// manager's job-controller, as 1.34 runs it (JobPodReplacementPolicy, JobManagedBy and JobSuccessPolicy
// on): pods `<job>-<5 chars>` carrying the batch.kubernetes.io/job-tracking finalizer, finished pods
// counted through status.uncountedTerminatedPods before their finalizer goes, re-creation after a
// failure held back 10 s, 20 s, 40 s… (at most 10 min), backoffLimit and activeDeadlineSeconds ending
// the Job through FailureTarget → Failed, success through SuccessCriteriaMet → Complete, suspend.
// Simplified: the informers are the API server itself (no expectations are needed), and the work
// queue is a delaying queue on the virtual clock (a key due twice runs at the earlier time).
import type { Job, JobCondition, JobStatus } from "kubernetes-types/batch/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { JOB_TRACKING_FINALIZER } from "../api/batch";
import { jsonEqual } from "../api/equality";
import { selectorMatches } from "../api/labelSelector";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError, type EventRecorder, type KubeObject, type ObjectReference } from "../apiserver/types";
import type { Clock } from "../clock";
import { parseRfc3339, rfc3339 } from "../clock/time";
import {
  controllerOf,
  DelayingQueue,
  isPodActive,
  isPodReady,
  keyOf,
  newControllerRef,
  objectRef,
  podsToDelete,
  SLOW_START_INITIAL_BATCH,
  slowStartBatch,
} from "./controllerUtils";

/** names.JobController: its Events' source component. */
export const JOB_CONTROLLER = "job-controller";

const ACTOR = "controller-manager" as const;
/** syncJobBatchPeriod: pod events and status updates sync the Job a second later, batched. */
export const SYNC_JOB_BATCH_MS = 1000;
/** DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff (the docs still say six minutes; the code says ten). */
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000;
/** MaxPodCreateDeletePerSync */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** The Event's involvedObject: what GetReference makes of a Job. */
export function jobRef(job: Job): ObjectReference {
  return objectRef("Job", "batch/v1", job);
}

const findCondition = (job: Job, type: string): JobCondition | undefined =>
  (job.status?.conditions ?? []).find((c) => c.type === type);

const conditionTrue = (job: Job, type: string) => findCondition(job, type)?.status === "True";

/** util.IsJobFinished: a Complete or Failed condition that is True. */
export function isJobFinished(job: Job): boolean {
  return conditionTrue(job, "Complete") || conditionTrue(job, "Failed");
}

const hasTrackingFinalizer = (p: Pod) => (p.metadata?.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

/** batch.JobCompletionIndexAnnotation (also the label of that name, PodIndexLabel being GA). */
export const JOB_COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

const isIndexed = (job: Job) => job.spec?.completionMode === "Indexed";

/** getCompletionIndex: the pod's index annotation, or -1. */
function completionIndex(p: Pod): number {
  const v = p.metadata?.annotations?.[JOB_COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** parseIndexesFromString: `1,3-5,7` into the set of indexes below completions. */
function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? "").split(",")) {
    if (part === "") continue;
    const [a, b] = part.split("-").map((x) => Number.parseInt(x, 10));
    if (Number.isNaN(a) || a >= completions) break;
    const last = b === undefined || Number.isNaN(b) ? a : Math.min(b, completions - 1);
    for (let i = a; i <= last; i++) out.add(i);
  }
  return out;
}

/** orderedIntervals.String(): runs of three or more as `a-b`, pairs as `a,b`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j === i) parts.push(String(sorted[i]));
    else if (j === i + 1) parts.push(`${sorted[i]},${sorted[j]}`);
    else parts.push(`${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** isPodFailed: Failed, or (when any pod may be replaced) deleted before it succeeded. */
function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === "Failed") return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded";
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed, or a podFailurePolicy. */
function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === "Failed" || !!job.spec?.podFailurePolicy;
}

/** controller.CountTerminatingPods: deleted but not yet in a terminal phase. */
function countTerminating(pods: Pod[]): number {
  return pods.filter(
    (p) => p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed",
  ).length;
}

/**
 * getFinishedTime: the last container's finishedAt, else when Ready turned False, else the deletion
 * time less its grace period, else the creation time.
 */
function finishedTime(p: Pod): number {
  let latest: number | undefined;
  const statuses = p.status?.containerStatuses ?? [];
  for (const s of statuses) {
    const at = s.state?.terminated?.finishedAt;
    if (!at) {
      latest = undefined;
      break;
    }
    latest = Math.max(latest ?? 0, parseRfc3339(at));
  }
  if (latest !== undefined && statuses.length > 0) return latest;
  const ready = (p.status?.conditions ?? []).find((c) => c.type === "Ready");
  if (ready?.status === "False" && ready.lastTransitionTime) return parseRfc3339(ready.lastTransitionTime);
  if (p.metadata?.deletionTimestamp)
    return parseRfc3339(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseRfc3339(p.metadata?.creationTimestamp ?? "") || 0;
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the whole stays within 58 characters. */
function podGenerateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  // names.MaxGeneratedNameLength: 63 less the five random characters
  return prefix.length > 58 ? prefix.slice(0, 58 - suffix.length) + suffix : prefix;
}

/** backoffRecord: failures since the last success and when the last one happened. */
interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/** newBackoffRecord: fold the newly finished pods into the Job's record. */
function nextBackoffRecord(old: BackoffRecord | undefined, succeeded: Pod[], failed: Pod[]): BackoffRecord {
  const rec: BackoffRecord = { ...(old ?? { failuresAfterLastSuccess: 0 }) };
  const byTime = (a: Pod, b: Pod) => finishedTime(a) - finishedTime(b);
  const ok = [...succeeded].sort(byTime);
  const bad = [...failed].sort(byTime);
  if (ok.length === 0) {
    if (bad.length === 0) return rec;
    rec.failuresAfterLastSuccess += bad.length;
    rec.lastFailureTime = finishedTime(bad[bad.length - 1]);
    return rec;
  }
  rec.failuresAfterLastSuccess = 0;
  rec.lastFailureTime = undefined;
  const lastSuccess = finishedTime(ok[ok.length - 1]);
  for (let i = bad.length - 1; i >= 0; i--) {
    const t = finishedTime(bad[i]);
    if (t <= lastSuccess) break;
    rec.lastFailureTime ??= t;
    rec.failuresAfterLastSuccess++;
  }
  return rec;
}

/** getRemainingTimeForFailuresCount: 10 s doubled per failure, capped, less the time since the last one. */
export function remainingBackoff(rec: BackoffRecord | undefined, now: number): number {
  if (!rec || rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0;
  let backoff = DEFAULT_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - rec.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** What one syncJob works with (syncJobCtx). */
interface SyncCtx {
  job: Job;
  status: JobStatus;
  pods: Pod[];
  activePods: Pod[];
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  finished?: JobCondition;
  newBackoff: BackoffRecord;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  /** Indexed Jobs: the indexes counted before this sync and those succeeded by now. */
  prevSucceededIndexes: Set<number>;
  succeededIndexes: Set<number>;
}

export interface JobControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

export class JobController {
  /** queue.AddAfter: the key runs at the earliest time anyone asked for (a failed write: DefaultJobApiBackOff 1 s). */
  private readonly queue: DelayingQueue;
  private readonly orphans = new Set<string>();
  private orphanTick = false;
  private readonly backoff = new Map<string, BackoffRecord>();
  /** What the informer last saw of each Job (generation, activeDeadlineSeconds): its "old" object. */
  private readonly seen = new Map<string, { generation?: number; ads?: number }>();
  private stops: (() => void)[] = [];

  constructor(private readonly o: JobControllerOptions) {
    this.queue = new DelayingQueue(o.clock, (key: string) => this.syncJob(key), 1000, "job controller sync");
  }

  start(): void {
    this.stops.push(
      this.o.api.watch<Job>("Job", {}, (e) => this.jobChanged(e.type, e.object)),
      this.o.api.watch<Pod>("Pod", {}, (e) => this.podChanged(e.type, e.object)),
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

  /** addJob / updateJob / deleteJob. */
  private jobChanged(type: string, job: Job): void {
    const key = keyOf(job);
    if (type === "DELETED") {
      this.seen.delete(key);
      this.queue.add(key, 0);
      this.cleanupPodFinalizers(job);
      return;
    }
    const old = this.seen.get(key);
    const ads = job.spec?.activeDeadlineSeconds;
    this.seen.set(key, { generation: job.metadata?.generation, ads });
    if (type === "ADDED" || !old) {
      this.queue.add(key, 0);
      return;
    }
    // a spec change syncs at once; a status update (same generation) is batched
    this.queue.add(key, old.generation === job.metadata?.generation ? SYNC_JOB_BATCH_MS : 0);
    if (isJobFinished(job)) this.cleanupPodFinalizers(job);
    const start = job.status?.startTime;
    if (start && ads !== undefined && ads !== old.ads)
      this.queue.add(key, ads * 1000 - (this.now() - parseRfc3339(start)));
  }

  /** addPod / updatePod / deletePod: the owning Job, batched; orphans lose the tracking finalizer. */
  private podChanged(type: string, pod: Pod): void {
    const ns = pod.metadata?.namespace ?? "default";
    const ref = controllerOf(pod);
    const deleting = type === "DELETED" || !!pod.metadata?.deletionTimestamp;
    if (!ref) {
      if (hasTrackingFinalizer(pod)) this.enqueueOrphan(pod);
      if (deleting) return;
      // an orphan: every Job whose selector matches may adopt it
      for (const job of this.o.api.list<Job>("Job", { namespace: ns }))
        if (selectorMatches(job.spec?.selector, pod.metadata?.labels))
          this.queue.add(keyOf(job), SYNC_JOB_BATCH_MS);
      return;
    }
    if (ref.kind !== "Job") return;
    const job = this.o.api.tryGet<Job>("Job", ns, ref.name);
    if (!job || job.metadata?.uid !== ref.uid) {
      if (deleting && hasTrackingFinalizer(pod)) this.enqueueOrphan(pod);
      return;
    }
    if (deleting && isJobFinished(job)) {
      if (hasTrackingFinalizer(pod)) this.enqueueOrphan(pod);
      return;
    }
    this.queue.add(keyOf(job), SYNC_JOB_BATCH_MS);
  }

  /** cleanupPodFinalizers: the Job is gone or finished — its pods' tracking finalizers go. */
  private cleanupPodFinalizers(job: Job): void {
    for (const p of this.o.api.list<Pod>("Pod", { namespace: job.metadata?.namespace })) {
      const ref = controllerOf(p);
      if (ref?.uid === job.metadata?.uid && hasTrackingFinalizer(p)) this.enqueueOrphan(p);
    }
  }

  private enqueueOrphan(pod: Pod): void {
    this.orphans.add(keyOf(pod));
    if (this.orphanTick) return;
    this.orphanTick = true;
    this.o.clock.setTimer(
      0,
      () => {
        this.orphanTick = false;
        const keys = [...this.orphans].sort();
        this.orphans.clear();
        for (const k of keys) this.syncOrphanPod(k);
      },
      "job controller orphan pods",
    );
  }

  /** syncOrphanPod: remove the tracking finalizer unless a live, unfinished Job still owns the pod. */
  private syncOrphanPod(key: string): void {
    const [ns, name] = key.split("/");
    const pod = this.o.api.tryGet<Pod>("Pod", ns, name);
    if (!pod) return;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind !== "Job" || ref.apiVersion !== "batch/v1") return;
      const job = this.o.api.tryGet<Job>("Job", ns, ref.name);
      if (job && job.metadata?.uid === ref.uid && !isJobFinished(job)) return;
    }
    this.removeFinalizer(pod);
  }

  /** The patch `$deleteFromPrimitiveList/finalizers`: false when the pod is already gone. */
  private removeFinalizer(pod: Pod): boolean {
    const cur = this.o.api.tryGet<Pod>("Pod", pod.metadata?.namespace, pod.metadata?.name ?? "");
    if (!cur) return true;
    if (!hasTrackingFinalizer(cur)) return true;
    const finalizers = (cur.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    const metadata = { ...cur.metadata, finalizers };
    if (finalizers.length === 0) delete (metadata as { finalizers?: string[] }).finalizers;
    try {
      this.o.api.update<Pod>("Pod", { ...cur, metadata } as Pod & KubeObject, ACTOR);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return true;
      throw e;
    }
  }

  /** getPodsForJob: ClaimPods — keep our pods that match, release the others, adopt matching orphans. */
  private podsForJob(job: Job): Pod[] {
    const uid = job.metadata?.uid;
    const deleting = !!job.metadata?.deletionTimestamp;
    const out: Pod[] = [];
    for (const pod of this.o.api.list<Pod>("Pod", { namespace: job.metadata?.namespace })) {
      const ref = controllerOf(pod);
      const matches = selectorMatches(job.spec?.selector, pod.metadata?.labels);
      if (ref) {
        if (ref.uid !== uid) continue;
        if (matches || deleting) out.push(pod);
        else {
          const released = this.patchOwners(pod, (refs) => refs.filter((r) => r.uid !== uid), false);
          if (!released) out.push(pod);
        }
        continue;
      }
      if (deleting || !matches || pod.metadata?.deletionTimestamp) continue;
      const adopted = this.patchOwners(
        pod,
        (refs) => [...refs, newControllerRef(job, "batch/v1", "Job")],
        true,
      );
      if (adopted) out.push(adopted);
    }
    return out;
  }

  /** AdoptPod (ownerReference + tracking finalizer) / ReleasePod (ownerReference). */
  private patchOwners(
    pod: Pod,
    change: (
      refs: NonNullable<NonNullable<Pod["metadata"]>["ownerReferences"]>,
    ) => NonNullable<NonNullable<Pod["metadata"]>["ownerReferences"]>,
    adopt: boolean,
  ): Pod | undefined {
    const refs = change([...(pod.metadata?.ownerReferences ?? [])]);
    const metadata: NonNullable<Pod["metadata"]> = { ...pod.metadata, ownerReferences: refs };
    if (refs.length === 0) delete metadata.ownerReferences;
    if (adopt && !(metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER))
      metadata.finalizers = [...(metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
    try {
      return this.o.api.update<Pod>("Pod", { ...pod, metadata } as Pod & KubeObject, ACTOR);
    } catch (e) {
      if (e instanceof ApiError) return undefined;
      throw e;
    }
  }

  private condition(type: string, reason: string, message: string): JobCondition {
    const t = rfc3339(this.now());
    const c: JobCondition = { type, status: "True", lastProbeTime: t, lastTransitionTime: t };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  }

  /** syncJob: count the pods, decide whether the Job is done, make the number of pods right, write the status. */
  syncJob(key: string): void {
    const [ns, name] = key.split("/");
    const job = this.o.api.tryGet<Job>("Job", ns, name);
    if (!job || isJobFinished(job)) {
      this.backoff.delete(key);
      return;
    }
    const mode = job.spec?.completionMode;
    if (mode && mode !== "NonIndexed" && mode !== "Indexed") {
      this.o.recorder.event(
        jobRef(job),
        "Warning",
        "UnknownCompletionMode",
        "Skipped Job sync because completion mode is unknown",
      );
      return;
    }
    const status: JobStatus = structuredClone(job.status ?? {});
    status.uncountedTerminatedPods ??= {};
    const uncountedSucceeded = new Set(status.uncountedTerminatedPods.succeeded ?? []);
    const uncountedFailed = new Set(status.uncountedTerminatedPods.failed ?? []);
    const pods = this.podsForJob(job);
    const activePods = pods.filter(isPodActive);
    const completions = job.spec?.completions ?? 0;
    // an Indexed Job's pod counts only with a valid index
    const validIndex = (p: Pod) =>
      !isIndexed(job) || (completionIndex(p) >= 0 && completionIndex(p) < completions);
    // getNewFinishedPods: pods still carrying the finalizer and not yet in the uncounted lists
    const fresh = (p: Pod, uncounted: Set<string>) =>
      hasTrackingFinalizer(p) && !uncounted.has(p.metadata?.uid ?? "") && validIndex(p);
    const newSucceeded = pods.filter((p) => fresh(p, uncountedSucceeded) && p.status?.phase === "Succeeded");
    const newFailed = pods.filter((p) => fresh(p, uncountedFailed) && isPodFailed(p, job));
    const ctx: SyncCtx = {
      job,
      status,
      pods,
      activePods,
      succeeded: (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size,
      failed: (status.failed ?? 0) + newFailed.length + uncountedFailed.size,
      ready: activePods.filter(isPodReady).length,
      terminating: countTerminating(pods),
      newBackoff: nextBackoffRecord(this.backoff.get(key), newSucceeded, newFailed),
      uncountedSucceeded,
      uncountedFailed,
      prevSucceededIndexes: new Set(),
      succeededIndexes: new Set(),
    };
    if (isIndexed(job)) {
      // calculateSucceededIndexes: status.completedIndexes and the succeeded pods not yet counted
      ctx.prevSucceededIndexes = parseIndexes(status.completedIndexes, completions);
      ctx.succeededIndexes = new Set(ctx.prevSucceededIndexes);
      for (const p of newSucceeded) ctx.succeededIndexes.add(completionIndex(p));
      ctx.succeeded = ctx.succeededIndexes.size;
    }
    const suspended = job.spec?.suspend === true;
    // the Job's first start (not while suspended)
    if (!status.startTime && !suspended) status.startTime = rfc3339(this.now());
    let active = activePods.length;
    const successCriteria = findCondition(job, "SuccessCriteriaMet");
    if (successCriteria?.status === "True") ctx.finished = successCriteria;
    if (!ctx.finished) {
      const target = findCondition(job, "FailureTarget");
      if (target?.status === "True")
        ctx.finished = this.condition("Failed", target.reason ?? "", target.message ?? "");
    }
    if (!ctx.finished) {
      const ads = job.spec?.activeDeadlineSeconds;
      if (ctx.failed > (job.spec?.backoffLimit ?? 6) || this.pastBackoffLimitOnFailure(job, pods))
        ctx.finished = this.condition(
          "FailureTarget",
          "BackoffLimitExceeded",
          "Job has reached the specified backoff limit",
        );
      else if (this.pastActiveDeadline(job, status))
        ctx.finished = this.condition(
          "FailureTarget",
          "DeadlineExceeded",
          "Job was active longer than specified deadline",
        );
      else if (ads !== undefined && !suspended && status.startTime)
        this.queue.add(key, ads * 1000 - (this.now() - parseRfc3339(status.startTime)));
    }
    let suspendChanged = false;
    if (ctx.finished) {
      // deleteActivePods: the pods go (their finalizers are removed below, once counted)
      const { deleted, deletedReady } = this.deletePods(job, activePods, false);
      active -= deleted;
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
    } else {
      let manageCalled = false;
      if (!job.metadata?.deletionTimestamp) {
        active = this.manageJob(job, ctx);
        manageCalled = true;
      }
      const completions = job.spec?.completions;
      const complete =
        completions === undefined || completions === null
          ? ctx.succeeded > 0 && active === 0
          : ctx.succeeded >= completions && active === 0;
      if (complete)
        ctx.finished = this.condition(
          "SuccessCriteriaMet",
          "CompletionsReached",
          "Reached expected number of succeeded pods",
        );
      else if (manageCalled) suspendChanged = this.suspendCondition(job, status);
    }
    const needsUpdate =
      suspendChanged ||
      active !== (status.active ?? 0) ||
      ctx.ready !== status.ready ||
      ctx.terminating !== status.terminating;
    status.active = active;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    this.trackJobStatusAndRemoveFinalizers(key, ctx, needsUpdate);
  }

  /** pastBackoffLimitOnFailure: with OnFailure, the restarts of running and pending pods count. */
  private pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
    if (job.spec?.template?.spec?.restartPolicy !== "OnFailure") return false;
    let restarts = 0;
    for (const p of pods) {
      if (p.status?.phase !== "Running" && p.status?.phase !== "Pending") continue;
      for (const s of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])])
        restarts += s.restartCount ?? 0;
    }
    const limit = job.spec?.backoffLimit ?? 6;
    return limit === 0 ? restarts > 0 : restarts >= limit;
  }

  /** pastActiveDeadline: never while suspended. */
  private pastActiveDeadline(job: Job, status: JobStatus): boolean {
    const ads = job.spec?.activeDeadlineSeconds;
    if (ads === undefined || !status.startTime || job.spec?.suspend) return false;
    return this.now() - parseRfc3339(status.startTime) >= ads * 1000;
  }

  /** The Suspended condition (and the Suspended / Resumed events); resuming restarts the clock. */
  private suspendCondition(job: Job, status: JobStatus): boolean {
    const conds = status.conditions ?? [];
    const cur = conds.find((c) => c.type === "Suspended");
    const want = job.spec?.suspend === true ? "True" : "False";
    const reason = want === "True" ? "JobSuspended" : "JobResumed";
    const message = want === "True" ? "Job suspended" : "Job resumed";
    if (cur && cur.status === want && cur.reason === reason && cur.message === message) return false;
    // going from no condition to False is meaningless
    if (!cur && want === "False") return false;
    const next = { ...this.condition("Suspended", reason, message), status: want };
    status.conditions = cur ? conds.map((c) => (c === cur ? next : c)) : [...conds, next];
    if (want === "True") this.o.recorder.event(jobRef(job), "Normal", "Suspended", "Job suspended");
    else {
      this.o.recorder.event(jobRef(job), "Normal", "Resumed", "Job resumed");
      status.startTime = rfc3339(this.now());
    }
    return true;
  }

  /**
   * deleteActivePods / deleteJobPods: a DELETE for each pod (SuccessfulDelete "Deleted pod: …");
   * `dropFinalizer` first removes the tracking finalizer (pods a running Job no longer wants).
   */
  private deletePods(
    job: Job,
    pods: Pod[],
    dropFinalizer: boolean,
  ): { deleted: number; deletedReady: number } {
    let deleted = 0;
    let deletedReady = 0;
    for (const p of pods) {
      const podName = p.metadata?.name ?? "";
      try {
        if (dropFinalizer) this.removeFinalizer(p);
        this.o.api.delete("Pod", p.metadata?.namespace, podName, {}, ACTOR);
        this.o.recorder.event(jobRef(job), "Normal", "SuccessfulDelete", `Deleted pod: ${podName}`);
        deleted++;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 404) deleted++;
        else this.o.recorder.event(jobRef(job), "Warning", "FailedDelete", `Error deleting: ${e.message}`);
      }
      if (isPodReady(p)) deletedReady++;
    }
    return { deleted, deletedReady };
  }

  /** manageJob: as many active pods as parallelism allows and completions still need, after the back-off. */
  private manageJob(job: Job, ctx: SyncCtx): number {
    let active = ctx.activePods.length;
    const parallelism = job.spec?.parallelism ?? 1;
    if (job.spec?.suspend) {
      const { deleted, deletedReady } = this.deletePods(job, ctx.activePods, true);
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      return active - deleted;
    }
    const completions = job.spec?.completions;
    let wantActive: number;
    if (completions === undefined || completions === null)
      // a work queue: once one pod succeeded, whatever runs may finish, nothing new starts
      wantActive = ctx.succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - ctx.succeeded, parallelism));
    const rmAtLeast = Math.max(0, active - wantActive);
    const surplus = this.activePodsForRemoval(job, ctx.activePods, rmAtLeast).slice(
      0,
      MAX_POD_CREATE_DELETE_PER_SYNC,
    );
    if (surplus.length > 0) {
      const { deleted, deletedReady } = this.deletePods(job, surplus, true);
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      return active - deleted;
    }
    const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
    let diff = wantActive - terminating - active;
    if (diff <= 0) return active;
    const remaining = remainingBackoff(ctx.newBackoff, this.now());
    if (remaining > 0) {
      this.queue.add(keyOf(job), Math.max(remaining, SYNC_JOB_BATCH_MS));
      // the real controller reports no active pods while it waits out the back-off
      return 0;
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    const indexes = isIndexed(job) ? this.firstPendingIndexes(ctx, diff, completions ?? 0) : [];
    if (isIndexed(job)) diff = indexes.length;
    const ref = jobRef(job);
    const created = slowStartBatch(diff, SLOW_START_INITIAL_BATCH, () => {
      try {
        const pod = this.o.api.create<Pod>("Pod", this.podFromTemplate(job, indexes.shift()), ACTOR);
        this.o.recorder.event(ref, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata?.name}`);
        return true;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.o.recorder.event(ref, "Warning", "FailedCreate", `Error creating: ${e.message}`);
        return false;
      }
    });
    active += created;
    return active;
  }

  /**
   * GetPodFromTemplate + the tracking finalizer: `<job>-` and five random characters. An Indexed
   * Job's pod is `<job>-<index>-xxxxx`, with the index as annotation and label, hostname
   * `<job>-<index>` and JOB_COMPLETION_INDEX in every container's environment.
   */
  private podFromTemplate(job: Job, index?: number): Pod {
    const t = job.spec?.template ?? {};
    const name = job.metadata?.name ?? "";
    const metadata: NonNullable<Pod["metadata"]> = {
      generateName: index === undefined ? `${name}-` : podGenerateNameWithIndex(name, index),
      namespace: job.metadata?.namespace,
    };
    const labels = { ...(t.metadata?.labels ?? {}) };
    const annotations = { ...(t.metadata?.annotations ?? {}) };
    const spec = structuredClone(t.spec) ?? { containers: [] };
    if (index !== undefined) {
      annotations[JOB_COMPLETION_INDEX] = String(index);
      labels[JOB_COMPLETION_INDEX] = String(index);
      spec.hostname = `${name}-${index}`;
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        if ((c.env ?? []).some((e) => e.name === "JOB_COMPLETION_INDEX")) continue;
        c.env = [
          ...(c.env ?? []),
          {
            name: "JOB_COMPLETION_INDEX",
            valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX}']` } },
          },
        ];
      }
    }
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    const finalizers = [...(t.metadata?.finalizers ?? [])];
    if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
    metadata.finalizers = finalizers;
    metadata.ownerReferences = [newControllerRef(job, "batch/v1", "Job")];
    return { apiVersion: "v1", kind: "Pod", metadata, spec };
  }

  /**
   * activePodsForRemoval: an Indexed Job first drops pods without a valid index and all but one of
   * each repeated index; then, if still too many, the least advanced pods go first.
   */
  private activePodsForRemoval(job: Job, pods: Pod[], rmAtLeast: number): Pod[] {
    const rm: Pod[] = [];
    let left = pods;
    if (isIndexed(job)) {
      const completions = job.spec?.completions ?? 0;
      left = [];
      const byIndex = new Map<number, Pod[]>();
      for (const p of pods) {
        const ix = completionIndex(p);
        if (ix < 0 || ix >= completions) rm.push(p);
        else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
      }
      for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
        const same = byIndex.get(ix)!;
        const order = podsToDelete(same, same, same.length, this.now());
        rm.push(...order.slice(0, -1));
        left.push(order[order.length - 1]);
      }
    }
    if (rm.length < rmAtLeast) rm.push(...podsToDelete(left, left, rmAtLeast - rm.length, this.now()));
    return rm;
  }

  /** firstPendingIndexes: the lowest indexes neither succeeded nor held by an active pod. */
  private firstPendingIndexes(ctx: SyncCtx, count: number, completions: number): number[] {
    const taken = new Set(ctx.succeededIndexes);
    for (const p of ctx.activePods) if (completionIndex(p) >= 0) taken.add(completionIndex(p));
    if (onlyReplaceFailedPods(ctx.job))
      for (const p of ctx.pods)
        if (p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed")
          taken.add(completionIndex(p));
    const out: number[] = [];
    for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
    return out;
  }

  /**
   * trackJobStatusAndRemoveFinalizers: finished pods go into status.uncountedTerminatedPods (one
   * write), lose their finalizer, then move into the succeeded/failed counters (another write);
   * FailureTarget / SuccessCriteriaMet are written first, Failed / Complete once no pod is left
   * terminating or uncounted.
   */
  private trackJobStatusAndRemoveFinalizers(key: string, ctx: SyncCtx, needsUpdate: boolean): void {
    const { job, status } = ctx;
    const uncounted = status.uncountedTerminatedPods ?? {};
    status.uncountedTerminatedPods = uncounted;
    let needsFlush = needsUpdate;
    const withFinalizer = new Set(ctx.pods.filter(hasTrackingFinalizer).map((p) => p.metadata?.uid ?? ""));
    if (this.cleanUncounted(status, withFinalizer)) needsFlush = true;
    const toRemove: Pod[] = [];
    const newSucceededIndexes: number[] = [];
    for (const pod of ctx.pods) {
      if (!hasTrackingFinalizer(pod)) continue;
      const failed = isPodFailed(pod, job);
      // canRemoveFinalizer: the Job is going or done, or the pod is
      if (!job.metadata?.deletionTimestamp && !ctx.finished && pod.status?.phase !== "Succeeded" && !failed)
        continue;
      toRemove.push(pod);
      const uid = pod.metadata?.uid ?? "";
      const ix = completionIndex(pod);
      const validIx = !isIndexed(job) || (ix >= 0 && ix < (job.spec?.completions ?? 0));
      if (pod.status?.phase === "Succeeded" && !ctx.uncountedFailed.has(uid)) {
        if (isIndexed(job)) {
          // the completion index is enough not to count a success twice: no UID is kept
          if (validIx && !ctx.prevSucceededIndexes.has(ix)) {
            newSucceededIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!(uncounted.succeeded ?? []).includes(uid)) {
          uncounted.succeeded = [...(uncounted.succeeded ?? []), uid];
          needsFlush = true;
        }
      } else if (failed || (ctx.finished && ctx.finished.type !== "SuccessCriteriaMet")) {
        // when the Job is finished every pod that did not succeed counts as failed
        if (!(uncounted.failed ?? []).includes(uid) && validIx) {
          uncounted.failed = [...(uncounted.failed ?? []), uid];
          needsFlush = true;
        }
      }
    }
    if (isIndexed(job)) {
      for (const ix of newSucceededIndexes) ctx.succeededIndexes.add(ix);
      const text = formatIndexes(ctx.succeededIndexes);
      if (text !== (status.completedIndexes ?? "")) needsFlush = true;
      status.succeeded = ctx.succeededIndexes.size;
      status.completedIndexes = text;
    }
    if (ctx.finished?.type === "FailureTarget") {
      status.conditions = [...(status.conditions ?? []), ctx.finished];
      needsFlush = true;
      ctx.finished = this.condition("Failed", ctx.finished.reason ?? "", ctx.finished.message ?? "");
    }
    if (ctx.finished?.type === "SuccessCriteriaMet") {
      if (!status.conditions?.some((c) => c.type === "SuccessCriteriaMet" && c.status === "True")) {
        status.conditions = [...(status.conditions ?? []), ctx.finished];
        needsFlush = true;
      }
      ctx.finished = this.condition("Complete", ctx.finished.reason ?? "", ctx.finished.message ?? "");
    }
    // flushUncountedAndRemoveFinalizers
    let current = job;
    if (needsFlush) {
      current = this.writeStatus(job, status);
      this.backoff.set(key, ctx.newBackoff);
      needsFlush = false;
    }
    for (const p of toRemove) if (this.removeFinalizer(p)) withFinalizer.delete(p.metadata?.uid ?? "");
    if (this.cleanUncounted(status, withFinalizer)) needsFlush = true;
    // enactJobFinished
    let finished = false;
    const left = (uncounted.succeeded?.length ?? 0) + (uncounted.failed?.length ?? 0);
    if (ctx.finished && left === 0 && ctx.terminating === 0) {
      const cond = ctx.finished;
      const conds = status.conditions ?? [];
      const cur = conds.find((c) => c.type === cond.type);
      if (!cur) status.conditions = [...conds, cond];
      else if (cur.status !== cond.status || cur.reason !== cond.reason || cur.message !== cond.message)
        status.conditions = conds.map((c) => (c === cur ? cond : c));
      if (cond.type === "Complete") status.completionTime = cond.lastTransitionTime;
      finished = true;
      needsFlush = true;
    }
    if (needsFlush) {
      current = this.writeStatus(current, status);
      if (finished) this.recordJobFinished(current, ctx.finished!);
    }
  }

  /** cleanUncountedPodsWithoutFinalizers: pods whose finalizer is gone move into the counters. */
  private cleanUncounted(status: JobStatus, withFinalizer: Set<string>): boolean {
    const u = status.uncountedTerminatedPods ?? {};
    let changed = false;
    for (const list of ["succeeded", "failed"] as const) {
      const uids = u[list] ?? [];
      const keep = uids.filter((uid) => withFinalizer.has(uid));
      if (keep.length === uids.length) continue;
      changed = true;
      status[list] = (status[list] ?? 0) + uids.length - keep.length;
      if (keep.length > 0) u[list] = keep;
      else delete u[list];
    }
    return changed;
  }

  /** UpdateStatus: zero counters are omitted (omitempty), the pointer fields ready/terminating are not. */
  private writeStatus(job: Job, status: JobStatus): Job {
    const out: JobStatus = structuredClone(status);
    for (const k of ["active", "succeeded", "failed", "completedIndexes"] as const)
      if (!out[k]) delete out[k];
    if (out.conditions?.length === 0) delete out.conditions;
    if (jsonEqual(out, job.status)) return job;
    return this.o.api.updateStatus<Job>("Job", job.metadata?.namespace, job.metadata?.name ?? "", out, ACTOR);
  }

  /** recordJobFinished: `Completed` "Job completed", or the failure's reason and message as a Warning. */
  private recordJobFinished(job: Job, cond: JobCondition): void {
    const ref = jobRef(job);
    if (cond.type === "Complete") {
      const completions = job.spec?.completions;
      if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions)
        this.o.recorder.event(
          ref,
          "Warning",
          "TooManySucceededPods",
          "Too many succeeded pods running after completion count reached",
        );
      this.o.recorder.event(ref, "Normal", "Completed", "Job completed");
    } else this.o.recorder.event(ref, "Warning", cond.reason ?? "", cond.message ?? "");
  }
}
