// containerd 2.1's CRI plugin (internal/cri/server) — simplified: sandboxes, containers, images, CNI,
// cgroups and logs as in-memory state, answering every CRI call after a small virtual delay.
import type { Rng, VirtualClock } from "../clock";
import { CriError } from "../cri/errors";
import type { ImageService, RuntimeService } from "../cri/services";
import {
  type AttachRequest,
  type AuthConfig,
  type Container,
  type ContainerConfig,
  type ContainerEventResponse,
  type ContainerFilter,
  ContainerState,
  type ContainerStats,
  type ContainerStatusResponse,
  type ExecRequest,
  type ExecSyncResponse,
  type Image,
  type ImageFsInfoResponse,
  type ImageSpec,
  type ImageStatusResponse,
  type LinuxContainerResources,
  type PodSandbox,
  type PodSandboxConfig,
  type PodSandboxFilter,
  PodSandboxState,
  type PodSandboxStatusResponse,
  type StatusResponse,
  type VersionResponse,
} from "../cri/types";
import type { HttpResult, PodNetwork } from "../net/types";
import type { NodeFs } from "../node/fs";
import type { Journal } from "../node/systemd";
import { normalizeReference } from "../registry/reference";
import type { RegistryHub, ResolvedImage } from "../registry/registryHub";
import { Deferred } from "../task";
import type { TraceLog } from "../trace";
import { AppArmorKernel } from "./apparmor";
import { HostLocalIpam } from "./cni";
import { type ContainerdConfig, DEFAULT_CONTAINERD_CONFIG_TOML, loadConfig } from "./containerdConfig";
import { ContainerOps } from "./containerOps";
import { ContainerdLogRecord, type DaemonLog } from "./daemon";
import {
  containerNotFound,
  noRuntime,
  sandboxNotFound,
  systemdCgroupsPathError,
  unavailable,
} from "./errors";
import {
  type KernelView,
  SANDBOX_PROFILES,
  type SandboxKind,
  sandboxKindOf,
} from "./flavours/sandboxHandlers";
import { FLAVOURS, type FlavourSpec } from "./flavours/spec";
import type { Voice } from "./flavours/voices";
import { ImagePuller, PullError, type PullProgress } from "./imagePull";
import { ImageStore, type StoredImage } from "./imageStore";
import { blockedPullMessage, judgementReason, verifyImage } from "./imageVerifier";
import { APPARMOR_DEFAULT_PROFILE, APPARMOR_PROFILES_PATH } from "./security";
import type { TerminalStream } from "./tty";

const APPARMOR_ENABLED_PATH = "/sys/module/apparmor/parameters/enabled";

export interface SimRuntimeOptions {
  clock: VirtualClock;
  rng: Rng;
  trace: TraceLog;
  registry: RegistryHub;
  fs: NodeFs;
  journal: Journal;
  podCidr?: string;
  imageFsCapacityBytes?: number;
  nodeMemoryBytes?: number;
  /** Which runtime this engine stands for (containerd by default): names, versions, timings. */
  flavour?: FlavourSpec;
  /** The kernel's AppArmor policy (a fresh one by default). */
  apparmor?: AppArmorKernel;
}

export interface SandboxRec {
  id: string;
  config: PodSandboxConfig;
  state: PodSandboxState;
  createdAt: number;
  ip?: string;
  netns: string;
  handler: string;
  runtimeType: string;
  pid: number;
  containers: Set<string>;
  /** runc, gVisor or a Kata VM (from the handler's runtime type). */
  kind?: SandboxKind;
  /** What uname/dmesg show inside this sandbox's containers (the host's kernel under runc). */
  kernel?: KernelView;
}

export interface SandboxView {
  sandbox: PodSandbox;
  ip?: string;
  netns?: string;
  /** The handler's runtime type (io.containerd.runc.v2, io.containerd.runsc.v1, io.containerd.kata.v2, oci). */
  runtimeType?: string;
}

const GiB = 1024 ** 3;

export class SimRuntime implements RuntimeService, ImageService, PodNetwork {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly trace: TraceLog;
  readonly registry: RegistryHub;
  readonly fs: NodeFs;
  readonly journal: Journal;
  /** The kernel's AppArmor profiles (securityfs; apparmor_parser loads more). */
  readonly apparmor: AppArmorKernel;
  readonly images = new ImageStore();
  readonly ipam: HostLocalIpam;
  readonly sandboxes = new Map<string, SandboxRec>();
  readonly puller: ImagePuller;
  readonly containers: ContainerOps;
  config: ContainerdConfig;
  imageFsCapacityBytes: number;
  nodeMemoryBytes: number;
  /** Bytes in use on the node outside pods (memory pressure fault). */
  nodeMemoryPressureBytes = 0;
  /** containerd's PID, for journal idents. */
  daemonPid = 812;
  /** What containers' processes connect through: the node puts kube-proxy's rules and the cluster DNS in front. */
  processNetwork: PodNetwork = this;
  /** Rootless mode: containerd runs as an unprivileged user inside rootlesskit's user namespace. */
  rootless = false;
  readonly flavour: FlavourSpec;
  /** Another flavour's daemons rewrite the engine's containerd log lines (flavours/voices.ts). */
  voice?: Voice;
  /** The error a CRI call gets while the daemon is down (containerd: its socket refuses). */
  unavailableError: () => CriError = unavailable;
  /** Runtime handler unknown to this runtime: containerd's words unless a flavour says otherwise. */
  noRuntimeError: (sandboxId: string, handler: string) => CriError = noRuntime;
  private available = true;
  private hostPid = 2000;
  readonly daemonLog: DaemonLog;

