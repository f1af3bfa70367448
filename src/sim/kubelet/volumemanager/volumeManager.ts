// k8s: pkg/kubelet/volumemanager (WaitForAttachAndMount) + pkg/volume/{configmap,secret,downwardapi,
// projected,emptydir}, pkg/volume/util/atomic_writer.go, pkg/volume/volume_linux.go — simplified: before
// the containers start, the kubelet writes each volume's files under
// /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~<plugin>/<name> on the node (the atomic writer's
// `..<timestamp>` directory, `..data` and per-key symlinks, modes and the pod's fsGroup), and the runtime
// bind-mounts those directories into the containers. No real tmpfs: the secret, projected and downward
// API roots are only marked as one (their `ls -l` sizes and mode 1777).
import type {
  ConfigMap,
  DownwardAPIVolumeFile,
  KeyToPath,
  Node,
  Pod,
  Secret,
  Volume,
} from "kubernetes-types/core/v1";
import type { ApiServerClient } from "../../apiserver/types";
import { rfc3339 } from "../../clock/time";
import { containerResourceValue } from "../kuberuntime/resourceFieldRef";
import { resolveClaimVolume } from "./persistentVolumes";

/** Ownership, mode (0o7777 bits) and wall-clock mtime of a volume's file, as `stat` reports them. */
export interface VolumeFileAttrs {
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  /** The directory is a tmpfs mount point (secret, projected, downward API, medium: Memory). */
  tmpfs?: boolean;
}

/** The node's files, as the kubelet writes them (the optional part: links and attributes). */
export interface VolumeHost {
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  mkdir(path: string): void;
  symlink?(path: string, target: string): void;
  /** The target of a symbolic link. */
  link?(path: string): string | undefined;
  /** Immediate children; directories end with "/". */
  readdir?(path: string): string[];
  setAttrs?(path: string, attrs: VolumeFileAttrs): void;
  attrsOf?(path: string): VolumeFileAttrs | undefined;
  removeAll?(path: string): void;
}

type FullVolumeHost = Required<VolumeHost>;

/** Mode of the atomic writer's files when neither the item nor the volume sets one (0644). */
const DEFAULT_FILE_MODE = 0o644;

/** The plugin directory name of a volume (kubernetes.io~<plugin>); undefined for hostPath. */
export function volumePluginOf(v: Volume | undefined): string | undefined {
  if (v?.hostPath) return undefined;
  if (v?.configMap) return "configmap";
  if (v?.secret) return "secret";
  if (v?.projected) return "projected";
  if (v?.downwardAPI) return "downward-api";
  return "empty-dir";
}

/** Where a volume lives on the node. */
export function volumeHostPath(pod: Pod, v: Volume | undefined, name: string): string {
  if (v?.hostPath) return v.hostPath.path;
  return `/var/lib/kubelet/pods/${pod.metadata?.uid ?? ""}/volumes/kubernetes.io~${volumePluginOf(v)}/${name}`;
}

class MountError extends Error {}

const decode = (b64: string): string => {
  try {
    return decodeURIComponent(escape(atob(b64)));
  } catch {
    return atob(b64);
  }
};

function keyed(
  data: Record<string, string>,
  items: KeyToPath[] | undefined,
  missing: (key: string) => string,
): Record<string, string> {
  if (!items?.length) return data;
  const out: Record<string, string> = {};
  for (const it of items) {
    if (!(it.key in data)) throw new MountError(missing(it.key));
    out[it.path] = data[it.key];
  }
  return out;
}

function configMapFiles(
  api: ApiServerClient,
  ns: string,
  name: string,
  items?: KeyToPath[],
  optional?: boolean,
) {
  const cm = api.tryGet<ConfigMap>("ConfigMap", ns, name);
  if (!cm) {
    if (optional) return {};
    throw new MountError(`configmap ${JSON.stringify(name)} not found`);
  }
  const data: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data[k] = decode(v);
  return keyed(data, items, (k) => `configmap references non-existent config key: ${k}`);
}

function secretFiles(
  api: ApiServerClient,
  ns: string,
  name: string,
  items?: KeyToPath[],
  optional?: boolean,
) {
  const s = api.tryGet<Secret>("Secret", ns, name);
  if (!s) {
    if (optional) return {};
    throw new MountError(`secret ${JSON.stringify(name)} not found`);
  }
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) data[k] = decode(v);
  for (const [k, v] of Object.entries(s.stringData ?? {})) data[k] = v;
  return keyed(data, items, (k) => `references non-existent secret key: ${k}`);
}

