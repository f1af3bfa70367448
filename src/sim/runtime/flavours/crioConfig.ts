// cri-o: pkg/config/config.go (UpdateFromFile, Validate) — simplified: /etc/crio/crio.conf read at
// every start into the settings the shared runtime engine uses (pause image, runtimes, cgroup manager).
import { parse, TomlError } from "smol-toml";
import {
  type ContainerdConfig,
  DEFAULT_CONTAINERD_CONFIG_TOML,
  loadConfig,
  type RuntimeHandlerConfig,
} from "../containerdConfig";

export const CRIO_CONFIG_PATH = "/etc/crio/crio.conf";
export const CRIO_PAUSE_IMAGE = "registry.k8s.io/pause:3.10.1";

/** What the cri-o package (1.34, pkgs.k8s.io) ships, trimmed to the settings that matter here. */
export const DEFAULT_CRIO_CONF = `# The CRI-O configuration file (see crio.conf(5)). CRI-O reads it at start;
# restart crio after an edit: systemctl restart crio

[crio]
log_dir = "/var/log/crio/pods"
version_file = "/var/run/crio/version"

[crio.api]
listen = "/var/run/crio/crio.sock"

[crio.runtime]
# The runtime handler used when a pod names no RuntimeClass (crun is the default since CRI-O 1.31).
default_runtime = "crun"
# conmon watches each container: holds its stdio and log file, records its exit code.
conmon = "/usr/libexec/crio/conmon"
conmon_cgroup = "pod"
# Must match the kubelet's cgroupDriver.
cgroup_manager = "systemd"

[crio.runtime.runtimes.crun]
runtime_path = "/usr/libexec/crio/crun"
runtime_root = "/run/crun"
monitor_path = "/usr/libexec/crio/conmon"

[crio.runtime.runtimes.runc]
runtime_path = "/usr/libexec/crio/runc"
runtime_root = "/run/runc"
monitor_path = "/usr/libexec/crio/conmon"

[crio.image]
pause_image = "${CRIO_PAUSE_IMAGE}"

[crio.network]
network_dir = "/etc/cni/net.d/"
plugin_dirs = [
  "/opt/cni/bin/",
]
`;

export interface CrioSettings {
  defaultRuntime: string;
  conmon: string;
  cgroupManager: "systemd" | "cgroupfs";
  pauseImage: string;
  runtimes: Record<string, { runtimePath: string; monitorPath: string }>;
}

export type CrioLoadResult =
  | { ok: true; settings: CrioSettings; engine: ContainerdConfig }
  | { ok: false; message: string };

type Table = Record<string, unknown>;
const asTable = (v: unknown): Table => (v && typeof v === "object" && !Array.isArray(v) ? (v as Table) : {});
const str = (v: unknown, d: string) => (typeof v === "string" ? v : d);

/** Parse crio.conf; a bad file gives the error crio exits with (logged as level=fatal). */
export function loadCrioConfig(text: string, path = CRIO_CONFIG_PATH): CrioLoadResult {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    // BurntSushi/toml ParseError: "toml: line N: <message>"
    const detail = e.message
      .split("\n")[0]
      .replace(/^Invalid TOML document: /, "")
      .replace(/^./, (c) => c.toLowerCase());
    return { ok: false, message: `unable to decode configuration ${path}: toml: line ${e.line}: ${detail}` };
  }
  const crio = asTable(doc.crio);
  const rt = asTable(crio.runtime);
  const image = asTable(crio.image);
  const runtimes: CrioSettings["runtimes"] = {};
  const conmon = str(rt.conmon, "/usr/libexec/crio/conmon");
  for (const [name, raw] of Object.entries(asTable(rt.runtimes))) {
    const r = asTable(raw);
    runtimes[name] = {
      runtimePath: str(r.runtime_path, `/usr/libexec/crio/${name}`),
      monitorPath: str(r.monitor_path, conmon),
    };
  }
  const defaultRuntime = str(rt.default_runtime, "crun");
  // crio: an absent table for the default runtime is added with defaults only for crun/runc
  if (!runtimes[defaultRuntime] && (defaultRuntime === "crun" || defaultRuntime === "runc"))
    runtimes[defaultRuntime] = { runtimePath: `/usr/libexec/crio/${defaultRuntime}`, monitorPath: conmon };
  if (!runtimes[defaultRuntime])
    return {
      ok: false,
      message: `validating runtime config: default_runtime set to ${JSON.stringify(defaultRuntime)}, but no runtime entry table [crio.runtime.runtimes.${defaultRuntime}] was found`,
    };
  const cgroupManager = str(rt.cgroup_manager, "systemd");
  if (cgroupManager !== "systemd" && cgroupManager !== "cgroupfs")
    return { ok: false, message: `invalid cgroup manager: ${cgroupManager}` };
  const settings: CrioSettings = {
    defaultRuntime,
    conmon,
    cgroupManager,
    pauseImage: str(image.pause_image, CRIO_PAUSE_IMAGE),
    runtimes,
  };
  return { ok: true, settings, engine: engineConfigOf(settings) };
}

/** The shared engine's settings for a CRI-O node (every OCI runtime runs under conmon). */
function engineConfigOf(s: CrioSettings): ContainerdConfig {
  const runtimes: Record<string, RuntimeHandlerConfig> = {};
  for (const name of Object.keys(s.runtimes))
    runtimes[name] = { runtimeType: "oci", systemdCgroup: s.cgroupManager === "systemd" };
  const base = loadConfig(DEFAULT_CONTAINERD_CONFIG_TOML);
  return {
    ...(base.ok ? base.config : ({} as ContainerdConfig)),
    version: 0,
    sandboxImage: s.pauseImage,
    snapshotter: "overlay",
    defaultRuntimeName: s.defaultRuntime,
    runtimes,
    systemdCgroup: s.cgroupManager === "systemd",
    maxConcurrentDownloads: 3,
    imagePullProgressTimeout: "0s",
    registryConfigPath: "/etc/containers/registries.conf",
    cniBinDirs: ["/opt/cni/bin/"],
    cniConfDir: "/etc/cni/net.d/",
  };
}
