// Assembles one node: API server (+ scheduler, node lifecycle), containerd-like SimRuntime with its
// registries, the kubelet wired to it through the CRI, systemd units, and the node's files.
import { ApiServer } from "../apiserver/apiServer";
import { createEventRecorder } from "../apiserver/eventRecorder";
import { startScheduler } from "../apiserver/scheduler";
import { Rng, VirtualClock } from "../clock";
import type { ImageService, RuntimeService } from "../cri/services";
import type { KubeletConfig } from "../kubelet/config";
import {
  DEFAULT_KUBEADM_FLAGS_ENV,
  DEFAULT_KUBELET_CONFIG_YAML,
  dialErrorNoSocket,
  Kubelet,
} from "../kubelet/kubelet";
import { NodeLifecycleController } from "../kubelet/nodestatus/nodeLifecycleController";
import type { PodNetwork } from "../net/types";
import { RegistryHub } from "../registry";
import {
  CONTAINERD_CONFIG_PATH,
  createContainerdUnitHooks,
  DEFAULT_CONTAINERD_CONFIG_TOML,
  SimRuntime,
} from "../runtime";
import { Deferred } from "../task";
import { TraceLog } from "../trace";
import { NODE_FILES } from "./defaultFiles";
import { NodeFs } from "./fs";
import { Journal, Unit } from "./systemd";
import { type Faults, NODE_NAME, type SimNode } from "./types";

export const CONTAINERD_ENDPOINT = "unix:///run/containerd/containerd.sock";
/** 8,148,000 Ki: the machine the kubelet reports, and the memory the kernel has to give. */
const NODE_MEMORY_BYTES = 8_148_000 * 1024;
/** How long the node has been up when the learner arrives (the API server, kubelet and runtime booted). */
export const BOOT_MS = 60_000;

/** A runtime outside the simulation (RemoteRuntime: a real containerd behind server/). */
export interface ExternalRuntime {
  runtimeService: RuntimeService;
  imageService: ImageService;
  /** What probes reach (the backend host's view of the pod network). */
  network: PodNetwork;
  /** Where the runtime really is, for messages: `ws://127.0.0.1:7070 → unix:///run/containerd/containerd.sock`. */
  describe?: () => string;
}

export interface CreateNodeOptions {
  seed?: number;
  /** Skip the boot phase (tests of the boot itself). */
  noBoot?: boolean;
  /**
   * Real mode: the kubelet dials this runtime instead of SimRuntime; the containerd unit is not
   * simulated; there is no boot phase and `settle` awaits calls while an outside pump moves the
   * clock with the wall clock (src/remote/wallClockPump.ts).
   */
  runtime?: ExternalRuntime;
  /** Calendar time (epoch ms) of virtual time 0; real mode passes the wall clock at creation. */
  epochMs?: number;
  /** Node files written before the daemons start (e.g. a kubelet config.yaml with cgroupDriver: cgroupfs). */
  files?: Record<string, string>;
  /** Simulator overrides on top of config.yaml (KubeletOptions.config). */
  kubeletConfig?: Partial<KubeletConfig>;
}

export interface BuiltNode extends SimNode {
  readonly api: ApiServer;
  readonly runtime: SimRuntime;
  readonly registry: RegistryHub;
  readonly kubelet: Kubelet;
  /** Set in real mode: the runtime the kubelet and crictl talk to. */
  readonly external?: ExternalRuntime;
}

