// The job, cronjob and ttl-after-finished controllers (with the garbage collector) against a bare API
// server, and a stand-in kubelet: it binds each pod, runs it for a while, then ends it as its image
// says — "ok" succeeds, "fail" exits 1 — and finishes a graceful delete after a few seconds.
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { Event, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { JOB_TRACKING_FINALIZER } from "../api/batch";
import type { InvalidError } from "../api/fieldErrors";
import { ApiServer } from "../apiserver/apiServer";
import { createEventRecorder } from "../apiserver/eventRecorder";
import { Rng, VirtualClock } from "../clock";
import { parseRfc3339, rfc3339 } from "../clock/time";
import { controllerOf } from "./controllerUtils";
import { CRONJOB_CONTROLLER, CronJobController } from "./cronJobController";
import { GarbageCollector } from "./garbageCollector";
import {
  DEFAULT_POD_FAILURE_BACKOFF_MS,
  formatIndexes,
  JOB_CONTROLLER,
  JobController,
  MAX_POD_FAILURE_BACKOFF_MS,
  remainingBackoff,
} from "./jobController";
import { TtlAfterFinishedController } from "./ttlAfterFinishedController";

interface Opts {
  /** How long a pod runs before it ends. */
  runMs?: number;
  /** How long a graceful delete takes to finish. */
  stopMs?: number;
}

function setup(o: Opts = {}) {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, rng: new Rng(7), serviceAccountTokenVolume: false });
  new JobController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: JOB_CONTROLLER }),
  }).start();
  new CronJobController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: CRONJOB_CONTROLLER }),
  }).start();
  new TtlAfterFinishedController({ api, clock }).start();
  new GarbageCollector(api, clock).start();
  const runMs = o.runMs ?? 3000;
  const stopMs = o.stopMs ?? 2000;
  const stopping = new Set<string>();
  const now = () => rfc3339(clock.wallMs());
  /** The kubelet's terminal status: the container's exit, Ready False. */
  const finish = (ns: string, name: string, code: number) => {
    const cur = api.tryGet<Pod>("Pod", ns, name);
    if (!cur || cur.status?.phase === "Succeeded" || cur.status?.phase === "Failed") return;
    api.updateStatus("Pod", ns, name, {
      ...cur.status,
      phase: code === 0 ? "Succeeded" : "Failed",
      conditions: [{ type: "Ready", status: "False", lastProbeTime: null, lastTransitionTime: now() }],
      containerStatuses: [
        {
          name: "c",
          image: "x",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: code, finishedAt: now(), startedAt: now() } },
        },
      ],
    });
  };
  api.watch<Pod>("Pod", {}, (e) => {
    const p = e.object;
    const ns = p.metadata?.namespace ?? "default";
    const name = p.metadata?.name ?? "";
    const key = `${ns}/${name}`;
    if (e.type === "ADDED" && !p.spec?.nodeName) {
      clock.setTimer(0, () => {
        if (!api.tryGet("Pod", ns, name)) return;
        api.bindPod(ns, name, "node-1");
        const image = p.spec?.containers?.[0]?.image;
        clock.setTimer(500, () => {
          const cur = api.tryGet<Pod>("Pod", ns, name);
          if (!cur || cur.metadata?.deletionTimestamp) return;
          api.updateStatus("Pod", ns, name, {
            ...cur.status,
            phase: "Running",
            conditions: [{ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: now() }],
          });
        });
        if (image === "ok" || image === "fail")
          clock.setTimer(runMs, () => {
            const cur = api.tryGet<Pod>("Pod", ns, name);
            if (cur && !cur.metadata?.deletionTimestamp) finish(ns, name, image === "ok" ? 0 : 1);
          });
      });
    }
    if (e.type === "MODIFIED" && p.metadata?.deletionTimestamp && !stopping.has(key)) {
      stopping.add(key);
      clock.setTimer(stopMs, () => {
        // killed: SIGTERM's exit, then the kubelet asks for the final delete
        finish(ns, name, 143);
        if (api.tryGet("Pod", ns, name)) api.delete("Pod", ns, name, { gracePeriodSeconds: 0 });
      });
    }
  });
  const job = (name: string) => api.tryGet<Job>("Job", "default", name);
  const pods = (prefix = "") =>
    api
      .list<Pod>("Pod", { namespace: "default" })
      .filter((p) => (p.metadata?.name ?? "").startsWith(prefix))
      .sort(
        (a, b) => parseRfc3339(a.metadata!.creationTimestamp!) - parseRfc3339(b.metadata!.creationTimestamp!),
      );
  const events = (kind: string, name: string) =>
    api
      .list<Event>("Event", { namespace: "default" })
      .filter((ev) => ev.involvedObject.kind === kind && ev.involvedObject.name === name)
      .map((ev) => `${ev.type} ${ev.reason} ${ev.message}`);
  return { clock, api, job, pods, events };
}

