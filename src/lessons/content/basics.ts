// Lessons for seed sections 1–5: what a runtime is, the runtimes compared, the node's components,
// the PodSpec's journey (predict each CRI call), and the CRI's two services.
import {
  all,
  criNotSent,
  criOk,
  criSent,
  fileContains,
  nodeReady,
  podExists,
  podGone,
  podRunningReady,
  podStatus,
  unitState,
} from "../checks";
import type { Lesson } from "../types";
import { criServiceOf } from "../view";

const FLAGS = "/var/lib/kubelet/kubeadm-flags.env";

export const lessonWhatIsARuntime: Lesson = {
  id: "lesson-1-what-is-a-runtime",
  title: "What is a container runtime?",
  section: 1,
  kind: "lesson",
  intro: `The **container runtime** is the node component that actually pulls images and creates,
starts, stops and removes containers. The **kubelet** decides *what* should run; it tells the
runtime through the **Container Runtime Interface (CRI)**, and the runtime does it.

On this node the runtime is **containerd**. Watch the arrows *kubelet → cri* in the trace.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "ask",
      text: "Ask the API server for a pod: `kubectl run hello --image=nginx:1.27`. Nothing runs yet — the API server only stores the wish.",
      hint: "kubectl run hello --image=nginx:1.27",
      check: podExists("hello"),
      showMe: ["kubectl run hello --image=nginx:1.27"],
    },
    {
      id: "watch",
      text: "Let time run (`sim advance 10s`) and read `sim trace`: the kubelet calls `RunPodSandbox`, `PullImage`, `CreateContainer`, `StartContainer` — containerd does each one.",
      hint: "sim advance 10s, then sim trace --last 40",
      check: all(criOk("RunPodSandbox", "hello"), criOk("StartContainer", "hello"), podRunningReady("hello")),
      showMe: ["sim advance 10s", "sim trace --last 40"],
    },
    {
      id: "remove",
      text: "Delete the pod. The kubelet asks the runtime to `StopContainer` and `StopPodSandbox`: stopping and removing is the runtime's job too.",
      hint: "kubectl delete pod hello",
      check: all(criOk("StopContainer", "hello"), podGone("hello")),
      showMe: ["kubectl delete pod hello"],
    },
  ],
  outro: "Kubelet tells, runtime executes: every container on a node exists because a CRI call asked for it.",
};

export const lessonRuntimes: Lesson = {
  id: "lesson-2-runtimes",
  title: "containerd, CRI-O and the end of dockershim",
  section: 2,
  kind: "lesson",
  intro: `Kubernetes talks to any runtime that serves the CRI: **containerd** (CNCF, the default of
most distributions), **CRI-O** (built only for Kubernetes), Mirantis Container Runtime (via
cri-dockerd), and sandboxed runtimes such as **gVisor** and **Kata Containers** (plugged *under*
containerd or CRI-O as runtime handlers). Docker Engine never spoke the CRI: the kubelet carried an
in-tree adapter, **dockershim**, deprecated in 1.20 and **removed in 1.24**. The simulator models
containerd 2.1.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "version",
      text: "Restart the kubelet. Its first CRI call is `Version()`: the runtime says who it is (`crictl version` asks the same).",
      hint: "systemctl restart kubelet; sim advance 5s; crictl version",
      check: criOk("Version"),
      showMe: ["systemctl restart kubelet", "sim advance 5s", "crictl version"],
      predict: {
        question: "Which runtime_name will answer the kubelet's Version() call on this node?",
        choices: ["containerd", "cri-o", "docker", "dockershim"],
        answer: 0,
        explanation:
          'The kubelet dials the socket named by --container-runtime-endpoint (unix:///run/containerd/containerd.sock here); containerd\'s CRI plugin answers runtime_name "containerd", runtime_api_version "v1".',
      },
    },
    {
      id: "dockershim",
      text: `Point the kubelet at the old dockershim socket in \`${FLAGS}\` and restart it. Since 1.24 nothing serves that socket: the kubelet exits.`,
      hint: `sed -i 's#unix:///run/containerd/containerd.sock#unix:///var/run/dockershim.sock#' ${FLAGS}; systemctl restart kubelet; journalctl -u kubelet -n 5`,
      check: all(fileContains(FLAGS, "dockershim.sock"), unitState("kubelet", "failed")),
      showMe: [
        `sed -i 's#unix:///run/containerd/containerd.sock#unix:///var/run/dockershim.sock#' ${FLAGS}`,
        "systemctl restart kubelet",
        "journalctl -u kubelet -n 5",
      ],
    },
    {
      id: "back",
      text: "Put containerd's socket back and restart the kubelet: the node becomes Ready again.",
      hint: `sed -i 's#unix:///var/run/dockershim.sock#unix:///run/containerd/containerd.sock#' ${FLAGS}; systemctl restart kubelet; sim advance 20s`,
      check: all(fileContains(FLAGS, "containerd.sock"), unitState("kubelet", "active"), nodeReady(true)),
      showMe: [
        `sed -i 's#unix:///var/run/dockershim.sock#unix:///run/containerd/containerd.sock#' ${FLAGS}`,
        "systemctl restart kubelet",
        "sim advance 20s",
        "kubectl get nodes",
      ],
    },
  ],
  outro: `Docker images still run everywhere: they are OCI images. What left in 1.24 was the kubelet's
dockershim, not the ability to run Docker-built images. To keep Docker Engine as the runtime you
install **cri-dockerd** (unix:///run/cri-dockerd.sock), an out-of-tree CRI server.`,
};

