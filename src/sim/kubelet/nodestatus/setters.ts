// k8s: pkg/kubelet/nodestatus/setters.go + kubelet_node_status.go — simplified: fixed machine info, no volumes/images list.
import type { Node, NodeCondition } from "kubernetes-types/core/v1";
import { nodeAllocatable } from "../cm/nodeAllocatable";
import type { KubeletConfig } from "../config";

export interface MachineInfo {
  cpu: string;
  memoryKi: number;
  osImage: string;
  kernelVersion: string;
  containerRuntimeVersion: string;
  bootID: string;
  machineID: string;
  systemUUID: string;
}

export const DEFAULT_MACHINE: MachineInfo = {
  cpu: "2",
  memoryKi: 8_148_000,
  osImage: "Debian GNU/Linux 12 (bookworm)",
  kernelVersion: "6.1.0-28-amd64",
  containerRuntimeVersion: "containerd://2.1.3",
  bootID: "5f2c1c9e-3b7a-4d59-9f0e-2a6d8c7b1e40",
  machineID: "7c9e6679742540de944be07fc1f90ae7",
  systemUUID: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
};

/** The initial Node object the kubelet registers (initialNode + setters). */
export function initialNode(nodeName: string, cfg: KubeletConfig, m: MachineInfo): Node {
  const storageKi = Math.floor(cfg.imageFsCapacityBytes / 1024);
  const capacity = {
    cpu: m.cpu,
    "ephemeral-storage": `${storageKi}Ki`,
    "hugepages-2Mi": "0",
    memory: `${m.memoryKi}Ki`,
    pods: String(cfg.maxPods),
  };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: nodeName,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": nodeName,
        "kubernetes.io/os": "linux",
      },
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {},
    status: {
      capacity,
      // allocatable = capacity − reservations − hard eviction thresholds (memory 100Mi; nodefs 10%)
      allocatable: nodeAllocatable(capacity, cfg),
      addresses: [
        { type: "InternalIP", address: cfg.nodeIP },
        { type: "Hostname", address: nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: m.machineID,
        systemUUID: m.systemUUID,
        bootID: m.bootID,
        kernelVersion: m.kernelVersion,
        osImage: m.osImage,
        containerRuntimeVersion: m.containerRuntimeVersion,
        kubeletVersion: cfg.kubeletVersion,
        kubeProxyVersion: "",
        operatingSystem: "linux",
        architecture: "amd64",
      },
      conditions: [],
    },
  };
}

/** One node condition; lastTransitionTime kept from the previous one when the status did not change. */
export function nodeCondition(
  prev: NodeCondition[] | undefined,
  type: string,
  status: "True" | "False" | "Unknown",
  reason: string,
  message: string,
  now: string,
): NodeCondition {
  const p = prev?.find((c) => c.type === type);
  return {
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: p && p.status === status && p.lastTransitionTime ? p.lastTransitionTime : now,
    reason,
    message,
  };
}

/** MemoryPressure, DiskPressure, PIDPressure, Ready — in the kubelet's order. */
export function nodeConditions(
  prev: NodeCondition[] | undefined,
  readyError: string | undefined,
  now: string,
): NodeCondition[] {
  return [
    nodeCondition(
      prev,
      "MemoryPressure",
      "False",
      "KubeletHasSufficientMemory",
      "kubelet has sufficient memory available",
      now,
    ),
    nodeCondition(
      prev,
      "DiskPressure",
      "False",
      "KubeletHasNoDiskPressure",
      "kubelet has no disk pressure",
      now,
    ),
    nodeCondition(
      prev,
      "PIDPressure",
      "False",
      "KubeletHasSufficientPID",
      "kubelet has sufficient PID available",
      now,
    ),
    readyError === undefined
      ? nodeCondition(prev, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now)
      : nodeCondition(prev, "Ready", "False", "KubeletNotReady", readyError, now),
  ];
}