  constructor(o: SimRuntimeOptions) {
    this.clock = o.clock;
    this.rng = o.rng;
    this.trace = o.trace;
    this.registry = o.registry;
    this.fs = o.fs;
    this.journal = o.journal;
    this.ipam = new HostLocalIpam(o.podCidr ?? "10.244.0.0/24");
    this.imageFsCapacityBytes = o.imageFsCapacityBytes ?? 20 * GiB;
    this.nodeMemoryBytes = o.nodeMemoryBytes ?? 4 * GiB;
    this.flavour = o.flavour ?? FLAVOURS.containerd;
    const loaded = loadConfig(DEFAULT_CONTAINERD_CONFIG_TOML);
    if (!loaded.ok) throw new Error(loaded.message);
    this.config = loaded.config;
    // `containerd[812]` made once per PID; each line kept as its parts until the journal is read
    let identPid = -1;
    let ident = "";
    this.daemonLog = {
      log: (level, msg, fields) => {
        if (identPid !== this.daemonPid) {
          identPid = this.daemonPid;
          ident = `containerd[${identPid}]`;
        }
        this.journal.append(
          "containerd",
          ident,
          new ContainerdLogRecord(this.clock.wallMs(), level, msg, fields),
        );
      },
    };
    this.puller = new ImagePuller({
      clock: this.clock,
      trace: this.trace,
      registry: this.registry,
      store: this.images,
      maxConcurrentDownloads: () => this.config.maxConcurrentDownloads,
      capacityBytes: () => this.imageFsCapacityBytes,
      isPinned: (r) => this.isSandboxImage(r.reference),
      verify: (r) => this.verifyPull(r),
    });
    this.containers = new ContainerOps(this);
    // securityfs: the AppArmor profiles loaded in the kernel (containerd loads its default one)
    this.apparmor = o.apparmor ?? new AppArmorKernel();
    this.apparmor.replace({ name: APPARMOR_DEFAULT_PROFILE, mode: "enforce", denyWrite: [] });
    o.fs.mount("/sys/kernel/security/apparmor", {
      list: () => [APPARMOR_PROFILES_PATH],
      read: (p) => (p === APPARMOR_PROFILES_PATH ? this.apparmor.profilesFile() : undefined),
    });
    // the module's parameters (the docs' first check: `cat /sys/module/apparmor/parameters/enabled`)
    o.fs.mount("/sys/module/apparmor", {
      list: () => [APPARMOR_ENABLED_PATH],
      read: (p) => (p === APPARMOR_ENABLED_PATH ? "Y\n" : undefined),
    });
  }

  // ---- daemon -------------------------------------------------------------------------------

  get isAvailable(): boolean {
    return this.available;
  }

  /** containerd stopped/started: CRI calls fail while running containers keep running (shims live on). */
  setAvailable(available: boolean): void {
    if (available === this.available) return;
    this.available = available;
    const [daemon, socket] =
      this.flavour.name === "containerd"
        ? ["containerd", "/run/containerd/containerd.sock"]
        : this.flavour.name === "crio"
          ? ["crio", "/var/run/crio/crio.sock"]
          : ["dockerd", "/run/docker.sock"];
    this.trace.record({
      from: "containerd",
      to: "kubelet",
      kind: "daemon",
      summary: available ? `${daemon} serving on ${socket}` : `${daemon} stopped: socket closed`,
    });
  }

  applyConfig(config: ContainerdConfig): void {
    this.config = config;
    for (const img of this.images.list()) img.pinned = img.repoTags.some((t) => this.isSandboxImage(t));
  }

  /** The image verifiers in bin_dir judge a pull; a rejection is logged and becomes the pull's error. */
  private verifyPull(r: ResolvedImage): string | undefined {
    // only containerd has the bindir plugin (CRI-O checks signatures through policy.json instead)
    const dir = this.config.imageVerifierBinDir;
    const j = dir === undefined ? undefined : verifyImage(this.fs, dir, this.config.maxVerifiers ?? 10, r);
    if (!j) return undefined;
    this.log(
      "Image verifier blocked pull",
      {
        digest: r.manifestDigest,
        name: r.reference,
        ok: "false",
        reason: judgementReason(j),
        verifier: "bindir",
      },
      "warning",
    );
    return blockedPullMessage(r, j);
  }

  nextHostPid(): number {
    this.hostPid += this.rng.int(3, 40);
    return this.hostPid;
  }

