// THROWAWAY dev mock until src/sim/node/simulation.ts exists. Delete before finishing.
import { parse } from "yaml";
import type { KubeObject } from "../../sim/apiserver/types";
import { VirtualClock } from "../../sim/clock";
import { ContainerState, PodSandboxState } from "../../sim/cri/types";
import type { NodeSnapshot, SimNode, Simulation } from "../../sim/node/types";
import { type TraceInput, TraceLog } from "../../sim/trace";

export function createSimulation(opts: { seed?: number }): Simulation {
  const clock = new VirtualClock();
  const trace = new TraceLog(() => clock.now());
  const pods: KubeObject[] = [];
  const events: KubeObject[] = [];
  const snap: Pick<NodeSnapshot, "sandboxes" | "containers" | "images" | "pulls"> = {
    sandboxes: [],
    containers: [],
    images: [
      {
        id: "sha256:pause",
        repoTags: ["registry.k8s.io/pause:3.10"],
        repoDigests: [],
        size: 320_000,
        username: "",
        pinned: true,
      },
    ],
    pulls: [],
  };
  const relist = () => {
    trace.record({ from: "kubelet", to: "cri", kind: "cri.request", summary: "ListPodSandbox()" });
    clock.setTimer(1000, relist);
  };
  clock.setTimer(1000, relist);
  const node = { nodeName: "node-1", clock, trace } as unknown as SimNode;
  let n = 0;
  const ev = (reason: string, message: string, type = "Normal") =>
    events.push({
      kind: "Event",
      metadata: { name: `e${++n}` },
      type,
      reason,
      message,
      source: { component: "kubelet" },
      lastTimestamp: new Date(clock.wallMs()).toISOString(),
    });
  const steps = (pod: KubeObject) => {
    const name = pod.metadata!.name!;
    const spec = pod.spec as { containers: { name: string; image: string }[] };
    const c = spec.containers[0];
    const seq: [number, TraceInput, () => void][] = [
      [10, { from: "apiserver", to: "kubelet", kind: "watch", summary: `ADDED pod ${name}` }, () => {}],
      [50, { from: "kubelet", to: "cri", kind: "cri.request", summary: `RunPodSandbox(${name})` }, () => {}],
      [100, { from: "containerd", to: "cni", kind: "cni", summary: `ADD eth0 ${name}` }, () => {}],
      [
        300,
        { from: "cri", to: "kubelet", kind: "cri.response", summary: "RunPodSandbox → sb1" },
        () =>
          snap.sandboxes.push({
            sandbox: {
              id: `sb${n}`,
              metadata: { name, namespace: "default", uid: "u", attempt: 0 },
              state: PodSandboxState.SANDBOX_READY,
              createdAt: 0,
              labels: {},
              annotations: {},
              runtimeHandler: "",
            },
            ip: "10.88.0.2",
          }),
      ],
      [
        400,
        { from: "kubelet", to: "cri", kind: "cri.request", summary: `PullImage(${c.image})` },
        () => {
          ev("Pulling", `Pulling image "${c.image}"`);
          snap.pulls.push({ image: c.image, layersDone: 1, layersTotal: 5, bytesDone: 1e6, bytesTotal: 6e6 });
        },
      ],
      [
        2500,
        { from: "registry", to: "containerd", kind: "pull", summary: `layer 5/5 ${c.image}` },
        () => {
          snap.pulls = [];
          snap.images.push({
            id: `sha256:${c.image}`,
            repoTags: [c.image],
            repoDigests: [],
            size: 72_000_000,
            username: "",
            pinned: false,
          });
          ev(
            "Pulled",
            `Successfully pulled image "${c.image}" in 2.1s (2.1s including waiting). Image size: 72000000 bytes.`,
          );
        },
      ],
      [
        2600,
        { from: "kubelet", to: "cri", kind: "cri.request", summary: `CreateContainer(${c.name})` },
        () => {
          snap.containers.push({
            id: `c${n}`,
            podSandboxId: snap.sandboxes.at(-1)!.sandbox.id,
            metadata: { name: c.name, attempt: 0 },
            image: { image: c.image },
            imageRef: "",
            state: ContainerState.CONTAINER_CREATED,
            createdAt: 0,
            labels: {},
            annotations: {},
          });
          ev("Created", `Created container: ${c.name}`);
        },
      ],
      [
        2700,
        { from: "kubelet", to: "cri", kind: "cri.request", summary: `StartContainer(${c.name})` },
        () => {},
      ],
      [
        2800,
        { from: "containerd", to: "shim", kind: "kernel", summary: "runc create + start" },
        () => {
          snap.containers.at(-1)!.state = ContainerState.CONTAINER_RUNNING;
          ev("Started", `Started container ${c.name}`);
        },
      ],
      [
        3000,
        { from: "kubelet", to: "apiserver", kind: "status", summary: `${name} Running` },
        () => {
          pod.status = {
            phase: "Running",
            conditions: [
              "PodReadyToStartContainers",
              "Initialized",
              "Ready",
              "ContainersReady",
              "PodScheduled",
            ].map((type) => ({ type, status: "True" })),
            containerStatuses: [
              { name: c.name, ready: true, restartCount: 0, state: { running: { startedAt: "x" } } },
            ],
          };
        },
      ],
    ];
    for (const [at, t, f] of seq)
      clock.setTimer(at, () => {
        f();
        trace.record({ ...t, pod: `default/${name}` });
      });
  };
  return {
    seed: opts.seed ?? 1,
    node,
    trace,
    async exec(line) {
      if (line.startsWith("kubectl get nodes"))
        return "NAME     STATUS   ROLES    AGE   VERSION\nnode-1   Ready    <none>   1m    v1.34.0\n";
      if (line.startsWith("kubectl get pods"))
        return (
          "NAME   READY   STATUS    RESTARTS   AGE\n" +
          pods
            .map((p) => `${p.metadata!.name}    ${(p.status as { phase?: string })?.phase ?? "Pending"}`)
            .join("\n") +
          "\n"
        );
      return `bash: ${line.split(" ")[0]}: command not found\n`;
    },
    async advance(ms) {
      clock.advance(ms);
    },
    async apply(y) {
      const obj = (typeof y === "string" ? parse(y) : y) as KubeObject;
      if (!obj?.metadata?.name) throw new Error("error validating data: metadata.name missing");
      obj.status = { phase: "Pending" };
      pods.push(obj);
      trace.record({
        from: "user",
        to: "apiserver",
        kind: "api",
        summary: `create pod ${obj.metadata.name}`,
      });
      steps(obj);
      return `pod/${obj.metadata.name} created\n`;
    },
    snapshot(): NodeSnapshot {
      return {
        t: clock.now(),
        nodeName: "node-1",
        pods: structuredClone(pods),
        nodes: [],
        events: structuredClone(events),
        sandboxes: structuredClone(snap.sandboxes),
        containers: structuredClone(snap.containers),
        images: structuredClone(snap.images),
        pulls: structuredClone(snap.pulls),
        runtime: { containerd: "active", kubelet: "active" },
        imageFs: { usedBytes: 30e9, capacityBytes: 40e9 },
        lastTraceId: trace.lastId,
      };
    },
  };
}
