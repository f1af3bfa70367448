// containerd: cmd/containerd/server/config/config.go + internal/cri/config — simplified: reads the
// version 3 layout (containerd 2.x) of /etc/containerd/config.toml into the settings the runtime uses.
import { parse, TomlError } from "smol-toml";

export const CONTAINERD_CONFIG_PATH = "/etc/containerd/config.toml";

export interface RuntimeHandlerConfig {
  runtimeType: string;
  systemdCgroup: boolean;
}

export interface ContainerdConfig {
  version: number;
  sandboxImage: string;
  snapshotter: string;
  defaultRuntimeName: string;
  runtimes: Record<string, RuntimeHandlerConfig>;
  /** runc's options.SystemdCgroup (must match the kubelet's cgroupDriver). */
  systemdCgroup: boolean;
  maxConcurrentDownloads: number;
  imagePullProgressTimeout: string;
  /** registry.config_path (hosts.toml directory), "" when unset. */
  registryConfigPath: string;
  cniBinDirs: string[];
  cniConfDir: string;
  /** image-verifier.v1.bindir: every executable in bin_dir judges each pull (none ⇒ no check). */
  imageVerifierBinDir?: string;
  /** The first max_verifiers entries (sorted by name) are called; < 0 ⇒ all. */
  maxVerifiers?: number;
}

export const DEFAULT_IMAGE_VERIFIER_BIN_DIR = "/opt/containerd/image-verifier/bin";

export const DEFAULT_SANDBOX_IMAGE = "registry.k8s.io/pause:3.10";

/** What `containerd config default` writes on a fresh 2.1 node, trimmed to the parts that matter here. */
export const DEFAULT_CONTAINERD_CONFIG_TOML = `version = 3
root = '/var/lib/containerd'
state = '/run/containerd'

[grpc]
  address = '/run/containerd/containerd.sock'

[plugins]
  [plugins.'io.containerd.cri.v1.images']
    snapshotter = 'overlayfs'
    disable_snapshot_annotations = true
    discard_unpacked_layers = false
    max_concurrent_downloads = 3
    image_pull_progress_timeout = '5m0s'
    image_pull_with_sync_fs = false
    stats_collect_period = 10

    [plugins.'io.containerd.cri.v1.images'.pinned_images]
      sandbox = '${DEFAULT_SANDBOX_IMAGE}'

    [plugins.'io.containerd.cri.v1.images'.registry]
      config_path = '/etc/containerd/certs.d:/etc/docker/certs.d'

  [plugins.'io.containerd.cri.v1.runtime']
    enable_selinux = false
    max_container_log_line_size = 16384
    restrict_oom_score_adj = false

    [plugins.'io.containerd.cri.v1.runtime'.containerd]
      default_runtime_name = 'runc'

      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes]
        [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
          runtime_type = 'io.containerd.runc.v2'

          [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
            BinaryName = ''
            # kubeadm's kubelet uses the systemd cgroup driver: runc must too (containerd's own default is false).
            SystemdCgroup = true

        # Sandboxed runtimes (RuntimeClass handlers): uncomment a table, then
        # systemctl restart containerd, and name the handler in a RuntimeClass.
        # gVisor, a user-space kernel (needs its shim installed):
        # [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runsc]
        #   runtime_type = 'io.containerd.runsc.v1'

        # Kata Containers, a lightweight VM per pod (needs its shim installed):
        # [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.kata]
        #   runtime_type = 'io.containerd.kata.v2'

    [plugins.'io.containerd.cri.v1.runtime'.cni]
      bin_dirs = ['/opt/cni/bin']
      conf_dir = '/etc/cni/net.d'
      max_conf_num = 1

  [plugins.'io.containerd.image-verifier.v1.bindir']
    bin_dir = '${DEFAULT_IMAGE_VERIFIER_BIN_DIR}'
    max_verifiers = 10
    per_verifier_timeout = '10s'
`;

export type LoadConfigResult =
  | { ok: true; config: ContainerdConfig; warnings: string[] }
  /** message: what containerd prints before exiting (`containerd: …`); log: the logrus error line's fields. */
  | { ok: false; message: string; log?: { msg: string; fields: Record<string, string | number> } };

type Table = Record<string, unknown>;
const asTable = (v: unknown): Table => (v && typeof v === "object" && !Array.isArray(v) ? (v as Table) : {});

