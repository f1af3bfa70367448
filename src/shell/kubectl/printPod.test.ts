import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Shell } from "../shell";
import { fakeNode } from "../testing/fakeNode";
import { at, cs, pod } from "../testing/pods";

const ready = { ready: true, started: true };
const podConds = (readyStatus: "True" | "False") => [
  { type: "Initialized", status: "True" },
  { type: "Ready", status: readyStatus },
  { type: "PodScheduled", status: "True" },
];
const twoInits = {
  initContainers: [
    { name: "init-a", image: "busybox" },
    { name: "init-b", image: "busybox" },
  ],
};

/** Pods as the kubelet reports them in each situation FIDELITY §7 covers. */
const STATUS_PODS: Pod[] = [
  pod("pending", { phase: "Pending" }, { nodeName: undefined }),
  pod("creating", {
    phase: "Pending",
    containerStatuses: [cs("app", { waiting: { reason: "ContainerCreating" } })],
  }),
  pod("running", {
    phase: "Running",
    conditions: podConds("True"),
    containerStatuses: [cs("app", { running: { startedAt: at(5) } }, ready)],
  }),
  pod("crashloop", {
    phase: "Running",
    containerStatuses: [
      cs(
        "app",
        {
          waiting: {
            reason: "CrashLoopBackOff",
            message: "back-off 40s restarting failed container=app pod=crashloop_default(uid-crashloop)",
          },
        },
        {
          restartCount: 4,
          lastState: {
            terminated: { exitCode: 1, reason: "Error", startedAt: at(555), finishedAt: at(560) },
          },
        },
      ),
    ],
  }),
  pod("pullbackoff", {
    phase: "Pending",
    containerStatuses: [cs("app", { waiting: { reason: "ImagePullBackOff" } })],
  }),
  pod("errimagepull", {
    phase: "Pending",
    containerStatuses: [cs("app", { waiting: { reason: "ErrImagePull" } })],
  }),
  pod("completed", {
    phase: "Succeeded",
    containerStatuses: [cs("app", { terminated: { exitCode: 0, reason: "Completed" } })],
  }),
  pod("failed", {
    phase: "Failed",
    containerStatuses: [cs("app", { terminated: { exitCode: 1, reason: "Error" } })],
  }),
  pod("exitcode", { phase: "Failed", containerStatuses: [cs("app", { terminated: { exitCode: 2 } })] }),
  pod("signal", {
    phase: "Failed",
    containerStatuses: [cs("app", { terminated: { exitCode: 137, signal: 9 } })],
  }),
  pod("oom", {
    phase: "Running",
    containerStatuses: [
      cs("app", { terminated: { exitCode: 137, reason: "OOMKilled" } }, { restartCount: 1 }),
    ],
  }),
  pod(
    "init0",
    {
      phase: "Pending",
      initContainerStatuses: [
        cs("init-a", { waiting: { reason: "PodInitializing" } }),
        cs("init-b", { waiting: { reason: "PodInitializing" } }),
      ],
      containerStatuses: [cs("app", { waiting: { reason: "PodInitializing" } })],
    },
    twoInits,
  ),
  pod(
    "init1",
    {
      phase: "Pending",
      initContainerStatuses: [
        cs("init-a", { terminated: { exitCode: 0, reason: "Completed" } }),
        cs("init-b", { running: { startedAt: at(9) } }),
      ],
    },
    twoInits,
  ),
  pod(
    "initcrash",
    {
      phase: "Pending",
      initContainerStatuses: [
        cs(
          "init-a",
          { waiting: { reason: "CrashLoopBackOff" } },
          { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: at(590) } } },
        ),
        cs("init-b", { waiting: { reason: "PodInitializing" } }),
      ],
    },
    twoInits,
  ),
  pod(
    "initerror",
    {
      phase: "Pending",
      initContainerStatuses: [cs("init-a", { terminated: { exitCode: 1, reason: "Error" } })],
    },
    twoInits,
  ),
  pod(
    "initexit",
    { phase: "Pending", initContainerStatuses: [cs("init-a", { terminated: { exitCode: 3 } })] },
    twoInits,
  ),
  pod(
    "terminating",
    {
      phase: "Running",
      conditions: podConds("True"),
      containerStatuses: [cs("app", { running: { startedAt: at(5) } }, ready)],
    },
    {},
    { deletionTimestamp: at(630), deletionGracePeriodSeconds: 30 },
  ),
  pod(
    "notready",
    {
      phase: "Running",
      conditions: podConds("False"),
      containerStatuses: [
        cs("app", { running: { startedAt: at(5) } }, ready),
        cs("job", { terminated: { exitCode: 0, reason: "Completed" } }),
      ],
    },
    { containers: [{ name: "app" }, { name: "job" }] },
  ),
  pod(
    "sidecar",
    {
      phase: "Running",
      initContainerStatuses: [
        cs(
          "proxy",
          { running: { startedAt: at(3) } },
          { ...ready, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: at(300) } } },
        ),
      ],
      containerStatuses: [cs("app", { running: { startedAt: at(5) } }, ready)],
    },
    { initContainers: [{ name: "proxy", image: "envoy", restartPolicy: "Always" }] },
  ),
  pod(
    "gated",
    { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] },
    { nodeName: undefined },
  ),
  pod(
    "nodelost",
    {
      phase: "Running",
      reason: "NodeLost",
      containerStatuses: [cs("app", { running: { startedAt: at(5) } }, ready)],
    },
    {},
    { deletionTimestamp: at(300) },
  ),
];

