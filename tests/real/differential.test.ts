// Differential: the same pod specs on SimRuntime (virtual time) and on the real containerd (wall
// time, through the backend), driven by the same kubelet. Compared: the kubelet's mutating CRI calls
// (with error codes), the CRI states of each container attempt (final state, reason, exit code) and
// the kubelet's waiting/terminated reasons in the pod status, each in order of first appearance, up
// to the same logical end point. Times differ and are not compared.
import type { Pod } from "kubernetes-types/core/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REAL_DEMO_IMAGES } from "../../src/remote/demoImages";
import { ContainerState } from "../../src/sim/cri";
import { createSimulation, type LiveSimulation } from "../../src/simulation";
import { REGISTRY, realSimulation, stopBackend } from "./helpers";

type Mode = "sim" | "real";
interface Scenario {
  name: string;
  command?: string[];
  image: string;
  memoryLimit?: string;
  /** The logical end point: both runs are cut here. */
  done(p: Pod | undefined, seen: string[]): boolean;
  /** Delete the pod once this is true (then run until it is gone). */
  deleteWhen?(p: Pod | undefined): boolean;
}

const app = (p: Pod | undefined) => p?.status?.containerStatuses?.find((c) => c.name === "app");
const SCENARIOS: Scenario[] = [
  {
    name: "healthy",
    image: `${REGISTRY}/busybox`,
    command: ["sh", "-c", "echo hello; sleep 3600"],
    deleteWhen: (p) => app(p)?.state?.running !== undefined && app(p)?.ready === true,
    done: (p, seen) => p === undefined && seen.includes("deleted"),
  },
  {
    name: "crashloop",
    image: `${REGISTRY}/crasher`,
    done: (p) => app(p)?.state?.waiting?.reason === "CrashLoopBackOff",
  },
  {
    name: "badtag",
    image: `${REGISTRY}/busybox:nope`,
    done: (p) => app(p)?.state?.waiting?.reason === "ImagePullBackOff",
  },
  {
    name: "oom",
    image: `${REGISTRY}/busybox`,
    // tail keeps reading for a newline that never comes: its buffer grows until the cgroup limit
    command: ["sh", "-c", "echo start; tail /dev/zero"],
    memoryLimit: "32Mi",
    done: (p) => app(p)?.state?.waiting?.reason === "CrashLoopBackOff",
  },
];

const MUTATING = new Set([
  "RunPodSandbox",
  "PullImage",
  "CreateContainer",
  "StartContainer",
  "StopContainer",
  "RemoveContainer",
  "StopPodSandbox",
  "RemovePodSandbox",
]);
const STATE = ["CREATED", "RUNNING", "EXITED", "UNKNOWN"];

interface Observed {
  calls: string[];
  states: string[];
  reasons: string[];
  /** Waiting/terminated messages by reason, and the pod's Event reasons (first appearance). */
  messages: { [reason: string]: string };
  events: string[];
}

function pushNew(list: string[], v: string): void {
  if (!list.includes(v)) list.push(v);
}

