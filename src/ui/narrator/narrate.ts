// Plain-English sentences for trace events: what just happened on the node, in Kubernetes words.
import type { Actor, TraceEvent } from "../../sim/trace";

export const ACTOR_LABEL: Record<Actor, string> = {
  user: "you (kubectl)",
  apiserver: "the API server",
  scheduler: "the scheduler",
  kubelet: "the kubelet",
  cri: "the CRI (gRPC)",
  containerd: "containerd",
  shim: "the containerd shim",
  cni: "the CNI plugin",
  registry: "the image registry",
  kernel: "the kernel",
  container: "the container",
  logs: "the container log",
  crio: "CRI-O",
  conmon: "conmon (the container's monitor)",
  dockershim: "the kubelet's dockershim",
  dockerd: "dockerd (Docker Engine)",
  "cri-dockerd": "cri-dockerd",
  gvisor: "gVisor's Sentry",
  kata: "the Kata VM",
  "kube-proxy": "kube-proxy",
  "controller-manager": "the controller manager",
  dns: "the cluster DNS",
};

/** `web` from `default/web`, or the pod named in the summary's parentheses. */
function podName(e: TraceEvent): string | undefined {
  if (e.pod) return e.pod.split("/").pop();
  const d = e.detail as Record<string, unknown> | undefined;
  if (d && typeof d.pod === "string") return d.pod;
  return undefined;
}

/** The CRI method (or first identifier) a summary starts with: `RunPodSandbox(web)` → RunPodSandbox. */
export function methodOf(summary: string): string {
  const m = /^\s*([A-Za-z][A-Za-z0-9.]*)/.exec(summary);
  return m ? m[1] : "";
}

/** The text inside the first parentheses: `PullImage(nginx:1.27)` → nginx:1.27. */
function argOf(summary: string): string | undefined {
  const m = /\(([^)]*)\)/.exec(summary);
  return m?.[1] || undefined;
}

/** Who answers the kubelet's CRI calls on each runtime flavour, in a learner's words. */
const RUNTIME_LABEL: Record<string, string> = {
  containerd: "containerd",
  crio: "CRI-O",
  docker: "dockershim (inside the kubelet, driving dockerd)",
  "cri-dockerd": "cri-dockerd (driving dockerd)",
};

/** The runtime a narration names: the node's flavour (snapshot.flavour.name), containerd by default. */
export function runtimeLabel(flavour?: string): string {
  return (flavour && RUNTIME_LABEL[flavour]) || "containerd";
}

const CRI_REQUEST: Record<string, (pod: string, arg: string, rt: string) => string> = {
  RunPodSandbox: (pod, _arg, rt) =>
    `The kubelet asks ${rt}, through the CRI, to create the pod sandbox for ${pod}: a pause container holding the network namespace.`,
  PodSandboxStatus: (pod) =>
    `The kubelet asks for the sandbox status of ${pod}, to learn the pod's IP address.`,
  StopPodSandbox: (pod, _arg, rt) =>
    `The kubelet asks ${rt} to stop the sandbox of ${pod} and release its network.`,
  RemovePodSandbox: (pod, _arg, rt) =>
    `The kubelet asks ${rt} to remove the sandbox of ${pod} and its containers.`,
  ImageStatus: (_pod, arg) =>
    `The kubelet's image manager asks whether ${arg || "the image"} is already on the node.`,
  PullImage: (_pod, arg, rt) => `The kubelet asks ${rt} to pull ${arg || "the image"} from its registry.`,
  RemoveImage: (_pod, arg) => `The image is removed from the node: ${arg || "an image"}.`,
  CreateContainer: (pod, arg, rt) =>
    `The kubelet asks ${rt} to create container ${arg || ""} inside the sandbox of ${pod} (not started yet).`,
  StartContainer: (pod, arg, rt) => `The kubelet asks ${rt} to start container ${arg || ""} of ${pod}.`,
  StopContainer: (pod, arg, rt) =>
    `The kubelet asks ${rt} to stop container ${arg || ""} of ${pod}: SIGTERM first, SIGKILL after the grace period.`,
  RemoveContainer: (pod, arg, rt) =>
    `The kubelet asks ${rt} to delete the exited container ${arg || ""} of ${pod}.`,
  ContainerStatus: (pod) => `The kubelet reads a container's status for ${pod}.`,
  ListPodSandbox: () => "PLEG relists the pod sandboxes to notice what changed in the runtime.",
  ListContainers: () => "PLEG relists the containers to notice starts, exits and restarts.",
  Status: () => "The kubelet checks that the runtime is up (RuntimeReady, NetworkReady).",
  Version: () => "The kubelet asks the runtime which CRI version it speaks.",
  ExecSync: (pod) => `A command runs inside a container of ${pod} (an exec probe or kubectl exec).`,
  ImageFsInfo: () => "The kubelet asks how full the image filesystem is (for image garbage collection).",
};

