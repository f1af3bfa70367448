// CRI runtime.v1 messages, camelCased as protobuf JSON names them (k8s.io/cri-api api.proto).
// Times are int64 nanoseconds in the proto; here they are numbers of nanoseconds since the epoch.

export enum PodSandboxState {
  SANDBOX_READY = 0,
  SANDBOX_NOTREADY = 1,
}

export enum ContainerState {
  CONTAINER_CREATED = 0,
  CONTAINER_RUNNING = 1,
  CONTAINER_EXITED = 2,
  CONTAINER_UNKNOWN = 3,
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

export interface PortMapping {
  protocol?: "TCP" | "UDP" | "SCTP";
  containerPort: number;
  hostPort?: number;
  hostIp?: string;
}

export interface DNSConfig {
  servers?: string[];
  searches?: string[];
  options?: string[];
}

export interface LinuxContainerResources {
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuShares?: number;
  memoryLimitInBytes?: number;
  oomScoreAdj?: number;
  cpusetCpus?: string;
  memorySwapLimitInBytes?: number;
}

export interface Capability {
  addCapabilities?: string[];
  dropCapabilities?: string[];
}

export interface SecurityProfile {
  profileType: "RuntimeDefault" | "Unconfined" | "Localhost";
  localhostRef?: string;
}

export interface NamespaceOption {
  network?: "POD" | "CONTAINER" | "NODE" | "TARGET";
  pid?: "POD" | "CONTAINER" | "NODE" | "TARGET";
  ipc?: "POD" | "CONTAINER" | "NODE" | "TARGET";
  /** With pid TARGET: the container whose PID namespace to join (ephemeral containers' targetContainerName). */
  targetId?: string;
}

export interface LinuxContainerSecurityContext {
  capabilities?: Capability;
  privileged?: boolean;
  namespaceOptions?: NamespaceOption;
  runAsUser?: { value: number };
  runAsGroup?: { value: number };
  runAsUsername?: string;
  readonlyRootfs?: boolean;
  /** The pod's fsGroup first, then supplementalGroups (the runtime adds the primary GID). */
  supplementalGroups?: number[];
  /** Merge (default): also the groups /etc/group of the image lists for the user; Strict: only these. */
  supplementalGroupsPolicy?: "Merge" | "Strict";
  noNewPrivs?: boolean;
  seccomp?: SecurityProfile;
  apparmor?: SecurityProfile;
  /** Deprecated string form the kubelet still fills: "runtime/default", "unconfined", "localhost/<name>". */
  apparmorProfile?: string;
}

export interface LinuxPodSandboxConfig {
  cgroupParent?: string;
  securityContext?: {
    namespaceOptions?: NamespaceOption;
    privileged?: boolean;
    runAsUser?: { value: number };
    runAsGroup?: { value: number };
    supplementalGroups?: number[];
    seccomp?: SecurityProfile;
    apparmor?: SecurityProfile;
  };
  sysctls?: Record<string, string>;
  resources?: LinuxContainerResources;
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname?: string;
  logDirectory?: string;
  dnsConfig?: DNSConfig;
  portMappings?: PortMapping[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  linux?: LinuxPodSandboxConfig;
}

export interface ImageSpec {
  image: string;
  annotations?: Record<string, string>;
  userSpecifiedImage?: string;
  runtimeHandler?: string;
  imageRef?: string;
}

export interface Mount {
  containerPath: string;
  hostPath: string;
  readonly?: boolean;
}

export interface ContainerMetadata {
  name: string;
  attempt: number;
}

export interface ContainerConfig {
  metadata: ContainerMetadata;
  image: ImageSpec;
  command?: string[];
  args?: string[];
  workingDir?: string;
  envs?: KeyValue[];
  mounts?: Mount[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Relative to the sandbox's logDirectory: `<name>/<restartCount>.log`. */
  logPath?: string;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  linux?: { resources?: LinuxContainerResources; securityContext?: LinuxContainerSecurityContext };
  stopSignal?: string;
}

export interface PodSandboxNetworkStatus {
  ip: string;
  additionalIps?: { ip: string }[];
}

export interface PodSandboxStatus {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  network?: PodSandboxNetworkStatus;
  linux?: { namespaces?: { options?: NamespaceOption } };
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtimeHandler: string;
}

export interface PodSandboxStatusResponse {
  status: PodSandboxStatus;
  info?: Record<string, string>;
  containersStatuses?: ContainerStatus[];
  timestamp?: number;
}

export interface PodSandbox {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtimeHandler: string;
}

export interface PodSandboxFilter {
  id?: string;
  state?: { state: PodSandboxState };
  labelSelector?: Record<string, string>;
}

export interface Container {
  id: string;
  podSandboxId: string;
  metadata: ContainerMetadata;
  image: ImageSpec;
  imageRef: string;
  imageId?: string;
  state: ContainerState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerFilter {
  id?: string;
  state?: { state: ContainerState };
  podSandboxId?: string;
  labelSelector?: Record<string, string>;
}

export interface ContainerStatus {
  id: string;
  metadata: ContainerMetadata;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  image: ImageSpec;
  imageRef: string;
  imageId?: string;
  /** Brief CamelCase: Completed, Error, OOMKilled, StartError. */
  reason: string;
  message: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  mounts: Mount[];
  logPath: string;
  resources?: { linux?: LinuxContainerResources };
  user?: { linux?: { uid: number; gid: number; supplementalGroups?: number[] } };
  stopSignal?: string;
}

export interface ContainerStatusResponse {
  status: ContainerStatus;
  info?: Record<string, string>;
}

export interface ContainerStats {
  attributes: {
    id: string;
    metadata: ContainerMetadata;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  cpu: { timestamp: number; usageCoreNanoSeconds: { value: number }; usageNanoCores?: { value: number } };
  memory: {
    timestamp: number;
    workingSetBytes: { value: number };
    usageBytes?: { value: number };
    rssBytes?: { value: number };
  };
  swap?: { timestamp: number; swapUsageBytes?: { value: number }; swapAvailableBytes?: { value: number } };
  writableLayer: {
    timestamp: number;
    fsId: { mountpoint: string };
    usedBytes: { value: number };
    inodesUsed: { value: number };
  };
}

/** ExecRequest: a command to run with its streams served by the runtime's streaming server. */
export interface ExecRequest {
  containerId: string;
  cmd: string[];
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

/** AttachRequest: connect to the streams of the container's main process. */
export interface AttachRequest {
  containerId: string;
  stdin: boolean;
  tty: boolean;
  stdout: boolean;
  stderr: boolean;
}

export interface ExecSyncResponse {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RuntimeCondition {
  type: string;
  status: boolean;
  reason: string;
  message: string;
}

export interface RuntimeStatus {
  conditions: RuntimeCondition[];
}

export interface StatusResponse {
  status: RuntimeStatus;
  info?: Record<string, string>;
  runtimeHandlers?: {
    name: string;
    features?: { recursiveReadOnlyMounts?: boolean; userNamespaces?: boolean };
  }[];
  features?: { supplementalGroupsPolicy?: boolean };
}

export interface VersionResponse {
  version: string;
  runtimeName: string;
  runtimeVersion: string;
  runtimeApiVersion: string;
}

export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  uid?: { value: number };
  username: string;
  spec?: ImageSpec;
  pinned: boolean;
}

export interface ImageStatusResponse {
  /** Undefined when the image is absent: not an error. */
  image?: Image;
  info?: Record<string, string>;
}

export interface AuthConfig {
  username?: string;
  password?: string;
  auth?: string;
  serverAddress?: string;
  identityToken?: string;
  registryToken?: string;
}

export interface FilesystemUsage {
  timestamp: number;
  fsId: { mountpoint: string };
  usedBytes: { value: number };
  inodesUsed: { value: number };
}

export interface ImageFsInfoResponse {
  imageFilesystems: FilesystemUsage[];
  containerFilesystems: FilesystemUsage[];
}

export enum ContainerEventType {
  CONTAINER_CREATED_EVENT = 0,
  CONTAINER_STARTED_EVENT = 1,
  CONTAINER_STOPPED_EVENT = 2,
  CONTAINER_DELETED_EVENT = 3,
}

export interface ContainerEventResponse {
  containerId: string;
  containerEventType: ContainerEventType;
  createdAt: number;
  podSandboxStatus?: PodSandboxStatus;
  containersStatuses?: ContainerStatus[];
}
