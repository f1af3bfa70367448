// FIDELITY §4, §6, §7: the STATUS column, waiting/terminated reasons and phases, state by state.
import { describe, expect, it } from "vitest";
import { getPod, pod, runPod, status } from "./helpers";

const BUSY = "image: busybox:1.36";

const CASES: { name: string; spec: string; after: number; status: string; phase: string; reason?: string }[] =
  [
    {
      name: "running",
      spec: "containers:\n- name: c\n  image: nginx:1.27",
      after: 30_000,
      status: "Running",
      phase: "Running",
    },
    {
      name: "creating",
      spec: "containers:\n- name: c\n  image: postgres:17",
      after: 500,
      status: "ContainerCreating",
      phase: "Pending",
    },
    {
      name: "completed",
      spec: `restartPolicy: Never\ncontainers:\n- name: c\n  ${BUSY}\n  command: ["sh", "-c", "echo ok"]`,
      after: 30_000,
      status: "Completed",
      phase: "Succeeded",
      reason: "Completed",
    },
    {
      name: "error",
      spec: `restartPolicy: Never\ncontainers:\n- name: c\n  ${BUSY}\n  command: ["sh", "-c", "exit 3"]`,
      after: 30_000,
      status: "Error",
      phase: "Failed",
      reason: "Error",
    },
    {
      name: "onfailure-ok",
      spec: `restartPolicy: OnFailure\ncontainers:\n- name: c\n  ${BUSY}\n  command: ["sh", "-c", "exit 0"]`,
      after: 30_000,
      status: "Completed",
      phase: "Succeeded",
    },
    {
      name: "onfailure-bad",
      spec: `restartPolicy: OnFailure\ncontainers:\n- name: c\n  ${BUSY}\n  command: ["sh", "-c", "exit 1"]`,
      after: 60_000,
      status: "CrashLoopBackOff",
      phase: "Running",
    },
    {
      name: "always-ok",
      spec: `containers:\n- name: c\n  ${BUSY}\n  command: ["sh", "-c", "exit 0"]`,
      after: 60_000,
      status: "CrashLoopBackOff",
      phase: "Running",
    },
    {
      name: "oom",
      spec: 'restartPolicy: Never\ncontainers:\n- name: c\n  image: polinux/stress\n  command: ["stress"]\n  args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]\n  resources:\n    limits:\n      memory: 100Mi',
      after: 30_000,
      status: "OOMKilled",
      phase: "Failed",
      reason: "OOMKilled",
    },
    {
      name: "badtag",
      spec: "containers:\n- name: c\n  image: nginx:1.99",
      after: 30_000,
      status: "ImagePullBackOff",
      phase: "Pending",
    },
    {
      name: "neverpull",
      spec: "containers:\n- name: c\n  image: redis:7.4\n  imagePullPolicy: Never",
      after: 10_000,
      status: "ErrImageNeverPull",
      phase: "Pending",
    },
    {
      name: "configerr",
      spec: `containers:\n- name: c\n  ${BUSY}\n  command: ["sleep", "3600"]\n  env:\n  - name: X\n    valueFrom:\n      configMapKeyRef:\n        name: missing\n        key: k`,
      after: 10_000,
      status: "CreateContainerConfigError",
      phase: "Pending",
    },
    {
      name: "initwait",
      spec: `initContainers:\n- name: i\n  ${BUSY}\n  command: ["sleep", "3600"]\ncontainers:\n- name: c\n  image: nginx:1.27`,
      after: 20_000,
      status: "Init:0/1",
      phase: "Pending",
    },
    {
      name: "initcrash",
      spec: `initContainers:\n- name: i\n  ${BUSY}\n  command: ["sh", "-c", "exit 1"]\ncontainers:\n- name: c\n  image: nginx:1.27`,
      after: 60_000,
      status: "Init:CrashLoopBackOff",
      phase: "Pending",
    },
    {
      name: "initerror",
      spec: `restartPolicy: Never\ninitContainers:\n- name: i\n  ${BUSY}\n  command: ["sh", "-c", "exit 1"]\ncontainers:\n- name: c\n  image: nginx:1.27`,
      after: 30_000,
      status: "Init:Error",
      phase: "Failed",
    },
  ];

describe("STATUS column, phase and reasons (FIDELITY §4, §6, §7)", () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.status} / ${c.phase}`, async () => {
      const sim = await runPod(pod(c.name, c.spec), c.after);
      expect(await status(sim, c.name)).toBe(c.status);
      const p = getPod(sim, c.name);
      expect(p.status?.phase).toBe(c.phase);
      if (c.reason) expect(p.status?.containerStatuses?.[0].state?.terminated?.reason).toBe(c.reason);
    });
  }

  it("OOMKilled is exit code 137; a container killed by SIGTERM exits 143", async () => {
    const sim = await runPod(pod("oom", CASES.find((c) => c.name === "oom")!.spec), 30_000);
    expect(getPod(sim, "oom").status?.containerStatuses?.[0].state?.terminated?.exitCode).toBe(137);
  });

  it("conditions are listed in the kubelet's order with the real reasons", async () => {
    const sim = await runPod(pod("badtag", "containers:\n- name: c\n  image: nginx:1.99"), 30_000);
    const conds = getPod(sim, "badtag").status?.conditions ?? [];
    expect(conds.map((c) => c.type)).toEqual([
      "PodReadyToStartContainers",
      "Initialized",
      "Ready",
      "ContainersReady",
      "PodScheduled",
    ]);
    const ready = conds.find((c) => c.type === "Ready")!;
    expect([ready.status, ready.reason, ready.message]).toEqual([
      "False",
      "ContainersNotReady",
      "containers with unready status: [c]",
    ]);
  });

  it("a terminating pod shows Terminating", async () => {
    const sim = await runPod(
      pod("t", `containers:\n- name: c\n  ${BUSY}\n  command: ["sleep", "3600"]`),
      20_000,
    );
    await sim.exec("kubectl delete pod t --wait=false");
    await sim.advance(5_000);
    expect(await status(sim, "t")).toBe("Terminating");
  });
});