/** One sentence that explains `e` to a learner. */
export function narrate(e: TraceEvent, runtime = "containerd"): string {
  const pod = podName(e) ?? "the pod";
  const method = methodOf(e.summary);
  const arg = argOf(e.summary) ?? "";
  const from = ACTOR_LABEL[e.from] ?? e.from;
  const to = ACTOR_LABEL[e.to] ?? e.to;
  switch (e.kind) {
    case "cri.request": {
      const f = CRI_REQUEST[method];
      return f
        ? f(pod, arg, runtime).replace(/\s+/g, " ")
        : `The kubelet calls ${method || e.summary} on the runtime through the CRI.`;
    }
    case "cri.response":
      return `${runtime} answers ${method || "the CRI call"}: done.${method === "RunPodSandbox" ? ` The sandbox of ${pod} is ready.` : ""}`;
    case "cri.error":
      return `${runtime} answers ${method || "the CRI call"} with an error: ${e.summary}. The kubelet will report it and retry with back-off.`;
    case "watch":
      return `The API server tells ${to}, through its watch, about a change: ${e.summary}.`;
    case "api": {
      const hb = e.from === "kubelet" ? heartbeat(e.summary) : undefined;
      return hb ?? `${cap(from)} sends a request to the API server: ${e.summary}.`;
    }
    case "status":
      return `The kubelet's status manager writes the pod status of ${pod} to the API server: ${e.summary}.`;
    case "pull":
      return `${runtime} talks to the registry: ${e.summary}.`;
    case "cni":
      return `${runtime} calls the CNI plugin to wire the pod network of ${pod}: ${e.summary}.`;
    case "kernel":
      return `The kernel acts (namespaces, cgroups, processes): ${e.summary}.`;
    case "log":
      return `${cap(pod === "the pod" ? "A container" : `A container of ${pod}`)} writes to its log: ${e.summary}`;
    case "probe":
      return `The kubelet's prober checks a container of ${pod}: ${e.summary}.`;
    case "event":
      return `A Kubernetes Event is recorded: ${e.summary}.`;
    case "daemon":
      return `A node daemon changes state: ${e.summary}.`;
    default:
      return `${cap(from)} → ${to}: ${e.summary}`;
  }
}

const PULL_NOTE =
  "On a real node the layers come from the registry over HTTPS and are unpacked by the snapshotter (overlayfs).";
const PROGRAM_NOTE =
  "A real container runs the image's real binary; here a small program model imitates its output, exit codes and memory use.";
const PLEG_NOTE =
  "On a real node this relist is a gRPC call over the runtime's socket every second; the Evented PLEG (off by default) can replace it with container events.";
/** The kubelet's two heartbeats: its node Lease (every 10 s) and the Node status (on a change, else every 5 min). */
function heartbeat(summary: string): string | undefined {
  const lease = /^(create|update) leases\.coordination\.k8s\.io kube-node-lease\/(\S+)/.exec(summary);
  if (lease)
    return lease[1] === "create"
      ? `The kubelet creates its node Lease kube-node-lease/${lease[2]}: from now on it renews it every 10 s, the cheap heartbeat the node lifecycle controller watches.`
      : `The kubelet renews its node Lease kube-node-lease/${lease[2]} (a new renewTime): the heartbeat that tells the node lifecycle controller the node is alive. With neither a renewal nor a status post for 50 s, the node turns Unknown.`;
  const status = /^update status nodes (\S+)/.exec(summary);
  if (status)
    return `The kubelet posts the status of node ${status[1]} (conditions, capacity, versions): it does so when something changed, and otherwise only every 5 minutes, because the Lease is the frequent heartbeat.`;
  return undefined;
}

/**
 * "On a real node…": a short note where the simulator simplifies what `e` shows, or undefined when
 * the event is faithful as it is. Shown under the narration, not read by the live region.
 */
export function realNodeNote(e: TraceEvent): string | undefined {
  const method = methodOf(e.summary);
  switch (e.kind) {
    case "pull":
      return PULL_NOTE;
    case "cri.request":
      if (method === "PullImage") return PULL_NOTE;
      if (method === "ListPodSandbox" || method === "ListContainers") return PLEG_NOTE;
      if (method === "StartContainer") return PROGRAM_NOTE;
      return undefined;
    case "kernel":
      return /^process started\b/.test(e.summary) ? PROGRAM_NOTE : undefined;
    default:
      return undefined;
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
