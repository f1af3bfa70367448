// k8s: pkg/kubelet/kubelet_pods.go HandlePodCleanups ("Clean up orphaned pod containers") and
// kubelet.go SyncTerminatingRuntimePod — simplified: only the kill of runtime pods no pod worker owns
// (a sandbox made with `crictl runp`, a container made with `crictl create`, leftovers of a pod deleted
// while the kubelet was down). Container GC then removes what was stopped.
import type { Container as ApiContainer, Pod } from "kubernetes-types/core/v1";
import { ContainerState, KubeletLabels, PodSandboxState } from "../cri";
import type { Container, PodSandbox } from "../cri/types";
import { all, settle, spawn, type Task } from "../task";
import { killContainer } from "./kuberuntime/kuberuntimeContainer";
import type { KubeletDeps } from "./types";

/** kubelet.go housekeepingPeriod. */
export const HOUSEKEEPING_PERIOD_MS = 2000;

/** A kubecontainer.Pod as GetPods(false) builds it: ready sandboxes by their uid, running containers by their label. */
interface RunningPod {
  uid: string;
  name: string;
  namespace: string;
  sandboxes: PodSandbox[];
  containers: Container[];
}

function runningPods(sandboxes: readonly PodSandbox[], containers: readonly Container[]): RunningPod[] {
  const pods = new Map<string, RunningPod>();
  const get = (uid: string, name: string, namespace: string) => {
    let p = pods.get(uid);
    if (!p) {
      p = { uid, name, namespace, sandboxes: [], containers: [] };
      pods.set(uid, p);
    }
    return p;
  };
  for (const s of sandboxes) {
    if (s.state !== PodSandboxState.SANDBOX_READY) continue;
    get(s.metadata.uid, s.metadata.name, s.metadata.namespace).sandboxes.push(s);
  }
  for (const c of containers) {
    if (c.state !== ContainerState.CONTAINER_RUNNING) continue;
    const l = c.labels;
    get(
      l[KubeletLabels.podUid] ?? "",
      l[KubeletLabels.podName] ?? "",
      l[KubeletLabels.podNamespace] ?? "",
    ).containers.push(c);
  }
  return [...pods.values()];
}

/**
 * One housekeeping pass: every running runtime pod whose UID no pod worker knows is killed the way
 * SyncTerminatingRuntimePod does it (grace period 1 s, then StopPodSandbox). `killing` holds the
 * UIDs whose kill is under way, so the next pass does not start another.
 */
export function cleanupOrphanedRuntimePods(
  deps: KubeletDeps,
  relisted: { sandboxes: readonly PodSandbox[]; containers: readonly Container[] },
  known: (uid: string) => boolean,
  killing: Set<string>,
): void {
  // Every two seconds, with almost every pod known: look closer only at what no worker owns.
  const orphan = (uid: string) => !known(uid) && !killing.has(uid);
  const sandboxes = relisted.sandboxes.filter((s) => orphan(s.metadata.uid));
  const containers = relisted.containers.filter((c) => orphan(c.labels[KubeletLabels.podUid] ?? ""));
  if (sandboxes.length === 0 && containers.length === 0) return;
  for (const rp of runningPods(sandboxes, containers)) {
    if (known(rp.uid) || killing.has(rp.uid)) continue;
    killing.add(rp.uid);
    spawn(killRuntimePod(deps, rp)).onSettle(() => killing.delete(rp.uid));
  }
}

function* killRuntimePod(deps: KubeletDeps, rp: RunningPod): Task<void> {
  // runningPod.ToAPIPod(): the pod's identity and its containers' names, nothing else.
  const specs: ApiContainer[] = rp.containers.map((c) => ({ name: c.metadata.name, image: c.image.image }));
  const pod: Pod = {
    metadata: { name: rp.name, namespace: rp.namespace, uid: rp.uid },
    spec: { containers: specs },
  };
  yield* settle(
    all(
      rp.containers.map((c) =>
        spawn(
          killContainer(
            deps,
            pod,
            rp.name ? specs.find((s) => s.name === c.metadata.name) : undefined,
            c.id,
            undefined,
            1,
          ),
        ),
      ),
    ),
  );
  for (const s of rp.sandboxes) yield* settle(deps.runtime.stopPodSandbox({ podSandboxId: s.id }));
}