  log(
    msg: string,
    fields?: Record<string, string | number>,
    level: "info" | "warning" | "error" = "info",
  ): void {
    if (!this.available) return;
    if (this.voice) this.voice(level, msg, fields);
    else this.daemonLog.log(level, msg, fields);
  }

  /** Answer a CRI call after `ms` of virtual time; `fn` runs then (throw a CriError to fail). */
  reply<T>(ms: number, fn: () => T): Deferred<T> {
    const d = new Deferred<T>();
    if (!this.available) {
      this.clock.setTimer(1, () => d.reject(this.unavailableError()));
      return d;
    }
    this.clock.setTimer(ms, () => {
      if (!this.available) return d.reject(this.unavailableError());
      try {
        d.resolve(fn());
      } catch (e) {
        d.reject(e);
      }
    });
    return d;
  }

  wallNs(t = this.clock.now()): number {
    return Math.round(this.clock.wallMs(t) * 1e6);
  }

  podOf(cfg: PodSandboxConfig): string {
    return `${cfg.metadata.namespace}/${cfg.metadata.name}`;
  }

  // ---- RuntimeService: version/status ----------------------------------------------------------

  version(_req: { version: string }): Deferred<VersionResponse> {
    return this.reply(1, () => ({
      version: "0.1.0",
      runtimeName: this.flavour.runtimeName,
      runtimeVersion: this.flavour.runtimeVersion,
      runtimeApiVersion: this.flavour.runtimeApiVersion,
    }));
  }

  status(req: { verbose?: boolean }): Deferred<StatusResponse> {
    return this.reply(1, () => ({
      status: {
        conditions: [
          { type: "RuntimeReady", status: true, reason: "", message: "" },
          { type: "NetworkReady", status: true, reason: "", message: "" },
          // only containerd adds this optional condition
          ...(this.flavour.name === "containerd"
            ? [{ type: "ContainerdHasNoDeprecationWarnings", status: true, reason: "", message: "" }]
            : []),
        ],
      },
      runtimeHandlers: [{ name: "" }, ...Object.keys(this.config.runtimes).map((name) => ({ name }))].map(
        (h) => ({
          name: h.name,
          features: { recursiveReadOnlyMounts: true, userNamespaces: true },
        }),
      ),
      features: { supplementalGroupsPolicy: true },
      info: !req.verbose
        ? undefined
        : this.flavour.name !== "containerd"
          ? this.flavourInfo()
          : {
              config: JSON.stringify({
                containerd: {
                  defaultRuntimeName: this.config.defaultRuntimeName,
                  runtimes: this.config.runtimes,
                },
                cni: { binDirs: this.config.cniBinDirs, confDir: this.config.cniConfDir, maxConfNum: 1 },
                sandboxImage: this.config.sandboxImage,
                snapshotter: this.config.snapshotter,
                maxConcurrentDownloads: this.config.maxConcurrentDownloads,
              }),
              golang: '"go1.23.10"',
              lastCNILoadStatus: '"OK"',
              "lastCNILoadStatus.default": '"OK"',
            },
    }));
  }

  /** `crictl info`'s extra keys on CRI-O (its config) and on Docker (none beyond the status). */
  private flavourInfo(): Record<string, string> | undefined {
    if (this.flavour.name !== "crio") return undefined;
    return {
      config: JSON.stringify({
        crio: {
          runtime: {
            default_runtime: this.config.defaultRuntimeName,
            cgroup_manager: this.config.systemdCgroup ? "systemd" : "cgroupfs",
            runtimes: Object.keys(this.config.runtimes),
          },
          image: { pause_image: this.config.sandboxImage },
          network: { network_dir: this.config.cniConfDir, plugin_dirs: this.config.cniBinDirs },
        },
      }),
    };
  }

  // ---- sandboxes ---------------------------------------------------------------------------------

  findSandbox(id: string): SandboxRec | undefined {
    const exact = this.sandboxes.get(id);
    if (exact || id.length < 1) return exact;
    const hits = [...this.sandboxes.values()].filter((s) => s.id.startsWith(id));
    return hits.length === 1 ? hits[0] : undefined;
  }