export function loadConfig(tomlText: string, path = CONTAINERD_CONFIG_PATH): LoadConfigResult {
  let doc: Table;
  try {
    doc = parse(tomlText) as Table;
  } catch (e) {
    if (e instanceof TomlError) {
      // go-toml v2 DecodeError: row/column, message prefixed "toml: "
      const detail = `toml: ${e.message
        .split("\n")[0]
        .replace(/^Invalid TOML document: /, "")
        .replace(/^./, (c) => c.toLowerCase())}`;
      return {
        ok: false,
        message: `containerd: failed to unmarshal TOML at row ${e.line} column ${e.column}: ${detail}`,
        log: {
          msg: "Failure unmarshaling TOML",
          fields: { column: e.column, error: detail, file: path, row: e.line },
        },
      };
    }
    throw e;
  }
  const version = typeof doc.version === "number" ? doc.version : 1;
  if (version > 3)
    return {
      ok: false,
      message: `containerd: failed to load TOML from ${path}: expected containerd config version equal to or less than \`3\`, got \`${version}\``,
    };
  const warnings: string[] = [];
  const plugins = asTable(doc.plugins);
  let images: Table;
  let runtime: Table;
  let sandboxImage: unknown;
  if (version === 3) {
    images = asTable(plugins["io.containerd.cri.v1.images"]);
    runtime = asTable(plugins["io.containerd.cri.v1.runtime"]);
    sandboxImage = asTable(images.pinned_images).sandbox;
  } else {
    // version 2 (containerd 1.x layout), migrated on load as containerd 2.x does
    warnings.push(
      `Configuration migrated from version ${version}, use \`containerd config migrate\` to avoid migration`,
    );
    const cri = asTable(plugins["io.containerd.grpc.v1.cri"]);
    images = {
      ...asTable(cri.containerd),
      ...asTable(cri.registry),
      max_concurrent_downloads: cri.max_concurrent_downloads,
    };
    runtime = { containerd: cri.containerd, cni: cri.cni };
    sandboxImage = cri.sandbox_image;
  }
  const ctrd = asTable(runtime.containerd);
  const runtimes: Record<string, RuntimeHandlerConfig> = {};
  for (const [name, raw] of Object.entries(asTable(ctrd.runtimes))) {
    const r = asTable(raw);
    runtimes[name] = {
      runtimeType: typeof r.runtime_type === "string" ? r.runtime_type : "io.containerd.runc.v2",
      systemdCgroup: asTable(r.options).SystemdCgroup === true,
    };
  }
  const defaultRuntimeName =
    typeof ctrd.default_runtime_name === "string" ? ctrd.default_runtime_name : "runc";
  if (!runtimes.runc && defaultRuntimeName === "runc")
    runtimes.runc = { runtimeType: "io.containerd.runc.v2", systemdCgroup: false };
  const cni = asTable(runtime.cni);
  const verifier = asTable(plugins["io.containerd.image-verifier.v1.bindir"]);
  const str = (v: unknown, d: string) => (typeof v === "string" ? v : d);
  return {
    ok: true,
    warnings,
    config: {
      version,
      sandboxImage: str(sandboxImage, DEFAULT_SANDBOX_IMAGE),
      snapshotter: str(images.snapshotter, "overlayfs"),
      defaultRuntimeName,
      runtimes,
      systemdCgroup: runtimes[defaultRuntimeName]?.systemdCgroup ?? false,
      maxConcurrentDownloads:
        typeof images.max_concurrent_downloads === "number" ? images.max_concurrent_downloads : 3,
      imagePullProgressTimeout: str(images.image_pull_progress_timeout, "5m0s"),
      registryConfigPath: str(asTable(images.registry).config_path, ""),
      cniBinDirs: Array.isArray(cni.bin_dirs)
        ? (cni.bin_dirs as string[])
        : [str(cni.bin_dir, "/opt/cni/bin")],
      cniConfDir: str(cni.conf_dir, "/etc/cni/net.d"),
      imageVerifierBinDir: str(verifier.bin_dir, DEFAULT_IMAGE_VERIFIER_BIN_DIR),
      maxVerifiers: typeof verifier.max_verifiers === "number" ? verifier.max_verifiers : 10,
    },
  };
}
