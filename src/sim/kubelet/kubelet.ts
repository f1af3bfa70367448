// k8s: pkg/kubelet/kubelet.go (Run, syncLoop, SyncPod, SyncTerminatingPod) + cmd/kubelet/app/server.go — simplified: one node, one API source.
import type { Node, Pod, PodStatus } from "kubernetes-types/core/v1";
import { jsonEqual } from "../api/equality";
import type { ApiServerClient, EventRecorder, KubeObject, WatchEvent } from "../apiserver/types";
import type { Rng, TimerHandle, VirtualClock } from "../clock";
import { rfc3339Nano } from "../clock/time";
import type { ImageService, RuntimeService } from "../cri/services";
import type { PodNetwork } from "../net/types";
import { settle, spawn, type Task, wait } from "../task";
import type { TraceLog } from "../trace";
import { allocatedPodOf } from "./allocation/podResize";
import { DEFAULT_KUBELET_CONFIG, type KubeletConfig, loadKubeletConfig } from "./config";
import { PodCache } from "./container/cache";
import { fromCriStatus, podKey, type RuntimePodStatus } from "./container/containerRuntime";
import type { PodSyncResult } from "./container/syncResult";
import { EventReason, SyncAction } from "./events/reasons";
import { IMAGE_GC_PERIOD_MS, ImageGCManager } from "./images/imageGcManager";
import { ImageManager } from "./images/imageManager";
import { NodeStatusReporter, nodeStatusReportRng } from "./kubeletNodeStatus";
import { generateAPIPodStatus, type ReasonEntry, timeFormatter } from "./kubeletPods";
import { instrument } from "./kuberuntime/instrumentedService";
import { CONTAINER_GC_PERIOD_MS, containerGC } from "./kuberuntime/kuberuntimeGc";
import { KubeGenericRuntimeManager, type PodActions } from "./kuberuntime/kuberuntimeManager";
import { NodeLeaseController } from "./nodelease/controller";
import type { MachineInfo } from "./nodestatus/setters";
import { GenericPLEG } from "./pleg/generic";
import { cleanupOrphanedRuntimePods, HOUSEKEEPING_PERIOD_MS } from "./podCleanups";
import { type PodWorker, PodWorkers, type SyncOutcome } from "./podWorkers";
import { ProberManager } from "./prober/proberManager";
import { RuntimeState } from "./runtimeState";
import { ConfigAnnotation, isMirrorPod, isStaticPod, mirrorPodOf, readStaticPods } from "./staticPods";
import { StatusManager } from "./status/statusManager";
import { type KubeletDeps, type Logger, makeLogger, podRef } from "./types";
import { Backoff } from "./util/backoff";
import { setUpPodVolumes, type VolumeHost, volumeInputs } from "./volumemanager/volumeManager";

/** How often the volume manager rewrites a mounted pod's ConfigMap/Secret files (sync period + cache TTL). */
const VOLUME_REFRESH_MS = 60_000;
/** A full remount (restoring files changed on the node) even when nothing the volumes read changed. */
const VOLUME_FULL_REFRESH_MS = 600_000;

export { DEFAULT_KUBEADM_FLAGS_ENV, DEFAULT_KUBELET_CONFIG_YAML } from "./config";

export const KUBEADM_FLAGS_PATH = "/var/lib/kubelet/kubeadm-flags.env";
export const KUBELET_CONFIG_PATH = "/var/lib/kubelet/config.yaml";
/** updateRuntimeUp every 5 s; "container runtime is down" after 30 s without a good Status. */
export const RUNTIME_STATUS_PERIOD_MS = 5000;
/** Pod worker back-off after a sync error (kubelet backOffPeriod). */
export const POD_WORKER_BACKOFF_MS = 10_000;
/** pod_workers.go workerBackOffPeriodJitterFactor / workerResyncIntervalJitterFactor: wait.Jitter adds up to half. */
export const POD_WORKER_JITTER_FACTOR = 0.5;

export type DialResult =
  | { runtime: RuntimeService; images: ImageService }
  /** runError: the whole "failed to run Kubelet: …" text when this kubelet version words it differently. */
  | { error: string; runError?: string };

export interface KubeletOptions {
  nodeName: string;
  clock: VirtualClock;
  rng: Rng;
  trace: TraceLog;
  api: ApiServerClient;
  recorder: EventRecorder;
  dialCri: (endpoint: string) => DialResult;
  network: PodNetwork;
  readFile: (path: string) => string | undefined;
  /** Write a node file (volume contents under /var/lib/kubelet/pods). */
  writeFile?: (path: string, content: string) => void;
  mkdir?: (path: string) => void;
  /** The node's files with links and attributes: volumes get the atomic writer's layout, modes and fsGroup. */
  volumeFs?: VolumeHost;
  /** The files of a node directory (absolute paths), for staticPodPath; undefined when it does not exist. */
  listFiles?: (dir: string) => string[] | undefined;
  /** A node directory's entries (names; directories end with "/"), for the container GC's log cleanup. */
  readdir?: (dir: string) => string[] | undefined;
  /** Remove a node file (the log of a removed container). */
  removeFile?: (path: string) => void;
  /** Remove a node directory tree (the logs of a gone pod). */
  removeTree?: (path: string) => void;
  journal: (line: string | import("./util/klog").KlogRecord) => void;
  /** Simulator overrides applied on top of config.yaml (imageFsCapacityBytes, tracePeriodicCriCalls…). */
  config?: Partial<KubeletConfig>;
  pid?: number;
  machine?: Partial<MachineInfo>;
}

