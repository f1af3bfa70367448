// The assembled node as the layers above the core (shell, store, UI) see it.

import type { ApiServerClient, KubeObject } from "../apiserver/types";
import type { Rng, VirtualClock } from "../clock";
import type { ImageService, RuntimeService } from "../cri/services";
import type { Container, Image, PodSandbox, StatusResponse } from "../cri/types";
import type { Actor, TraceLog } from "../trace";
import type { NodeFs } from "./fs";
import type { Journal, Unit } from "./systemd";

export const NODE_NAME = "node-1";

/** The faults lessons and tests inject (one API for all). */
export interface Faults {
  registryDown(registryHost?: string): void;
  registryUp(registryHost?: string): void;
  /** Extra latency per pull (ms per MB). */
  registrySlow(msPerMb: number, registryHost?: string): void;
  /** Docker Hub style 429 toomanyrequests on pulls. */
  registryRateLimit(on: boolean): void;
  removeImage(ref: string): void;
  stopContainerd(): void;
  crashContainerd(): void;
  /** Fill the image filesystem with unused images until it is at `percent` used. */
  fillDisk(percent: number): void;
  /** Make a running container's program crash (exit code) or hang (stop answering probes). */
  crashContainer(containerIdOrName: string, exitCode?: number): void;
  hangContainer(containerIdOrName: string): void;
  /** Memory pressure on the node (bytes in use outside pods). */
  memoryPressure(bytes: number): void;
}

/** Everything the shell needs to answer a command. */
export interface SimNode {
  readonly nodeName: string;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly trace: TraceLog;
  readonly api: ApiServerClient;
  readonly fs: NodeFs;
  readonly journal: Journal;
  /**
   * systemd units by name. `containerd` is the unit serving the node's CRI runtime on older callers'
   * terms (crio.service on a CRI-O node); other flavours add theirs (docker, cri-docker).
   */
  readonly units: { containerd: Unit; kubelet: Unit } & Record<string, Unit>;
  /** crictl's view of /etc/crictl.yaml's endpoint: absent = containerd's socket, up while containerd runs. */
  criSocket?(): { endpoint: string; error?: string };
  /** Which runtime flavour the node was built with. */
  readonly flavour?: FlavourInfo;
  /** Docker nodes: dockerd's containers (`docker ps`); undefined while dockerd is down or on other runtimes. */
  dockerContainers?(): import("./dockerView").DockerContainerRow[] | undefined;
  /** The node's process table (for `ps`, `systemctl status`'s CGroup tree). */
  processes?(): import("./processes").HostProcess[];
  /** sysctl parameters and loaded modules (sysctl, modprobe, lsmod, /proc/sys); absent in bare test nodes. */
  readonly kernel?: import("./kernel").NodeKernel;
  /** The kernel's AppArmor profiles (apparmor_parser, /sys/kernel/security/apparmor); absent in bare test nodes. */
  readonly apparmor?: import("../runtime/apparmor").AppArmorKernel;
  /** The kernel's iptables tables, as kube-proxy (iptables mode) and the kubelet wrote them. */
  readonly netfilter?: import("../kubeproxy/netfilter").Netfilter;
  /** What the node's own processes connect through (curl on the node): kube-proxy's rules, the pod bridge. */
  readonly hostNetwork?: import("../net/types").PodNetwork;
  /** `sim upgrade <version>`: replace the kubelet binary (kubeadm upgrade node) and restart it; an error text on bad input. */
  upgradeKubelet?(version: string): string | undefined;
  /** What crictl reaches through its endpoint (/etc/crictl.yaml): the runtime's CRI server. */
  readonly runtimeService: RuntimeService;
  readonly imageService: ImageService;
  readonly faults: Faults;
  /** Run the clock until `d` settles (sim) or await it (real runtime). */
  settle<T>(d: import("../task").Deferred<T>): Promise<T>;
  /**
   * Connect to a URL the CRI Exec/Attach call returned (the runtime's streaming server): the
   * terminal of the process. Absent when the runtime cannot stream (a real runtime behind the backend).
   */
  connectStream?(url: string): { stream: import("../runtime/tty").TerminalStream } | { error: string };
}

export interface SandboxView {
  sandbox: PodSandbox;
  ip?: string;
  netns?: string;
  /** The runtime handler's type: io.containerd.runc.v2, io.containerd.runsc.v1 (gVisor), io.containerd.kata.v2, oci (CRI-O). */
  runtimeType?: string;
  /** The pause container's namespaces and the pod's cgroup (absent with a real runtime). */
  isolation?: SandboxIsolation;
}

