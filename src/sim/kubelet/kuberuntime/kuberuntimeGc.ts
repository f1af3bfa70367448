// k8s: pkg/kubelet/kuberuntime/kuberuntime_gc.go — simplified: MinAge 0, MaxPerPodContainer 1, MaxContainers −1.
import { ContainerState, KubeletLabels, PodSandboxState } from "../../cri";
import { settle, type Task } from "../../task";
import type { KubeletDeps } from "../types";

export const CONTAINER_GC_PERIOD_MS = 60_000;
const POD_LOGS_ROOT = "/var/log/pods";

/** GarbageCollect: dead containers beyond one per (pod, container name); everything of deleted pods; old sandboxes. */
export function* containerGC(
  deps: KubeletDeps,
  podExists: (uid: string) => boolean,
  maxPerPodContainer = 1,
): Task<void> {
  const ctrs = yield* settle(deps.runtime.listContainers({}));
  const sbs = yield* settle(deps.runtime.listPodSandbox({}));
  if (!ctrs.ok || !sbs.ok) return;
  const groups = new Map<string, typeof ctrs.value.containers>();
  for (const c of ctrs.value.containers) {
    if (c.state === ContainerState.CONTAINER_RUNNING) continue;
    const uid = c.labels[KubeletLabels.podUid] ?? "";
    const key = `${uid}/${c.labels[KubeletLabels.containerName] ?? c.metadata.name}`;
    const g = groups.get(key) ?? [];
    g.push(c);
    groups.set(key, g);
  }
  for (const [key, g] of groups) {
    const uid = key.slice(0, key.indexOf("/"));
    g.sort((a, b) => b.createdAt - a.createdAt);
    const keep = podExists(uid) ? maxPerPodContainer : 0;
    for (const c of g.slice(keep)) yield* removeContainer(deps, c.id);
  }
  // Sandboxes: keep the newest of a live pod; remove not-ready ones without containers, and all of deleted pods.
  const live = new Set(ctrs.value.containers.map((c) => c.podSandboxId));
  const byPod = new Map<string, typeof sbs.value.items>();
  for (const s of sbs.value.items) {
    const g = byPod.get(s.metadata.uid) ?? [];
    g.push(s);
    byPod.set(s.metadata.uid, g);
  }
  for (const [uid, g] of byPod) {
    g.sort((a, b) => b.createdAt - a.createdAt);
    const exists = podExists(uid);
    for (const [i, s] of g.entries()) {
      if (s.state === PodSandboxState.SANDBOX_READY) continue;
      if (exists && (i === 0 || live.has(s.id))) continue;
      yield* settle(deps.runtime.removePodSandbox({ podSandboxId: s.id }));
    }
  }
  evictPodLogsDirectories(deps, podExists);
}

/**
 * kubeGenericRuntimeManager.removeContainer: the container's logs go first — the log manager's Clean
 * asks for its status and removes `<logPath>*` (the file and its rotations), removeContainerLog asks
 * again for the legacy /var/log/containers link (that link here lives as long as the container) — then
 * the container itself.
 */
function* removeContainer(deps: KubeletDeps, id: string): Task<void> {
  const status = yield* settle(deps.runtime.containerStatus({ containerId: id }));
  if (!status.ok) return;
  // `<logPath>*`: the node never rotates container logs, so the file itself is all there is
  const logPath = status.value.status.logPath;
  if (logPath) deps.removeFile?.(logPath);
  const again = yield* settle(deps.runtime.containerStatus({ containerId: id }));
  if (!again.ok) return;
  yield* settle(deps.runtime.removeContainer({ containerId: id }));
}

/** evictPodLogsDirectories: /var/log/pods/<namespace>_<name>_<uid> of pods the kubelet no longer runs. */
function evictPodLogsDirectories(deps: KubeletDeps, podExists: (uid: string) => boolean): void {
  if (!deps.removeTree) return;
  for (const name of deps.readdir?.(POD_LOGS_ROOT) ?? []) {
    if (!name.endsWith("/")) continue;
    const dir = name.slice(0, -1);
    const uid = dir.slice(dir.lastIndexOf("_") + 1);
    if (uid && !podExists(uid)) deps.removeTree(`${POD_LOGS_ROOT}/${dir}`);
  }
}
