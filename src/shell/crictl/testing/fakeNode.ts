// A tiny SimNode for shell tests: a VirtualClock, NodeFs, Journal, two Units and a fake CRI that serves
// fixed objects (like cri-api's fake_runtime_service.go: records calls, takes injected errors).
import { Rng, VirtualClock } from "../../../sim/clock";
import {
  type Container,
  ContainerState,
  type ContainerStats,
  type ContainerStatus,
  CriError,
  type Image,
  type ImageService,
  type PodSandbox,
  PodSandboxState,
  type RuntimeService,
} from "../../../sim/cri";
import { NodeFs } from "../../../sim/node/fs";
import { Journal, Unit } from "../../../sim/node/systemd";
import type { SimNode } from "../../../sim/node/types";
import { Deferred } from "../../../sim/task";
import type { CommandContext, CommandResult } from "../../types";

export const hex = (seed: string) => seed.padEnd(64, "0");
export const POD_NGINX = hex("3f2a9c1e7b4d5a6f");
export const POD_DNS = hex("9b8c7d6e5f4a3b2c");
export const CTR_NGINX = hex("c0ffee1234567890");
export const CTR_OLD = hex("deadbeef00112233");
export const IMG_NGINX = `sha256:${hex("a1b2c3d4e5f6a7b8")}`;
export const IMG_PAUSE = `sha256:${hex("873ed7510279")}`;

export class FakeCri {
  calls: string[] = [];
  errors = new Map<string, CriError>();
  pods: PodSandbox[] = [];
  containers: Container[] = [];
  statuses = new Map<string, ContainerStatus>();
  images: Image[] = [];
  constructor(private readonly clock: VirtualClock) {}

  /** Answer after 1ms of virtual time, so callers must go through node.settle. */
  // Deferred is invariant; the fake's object literals are checked by the tests instead.
  answer<T>(method: string, value: () => T): Deferred<any> {
    this.calls.push(method);
    const d = new Deferred<T>();
    const err = this.errors.get(method);
    this.clock.setTimer(1, () => (err ? d.reject(err) : d.resolve(value())));
    return d;
  }
}

