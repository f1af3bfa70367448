// k8s: staging/src/k8s.io/cri-api/pkg/apis/testing/fake_runtime_service.go + fake_image_service.go — simplified: a test double on the virtual clock.
import type { VirtualClock } from "../../clock";
import { ContainerState, CriError, PodSandboxState } from "../../cri";
import type { ImageService, RuntimeService } from "../../cri/services";
import type {
  Container,
  ContainerConfig,
  ContainerStatus,
  Image,
  PodSandboxConfig,
  PodSandboxStatus,
} from "../../cri/types";
import { Deferred } from "../../task";

/** A scripted program: how a container behaves once started. */
export interface Script {
  /** Exit after this many ms with this code (and reason, e.g. OOMKilled). */
  exitAfterMs?: number;
  exitCode?: number;
  reason?: string;
  /** ExecSync answers (probes, hooks). */
  exec?: (cmd: string[]) => { exitCode: number; stdout?: string };
}

interface FakeContainer {
  status: ContainerStatus;
  podSandboxId: string;
  name: string;
  timer?: ReturnType<VirtualClock["setTimer"]>;
}

export class FakeRuntime implements RuntimeService, ImageService {
  readonly calls: string[] = [];
  readonly sandboxes = new Map<string, { status: PodSandboxStatus; config: PodSandboxConfig }>();
  readonly containers = new Map<string, FakeContainer>();
  readonly images = new Map<string, Image>();
  private readonly errors = new Map<string, Error[]>();
  /** Per container name. */
  readonly scripts = new Map<string, Script>();
  /** Images whose pull fails (message). */
  readonly pullFailures = new Map<string, string>();
  down = false;
  networkReady = true;
  delayMs = 5;
  pullDelayMs = 1000;
  private seq = 0;
  private ipSeq = 1;

  constructor(private readonly clock: VirtualClock) {}

  addImage(ref: string, size = 10_000_000, pinned = false): Image {
    const id = `sha256:${(++this.seq).toString(16).padStart(64, "0")}`;
    const img: Image = {
      id,
      repoTags: [ref],
      repoDigests: [`${ref.split(":")[0]}@${id}`],
      size,
      username: "",
      pinned,
    };
    this.images.set(ref, img);
    return img;
  }

  injectError(method: string, err: Error): void {
    const l = this.errors.get(method) ?? [];
    l.push(err);
    this.errors.set(method, l);
  }

  private answer<T>(method: string, fn: () => T, delay = this.delayMs): Deferred<T> {
    this.calls.push(method);
    const d = new Deferred<T>();
    const injected = this.errors.get(method)?.shift();
    this.clock.setTimer(delay, () => {
      if (this.down)
        return d.reject(
          new CriError(
            "Unavailable",
            'connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"',
          ),
        );
      if (injected) return d.reject(injected);
      try {
        d.resolve(fn());
      } catch (e) {
        d.reject(e);
      }
    });
    return d;
  }

  private ns(): number {
    return this.clock.wallMs() * 1e6;
  }

  private findImage(ref: string): Image | undefined {
    return (
      this.images.get(ref) ?? [...this.images.values()].find((i) => i.id === ref || i.repoTags.includes(ref))
    );
  }

