// The simulator's own API server and kubelet driving a real containerd through the backend: pods
// reach Running, logs read back, bad tags back off, crashers loop, deletion leaves nothing (after
// the kubelet's container GC), containerd dying makes the node NotReady, and a page that goes away
// has its pods removed. All on wall time (the WallClockPump moves the kubelet's clock).
import { readFileSync } from "node:fs";
import type { Node, Pod } from "kubernetes-types/core/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CriClient } from "../../server/criClient";
import type { LiveSimulation } from "../../src/simulation";
import {
  canRestartContainerd,
  direct,
  REGISTRY,
  realSimulation,
  startContainerd,
  stopBackend,
  stopContainerd,
  waitFor,
} from "./helpers";

let sim: LiveSimulation;
let cri: CriClient;
const t0 = Date.now();
const timings: Record<string, number> = {};

function manifest(name: string, image: string, command?: string[]): object {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      // sh as PID 1 ignores SIGTERM: a short grace keeps deletion quick (the kubelet then kills)
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "app", image, ...(command ? { command } : {}) }],
    },
  };
}

function pod(name: string): Pod | undefined {
  return sim.node.api.tryGet<Pod>("Pod", "default", name);
}
function app(name: string) {
  return pod(name)?.status?.containerStatuses?.find((c) => c.name === "app");
}
function readyCondition() {
  return sim.node.api
    .get<Node>("Node", undefined, "node-1")
    .status?.conditions?.find((c) => c.type === "Ready");
}

/** Session sandboxes/containers of one pod, asked of containerd directly (behind the bridge). */
async function onContainerd(uid: string): Promise<{ sandboxes: unknown[]; containers: unknown[] }> {
  const sel = { labelSelector: { "io.kubernetes.pod.uid": uid } };
  const s = await cri.call("ListPodSandbox", { filter: sel });
  const c = await cri.call("ListContainers", { filter: sel });
  return { sandboxes: s.items ?? [], containers: c.containers ?? [] };
}

let helloUid = "";
let deletedAt = 0;

beforeAll(async () => {
  cri = direct();
  sim = await realSimulation({ seed: 7 });
  await waitFor(() => readyCondition()?.status === "True" || undefined, 20_000);
  timings.nodeReady = Date.now() - t0;
  for (const m of [
    manifest("hello", `${REGISTRY}/busybox`, ["sh", "-c", "echo hello; echo oops >&2; sleep 3600"]),
    manifest("badtag", `${REGISTRY}/busybox:nope`),
    manifest("crasher", `${REGISTRY}/crasher`),
  ])
    expect(await sim.apply(m)).toMatch(/created/);
});

afterAll(async () => {
  sim?.close?.();
  cri?.close();
  await stopBackend();
  console.log(`kubelet.test timings (ms): ${JSON.stringify(timings)}`);
});