export function fakeNode(): {
  node: SimNode;
  cri: FakeCri;
  clock: VirtualClock;
  run: (line: string[], ctx?: Partial<CommandContext>) => CommandContext;
} {
  const clock = new VirtualClock();
  const fs = new NodeFs();
  const journal = new Journal(clock);
  let pid = 800;
  const hooks = { start: () => undefined, stop: () => {} };
  const containerd = new Unit(
    "containerd",
    "containerd container runtime",
    "/lib/systemd/system/containerd.service",
    "/usr/bin/containerd",
    clock,
    journal,
    () => (pid += 12),
    hooks,
  );
  const kubelet = new Unit(
    "kubelet",
    "kubelet: The Kubernetes Node Agent",
    "/usr/lib/systemd/system/kubelet.service",
    "/usr/bin/kubelet",
    clock,
    journal,
    () => (pid += 231),
    hooks,
  );
  containerd.start();
  kubelet.start();
  const cri = new FakeCri(clock);
  const ns = (ms: number) => clock.wallMs(ms) * 1e6;
  const byId = <T extends { id: string }>(list: T[], id: string, what: string): T => {
    const x = list.find((i) => i.id === id);
    if (!x) throw new CriError("NotFound", `an error occurred when try to find ${what} "${id}": not found`);
    return x;
  };
  const runtimeService: RuntimeService = {
    version: () =>
      cri.answer("Version", () => ({
        version: "0.1.0",
        runtimeName: "containerd",
        runtimeVersion: "v2.1.4",
        runtimeApiVersion: "v1",
      })),
    status: () =>
      cri.answer("Status", () => ({
        status: {
          conditions: [
            { type: "RuntimeReady", status: true, reason: "", message: "" },
            { type: "NetworkReady", status: true, reason: "", message: "" },
          ],
        },
        info: {
          golang: '"go1.24.6"',
          lastCNILoadStatus: '"OK"',
          config: '{"sandboxImage":"registry.k8s.io/pause:3.10"}',
        },
      })),
    runPodSandbox: (req) =>
      cri.answer("RunPodSandbox", () => {
        const id = hex(`5a5a${cri.pods.length}`);
        cri.pods.push({
          id,
          metadata: req.config.metadata,
          state: PodSandboxState.SANDBOX_READY,
          createdAt: ns(clock.now()),
          labels: req.config.labels ?? {},
          annotations: req.config.annotations ?? {},
          runtimeHandler: req.runtimeHandler ?? "",
        });
        return { podSandboxId: id };
      }),
    stopPodSandbox: (req) =>
      cri.answer("StopPodSandbox", () => {
        byId(cri.pods, req.podSandboxId, "sandbox").state = PodSandboxState.SANDBOX_NOTREADY;
        return {};
      }),
    removePodSandbox: (req) =>
      cri.answer("RemovePodSandbox", () => {
        cri.pods = cri.pods.filter((p) => p.id !== req.podSandboxId);
        return {};
      }),
    podSandboxStatus: (req) =>
      cri.answer("PodSandboxStatus", () => {
        const p = byId(cri.pods, req.podSandboxId, "sandbox");
        return {
          status: { ...p, network: { ip: "10.244.0.12" } },
          info: { info: '{"pid":4242,"runtimeType":"io.containerd.runc.v2"}' },
        };
      }),
    listPodSandbox: (req) =>
      cri.answer("ListPodSandbox", () => ({
        items: cri.pods.filter(
          (p) =>
            (!req.filter?.id || p.id === req.filter.id) &&
            (req.filter?.state === undefined || p.state === req.filter.state.state) &&
            Object.entries(req.filter?.labelSelector ?? {}).every(([k, v]) => p.labels[k] === v),
        ),
      })),
    createContainer: () => cri.answer("CreateContainer", () => ({ containerId: hex("cafe01") })),
    startContainer: (req) =>
      cri.answer("StartContainer", () => {
        byId(cri.containers, req.containerId, "container");
        return {};
      }),
    stopContainer: (req) =>
      cri.answer("StopContainer", () => {
        byId(cri.containers, req.containerId, "container").state = ContainerState.CONTAINER_EXITED;
        return {};
      }),
    removeContainer: (req) =>
      cri.answer("RemoveContainer", () => {
        cri.containers = cri.containers.filter((c) => c.id !== req.containerId);
        return {};
      }),
    listContainers: (req) =>
      cri.answer("ListContainers", () => ({
        containers: cri.containers.filter(
          (c) =>
            (!req.filter?.id || c.id === req.filter.id) &&
            (!req.filter?.podSandboxId || c.podSandboxId === req.filter.podSandboxId) &&
            (req.filter?.state === undefined || c.state === req.filter.state.state),
        ),
      })),
    containerStatus: (req) =>
      cri.answer("ContainerStatus", () => {
        const c = byId(cri.containers, req.containerId, "container");
        const st = cri.statuses.get(c.id);
        if (!st) throw new CriError("NotFound", "no status");
        return { status: { ...st, state: c.state }, info: { info: '{"pid":4321,"sandboxID":"x"}' } };
      }),
    updateContainerResources: () => cri.answer("UpdateContainerResources", () => ({})),
    execSync: (req) =>
      cri.answer("ExecSync", () => ({
        stdout: `ran ${req.cmd.join(" ")}\n`,
        stderr: "",
        exitCode: req.cmd[0] === "false" ? 1 : 0,
      })),
    containerStats: () => cri.answer("ContainerStats", () => ({ stats: statsFor(cri.containers[0]) })),
    listContainerStats: () =>
      cri.answer("ListContainerStats", () => ({ stats: cri.containers.map(statsFor) })),
    getContainerEvents: () => () => {},
  };
  const statsFor = (c: Container): ContainerStats => {
    const running = c.state === ContainerState.CONTAINER_RUNNING;
    const t = ns(clock.now());
    return {
      attributes: { id: c.id, metadata: c.metadata, labels: c.labels, annotations: c.annotations },
      // 25% of one core: 0.25s of CPU per second of wall time.
      cpu: { timestamp: t, usageCoreNanoSeconds: { value: running ? clock.now() * 250_000 + 1 : 0 } },
      memory: { timestamp: t, workingSetBytes: { value: running ? 12_582_912 : 0 } },
      writableLayer: {
        timestamp: t,
        fsId: { mountpoint: "/var/lib/containerd" },
        usedBytes: { value: 49_152 },
        inodesUsed: { value: 12 },
      },
    };
  };
  const imageService: ImageService = {
    listImages: () => cri.answer("ListImages", () => ({ images: cri.images })),
    imageStatus: (req) =>
      cri.answer("ImageStatus", () => {
        const ref = req.image.image;
        const full = ref.includes("/")
          ? ref
          : `docker.io/library/${ref.includes(":") ? ref : `${ref}:latest`}`;
        const image = cri.images.find(
          (i) => i.id === ref || i.repoTags.includes(full) || i.repoTags.includes(ref),
        );
        return { image, info: image ? { info: '{"chainID":"sha256:1"}' } : undefined };
      }),
    pullImage: (req) =>
      cri.answer("PullImage", () => {
        if (req.image.image.endsWith(":nope")) {
          throw new CriError(
            "NotFound",
            `failed to pull and unpack image "docker.io/library/${req.image.image}": failed to resolve reference "docker.io/library/${req.image.image}": docker.io/library/${req.image.image}: not found`,
          );
        }
        return { imageRef: IMG_NGINX };
      }),
    removeImage: (req) =>
      cri.answer("RemoveImage", () => {
        cri.images = cri.images.filter(
          (i) => i.id !== req.image.image && !i.repoTags.some((t) => t.endsWith(req.image.image)),
        );
        return {};
      }),
    imageFsInfo: () => cri.answer("ImageFsInfo", () => ({ imageFilesystems: [], containerFilesystems: [] })),
  };
  const node = {
    nodeName: "node-1",
    clock,
    rng: new Rng(1),
    trace: {},
    api: {},
    fs,
    journal,
    units: { containerd, kubelet },
    runtimeService,
    imageService,
    faults: {},
    async settle<T>(d: Deferred<T>): Promise<T> {
      clock.runUntil(() => d.settled);
      return d.toPromise();
    },
  } as unknown as SimNode;
  const run = (args: string[], extra: Partial<CommandContext> = {}): CommandContext => ({
    node,
    args,
    color: false,
    columns: 80,
    ...extra,
  });
  return { node, cri, clock, run };
}

