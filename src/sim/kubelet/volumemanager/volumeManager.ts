// k8s: pkg/kubelet/volumemanager (WaitForAttachAndMount) + pkg/volume/{configmap,secret,downwardapi,
// projected,emptydir} — simplified: before the containers start, the kubelet writes each volume's files
// under /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~<plugin>/<name> on the node (no ..data symlink
// dance, no tmpfs), and the runtime bind-mounts those directories into the containers.
import type {
  ConfigMap,
  DownwardAPIVolumeFile,
  KeyToPath,
  Pod,
  Secret,
  Volume,
} from "kubernetes-types/core/v1";
import type { ApiServerClient } from "../../apiserver/types";

/** The node's files, as the kubelet writes them. */
export interface VolumeHost {
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  mkdir(path: string): void;
}

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

/** Downward API files: labels and annotations as `key="value"` lines, sorted. */
function downwardFiles(pod: Pod, items: DownwardAPIVolumeFile[] | undefined): Record<string, string> {
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
    if (v !== undefined) out[it.path] = v;
  }
  return out;
}

function filesOf(pod: Pod, v: Volume, api: ApiServerClient): Record<string, string> | undefined {
  const ns = pod.metadata?.namespace ?? "default";
  if (v.configMap)
    return configMapFiles(api, ns, v.configMap.name ?? "", v.configMap.items, v.configMap.optional);
  if (v.secret) return secretFiles(api, ns, v.secret.secretName ?? "", v.secret.items, v.secret.optional);
  if (v.downwardAPI) return downwardFiles(pod, v.downwardAPI.items);
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
      if (src.downwardAPI) Object.assign(out, downwardFiles(pod, src.downwardAPI.items));
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
 * Set up every volume of the pod on the node; returns the FailedMount message of the first volume that
 * cannot be set up (`MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found`).
 * Files are rewritten only when their content changed (a ConfigMap edit reaches the volume).
 */
export function setUpPodVolumes(pod: Pod, api: ApiServerClient, host: VolumeHost): string | undefined {
  for (const v of pod.spec?.volumes ?? []) {
    if (v.hostPath) continue;
    const dir = volumeHostPath(pod, v, v.name);
    let files: Record<string, string> | undefined;
    try {
      files = filesOf(pod, v, api);
    } catch (e) {
      if (e instanceof MountError)
        return `MountVolume.SetUp failed for volume ${JSON.stringify(v.name)} : ${e.message}`;
      throw e;
    }
    host.mkdir(dir);
    for (const [path, content] of Object.entries(files ?? {})) {
      const target = `${dir}/${path}`;
      if (host.read(target) !== content) host.write(target, content);
    }
  }
  return undefined;
}
