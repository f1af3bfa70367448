// Assembles one node: API server (+ scheduler, node lifecycle, taint eviction, pod GC, the deployment,
// replicaset, daemonset, job, cronjob, ttl-after-finished and garbage-collector controllers), containerd-like
// SimRuntime with its registries, the kubelet wired to it through the CRI, systemd units, the node's
// files.
import type { ConfigMap } from "kubernetes-types/core/v1";
import { ensureBootstrapPolicy } from "../api/rbacBootstrap";
import { ApiServer } from "../apiserver/apiServer";
import { createEventRecorder } from "../apiserver/eventRecorder";
import { startScheduler } from "../apiserver/scheduler";
import { Rng, VirtualClock } from "../clock";
import { ClusterRoleAggregationController } from "../controllers/clusterRoleAggregation";
import { CRONJOB_CONTROLLER, CronJobController } from "../controllers/cronJobController";
import { DAEMONSET_CONTROLLER, DaemonSetController } from "../controllers/daemonSetController";
import { DEPLOYMENT_CONTROLLER, DeploymentController } from "../controllers/deploymentController";
import { DISRUPTION_CONTROLLER, DisruptionController } from "../controllers/disruptionController";
import { GarbageCollector } from "../controllers/garbageCollector";
import { JOB_CONTROLLER, JobController } from "../controllers/jobController";
import { PersistentVolumeController, PV_CONTROLLER } from "../controllers/persistentVolumeController";
import { PodGCController } from "../controllers/podGC";
import { REPLICASET_CONTROLLER, ReplicaSetController } from "../controllers/replicaSetController";
import { REPLICATION_CONTROLLER, ReplicationManager } from "../controllers/replicationControllerController";
import { ResourceQuotaController } from "../controllers/resourceQuotaController";
import { ServiceAccountsController } from "../controllers/serviceAccountsController";
import { STATEFULSET_CONTROLLER, StatefulSetController } from "../controllers/statefulSetController";
import { TAINT_EVICTION_CONTROLLER, TaintEvictionController } from "../controllers/taintEvictionController";
import { TtlAfterFinishedController } from "../controllers/ttlAfterFinishedController";
import type { ImageService, RuntimeService } from "../cri/services";
import type { KubeletConfig } from "../kubelet/config";
import {
  DEFAULT_KUBEADM_FLAGS_ENV,
  DEFAULT_KUBELET_CONFIG_YAML,
  dialErrorNoSocket,
  Kubelet,
} from "../kubelet/kubelet";
import { NodeLifecycleController } from "../kubelet/nodestatus/nodeLifecycleController";
import { type ServiceNetwork, startServiceNetwork } from "../kubeproxy";
import { sha256 } from "../kubeproxy/sha256";
import type { PodNetwork } from "../net/types";
import { RegistryHub } from "../registry";
import {
  CONTAINERD_CONFIG_PATH,
  createContainerdUnitHooks,
  DEFAULT_CONTAINERD_CONFIG_TOML,
  SimRuntime,
} from "../runtime";
import { actorRenamer, renameActors } from "../runtime/flavours/dockerPath";
import { FLAVOURS, type FlavourSpec, type RuntimeFlavour } from "../runtime/flavours/spec";
import { Deferred } from "../task";
import { TraceLog } from "../trace";
import { CGROUP_ROOT, cgroupFiles } from "./cgroupFs";
import { CONTAINER_LOGS_DIR, containerLogLinks } from "./containerLogLinks";
import { NODE_FILES } from "./defaultFiles";
import { dockerContainers } from "./dockerView";
import { flavourFiles } from "./flavourFiles";
import { NodeFs } from "./fs";
import { kernelProcFiles, NodeKernel, overlayProviders } from "./kernel";
import { hostProcesses, noteKubeletStart } from "./processes";
import { procFiles, runFiles } from "./procFs";
import { buildFlavourStack, type FlavourStack } from "./runtimeStack";
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
  /** Which container runtime the node runs (containerd unless told otherwise). */
  flavour?: RuntimeFlavour;
  /**
   * Continue from a node this one replaces (`sim runtime`): the clock resumes at its time, trace ids
   * continue and whoever watched its trace (the UI) watches this one.
   */
  previous?: BuiltNode;
}