/** Downward API files: labels and annotations as `key="value"` lines, sorted; resources divided and rounded up. */
function downwardFiles(
  pod: Pod,
  items: DownwardAPIVolumeFile[] | undefined,
  allocatable?: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const pairs = (m: Record<string, string> | undefined) =>
    Object.keys(m ?? {})
      .sort()
      .map((k) => `${k}=${JSON.stringify(m?.[k] ?? "")}`)
      .join("\n");
  for (const it of items ?? []) {
    const f = it.fieldRef?.fieldPath;
    const meta = pod.metadata ?? {};
    let v: string | undefined;
    if (f === "metadata.labels") v = pairs(meta.labels);
    else if (f === "metadata.annotations") v = pairs(meta.annotations);
    else if (f === "metadata.name") v = meta.name;
    else if (f === "metadata.namespace") v = meta.namespace;
    else if (f === "metadata.uid") v = meta.uid;
    else if (f?.startsWith("metadata.labels['")) v = meta.labels?.[f.slice(17, -2)];
    else if (f?.startsWith("metadata.annotations['")) v = meta.annotations?.[f.slice(22, -2)];
    else if (it.resourceFieldRef) {
      try {
        v = containerResourceValue(it.resourceFieldRef, pod, undefined, allocatable);
      } catch (e) {
        throw new MountError((e as Error).message);
      }
    }
    if (v !== undefined) out[it.path] = v;
  }
  return out;
}

function filesOf(pod: Pod, v: Volume, api: ApiServerClient): Record<string, string> | undefined {
  const ns = pod.metadata?.namespace ?? "default";
  const allocatable = () =>
    api.tryGet<Node>("Node", undefined, pod.spec?.nodeName ?? "")?.status?.allocatable;
  if (v.configMap)
    return configMapFiles(api, ns, v.configMap.name ?? "", v.configMap.items, v.configMap.optional);
  if (v.secret) return secretFiles(api, ns, v.secret.secretName ?? "", v.secret.items, v.secret.optional);
  if (v.downwardAPI) return downwardFiles(pod, v.downwardAPI.items, allocatable());
  if (v.projected) {
    const out: Record<string, string> = {};
    for (const src of v.projected.sources ?? []) {
      if (src.configMap)
        Object.assign(
          out,
          configMapFiles(api, ns, src.configMap.name ?? "", src.configMap.items, src.configMap.optional),
        );
      if (src.secret)
        Object.assign(
          out,
          secretFiles(api, ns, src.secret.name ?? "", src.secret.items, src.secret.optional),
        );
      if (src.downwardAPI) Object.assign(out, downwardFiles(pod, src.downwardAPI.items, allocatable()));
      // A bound token from the TokenRequest API (here a stand-in JWT naming the pod).
      if (src.serviceAccountToken)
        out[src.serviceAccountToken.path] =
          `eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbSJ9.${pod.metadata?.uid ?? ""}.sig`;
    }
    return out;
  }
  return undefined;
}

/**
 * Everything a pod's volume files are made from, as object identities (stored API objects are frozen
 * and replaced on every change): the pod's spec, labels and annotations, the node when an item reads
 * a resourceFieldRef (allocatable), and each ConfigMap and Secret the volumes name. Equal inputs give equal files,
 * so the periodic remount can skip a pod whose inputs are the same objects as last time.
 */
export function volumeInputs(pod: Pod, api: ApiServerClient): unknown[] {
  const ns = pod.metadata?.namespace ?? "default";
  const out: unknown[] = [pod.spec, pod.metadata?.labels, pod.metadata?.annotations];
  let node = false;
  for (const v of pod.spec?.volumes ?? []) {
    if (v.configMap) out.push(api.tryGet("ConfigMap", ns, v.configMap.name ?? ""));
    if (v.secret) out.push(api.tryGet("Secret", ns, v.secret.secretName ?? ""));
    if (v.downwardAPI?.items?.some((i) => i.resourceFieldRef)) node = true;
    for (const src of v.projected?.sources ?? []) {
      if (src.configMap) out.push(api.tryGet("ConfigMap", ns, src.configMap.name ?? ""));
      if (src.secret) out.push(api.tryGet("Secret", ns, src.secret.name ?? ""));
      // the node matters only for a resourceFieldRef without a limit (allocatable); the service
      // account volume's namespace item does not read it, and the Node changes with every heartbeat
      if (src.downwardAPI?.items?.some((i) => i.resourceFieldRef)) node = true;
    }
  }
  if (node) out.push(api.tryGet("Node", undefined, pod.spec?.nodeName ?? ""));
  return out;
}

