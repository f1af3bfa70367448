// The runtime flavours a node can be built with, as data: which daemons run, which socket the
// kubelet dials, what Version() answers, which process watches each container, and how a CRI call
// travels. One table instead of `if (flavour === …)` scattered through the runtime.
import type { Actor } from "../../trace";

export type RuntimeFlavour = "containerd" | "crio" | "docker" | "cri-dockerd";

export const RUNTIME_FLAVOURS: readonly RuntimeFlavour[] = ["containerd", "crio", "docker", "cri-dockerd"];

export function isRuntimeFlavour(s: string): s is RuntimeFlavour {
  return (RUNTIME_FLAVOURS as readonly string[]).includes(s);
}

export interface FlavourSpec {
  name: RuntimeFlavour;
  /** What the UI and `sim runtime` print. */
  title: string;
  kubeletVersion: string;
  /** The kubelet's --container-runtime-endpoint (empty: the in-kubelet dockershim of ≤1.23). */
  kubeletEndpoint: string;
  /** /var/lib/kubelet/kubeadm-flags.env as kubeadm writes it for this runtime. */
  kubeadmFlags: string;
  /** The CRI socket crictl dials (/etc/crictl.yaml). */
  crictlEndpoint: string;
  /** The systemd unit whose daemon serves that socket ("kubelet": dockershim lives in the kubelet). */
  criUnit: string;
  /** Runtime units in start order (kubelet comes after them). */
  units: string[];
  /** CRI Version(): runtime_name, runtime_version, runtime_api_version. */
  runtimeName: string;
  runtimeVersion: string;
  runtimeApiVersion: string;
  /** Node.status.nodeInfo.containerRuntimeVersion (`<name>://<version>`). */
  nodeRuntimeVersion: string;
  /** The pause image the runtime (or dockershim) runs each sandbox with. */
  sandboxImage: string;
  /** How one CRI call travels, for lessons and the diagram's legend. */
  hops: Actor[];
  /** The per-container (or per-pod) process that holds a container's stdio and exit code. */
  monitor:
    | "containerd-shim-runc-v2 (one per pod)"
    | "conmon (one per container)"
    | "containerd-shim-runc-v2 (one per container)";
  /**
   * Extra virtual ms per sandbox start and per container start on top of containerd's own.
   * Assumption (no benchmark shipped with the simulator): CRI-O's conmon+crun path is on par with
   * containerd; dockershim/cri-dockerd add an HTTP round trip to dockerd plus dockerd's own
   * containerd calls, tens of ms per operation (kubelet node-perf dashboards of the dockershim era
   * showed pod start a little slower than containerd, not by seconds).
   */
  extraSandboxMs: [number, number];
  extraContainerMs: [number, number];
}

const CONTAINERD_SOCK = "unix:///run/containerd/containerd.sock";
export const CRIO_ENDPOINT = "unix:///var/run/crio/crio.sock";
export const DOCKERSHIM_ENDPOINT = "unix:///var/run/dockershim.sock";
export const CRI_DOCKERD_ENDPOINT = "unix:///var/run/cri-dockerd.sock";
export const DOCKER_VERSION_1_23 = "20.10.24";
/** Docker Engine (what Mirantis Container Runtime ships as) behind cri-dockerd 0.3. */
export const DOCKER_VERSION = "28.3.3";