/** The standard scene: two pods, a running and an exited container, three images. */
export function seedScene(env: ReturnType<typeof fakeNode>): void {
  const { cri, clock } = env;
  const ns = (ms: number) => clock.wallMs(ms) * 1e6;
  cri.pods.push(
    {
      id: POD_NGINX,
      metadata: { name: "web-7c5d8bf9f7-x2x9q", uid: "u-1", namespace: "default", attempt: 0 },
      state: PodSandboxState.SANDBOX_READY,
      createdAt: ns(0),
      labels: { app: "web" },
      annotations: {},
      runtimeHandler: "",
    },
    {
      id: POD_DNS,
      metadata: { name: "coredns-668d6bf9bc-4kq2z", uid: "u-2", namespace: "kube-system", attempt: 1 },
      state: PodSandboxState.SANDBOX_NOTREADY,
      createdAt: ns(60_000),
      labels: { "k8s-app": "kube-dns" },
      annotations: {},
      runtimeHandler: "runc",
    },
  );
  const labels = (pod: string, ns_: string, c: string) => ({
    "io.kubernetes.pod.name": pod,
    "io.kubernetes.pod.namespace": ns_,
    "io.kubernetes.container.name": c,
  });
  cri.containers.push(
    {
      id: CTR_NGINX,
      podSandboxId: POD_NGINX,
      metadata: { name: "nginx", attempt: 0 },
      image: { image: IMG_NGINX },
      imageRef: `docker.io/library/nginx@sha256:${hex("d1g3")}`,
      state: ContainerState.CONTAINER_RUNNING,
      createdAt: ns(5_000),
      labels: labels("web-7c5d8bf9f7-x2x9q", "default", "nginx"),
      annotations: {},
    },
    {
      id: CTR_OLD,
      podSandboxId: POD_DNS,
      metadata: { name: "coredns", attempt: 2 },
      image: { image: "registry.k8s.io/coredns/coredns:v1.11.3" },
      imageRef: "registry.k8s.io/coredns/coredns@sha256:1",
      state: ContainerState.CONTAINER_EXITED,
      createdAt: ns(90_000),
      labels: labels("coredns-668d6bf9bc-4kq2z", "kube-system", "coredns"),
      annotations: {},
    },
  );
  const logPath = "/var/log/pods/default_web-7c5d8bf9f7-x2x9q_u-1/nginx/0.log";
  cri.statuses.set(CTR_NGINX, {
    id: CTR_NGINX,
    metadata: { name: "nginx", attempt: 0 },
    state: ContainerState.CONTAINER_RUNNING,
    createdAt: ns(5_000),
    startedAt: ns(5_100) + 123_000,
    finishedAt: 0,
    exitCode: 0,
    image: { image: IMG_NGINX },
    imageRef: "docker.io/library/nginx@sha256:d1g3",
    reason: "",
    message: "",
    labels: labels("web-7c5d8bf9f7-x2x9q", "default", "nginx"),
    annotations: { "io.kubernetes.container.hash": "<5d1c>" },
    mounts: [],
    logPath,
  });
  env.node.fs.write(
    logPath,
    [
      "2026-01-15T09:00:05.1Z stdout F start worker 1",
      "2026-01-15T09:00:05.2Z stderr F warn: low memory",
      "2026-01-15T09:00:06.123456789Z stdout P part one, ",
      "2026-01-15T09:00:06.2Z stdout F part two",
      "2026-01-15T09:00:07Z stdout F done",
      "",
    ].join("\n"),
  );
  cri.images.push(
    {
      id: IMG_NGINX,
      repoTags: ["docker.io/library/nginx:1.27", "docker.io/library/nginx:latest"],
      repoDigests: [`docker.io/library/nginx@sha256:${hex("d1g3")}`],
      size: 72_195_292,
      username: "",
      pinned: false,
    },
    {
      id: IMG_PAUSE,
      repoTags: ["registry.k8s.io/pause:3.10"],
      repoDigests: [`registry.k8s.io/pause@sha256:${hex("ee6521")}`],
      size: 320_368,
      username: "",
      pinned: true,
    },
    {
      id: `sha256:${hex("0badc0de")}`,
      repoTags: [],
      repoDigests: [`docker.io/library/busybox@sha256:${hex("b5b5")}`],
      size: 4_270_000,
      username: "",
      pinned: false,
    },
  );
}

export async function exec(
  cmd: { run(ctx: CommandContext): Promise<CommandResult> },
  ctx: CommandContext,
): Promise<CommandResult> {
  return cmd.run(ctx);
}
