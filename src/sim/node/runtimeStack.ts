// A non-containerd node's runtime daemons and sockets: which unit serves which CRI socket, what the
// kubelet (and crictl) get when they dial it, and how each version of the kubelet words a failure.
import type { VirtualClock } from "../clock";
import { CriError } from "../cri/errors";
import type { ImageService, RuntimeService } from "../cri/services";
import type { DialResult } from "../kubelet/kubelet";
import { klogLine } from "../kubelet/util/klog";
import type { ContainerdConfig } from "../runtime/containerdConfig";
import {
  criDockerdHooks,
  crioDown,
  crioHooks,
  crioNoRuntime,
  DOCKER_CONTAINERD_VERSION,
  daemonLogger,
  dockerContainerdHooks,
  dockerDown,
  dockerdHooks,
  dockerNoRuntime,
} from "../runtime/flavours/daemons";
import { withDockerPath } from "../runtime/flavours/dockerPath";
import { type FlavourSpec, kubeletHasDockershim } from "../runtime/flavours/spec";
import { counterUuid, makeVoice } from "../runtime/flavours/voices";
import type { SimRuntime } from "../runtime/simRuntime";
import { Deferred } from "../task";
import type { TraceLog } from "../trace";
import { KUBEADM_FLAGS_PATH, UNIT_FILES } from "./flavourFiles";
import type { NodeFs } from "./fs";
import { type Journal, Unit } from "./systemd";

type Services = { runtime: RuntimeService; images: ImageService };

export interface FlavourStack {
  /** Runtime units by name (crio; or containerd, docker, cri-docker). */
  units: Record<string, Unit>;
  /** The unit kept under `units.containerd` for older callers: CRI-O's on a CRI-O node. */
  criUnit: Unit;
  startAll(): void;
  dialKubelet(endpoint: string): DialResult;
  /** What crictl reaches through /etc/crictl.yaml's runtime-endpoint (error: the rpc error it gets). */
  crictlSocket(): { endpoint: string; error?: string };
  crictlService(): Services | undefined;
  upgradeKubelet(version: string): string | undefined;
  /** The kubelet is starting: a ≤1.23 kubelet on Docker starts its dockershim first (and says so). */
  kubeletStarting(): void;
  /** /run/dockershim.sock exists: a ≤1.23 kubelet serving its dockershim is running. */
  dockershimListening(): boolean;
}

export interface StackOptions {
  spec: FlavourSpec;
  runtime: SimRuntime;
  fs: NodeFs;
  journal: Journal;
  clock: VirtualClock;
  trace: TraceLog;
  pid: () => number;
  kubeletUnit: () => Unit;
  kubeletVersion: () => string;
}

const minor = (v: string) => Number(/^v?1\.(\d+)/.exec(v)?.[1] ?? 99);

const noSocket = (path: string, colon = true) =>
  `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing${colon ? ":" : ""} dial unix ${path}: connect: no such file or directory"`;
const refused = (path: string) =>
  `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${path}: connect: connection refused"`;
const UNIMPLEMENTED = "rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService";

/** The engine's settings on a Docker node: dockershim/cri-dockerd run every pod with runc and the kubelet's pause image. */
function dockerEngineConfig(base: ContainerdConfig, spec: FlavourSpec): ContainerdConfig {
  return {
    ...base,
    sandboxImage: spec.sandboxImage,
    snapshotter: "overlay2",
    defaultRuntimeName: "docker",
    runtimes: { docker: { runtimeType: "io.containerd.runc.v2", systemdCgroup: true } },
    systemdCgroup: true,
  };
}