export interface BuiltNode extends SimNode {
  readonly api: ApiServer;
  readonly runtime: SimRuntime;
  readonly registry: RegistryHub;
  readonly kubelet: Kubelet;
  /** Set in real mode: the runtime the kubelet and crictl talk to. */
  readonly external?: ExternalRuntime;
  readonly flavourSpec: FlavourSpec;
  /** Services: Endpoints controller, kube-proxy, netfilter, cluster DNS. */
  readonly services: ServiceNetwork;
  /** The daemons and sockets of a non-containerd flavour (undefined for containerd). */
  readonly stack?: FlavourStack;
}

export function createNode(opts: CreateNodeOptions = {}): BuiltNode {
  const seed = opts.seed ?? 1;
  const external = opts.runtime;
  const spec = FLAVOURS[opts.flavour ?? "containerd"];
  const prev = opts.previous;
  const clock = new VirtualClock(prev?.clock.epochMs ?? opts.epochMs);
  if (prev) clock.advance(prev.clock.now());
  const rng = new Rng(seed);
  const trace = new TraceLog(() => clock.now(), undefined, prev ? prev.trace.lastId + 1 : 1);
  prev?.trace.handOver(trace);
  const fs = new NodeFs();
  const journal = new Journal(clock);
  let nextPid = 700;
  const pid = () => (nextPid += rng.int(3, 40));

  for (const [path, content] of Object.entries(NODE_FILES)) fs.write(path, content);
  fs.write(CONTAINERD_CONFIG_PATH, DEFAULT_CONTAINERD_CONFIG_TOML);
  fs.write("/var/lib/kubelet/kubeadm-flags.env", DEFAULT_KUBEADM_FLAGS_ENV);
  fs.write("/var/lib/kubelet/config.yaml", DEFAULT_KUBELET_CONFIG_YAML);
  if (spec.name !== "containerd") {
    const extra = flavourFiles(spec);
    for (const path of extra.remove) fs.remove(path);
    for (const [path, content] of Object.entries(extra.write)) fs.write(path, content);
  }
  for (const [path, content] of Object.entries(opts.files ?? {})) fs.write(path, content);

  const api = new ApiServer({ clock, rng, trace, serviceAccountLookup: true });
  // every namespace's `default` ServiceAccount, which the ServiceAccount admission looks up
  new ServiceAccountsController(api).start();
  // kubeadm's upload-config, drawn from its own stream: later objects keep the IDs they had without it
  api.withRng(new Rng((seed ^ 0x6b756263) >>> 0), () =>
    api.create(
      "ConfigMap",
      kubeletConfigMap(fs.read("/var/lib/kubelet/config.yaml") ?? "", spec.kubeletVersion),
      "apiserver",
    ),
  );
  // the RBAC bootstrap policy (default ClusterRoles and bindings, kubeadm's own), from its own stream
  // too, and untraced: the API server reconciles it as it starts, before any component of the node runs
  const traced = trace.enabled;
  trace.enabled = false;
  api.withRng(new Rng((seed ^ 0x72626163) >>> 0), () => ensureBootstrapPolicy(api));
  trace.enabled = traced;
  new ClusterRoleAggregationController(api).start();
  startScheduler(api, clock, createEventRecorder(api, clock, { component: "default-scheduler" }));
  new NodeLifecycleController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: "node-controller" }),
  }).start();
  new TaintEvictionController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: TAINT_EVICTION_CONTROLLER }),
    trace,
  }).start();
  new PodGCController({ api, clock }).start();
  // workloads: Deployments own ReplicaSets, ReplicaSets own pods, the garbage collector follows
  // ownerReferences. The ReplicaSet controller watches first: a ReplicaSet scaled down loses its pods
  // before the Deployment's next sync grows the new one.
  new ReplicaSetController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: REPLICASET_CONTROLLER }),
  }).start();
  new DeploymentController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: DEPLOYMENT_CONTROLLER }),
  }).start();
  // DaemonSets own one pod per eligible node and their ControllerRevisions
  new DaemonSetController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: DAEMONSET_CONTROLLER }),
  }).start();
  // StatefulSets own pods <set>-<ordinal>, their claims and ControllerRevisions; ReplicationControllers
  // are the ReplicaSet controller over the v1 kind
  new StatefulSetController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: STATEFULSET_CONTROLLER }),
  }).start();
  new ReplicationManager({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: REPLICATION_CONTROLLER }),
  }).start();
  // PodDisruptionBudgets: how many matching pods are healthy, how many may be evicted
  new DisruptionController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: DISRUPTION_CONTROLLER }),
  }).start();
  // batch: CronJobs own Jobs, Jobs own pods; finished Jobs with a TTL are deleted after it
  new JobController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: JOB_CONTROLLER }),
  }).start();
  new CronJobController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: CRONJOB_CONTROLLER }),
  }).start();
  new TtlAfterFinishedController({ api, clock }).start();
  // static provisioning: claims bind to volumes; pvc-/pv-protection hold deletes while in use
  new PersistentVolumeController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: PV_CONTROLLER }),
  }).start();
  // ResourceQuota status: hard and used, recounted on changes and every resync period
  new ResourceQuotaController({ api, clock }).start();
  new GarbageCollector(api, clock).start();

  const registry = new RegistryHub();
  const runtime = new SimRuntime({
    clock,
    rng,
    // the engine records containerd's hops; another flavour's daemons do them (CRI-O's conmon…)
    trace: spec.name === "containerd" ? trace : renameActors(trace, actorRenamer(spec.name)),
    registry,
    fs,
    journal,
    nodeMemoryBytes: NODE_MEMORY_BYTES,
    flavour: spec,
  });
  for (const dir of ["/tmp", "/root", "/home", "/mnt", "/var/tmp", "/var/log/pods"]) fs.mkdir(dir);
  fs.mkdir("/etc/kubernetes/manifests"); // kubeadm's staticPodPath (empty on a worker)
  fs.mount(CONTAINER_LOGS_DIR, containerLogLinks(runtime, fs));
  const containerdHooks = createContainerdUnitHooks(runtime, fs, journal);
  // The kubelet's settings the simulator overrides; `sim upgrade` changes its version in place.
  const kubeletOverrides: Partial<KubeletConfig> = {
    ...(spec.name !== "containerd" ? { kubeletVersion: spec.kubeletVersion } : {}),
    ...(opts.kubeletConfig ?? {}),
  };
  let kubeletUnitRef: Unit | undefined;
  const stack =
    spec.name !== "containerd" && !external
      ? buildFlavourStack({
          spec,
          runtime,
          fs,
          journal,
          clock,
          trace,
          pid,
          kubeletUnit: () => kubeletUnitRef!,
          kubeletVersion: () => kubeletOverrides.kubeletVersion ?? spec.kubeletVersion,
        })
      : undefined;
  const containerdUnit: Unit =
    stack?.criUnit ??
    new Unit(
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
      if (stack) return stack.dialKubelet(endpoint);
      const path = endpoint.replace(/^unix:\/\//, "");
      // The socket exists while containerd runs (or after it died: a crash leaves it behind).
      if (path === CONTAINERD_ENDPOINT.slice("unix://".length) && containerdUnit.state !== "inactive")
        return { runtime, images: runtime };
      return { error: dialErrorNoSocket(endpoint) };
    },
    network: external?.network ?? runtime,
    config: spec.name === "containerd" ? opts.kubeletConfig : kubeletOverrides,
    // nodeInfo.containerRuntimeVersion is `<runtime_name>://<runtime_version>` from the CRI Version call
    machine: external ? undefined : { containerRuntimeVersion: spec.nodeRuntimeVersion },
    readFile: (p) => fs.read(p),
    writeFile: (p, content) => fs.write(p, content),
    mkdir: (p) => fs.mkdir(p),
    volumeFs: fs,
    listFiles: (dir) =>
      fs.isDir(dir)
        ? fs
            .readdir(dir)
            .filter((n) => !n.endsWith("/"))
            .map((n) => `${dir}/${n}`)
        : undefined,
    readdir: (dir) => (fs.isDir(dir) ? fs.readdir(dir) : undefined),
    removeFile: (p) => fs.remove(p),
    removeTree: (p) => fs.removeAll(p),
    journal: (line) => journal.append("kubelet", kubeletIdent(), line),
  });
  // `kubelet[1043]`, made once per PID rather than once per line
  let identPid = -1;
  let ident = "";
  const kubeletIdent = (): string => {
    const pid = kubeletUnit.mainPid || kubeletUnit.lastPid;
    if (pid !== identPid) {
      identPid = pid;
      ident = `kubelet[${pid}]`;
    }
    return ident;
  };
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
        noteKubeletStart(kubeletUnit, fs);
        stack?.kubeletStarting();
        return kubelet.start();
      },
      stop: () => kubelet.stop(),
    },
  );
  kubeletUnit.restartSecMs = 10_000; // kubeadm's kubelet.service: Restart=always, RestartSec=10
  kubeletUnitRef = kubeletUnit;
  if (spec.name !== "containerd") kubelet.config = { ...kubelet.config, kubeletVersion: spec.kubeletVersion };

  // kube-proxy and the controller manager's Endpoints loop; containers connect through its rules
  const services = startServiceNetwork({
    api,
    clock,
    trace,
    seed,
    inner: external?.network ?? runtime,
    nodeIP: kubelet.config.nodeIP,
    bridgeIP: external ? undefined : runtime.ipam.gateway,
  });
  runtime.processNetwork = services.network;

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

  const kernel = new NodeKernel(NODE_NAME);
  const node: BuiltNode = {
    nodeName: NODE_NAME,
    clock,
    rng,
    trace,
    api,
    fs,
    journal,
    units: { ...(stack?.units ?? {}), containerd: containerdUnit, kubelet: kubeletUnit },
    get runtimeService() {
      return external?.runtimeService ?? stack?.crictlService()?.runtime ?? runtime;
    },
    get imageService() {
      return external?.imageService ?? stack?.crictlService()?.images ?? runtime;
    },
    criSocket: stack ? () => stack.crictlSocket() : undefined,
    processes: () => hostProcesses(node),
    dockerContainers: stack?.units.docker
      ? () => (stack.units.docker.active ? dockerContainers(runtime) : undefined)
      : undefined,
    flavour: { name: spec.name, title: spec.title, hops: spec.hops, monitor: spec.monitor },
    upgradeKubelet: (version: string) => {
      if (!/^v1\.\d+\.\d+$/.test(version)) return `sim: invalid kubelet version "${version}" (e.g. v1.24.17)`;
      const err = stack?.upgradeKubelet(version);
      if (err) return err;
      kubeletOverrides.kubeletVersion = version;
      kubelet.config = { ...kubelet.config, kubeletVersion: version };
      kubeletUnit.restart();
      return undefined;
    },
    faults,
    apparmor: runtime.apparmor,
    runtime,
    registry,
    kubelet,
    external,
    flavourSpec: spec,
    stack,
    services,
    netfilter: services.netfilter,
    hostNetwork: services.network,
    kernel,
    settle: external
      ? <T>(d: Deferred<T>) => awaitOnClock(clock, d)
      : <T>(d: Deferred<T>) => settleOnClock(clock, d),
    connectStream: external ? undefined : (url: string) => runtime.connectStream(url),
  };

  // /proc/<pid>/… for the node's processes; the CRI sockets under /run (Debian: /var/run -> /run)
  // and the kernel's /proc/sys and /proc/modules; the cgroup v2 tree under /sys/fs/cgroup
  fs.mount(
    "/proc",
    overlayProviders(
      procFiles(() => hostProcesses(node)),
      kernelProcFiles(kernel),
    ),
  );
  fs.mount(
    CGROUP_ROOT,
    cgroupFiles(runtime, () => hostProcesses(node), NODE_MEMORY_BYTES),
  );
  fs.mount(
    "/run",
    runFiles(
      () => node.units,
      () => stack?.dockershimListening() ?? false,
      (t) => clock.wallMs(t),
    ),
  );
  fs.symlink("/var/run", "/run");
  // Debian: procps links the old file into sysctl.d; kmod links /etc/modules into modules-load.d
  fs.symlink("/etc/sysctl.d/99-sysctl.conf", "../sysctl.conf");
  fs.mkdir("/etc/modules-load.d");
  fs.symlink("/etc/modules-load.d/modules.conf", "../modules");

  // Real mode: containerd runs on the backend's host, not under this node's systemd; the unit is
  // marked active without journal lines so crictl dials through (and prints the remote's errors).
  if (external) containerdUnit.state = "active";
  else if (stack) stack.startAll();
  else containerdUnit.start();
  kubeletUnit.start();
  if (!opts.noBoot && !external) clock.advance(BOOT_MS);
  return node;
}

/**
 * kubeadm init's upload-config phase: the cluster's KubeletConfiguration in kube-system, annotated with
 * kubeadm's checksum of its data (componentconfigs.ChecksumForConfigMap). Named kubelet-config-1.N
 * before kubeadm 1.24 (UnversionedKubeletConfigMap).
 */
function kubeletConfigMap(yaml: string, kubeletVersion: string): ConfigMap {
  const minor = Number(/^v1\.(\d+)\./.exec(kubeletVersion)?.[1] ?? 34);
  const hash = [...sha256(yaml)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return {
    metadata: {
      name: minor < 24 ? `kubelet-config-1.${minor}` : "kubelet-config",
      namespace: "kube-system",
      annotations: { "kubeadm.kubernetes.io/component-config.hash": `sha256:${hash}` },
    },
    data: { kubelet: yaml },
  };
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