/** Runs every scenario at once on one node; returns what each pod went through. */
async function run(mode: Mode, sim: LiveSimulation): Promise<Map<string, Observed>> {
  const out = new Map<string, Observed>();
  const done = new Set<string>();
  const deleted = new Set<string>();
  for (const s of SCENARIOS)
    out.set(s.name, { calls: [], states: [], reasons: [], messages: {}, events: [] });
  const offTrace = sim.trace.subscribe((e) => {
    const name = e.pod?.split("/")[1];
    const r = name ? out.get(name) : undefined;
    if (!r || done.has(name!)) return;
    const method = /^(\w+)\(/.exec(e.summary)?.[1] ?? "";
    if (!MUTATING.has(method)) return;
    if (e.kind === "cri.request") pushNewConsecutive(r.calls, method);
    if (e.kind === "cri.error") {
      const code = /code = (\w+)/.exec(String((e.detail as any)?.error))?.[1] ?? "?";
      r.calls[r.calls.length - 1] = `${method}!${code}`;
    }
  });
  const offWatch = sim.node.api.watch<Pod>("Pod", { namespace: "default" }, (ev) => {
    const name = ev.object.metadata?.name ?? "";
    const r = out.get(name);
    if (!r || done.has(name)) return;
    const c = app(ev.object);
    const st = c?.state;
    if (st?.waiting?.reason) pushNew(r.reasons, `waiting:${st.waiting.reason}`);
    if (st?.waiting?.reason && st.waiting.message && !(st.waiting.reason in r.messages))
      r.messages[st.waiting.reason] = st.waiting.message;
    if (st?.running) pushNew(r.reasons, "running");
    if (st?.terminated) pushNew(r.reasons, `terminated:${st.terminated.reason}:${st.terminated.exitCode}`);
    const last = c?.lastState?.terminated;
    if (last) pushNew(r.reasons, `lastState:${last.reason}:${last.exitCode}`);
  });
  // The same start on both: a Ready node (a real one registers within a second; before that the
  // scheduler would add a FailedScheduling event the simulated, already booted node never shows).
  const ready = () =>
    sim.node.api
      .tryGet<any>("Node", undefined, sim.node.nodeName)
      ?.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True");
  for (let i = 0; !ready(); i++) {
    if (i > 200) throw new Error(`${mode}: node not Ready`);
    await sim.advance(100);
  }
  for (const s of SCENARIOS)
    await sim.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: s.name },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: "app",
            image: s.image,
            ...(s.command ? { command: s.command } : {}),
            ...(s.memoryLimit ? { resources: { limits: { memory: s.memoryLimit } } } : {}),
          },
        ],
      },
    });
  const rt = sim.node.runtimeService;
  const finals = new Map<string, string>();
  /** pod/attempt of containers that exited within a second of starting (crasher: a few ms). */
  const brief = new Set<string>();
  const start = sim.node.clock.now();
  while (done.size < SCENARIOS.length) {
    if (sim.node.clock.now() - start > 90_000) throw new Error(`${mode}: scenarios not done: ${[...done]}`);
    await sim.advance(250);
    // CRI states as the runtime reports them: every container attempt of each pod, by label
    const { containers } = await sim.node.settle(rt.listContainers({}));
    for (const c of containers) {
      const name = c.labels["io.kubernetes.pod.name"];
      const r = out.get(name);
      if (!r || done.has(name)) continue;
      let entry = `${c.metadata.attempt}:${STATE[c.state]}`;
      if (c.state === ContainerState.CONTAINER_EXITED) {
        const key = `${name}/${c.id}`;
        if (!finals.has(key)) {
          const st = (await sim.node.settle(rt.containerStatus({ containerId: c.id }))).status;
          finals.set(key, `${entry}:${st.reason}:${st.exitCode}`);
          if (st.finishedAt - st.startedAt < 1e9) brief.add(`${name}/${c.metadata.attempt}`);
        }
        entry = finals.get(key)!;
      }
      // CREATED lasts microseconds on both runtimes: sampling may or may not catch it
      if (c.state !== ContainerState.CONTAINER_CREATED) pushNew(r.states, entry);
    }
    for (const s of SCENARIOS) {
      if (done.has(s.name)) continue;
      const p = sim.node.api.tryGet<Pod>("Pod", "default", s.name);
      if (s.deleteWhen && !deleted.has(s.name) && s.deleteWhen(p)) {
        deleted.add(s.name);
        pushNew(out.get(s.name)!.reasons, "deleted");
        void sim.exec(`kubectl delete pod ${s.name} --wait=false`);
      }
      if (s.done(p, out.get(s.name)!.reasons)) {
        done.add(s.name);
        const evs = sim.node.api.list<any>("Event", { namespace: "default" });
        for (const e of evs)
          if (e.involvedObject?.name === s.name) pushNew(out.get(s.name)!.events, e.reason);
      }
    }
  }
  offTrace();
  offWatch();
  // A process that lives for milliseconds is RUNNING only between two samples on one runtime or the
  // other (real sh takes ~5 ms, the simulated one 0): compare such attempts by their exit alone.
  // The same goes for the kubelet's relist (every second): it may catch such an attempt Running.
  for (const [name, r] of out) {
    r.states = r.states.filter((e) => {
      const [attempt, state] = e.split(":");
      return !(state === "RUNNING" && brief.has(`${name}/${attempt}`));
    });
    const attempts = r.states.map((e) => e.split(":")[0]);
    if (attempts.length > 0 && attempts.every((a) => brief.has(`${name}/${a}`)))
      r.reasons = r.reasons.filter((x) => x !== "running");
  }
  return out;
}