describe("kubectl get pods: STATUS, READY and RESTARTS (printers.go printPod)", () => {
  it("prints every status the kubelet can produce", async () => {
    const node = fakeNode();
    for (const p of STATUS_PODS) node.api.seed("Pod", p);
    node.clock.advance(600_000);
    const r = await new Shell(node).run("kubectl get pods");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      `NAME           READY   STATUS                  RESTARTS      AGE
completed      0/1     Completed               0             10m
crashloop      0/1     CrashLoopBackOff        4 (40s ago)   10m
creating       0/1     ContainerCreating       0             10m
errimagepull   0/1     ErrImagePull            0             10m
exitcode       0/1     ExitCode:2              0             10m
failed         0/1     Error                   0             10m
gated          0/1     SchedulingGated         0             10m
init0          0/1     Init:0/2                0             10m
init1          0/1     Init:1/2                0             10m
initcrash      0/1     Init:CrashLoopBackOff   2 (10s ago)   10m
initerror      0/1     Init:Error              0             10m
initexit       0/1     Init:ExitCode:3         0             10m
nodelost       1/1     Unknown                 0             10m
notready       1/2     NotReady                0             10m
oom            0/1     OOMKilled               1             10m
pending        0/1     Pending                 0             10m
pullbackoff    0/1     ImagePullBackOff        0             10m
running        1/1     Running                 0             10m
sidecar        2/2     Running                 1 (5m ago)    10m
signal         0/1     Signal:9                0             10m
terminating    1/1     Terminating             0             10m
`,
    );
  });

  it("-o wide adds IP, NODE, NOMINATED NODE, READINESS GATES with <none> placeholders", async () => {
    const node = fakeNode();
    node.api.seed("Pod", {
      ...STATUS_PODS[2],
      status: { ...STATUS_PODS[2].status, podIPs: [{ ip: "10.244.0.7" }] },
    });
    node.api.seed("Pod", {
      ...STATUS_PODS[0],
      spec: { ...STATUS_PODS[0].spec!, readinessGates: [{ conditionType: "example.com/lb" }] },
    });
    node.clock.advance(90_000);
    const r = await new Shell(node).run("kubectl get pods -owide");
    expect(r.stdout).toBe(
      `NAME      READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
pending   0/1     Pending   0          90s   <none>       <none>   <none>           0/1
running   1/1     Running   0          90s   10.244.0.7   node-1   <none>           <none>
`,
    );
  });
});
