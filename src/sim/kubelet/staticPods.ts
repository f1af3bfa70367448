// k8s: pkg/kubelet/config/file.go + config/common.go (applyDefaults) + pod/mirror_client.go — simplified:
// the kubelet reads staticPodPath every fileCheckFrequency, runs each manifest as a pod of its own
// (named <name>-<node>, UID from a hash of the manifest) and posts a mirror pod to the API server so
// `kubectl get pods` shows it. The API server cannot stop a static pod: only removing the file does.
import type { Pod } from "kubernetes-types/core/v1";
import { parseAllDocuments } from "yaml";
import { setPodDefaults } from "../api/defaults";
import { fieldErrorText } from "../api/fieldErrors";
import { stableJson, validatePod } from "../api/validation";

export const ConfigAnnotation = {
  /** The static pod's hash, on the pod the kubelet runs and on its mirror. */
  hash: "kubernetes.io/config.hash",
  /** Set on the mirror pod only: the hash of the static pod it mirrors. */
  mirror: "kubernetes.io/config.mirror",
  seen: "kubernetes.io/config.seen",
  source: "kubernetes.io/config.source",
} as const;

export function isMirrorPod(pod: Pod | undefined): boolean {
  return pod?.metadata?.annotations?.[ConfigAnnotation.mirror] !== undefined;
}

export function isStaticPod(pod: Pod | undefined): boolean {
  return pod?.metadata?.annotations?.[ConfigAnnotation.source] === "file";
}

export interface StaticPodManifest {
  path: string;
  pod: Pod;
}

export interface ManifestError {
  path: string;
  err: string;
}

/** A stable 128-bit hex digest (the real kubelet takes md5 of the decoded object, node name and source). */
function hash128(text: string): string {
  let out = "";
  for (const seed of [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]) {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * applyDefaults for the file source: name `<name>-<node>`, namespace default, the node's name, a UID
 * (and config.hash) from the manifest, config.source=file, a toleration of every NoExecute taint.
 */
export function staticPodFrom(manifest: Pod, path: string, nodeName: string, seen: string): Pod {
  const pod = structuredClone(manifest) as Pod;
  const uid = hash128(`${stableJson(manifest)}host:${nodeName}file:${path}`);
  const meta = { ...(pod.metadata ?? {}) };
  meta.name = `${meta.name ?? ""}-${nodeName.toLowerCase()}`;
  meta.namespace ||= "default";
  meta.uid = uid;
  meta.annotations = {
    ...(meta.annotations ?? {}),
    [ConfigAnnotation.hash]: uid,
    [ConfigAnnotation.seen]: seen,
    [ConfigAnnotation.source]: "file",
  };
  pod.metadata = meta;
  pod.spec = { ...(pod.spec ?? { containers: [] }), nodeName };
  const tolerations = pod.spec.tolerations ?? [];
  if (!tolerations.some((t) => t.operator === "Exists" && t.effect === "NoExecute" && !t.key))
    pod.spec.tolerations = [...tolerations, { operator: "Exists", effect: "NoExecute" }];
  return setPodDefaults({ ...pod, status: { phase: "Pending" } });
}

/** Read every manifest of the directory (hidden files skipped, as file.go does). */
export function readStaticPods(
  files: string[],
  readFile: (path: string) => string | undefined,
  nodeName: string,
  seen: string,
): { pods: StaticPodManifest[]; errors: ManifestError[] } {
  const pods: StaticPodManifest[] = [];
  const errors: ManifestError[] = [];
  for (const path of [...files].sort()) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (base.startsWith(".")) continue;
    const text = readFile(path);
    if (text === undefined) continue;
    const docs = parseAllDocuments(text);
    const doc = docs.find((d) => d.contents !== null);
    const firstError = docs.flatMap((d) => d.errors)[0];
    if (firstError || !doc) {
      errors.push({ path, err: `invalid pod: ${firstError?.message ?? "empty manifest"}` });
      continue;
    }
    const obj = doc.toJS() as Pod & { kind?: string };
    if (obj?.kind !== "Pod") {
      errors.push({ path, err: `invalid pod: object kind ${JSON.stringify(obj?.kind ?? "")} is not a Pod` });
      continue;
    }
    const pod = staticPodFrom(obj, path, nodeName, seen);
    const invalid = validatePod(pod);
    if (invalid.length > 0) {
      errors.push({ path, err: `invalid pod: [${invalid.map(fieldErrorText).join(", ")}]` });
      continue;
    }
    pods.push({ path, pod });
  }
  return { pods, errors };
}

/** The mirror pod the kubelet posts: the static pod without its UID, marked with config.mirror, owned by the Node. */
export function mirrorPodOf(pod: Pod, node?: { name: string; uid?: string }): Pod {
  const meta = pod.metadata ?? {};
  const { uid: _uid, ...rest } = meta;
  const hash = meta.annotations?.[ConfigAnnotation.hash] ?? "";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...rest,
      annotations: { ...(meta.annotations ?? {}), [ConfigAnnotation.mirror]: hash },
      ...(node?.uid
        ? {
            ownerReferences: [
              { apiVersion: "v1", kind: "Node", name: node.name, uid: node.uid, controller: true },
            ],
          }
        : {}),
    },
    spec: pod.spec,
  };
}