/** The namespace kinds of a Linux process (`lsns` TYPE: net, pid, ipc, uts, mnt, cgroup, user). */
export type NamespaceType = "net" | "pid" | "ipc" | "uts" | "mnt" | "cgroup" | "user";

/**
 * Where a process's namespace of one type comes from: joined from the pod sandbox (the pause
 * process), created for it alone, the node's own (hostNetwork/hostPID/hostIPC, no user namespace),
 * or rootlesskit's user namespace that every container of a rootless runtime shares.
 */
export type NamespaceSource = "pod" | "own" | "node" | "rootless";

export interface NamespaceView {
  type: NamespaceType;
  source: NamespaceSource;
  /** The path the OCI spec joins (`/proc/<pause pid>/ns/net`), when it joins one. */
  path?: string;
}

export interface SandboxIsolation {
  /** The pause process's PID on the node (0 when it is not running). */
  pid: number;
  /** The pod-level cgroup the kubelet asked for (CgroupParent). */
  cgroupParent?: string;
  namespaces: NamespaceView[];
}

/** What isolates one container: namespaces, cgroup, identity and confinement (`crictl inspect`'s runtimeSpec). */
export interface ContainerIsolation {
  containerId: string;
  /** The main process's PID on the node (0 unless running). */
  hostPid: number;
  namespaces: NamespaceView[];
  cgroup: {
    /** info.runtimeSpec.linux.cgroupsPath */
    path: string;
    /** memory.max in bytes, 0 = max (no limit). */
    memoryLimitBytes: number;
    /** memory.current while running. */
    memoryBytes?: number;
    cpuShares?: number;
    cpuQuota?: number;
    cpuPeriod?: number;
    /** CPU in use while running, in millicores. */
    cpuMillicores?: number;
  };
  user: { uid: number; gid: number; groups: number[]; name?: string; uidMap: string };
  capabilities: { effective: string[]; bounding: string[] };
  /** RuntimeDefault, Unconfined or the Localhost profile path. */
  seccomp: string;
  /** `unconfined` or `<profile> (enforce)`, as /proc/self/attr/current reads. */
  apparmor: string;
  noNewPrivileges: boolean;
  privileged: boolean;
  readOnlyRootfs: boolean;
}

/** One Service as the node's Service plumbing serves it. */
export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  /** `80/TCP` */
  ports: string[];
  /** Ready endpoints, `10.244.0.5:80`. */
  endpoints: string[];
  /** The kube-proxy chain its ClusterIP jumps to (KUBE-SVC-…), when it has one. */
  chain?: string;
}

/** kube-proxy, the Endpoints controller and the cluster DNS, for the diagram. */
export interface ServicesView {
  services: ServiceView[];
  /** The kernel's nat table as kube-proxy left it (print it with the iptables-save printer). */
  nat: import("../kubeproxy/netfilter").TableSnapshot;
  /** How many times kube-proxy ran syncProxyRules. */
  syncs: number;
  dnsIP: string;
  clusterDomain: string;
}

/** The node's runtime flavour, as the UI and lessons need it. */
export interface FlavourInfo {
  name: "containerd" | "crio" | "docker" | "cri-dockerd";
  title: string;
  /** The path of one CRI call, kubelet first. */
  hops: Actor[];
  /** The process that watches each container. */
  monitor: string;
}

export interface PullProgress {
  image: string;
  layersDone: number;
  layersTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** A plain-data picture of the node at one instant, for the UI. */
export interface NodeSnapshot {
  t: number;
  nodeName: string;
  pods: KubeObject[];
  nodes: KubeObject[];
  events: KubeObject[];
  sandboxes: SandboxView[];
  containers: Container[];
  images: Image[];
  pulls: PullProgress[];
  runtime: { containerd: string; kubelet: string; status?: StatusResponse };
  /** Runtime flavour (absent on older snapshots: containerd). */
  flavour?: FlavourInfo;
  /** Every unit's active state, by unit name. */
  units?: Record<string, string>;
  imageFs: { usedBytes: number; capacityBytes: number };
  lastTraceId: number;
  /** Each container's isolation, by container id (absent with a real runtime). */
  isolation?: Record<string, ContainerIsolation>;
  /** Services on the node: kube-proxy's rules, endpoints, cluster DNS. */
  services?: ServicesView;
}

export interface Simulation {
  readonly seed: number;
  readonly node: SimNode;
  readonly trace: TraceLog;
  /** Run one command line (or a heredoc block); resolves with what the terminal prints. */
  exec(line: string): Promise<string>;
  /** Move virtual time forward, firing every due event. */
  advance(ms: number): Promise<void>;
  /** kubectl apply of YAML text or an object; resolves with kubectl's output. */
  apply(yamlOrObject: string | object): Promise<string>;
  snapshot(): NodeSnapshot;
}
