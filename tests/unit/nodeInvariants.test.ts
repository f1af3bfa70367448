// Issue 3: random applies, deletes, faults and time never break the node's invariants.
import fc from "fast-check";
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { ContainerState, PodSandboxState } from "../../src/sim/cri";
import { formatTraceEvent } from "../../src/sim/trace";
import { createSimulation, type LiveSimulation } from "../../src/simulation";

const TEMPLATES: Record<string, string> = {
  healthy: "containers:\n  - name: c\n    image: nginx:1.27",
  crash:
    'containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "echo up; sleep 2; exit 1"]',
  badtag: "containers:\n  - name: c\n    image: nginx:1.99",
  oom: 'containers:\n  - name: c\n    image: polinux/stress:1.0.4\n    command: ["stress"]\n    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]\n    resources:\n      limits:\n        memory: 100Mi',
  init: 'initContainers:\n  - name: i\n    image: busybox:1.36\n    command: ["sh", "-c", "sleep 3"]\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sleep", "3600"]',
  probe:
    'containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "touch /tmp/healthy; sleep 20; rm -f /tmp/healthy; sleep 600"]\n    livenessProbe:\n      exec:\n        command: ["cat", "/tmp/healthy"]\n      initialDelaySeconds: 5\n      periodSeconds: 5',
  job: 'restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "echo done; exit 0"]',
};

type Op =
  | { op: "apply"; name: string; template: string }
  | { op: "delete"; name: string; force: boolean }
  | {
      op: "fault";
      fault:
        | "stopContainerd"
        | "startContainerd"
        | "crashContainerd"
        | "restartKubelet"
        | "registryDown"
        | "registryUp"
        | "crash"
        | "fillDisk";
    }
  | { op: "advance"; ms: number };

const NAMES = ["a", "b", "c", "d"];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("apply" as const),
      name: fc.constantFrom(...NAMES),
      template: fc.constantFrom(...Object.keys(TEMPLATES)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("delete" as const),
      name: fc.constantFrom(...NAMES),
      force: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("fault" as const),
      fault: fc.constantFrom(
        "stopContainerd",
        "startContainerd",
        "crashContainerd",
        "restartKubelet",
        "registryDown",
        "registryUp",
        "crash",
        "fillDisk",
      ) as fc.Arbitrary<"stopContainerd">,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant("advance" as const), ms: fc.integer({ min: 100, max: 90_000 }) }),
  },
);

const PHASE_ORDER: Record<string, number> = { Pending: 0, Running: 1, Succeeded: 2, Failed: 2 };

/** What must never go backwards, and the deletions whose sandboxes must be gone in time. */
interface Seen {
  restarts: Map<string, number>;
  phase: Map<string, string>;
  /** uid → virtual ms from which the pod must be gone from the runtime (grace + GC bound). */
  deadline: Map<string, number>;
}

/** Grace period (30s, a PID-1 sleep ignores SIGTERM) + the kubelet's minute-long GC period + slack. */
const GONE_WITHIN_MS = 30_000 + 2 * 60_000;