  // RuntimeService
  version() {
    return this.answer("Version", () => ({
      version: "0.1.0",
      runtimeName: "containerd",
      runtimeVersion: "v2.1.3",
      runtimeApiVersion: "v1",
    }));
  }
  status() {
    return this.answer("Status", () => ({
      status: {
        conditions: [
          { type: "RuntimeReady", status: true, reason: "", message: "" },
          this.networkReady
            ? { type: "NetworkReady", status: true, reason: "", message: "" }
            : {
                type: "NetworkReady",
                status: false,
                reason: "NetworkPluginNotReady",
                message: "Network plugin returns error: cni plugin not initialized",
              },
        ],
      },
    }));
  }
  runPodSandbox(req: { config: PodSandboxConfig }) {
    return this.answer(
      "RunPodSandbox",
      () => {
        const id = (++this.seq).toString(16).padStart(64, "a");
        const status: PodSandboxStatus = {
          id,
          metadata: req.config.metadata,
          state: PodSandboxState.SANDBOX_READY,
          createdAt: this.ns(),
          network: { ip: `10.244.0.${++this.ipSeq}` },
          labels: req.config.labels ?? {},
          annotations: req.config.annotations ?? {},
          runtimeHandler: "",
        };
        this.sandboxes.set(id, { status, config: req.config });
        return { podSandboxId: id };
      },
      100,
    );
  }
  stopPodSandbox(req: { podSandboxId: string }) {
    return this.answer("StopPodSandbox", () => {
      const s = this.sandboxes.get(req.podSandboxId);
      if (s) {
        s.status.state = PodSandboxState.SANDBOX_NOTREADY;
        s.status.network = { ip: "" };
      }
      return {} as Record<string, never>;
    });
  }
  removePodSandbox(req: { podSandboxId: string }) {
    return this.answer("RemovePodSandbox", () => {
      this.sandboxes.delete(req.podSandboxId);
      for (const [id, c] of this.containers)
        if (c.podSandboxId === req.podSandboxId) this.containers.delete(id);
      return {} as Record<string, never>;
    });
  }
  podSandboxStatus(req: { podSandboxId: string }) {
    return this.answer("PodSandboxStatus", () => {
      const s = this.sandboxes.get(req.podSandboxId);
      if (!s) throw new CriError("NotFound", `an error occurred when try to find sandbox: not found`);
      return { status: structuredClone(s.status) };
    });
  }
  listPodSandbox() {
    return this.answer("ListPodSandbox", () => ({
      items: [...this.sandboxes.values()].map(({ status: s }) => ({
        id: s.id,
        metadata: s.metadata,
        state: s.state,
        createdAt: s.createdAt,
        labels: s.labels,
        annotations: s.annotations,
        runtimeHandler: "",
      })),
    }));
  }
  createContainer(req: { podSandboxId: string; config: ContainerConfig; sandboxConfig: PodSandboxConfig }) {
    return this.answer(
      "CreateContainer",
      () => {
        const id = (++this.seq).toString(16).padStart(64, "c");
        const img = this.findImage(req.config.image.image);
        const status: ContainerStatus = {
          id,
          metadata: req.config.metadata,
          state: ContainerState.CONTAINER_CREATED,
          createdAt: this.ns(),
          startedAt: 0,
          finishedAt: 0,
          exitCode: 0,
          image: { image: req.config.image.userSpecifiedImage ?? req.config.image.image },
          imageRef: img?.id ?? req.config.image.image,
          reason: "",
          message: "",
          labels: req.config.labels ?? {},
          annotations: req.config.annotations ?? {},
          mounts: [],
          logPath: `${req.sandboxConfig.logDirectory}/${req.config.logPath}`,
        };
        this.containers.set(id, { status, podSandboxId: req.podSandboxId, name: req.config.metadata.name });
        return { containerId: id };
      },
      20,
    );
  }
  startContainer(req: { containerId: string }) {
    return this.answer(
      "StartContainer",
      () => {
        const c = this.containers.get(req.containerId);
        if (!c) throw new CriError("NotFound", "container not found");
        c.status.state = ContainerState.CONTAINER_RUNNING;
        c.status.startedAt = this.ns();
        const sc = this.scripts.get(c.name);
        if (sc?.exitAfterMs !== undefined)
          c.timer = this.clock.setTimer(sc.exitAfterMs, () => this.exit(c, sc.exitCode ?? 0, sc.reason));
        return {} as Record<string, never>;
      },
      50,
    );
  }
  /** Make a running container exit now. */
  exit(c: FakeContainer, code: number, reason?: string): void {
    if (c.status.state !== ContainerState.CONTAINER_RUNNING) return;
    this.clock.cancel(c.timer);
    c.status.state = ContainerState.CONTAINER_EXITED;
    c.status.finishedAt = this.ns();
    c.status.exitCode = code;
    c.status.reason = reason ?? (code === 0 ? "Completed" : "Error");
  }
  stopContainer(req: { containerId: string; timeout: number }) {
    return this.answer("StopContainer", () => {
      const c = this.containers.get(req.containerId);
      if (c) this.exit(c, 143);
      return {} as Record<string, never>;
    });
  }
  removeContainer(req: { containerId: string }) {
    return this.answer("RemoveContainer", () => {
      this.containers.delete(req.containerId);
      return {} as Record<string, never>;
    });
  }
  listContainers() {
    return this.answer("ListContainers", () => ({
      containers: [...this.containers.values()].map(
        (c): Container => ({
          id: c.status.id,
          podSandboxId: c.podSandboxId,
          metadata: c.status.metadata,
          image: c.status.image,
          imageRef: c.status.imageRef,
          state: c.status.state,
          createdAt: c.status.createdAt,
          labels: c.status.labels,
          annotations: c.status.annotations,
        }),
      ),
    }));
  }
  containerStatus(req: { containerId: string }) {
    return this.answer("ContainerStatus", () => {
      const c = this.containers.get(req.containerId);
      if (!c) throw new CriError("NotFound", "container not found");
      return { status: structuredClone(c.status) };
    });
  }
  updateContainerResources() {
    return this.answer("UpdateContainerResources", () => ({}) as Record<string, never>);
  }
  execSync(req: { containerId: string; cmd: string[] }) {
    return this.answer("ExecSync", () => {
      const c = this.containers.get(req.containerId);
      const r = (c && this.scripts.get(c.name)?.exec?.(req.cmd)) ?? { exitCode: 0, stdout: "" };
      return { stdout: r.stdout ?? "", stderr: "", exitCode: r.exitCode };
    });
  }
  containerStats(): never {
    throw new Error("not implemented");
  }
  listContainerStats(): never {
    throw new Error("not implemented");
  }
  getContainerEvents() {
    return () => {};
  }

  // ImageService
  listImages() {
    return this.answer("ListImages", () => ({ images: [...new Set(this.images.values())] }));
  }
  imageStatus(req: { image: { image: string } }) {
    return this.answer("ImageStatus", () => ({ image: this.findImage(req.image.image) }));
  }
  pullImage(req: { image: { image: string } }) {
    return this.answer(
      "PullImage",
      () => {
        const ref = req.image.image;
        const fail = this.pullFailures.get(ref);
        if (fail) throw new CriError("NotFound", fail);
        return { imageRef: (this.findImage(ref) ?? this.addImage(ref)).id };
      },
      this.pullDelayMs,
    );
  }
  removeImage(req: { image: { image: string } }) {
    return this.answer("RemoveImage", () => {
      for (const [k, v] of this.images)
        if (v.id === req.image.image || k === req.image.image) this.images.delete(k);
      return {} as Record<string, never>;
    });
  }
  imageFsInfo() {
    return this.answer("ImageFsInfo", () => {
      const used = [...this.images.values()].reduce((s, i) => s + i.size, 0);
      const fs = {
        timestamp: this.ns(),
        fsId: { mountpoint: "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs" },
        usedBytes: { value: used },
        inodesUsed: { value: 0 },
      };
      return { imageFilesystems: [fs], containerFilesystems: [fs] };
    });
  }

  /** Running container by container name (newest). */
  container(name: string): FakeContainer | undefined {
    return [...this.containers.values()]
      .filter((c) => c.name === name)
      .sort((a, b) => b.status.createdAt - a.status.createdAt)[0];
  }
}
