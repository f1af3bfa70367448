// Jobs and CronJobs as kubectl shows them on a 1.34 node: the Jobs page's pi example and the
// "Running Automated Tasks with a CronJob" tutorial applied by URL, `kubectl create job|cronjob`,
// get/describe with the real columns and layout, logs job/NAME, wait --for=condition=complete,
// failed Jobs (backoffLimit), delete, `get all`, and the perl image that computes π.
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { JOB_EXAMPLES } from "../../../src/shell/kubectl/examples/jobs";
import { parseRfc3339, rfc1123z } from "../../../src/sim/clock/time";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const URL = "https://kubernetes.io/examples/";

function sim1(): LiveSimulation {
  return createSimulation({ seed: 1 });
}

const job = (sim: LiveSimulation, name: string) => sim.node.api.get<Job>("Job", "default", name);
const podsOf = (sim: LiveSimulation, jobName: string) =>
  sim.node.api.list<Pod>("Pod", {
    namespace: "default",
    labelSelector: `batch.kubernetes.io/job-name=${jobName}`,
  });
const rfc = (ts: string | undefined) => rfc1123z(parseRfc3339(ts ?? ""));
const secs = (from: string | undefined, to: string | undefined) =>
  Math.round((parseRfc3339(to ?? "") - parseRfc3339(from ?? "")) / 1000);

/** π to `n` significant digits by Gauss's formula 48·atan(1/18) + 32·atan(1/57) − 20·atan(1/239). */
function referencePi(n: number): string {
  const scale = 10n ** BigInt(n + 12);
  const atanInv = (x: bigint) => {
    let term = scale / x;
    let sum = term;
    for (let k = 3n, sign = -1n; term !== 0n; k += 2n, sign = -sign) {
      term /= x * x;
      sum += (sign * term) / k;
    }
    return sum;
  };
  const digits = (48n * atanInv(18n) + 32n * atanInv(57n) - 20n * atanInv(239n)).toString();
  const rounded = (BigInt(digits.slice(0, n)) + (Number(digits[n]) >= 5 ? 1n : 0n)).toString();
  return `${rounded[0]}.${rounded.slice(1)}`;
}

