// FIDELITY §3, §4, §6, §7, §15: the states the first table does not reach — init containers
// between steps, a container that cannot start, NotReady, a runtime handler containerd lacks —
// and the conditions the kubelet writes for each restartPolicy.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";
import { podRow } from "../../helpers/testNode";
import { events, getPod, pod, runPod, status } from "./helpers";

const BUSY = "image: busybox:1.36";
const sh = (script: string) => `${BUSY}\n  command: ["sh", "-c", "${script}"]`;

const CASES: {
  name: string;
  spec: string;
  after: number;
  status: string;
  ready?: string;
  waiting?: string;
}[] = [
  {
    // the init container is done, the app's big image is still coming: PodInitializing
    name: "pod-initializing",
    spec: `initContainers:\n- name: i\n  ${sh("exit 0")}\ncontainers:\n- name: c\n  image: postgres:17`,
    after: 4_000,
    status: "PodInitializing",
    waiting: "PodInitializing",
  },
  {
    name: "init-errimagepull",
    spec: "initContainers:\n- name: i\n  image: busybox:9.99\ncontainers:\n- name: c\n  image: nginx:1.27",
    after: 800,
    status: "Init:ErrImagePull",
  },
  {
    name: "init-imagepullbackoff",
    spec: "initContainers:\n- name: i\n  image: busybox:9.99\ncontainers:\n- name: c\n  image: nginx:1.27",
    after: 5_000,
    status: "Init:ImagePullBackOff",
  },
  {
    name: "init-1-of-2",
    spec: `initContainers:\n- name: a\n  ${sh("exit 0")}\n- name: b\n  ${sh("sleep 3600")}\ncontainers:\n- name: c\n  image: nginx:1.27`,
    after: 10_000,
    status: "Init:1/2",
  },
  {
    name: "run-container-error",
    spec: `containers:\n- name: c\n  ${BUSY}\n  command: ["/no/such/binary"]`,
    after: 1_200,
    status: "RunContainerError",
    waiting: "RunContainerError",
  },
  {
    // a completed container beside a running one, not all ready: kubectl prints NotReady
    name: "not-ready",
    spec: `restartPolicy: OnFailure\ncontainers:\n- name: web\n  image: nginx:1.27\n- name: once\n  ${sh("exit 0")}`,
    after: 20_000,
    status: "NotReady",
    ready: "1/2",
  },
  {
    name: "running-not-ready",
    spec: "containers:\n- name: web\n  image: nginx:1.27\n  readinessProbe:\n    httpGet:\n      path: /\n      port: 8080",
    after: 40_000,
    status: "Running",
    ready: "0/1",
  },
];