/** Per-file modes: an item's `mode`, else the volume's `defaultMode` (0644). */
function modesOf(v: Volume): (path: string) => number {
  const modes = new Map<string, number>();
  const add = (items: { path: string; mode?: number }[] | undefined) => {
    for (const it of items ?? []) if (it.mode !== undefined) modes.set(it.path, it.mode);
  };
  add(v.configMap?.items);
  add(v.secret?.items);
  add(v.downwardAPI?.items);
  for (const src of v.projected?.sources ?? []) {
    add(src.configMap?.items);
    add(src.secret?.items);
    add(src.downwardAPI?.items);
  }
  const def =
    v.configMap?.defaultMode ??
    v.secret?.defaultMode ??
    v.downwardAPI?.defaultMode ??
    v.projected?.defaultMode ??
    DEFAULT_FILE_MODE;
  return (path) => modes.get(path) ?? def;
}

/** `time.Now().UTC().Format("..2006_01_02_15_04_05.")` plus os.MkdirTemp's random number (here a hash). */
function timestampDirName(wallMs: number, seed: string): string {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return `..${rfc3339(wallMs).slice(0, 19).replace(/[-T:]/g, "_")}.${h >>> 0}`;
}

/** Relative paths of the files under `dir` (the previous payload). */
function payloadPaths(host: FullVolumeHost, dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const n of host.readdir(dir)) {
    if (n.endsWith("/")) out.push(...payloadPaths(host, `${dir}/${n.slice(0, -1)}`, `${prefix}${n}`));
    else out.push(`${prefix}${n}`);
  }
  return out;
}

/** The payload paths last written per volume directory (listing the node's tree each resync is slow). */
const writtenPaths = new WeakMap<VolumeHost, Map<string, { ts: string; paths: string[] }>>();

/**
 * AtomicWriter.Write: the payload goes into a new `..<timestamp>` directory (0755), `..data` points at
 * it, each top-level name is a link `name -> ..data/name`, and the previous directory is removed.
 * Nothing changes when the payload is the one already written (then it returns false).
 */
function atomicWrite(
  host: FullVolumeHost,
  dir: string,
  files: Record<string, string>,
  modeOf: (path: string) => number,
  now: number,
  seed: string,
): boolean {
  const dataLink = `${dir}/..data`;
  const old = host.link(dataLink);
  let written = writtenPaths.get(host);
  if (!written) {
    written = new Map();
    writtenPaths.set(host, written);
  }
  const known = written.get(dir);
  const oldPaths =
    old === undefined ? [] : known?.ts === old ? known.paths : payloadPaths(host, `${dir}/${old}`);
  const paths = Object.keys(files);
  const same =
    old !== undefined &&
    oldPaths.length === paths.length &&
    paths.every((p) => host.read(`${dir}/${old}/${p}`) === files[p]);
  if (same) return false;
  const root = { uid: 0, gid: 0 };
  const ts = timestampDirName(now, `${seed}/${now}`);
  host.mkdir(`${dir}/${ts}`);
  // newTimestampDir: chmod 0755 so group and others can traverse it whatever the umask
  host.setAttrs(`${dir}/${ts}`, { ...root, mode: 0o755, mtime: now });
  for (const p of paths) {
    const segs = p.split("/");
    for (let i = 1; i < segs.length; i++) {
      const sub = `${dir}/${ts}/${segs.slice(0, i).join("/")}`;
      host.mkdir(sub);
      host.setAttrs(sub, { ...root, mode: 0o755, mtime: now });
    }
    host.write(`${dir}/${ts}/${p}`, files[p]);
    host.setAttrs(`${dir}/${ts}/${p}`, { ...root, mode: modeOf(p), mtime: now });
  }
  const visible = new Set(paths.map((p) => p.split("/")[0]));
  for (const name of visible) {
    if (host.link(`${dir}/${name}`) !== undefined) continue;
    host.symlink(`${dir}/${name}`, `..data/${name}`);
    host.setAttrs(`${dir}/${name}`, { ...root, mtime: now });
  }
  host.symlink(dataLink, ts);
  host.setAttrs(dataLink, { ...root, mtime: now });
  for (const p of oldPaths) {
    const name = p.split("/")[0];
    if (!visible.has(name)) host.removeAll(`${dir}/${name}`);
  }
  if (old !== undefined) host.removeAll(`${dir}/${old}`);
  host.setAttrs(dir, { mtime: now });
  written.set(dir, { ts, paths });
  return true;
}