describe("docs: concepts/workloads/controllers/job — the pi Job", () => {
  it("the example is served by URL as kubernetes.io has it", () => {
    expect(docsExample(`${URL}controllers/job.yaml`)).toBe(JOB_EXAMPLES["controllers/job.yaml"]);
    expect(docsExample("https://k8s.io/examples/application/job/cronjob.yaml")).toBe(
      JOB_EXAMPLES["application/job/cronjob.yaml"],
    );
  });

  it("apply, wait for Complete, get jobs, describe, logs: 2000 digits of π after some seconds of perl", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${URL}controllers/job.yaml`)).toBe("job.batch/pi created\n");
    expect(await sim.exec("kubectl get jobs")).toBe(
      "NAME   STATUS    COMPLETIONS   DURATION   AGE\npi     Running   0/1           0s         0s\n",
    );
    expect(await sim.exec("kubectl wait --for=condition=complete job/pi --timeout=120s")).toBe(
      "job.batch/pi condition met\n",
    );
    const j = job(sim, "pi");
    const uid = j.metadata?.uid ?? "";
    const took = secs(j.status?.startTime, j.status?.completionTime);
    const age = secs(j.metadata?.creationTimestamp, new Date(sim.node.clock.wallMs()).toISOString());
    expect(await sim.exec("kubectl get jobs")).toBe(
      "NAME   STATUS     COMPLETIONS   DURATION   AGE\n" +
        `pi     Complete   1/1           ${`${took}s`.padEnd(11)}${age}s\n`,
    );
    const [pod] = podsOf(sim, "pi");
    const podName = pod.metadata?.name ?? "";
    expect(podName).toMatch(/^pi-[a-z0-9]{5}$/);
    // the perl process itself works for seconds, as bpi(2000) does
    const term = pod.status?.containerStatuses?.[0].state?.terminated;
    expect(secs(term?.startedAt, term?.finishedAt)).toBeGreaterThanOrEqual(3);
    expect(term?.reason).toBe("Completed");
    await sim.advance(20_000);
    const now = sim.node.clock.wallMs();
    const ago = (ts: string | undefined) => `${Math.floor((now - parseRfc3339(ts ?? "")) / 1000)}s`;
    const created = ago(pod.metadata?.creationTimestamp);
    const completed = ago(j.status?.completionTime);
    expect(await sim.exec("kubectl describe jobs/pi")).toBe(
      [
        "Name:             pi",
        "Namespace:        default",
        `Selector:         batch.kubernetes.io/controller-uid=${uid}`,
        `Labels:           batch.kubernetes.io/controller-uid=${uid}`,
        "                  batch.kubernetes.io/job-name=pi",
        `                  controller-uid=${uid}`,
        "                  job-name=pi",
        "Annotations:      <none>",
        "Parallelism:      1",
        "Completions:      1",
        "Completion Mode:  NonIndexed",
        "Suspend:          false",
        "Backoff Limit:    4",
        `Start Time:       ${rfc(j.status?.startTime)}`,
        `Completed At:     ${rfc(j.status?.completionTime)}`,
        `Duration:         ${took}s`,
        "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed",
        "Pod Template:",
        `  Labels:  batch.kubernetes.io/controller-uid=${uid}`,
        "           batch.kubernetes.io/job-name=pi",
        `           controller-uid=${uid}`,
        "           job-name=pi",
        "  Containers:",
        "   pi:",
        "    Image:      perl:5.34.0",
        "    Port:       <none>",
        "    Host Port:  <none>",
        "    Command:",
        "      perl",
        "      -Mbignum=bpi",
        "      -wle",
        "      print bpi(2000)",
        "    Environment:   <none>",
        "    Mounts:        <none>",
        "  Volumes:         <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     <none>",
        "Events:",
        "  Type    Reason            Age   From            Message",
        "  ----    ------            ----  ----            -------",
        `  Normal  SuccessfulCreate  ${created.padEnd(4)}  job-controller  Created pod: ${podName}`,
        `  Normal  Completed         ${completed.padEnd(4)}  job-controller  Job completed`,
        "",
      ].join("\n"),
    );
    const pi = referencePi(2000);
    expect(pi).toHaveLength(2001);
    expect(await sim.exec("kubectl logs job/pi")).toBe(`${pi}\n`);
    // the docs' way: the pods by the job-name label, then their logs
    expect(
      await sim.exec(
        "pods=$(kubectl get pods --selector=job-name=pi --output=jsonpath='{.items[*].metadata.name}'); echo $pods",
      ),
    ).toBe(`${podName}\n`);
    expect(await sim.exec(`kubectl logs ${podName}`)).toBe(`${pi}\n`);
    expect(await sim.exec("kubectl get pods")).toBe(
      `NAME       READY   STATUS      RESTARTS   AGE\n${podName}   0/1     Completed   0          ${created}\n`,
    );
    // the Job's pod: controlled by the Job, its finalizer gone once counted
    expect(await sim.exec(`kubectl describe pod ${podName}`)).toContain("Controlled By:  Job/pi\n");
    expect(pod.metadata?.finalizers ?? []).toEqual([]);
  });

  it("the perl image: pulled as docker.io/library/perl:5.34.0 (336 MB), perl -v, and bpi without the import", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${URL}controllers/job.yaml`);
    await sim.exec("kubectl wait --for=condition=complete job/pi --timeout=120s");
    const images = await sim.exec("crictl images");
    expect(images).toMatch(/\ndocker\.io\/library\/perl +5\.34\.0 +[0-9a-f]{13} +336MB\n/);
    await sim.exec("kubectl run p --image=perl:5.34.0 --restart=Never --command -- perl -e 'print bpi(3)'");
    await sim.advance(10_000);
    expect(await sim.exec("kubectl logs p")).toBe("Undefined subroutine &main::bpi called at -e line 1.\n");
    expect(
      sim.node.api.get<Pod>("Pod", "default", "p").status?.containerStatuses?.[0].state?.terminated?.exitCode,
    ).toBe(255);
    await sim.exec("kubectl run v --image=perl:5.34.0 --restart=Never --command -- perl -v");
    await sim.advance(5_000);
    expect(await sim.exec("kubectl logs v")).toContain(
      "This is perl 5, version 34, subversion 0 (v5.34.0) built for x86_64-linux-gnu\n",
    );
  });
});