  runPodSandbox(req: {
    config: PodSandboxConfig;
    runtimeHandler?: string;
  }): Deferred<{ podSandboxId: string }> {
    const d = new Deferred<{ podSandboxId: string }>();
    if (!this.available) return this.reply(1, () => ({ podSandboxId: "" }));
    const cfg = req.config;
    const md = cfg.metadata;
    const pod = this.podOf(cfg);
    const id = this.rng.hex(64);
    this.log(
      `RunPodSandbox for &PodSandboxMetadata{Name:${md.name},Uid:${md.uid},Namespace:${md.namespace},Attempt:${md.attempt},}`,
    );
    const handler = req.runtimeHandler || this.config.defaultRuntimeName;
    const rt = this.config.runtimes[handler];
    const failWith = (err: CriError) => {
      this.log(
        `RunPodSandbox for &PodSandboxMetadata{Name:${md.name},Uid:${md.uid},Namespace:${md.namespace},Attempt:${md.attempt},} failed, error`,
        { error: err.desc },
        "error",
      );
      d.reject(err);
    };
    if (!rt) {
      this.clock.setTimer(2, () => failWith(this.noRuntimeError(id, handler)));
      return d;
    }
    const kind = sandboxKindOf(rt.runtimeType);
    const profile = SANDBOX_PROFILES[kind];
    const create = () => {
      let delay = this.rng.int(100, 200);
      // flavour and handler overheads (spec.ts, sandboxHandlers.ts); no extra RNG draw for plain containerd+runc
      const [fMin, fMax] = this.flavour.extraSandboxMs;
      if (fMax > 0) delay += this.rng.int(fMin, fMax);
      const [hMin, hMax] = profile.extraStartMs;
      if (hMax > 0) delay += this.rng.int(hMin, hMax);
      if (kind !== "runc") this.traceSandboxLayer(kind, pod, md.name);
      this.clock.setTimer(delay, () => {
        if (!this.available) return d.reject(this.unavailableError());
        const cgroupErr =
          kind === "runc" && rt.systemdCgroup && this.flavour.name === "containerd"
            ? systemdCgroupsPathError(id, cfg.linux?.cgroupParent)
            : undefined;
        if (cgroupErr) return failWith(cgroupErr);
        const netns = `/var/run/netns/cni-${this.rng.uuid()}`;
        const pid = this.nextHostPid();
        this.trace.record({
          from: "shim",
          to: "kernel",
          kind: "kernel",
          summary: `namespaces net, ipc, uts created · ${netns}`,
          detail: { netns, pid },
          pod,
        });
        const ip = this.ipam.allocate(id);
        if (!ip) {
          const r = `${this.ipam.gateway.replace(/\.1$/, ".1")}-${this.ipam.gateway.replace(/\.1$/, ".254")}`;
          return failWith(
            new CriError(
              "Unknown",
              `failed to setup network for sandbox "${id}": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${r}`,
            ),
          );
        }
        this.trace.record({
          from: "containerd",
          to: "cni",
          kind: "cni",
          summary: `ADD ${md.name} → ${ip} (bridge cni0, host-local)`,
          detail: { ip, gateway: this.ipam.gateway, netns, ifName: "eth0" },
          pod,
        });
        const rec: SandboxRec = {
          id,
          config: cfg,
          state: PodSandboxState.SANDBOX_READY,
          createdAt: this.wallNs(),
          ip,
          netns,
          handler: req.runtimeHandler ?? "",
          runtimeType: rt.runtimeType,
          pid,
          containers: new Set(),
          kind,
          kernel: profile.kernel(this.rng),
        };
        this.sandboxes.set(id, rec);
        this.trace.record({
          from: "shim",
          to: "kernel",
          kind: "kernel",
          summary: `pause container started · pid ${pid}`,
          detail: { pid, image: this.config.sandboxImage },
          pod,
        });
        this.log(
          `RunPodSandbox for &PodSandboxMetadata{Name:${md.name},Uid:${md.uid},Namespace:${md.namespace},Attempt:${md.attempt},} returns sandbox id "${id}"`,
        );
        d.resolve({ podSandboxId: id });
      });
    };
    // containerd pulls the sandbox (pause) image itself when it is absent
    const pause = this.config.sandboxImage;
    if (this.images.find(pause)) create();
    else {
      this.log(`PullImage "${pause}"`);
      this.puller.pull(pause, undefined, pod).onSettle((r) => {
        if (r.ok) return create();
        const msg = r.error instanceof PullError ? r.error.message : String(r.error);
        failWith(
          new CriError(
            "Unknown",
            `failed to get sandbox image "${pause}": failed to pull image "${pause}": ${msg}`,
          ),
        );
      });
    }
    return d;
  }

  /** The layer a sandboxed handler adds under the pod: gVisor's Sentry+Gofer, or Kata's VM boot. */
  private traceSandboxLayer(kind: SandboxKind, pod: string, name: string): void {
    if (kind === "runsc")
      this.trace.record({
        from: "shim",
        to: "gvisor",
        kind: "kernel",
        summary: `runsc: Sentry (user-space kernel) + Gofer started for ${name}`,
        detail: { shim: "containerd-shim-runsc-v1", processes: ["runsc-sandbox", "runsc-gofer"] },
        pod,
      });
    else
      this.trace.record({
        from: "shim",
        to: "kata",
        kind: "kernel",
        summary: `kata: QEMU VM booting guest kernel + kata-agent for ${name}`,
        detail: { shim: "containerd-shim-kata-v2", processes: ["qemu-system-x86_64", "virtiofsd"] },
        pod,
      });
  }

  stopPodSandbox(req: { podSandboxId: string }): Deferred<Record<string, never>> {
    return this.reply(this.rng.int(20, 50), () => {
      const sb = this.findSandbox(req.podSandboxId);
      if (!sb) throw sandboxNotFound(req.podSandboxId);
      this.log(`StopPodSandbox for "${sb.id}"`);
      this.stopSandboxNow(sb);
      this.log(`StopPodSandbox for "${sb.id}" returns successfully`);
      return {};
    });
  }