export function buildFlavourStack(o: StackOptions): FlavourStack {
  const { spec, runtime, fs, journal, clock, trace } = o;
  const wall = () => clock.wallMs();
  const units: Record<string, Unit> = {};
  const pidOf = (name: string) => units[name]?.mainPid || units[name]?.lastPid || 0;
  const makeUnit = (
    name: string,
    hooks: { start(): string | undefined; stop(): void },
    execStart?: string,
  ) => {
    const f = UNIT_FILES[name];
    const u: Unit = new Unit(
      name,
      f.description,
      f.fragmentPath,
      execStart ?? f.execStart,
      clock,
      journal,
      o.pid,
      hooks,
    );
    u.restartSecMs = f.restartSecMs;
    units[name] = u;
    return u;
  };
  let reqN = 0;
  runtime.voice = makeVoice(spec.name, {
    wallMs: wall,
    append: (unit, ident, message) => journal.append(unit, ident, message),
    pid: pidOf,
    sandbox(id) {
      const sb = runtime.findSandbox(id);
      if (!sb) return undefined;
      const dns = sb.config.dnsConfig;
      return {
        id: sb.id,
        name: sb.config.metadata.name,
        namespace: sb.config.metadata.namespace,
        uid: sb.config.metadata.uid,
        netns: sb.netns,
        pid: sb.pid,
        dns: dns
          ? [
              ...(dns.servers ?? []).map((s) => `nameserver ${s}`),
              `search ${(dns.searches ?? []).join(" ")}`,
              `options ${(dns.options ?? []).join(" ")}`,
            ]
          : [],
      };
    },
    container(id) {
      const c = runtime.containers.get(id);
      return c
        ? { id: c.id, name: c.config.metadata.name, sandboxId: c.sandboxId, hostPid: c.hostPid }
        : undefined;
    },
    requestId: () => counterUuid(++reqN),
  });

  const kubeletFlags = () => fs.read(KUBEADM_FLAGS_PATH) ?? "";
  const containerRuntimeFlag = () =>
    /--container-runtime=(\S+?)["\s]/.exec(`${kubeletFlags()} `)?.[1] ?? "docker";
  /** ≤1.23 with --container-runtime=docker (the default): the kubelet runs dockershim itself. */
  const dockershimActive = () =>
    spec.name === "docker" && kubeletHasDockershim(o.kubeletVersion()) && containerRuntimeFlag() !== "remote";

  let criUnit: Unit;
  let dockershim: Services | undefined;
  let criDockerd: Services | undefined;
  let containerdCri = false;
  let containerdCriServer: Services | undefined;

  if (spec.name === "crio") {
    const log = daemonLogger(journal, wall, "crio", "crio", () => pidOf("crio"));
    runtime.unavailableError = crioDown;
    criUnit = makeUnit("crio", crioHooks(runtime, fs, log));
    runtime.noRuntimeError = (id, h) => crioNoRuntime(Object.keys(runtime.config.runtimes))(id, h);
  } else {
    runtime.unavailableError = dockerDown;
    runtime.noRuntimeError = dockerNoRuntime;
    runtime.applyConfig(dockerEngineConfig(runtime.config, spec));
    // hooks run before systemd marks the unit active: track what each daemon said itself
    let containerdUp = false;
    let dockerdUp = false;
    // pods run through dockerd — or, once containerd's CRI plugin is on, straight through containerd
    const sync = () => runtime.setAvailable(containerdUp && (dockerdUp || containerdCri));
    const ctrLog = daemonLogger(journal, wall, "containerd", "containerd", () => pidOf("containerd"));
    criUnit = makeUnit(
      "containerd",
      dockerContainerdHooks(fs, ctrLog, (cri) => {
        containerdCri = cri === true;
        containerdUp = cri !== undefined;
        sync();
      }),
    );
    const dLog = daemonLogger(journal, wall, "docker", "dockerd", () => pidOf("docker"));
    makeUnit(
      "docker",
      dockerdHooks(
        spec,
        dLog,
        () => containerdUp,
        (up) => {
          dockerdUp = up;
          sync();
        },
      ),
    );
    const cLog = daemonLogger(journal, wall, "cri-docker", "cri-dockerd", () => pidOf("cri-docker"));
    const criDockerUnit = makeUnit("cri-docker", criDockerdHooks(cLog));
    const gateDocker = () =>
      !criDockerUnit.active
        ? new CriError(
            "Unavailable",
            refused("/var/run/cri-dockerd.sock").replace(/^rpc error: code = Unavailable desc = /, ""),
          )
        : undefined;
    // with containerd's CRI serving the engine, the Docker paths still need dockerd itself
    const needDockerd = () => (containerdCri && !dockerdUp ? dockerDown() : undefined);
    dockershim = withDockerPath(runtime, "dockershim", spec.runtimeApiVersion, trace, needDockerd);
    criDockerd = withDockerPath(
      runtime,
      "cri-dockerd",
      spec.runtimeApiVersion,
      trace,
      () => gateDocker() ?? needDockerd(),
    );
    // containerd's own CRI answers Version as containerd (Docker's containerd.io build), not as Docker
    containerdCriServer = {
      runtime: new Proxy(runtime, {
        get(target, prop, receiver) {
          if (prop === "version")
            return () =>
              Deferred.resolved({
                version: "0.1.0",
                runtimeName: "containerd",
                runtimeVersion: `v${DOCKER_CONTAINERD_VERSION}`,
                runtimeApiVersion: "v1",
              });
          const value = Reflect.get(target, prop, receiver) as unknown;
          return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      }),
      images: runtime,
    };
  }

  const kubeletUp = () => o.kubeletUnit().active;

  /** The server behind a socket path, or the rpc error a client gets dialing it. */
  function serverAt(path: string, forKubelet: boolean): Services | { error: string; missing: boolean } {
    const p = path.replace(/^\/var\/run\//, "/run/");
    const up = (u: Unit | undefined) => u && u.state !== "inactive";
    if (p === "/run/containerd/containerd.sock") {
      const u = units.containerd;
      if (!up(u)) return { error: noSocket(path), missing: true };
      if (spec.name !== "crio" && !containerdCri) return { error: UNIMPLEMENTED, missing: false };
      return containerdCriServer ?? { runtime, images: runtime };
    }
    if (p === "/run/crio/crio.sock" && spec.name === "crio") {
      return up(units.crio) ? { runtime, images: runtime } : { error: noSocket(path), missing: true };
    }
    if (p === "/run/cri-dockerd.sock" && criDockerd) {
      return up(units["cri-docker"]) ? criDockerd : { error: noSocket(path), missing: true };
    }
    // dockershim.sock exists only while a ≤1.23 kubelet runs its dockershim
    if (p === "/run/dockershim.sock" && dockershim && dockershimActive() && (forKubelet || kubeletUp()))
      return dockershim;
    return { error: noSocket(path), missing: true };
  }

  return {
    units,
    criUnit,
    startAll() {
      for (const name of spec.units) units[name].start();
      // a Docker node of the dockershim era has cri-dockerd installed but not enabled
      if (spec.name === "docker") units["cri-docker"].enabled = false;
    },
    dialKubelet(endpoint) {
      const version = o.kubeletVersion();
      if (dockershimActive()) {
        if (!units.docker?.active)
          return {
            error:
              "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
            runError:
              "failed to run Kubelet: failed to get docker version: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
          };
        return dockershim!;
      }
      const path = endpoint.replace(/^unix:\/\//, "");
      const s = serverAt(path, true);
      if (!("error" in s)) return s;
      // 1.24–1.25 still tried v1alpha2 and reported "unable to determine runtime API version"
      if (minor(version) <= 25) {
        const err = s.missing
          ? noSocket(path, false)
          : "rpc error: code = Unimplemented desc = unknown service runtime.v1alpha2.RuntimeService";
        return {
          error: err,
          runError: `failed to run Kubelet: unable to determine runtime API version: ${err}`,
        };
      }
      return { error: s.error };
    },
    crictlSocket() {
      const endpoint =
        /runtime-endpoint:\s*"?([^"\s]+)/.exec(fs.read("/etc/crictl.yaml") ?? "")?.[1] ?? spec.crictlEndpoint;
      const s = serverAt(endpoint.replace(/^unix:\/\//, ""), false);
      if (!("error" in s)) {
        const unitName = /crio/.test(endpoint)
          ? "crio"
          : /cri-dockerd/.test(endpoint)
            ? "cri-docker"
            : /dockershim/.test(endpoint)
              ? "kubelet"
              : "containerd";
        const u = unitName === "kubelet" ? o.kubeletUnit() : units[unitName];
        // a daemon that died leaves its socket behind: nobody answers
        if (u && u.state === "failed")
          return { endpoint, error: refused(endpoint.replace(/^unix:\/\//, "")) };
        return { endpoint };
      }
      return { endpoint, error: s.error };
    },
    crictlService() {
      const endpoint = this.crictlSocket().endpoint;
      const s = serverAt(endpoint.replace(/^unix:\/\//, ""), true);
      return "error" in s ? undefined : s;
    },
    dockershimListening: () => dockershim !== undefined && dockershimActive() && kubeletUp(),
    kubeletStarting() {
      if (!dockershimActive()) return;
      const pid = o.kubeletUnit().mainPid;
      const log = (sev: "I" | "W", src: string, msg: string, kv: [string, unknown][] = []) =>
        journal.append("kubelet", `kubelet[${pid}]`, klogLine(sev, wall(), pid, src, msg, kv));
      // kubelet 1.20–1.23 (cmd/kubelet/app/server.go, pkg/kubelet/dockershim/docker_service.go)
      log(
        "W",
        "server.go:233",
        "Using dockershim is deprecated, please consider using a full-fledged CRI implementation",
      );
      log("I", "docker_service.go:243", "Connecting to docker on the dockerEndpoint", [
        ["endpoint", "unix:///var/run/docker.sock"],
      ]);
      log("I", "docker_service.go:258", "Start docker client with request timeout", [["timeout", "2m0s"]]);
      log("I", "docker_service.go:273", "Hairpin mode is set", [["hairpinMode", "hairpin-veth"]]);
      log("I", "docker_service.go:281", "Docker cri networking managed by the network plugin", [
        ["networkPluginName", "cni"],
      ]);
      log("I", "docker_service.go:316", "Setting cgroupDriver", [["cgroupDriver", "systemd"]]);
      log("I", "dockershim.go:49", "Starting the GRPC backend for the Docker CRI interface.");
      log("I", "docker_server.go:63", "Start dockershim grpc server");
    },
    upgradeKubelet(version) {
      if (!/^v1\.\d+\.\d+$/.test(version)) return `sim: invalid kubelet version "${version}" (e.g. v1.24.17)`;
      // kubeadm upgrade node on a Docker node: the endpoint becomes explicit, --network-plugin goes (removed in 1.24)
      if (spec.name === "docker" && !kubeletHasDockershim(version))
        fs.write(
          KUBEADM_FLAGS_PATH,
          'KUBELET_KUBEADM_ARGS="--container-runtime=remote --container-runtime-endpoint=unix:///var/run/dockershim.sock --pod-infra-container-image=registry.k8s.io/pause:3.7"\n',
        );
      return undefined;
    },
  };
}