/** The gRPC error a dial of a missing unix socket produces (for dialCri implementations). */
export function dialErrorNoSocket(endpoint: string): string {
  const path = endpoint.replace(/^unix:\/\//, "");
  return `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${path}: connect: no such file or directory"`;
}

export interface KubeletPodSnapshot {
  uid: string;
  pod: string;
  step: string;
  working: boolean;
  terminated: boolean;
  backOffs: { container: string; reason: "CrashLoopBackOff" | "ImagePullBackOff"; until: number }[];
}

export interface KubeletSnapshot {
  running: boolean;
  runtimeReady: boolean;
  networkReady: boolean;
  plegHealthy: boolean;
  readyError?: string;
  lastRelist?: number;
  lastRuntimeSync?: number;
  pods: KubeletPodSnapshot[];
}

export class Kubelet {
  pid: number;
  config: KubeletConfig = { ...DEFAULT_KUBELET_CONFIG };
  /** The config file as this process read it at start (GET /configz shows it, not later edits). */
  loadedConfigYaml?: string;
  running = false;
  private readonly log: Logger;
  private deps?: KubeletDeps;
  private cache = new PodCache();
  private pleg?: GenericPLEG;
  private workers?: PodWorkers;
  private runtimeManager?: KubeGenericRuntimeManager;
  private imageManager?: ImageManager;
  private imageGC?: ImageGCManager;
  private prober?: ProberManager;
  private statusManager?: StatusManager;
  private readonly reasonCache = new Map<string, Map<string, ReasonEntry>>();
  /**
   * The status last generated per pod and what it was made from. The pod, its cached runtime status,
   * its reasons and its probe results fully determine the status, so while none changed (a crash-looping
   * pod re-synced every 10 s in back-off) the same status stands and nothing is regenerated.
   */
  private readonly statusMemo = new Map<string, { pod: Pod; ps: RuntimePodStatus; status: PodStatus }>();
  /** The last "Error syncing pod" line's pairs per pod: the same error repeats every back-off sync. */
  private readonly syncErrorLines = new Map<
    string,
    { err: string; kv: ReadonlyArray<readonly [string, unknown]> }
  >();
  /** When each pod's volumes were last set up on the node (virtual ms). */
  private readonly volumesMountedAt = new Map<string, { at: number; fullAt: number; inputs: unknown[] }>();
  /** Static pods read from staticPodPath, by UID (the manifest's hash). */
  private readonly staticPods = new Map<string, Pod>();
  /** Manifest errors already logged (the directory is read again every fileCheckFrequency). */
  private readonly manifestErrors = new Set<string>();
  private timers: TimerHandle[] = [];
  private unwatch?: () => void;
  private generation = 0;
  private runtimeState = new RuntimeState(
    () => this.opts.clock.now(),
    () => this.pleg?.healthy(),
  );
  private nodeStatus: NodeStatusReporter;
  /** Survives restarts: each kubelet process draws its own status report delays. */
  private readonly statusReportRng: Rng;
  private lastSkipLog = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: KubeletOptions) {
    this.pid = opts.pid ?? 1043;
    this.log = makeLogger(opts.clock, () => this.pid, opts.journal);
    this.statusReportRng = nodeStatusReportRng(opts.nodeName);
    this.nodeStatus = this.makeNodeStatus();
  }

  private makeNodeStatus(): NodeStatusReporter {
    const o = this.opts;
    return new NodeStatusReporter({
      nodeName: o.nodeName,
      api: o.api,
      recorder: o.recorder,
      clock: o.clock,
      log: this.log,
      config: () => this.config,
      machine: o.machine,
      runtimeState: this.runtimeState,
      rng: this.statusReportRng,
    });
  }

  /** systemctl start kubelet: returns an error text when the process would exit (systemd marks the unit failed). */
  start(): string | undefined {
    if (this.running) return undefined;
    const { clock, trace, api, recorder, network } = this.opts;
    this.log("I", "server.go:529", "Kubelet version", [["kubeletVersion", this.config.kubeletVersion]]);
    const yamlText = this.opts.readFile(KUBELET_CONFIG_PATH);
    if (yamlText === undefined) {
      const err = `failed to load kubelet config file, path: ${KUBELET_CONFIG_PATH}, error: failed to load Kubelet config file ${KUBELET_CONFIG_PATH}, error failed to read kubelet config file "${KUBELET_CONFIG_PATH}", error: open ${KUBELET_CONFIG_PATH}: no such file or directory`;
      this.log("E", "run.go:72", "command failed", [["err", err]]);
      return err;
    }
    const loaded = loadKubeletConfig(yamlText, this.opts.readFile(KUBEADM_FLAGS_PATH));
    if (loaded.error) {
      this.log("E", "run.go:72", "command failed", [["err", loaded.error]]);
      return loaded.error;
    }
    this.config = { ...loaded.config, ...(this.opts.config ?? {}) };
    this.loadedConfigYaml = yamlText;
    const endpoint = this.config.containerRuntimeEndpoint;
    const dial = this.opts.dialCri(endpoint);
    if ("error" in dial) {
      const err =
        dial.runError ??
        `failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint ${JSON.stringify(endpoint)}: ${dial.error}`;
      this.log("E", "run.go:72", "command failed", [["err", err]]);
      return err;
    }
    const gen = ++this.generation;
    const svc = instrument(dial.runtime, dial.images, {
      trace,
      tracePeriodic: () => this.config.tracePeriodicCriCalls,
    });
    const deps: KubeletDeps = {
      nodeName: this.opts.nodeName,
      clock,
      trace,
      runtime: svc.runtime,
      images: svc.images,
      recorder,
      log: this.log,
      config: this.config,
      api,
      network,
      readFile: this.opts.readFile,
      writeFile: this.opts.writeFile,
      readdir: this.opts.readdir,
      removeFile: this.opts.removeFile,
      removeTree: this.opts.removeTree,
    };
    this.deps = deps;
    this.running = true;
    this.runtimeState = new RuntimeState(
      () => clock.now(),
      () => this.pleg?.healthy(),
    );
    this.nodeStatus = this.makeNodeStatus();
    this.cache = new PodCache();
    this.imageManager = new ImageManager(deps);
    this.statusManager = new StatusManager(api, trace, this.log);
    this.prober = new ProberManager(deps, {
      pod: (uid) => this.workers?.workers.get(uid)?.pod,
      podStatus: (uid) => this.statusManager?.get(uid) ?? this.workers?.workers.get(uid)?.pod.status,
      onFailure: (uid) => this.workers?.kick(uid),
      onChange: (uid) => this.refreshStatus(uid),
    });
    // kubelet: crash-loop back-off 10 s doubling to 300 s; reset after 10 min of running (HasExpiredFunc 600 s).
    const crashLoop = new Backoff(
      () => clock.now(),
      10_000,
      this.config.maxContainerRestartPeriodMs,
      600_000,
    );
    this.runtimeManager = new KubeGenericRuntimeManager(deps, this.imageManager, crashLoop, this.prober);
    this.imageGC = new ImageGCManager(deps);
    this.pleg = new GenericPLEG(deps, this.cache);
    this.workers = new PodWorkers(clock, this.cache, (pod, ps, w) => this.syncPod(pod, ps, w));
    this.pleg.onFirstRelist = () => this.syncNodeStatus();
    this.pleg.watch((e) => {
      const w = this.workers?.workers.get(e.uid);
      if (!w) return;
      this.log("I", "kubelet.go:2474", "SyncLoop (PLEG): event for pod", [
        ["pod", podKey(w.pod)],
        ["event", Object.freeze({ ID: e.uid, Type: e.type, Data: e.data })],
      ]);
      this.workers?.kick(e.uid);
    });
    // nodestatus.VersionInfo: nodeInfo.containerRuntimeVersion is what the runtime dialed says it is
    svc.runtime.version({ version: "0.1.0" }).onSettle((r) => {
      if (r.ok) this.nodeStatus?.setRuntimeVersion(r.value.runtimeName, r.value.runtimeVersion);
    });
    this.nodeStatus.registerNode();
    this.syncNodeStatus();
    // nodeLeaseController.Run: the node Lease is created now and renewed every quarter of its duration
    const lease = new NodeLeaseController({
      ...deps,
      leaseDurationSeconds: this.config.nodeLeaseDurationSeconds,
    });
    lease.sync();
    this.every(gen, lease.renewIntervalMs, () => lease.sync());
    this.every(gen, RUNTIME_STATUS_PERIOD_MS, () => spawn(this.updateRuntimeUp()), 0);
    this.every(gen, this.config.nodeStatusUpdateFrequencyMs, () => this.syncNodeStatus());
    this.every(gen, CONTAINER_GC_PERIOD_MS, () =>
      spawn(
        containerGC(
          deps,
          (uid) => !!this.workers?.workers.get(uid) && !this.workers.workers.get(uid)!.removed,
        ),
      ),
    );
    this.every(gen, IMAGE_GC_PERIOD_MS, () => spawn(this.imageGC!.garbageCollect()));
    // HandlePodCleanups: runtime pods no pod worker owns (e.g. `crictl runp`) are killed.
    const killing = new Set<string>();
    this.every(gen, HOUSEKEEPING_PERIOD_MS, () => {
      if (this.pleg?.lastRelist === undefined) return;
      cleanupOrphanedRuntimePods(
        deps,
        this.pleg.relisted,
        (uid) => !!this.workers?.workers.has(uid),
        killing,
      );
    });
    this.pleg.start();
    // The file source first: a mirror pod the watch replays must find its static pod.
    if (this.config.staticPodPath) {
      this.syncStaticPods();
      this.every(gen, this.config.fileCheckFrequencyMs, () => this.syncStaticPods());
    }
    this.unwatch = api.watch<Pod & { metadata?: { name?: string } }>(
      "Pod",
      { fieldSelector: `spec.nodeName=${this.opts.nodeName}` },
      (e) => this.onPodEvent(e as WatchEvent<Pod>),
    );
    this.log("I", "kubelet.go:2403", "Starting kubelet main sync loop");
    return undefined;
  }

  /** systemctl stop kubelet: every loop ends; containers keep running (they belong to the runtime). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    for (const t of this.timers) this.opts.clock.cancel(t);
    this.timers = [];
    this.unwatch?.();
    this.pleg?.stop();
    this.prober?.stopAll();
    this.workers?.stopAll();
    this.log("I", "kubelet.go:2532", "Shutting down kubelet");
  }

  /** The file source (config/file.go): add new manifests' pods, remove the pods of deleted files. */
  private syncStaticPods(): void {
    const dir = this.config.staticPodPath.replace(/\/+$/, "");
    const files = this.opts.listFiles?.(dir) ?? [];
    const { clock, nodeName } = this.opts;
    const read = readStaticPods(files, this.opts.readFile, nodeName, rfc3339Nano(clock.wallMs()));
    for (const e of read.errors) {
      const key = `${e.path}\u0000${e.err}`;
      if (this.manifestErrors.has(key)) continue;
      this.manifestErrors.add(key);
      this.log("E", "file.go:187", "Could not process manifest file", [
        ["err", e.err],
        ["path", e.path],
      ]);
    }
    const next = new Map(read.pods.map((m) => [m.pod.metadata?.uid ?? "", m.pod]));
    for (const [uid, pod] of this.staticPods) {
      if (next.has(uid)) continue;
      this.staticPods.delete(uid);
      this.log("I", "kubelet.go:2440", "SyncLoop REMOVE", [
        ["source", "file"],
        ["pods", [podKey(pod)]],
      ]);
      const w = this.workers?.workers.get(uid);
      if (w && !w.terminated) this.workers!.updatePod(w.pod, true);
      else this.deleteMirrorPod(pod);
    }
    for (const [uid, pod] of next) {
      if (this.staticPods.has(uid)) continue;
      this.staticPods.set(uid, pod);
      this.log("I", "kubelet.go:2440", "SyncLoop ADD", [
        ["source", "file"],
        ["pods", [podKey(pod)]],
      ]);
      this.ensureMirrorPod(pod);
      this.workers!.updatePod(pod);
    }
  }

  /** mirror_client.go: post the static pod's mirror (again, when it was deleted or is out of date). */
  private ensureMirrorPod(pod: Pod): void {
    const { api, nodeName } = this.opts;
    const ns = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    const hash = pod.metadata?.annotations?.[ConfigAnnotation.hash];
    const existing = api.tryGet<Pod>("Pod", ns, name);
    if (
      existing &&
      existing.metadata?.annotations?.[ConfigAnnotation.mirror] === hash &&
      !existing.metadata?.deletionTimestamp
    )
      return;
    if (existing) {
      this.log("I", "kubelet.go:1934", "Deleting mirror pod because it is outdated", [["pod", podKey(pod)]]);
      this.deleteMirrorPod(pod);
    }
    const node = api.tryGet<KubeObject>("Node", undefined, nodeName);
    try {
      this.log("I", "kubelet.go:1951", "Creating a mirror pod for static pod", [["pod", podKey(pod)]]);
      api.create("Pod", mirrorPodOf(pod, { name: nodeName, uid: node?.metadata?.uid }), "kubelet");
    } catch (e) {
      this.log("E", "kubelet.go:1955", "Failed creating a mirror pod", [
        ["err", (e as Error).message],
        ["pod", podKey(pod)],
      ]);
      return;
    }
    // A fresh mirror has no status yet: write the static pod's again.
    const uid = pod.metadata?.uid ?? "";
    this.statusManager?.markStale(uid);
    this.statusMemo.delete(uid);
    this.refreshStatus(uid);
  }

  private deleteMirrorPod(pod: Pod): void {
    try {
      this.opts.api.delete("Pod", pod.metadata?.namespace ?? "default", pod.metadata?.name ?? "", {
        gracePeriodSeconds: 0,
      });
    } catch {
      // Already gone.
    }
  }

  /** A mirror pod changed in the API server: only a deleted or stale mirror matters (it is recreated). */
  private onMirrorPodEvent(e: WatchEvent<Pod>): void {
    const mirror = e.object;
    const ns = mirror.metadata?.namespace ?? "default";
    const name = mirror.metadata?.name ?? "";
    const staticPod = [...this.staticPods.values()].find(
      (p) => p.metadata?.name === name && (p.metadata?.namespace ?? "default") === ns,
    );
    if (!staticPod) {
      // An orphaned mirror (its manifest is gone): the kubelet deletes it.
      if (e.type !== "DELETED" && !this.opts.api.tryGet<Pod>("Pod", ns, name)?.metadata?.deletionTimestamp)
        this.opts.clock.setTimer(0, () => this.deleteMirrorPod(mirror), "delete orphaned mirror pod");
      return;
    }
    if (e.type === "DELETED" || mirror.metadata?.deletionTimestamp) {
      // `kubectl delete` of a mirror pod does not stop the static pod: the kubelet posts it again.
      this.opts.clock.setTimer(
        0,
        () => {
          const uid = staticPod.metadata?.uid ?? "";
          if (this.running && this.staticPods.get(uid) === staticPod) this.ensureMirrorPod(staticPod);
        },
        "recreate mirror pod",
      );
    }
  }

  /** The API server's field-selected pods, as the real kubelet's config source delivers them. */
  private onPodEvent(e: WatchEvent<Pod>): void {
    const pod = e.object;
    if (isMirrorPod(pod)) {
      this.onMirrorPodEvent(e);
      return;
    }
    const uid = pod.metadata?.uid ?? "";
    const w = this.workers?.workers.get(uid);
    const semantic = e.type !== "MODIFIED" || !w || podsDifferSemantically(w.pod, pod);
    if (w && !semantic) {
      w.pod = pod;
      return;
    }
    const verb =
      e.type === "ADDED"
        ? "ADD"
        : e.type === "DELETED"
          ? "REMOVE"
          : pod.metadata?.deletionTimestamp
            ? "DELETE"
            : "UPDATE";
    this.opts.trace.record({
      from: "apiserver",
      to: "kubelet",
      kind: "watch",
      summary: `${e.type} pod ${podKey(pod)}`,
      pod: podKey(pod),
    });
    this.log("I", "kubelet.go:2440", `SyncLoop ${verb}`, [
      ["source", "api"],
      ["pods", [podKey(pod)]],
    ]);
    if (e.type === "DELETED") {
      if (w && !w.terminated) this.workers!.updatePod(pod, true);
      else this.forgetPod(uid);
      return;
    }
    if (w?.terminated) {
      w.pod = pod;
      if (pod.metadata?.deletionTimestamp) this.statusManager?.deletePod(pod);
      return;
    }
    // Phase terminal already (e.g. kubelet restarted): never restart its containers.
    this.workers!.updatePod(pod);
  }

  private forgetPod(uid: string): void {
    this.workers?.forget(uid);
    this.prober?.removePod(uid);
    this.statusManager?.forget(uid);
    this.reasonCache.delete(uid);
    this.statusMemo.delete(uid);
    this.syncErrorLines.delete(uid);
    this.volumesMountedAt.delete(uid);
    this.cache.delete(uid);
  }

  private ctx(uid: string) {
    return {
      time: timeFormatter(this.opts.clock.epochMs),
      now: this.opts.clock.now(),
      nodeIP: this.config.nodeIP,
      reasons: this.reasonCache.get(uid),
      probes: this.prober!,
      allocatable: this.nodeAllocatable(),
    };
  }

  /** The node's allocatable resources, as the allocation manager checks an in-place resize against. */
  private nodeAllocatable(): Record<string, unknown> | undefined {
    return this.opts.api.tryGet<Node>("Node", undefined, this.opts.nodeName)?.status?.allocatable;
  }

  /** Regenerate and write a pod's status from the cache (probe results changed). */
  private refreshStatus(uid: string): void {
    const w = this.workers?.workers.get(uid);
    if (!w || w.terminated) return;
    const ps = this.cache.get(uid);
    if (!ps) return;
    this.statusMemo.delete(uid);
    this.writeStatus(uid, w, w.pod, ps);
  }

  /** generateAPIPodStatus + statusManager.SetPodStatus, skipped while its inputs are unchanged. */
  private writeStatus(uid: string, w: PodWorker, pod: Pod, ps: RuntimePodStatus): PodStatus {
    const memo = this.statusMemo.get(uid);
    if (memo && memo.pod === pod && memo.ps === ps) return memo.status;
    const status = generateAPIPodStatus(pod, ps, false, this.ctx(uid));
    const stored = this.statusManager!.setPodStatus(pod, status);
    if (stored) w.pod = { ...pod, status };
    this.statusMemo.set(uid, { pod: w.pod, ps, status });
    return status;
  }

  /** Kubelet.SyncPod (+ SyncTerminatingPod when the pod is being deleted or finished). */
  // SyncPod answers at once when it needs nothing from the runtime, and is a task only when it waits on
  // it: a crash-looping pod is re-synced every 10–15 s and those syncs never wait (a generator would
  // keep every local of its body alive in a heap-allocated frame, per sync).
  private syncPod(pod: Pod, ps: RuntimePodStatus, w: PodWorker): SyncOutcome | Task<SyncOutcome> {
    const before = this.beforeRuntimeSync(pod, ps, w);
    if (before === "terminating") return this.syncTerminatingPod(pod, ps, w);
    if (before === "terminal") return this.syncTerminalPod(pod, ps, w);
    if (before) return before;
    const plan = this.runtimeManager!.planSync(allocatedPodOf(w.pod, this.nodeAllocatable()), ps);
    if (plan.result) return this.afterRuntimeSync(pod, ps, w, plan.result);
    return this.syncRuntime(pod, ps, w, plan.actions);
  }

  /** A finished pod: stop what is left (its sandbox) and never sync it again. */
  private *syncTerminalPod(pod: Pod, ps: RuntimePodStatus, w: PodWorker): Task<SyncOutcome> {
    w.step = "KillPod (terminal)";
    yield* this.runtimeManager!.killPodWithSyncResult(pod, ps, undefined);
    this.prober!.removePod(pod.metadata?.uid ?? "");
    return { done: true };
  }

  private *syncRuntime(pod: Pod, ps: RuntimePodStatus, w: PodWorker, actions: PodActions): Task<SyncOutcome> {
    const result = yield* this.runtimeManager!.syncPod(
      allocatedPodOf(w.pod, this.nodeAllocatable()),
      ps,
      (s) => {
        w.step = s;
      },
      actions,
    );
    if (actions.containersToUpdate?.length) {
      const fresh = yield* this.updateResizedCache(ps, actions.containersToUpdate);
      this.writeStatus(fresh.uid, w, w.pod, fresh);
      return this.afterRuntimeSync(pod, fresh, w, result);
    }
    return this.afterRuntimeSync(pod, ps, w, result);
  }

  /**
   * SyncPod's pleg.UpdateCache while a resize is in progress: the runtime's status of the resized
   * containers (a state change would bring it, a resize does not), then the pod's status again.
   */
  private *updateResizedCache(ps: RuntimePodStatus, updated: { id: string }[]): Task<RuntimePodStatus> {
    const ids = new Set(updated.map((u) => u.id));
    const statuses: RuntimePodStatus["containerStatuses"] = [];
    for (const cs of ps.containerStatuses) {
      if (!ids.has(cs.id)) {
        statuses.push(cs);
        continue;
      }
      const r = yield* settle(this.deps!.runtime.containerStatus({ containerId: cs.id }));
      statuses.push(r.ok ? fromCriStatus(r.value.status, cs.podSandboxId, this.opts.clock.epochMs) : cs);
    }
    const fresh = { ...ps, containerStatuses: statuses };
    this.cache.set(ps.uid, fresh, this.deps!.clock.now());
    return fresh;
  }

  /** SyncPod up to the runtime: runtime health, status, network, volumes, probes. */
  private beforeRuntimeSync(
    pod: Pod,
    ps: RuntimePodStatus,
    w: PodWorker,
  ): SyncOutcome | "terminating" | "terminal" | undefined {
    const uid = pod.metadata?.uid ?? "";
    const deps = this.deps!;
    const runtimeErr = this.runtimeErrors();
    if (runtimeErr) {
      if (deps.clock.now() - this.lastSkipLog >= 5000) {
        this.lastSkipLog = deps.clock.now();
        this.log("E", "kubelet.go:2427", "Skipping pod synchronization", [["err", runtimeErr]]);
      }
      w.step = "Skipping (runtime not ready)";
      return { requeueAfterMs: 1000 };
    }
    if (pod.metadata?.deletionTimestamp || w.removed) return "terminating";
    const status = this.writeStatus(uid, w, pod, ps);
    if (status.phase === "Succeeded" || status.phase === "Failed") return "terminal";
    if (this.runtimeState.networkError && !pod.spec?.hostNetwork) {
      const msg = `network is not ready: ${this.runtimeState.networkError}`;
      deps.recorder.event(podRef(pod), "Warning", EventReason.NetworkNotReady, msg);
      this.log("E", "pod_workers.go:1301", "Error syncing pod, skipping", [
        ["err", msg],
        ["pod", podKey(pod)],
        ["podUID", uid],
      ]);
      return { requeueAfterMs: 1000 };
    }
    // WaitForAttachAndMount: the volumes' files are on the node before any container starts.
    // Mounted volumes are refreshed about once a minute (how long a ConfigMap edit takes to show).
    const { writeFile, mkdir } = this.opts;
    const mounted = this.volumesMountedAt.get(uid);
    const now0 = deps.clock.now();
    let due = mounted === undefined || now0 - mounted.at >= VOLUME_REFRESH_MS;
    // Inputs that are the very objects of the last setup give the same files: only a slow full pass
    // (which also restores a file removed on the node) unless something the volumes read changed.
    const inputs = due ? volumeInputs(w.pod, deps.api) : undefined;
    if (
      due &&
      mounted &&
      inputs &&
      now0 - mounted.fullAt < VOLUME_FULL_REFRESH_MS &&
      inputs.length === mounted.inputs.length &&
      inputs.every((x, i) => x === mounted.inputs[i])
    ) {
      mounted.at = now0;
      due = false;
    }
    if (writeFile && mkdir && due) {
      const mountErr = setUpPodVolumes(
        w.pod,
        deps.api,
        this.opts.volumeFs ?? { read: this.opts.readFile, write: writeFile, mkdir },
        deps.clock.wallMs(),
      );
      if (mountErr) {
        this.volumesMountedAt.delete(uid);
        deps.recorder.event(podRef(pod), "Warning", EventReason.FailedMountVolume, mountErr);
        this.log("E", "nestedpendingoperations.go:348", "Operation for volume failed", [["err", mountErr]]);
        return { requeueAfterMs: POD_WORKER_BACKOFF_MS };
      }
      this.volumesMountedAt.set(uid, { at: now0, fullAt: now0, inputs: inputs ?? [] });
    }
    this.prober!.addPod(w.pod);
    return undefined;
  }

  /** SyncPod after the runtime: waiting reasons, the status they change, and when to sync again. */
  private afterRuntimeSync(pod: Pod, ps: RuntimePodStatus, w: PodWorker, result: PodSyncResult): SyncOutcome {
    const uid = pod.metadata?.uid ?? "";
    // reasonCache.Update: StartContainer failures become waiting reasons, successes clear them.
    let reasons = this.reasonCache.get(uid);
    let newReason = false;
    for (const r of result.results) {
      if (r.action !== SyncAction.StartContainer) continue;
      if (r.error) {
        if (!reasons) {
          reasons = new Map();
          this.reasonCache.set(uid, reasons);
        }
        const prev = reasons.get(r.target);
        if (prev?.err === r.error && prev.message === (r.message ?? "")) continue;
        reasons.set(r.target, { err: r.error, message: r.message ?? "" });
        this.statusMemo.delete(uid);
        newReason = true;
      } else if (reasons?.delete(r.target)) this.statusMemo.delete(uid);
    }
    // Show a new waiting reason at once (the real kubelet shows it on its next sync). A reason
    // cleared by a successful start shows on the next sync, as real: the status this sync began
    // with still holds the exited container, and the PLEG's ContainerStarted brings Running.
    if (newReason) this.writeStatus(uid, w, w.pod, ps);
    const err = result.error();
    const deadline = this.nextBackOffDeadline(w.pod, ps);
    const now = this.deps!.clock.now();
    if (err) {
      // a pod in back-off logs the same line every 10–15 s: its key-value pairs are made once per error
      let line = this.syncErrorLines.get(uid);
      if (line?.err !== err) {
        line = {
          err,
          kv: [
            ["err", err],
            ["pod", podKey(pod)],
            ["podUID", uid],
          ],
        };
        this.syncErrorLines.set(uid, line);
      }
      this.log("E", "pod_workers.go:1301", "Error syncing pod, skipping", line.kv);
      const retry = this.jitter(POD_WORKER_BACKOFF_MS);
      return { requeueAfterMs: deadline !== undefined ? Math.min(retry, deadline - now) : retry };
    }
    const resync = this.jitter(this.config.syncFrequencyMs);
    return { requeueAfterMs: deadline !== undefined ? Math.min(resync, deadline - now) : resync };
  }

  /**
   * wait.Jitter(d, 0.5): the pod worker requeues a pod a little later than the period, so pods do not
   * all sync in step. A back-off deadline still wakes the worker on time (the real kubelet's 1 s sync
   * tick picks the pod up as soon as its back-off ends).
   */
  private jitter(ms: number): number {
    return Math.round(ms + this.opts.rng.next() * POD_WORKER_JITTER_FACTOR * ms);
  }

  private nextBackOffDeadline(pod: Pod, ps: RuntimePodStatus): number | undefined {
    let min: number | undefined;
    const consider = (until: number | undefined) => {
      if (until !== undefined && (min === undefined || until < min)) min = until;
    };
    for (const list of [pod.spec?.initContainers, pod.spec?.containers])
      for (const c of list ?? []) {
        consider(this.runtimeManager?.backOffDeadline(pod, c, ps));
        consider(this.imageManager?.backOffDeadline(pod, c.image ?? ""));
      }
    return min;
  }

  private backOffs(pod: Pod, ps: RuntimePodStatus): KubeletPodSnapshot["backOffs"] {
    const out: KubeletPodSnapshot["backOffs"] = [];
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      const crash = this.runtimeManager?.backOffDeadline(pod, c, ps);
      if (crash !== undefined) out.push({ container: c.name, reason: "CrashLoopBackOff", until: crash });
      const img = this.imageManager?.backOffDeadline(pod, c.image ?? "");
      if (img !== undefined) out.push({ container: c.name, reason: "ImagePullBackOff", until: img });
    }
    return out;
  }

  /** SyncTerminatingPod: stop containers within the grace period, then the sandbox; final status; delete (grace 0). */
  private *syncTerminatingPod(pod: Pod, ps: RuntimePodStatus, w: PodWorker): Task<SyncOutcome> {
    const uid = pod.metadata?.uid ?? "";
    w.step = "Terminating";
    this.prober!.removePod(uid);
    const r = yield* this.runtimeManager!.killPodWithSyncResult(pod, ps, undefined);
    const err = r.error();
    if (err) {
      this.log("E", "pod_workers.go:1301", "Error syncing pod, skipping", [
        ["err", err],
        ["pod", podKey(pod)],
        ["podUID", uid],
      ]);
      return { requeueAfterMs: POD_WORKER_BACKOFF_MS };
    }
    w.step = "WaitingForPodCache";
    const fresh = yield* wait(this.cache.getNewerThan(uid, this.opts.clock.now()));
    const status = generateAPIPodStatus(w.pod, fresh ?? ps, true, this.ctx(uid));
    if (!w.removed) {
      this.statusManager!.setPodStatus(w.pod, status);
      this.statusManager!.deletePod(w.pod);
    } else if (isStaticPod(w.pod) && !this.staticPods.has(uid)) this.deleteMirrorPod(w.pod);
    this.log("I", "kubelet.go:2080", "Pod termination completed", [
      ["pod", podKey(pod)],
      ["podUID", uid],
    ]);
    this.forgetPod(uid);
    return { done: true };
  }

  /** runtimeState.runtimeErrors(), for the sync loop and the UI. */
  runtimeErrors(): string | undefined {
    return this.runtimeState.runtimeErrors();
  }

  /** updateRuntimeUp every 5 s; the node reports Ready as soon as the runtime first answers. */
  private *updateRuntimeUp(): Task {
    const first = yield* this.runtimeState.updateRuntimeUp(this.deps!.runtime, this.log);
    if (first && this.running) this.syncNodeStatus();
  }

  syncNodeStatus(): void {
    if (this.running) this.nodeStatus.syncNodeStatus();
  }

  private every(gen: number, periodMs: number, fn: () => void, firstDelay = periodMs): void {
    const loop = () => {
      if (gen !== this.generation) return;
      fn();
      this.timers.push(this.opts.clock.setTimer(periodMs, loop, "kubelet loop"));
    };
    this.timers.push(this.opts.clock.setTimer(firstDelay, loop, "kubelet loop"));
  }

  /** For the UI: per pod the current step and back-off deadlines (virtual ms) for live countdowns. */
  snapshot(): KubeletSnapshot {
    const pods: KubeletPodSnapshot[] = [];
    for (const w of this.workers?.workers.values() ?? []) {
      const ps = this.cache.get(w.uid);
      pods.push({
        uid: w.uid,
        pod: podKey(w.pod),
        step: w.step,
        working: w.working,
        terminated: w.terminated,
        backOffs: ps ? this.backOffs(w.pod, ps) : [],
      });
    }
    const h = this.pleg?.healthy();
    const rtErr = this.running ? this.runtimeErrors() : "kubelet is not running";
    return {
      running: this.running,
      runtimeReady: this.running && rtErr === undefined,
      networkReady: this.runtimeState.networkError === undefined,
      plegHealthy: !!h?.ok,
      readyError: this.running ? this.runtimeState.readyErrors() : rtErr,
      lastRelist: this.pleg?.lastRelist,
      lastRuntimeSync: this.runtimeState.lastBaseRuntimeSync,
      pods,
    };
  }

  /** Run one image GC pass now (tests, `sim gc`). */
  imageGarbageCollect(): Task<void> {
    return this.imageGC!.garbageCollect();
  }

  containerGarbageCollect(): Task<void> {
    return containerGC(
      this.deps!,
      (uid) => !!this.workers?.workers.get(uid) && !this.workers.workers.get(uid)!.removed,
    );
  }
}

/** podsDifferSemantically: status-only changes do not trigger a sync (pkg/kubelet/config/config.go). */
function podsDifferSemantically(a: Pod, b: Pod): boolean {
  // Runs on every pod watch event (each status write comes back): compare without serializing.
  const am = a.metadata;
  const bm = b.metadata;
  return !(
    jsonEqual(a.spec, b.spec) &&
    jsonEqual(am?.labels, bm?.labels) &&
    jsonEqual(am?.annotations, bm?.annotations) &&
    am?.deletionTimestamp === bm?.deletionTimestamp &&
    am?.deletionGracePeriodSeconds === bm?.deletionGracePeriodSeconds
  );
}