export function createNode(opts: CreateNodeOptions = {}): BuiltNode {
  const seed = opts.seed ?? 1;
  const external = opts.runtime;
  const clock = new VirtualClock(opts.epochMs);
  const rng = new Rng(seed);
  const trace = new TraceLog(() => clock.now());
  const fs = new NodeFs();
  const journal = new Journal(clock);
  let nextPid = 700;
  const pid = () => (nextPid += rng.int(3, 40));

  for (const [path, content] of Object.entries(NODE_FILES)) fs.write(path, content);
  fs.write(CONTAINERD_CONFIG_PATH, DEFAULT_CONTAINERD_CONFIG_TOML);
  fs.write("/var/lib/kubelet/kubeadm-flags.env", DEFAULT_KUBEADM_FLAGS_ENV);
  fs.write("/var/lib/kubelet/config.yaml", DEFAULT_KUBELET_CONFIG_YAML);
  for (const [path, content] of Object.entries(opts.files ?? {})) fs.write(path, content);

  const api = new ApiServer({ clock, rng, trace });
  startScheduler(api, clock, createEventRecorder(api, clock, { component: "default-scheduler" }));
  new NodeLifecycleController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: "node-controller" }),
  }).start();

  const registry = new RegistryHub();
  const runtime = new SimRuntime({
    clock,
    rng,
    trace,
    registry,
    fs,
    journal,
    nodeMemoryBytes: NODE_MEMORY_BYTES,
  });
  const containerdHooks = createContainerdUnitHooks(runtime, fs, journal);
  const containerdUnit: Unit = new Unit(
    "containerd",
    "containerd container runtime",
    "/lib/systemd/system/containerd.service",
    "/usr/bin/containerd",
    clock,
    journal,
    pid,
    // Real mode: the unit only stands for the remote runtime (nothing simulated starts or stops).
    external
      ? { start: () => undefined, stop: () => {} }
      : {
          // containerd's journal lines carry the PID systemd gave this start (`containerd[<pid>]`).
          start: () => {
            runtime.daemonPid = containerdUnit.mainPid;
            return containerdHooks.start();
          },
          stop: () => containerdHooks.stop(),
        },
  );
  containerdUnit.restartSecMs = 5_000; // containerd.service: Restart=always, RestartSec=5

  const kubelet = new Kubelet({
    nodeName: NODE_NAME,
    clock,
    rng,
    trace,
    api,
    recorder: createEventRecorder(api, clock, { component: "kubelet", host: NODE_NAME }),
    dialCri: (endpoint) => {
      // Real mode: crictl.yaml and the kubelet name containerd's socket; the page reaches it through the backend.
      if (external) return { runtime: external.runtimeService, images: external.imageService };
      const path = endpoint.replace(/^unix:\/\//, "");
      // The socket exists while containerd runs (or after it died: a crash leaves it behind).
      if (path === CONTAINERD_ENDPOINT.slice("unix://".length) && containerdUnit.state !== "inactive")
        return { runtime, images: runtime };
      return { error: dialErrorNoSocket(endpoint) };
    },
    network: external?.network ?? runtime,
    config: opts.kubeletConfig,
    readFile: (p) => fs.read(p),
    journal: (line) =>
      journal.append("kubelet", `kubelet[${kubeletUnit.mainPid || kubeletUnit.lastPid}]`, line),
  });
  const kubeletUnit: Unit = new Unit(
    "kubelet",
    "kubelet: The Kubernetes Node Agent",
    "/usr/lib/systemd/system/kubelet.service",
    "/usr/bin/kubelet",
    clock,
    journal,
    pid,
    {
      start: () => {
        kubelet.pid = kubeletUnit.mainPid;
        return kubelet.start();
      },
      stop: () => kubelet.stop(),
    },
  );
  kubeletUnit.restartSecMs = 10_000; // kubeadm's kubelet.service: Restart=always, RestartSec=10

  const faults: Faults = {
    registryDown: (host) => registry.setDown(true, host),
    registryUp: (host) => registry.setDown(false, host),
    registrySlow: (msPerMb, host) => registry.setSlow(msPerMb, host),
    registryRateLimit: (on) => registry.setRateLimit(on),
    removeImage: (ref) => void runtime.removeImageNow(ref),
    stopContainerd: () => containerdUnit.stop(),
    crashContainerd: () => containerdUnit.crash(),
    fillDisk: (percent) => void runtime.fillImageFs(percent),
    crashContainer: (id, code) => runtime.crashContainer(id, code),
    hangContainer: (id) => runtime.hangContainer(id),
    memoryPressure: (bytes) => runtime.setNodeMemoryPressure(bytes),
  };

  const node: BuiltNode = {
    nodeName: NODE_NAME,
    clock,
    rng,
    trace,
    api,
    fs,
    journal,
    units: { containerd: containerdUnit, kubelet: kubeletUnit },
    runtimeService: external?.runtimeService ?? runtime,
    imageService: external?.imageService ?? runtime,
    faults,
    runtime,
    registry,
    kubelet,
    external,
    settle: external
      ? <T>(d: Deferred<T>) => awaitOnClock(clock, d)
      : <T>(d: Deferred<T>) => settleOnClock(clock, d),
  };

  // Real mode: containerd runs on the backend's host, not under this node's systemd; the unit is
  // marked active without journal lines so crictl dials through (and prints the remote's errors).
  if (external) containerdUnit.state = "active";
  else containerdUnit.start();
  kubeletUnit.start();
  if (!opts.noBoot && !external) clock.advance(BOOT_MS);
  return node;
}

/** Real mode: wait for `d` while something else moves the clock; DeadlineExceeded after 2 min (runtime-request-timeout). */
export function awaitOnClock<T>(clock: VirtualClock, d: Deferred<T>, maxMs = 120_000): Promise<T> {
  if (d.settled) return d.toPromise();
  const out = new Deferred<T>();
  const timer = clock.setTimer(
    maxMs,
    () => out.reject(new Error("rpc error: code = DeadlineExceeded desc = context deadline exceeded")),
    "runtime request timeout",
  );
  d.onSettle((r) => {
    clock.cancel(timer);
    if (r.ok) out.resolve(r.value);
    else out.reject(r.error);
  });
  return out.toPromise();
}

/** Run virtual time until `d` settles (at most a virtual hour: a call that never answers times out). */
export function settleOnClock<T>(clock: VirtualClock, d: Deferred<T>, maxMs = 3_600_000): Promise<T> {
  if (!d.settled) clock.runUntil(() => d.settled, maxMs);
  if (!d.settled)
    return Promise.reject(new Error("rpc error: code = DeadlineExceeded desc = context deadline exceeded"));
  return d.toPromise();
}
