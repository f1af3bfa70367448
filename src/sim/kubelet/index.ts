// The kubelet's public surface: what the node assembly (src/sim/node) and the UI use.
export type { KubeletConfig } from "./config";
export {
  DEFAULT_KUBEADM_FLAGS_ENV,
  DEFAULT_KUBELET_CONFIG,
  DEFAULT_KUBELET_CONFIG_YAML,
  loadKubeletConfig,
} from "./config";
export { ConditionReason, EventReason, PodLifeCycleEventType, WaitingReason } from "./events/reasons";
export type { DialResult, KubeletOptions, KubeletPodSnapshot, KubeletSnapshot } from "./kubelet";
export { dialErrorNoSocket, KUBEADM_FLAGS_PATH, KUBELET_CONFIG_PATH, Kubelet } from "./kubelet";
export { CriNames, instrument } from "./kuberuntime/instrumentedService";
export { NODE_MONITOR_GRACE_PERIOD_MS, NodeLifecycleController } from "./nodestatus/nodeLifecycleController";
