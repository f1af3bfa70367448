// k8s: pkg/kubelet/container/runtime.go (PodStatus, Status) + helpers.go — simplified: only what sync and status use (named containerRuntime.ts: the lint forbids a path segment "runtime").
import type { Container, Pod } from "kubernetes-types/core/v1";
import {
  ContainerState,
  type ContainerStatus as CriContainerStatus,
  KubeletLabels,
  type PodSandboxStatus,
} from "../../cri";

/** kubecontainer.Status: one runtime container as the kubelet sees it (times in virtual-epoch ms). */
export interface RuntimeContainerStatus {
  id: string;
  name: string;
  podSandboxId: string;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  /** What the runtime reports as the image (containerd: the resolved name). */
  image: string;
  /** Image ID / digest reference: status.containerStatuses[].imageID. */
  imageRef: string;
  restartCount: number;
  hash: string;
  /** The process identity the runtime reports (SupplementalGroupsPolicy: status.containerStatuses[].user). */
  user?: CriContainerStatus["user"];
  /** The cpu/memory the runtime enforces (ContainerStatus.resources.linux): in-place resize compares it. */
  resources?: NonNullable<CriContainerStatus["resources"]>["linux"];
}

/** kubecontainer.PodStatus: sandboxes and containers newest first. */
export interface RuntimePodStatus {
  uid: string;
  name: string;
  namespace: string;
  ips: string[];
  sandboxStatuses: PodSandboxStatus[];
  containerStatuses: RuntimeContainerStatus[];
}

export function emptyPodStatus(pod: Pod): RuntimePodStatus {
  return {
    uid: pod.metadata?.uid ?? "",
    name: pod.metadata?.name ?? "",
    namespace: pod.metadata?.namespace ?? "default",
    ips: [],
    sandboxStatuses: [],
    containerStatuses: [],
  };
}

/** Unset CRI timestamps (0 ns) become this. */
export const UNSET_TIME = -1;

/** CRI nanoseconds since the Unix epoch → virtual ms (the clock's time base). */
export function nsToVirtualMs(ns: number, epochMs: number): number {
  return ns ? ns / 1e6 - epochMs : UNSET_TIME;
}

/** kuberuntime toKubeContainerStatus. */
export function fromCriStatus(
  s: CriContainerStatus,
  podSandboxId: string,
  epochMs: number,
): RuntimeContainerStatus {
  const nsToMs = (ns: number) => nsToVirtualMs(ns, epochMs);
  return {
    id: s.id,
    name: s.labels[KubeletLabels.containerName] ?? s.metadata.name,
    podSandboxId,
    state: s.state,
    createdAt: nsToMs(s.createdAt),
    startedAt: nsToMs(s.startedAt),
    finishedAt: nsToMs(s.finishedAt),
    exitCode: s.exitCode,
    reason: s.reason,
    message: s.message,
    image: s.image?.image ?? "",
    imageRef: s.imageRef,
    restartCount: Number.parseInt(s.annotations[KubeletLabels.restartCount] ?? "0", 10) || 0,
    hash: s.annotations[KubeletLabels.containerHash] ?? "",
    ...(s.user ? { user: s.user } : {}),
    ...(s.resources?.linux ? { resources: s.resources.linux } : {}),
  };
}

/** PodStatus.FindContainerStatusByName: the newest container of that name. */
export function findContainerStatusByName(
  ps: RuntimePodStatus,
  name: string,
): RuntimeContainerStatus | undefined {
  return ps.containerStatuses.find((c) => c.name === name);
}

export function isRestartableInitContainer(c: Container): boolean {
  return c.restartPolicy === "Always";
}

/** kubecontainer.ShouldContainerBeRestarted. */
export function shouldContainerBeRestarted(c: Container, pod: Pod, ps: RuntimePodStatus): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  const s = findContainerStatusByName(ps, c.name);
  if (!s) return true;
  if (s.state === ContainerState.CONTAINER_RUNNING) return false;
  if (s.state === ContainerState.CONTAINER_UNKNOWN || s.state === ContainerState.CONTAINER_CREATED)
    return true;
  const policy = pod.spec?.restartPolicy ?? "Always";
  if (policy === "Never") return false;
  if (policy === "OnFailure" && s.exitCode === 0) return false;
  return true;
}

/** A stable, short hash of the container spec (kubelet's HashContainer: fnv32a of the JSON). */
/** Pods from the API server are frozen, so a container spec object's hash never changes. */
const hashCache = new WeakMap<Container, string>();

export function hashContainer(c: Container): string {
  const cached = hashCache.get(c);
  if (cached !== undefined) return cached;
  const hash = computeHash(c);
  if (Object.isFrozen(c)) hashCache.set(c, hash);
  return hash;
}

function computeHash(c: Container): string {
  // kubelet 1.31+ HashContainer: only the name and image (resources change in place, by resize)
  const text = stable({ name: c.name, image: c.image });
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** format.Pod: `name_namespace(uid)`. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace ?? "default"}(${pod.metadata?.uid})`;
}

/** `namespace/name`, klog.KObj. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? "default"}/${pod.metadata?.name}`;
}