  /** Kill the sandbox's containers, tear its network down, mark it NOTREADY (idempotent). */
  stopSandboxNow(sb: SandboxRec): void {
    for (const cid of sb.containers) this.containers.killNow(cid);
    if (sb.state === PodSandboxState.SANDBOX_NOTREADY) return;
    const pod = this.podOf(sb.config);
    if (sb.ip) {
      this.trace.record({
        from: "containerd",
        to: "cni",
        kind: "cni",
        summary: `DEL ${sb.config.metadata.name} · release ${sb.ip}`,
        detail: { ip: sb.ip, netns: sb.netns },
        pod,
      });
      this.ipam.release(sb.ip);
      this.log(`TearDown network for sandbox "${sb.id}" successfully`);
    }
    this.trace.record({
      from: "shim",
      to: "kernel",
      kind: "kernel",
      summary: `pause container stopped · pid ${sb.pid}`,
      pod,
    });
    sb.state = PodSandboxState.SANDBOX_NOTREADY;
  }

  removePodSandbox(req: { podSandboxId: string }): Deferred<Record<string, never>> {
    return this.reply(this.rng.int(10, 30), () => {
      const sb = this.findSandbox(req.podSandboxId);
      if (!sb) return {}; // idempotent
      this.log(`RemovePodSandbox for "${sb.id}"`);
      if (sb.state === PodSandboxState.SANDBOX_READY) {
        this.log(`Forcibly stopping sandbox "${sb.id}"`);
        this.stopSandboxNow(sb);
      }
      for (const cid of [...sb.containers]) this.containers.removeNow(cid);
      this.sandboxes.delete(sb.id);
      this.log(`RemovePodSandbox "${sb.id}" returns successfully`);
      return {};
    });
  }

  /** ListPodSandbox runs every second (PLEG relist): reuse each sandbox's answer until its state changes. */
  private readonly sandboxCache = new WeakMap<SandboxRec, { state: PodSandboxState; value: PodSandbox }>();

  sandboxToCri(sb: SandboxRec): PodSandbox {
    const hit = this.sandboxCache.get(sb);
    if (hit && hit.state === sb.state) return hit.value;
    const value = Object.freeze(this.buildSandbox(sb));
    this.sandboxCache.set(sb, { state: sb.state, value });
    return value;
  }

  private buildSandbox(sb: SandboxRec): PodSandbox {
    return {
      id: sb.id,
      metadata: { ...sb.config.metadata },
      state: sb.state,
      createdAt: sb.createdAt,
      labels: { ...(sb.config.labels ?? {}) },
      annotations: { ...(sb.config.annotations ?? {}) },
      runtimeHandler: sb.handler,
    };
  }

  podSandboxStatus(req: { podSandboxId: string; verbose?: boolean }): Deferred<PodSandboxStatusResponse> {
    return this.reply(1, () => {
      const sb = this.findSandbox(req.podSandboxId);
      if (!sb) throw sandboxNotFound(req.podSandboxId);
      const ready = sb.state === PodSandboxState.SANDBOX_READY;
      const resp: PodSandboxStatusResponse = {
        status: {
          ...this.sandboxToCri(sb),
          network: { ip: ready ? (sb.ip ?? "") : "", additionalIps: [] },
          // the sandbox's namespace modes as the kubelet asked (hostNetwork/hostPID/hostIPC ⇒ NODE)
          linux: {
            namespaces: {
              options: {
                network: "POD",
                pid: "CONTAINER",
                ipc: "POD",
                ...sb.config.linux?.securityContext?.namespaceOptions,
              },
            },
          },
        },
        containersStatuses: [],
        timestamp: this.wallNs(),
      };
      if (req.verbose)
        resp.info = {
          info: JSON.stringify({
            pid: ready ? sb.pid : 0,
            processStatus: ready ? "running" : "stopped",
            netNamespaceClosed: !ready,
            image: this.config.sandboxImage,
            snapshotKey: sb.id,
            snapshotter: this.config.snapshotter,
            runtimeHandler: sb.handler,
            runtimeType: sb.runtimeType,
            runtimeOptions: { systemd_cgroup: this.config.systemdCgroup },
            config: sb.config,
            runtimeSpec: {
              linux: {
                namespaces: [
                  { type: "pid" },
                  { type: "ipc" },
                  { type: "uts" },
                  { type: "mount" },
                  { type: "network", path: sb.netns },
                ],
              },
            },
            cniResult: ready
              ? { Interfaces: { eth0: { IPConfigs: [{ IP: sb.ip, Gateway: this.ipam.gateway }] }, cni0: {} } }
              : null,
            sandboxMetadata: {
              ID: sb.id,
              Name: `${sb.config.metadata.name}_${sb.config.metadata.namespace}_${sb.config.metadata.uid}_${sb.config.metadata.attempt}`,
              NetNSPath: sb.netns,
              IP: sb.ip ?? "",
            },
          }),
        };
      return resp;
    });
  }