describe("the simulator's kubelet on a real containerd", () => {
  it("runs a pod, reads its log back from the real CRI log file, and deletes it", async () => {
    const start = Date.now();
    await waitFor(() => app("hello")?.state?.running !== undefined || undefined, 30_000);
    timings.running = Date.now() - start;
    const p = pod("hello")!;
    helloUid = p.metadata!.uid!;
    expect(p.status?.phase).toBe("Running");
    expect(p.status?.podIP).toMatch(/^10\.88\.\d+\.\d+$/);
    expect(app("hello")?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(app("hello")?.imageID).toMatch(/^localhost:5000\/busybox@sha256:[0-9a-f]{64}$/);

    // kubectl logs: the text of the CRI log file the real containerd wrote (copied through ReadLog)
    const logs = await waitFor(async () => {
      const out = await sim.exec("kubectl logs hello");
      return out.includes("hello") && out.includes("oops") ? out : undefined;
    }, 10_000);
    expect(logs.split("\n").sort().join("\n")).toBe(["", "hello", "oops"].join("\n"));
    const path = `/var/log/pods/default_hello_${helloUid}/app/0.log`;
    const mirrored = sim.node.fs.read(path) ?? "";
    expect(mirrored).toBe(readFileSync(path, "utf8"));
    for (const line of mirrored.trim().split("\n"))
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d) (stdout|stderr) F (hello|oops)$/,
      );
    // crictl goes through the same RemoteRuntime
    expect(await sim.exec("crictl ps --name app --state running")).toMatch(/Running\s+app\s+0\s+\w+\s+hello/);

    const delStart = Date.now();
    expect(await sim.exec("kubectl delete pod hello")).toBe('pod "hello" deleted from default namespace\n');
    deletedAt = Date.now();
    timings.deleteReturned = deletedAt - delStart;
    expect(pod("hello")).toBeUndefined();
    // stopped on containerd at once; removed by the kubelet's container GC (every minute)
    const left = await onContainerd(helloUid);
    expect(left.containers.every((c: any) => c.state === 2)).toBe(true);
  });

  it("a missing tag gives the real ErrImagePull, then ImagePullBackOff with the kubelet's back-off", async () => {
    const start = Date.now();
    const err = await waitFor(() => {
      const w = app("badtag")?.state?.waiting;
      return w?.reason === "ErrImagePull" ? w : undefined;
    }, 20_000);
    timings.errImagePull = Date.now() - start;
    expect(err.message).toMatch(
      /^rpc error: code = NotFound desc = failed to pull and unpack image "localhost:5000\/busybox:nope": .*localhost:5000\/busybox:nope: not found$/,
    );
    const backOff = await waitFor(() => {
      const w = app("badtag")?.state?.waiting;
      return w?.reason === "ImagePullBackOff" ? w : undefined;
    }, 30_000);
    timings.imagePullBackOff = Date.now() - start;
    expect(backOff.message).toMatch(/^Back-off pulling image "localhost:5000\/busybox:nope": ErrImagePull: /);
    // the kubelet's back-off: after the first failure, no new pull for 10 s
    const pulls = sim.trace
      .since(0)
      .filter(
        (e) => e.kind === "cri.request" && e.summary.startsWith("PullImage(localhost:5000/busybox:nope"),
      );
    await waitFor(
      () =>
        sim.trace
          .since(0)
          .filter(
            (e) => e.kind === "cri.request" && e.summary.startsWith("PullImage(localhost:5000/busybox:nope"),
          ).length >= 2 || undefined,
      30_000,
    );
    const all = sim.trace
      .since(0)
      .filter(
        (e) => e.kind === "cri.request" && e.summary.startsWith("PullImage(localhost:5000/busybox:nope"),
      );
    expect(pulls.length).toBeGreaterThanOrEqual(1);
    expect(all[1].t - all[0].t).toBeGreaterThanOrEqual(10_000);
    const reasons = sim.node.api
      .list<any>("Event")
      .filter((e) => e.involvedObject?.name === "badtag")
      .map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["Pulling", "Failed", "BackOff"]));
  });

  it("the crasher image gives CrashLoopBackOff with the real exit code 1", async () => {
    const start = Date.now();
    const st = await waitFor(() => {
      const s = app("crasher");
      return s?.state?.waiting?.reason === "CrashLoopBackOff" ? s : undefined;
    }, 25_000);
    timings.crashLoopBackOff = Date.now() - start;
    expect(st.restartCount).toBeGreaterThanOrEqual(1);
    expect(st.lastState?.terminated?.exitCode).toBe(1);
    expect(st.lastState?.terminated?.reason).toBe("Error");
    expect(st.state?.waiting?.message).toMatch(
      /^back-off (10|20|40)s restarting failed container=app pod=crasher_default\(/,
    );
    expect(await sim.exec("kubectl logs crasher --previous")).toMatch(/crasher: starting/);
  });

  it("the deleted pod leaves nothing on containerd after the kubelet's container GC", async () => {
    expect(helloUid).not.toBe("");
    await waitFor(
      async () => {
        const left = await onContainerd(helloUid);
        return left.sandboxes.length === 0 && left.containers.length === 0 ? true : undefined;
      },
      80_000,
      1000,
    );
    timings.goneAfterDelete = Date.now() - deletedAt;
  }, 90_000);

  it("containerd killed mid-run: the node goes NotReady (container runtime is down), then recovers", async () => {
    expect(canRestartContainerd).toBe(true);
    const start = Date.now();
    stopContainerd();
    try {
      const cond = await waitFor(
        () => (readyCondition()?.status === "False" ? readyCondition() : undefined),
        60_000,
        250,
      );
      timings.notReady = Date.now() - start;
      expect(cond!.reason).toBe("KubeletNotReady");
      expect(cond!.message).toContain("container runtime is down");
      // the kubelet's 30 s rule (maxWaitForContainerRuntime), seen from outside
      expect(timings.notReady).toBeGreaterThanOrEqual(25_000);
      expect(sim.remote!.runtime.state.runtimeUp).toBe(false);
    } finally {
      startContainerd();
    }
    const back = Date.now();
    await waitFor(() => readyCondition()?.status === "True" || undefined, 45_000, 250);
    timings.readyAgain = Date.now() - back;
    expect(sim.node.kubelet.snapshot().readyError).toBeUndefined();
  }, 120_000);

  it("when the page goes away, the backend removes its sandboxes after the grace period", async () => {
    const session = sim.remote!.runtime.state.session!;
    const sel = { labelSelector: { "k8s-node-sim.session": session } };
    expect(((await cri.call("ListPodSandbox", { filter: sel })).items ?? []).length).toBeGreaterThan(0);
    const start = Date.now();
    sim.close?.();
    await waitFor(
      async () =>
        ((await cri.call("ListPodSandbox", { filter: sel })).items ?? []).length === 0 ? true : undefined,
      30_000,
      250,
    );
    timings.reapedAfterClose = Date.now() - start;
    expect((await cri.call("ListContainers", { filter: sel })).containers ?? []).toEqual([]);
  });
});