/**
 * SetVolumeOwnership: every entry's group becomes the fsGroup (links too, with Lchown); files and
 * directories gain group read (and write on a writable volume), directories also setgid and search.
 */
function setVolumeOwnership(
  host: FullVolumeHost,
  path: string,
  fsGroup: number,
  readOnly: boolean,
  isDir = true,
) {
  const link = host.link(path) !== undefined;
  const a = host.attrsOf(path) ?? {};
  const mask = (readOnly ? 0o440 : 0o660) | (isDir ? 0o2110 : 0);
  host.setAttrs(
    path,
    link ? { gid: fsGroup } : { gid: fsGroup, mode: (a.mode ?? (isDir ? 0o755 : 0o644)) | mask },
  );
  if (!isDir || link) return;
  for (const n of host.readdir(path))
    setVolumeOwnership(host, `${path}/${n.replace(/\/$/, "")}`, fsGroup, readOnly, n.endsWith("/"));
}

function fullHost(host: VolumeHost): FullVolumeHost | undefined {
  const { symlink, link, readdir, setAttrs, attrsOf, removeAll } = host;
  return symlink && link && readdir && setAttrs && attrsOf && removeAll
    ? (host as FullVolumeHost)
    : undefined;
}

/**
 * Set up every volume of the pod on the node; returns the FailedMount message of the first volume that
 * cannot be set up (`MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found`).
 * Files are rewritten only when their content changed (a ConfigMap edit reaches the volume).
 * `now` is the wall clock (epoch ms) for file times and the timestamped directory's name.
 */
export function setUpPodVolumes(
  pod: Pod,
  api: ApiServerClient,
  host: VolumeHost,
  now = 0,
): string | undefined {
  const full = fullHost(host);
  const fsGroup = pod.spec?.securityContext?.fsGroup;
  for (const v of pod.spec?.volumes ?? []) {
    if (v.hostPath) continue;
    if (v.persistentVolumeClaim) {
      // a claim's PV is mounted from where it lives (hostPath: the node directory); unbound, it waits
      const r = resolveClaimVolume(pod, v, api);
      if ("error" in r)
        return `Unable to attach or mount volumes: unmounted volumes=[${v.name}], unattached volumes=[], failed to process volumes=[${v.name}]: ${r.error}`;
      if (r.hostPath) continue;
    }
    const dir = volumeHostPath(pod, v, v.name);
    let files: Record<string, string> | undefined;
    try {
      files = filesOf(pod, v, api);
    } catch (e) {
      if (e instanceof MountError)
        return `MountVolume.SetUp failed for volume ${JSON.stringify(v.name)} : ${e.message}`;
      throw e;
    }
    if (!full) {
      host.mkdir(dir);
      for (const [path, content] of Object.entries(files ?? {})) {
        const target = `${dir}/${path}`;
        if (host.read(target) !== content) host.write(target, content);
      }
      continue;
    }
    // emptyDir is set up once (later syncs find it ready); the others are rewritten when changed
    const fresh = full.attrsOf(dir) === undefined;
    if (!fresh && files === undefined) continue;
    // secret, projected, downward API (and emptyDir medium: Memory) are tmpfs: its root is mode 1777
    const tmpfs = !v.configMap && (files !== undefined || v.emptyDir?.medium === "Memory");
    if (fresh) {
      full.mkdir(dir);
      full.setAttrs(dir, {
        mode: tmpfs ? 0o1777 : 0o777,
        uid: 0,
        gid: 0,
        mtime: now,
        tmpfs: tmpfs || undefined,
      });
    }
    const changed =
      files !== undefined &&
      atomicWrite(full, dir, files, modesOf(v), now, `${pod.metadata?.uid ?? ""}/${v.name}`);
    // configMap, secret, downward API and projected mounters report ReadOnly attributes (an
    // unchanged volume keeps the ownership it was given)
    if (fsGroup !== undefined && (fresh || changed))
      setVolumeOwnership(full, dir, fsGroup, files !== undefined);
  }
  return undefined;
}