  listPodSandbox(req: { filter?: PodSandboxFilter }): Deferred<{ items: PodSandbox[] }> {
    return this.reply(1, () => {
      const f = req.filter;
      const items: PodSandbox[] = [];
      for (const s of this.sandboxes.values()) {
        if (f?.id && !s.id.startsWith(f.id)) continue;
        if (f?.state !== undefined && s.state !== f.state.state) continue;
        if (!matchLabels(s.config.labels, f?.labelSelector)) continue;
        items.push(this.sandboxToCri(s));
      }
      return { items };
    });
  }

  // ---- containers (delegated) ----------------------------------------------------------------

  createContainer(req: {
    podSandboxId: string;
    config: ContainerConfig;
    sandboxConfig: PodSandboxConfig;
  }): Deferred<{ containerId: string }> {
    return this.containers.create(req);
  }
  startContainer(req: { containerId: string }): Deferred<Record<string, never>> {
    return this.containers.start(req.containerId);
  }
  stopContainer(req: { containerId: string; timeout: number }): Deferred<Record<string, never>> {
    return this.containers.stop(req.containerId, req.timeout);
  }
  removeContainer(req: { containerId: string }): Deferred<Record<string, never>> {
    return this.reply(this.rng.int(10, 25), () => {
      this.containers.removeNow(req.containerId);
      return {};
    });
  }
  listContainers(req: { filter?: ContainerFilter }): Deferred<{ containers: Container[] }> {
    return this.reply(1, () => ({ containers: this.containers.list(req.filter) }));
  }
  containerStatus(req: { containerId: string; verbose?: boolean }): Deferred<ContainerStatusResponse> {
    return this.reply(1, () => this.containers.status(req.containerId, req.verbose ?? false));
  }
  updateContainerResources(req: {
    containerId: string;
    linux?: LinuxContainerResources;
  }): Deferred<Record<string, never>> {
    return this.reply(this.rng.int(5, 15), () => {
      this.containers.update(req.containerId, req.linux);
      return {};
    });
  }
  execSync(req: { containerId: string; cmd: string[]; timeout: number }): Deferred<ExecSyncResponse> {
    return this.containers.execSync(req.containerId, req.cmd, req.timeout);
  }
  exec(req: ExecRequest): Deferred<{ url: string }> {
    return this.containers.streamUrl({ kind: "exec", ...req });
  }
  attach(req: AttachRequest): Deferred<{ url: string }> {
    return this.containers.streamUrl({ kind: "attach", cmd: [], ...req });
  }
  /** A client connects to a URL Exec/Attach handed out (containerd's streaming server). */
  connectStream(url: string): { stream: TerminalStream } | { error: string } {
    return this.containers.connectStream(url);
  }
  containerStats(req: { containerId: string }): Deferred<{ stats: ContainerStats }> {
    return this.reply(1, () => {
      const c = this.containers.get(req.containerId);
      if (!c) throw containerNotFound(req.containerId);
      return { stats: this.containers.stats(c) };
    });
  }
  listContainerStats(req: {
    filter?: { id?: string; podSandboxId?: string; labelSelector?: Record<string, string> };
  }): Deferred<{ stats: ContainerStats[] }> {
    return this.reply(1, () => ({
      stats: this.containers
        .records()
        .filter((c) => c.state === ContainerState.CONTAINER_RUNNING)
        .filter((c) => !req.filter?.id || c.id.startsWith(req.filter.id))
        .filter((c) => !req.filter?.podSandboxId || c.sandboxId.startsWith(req.filter.podSandboxId))
        .filter((c) => matchLabels(c.config.labels, req.filter?.labelSelector))
        .map((c) => this.containers.stats(c)),
    }));
  }
  getContainerEvents(listener: (e: ContainerEventResponse) => void): () => void {
    return this.containers.subscribe(listener);
  }

  // ---- ImageService ----------------------------------------------------------------------------

  isSandboxImage(ref: string): boolean {
    try {
      return normalizeReference(ref) === normalizeReference(this.config.sandboxImage);
    } catch {
      return false;
    }
  }

  listImages(req: { filter?: { image?: ImageSpec } }): Deferred<{ images: Image[] }> {
    return this.reply(1, () => {
      // containerd ignores ListImagesRequest.filter (image_list.go TODO); CRI-O and dockershim honour it.
      const want = this.flavour.name === "containerd" ? undefined : req.filter?.image?.image;
      const list = want ? [this.images.find(want)].filter((i): i is StoredImage => !!i) : this.images.list();
      return { images: list.map((i) => this.images.toCri(i)) };
    });
  }

