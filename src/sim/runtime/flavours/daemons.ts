// The other flavours' daemons as systemd unit hooks: CRI-O (reads /etc/crio/crio.conf at start),
// dockerd, Docker's own containerd (CRI plugin disabled by its package), and cri-dockerd — each
// with the start-up lines it writes to its journal.
import { parse, TomlError } from "smol-toml";
import { CriError } from "../../cri/errors";
import type { NodeFs } from "../../node/fs";
import type { Journal } from "../../node/systemd";
import { containerdLogLine } from "../daemon";
import type { SimRuntime } from "../simRuntime";
import { CRIO_CONFIG_PATH, DEFAULT_CRIO_CONF, loadCrioConfig } from "./crioConfig";
import { DOCKER_VERSION, DOCKER_VERSION_1_23, type FlavourSpec } from "./spec";

export interface UnitHooks {
  start(): string | undefined;
  stop(): void;
}

/** logrus text lines under a unit's ident (`crio[1234]`, `dockerd[987]`). */
export function daemonLogger(
  journal: Journal,
  wallMs: () => number,
  unit: string,
  ident: string,
  pid: () => number,
) {
  return (
    level: "info" | "warning" | "error" | "fatal",
    msg: string,
    fields: Record<string, string | number> = {},
  ) =>
    journal.append(
      unit,
      `${ident}[${pid()}]`,
      containerdLogLine(wallMs(), level as "info", msg, fields).replace(/ level=info /, ` level=${level} `),
    );
}

export const CRIO_GIT_COMMIT = "6e5a3b7a2f4e0f5a1c8d9b0e3f2a7c6d5e4b3a21";

export function crioHooks(rt: SimRuntime, fs: NodeFs, log: ReturnType<typeof daemonLogger>): UnitHooks {
  return {
    start() {
      const res = loadCrioConfig(fs.read(CRIO_CONFIG_PATH) ?? DEFAULT_CRIO_CONF);
      log("info", `Starting CRI-O, version: ${rt.flavour.runtimeVersion}, git: ${CRIO_GIT_COMMIT}(clean)`);
      if (!res.ok) {
        // crio's main: logrus.Fatal(err) — the process exits 1 and systemd marks the unit failed
        log("fatal", res.message);
        return res.message;
      }
      const s = res.settings;
      log("info", "Node configuration value for hugetlb cgroup is true");
      log("info", "Node configuration value for pid cgroup is true");
      log("info", "Node configuration value for memoryswap cgroup is true");
      log("info", "Node configuration value for cgroup v2 is true");
      log(
        "info",
        "Using default capabilities: CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_FOWNER, CAP_SETGID, CAP_SETUID, CAP_SETPCAP, CAP_NET_BIND_SERVICE, CAP_KILL",
      );
      log("info", `Using conmon executable: ${s.conmon}`);
      log("info", "Conmon does support the --sync option");
      log("info", "Conmon does support the --log-global-size-max option");
      log("info", "Found CNI network crio (type=bridge) at /etc/cni/net.d/11-crio-ipv4-bridge.conflist");
      log("info", "Updated default CNI network name to crio");
      log("info", "Registered SIGHUP reload watcher");
      log("info", "Starting seccomp notifier watcher");
      log("info", "Create NRI interface");
      rt.applyConfig(res.engine);
      rt.setAvailable(true);
      return undefined;
    },
    stop() {
      rt.setAvailable(false);
    },
  };
}

/** /etc/containerd/config.toml as the containerd.io package (Docker's repository) ships it. */
export const DOCKER_CONTAINERD_CONFIG = `#   Copyright 2018-2022 Docker Inc.

#   Licensed under the Apache License, Version 2.0 (the "License");
#   you may not use this file except in compliance with the License.

disabled_plugins = ["cri"]

#root = "/var/lib/containerd"
#state = "/run/containerd"
#subreaper = true
#oom_score = 0

#[grpc]
#  address = "/run/containerd/containerd.sock"
#  uid = 0
#  gid = 0
`;

export const DOCKER_CONTAINERD_VERSION = "1.7.27";

