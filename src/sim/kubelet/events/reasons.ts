// k8s: pkg/kubelet/events/event.go (+ container/sync_result.go, images/types.go, status/generate.go) — reasons copied verbatim.

/** Event reasons the kubelet records (pkg/kubelet/events/event.go). */
export const EventReason = {
  // Container
  CreatedContainer: "Created",
  StartedContainer: "Started",
  FailedToCreateContainer: "Failed",
  FailedToStartContainer: "Failed",
  KillingContainer: "Killing",
  PreemptContainer: "Preempting",
  BackOffStartContainer: "BackOff",
  ExceededGracePeriod: "ExceededGracePeriod",
  // Pod
  FailedToKillPod: "FailedKillPod",
  FailedToCreatePodContainer: "FailedCreatePodContainer",
  NetworkNotReady: "NetworkNotReady",
  // Image
  PullingImage: "Pulling",
  PulledImage: "Pulled",
  FailedToRetrieveImagePullSecret: "FailedToRetrieveImagePullSecret",
  FailedToPullImage: "Failed",
  FailedToInspectImage: "InspectFailed",
  ErrImageNeverPullPolicy: "ErrImageNeverPull",
  BackOffPullImage: "BackOff",
  // Node
  StartingKubelet: "Starting",
  NodeReady: "NodeReady",
  NodeNotReady: "NodeNotReady",
  NodeAllocatableEnforced: "NodeAllocatableEnforced",
  FreeDiskSpaceFailed: "FreeDiskSpaceFailed",
  ContainerGCFailed: "ContainerGCFailed",
  ImageGCFailed: "ImageGCFailed",
  // Sandbox
  SandboxChanged: "SandboxChanged",
  FailedCreatePodSandBox: "FailedCreatePodSandBox",
  FailedStatusPodSandBox: "FailedPodSandBoxStatus",
  FailedMountVolume: "FailedMount",
  // Probes
  ContainerUnhealthy: "Unhealthy",
  ContainerProbeWarning: "ProbeWarning",
  // Lifecycle hooks
  FailedPostStartHook: "FailedPostStartHook",
  FailedPreStopHook: "FailedPreStopHook",
} as const;

/** Errors a StartContainer sync result carries; they become waiting reasons (container/sync_result.go, images/types.go). */
export const WaitingReason = {
  ContainerCreating: "ContainerCreating",
  PodInitializing: "PodInitializing",
  CrashLoopBackOff: "CrashLoopBackOff",
  ErrImagePull: "ErrImagePull",
  ImagePullBackOff: "ImagePullBackOff",
  ErrImageNeverPull: "ErrImageNeverPull",
  InvalidImageName: "InvalidImageName",
  ImageInspectError: "ImageInspectError",
  RegistryUnavailable: "RegistryUnavailable",
  CreateContainerConfigError: "CreateContainerConfigError",
  CreateContainerError: "CreateContainerError",
  RunContainerError: "RunContainerError",
  PostStartHookError: "PostStartHookError",
  PreStartHookError: "PreStartHookError",
  // Pod-level sync errors (not shown as container waiting reasons)
  CreatePodSandboxError: "CreatePodSandboxError",
  ConfigPodSandboxError: "ConfigPodSandboxError",
  KillPodSandboxError: "KillPodSandboxError",
} as const;
export type WaitingReasonName = (typeof WaitingReason)[keyof typeof WaitingReason];

/** Pod condition reasons (pkg/kubelet/status/generate.go). */
export const ConditionReason = {
  UnknownContainerStatuses: "UnknownContainerStatuses",
  PodCompleted: "PodCompleted",
  PodFailed: "PodFailed",
  ContainersNotReady: "ContainersNotReady",
  ContainersNotInitialized: "ContainersNotInitialized",
  ReadinessGatesNotReady: "ReadinessGatesNotReady",
} as const;

/** Generic PLEG event types (pkg/kubelet/pleg/pleg.go). */
export const PodLifeCycleEventType = {
  ContainerStarted: "ContainerStarted",
  ContainerDied: "ContainerDied",
  ContainerRemoved: "ContainerRemoved",
  PodSync: "PodSync",
  ContainerChanged: "ContainerChanged",
} as const;
export type PodLifeCycleEventTypeName = (typeof PodLifeCycleEventType)[keyof typeof PodLifeCycleEventType];

/** Pod phases (core/v1). */
export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

/** SyncResult actions (container/sync_result.go). */
export const SyncAction = {
  StartContainer: "StartContainer",
  KillContainer: "KillContainer",
  CreatePodSandbox: "CreatePodSandbox",
  ConfigPodSandbox: "ConfigPodSandbox",
  KillPodSandbox: "KillPodSandbox",
  InitContainer: "InitContainer",
} as const;
