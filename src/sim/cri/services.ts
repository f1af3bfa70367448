// The CRI seam: the only way the kubelet (and crictl) reach a runtime. Methods as in runtime.v1,
// camelCased. Each returns a Deferred that settles when the runtime answers (SimRuntime: after a
// virtual delay; RemoteRuntime: on the WebSocket reply). Errors reject with a CriError.
import type { Deferred } from "../task";
import type {
  AttachRequest,
  AuthConfig,
  Container,
  ContainerConfig,
  ContainerEventResponse,
  ContainerFilter,
  ContainerStats,
  ContainerStatusResponse,
  ExecRequest,
  ExecSyncResponse,
  Image,
  ImageFsInfoResponse,
  ImageSpec,
  ImageStatusResponse,
  LinuxContainerResources,
  PodSandbox,
  PodSandboxConfig,
  PodSandboxFilter,
  PodSandboxStatusResponse,
  StatusResponse,
  VersionResponse,
} from "./types";

export interface RuntimeService {
  version(req: { version: string }): Deferred<VersionResponse>;
  status(req: { verbose?: boolean }): Deferred<StatusResponse>;

  runPodSandbox(req: {
    config: PodSandboxConfig;
    runtimeHandler?: string;
  }): Deferred<{ podSandboxId: string }>;
  stopPodSandbox(req: { podSandboxId: string }): Deferred<Record<string, never>>;
  removePodSandbox(req: { podSandboxId: string }): Deferred<Record<string, never>>;
  podSandboxStatus(req: { podSandboxId: string; verbose?: boolean }): Deferred<PodSandboxStatusResponse>;
  listPodSandbox(req: { filter?: PodSandboxFilter }): Deferred<{ items: PodSandbox[] }>;

  createContainer(req: {
    podSandboxId: string;
    config: ContainerConfig;
    sandboxConfig: PodSandboxConfig;
  }): Deferred<{ containerId: string }>;
  startContainer(req: { containerId: string }): Deferred<Record<string, never>>;
  /** timeout: seconds of grace before SIGKILL. */
  stopContainer(req: { containerId: string; timeout: number }): Deferred<Record<string, never>>;
  removeContainer(req: { containerId: string }): Deferred<Record<string, never>>;
  listContainers(req: { filter?: ContainerFilter }): Deferred<{ containers: Container[] }>;
  containerStatus(req: { containerId: string; verbose?: boolean }): Deferred<ContainerStatusResponse>;
  updateContainerResources(req: {
    containerId: string;
    linux?: LinuxContainerResources;
  }): Deferred<Record<string, never>>;

  /** timeout: seconds (0 = none). */
  execSync(req: { containerId: string; cmd: string[]; timeout: number }): Deferred<ExecSyncResponse>;
  /**
   * Exec / Attach answer with a URL on the runtime's streaming server; the client connects to it for
   * the terminal (SimRuntime serves them; a runtime behind the WebSocket backend does not stream).
   */
  exec?(req: ExecRequest): Deferred<{ url: string }>;
  attach?(req: AttachRequest): Deferred<{ url: string }>;

  containerStats(req: { containerId: string }): Deferred<{ stats: ContainerStats }>;
  listContainerStats(req: {
    filter?: { id?: string; podSandboxId?: string; labelSelector?: Record<string, string> };
  }): Deferred<{ stats: ContainerStats[] }>;

  /** A server stream: the listener gets each event; the return value cancels it. */
  getContainerEvents(listener: (e: ContainerEventResponse) => void): () => void;
}

export interface ImageService {
  listImages(req: { filter?: { image?: ImageSpec } }): Deferred<{ images: Image[] }>;
  imageStatus(req: { image: ImageSpec; verbose?: boolean }): Deferred<ImageStatusResponse>;
  pullImage(req: {
    image: ImageSpec;
    auth?: AuthConfig;
    sandboxConfig?: PodSandboxConfig;
  }): Deferred<{ imageRef: string }>;
  removeImage(req: { image: ImageSpec }): Deferred<Record<string, never>>;
  imageFsInfo(req: Record<string, never>): Deferred<ImageFsInfoResponse>;
}

/** The label keys kubelet puts on sandboxes and containers (pkg/kubelet/types/labels.go). */
export const KubeletLabels = {
  podName: "io.kubernetes.pod.name",
  podNamespace: "io.kubernetes.pod.namespace",
  podUid: "io.kubernetes.pod.uid",
  containerName: "io.kubernetes.container.name",
  /** annotation */
  containerHash: "io.kubernetes.container.hash",
  /** annotation */
  restartCount: "io.kubernetes.container.restartCount",
  /** annotation */
  terminationGracePeriod: "io.kubernetes.pod.terminationGracePeriod",
  /** annotation */
  terminationMessagePath: "io.kubernetes.container.terminationMessagePath",
  /** sandbox label: "true" when the kubelet made it */
  managedByKubelet: "io.kubernetes.container.manager",
} as const;
