// What the browser panels read besides the NodeSnapshot, without going through the CRI (a CRI call
// would schedule clock events and change the run): the kubelet's back-off deadlines and each
// running container's CPU and memory, read straight from the runtime's records.
import type { ContainerStats } from "../sim/cri/types";
import type { KubeletSnapshot } from "../sim/kubelet/kubelet";
import type { BuiltNode } from "../sim/node/createNode";

/** CONTAINER_RUNNING in the CRI enum (kept literal so this file pulls in no runtime code). */
const RUNNING = 1;

export interface UiViews {
  kubelet: KubeletSnapshot | undefined;
  stats: ContainerStats[];
}

export function uiViews(node: Partial<BuiltNode>): UiViews {
  let kubelet: KubeletSnapshot | undefined;
  let stats: ContainerStats[] = [];
  try {
    kubelet = node.kubelet?.snapshot();
  } catch {
    kubelet = undefined;
  }
  const ops = node.runtime?.containers;
  if (ops) {
    try {
      stats = ops
        .records()
        .filter((c) => c.state === RUNNING)
        .map((c) => ops.stats(c));
    } catch {
      stats = [];
    }
  }
  return { kubelet, stats };
}