describe("docs: tasks/job/automated-tasks-with-cron-jobs — hello every minute", () => {
  it("create by URL, get cronjob, the Job of the minute, its pod's output, describe, the history limit", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl create -f https://k8s.io/examples/application/job/cronjob.yaml")).toBe(
      "cronjob.batch/hello created\n",
    );
    expect(await sim.exec("kubectl get cronjob hello")).toBe(
      "NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n" +
        "hello   * * * * *   <none>     False     0        <none>          0s\n",
    );
    const created = parseRfc3339(
      sim.node.api.get<CronJob>("CronJob", "default", "hello").metadata!.creationTimestamp!,
    );
    const firstMinute = Math.floor(created / 60_000) + 1;
    // just past the next minute: the Job is there, named after its scheduled minute
    await sim.advance(firstMinute * 60_000 - sim.node.clock.wallMs() + 10_000);
    const jobName = `hello-${firstMinute}`;
    const cj = sim.node.api.get<CronJob>("CronJob", "default", "hello");
    expect(cj.status?.lastScheduleTime).toBe(
      new Date(firstMinute * 60_000).toISOString().replace(".000Z", "Z"),
    );
    expect(await sim.exec("kubectl get cronjob hello")).toBe(
      "NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n" +
        `hello   * * * * *   <none>     False     0        10s             ${Math.round((sim.node.clock.wallMs() - created) / 1000)}s\n`,
    );
    const j = job(sim, jobName);
    const took = secs(j.status?.startTime, j.status?.completionTime);
    expect(await sim.exec("kubectl get jobs")).toBe(
      `NAME             STATUS     COMPLETIONS   DURATION   AGE\n${jobName}   Complete   1/1           ${`${took}s`.padEnd(11)}10s\n`,
    );
    const [pod] = podsOf(sim, jobName);
    const podName = pod.metadata?.name ?? "";
    expect(podName).toMatch(new RegExp(`^${jobName}-[a-z0-9]{5}$`));
    // busybox's date (in UTC) at the moment the container ran, then the greeting
    const ranAt = parseRfc3339(pod.status?.containerStatuses?.[0].state?.terminated?.startedAt ?? "");
    const d = new Date(ranAt);
    const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
    const month = d.toUTCString().slice(8, 11);
    const hms = d.toISOString().slice(11, 19);
    expect(await sim.exec(`kubectl logs ${podName}`)).toBe(
      `${day} ${month} ${String(d.getUTCDate()).padStart(2)} ${hms} UTC ${d.getUTCFullYear()}\nHello from the Kubernetes cluster\n`,
    );
    const described = await sim.exec("kubectl describe cronjob hello");
    expect(described).toContain(
      [
        "Schedule:                      * * * * *",
        "Concurrency Policy:            Allow",
        "Suspend:                       False",
        "Successful Job History Limit:  3",
        "Failed Job History Limit:      1",
        "Starting Deadline Seconds:     <unset>",
        "Selector:                      <unset>",
        "Parallelism:                   <unset>",
        "Completions:                   <unset>",
        "Pod Template:",
      ].join("\n"),
    );
    expect(described).toContain(
      `Last Schedule Time:  ${rfc1123z(firstMinute * 60_000)}\nActive Jobs:         <none>\n`,
    );
    expect(described).toMatch(
      new RegExp(`  Normal  SuccessfulCreate  10s   cronjob-controller  Created job ${jobName}\n`),
    );
    expect(described).toMatch(
      new RegExp(
        `  Normal  SawCompletedJob   \\d+s +cronjob-controller  Saw completed job: ${jobName}, status: Complete\n`,
      ),
    );
    // yaml.v2 single-quotes what cannot be plain: the schedule starts with `*`
    expect(await sim.exec("kubectl get cronjob hello -o yaml")).toContain("\n  schedule: '* * * * *'\n");
    // four minutes on: three successful Jobs are kept, the first was deleted
    await sim.advance(4 * 60_000);
    const names = sim.node.api.list<Job>("Job", { namespace: "default" }).map((x) => x.metadata?.name);
    expect(names).toEqual([2, 3, 4].map((i) => `hello-${firstMinute + i}`));
    expect(await sim.exec("kubectl get events --field-selector reason=SuccessfulDelete")).toMatch(
      new RegExp(`Normal   SuccessfulDelete   cronjob/hello   Deleted job ${jobName}\n`),
    );
    // deleting the CronJob takes its Jobs and their pods
    expect(await sim.exec("kubectl delete cronjob hello")).toBe(
      'cronjob.batch "hello" deleted from default namespace\n',
    );
    await sim.advance(5_000);
    expect(sim.node.api.list("Job", { namespace: "default" })).toHaveLength(0);
    expect(sim.node.api.list("Pod", { namespace: "default" })).toHaveLength(0);
  });
});