function pushNewConsecutive(list: string[], v: string): void {
  if (list[list.length - 1] !== v) list.push(v);
}

let real: LiveSimulation;
const results: { sim?: Map<string, Observed>; real?: Map<string, Observed> } = {};
const timings: { [k: string]: number } = {};

beforeAll(async () => {
  let t = Date.now();
  const simulated = createSimulation({ seed: 11 });
  for (const img of REAL_DEMO_IMAGES) simulated.node.registry.addImage(img);
  results.sim = await run("sim", simulated);
  timings.simWallMs = Date.now() - t;
  t = Date.now();
  real = await realSimulation({ seed: 11 });
  results.real = await run("real", real);
  // Under heavy CPU load containerd can handle a task's exit before the cgroup's OOM event and report
  // the OOM kill as a plain Error (137): the runtime's race, not what this test compares. Once more.
  if (!results.real.get("oom")?.states.includes("0:EXITED:OOMKilled:137")) {
    console.log(
      `differential: containerd reported ${JSON.stringify(results.real.get("oom")?.states)}; running again`,
    );
    real.close?.();
    real = await realSimulation({ seed: 11 });
    results.real = await run("real", real);
  }
  timings.realWallMs = Date.now() - t;
}, 150_000);

afterAll(async () => {
  real?.close?.();
  await stopBackend();
  console.log(`differential timings (ms): ${JSON.stringify(timings)}`);
  for (const s of SCENARIOS)
    console.log(
      `differential ${s.name}:\n  sim:  ${JSON.stringify(results.sim?.get(s.name))}\n  real: ${JSON.stringify(results.real?.get(s.name))}`,
    );
});

describe("SimRuntime and containerd agree", () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: same CRI calls, CRI states and kubelet reasons`, () => {
      const a = results.sim!.get(s.name)!;
      const b = results.real!.get(s.name)!;
      expect(b.calls).toEqual(a.calls);
      expect(b.states).toEqual(a.states);
      expect(b.reasons).toEqual(a.reasons);
      expect(b.events).toEqual(a.events);
      const uidless = (m: { [k: string]: string }) =>
        JSON.parse(JSON.stringify(m).replace(/\([0-9a-f-]{36}\)/g, "(UID)"));
      expect(uidless(b.messages)).toEqual(uidless(a.messages));
    });
  }

  it("the scenarios show what they are about", () => {
    const r = results.real!;
    // deleted: sh as PID 1 ignores SIGTERM, so after the 1 s grace the runtime kills it (137, "Error")
    expect(r.get("healthy")!.reasons).toEqual([
      "waiting:ContainerCreating",
      "running",
      "deleted",
      "terminated:Error:137",
    ]);
    expect(r.get("healthy")!.states).toEqual(["0:RUNNING", "0:EXITED:Error:137"]);
    expect(r.get("crashloop")!.reasons).toContain("waiting:CrashLoopBackOff");
    expect(r.get("crashloop")!.states).toContain("0:EXITED:Error:1");
    expect(r.get("badtag")!.calls).toContain("PullImage!NotFound");
    expect(r.get("oom")!.states).toContain("0:EXITED:OOMKilled:137");
    expect(r.get("oom")!.reasons).toContain("lastState:OOMKilled:137");
    expect(r.get("badtag")!.reasons).toEqual([
      "waiting:ContainerCreating",
      "waiting:ErrImagePull",
      "waiting:ImagePullBackOff",
    ]);
  });
});