/** Docker's containerd: no CRI unless the learner removes `disabled_plugins = ["cri"]`. */
export function dockerContainerdHooks(
  fs: NodeFs,
  log: ReturnType<typeof daemonLogger>,
  /** After start (true: CRI plugin loaded, false: disabled) and on stop (undefined). */
  onChange: (criEnabled: boolean | undefined) => void,
): UnitHooks {
  return {
    start() {
      let criEnabled = false;
      try {
        const doc = parse(fs.read("/etc/containerd/config.toml") ?? "") as { disabled_plugins?: unknown };
        criEnabled = !(Array.isArray(doc.disabled_plugins) && doc.disabled_plugins.includes("cri"));
      } catch (e) {
        if (!(e instanceof TomlError)) throw e;
        const msg = `containerd: failed to load TOML: /etc/containerd/config.toml: (${e.line}, ${e.column}): ${e.message.split("\n")[0]}`;
        log("error", msg);
        return msg;
      }
      log("info", "starting containerd", {
        revision: "05044ec0a9a75232cad458027ca83437aae3f4da",
        version: `v${DOCKER_CONTAINERD_VERSION}`,
      });
      log("info", 'loading plugin "io.containerd.snapshotter.v1.overlayfs"...', {
        type: "io.containerd.snapshotter.v1",
      });
      log("info", 'loading plugin "io.containerd.runtime.v2.task"...', { type: "io.containerd.runtime.v2" });
      if (criEnabled)
        log("info", 'loading plugin "io.containerd.grpc.v1.cri"...', { type: "io.containerd.grpc.v1" });
      log("info", "serving...", { address: "/run/containerd/containerd.sock.ttrpc" });
      log("info", "serving...", { address: "/run/containerd/containerd.sock" });
      log("info", "containerd successfully booted in 0.041872s");
      onChange(criEnabled);
      return undefined;
    },
    stop() {
      onChange(undefined);
    },
  };
}

export function dockerdHooks(
  spec: FlavourSpec,
  log: ReturnType<typeof daemonLogger>,
  containerdUp: () => boolean,
  onChange: (up: boolean) => void,
): UnitHooks {
  const version = spec.name === "docker" ? DOCKER_VERSION_1_23 : DOCKER_VERSION;
  return {
    start() {
      log("info", "Starting up");
      if (!containerdUp()) {
        const msg =
          'failed to start daemon: error while opening volume store metadata database: failed to dial "/run/containerd/containerd.sock": context deadline exceeded';
        log("error", msg);
        return msg;
      }
      log("info", "[graphdriver] using prior storage driver: overlay2");
      log("info", "Loading containers: start.");
      log("info", "Loading containers: done.");
      log("info", "Docker daemon", {
        commit: "bd0a34d",
        "containerd-snapshotter": "false",
        "storage-driver": "overlay2",
        version,
      });
      log("info", "Daemon has completed initialization");
      log("info", "API listen on /run/docker.sock");
      onChange(true);
      return undefined;
    },
    stop() {
      log("info", "Processing signal 'terminated'");
      log("info", "Daemon shutdown complete");
      onChange(false);
    },
  };
}

export function criDockerdHooks(log: ReturnType<typeof daemonLogger>): UnitHooks {
  return {
    start() {
      log("info", "Starting cri-dockerd 0.3.20 (9f3e8a1)");
      log("info", "Connecting to docker on the Endpoint unix:///var/run/docker.sock");
      log("info", "Start docker client with request timeout 0s");
      log("info", "Hairpin mode is set to none");
      log("info", "Loaded network plugin cni");
      log("info", "Docker cri networking managed by network plugin cni");
      log("info", "Setting cgroupDriver systemd");
      log(
        "info",
        "Docker cri received runtime config &RuntimeConfig{NetworkConfig:&NetworkConfig{PodCidr:,},}",
      );
      log("info", "Starting the GRPC backend for the Docker CRI interface.");
      log("info", "Start cri-dockerd grpc backend");
      return undefined;
    },
    stop() {},
  };
}

/** dockershim/cri-dockerd answer this while dockerd is down. */
export const dockerDown = (): CriError =>
  new CriError(
    "Unknown",
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
  );

/** CRI-O with its socket closed (crio stopped or dead). */
export const crioDown = (): CriError =>
  new CriError(
    "Unavailable",
    'connection error: desc = "transport: Error while dialing: dial unix /var/run/crio/crio.sock: connect: connection refused"',
  );

/** CRI-O: a RuntimeClass handler with no [crio.runtime.runtimes.<name>] table (internal/oci ValidateRuntimeHandler). */
export function crioNoRuntime(handlers: string[]): (id: string, handler: string) => CriError {
  return (_id, handler) =>
    new CriError(
      "Unknown",
      `failed to find runtime handler ${handler} from runtime list map[${handlers
        .sort()
        .map((h, i) => `${h}:0xc000${(0x4a2000 + i * 0xf0).toString(16)}`)
        .join(" ")}]`,
    );
}

/** dockershim and cri-dockerd know no handlers but Docker's own. */
export const dockerNoRuntime = (_id: string, handler: string): CriError =>
  new CriError("Unknown", `RuntimeHandler ${JSON.stringify(handler)} not supported`);