  imageStatus(req: { image: ImageSpec; verbose?: boolean }): Deferred<ImageStatusResponse> {
    return this.reply(1, () => {
      const img = this.images.find(req.image.image);
      if (!img) return { image: undefined };
      const resp: ImageStatusResponse = { image: this.images.toCri(img) };
      if (req.verbose) {
        const c = img.catalog.config;
        resp.info = {
          info: JSON.stringify({
            chainID: `sha256:${img.layers[img.layers.length - 1]?.slice(7) ?? ""}`,
            imageSpec: {
              architecture: "amd64",
              os: "linux",
              config: {
                User: c.user ?? "",
                ExposedPorts: Object.fromEntries((c.exposedPorts ?? []).map((p) => [p, {}])),
                Env: c.env ?? [],
                Entrypoint: c.entrypoint ?? null,
                Cmd: c.cmd ?? null,
                WorkingDir: c.workingDir ?? "",
                StopSignal: c.stopSignal,
              },
              rootfs: { type: "layers", diff_ids: img.layers },
            },
          }),
        };
      }
      return resp;
    });
  }

  pullImage(req: {
    image: ImageSpec;
    auth?: AuthConfig;
    sandboxConfig?: PodSandboxConfig;
  }): Deferred<{ imageRef: string }> {
    const d = new Deferred<{ imageRef: string }>();
    if (!this.available) return this.reply(1, () => ({ imageRef: "" }));
    const ref = req.image.image;
    const started = this.clock.now();
    this.log(`PullImage ${JSON.stringify(ref)}`);
    const pod = req.sandboxConfig ? this.podOf(req.sandboxConfig) : undefined;
    this.puller.pull(ref, req.auth, pod).onSettle((r) => {
      if (!this.available) return d.reject(this.unavailableError());
      if (!r.ok) {
        const e = r.error instanceof PullError ? r.error : new PullError("Unknown", String(r.error));
        this.log(
          `PullImage ${JSON.stringify(ref)} failed`,
          { error: `rpc error: code = ${e.code} desc = ${e.message}` },
          "error",
        );
        return d.reject(new CriError(e.code, e.message));
      }
      const img = r.value;
      const secs = (this.clock.now() - started) / 1000;
      this.log(
        `ImageCreate event name:${JSON.stringify(img.repoTags[0] ?? img.id)} labels:{key:"io.cri-containerd.image" value:"managed"}`,
      );
      this.log(
        `Pulled image ${JSON.stringify(ref)} with image id ${JSON.stringify(img.id)}, repo tag ${JSON.stringify(img.repoTags[0] ?? "")}, repo digest ${JSON.stringify(img.repoDigests[0] ?? "")}, size ${JSON.stringify(String(img.size))} in ${secs}s`,
      );
      this.log(`PullImage ${JSON.stringify(ref)} returns image reference ${JSON.stringify(img.id)}`);
      d.resolve({ imageRef: img.id });
    });
    return d;
  }

  removeImage(req: { image: ImageSpec }): Deferred<Record<string, never>> {
    return this.reply(this.rng.int(5, 20), () => {
      // containerd's CRI removes an image even while containers use it (they keep their snapshots)
      const img = this.images.find(req.image.image);
      if (img) {
        this.log(`RemoveImage ${JSON.stringify(req.image.image)}`);
        for (const t of img.repoTags) this.log(`ImageDelete event name:${JSON.stringify(t)}`);
        this.images.delete(img.id);
        this.log(`RemoveImage ${JSON.stringify(req.image.image)} returns successfully`);
      }
      return {};
    });
  }

  imageFsInfo(_req: Record<string, never>): Deferred<ImageFsInfoResponse> {
    return this.reply(1, () => {
      const ts = this.wallNs();
      return {
        imageFilesystems: [
          {
            timestamp: ts,
            fsId: { mountpoint: "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs" },
            usedBytes: { value: this.images.usedBytes() },
            inodesUsed: { value: this.images.blobs.size * 211 },
          },
        ],
        containerFilesystems: [],
      };
    });
  }

  // ---- PodNetwork ------------------------------------------------------------------------------