describe("kubectl create job / cronjob", () => {
  it("create job NAME --image -- CMD: restartPolicy Never, container named after the Job", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl create job my-job --image=busybox:1.28 -- date")).toBe(
      "job.batch/my-job created\n",
    );
    expect(job(sim, "my-job").spec?.template?.spec).toMatchObject({
      restartPolicy: "Never",
      containers: [{ name: "my-job", image: "busybox:1.28", command: ["date"] }],
    });
    expect(await sim.exec("kubectl create job dry --image=busybox --dry-run=client -o yaml")).toBe(
      [
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  creationTimestamp: null",
        "  name: dry",
        "spec:",
        "  template:",
        "    metadata:",
        "      creationTimestamp: null",
        "    spec:",
        "      containers:",
        "      - image: busybox",
        "        name: dry",
        "        resources: {}",
        "      restartPolicy: Never",
        "status: {}",
        "",
      ].join("\n"),
    );
    const bad = await sim.run("kubectl create job nothing");
    expect(bad.stderr).toBe("error: either --image or --from must be specified\n");
    expect((await sim.run("kubectl create job --image=busybox")).stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples\n",
    );
    expect((await sim.run("kubectl create job x --from=cronjob/nope")).stderr).toBe(
      'Error from server (NotFound): cronjobs.batch "nope" not found\n',
    );
  });

  it("create cronjob NAME --image --schedule; create job --from=cronjob/NAME instantiates it by hand", async () => {
    const sim = sim1();
    expect((await sim.run("kubectl create cronjob hello --image=busybox")).stderr).toBe(
      'error: required flag(s) "schedule" not set\n',
    );
    expect(
      await sim.exec('kubectl create cronjob hello --image=busybox:1.28 --schedule="*/1 * * * *" -- date'),
    ).toBe("cronjob.batch/hello created\n");
    const cj = sim.node.api.get<CronJob>("CronJob", "default", "hello");
    expect(cj.spec?.jobTemplate.spec?.template.spec?.restartPolicy).toBe("OnFailure");
    expect((await sim.run('kubectl create cronjob bad --image=busybox --schedule="61 * * * *"')).stderr).toBe(
      'error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n',
    );
    expect(await sim.exec("kubectl create job manual --from=cronjob/hello")).toBe(
      "job.batch/manual created\n",
    );
    const manual = job(sim, "manual");
    expect(manual.metadata?.annotations).toEqual({ "cronjob.kubernetes.io/instantiate": "manual" });
    // owned by the CronJob but not controlled: the cronjob-controller leaves it alone
    expect(manual.metadata?.ownerReferences).toEqual([
      { apiVersion: "batch/v1", kind: "CronJob", name: "hello", uid: cj.metadata?.uid },
    ]);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get cj")).toMatch(
      /^NAME {4}SCHEDULE {6}TIMEZONE {3}SUSPEND {3}ACTIVE {3}LAST SCHEDULE {3}AGE\nhello {3}\*\/1 \* \* \* \* {3}<none> {5}False {5}0 {8}<none> {10}10s\n$/,
    );
  });
});