export const lessonNodeComponents: Lesson = {
  id: "lesson-3-node-components",
  title: "The node's components: kubelet, runtime, kube-proxy",
  section: 3,
  kind: "lesson",
  intro: `A node runs the **kubelet** (talks to the API server, decides), the **container runtime**
(runs containers) and **kube-proxy** (Service rules; not simulated here). The flow is
API Server → Kubelet → CRI → Container Runtime → Containers. Take the kubelet away and see.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "no-kubelet",
      text: "Stop the kubelet, then create a pod and wait 20 seconds.",
      hint: "systemctl stop kubelet; kubectl run orphan --image=nginx:1.27; sim advance 20s; kubectl get pods",
      check: all(
        unitState("kubelet", "inactive"),
        podStatus("orphan", "Pending"),
        criNotSent("RunPodSandbox", "orphan"),
      ),
      showMe: [
        "systemctl stop kubelet",
        "kubectl run orphan --image=nginx:1.27",
        "sim advance 20s",
        "kubectl get pods",
      ],
      predict: {
        question: "The kubelet is stopped. What happens to a new pod scheduled to this node?",
        choices: [
          "containerd notices it and starts it",
          "It stays Pending: nobody on the node asks the runtime to run it",
          "The API server starts it",
          "It fails at once with an error",
        ],
        answer: 1,
        explanation:
          "The scheduler still binds it, but only the kubelet watches pods bound to its node and calls the CRI. containerd never hears of pods on its own.",
      },
    },
    {
      id: "kubelet-back",
      text: "Start the kubelet again: it lists the pods bound to its node and drives the runtime.",
      hint: "systemctl start kubelet; sim advance 20s",
      check: podRunningReady("orphan"),
      showMe: ["systemctl start kubelet", "sim advance 20s", "kubectl get pods"],
    },
  ],
  outro:
    "kube-proxy programs Service rules (iptables/IPVS/nftables); it plays no part in running containers, so the simulator leaves it out.",
};

export const lessonWorkflow: Lesson = {
  id: "lesson-4-workflow",
  title: "A PodSpec's journey, one CRI call at a time",
  section: 4,
  kind: "lesson",
  intro: `The registry is slowed down so you can watch each hop. Before each step, predict the
kubelet's next CRI call; then let time run and check the trace.`,
  setup: { seed: 1, commands: [], faults: [{ fault: "registrySlow", msPerMb: 2000 }] },
  steps: [
    {
      id: "send",
      text: "Send a PodSpec: `kubectl run web --image=nginx:1.27`. The scheduler binds it; the kubelet gets it from its watch.",
      hint: "kubectl run web --image=nginx:1.27",
      check: podExists("web"),
      showMe: ["kubectl run web --image=nginx:1.27"],
    },
    {
      id: "sandbox",
      text: "Advance 300 ms and look for the first `kubelet -> cri` request for web.",
      hint: "sim advance 300ms; sim trace --last 20",
      check: criSent("RunPodSandbox", "web"),
      showMe: ["sim advance 300ms", "sim trace --last 20"],
      predict: {
        question: "What is the kubelet's first CRI call for the new pod?",
        choices: ["PullImage", "RunPodSandbox", "CreateContainer", "StartContainer"],
        answer: 1,
        explanation:
          "The sandbox comes first: RunPodSandbox creates the pod's namespaces (containerd starts the pause container and calls CNI). The seed lists 'pull the image' before 'create the sandbox'; a real kubelet creates the sandbox, then pulls each container's image.",
      },
    },
    {
      id: "pull",
      text: "Advance 5 s. The sandbox is ready; which call fetches nginx?",
      hint: "sim advance 5s; sim trace --last 20",
      check: all(criOk("RunPodSandbox", "web"), criSent("PullImage", "web")),
      showMe: ["sim advance 5s", "sim trace --last 20"],
      predict: {
        question: "The sandbox is ready. Which call gets nginx:1.27 onto the node?",
        choices: ["CreateContainer", "PullImage", "StartContainer", "RunPodSandbox again"],
        answer: 1,
        explanation:
          "ImageService.ImageStatus says the image is absent, so the kubelet calls PullImage (pull policy IfNotPresent for an explicit tag). containerd resolves the manifest and downloads the layers.",
      },
    },
    {
      id: "create",
      text: "Advance 3 minutes: the pull ends. Which call comes next?",
      hint: "sim advance 3m; sim trace --last 30",
      check: all(criOk("CreateContainer", "web"), criOk("StartContainer", "web"), podRunningReady("web")),
      showMe: ["sim advance 3m", "kubectl get pods"],
      predict: {
        question: "The image is pulled. What does the kubelet call next?",
        choices: ["StartContainer", "CreateContainer", "PullImage again", "StopPodSandbox"],
        answer: 1,
        explanation:
          "CreateContainer (in the sandbox, with the image's ID, command, mounts, log path), then StartContainer. Status then flows back: the kubelet relists every second (PLEG) and asks ContainerStatus.",
      },
    },
    {
      id: "delete",
      text: "Delete the pod. Which call goes first?",
      hint: "kubectl delete pod web",
      check: all(criOk("StopContainer", "web"), criOk("StopPodSandbox", "web"), podGone("web")),
      showMe: ["kubectl delete pod web", "sim trace --last 30"],
      predict: {
        question: "You delete the pod. What is the kubelet's first CRI call?",
        choices: ["RemoveImage", "StopContainer", "RemovePodSandbox", "PullImage"],
        answer: 1,
        explanation:
          "StopContainer with the grace period (SIGTERM, then SIGKILL), then StopPodSandbox (CNI DEL, pause stops). RemoveContainer/RemovePodSandbox come later from garbage collection; the image stays cached.",
      },
    },
  ],
};