describe("more STATUS column states (FIDELITY §7)", () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.status}`, async () => {
      const sim = await runPod(pod(c.name, c.spec), c.after);
      const row = await podRow(sim, c.name);
      expect(row.STATUS).toBe(c.status);
      if (c.ready) expect(row.READY).toBe(c.ready);
      if (c.waiting)
        expect(getPod(sim, c.name).status?.containerStatuses?.[0].state?.waiting?.reason).toBe(c.waiting);
    });
  }
});

describe("a missing executable (FIDELITY §4: RunContainerError, StartError exit 128)", () => {
  it("the start fails with runc's words, the container is terminated StartError 128, then CrashLoopBackOff", async () => {
    const sim = await runPod(
      pod("noexec", `containers:\n- name: c\n  ${BUSY}\n  command: ["/no/such/binary"]`),
      5_000,
    );
    const why =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/no/such/binary": stat /no/such/binary: no such file or directory: unknown';
    const cs = getPod(sim, "noexec").status?.containerStatuses?.[0];
    expect(cs?.state?.waiting?.reason).toBe("CrashLoopBackOff");
    expect(cs?.lastState?.terminated).toMatchObject({
      reason: "StartError",
      exitCode: 128,
      message: why,
      startedAt: "1970-01-01T00:00:00Z", // kubernetes/kubernetes#120331: never started ⇒ the Unix epoch
    });
    expect(await sim.exec("kubectl describe pod noexec")).toContain(
      "      Exit Code:    128\n      Started:      Thu, 01 Jan 1970 00:00:00 +0000\n",
    );
    expect(events(sim, "noexec").map((e) => `${e.type} ${e.reason} ${e.message}`)).toContain(
      `Warning Failed Error: ${why}`,
    );
  });
});

describe("phase and conditions per restartPolicy (FIDELITY §6)", () => {
  const TABLE: {
    policy: string;
    exit: number;
    phase: string;
    status: RegExp;
    ready: [string, string | undefined];
  }[] = [
    {
      policy: "Always",
      exit: 0,
      phase: "Running",
      status: /^(Completed|CrashLoopBackOff)$/,
      ready: ["False", "ContainersNotReady"],
    },
    {
      policy: "Always",
      exit: 1,
      phase: "Running",
      status: /^(Error|CrashLoopBackOff)$/,
      ready: ["False", "ContainersNotReady"],
    },
    {
      policy: "OnFailure",
      exit: 0,
      phase: "Succeeded",
      status: /^Completed$/,
      ready: ["False", "PodCompleted"],
    },
    {
      policy: "OnFailure",
      exit: 1,
      phase: "Running",
      status: /^(Error|CrashLoopBackOff)$/,
      ready: ["False", "ContainersNotReady"],
    },
    { policy: "Never", exit: 0, phase: "Succeeded", status: /^Completed$/, ready: ["False", "PodCompleted"] },
    { policy: "Never", exit: 1, phase: "Failed", status: /^Error$/, ready: ["False", "PodFailed"] },
  ];
  for (const c of TABLE) {
    it(`${c.policy} × exit ${c.exit} → ${c.phase}`, async () => {
      const sim = await runPod(
        pod("p", `restartPolicy: ${c.policy}\ncontainers:\n- name: c\n  ${sh(`sleep 1; exit ${c.exit}`)}`),
        45_000,
      );
      const p = getPod(sim, "p");
      expect(p.status?.phase).toBe(c.phase);
      expect(await status(sim, "p")).toMatch(c.status);
      const cond = (t: string) => p.status?.conditions?.find((x) => x.type === t);
      expect([cond("Ready")?.status, cond("Ready")?.reason]).toEqual(c.ready);
      expect([cond("ContainersReady")?.status, cond("ContainersReady")?.reason]).toEqual(c.ready);
      expect(cond("PodScheduled")?.status).toBe("True");
      expect(cond("Initialized")?.status).toBe("True");
      if (c.phase === "Running") {
        expect(cond("Ready")?.message).toBe("containers with unready status: [c]");
        expect(p.status?.containerStatuses?.[0].restartCount).toBeGreaterThanOrEqual(2);
      } else expect(p.status?.containerStatuses?.[0].restartCount).toBe(0);
    });
  }

  it("an unfinished init container: Initialized False ContainersNotInitialized with the container's name", async () => {
    const sim = await runPod(
      pod(
        "init",
        `initContainers:\n- name: wait\n  ${sh("sleep 3600")}\ncontainers:\n- name: c\n  image: nginx:1.27`,
      ),
      10_000,
    );
    const init = getPod(sim, "init").status?.conditions?.find((c) => c.type === "Initialized");
    expect([init?.status, init?.reason, init?.message]).toEqual([
      "False",
      "ContainersNotInitialized",
      "containers with incomplete status: [wait]",
    ]);
  });
});

describe("crash-loop waiting message (FIDELITY §4, §5)", () => {
  it("between the third and fourth restart the message names the 40s back-off", async () => {
    const sim = await runPod(pod("crash", `containers:\n- name: c\n  ${sh("exit 1")}`), 50_000);
    const p = getPod(sim, "crash");
    expect(p.status?.containerStatuses?.[0].state?.waiting).toEqual({
      reason: "CrashLoopBackOff",
      message: `back-off 40s restarting failed container=c pod=crash_default(${p.metadata?.uid})`,
    });
    expect(p.status?.containerStatuses?.[0].lastState?.terminated).toMatchObject({
      reason: "Error",
      exitCode: 1,
    });
  });
});

describe("RuntimeClass (FIDELITY §15)", () => {
  it("a handler containerd lacks: FailedCreatePodSandBox with containerd 2.x's words, stuck ContainerCreating", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(
      await sim.apply(
        "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n",
      ),
    ).toBe("runtimeclass.node.k8s.io/gvisor created\n");
    await sim.apply(
      pod("sandboxed", "runtimeClassName: gvisor\ncontainers:\n- name: c\n  image: nginx:1.27"),
    );
    await sim.advance(30_000);
    expect(await status(sim, "sandboxed")).toBe("ContainerCreating");
    const failed = events(sim, "sandboxed").filter((e) => e.reason === "FailedCreatePodSandBox");
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const e of failed) {
      expect(e.type).toBe("Warning");
      expect(e.message).toMatch(
        /^Failed to create pod sandbox: rpc error: code = Unknown desc = unable to get OCI runtime for sandbox "[0-9a-f]{64}": no runtime for "runsc" is configured$/,
      );
    }
  });

  it("a RuntimeClass that does not exist is refused at admission", async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.run(
      `kubectl apply -f - <<'EOF'\n${pod("x", "runtimeClassName: foo\ncontainers:\n- name: c\n  image: nginx:1.27")}EOF`,
    );
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "x" is forbidden: pod rejected: RuntimeClass "foo" not found\n',
    );
  });
});

describe("probe events (FIDELITY §3, §13)", () => {
  const PROBED = `containers:
- name: web
  image: nginx:1.27
  readinessProbe:
    httpGet:
      path: /
      port: 8080
  livenessProbe:
    httpGet:
      path: /nope
      port: 80
    periodSeconds: 5`;
  const EXPECTED: [string, RegExp][] = [
    [
      "Unhealthy",
      /^Warning Unhealthy Readiness probe failed: Get "http:\/\/10\.244\.0\.\d+:8080\/": dial tcp 10\.244\.0\.\d+:8080: connect: connection refused$/,
    ],
    ["Unhealthy", /^Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 404$/],
    ["Killing", /^Normal Killing Container web failed liveness probe, will be restarted$/],
    ["Pulled", /^Normal Pulled Container image "nginx:1\.27" already present on machine$/],
  ];
  for (const [reason, re] of EXPECTED) {
    it(`${reason}: ${re.source.slice(1, 60)}…`, async () => {
      const sim = await runPod(pod("rp", PROBED), 40_000);
      const lines = events(sim, "rp").map((e) => `${e.type} ${e.reason} ${e.message}`);
      expect(
        lines.some((l) => re.test(l)),
        lines.join("\n"),
      ).toBe(true);
    });
  }

  it("liveness keeps failing: at least 3 failures per kill, killed again and again; readiness keeps it 0/1", async () => {
    const sim = await runPod(pod("rp", PROBED), 40_000);
    const kill = events(sim, "rp").find((e) => e.reason === "Killing");
    const unhealthy = events(sim, "rp").find(
      (e) => e.reason === "Unhealthy" && /Liveness/.test(e.message ?? ""),
    );
    expect(kill?.count).toBeGreaterThanOrEqual(2);
    expect(unhealthy?.count).toBeGreaterThanOrEqual(3 * (kill?.count ?? 0));
    expect(await status(sim, "rp")).toBe("Running");
    expect((await podRow(sim, "rp")).READY).toBe("0/1");
  });
});