describe("failures and cleanup", () => {
  it("backoffLimit: the pod fails, comes back after the back-off, and the Job ends Failed", async () => {
    const sim = sim1();
    await sim.apply(
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: fail\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.28\n        command: [sh, -c, 'exit 1']\n      restartPolicy: Never\n",
    );
    await sim.advance(120_000);
    const j = job(sim, "fail");
    expect(j.status?.conditions?.map((c) => `${c.type} ${c.reason}`)).toEqual([
      "FailureTarget BackoffLimitExceeded",
      "Failed BackoffLimitExceeded",
    ]);
    const out = await sim.exec("kubectl get jobs");
    expect(out).toBe(
      "NAME   STATUS   COMPLETIONS   DURATION   AGE\nfail   Failed   0/1           2m         2m\n",
    );
    const pods = podsOf(sim, "fail");
    expect(pods.map((p) => p.status?.phase)).toEqual(["Failed", "Failed", "Failed"]);
    expect(await sim.exec("kubectl describe job fail")).toContain(
      "Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed\n",
    );
    expect(await sim.exec("kubectl describe job fail")).toMatch(
      / {2}Warning {2}BackoffLimitExceeded {2}\d+s +job-controller {2}Job has reached the specified backoff limit\n$/,
    );
    // kubectl wait for the Failed condition; Complete never comes
    expect(await sim.exec("kubectl wait --for=condition=failed job/fail")).toBe(
      "job.batch/fail condition met\n",
    );
    const timeout = await sim.run("kubectl wait --for=condition=complete job/fail --timeout=2s");
    expect(timeout.stderr).toBe("error: timed out waiting for the condition on jobs/fail\n");
    // logs job/NAME with several pods: kubectl says which one it read
    const logs = await sim.run("kubectl logs job/fail");
    expect(logs.stderr).toMatch(/^Found 3 pods, using pod\/fail-[a-z0-9]{5}\n$/);
  });

  it("kubectl delete job: the Job goes, its pods follow; get all lists cronjobs and jobs", async () => {
    const sim = sim1();
    await sim.exec("kubectl create job sleeper --image=busybox:1.28 -- sleep 300");
    await sim.exec('kubectl create cronjob nightly --image=busybox:1.28 --schedule="0 3 * * *"');
    await sim.advance(5_000);
    const all = await sim.exec("kubectl get all");
    expect(all).toContain(
      "NAME                    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\ncronjob.batch/nightly   0 3 * * *   <none>     False     0        <none>          5s\n",
    );
    expect(all).toContain(
      "NAME                STATUS    COMPLETIONS   DURATION   AGE\njob.batch/sleeper   Running   0/1           5s         5s\n",
    );
    expect(all.indexOf("cronjob.batch/nightly")).toBeLessThan(all.indexOf("job.batch/sleeper"));
    expect(await sim.exec("kubectl delete job sleeper")).toBe(
      'job.batch "sleeper" deleted from default namespace\n',
    );
    await sim.advance(40_000);
    expect(podsOf(sim, "sleeper")).toHaveLength(0);
    expect((await sim.run("kubectl get job sleeper")).stderr).toBe(
      'Error from server (NotFound): jobs.batch "sleeper" not found\n',
    );
  });

  it("validation in the API server's words", async () => {
    const sim = sim1();
    const r = await sim.run(
      "kubectl apply -f - <<'EOF'\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bad\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox\nEOF",
    );
    expect(r.stderr).toBe(
      'The Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    );
  });
});

describe("determinism", () => {
  it("the same seed and commands print the same, Job names and all", async () => {
    const run = async () => {
      const sim = sim1();
      const out: string[] = [];
      out.push(await sim.exec(`kubectl apply -f ${URL}controllers/job.yaml`));
      out.push(await sim.exec("kubectl create -f https://k8s.io/examples/application/job/cronjob.yaml"));
      await sim.advance(150_000);
      out.push(await sim.exec("kubectl get jobs,pods -o wide"));
      out.push(await sim.exec("kubectl describe cronjob hello"));
      return out.join("");
    };
    expect(await run()).toBe(await run());
  });
});