export const FLAVOURS: Record<RuntimeFlavour, FlavourSpec> = {
  containerd: {
    name: "containerd",
    title: "containerd 2.1",
    kubeletVersion: "v1.34.1",
    kubeletEndpoint: CONTAINERD_SOCK,
    kubeadmFlags: `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=${CONTAINERD_SOCK} --pod-infra-container-image=registry.k8s.io/pause:3.10"\n`,
    crictlEndpoint: CONTAINERD_SOCK,
    criUnit: "containerd",
    units: ["containerd"],
    runtimeName: "containerd",
    runtimeVersion: "v2.1.4",
    runtimeApiVersion: "v1",
    nodeRuntimeVersion: "containerd://2.1.4",
    sandboxImage: "registry.k8s.io/pause:3.10",
    hops: ["kubelet", "cri", "containerd", "shim", "kernel"],
    monitor: "containerd-shim-runc-v2 (one per pod)",
    extraSandboxMs: [0, 0],
    extraContainerMs: [0, 0],
  },
  crio: {
    name: "crio",
    title: "CRI-O 1.34",
    kubeletVersion: "v1.34.1",
    kubeletEndpoint: CRIO_ENDPOINT,
    kubeadmFlags: `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=${CRIO_ENDPOINT} --pod-infra-container-image=registry.k8s.io/pause:3.10.1"\n`,
    crictlEndpoint: CRIO_ENDPOINT,
    criUnit: "crio",
    units: ["crio"],
    runtimeName: "cri-o",
    runtimeVersion: "1.34.1",
    runtimeApiVersion: "v1",
    nodeRuntimeVersion: "cri-o://1.34.1",
    sandboxImage: "registry.k8s.io/pause:3.10.1",
    hops: ["kubelet", "cri", "crio", "conmon", "kernel"],
    monitor: "conmon (one per container)",
    // conmon is forked per container and crun starts faster than runc: about even with containerd.
    extraSandboxMs: [10, 30],
    extraContainerMs: [5, 15],
  },
  docker: {
    name: "docker",
    title: "Docker Engine 20.10 via dockershim (Kubernetes 1.23)",
    kubeletVersion: "v1.23.17",
    kubeletEndpoint: "",
    // kubeadm 1.23 on Docker: no endpoint flag, the kubelet's default --container-runtime=docker
    kubeadmFlags:
      'KUBELET_KUBEADM_ARGS="--network-plugin=cni --pod-infra-container-image=registry.k8s.io/pause:3.6"\n',
    crictlEndpoint: DOCKERSHIM_ENDPOINT,
    criUnit: "kubelet",
    units: ["containerd", "docker"],
    runtimeName: "docker",
    runtimeVersion: DOCKER_VERSION_1_23,
    runtimeApiVersion: "1.41.0",
    nodeRuntimeVersion: `docker://${DOCKER_VERSION_1_23}`,
    sandboxImage: "registry.k8s.io/pause:3.6",
    hops: ["kubelet", "cri", "dockershim", "dockerd", "containerd", "shim", "kernel"],
    monitor: "containerd-shim-runc-v2 (one per container)",
    extraSandboxMs: [60, 120],
    extraContainerMs: [30, 60],
  },
  "cri-dockerd": {
    name: "cri-dockerd",
    title: "Docker Engine 28 via cri-dockerd (Mirantis Container Runtime style)",
    kubeletVersion: "v1.34.1",
    kubeletEndpoint: CRI_DOCKERD_ENDPOINT,
    kubeadmFlags: `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=${CRI_DOCKERD_ENDPOINT} --pod-infra-container-image=registry.k8s.io/pause:3.10"\n`,
    crictlEndpoint: CRI_DOCKERD_ENDPOINT,
    criUnit: "cri-docker",
    units: ["containerd", "docker", "cri-docker"],
    runtimeName: "docker",
    runtimeVersion: DOCKER_VERSION,
    runtimeApiVersion: "1.51.0",
    nodeRuntimeVersion: `docker://${DOCKER_VERSION}`,
    sandboxImage: "registry.k8s.io/pause:3.10",
    hops: ["kubelet", "cri", "cri-dockerd", "dockerd", "containerd", "shim", "kernel"],
    monitor: "containerd-shim-runc-v2 (one per container)",
    extraSandboxMs: [60, 120],
    extraContainerMs: [30, 60],
  },
};

/** A kubelet at or past 1.24 has no dockershim: nothing serves unix:///var/run/dockershim.sock. */
export function kubeletHasDockershim(kubeletVersion: string): boolean {
  const m = /^v?1\.(\d+)\./.exec(kubeletVersion);
  return m !== null && Number(m[1]) < 24;
}

/** Docker's names for the kubelet's containers: `k8s_<container>_<pod>_<ns>_<uid>_<attempt>`, `k8s_POD_…` for the sandbox. */
export function dockerContainerName(
  container: string,
  pod: { name: string; namespace: string; uid: string },
  attempt: number,
): string {
  return `k8s_${container}_${pod.name}_${pod.namespace}_${pod.uid}_${attempt}`;
}