  httpGet(req: {
    host: string;
    port: number;
    path: string;
    scheme?: "HTTP" | "HTTPS";
    timeoutMs: number;
    headers?: Record<string, string>;
  }): Deferred<HttpResult> {
    const d = new Deferred<HttpResult>();
    const url = `${(req.scheme ?? "HTTP").toLowerCase()}://${req.host}:${req.port}${req.path}`;
    const target = this.containers.listenerAt(req.host, req.port);
    if (target === "unreachable") {
      this.clock.setTimer(req.timeoutMs, () =>
        d.reject(new Error(`Get "${url}": dial tcp ${req.host}:${req.port}: connect: no route to host`)),
      );
      return d;
    }
    if (!target) {
      this.clock.setTimer(1, () =>
        d.reject(new Error(`Get "${url}": dial tcp ${req.host}:${req.port}: connect: connection refused`)),
      );
      return d;
    }
    if (target.hung) {
      this.clock.setTimer(req.timeoutMs, () =>
        d.reject(
          new Error(
            `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
          ),
        ),
      );
      return d;
    }
    this.clock.setTimer(2, () => {
      const h = target.handler();
      if (!h)
        return d.reject(
          new Error(`Get "${url}": dial tcp ${req.host}:${req.port}: connect: connection refused`),
        );
      const ua = req.headers?.["User-Agent"] ?? "kube-probe/1.34";
      const remote = req.headers?.["X-Remote-Addr"] ?? this.ipam.gateway;
      const res = h({ method: "GET", path: req.path, remoteAddr: remote, userAgent: ua });
      d.resolve({ statusCode: res.statusCode, body: res.body, location: res.location });
    });
    return d;
  }

  tcpConnect(req: { host: string; port: number; timeoutMs: number }): Deferred<void> {
    const d = new Deferred<void>();
    const target = this.containers.listenerAt(req.host, req.port);
    if (target === "unreachable" || target?.hung)
      this.clock.setTimer(req.timeoutMs, () =>
        d.reject(new Error(`dial tcp ${req.host}:${req.port}: i/o timeout`)),
      );
    else if (!target)
      this.clock.setTimer(1, () =>
        d.reject(new Error(`dial tcp ${req.host}:${req.port}: connect: connection refused`)),
      );
    else this.clock.setTimer(1, () => d.resolve());
    return d;
  }

  // ---- snapshots & faults --------------------------------------------------------------------

  /** The UI's snapshot: containers and images as the runtime holds them now (no CRI round trip). */
  listContainersNow(): Container[] {
    return this.containers.list(undefined);
  }

  listImagesNow(): Image[] {
    return this.images.list().map((i) => this.images.toCri(i));
  }

  listSandboxViews(): SandboxView[] {
    return [...this.sandboxes.values()].map((s) => ({
      sandbox: this.sandboxToCri(s),
      ip: s.state === PodSandboxState.SANDBOX_READY ? s.ip : undefined,
      netns: s.netns,
      runtimeType: s.runtimeType,
    }));
  }

  pullProgress(): PullProgress[] {
    return this.puller.progress();
  }

  imageFsUsage(): { usedBytes: number; capacityBytes: number } {
    return { usedBytes: this.images.usedBytes(), capacityBytes: this.imageFsCapacityBytes };
  }

  crashContainer(idOrName: string, exitCode = 1): void {
    this.containers.crash(idOrName, exitCode);
  }

  hangContainer(idOrName: string): void {
    const c = this.containers.byIdOrName(idOrName);
    if (c) c.hung = true;
  }

  setNodeMemoryPressure(bytes: number): void {
    this.nodeMemoryPressureBytes = bytes;
    this.containers.checkNodeMemory();
  }

  /** Fault: delete an image behind the kubelet's back (no CRI call, no delay). */
  removeImageNow(ref: string): boolean {
    const img = this.images.find(ref);
    return img ? this.images.delete(img.id) : false;
  }

  /** Add unused images until the image filesystem is `targetPercent` full (fillDisk fault). */
  addUnusedImages(targetPercent: number): number {
    const target = (this.imageFsCapacityBytes * targetPercent) / 100;
    let added = 0;
    const fromCatalog: ResolvedImage[] = [];
    for (const img of this.registry.catalog()) {
      if (this.images.usedBytes() >= target) break;
      if (img.private) continue;
      const r = this.registry.resolve(`${img.repository}:${img.tags[0]}`);
      if (r.ok && !this.images.find(r.image.reference)) {
        // another tag of an image already here only adds its name
        const known = this.images.list().some((i) => i.id === r.image.configDigest);
        this.images.add(r.image, this.clock.now(), false);
        if (!known) fromCatalog.push(r.image);
        added++;
      }
    }
    // The filler images go in ahead of the catalog's: the kubelet's GC takes the least recently used,
    // then the first detected, and the catalog's images share base layers (removing one frees less
    // than its size says), so which comes first must not hang on how many images the catalog has.
    const withCatalog = this.images.usedBytes();
    for (const r of fromCatalog) this.images.delete(r.configDigest);
    const fillTo = target - (withCatalog - this.images.usedBytes());
    let n = 0;
    while (this.images.usedBytes() < fillTo && n < 1000) {
      const need = Math.min(2 * GiB, Math.ceil(fillTo - this.images.usedBytes()));
      const name = `docker.io/sim/unused-${++n}`;
      if (this.images.find(`${name}:latest`)) continue;
      this.registry.addImage({
        repository: name,
        tags: ["latest"],
        layers: [{ key: `${name}#0`, size: need }],
        config: { cmd: ["sh"] },
        program: "busybox",
        version: String(n),
      });
      const r = this.registry.resolve(`${name}:latest`);
      if (r.ok) {
        this.images.add(r.image, this.clock.now(), false);
        added++;
      }
    }
    for (const r of fromCatalog) this.images.add(r, this.clock.now(), false);
    return added;
  }

  fillImageFs(percent: number): number {
    return this.addUnusedImages(percent);
  }
}

export function matchLabels(
  labels: Record<string, string> | undefined,
  sel: Record<string, string> | undefined,
): boolean {
  if (!sel) return true;
  for (const k in sel) if (labels?.[k] !== sel[k]) return false;
  return true;
}