function jobYaml(name: string, spec: Record<string, unknown>, image = "ok", restartPolicy = "Never"): Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default" },
    spec: { ...spec, template: { spec: { containers: [{ name: "c", image }], restartPolicy } } },
  } as Job;
}

const conditionTypes = (j: Job | undefined) =>
  (j?.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`);

describe("the Job API: defaults, the generated selector, validation", () => {
  it("defaults like SetDefaults_Job and a selector on batch.kubernetes.io/controller-uid", () => {
    const { api } = setup();
    const j = api.create<Job>("Job", jobYaml("pi", {}));
    const uid = j.metadata?.uid ?? "";
    expect(j.spec).toMatchObject({
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      completionMode: "NonIndexed",
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: "TerminatingOrFailed",
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
    });
    const labels = {
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "job-name": "pi",
    };
    expect(j.spec?.template?.metadata?.labels).toEqual(labels);
    // a Job without labels of its own shows its template's
    expect(j.metadata?.labels).toEqual(labels);
    expect(j.status).toEqual({});
    // completions left out but parallelism given: completions stays unset
    const wq = api.create<Job>("Job", jobYaml("wq", { parallelism: 3 }));
    expect(wq.spec?.completions).toBeUndefined();
    expect(wq.spec?.parallelism).toBe(3);
  });

  it("restartPolicy must be OnFailure or Never; counts may not be negative", () => {
    const { api } = setup();
    const bad = jobYaml("bad", {}, "ok", "Always");
    expect(() => api.create("Job", bad)).toThrow(
      'The Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    try {
      api.create("Job", jobYaml("neg", { backoffLimit: -1, parallelism: -2 }));
      expect.unreachable();
    } catch (e) {
      expect((e as InvalidError).causes.map((c) => c.field)).toEqual([
        "spec.parallelism",
        "spec.backoffLimit",
      ]);
    }
  });

  it("a CronJob: a parseable schedule, a name with room for the Job suffix, defaults", () => {
    const { api } = setup();
    const cj = (name: string, schedule: string): CronJob => ({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name },
      spec: {
        schedule,
        jobTemplate: {
          spec: {
            template: { spec: { containers: [{ name: "c", image: "ok" }], restartPolicy: "OnFailure" } },
          },
        },
      },
    });
    const ok = api.create<CronJob>("CronJob", cj("hello", "* * * * *"));
    expect(ok.spec).toMatchObject({
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    // the template's JobSpec is not defaulted like a Job
    expect(ok.spec?.jobTemplate.spec?.backoffLimit).toBeUndefined();
    expect(() => api.create("CronJob", cj("bad", "*/5 * * *"))).toThrow(
      'The CronJob "bad" is invalid: spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]',
    );
    expect(() => api.create("CronJob", cj("tz", "TZ=UTC * * * * *"))).toThrow(
      "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
    );
    expect(() => api.create("CronJob", cj("x".repeat(53), "* * * * *"))).toThrow(
      "must be no more than 52 characters",
    );
  });
});

describe("job-controller", () => {
  it("runs a pod <job>-xxxxx that carries the tracking finalizer, then Complete through SuccessCriteriaMet", () => {
    const { clock, api, job, pods, events } = setup();
    api.create("Job", jobYaml("pi", {}));
    clock.advance(100);
    const [p] = pods("pi-");
    expect(p.metadata?.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(p.metadata?.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(controllerOf(p)).toMatchObject({
      kind: "Job",
      name: "pi",
      apiVersion: "batch/v1",
      blockOwnerDeletion: true,
    });
    expect(job("pi")?.status).toMatchObject({
      active: 1,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    clock.advance(2000);
    expect(job("pi")?.status?.ready).toBe(1);
    clock.advance(5000);
    const done = job("pi")!;
    expect(conditionTypes(done)).toEqual(["SuccessCriteriaMet=True", "Complete=True"]);
    expect(done.status?.conditions?.[1]).toMatchObject({
      reason: "CompletionsReached",
      message: "Reached expected number of succeeded pods",
    });
    expect(done.status).toMatchObject({
      succeeded: 1,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    expect(done.status?.active).toBeUndefined();
    expect(done.status?.completionTime).toBe(done.status?.conditions?.[1].lastTransitionTime);
    // the finished pod stays, counted, without the finalizer
    expect(pods("pi-")[0].metadata?.finalizers).toBeUndefined();
    expect(events("Job", "pi")).toEqual([
      `Normal SuccessfulCreate Created pod: ${p.metadata?.name}`,
      "Normal Completed Job completed",
    ]);
  });

  it("completions and parallelism: never more pods at once than parallelism, as many successes as completions", () => {
    const { clock, api, job, pods } = setup();
    api.create("Job", jobYaml("par", { completions: 5, parallelism: 2 }));
    let most = 0;
    for (let t = 0; t < 40_000; t += 250) {
      clock.advance(250);
      const running = pods("par-").filter((p) => p.status?.phase !== "Succeeded").length;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(pods("par-")).toHaveLength(5);
    expect(job("par")?.status?.succeeded).toBe(5);
    expect(conditionTypes(job("par"))).toContain("Complete=True");
  });

  it("failed pods come back after 10 s, 20 s, 40 s…; past backoffLimit FailureTarget then Failed", () => {
    const { clock, api, job, pods, events } = setup({ runMs: 1000 });
    api.create("Job", jobYaml("fail", { backoffLimit: 3 }, "fail"));
    clock.advance(200_000);
    const created = pods("fail-").map((p) => parseRfc3339(p.metadata!.creationTimestamp!) / 1000);
    expect(created).toHaveLength(4);
    // each pod fails 1 s after it starts; the next comes the back-off after that failure (±1 s of batching)
    const gaps = created.slice(1).map((t, i) => t - created[i] - 1);
    expect(gaps.map((g) => Math.round(g / 10) * 10)).toEqual([10, 20, 40]);
    const j = job("fail")!;
    expect(conditionTypes(j)).toEqual(["FailureTarget=True", "Failed=True"]);
    expect(j.status?.conditions?.[1]).toMatchObject({
      reason: "BackoffLimitExceeded",
      message: "Job has reached the specified backoff limit",
    });
    expect(j.status?.failed).toBe(4);
    expect(j.status?.completionTime).toBeUndefined();
    expect(events("Job", "fail").at(-1)).toBe(
      "Warning BackoffLimitExceeded Job has reached the specified backoff limit",
    );
  });

  it("the back-off doubles from 10 s and stops at 10 minutes", () => {
    const at = 1_000_000;
    expect(remainingBackoff({ failuresAfterLastSuccess: 1, lastFailureTime: at }, at)).toBe(
      DEFAULT_POD_FAILURE_BACKOFF_MS,
    );
    expect(remainingBackoff({ failuresAfterLastSuccess: 3, lastFailureTime: at }, at + 5000)).toBe(35_000);
    expect(remainingBackoff({ failuresAfterLastSuccess: 7, lastFailureTime: at }, at)).toBe(
      MAX_POD_FAILURE_BACKOFF_MS,
    );
    expect(remainingBackoff({ failuresAfterLastSuccess: 30, lastFailureTime: at }, at)).toBe(600_000);
    expect(remainingBackoff({ failuresAfterLastSuccess: 2, lastFailureTime: at }, at + 25_000)).toBe(0);
  });

  it("activeDeadlineSeconds: the running pod is deleted, the Job Failed (DeadlineExceeded) once it is gone", () => {
    const { clock, api, job, pods, events } = setup({ runMs: 600_000, stopMs: 5000 });
    api.create("Job", jobYaml("slow", { activeDeadlineSeconds: 10 }, "sleep"));
    clock.advance(10_500);
    const target = job("slow")!;
    expect(conditionTypes(target)).toEqual(["FailureTarget=True"]);
    expect(target.status?.conditions?.[0]).toMatchObject({
      reason: "DeadlineExceeded",
      message: "Job was active longer than specified deadline",
    });
    expect(target.status).toMatchObject({ terminating: 1, failed: 1 });
    expect(pods("slow-")[0].metadata?.deletionTimestamp).toBeDefined();
    clock.advance(8000);
    expect(conditionTypes(job("slow"))).toEqual(["FailureTarget=True", "Failed=True"]);
    expect(job("slow")?.status?.terminating).toBe(0);
    expect(pods("slow-")).toHaveLength(0);
    const evs = events("Job", "slow");
    expect(evs[1]).toMatch(/^Normal SuccessfulDelete Deleted pod: slow-/);
    expect(evs.at(-1)).toBe("Warning DeadlineExceeded Job was active longer than specified deadline");
  });

  it("suspend: no pods and the Suspended condition; resuming starts the pods and the clock", () => {
    const { clock, api, job, pods, events } = setup();
    api.create("Job", jobYaml("sus", { suspend: true }));
    clock.advance(2000);
    expect(pods("sus-")).toHaveLength(0);
    expect(job("sus")?.status?.startTime).toBeUndefined();
    expect(job("sus")?.status?.conditions?.[0]).toMatchObject({
      type: "Suspended",
      status: "True",
      reason: "JobSuspended",
      message: "Job suspended",
    });
    const cur = job("sus")!;
    api.update("Job", { ...cur, spec: { ...cur.spec, suspend: false } });
    clock.advance(100);
    expect(pods("sus-")).toHaveLength(1);
    expect(job("sus")?.status?.conditions?.[0]).toMatchObject({
      type: "Suspended",
      status: "False",
      reason: "JobResumed",
    });
    expect(job("sus")?.status?.startTime).toBe(rfc3339(clock.wallMs()));
    // manageJob creates the pod first, then the condition flips (and the event says so)
    const evs = events("Job", "sus");
    expect(evs[0]).toBe("Normal Suspended Job suspended");
    expect(evs[1]).toMatch(/^Normal SuccessfulCreate Created pod: sus-/);
    expect(evs[2]).toBe("Normal Resumed Job resumed");
  });

  it("ttlSecondsAfterFinished: the finished Job and its pods are deleted that many seconds later", () => {
    const { clock, api, job, pods } = setup();
    api.create("Job", jobYaml("ttl", { ttlSecondsAfterFinished: 20 }));
    clock.advance(6000);
    const finishedAt = parseRfc3339(job("ttl")!.status!.completionTime!);
    clock.advance(finishedAt + 19_000 - clock.wallMs());
    expect(job("ttl")).toBeDefined();
    clock.advance(2000);
    expect(job("ttl")).toBeUndefined();
    expect(pods("ttl-")).toHaveLength(0);
  });

  it("deleting a running Job (background): its pods are deleted and lose their finalizer", () => {
    const { clock, api, job, pods } = setup({ runMs: 600_000 });
    api.create("Job", jobYaml("gone", { parallelism: 2, completions: 2 }, "sleep"));
    clock.advance(1000);
    expect(pods("gone-")).toHaveLength(2);
    api.delete("Job", "default", "gone", { propagationPolicy: "Background" });
    expect(job("gone")).toBeUndefined();
    clock.advance(100);
    for (const p of pods("gone-")) {
      expect(p.metadata?.deletionTimestamp).toBeDefined();
      expect(p.metadata?.finalizers).toBeUndefined();
    }
    clock.advance(3000);
    expect(pods("gone-")).toHaveLength(0);
  });
});

describe("job-controller: Indexed completion mode", () => {
  it("one pod per index <job>-<i>-xxxxx, JOB_COMPLETION_INDEX from the index label, completedIndexes", () => {
    const { clock, api, job, pods } = setup();
    api.create("Job", jobYaml("idx", { completions: 5, parallelism: 2, completionMode: "Indexed" }));
    clock.advance(100);
    const first = pods("idx-");
    expect(first.map((p) => p.metadata?.name?.replace(/-[a-z0-9]{5}$/, ""))).toEqual(["idx-0", "idx-1"]);
    const p0 = first[0];
    expect(p0.metadata?.annotations?.["batch.kubernetes.io/job-completion-index"]).toBe("0");
    expect(p0.metadata?.labels?.["batch.kubernetes.io/job-completion-index"]).toBe("0");
    expect(p0.spec?.hostname).toBe("idx-0");
    expect(p0.spec?.containers[0].env).toEqual([
      {
        name: "JOB_COMPLETION_INDEX",
        // the pod's defaulting adds the fieldRef's apiVersion
        valueFrom: {
          fieldRef: {
            apiVersion: "v1",
            fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']",
          },
        },
      },
    ]);
    clock.advance(4000);
    expect(job("idx")?.status?.completedIndexes).toBe("0,1");
    clock.advance(30_000);
    const done = job("idx")!;
    expect(done.status?.completedIndexes).toBe("0-4");
    expect(done.status?.succeeded).toBe(5);
    expect(conditionTypes(done)).toContain("Complete=True");
    expect(
      pods("idx-").map((p) => p.metadata?.annotations?.["batch.kubernetes.io/job-completion-index"]),
    ).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("completedIndexes text: runs of three or more as a-b, pairs as a,b", () => {
    expect(formatIndexes([0, 1, 2, 5, 7, 8])).toBe("0-2,5,7,8");
    expect(formatIndexes([3])).toBe("3");
    expect(formatIndexes([])).toBe("");
  });
});

describe("cronjob-controller", () => {
  const cronJob = (spec: Record<string, unknown>, image = "ok"): CronJob => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "hello", namespace: "default" },
    spec: {
      schedule: "* * * * *",
      ...spec,
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: "c", image }], restartPolicy: "OnFailure" } } },
      },
    },
  });
  const jobNames = (api: ApiServer) =>
    api.list<Job>("Job", { namespace: "default" }).map((j) => j.metadata?.name);

  it("a Job hello-<minutes since the epoch> each minute, lastScheduleTime, SawCompletedJob, history of 3", () => {
    const { clock, api, events } = setup();
    // start on a whole minute plus a little: the first schedule time is the next minute
    clock.advance(60_000 - (clock.wallMs() % 60_000) + 5000);
    api.create("CronJob", cronJob({}));
    const start = clock.wallMs();
    const firstMinute = Math.floor(start / 60_000) + 1;
    clock.advance(60_000);
    expect(jobNames(api)).toEqual([`hello-${firstMinute}`]);
    const j = api.get<Job>("Job", "default", `hello-${firstMinute}`);
    expect(controllerOf(j)).toMatchObject({ kind: "CronJob", name: "hello", controller: true });
    expect(j.metadata?.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe(
      rfc3339(firstMinute * 60_000),
    );
    const cj = api.get<CronJob>("CronJob", "default", "hello");
    expect(cj.status?.lastScheduleTime).toBe(rfc3339(firstMinute * 60_000));
    expect(cj.status?.active).toBeUndefined();
    expect(cj.status?.lastSuccessfulTime).toBeDefined();
    clock.advance(4 * 60_000);
    // five Jobs ran; the oldest two went with the history limit of 3
    expect(jobNames(api)).toEqual([1, 2, 3, 4].map((i) => `hello-${firstMinute + i}`).slice(1));
    const evs = events("CronJob", "hello");
    expect(evs.slice(0, 2)).toEqual([
      `Normal SuccessfulCreate Created job hello-${firstMinute}`,
      `Normal SawCompletedJob Saw completed job: hello-${firstMinute}, status: Complete`,
    ]);
    expect(evs).toContain(`Normal SuccessfulDelete Deleted job hello-${firstMinute}`);
  });

  it("Forbid: no second Job while one runs (JobAlreadyActive); Replace: the running one is deleted", () => {
    const forbid = setup({ runMs: 150_000 });
    forbid.api.create("CronJob", cronJob({ concurrencyPolicy: "Forbid" }, "ok"));
    forbid.clock.advance(130_000);
    expect(jobNames(forbid.api)).toHaveLength(1);
    expect(forbid.events("CronJob", "hello")).toContain(
      "Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid",
    );
    const replace = setup({ runMs: 150_000 });
    replace.api.create("CronJob", cronJob({ concurrencyPolicy: "Replace" }, "ok"));
    replace.clock.advance(130_000);
    expect(jobNames(replace.api)).toHaveLength(1);
    const evs = replace.events("CronJob", "hello");
    expect(evs.filter((e) => e.includes("SuccessfulCreate"))).toHaveLength(2);
    expect(evs.some((e) => /^Normal SuccessfulDelete Deleted job hello-\d+$/.test(e))).toBe(true);
  });

  it("suspend: nothing is scheduled", () => {
    const { clock, api } = setup();
    api.create("CronJob", cronJob({ suspend: true }));
    clock.advance(5 * 60_000);
    expect(jobNames(api)).toEqual([]);
  });

  it("failed Jobs: only failedJobsHistoryLimit (1) of them stay", () => {
    const { clock, api } = setup({ runMs: 1000 });
    const cj = cronJob({}, "fail");
    cj.spec!.jobTemplate.spec!.backoffLimit = 0;
    api.create("CronJob", cj);
    clock.advance(4 * 60_000);
    const left = api.list<Job>("Job", { namespace: "default" });
    expect(left).toHaveLength(1);
    expect(conditionTypes(left[0])).toContain("Failed=True");
  });
});