export const lessonCri: Lesson = {
  id: "lesson-5-cri",
  title: "The CRI and its two services",
  section: 5,
  kind: "lesson",
  intro: `The CRI is a gRPC API with two services: **RuntimeService** (sandboxes and containers:
RunPodSandbox, CreateContainer, StartContainer, StopContainer, ContainerStatus, ListContainers,
Status, Version…) and **ImageService** (ListImages, ImageStatus, PullImage, RemoveImage,
ImageFsInfo). The kubelet is the client; containerd's CRI plugin is the server.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "both-services",
      text: "Run a redis pod and find calls of both services in `sim trace`.",
      hint: "kubectl run cache --image=redis:7.4; sim advance 10s; sim trace --last 60",
      check: all(
        (v) => ({
          ok: v.criCalls("cache").some((c) => c.service === "ImageService" && c.outcome === "ok"),
          why: "no ImageService call for cache yet",
        }),
        criOk("RunPodSandbox", "cache"),
        podRunningReady("cache"),
      ),
      showMe: ["kubectl run cache --image=redis:7.4", "sim advance 10s", "sim trace --last 60"],
      predict: {
        question: "PullImage belongs to which CRI service?",
        choices: ["RuntimeService", "ImageService"],
        answer: 1,
        explanation: `ImageService: ImageStatus and PullImage. RunPodSandbox, CreateContainer and StartContainer are ${criServiceOf("RunPodSandbox")} calls.`,
      },
    },
    {
      id: "delete-keeps-image",
      text: "Delete the pod. Which service's calls follow, and is the image still there (`crictl images`)?",
      hint: "kubectl delete pod cache; crictl images",
      check: all(
        criOk("StopPodSandbox", "cache"),
        podGone("cache"),
        (v) => ({ ok: v.hasImage("redis:7.4"), why: "redis:7.4 is gone from the image store" }),
        criNotSent("RemoveImage"),
      ),
      showMe: ["kubectl delete pod cache", "crictl images"],
      predict: {
        question: "You delete the pod. Which calls do you expect?",
        choices: [
          "Only RuntimeService calls: the image stays cached",
          "ImageService RemoveImage, then RuntimeService",
          "No CRI calls: the API server deletes containers",
        ],
        answer: 0,
        explanation:
          "Deleting a pod stops and removes its containers and sandbox (RuntimeService). Images are removed only by the kubelet's image GC under disk pressure, or by hand (crictl rmi).",
      },
    },
  ],
  outro:
    "Because both sides speak the same proto, swapping containerd for CRI-O changes one socket path, not the kubelet.",
};