async function runOp(sim: LiveSimulation, o: Op, seen: Seen): Promise<void> {
  const n = sim.node;
  if (o.op === "delete") {
    const uid = n.api.tryGet<Pod>("Pod", "default", o.name)?.metadata?.uid;
    if (uid && !seen.deadline.has(uid)) seen.deadline.set(uid, n.clock.now() + GONE_WITHIN_MS);
  }
  switch (o.op) {
    case "apply":
      await sim.apply(
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${o.name}\nspec:\n  ${TEMPLATES[o.template]}\n`,
      );
      return;
    case "delete":
      await sim.exec(`kubectl delete pod ${o.name} ${o.force ? "--force --grace-period=0" : "--wait=false"}`);
      return;
    case "advance":
      await sim.advance(o.ms);
      return;
    case "fault":
      if (o.fault === "stopContainerd") n.faults.stopContainerd();
      else if (o.fault === "startContainerd") n.units.containerd.start();
      else if (o.fault === "crashContainerd") n.faults.crashContainerd();
      else if (o.fault === "restartKubelet") n.units.kubelet.restart();
      else if (o.fault === "registryDown") n.faults.registryDown();
      else if (o.fault === "registryUp") n.faults.registryUp();
      else if (o.fault === "fillDisk") n.faults.fillDisk(90);
      else {
        const running = n.runtime
          .listContainersNow()
          .find((c) => c.state === ContainerState.CONTAINER_RUNNING);
        if (running) n.faults.crashContainer(running.id, 2);
      }
  }
}

/** Checks that hold at every instant; `seen` carries what must never go backwards. */
function checkInvariants(sim: LiveSimulation, seen: Seen): void {
  const rt = sim.node.runtime;
  const now = sim.node.clock.now();
  const sandboxes = rt.listSandboxViews();
  // while containerd is down nothing can be removed: the bound counts from its return
  if (!sim.node.units.containerd.active)
    for (const [uid, t] of seen.deadline) seen.deadline.set(uid, Math.max(t, now + GONE_WITHIN_MS));
  else
    for (const [uid, t] of seen.deadline)
      if (now >= t)
        expect(
          sandboxes.filter((s) => s.sandbox.metadata.uid === uid).map((s) => s.sandbox.metadata.name),
          `a pod deleted ${(now - t + GONE_WITHIN_MS) / 1000}s ago still has a sandbox`,
        ).toEqual([]);
  // the kubelet never runs two ready sandboxes for one pod
  const readyPerPod = new Map<string, number>();
  for (const s of sandboxes)
    if (s.sandbox.state === PodSandboxState.SANDBOX_READY)
      readyPerPod.set(s.sandbox.metadata.uid, (readyPerPod.get(s.sandbox.metadata.uid) ?? 0) + 1);
  for (const [uid, count] of readyPerPod) expect(count, `pod ${uid} has ${count} ready sandboxes`).toBe(1);
  const ready = new Set(
    sandboxes.filter((s) => s.sandbox.state === PodSandboxState.SANDBOX_READY).map((s) => s.sandbox.id),
  );
  for (const c of rt.listContainersNow())
    if (c.state === ContainerState.CONTAINER_RUNNING)
      expect(ready.has(c.podSandboxId), `container ${c.metadata.name} runs without a ready sandbox`).toBe(
        true,
      );
  for (const pod of sim.node.api.list<Pod>("Pod")) {
    const uid = pod.metadata?.uid ?? "";
    const phase = pod.status?.phase ?? "Pending";
    const before = seen.phase.get(uid);
    if (before !== undefined) {
      expect(PHASE_ORDER[phase], `${pod.metadata?.name}: ${before} → ${phase}`).toBeGreaterThanOrEqual(
        PHASE_ORDER[before],
      );
      if (PHASE_ORDER[before] === 2) expect(phase).toBe(before);
    }
    seen.phase.set(uid, phase);
    for (const cs of [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ]) {
      const key = `${uid}/${cs.name}`;
      expect(cs.restartCount, `${key} restart count went down`).toBeGreaterThanOrEqual(
        seen.restarts.get(key) ?? 0,
      );
      seen.restarts.set(key, cs.restartCount);
    }
  }
}

async function runSequence(seed: number, ops: Op[]): Promise<{ sim: LiveSimulation; trace: string }> {
  const sim = createSimulation({ seed });
  const seen: Seen = { restarts: new Map(), phase: new Map(), deadline: new Map() };
  for (const o of ops) {
    await runOp(sim, o, seen);
    checkInvariants(sim, seen);
  }
  return { sim, trace: sim.trace.all().map(formatTraceEvent).join("\n") };
}

describe("node invariants under random operations", () => {
  it("no container runs without a ready sandbox, restarts never decrease, phases only move forward", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 14 }), async (ops) => {
        await runSequence(5, ops);
      }),
      { numRuns: Number(process.env.INV_RUNS ?? 40), seed: Number(process.env.INV_SEED ?? 21) },
    );
  });

  it("a deleted pod leaves no sandbox once its grace period and the kubelet's GC have passed", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 2, maxLength: 10 }), async (ops) => {
        const { sim } = await runSequence(6, ops);
        sim.node.units.containerd.start();
        sim.node.faults.registryUp();
        const uids = new Set(sim.node.api.list<Pod>("Pod").map((p) => p.metadata?.uid));
        for (const name of NAMES)
          await sim.exec(`kubectl delete pod ${name} --ignore-not-found --wait=false`);
        // grace 30 s (a PID-1 sleep ignores SIGTERM) + container/sandbox GC every minute
        await sim.advance(3 * 60_000);
        expect(sim.node.api.list("Pod")).toEqual([]);
        const left = sim.node.runtime
          .listSandboxViews()
          .filter(
            (s) => uids.has(s.sandbox.metadata.uid) || s.sandbox.state === PodSandboxState.SANDBOX_READY,
          );
        expect(left.map((s) => s.sandbox.metadata.name)).toEqual([]);
      }),
      { numRuns: 15, seed: 22 },
    );
  });

  it("the same seed and operations give the same trace", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 2, maxLength: 8 }), async (ops) => {
        const a = await runSequence(9, ops);
        const b = await runSequence(9, ops);
        expect(b.trace).toBe(a.trace);
      }),
      { numRuns: 8, seed: 23 },
    );
  });
});
