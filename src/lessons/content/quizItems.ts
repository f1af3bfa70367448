// Interview practice: every section of the seed (§1–§15), every question of §14 and every fact of
// §13 and §15, plus the "what happens when…" drill. Where the seed simplifies or is dated, `reality`
// says what a current node (Kubernetes 1.30+, containerd 1.7/2.x) does. `demo` opens the live step.
import type { Flashcard, QuizItem } from "../quiz";

export const QUIZ_ITEMS: QuizItem[] = [
  // §14 — common interview questions (these six stay first: the practice UI starts §14 with them)
  {
    id: "q14-role",
    section: 14,
    kind: "short",
    prompt: "What is the role of the container runtime in Kubernetes?",
    accepted: ["It runs containers as per the kubelet's instructions"],
    keywords: [["run", "runs", "execute", "start", "manage", "create"], ["container"]],
    explanation:
      "It runs containers as the kubelet instructs: pulls images, creates, starts, stops and removes containers, and reports their status.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "watch" },
  },
  {
    id: "q14-cri",
    section: 14,
    kind: "short",
    prompt: "What is CRI?",
    accepted: ["Container Runtime Interface"],
    keywords: [
      [
        "container runtime interface",
        "interface ... kubelet ... runtime",
        "interface ... runtime ... kubelet",
        "api ... kubelet ... runtime",
        "api ... runtime ... kubelet",
        "kubelet ... talk ... runtime",
      ],
    ],
    explanation:
      "The Container Runtime Interface: a gRPC API (RuntimeService + ImageService) that defines how the kubelet talks to runtimes.",
    reality:
      "The kubelet speaks CRI runtime.v1 over a unix socket (unix:///run/containerd/containerd.sock, CRI-O: unix:///var/run/crio/crio.sock). crictl is a client of the same API, which is why it sees what the kubelet sees.",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "q14-examples",
    section: 14,
    kind: "short",
    prompt: "Name two examples of container runtimes.",
    accepted: [
      "containerd and CRI-O",
      "containerd, CRI-O, Docker (deprecated)",
      "containerd, CRI-O and Docker Engine via cri-dockerd",
    ],
    keywords: [
      ["containerd"],
      ["crio"],
      ["docker", "mirantis", "mcr", "cridockerd"],
      ["gvisor", "runsc"],
      ["kata"],
      ["runc", "crun"],
    ],
    needed: 2,
    explanation:
      "containerd, CRI-O; Docker Engine (now via cri-dockerd) and Mirantis Container Runtime; gVisor and Kata Containers as sandboxed runtime handlers; runc/crun as the low-level OCI runtimes underneath.",
    reality:
      "Docker Engine still works as a Kubernetes runtime, but only through the out-of-tree cri-dockerd. gVisor and Kata do not replace containerd or CRI-O: they plug in under them as runtime handlers chosen per pod with a RuntimeClass.",
    demo: { lessonId: "lesson-2-flavours", stepId: "crio" },
  },
  {
    id: "q14-dockershim",
    section: 14,
    kind: "choice",
    prompt: "Why was Docker support (dockershim) removed from Kubernetes?",
    choices: [
      "Docker-built images stopped working in Kubernetes",
      "Docker Engine does not implement the CRI, so the kubelet carried an in-tree adapter (dockershim) that was costly to maintain; it was removed in 1.24",
      "containerd is faster than Docker",
      "Docker became a paid product",
    ],
    answer: 1,
    explanation:
      "Kubernetes talks to runtimes through the CRI; Docker Engine never implemented it, so the kubelet shipped dockershim.",
    reality:
      "The seed says 'Docker didn't natively implement CRI' — true, but what was removed (deprecated 1.20, removed 1.24) is the kubelet's in-tree dockershim. Docker-built images are OCI images and still run; Docker Engine can still be used through the out-of-tree cri-dockerd.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "dockershim" },
  },
  {
    id: "q14-containerd-vs-crio",
    section: 14,
    kind: "short",
    prompt: "How does containerd differ from CRI-O?",
    accepted: ["containerd is general-purpose; CRI-O is purpose-built for Kubernetes"],
    keywords: [
      [
        "containerd ... generalpurpose",
        "containerd ... general",
        "containerd ... generic",
        "containerd ... docker",
        "containerd ... standalone",
        "containerd ... not only ... kubernetes",
        "containerd ... not just ... kubernetes",
      ],
      [
        "crio ... purposebuilt",
        "crio ... only ... kubernetes",
        "crio ... just ... kubernetes",
        "crio ... specifically ... kubernetes",
        "crio ... designed for kubernetes",
        "crio ... made for kubernetes",
        "crio ... built for kubernetes",
        "crio ... dedicated ... kubernetes",
        "crio ... kubernetes only",
        "crio ... only ... cri",
      ],
    ],
    explanation:
      "containerd is a general-purpose runtime (used by Docker, nerdctl, and Kubernetes via its CRI plugin); CRI-O implements only the CRI, versioned in step with Kubernetes.",
    reality:
      "Both serve the same CRI and run containers with an OCI runtime (runc or crun), so the kubelet cannot tell them apart. containerd keeps Kubernetes' containers in its k8s.io namespace next to other clients'; CRI-O has nothing but the CRI, releases one minor per Kubernetes minor, and supervises each container with its own conmon process.",
    demo: { lessonId: "lesson-2-flavours", stepId: "crio" },
  },
  {
    id: "q14-runtime-stops",
    section: 14,
    kind: "choice",
    drill: true,
    prompt: "What happens if the container runtime stops?",
    choices: [
      "Every pod on the node dies at once",
      "Running containers keep running; the node goes NotReady; no container can be started, restarted or stopped until it returns",
      "The kubelet starts containers by itself",
      "Nothing changes",
    ],
    answer: 1,
    explanation:
      "The kubelet's Status() calls fail; after 30 s it reports 'container runtime is down' and the node turns NotReady.",
    reality:
      "The seed says 'Pods on that node fail'. Really, each container's shim (containerd-shim-runc-v2; conmon on CRI-O) keeps it running, so the pods keep serving. The kubelet polls Status every 5 s and marks the node NotReady after 30 s without an answer; pods fail only later if the node controller evicts them (not-ready taint, 300 s toleration) or if a container needs a restart.",
    demo: { lessonId: "lesson-14-what-happens-when", stepId: "runtime-stops" },
  },
  // §13 — key facts
  {
    id: "f13-lifecycle",
    section: 13,
    kind: "choice",
    prompt: "Which component executes all pod and container lifecycle operations on a node?",
    choices: ["kube-proxy", "The container runtime", "The API server", "The scheduler"],
    answer: 1,
    explanation: "The runtime executes; the kubelet decides what should happen.",
    reality:
      "The runtime executes lifecycle operations; the decisions about them — restart policy, probes, back-off, when to pull, image and container garbage collection — are the kubelet's.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "remove" },
  },
  {
    id: "f13-interface",
    section: 13,
    kind: "short",
    prompt: "Through which interface does Kubernetes interact with container runtimes?",
    accepted: ["CRI", "Container Runtime Interface", "the CRI"],
    keywords: [["cri", "container runtime interface"]],
    explanation: "The CRI (runtime.v1 gRPC API over a unix socket).",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "f13-production",
    section: 13,
    kind: "short",
    prompt: "Which two runtimes are the main production-grade CRI runtimes?",
    accepted: ["containerd and CRI-O"],
    keywords: [["containerd"], ["crio"]],
    explanation: "containerd and CRI-O.",
    reality:
      "GKE, EKS and AKS run containerd; OpenShift runs CRI-O. Docker Engine (or Mirantis Container Runtime) is still possible through cri-dockerd, but it is an extra hop.",
    demo: { lessonId: "lesson-2-flavours", stepId: "crio" },
  },
  {
    id: "f13-version",
    section: 13,
    kind: "short",
    prompt: "In which Kubernetes version was dockershim removed?",
    accepted: ["1.24", "Kubernetes 1.24"],
    keywords: [["1.24"]],
    explanation: "Deprecated in 1.20, removed in 1.24 (May 2022).",
    reality:
      "The seed says 'Docker runtime is deprecated since v1.24': it was deprecated in 1.20 and removed in 1.24.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "dockershim" },
  },
  {
    id: "f13-decouple",
    section: 13,
    kind: "choice",
    prompt: "What does the CRI give Kubernetes?",
    choices: [
      "Faster image pulls",
      "Runtime independence: runtimes can be swapped without changing kubelet code",
      "Image signing",
      "Pod networking",
    ],
    answer: 1,
    explanation: "CRI decouples Kubernetes from specific runtimes: any CRI server on a socket will do.",
    reality:
      "No kubelet code changes, but a swap is still node work: drain the node (containers of one runtime are invisible to the other), install and configure the new runtime, point --container-runtime-endpoint at its socket, keep the cgroup driver matching.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "back" },
  },
  {
    id: "f13-automatic",
    section: 13,
    kind: "choice",
    prompt: "Which of these does the runtime handle automatically for every pod?",
    choices: [
      "Its own installation",
      "The sandbox, networking (via CNI) and image pulling",
      "Writing Deployments",
      "Scheduling",
    ],
    answer: 1,
    explanation:
      "RunPodSandbox creates namespaces and calls CNI; PullImage fetches images when the kubelet asks.",
    reality:
      "Automatic, but never on its own initiative: nothing happens until the kubelet calls RunPodSandbox and PullImage. The CNI plugin itself (Calico, Cilium, Flannel…) is something you install.",
    demo: { lessonId: "lesson-9-flows", stepId: "cni" },
  },
  {
    id: "f13-mandatory",
    section: 13,
    kind: "choice",
    prompt: "Can the kubelet run a pod without a container runtime?",
    choices: [
      "Yes, static pods",
      "No: the runtime is mandatory",
      "Only hostNetwork pods",
      "Yes, through the API server",
    ],
    answer: 1,
    explanation: "Without a runtime no sandbox or container can be created; the node is NotReady.",
    reality:
      "Static pods and hostNetwork pods go through the same runtime. A kubelet that cannot reach its runtime at start exits ('validate service connection: validate CRI v1 runtime API for endpoint …') and systemd restarts it in a loop.",
    demo: { lessonId: "lesson-13-key-facts", stepId: "no-runtime" },
  },
  // §1 — what is a container runtime?
  {
    id: "s1-what",
    section: 1,
    kind: "choice",
    prompt: "What is a container runtime, in Kubernetes terms?",
    choices: [
      "The control-plane component that schedules pods onto nodes",
      "The node component that pulls images and creates, starts, stops and removes containers",
      "A CLI for building images",
      "The API server's storage backend",
    ],
    answer: 1,
    explanation:
      "It is the node's executor: every container on a node exists because the kubelet asked the runtime, through the CRI, to create and start it.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "watch" },
  },
  {
    id: "s1-operations",
    section: 1,
    kind: "short",
    prompt: "Name at least three operations the container runtime carries out for the kubelet.",
    accepted: [
      "pull, create, start, stop and remove",
      "pull images, create, start, stop and remove containers",
    ],
    keywords: [
      ["pull", "download", "fetch"],
      ["create"],
      ["start", "run"],
      ["stop", "kill"],
      ["remove", "delete"],
      ["report ... status", "status"],
    ],
    needed: 3,
    explanation:
      "Pull images; create, start, stop and remove containers (and sandboxes); report their status. Each is a CRI call: PullImage, CreateContainer, StartContainer, StopContainer, RemoveContainer, ContainerStatus.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "watch" },
  },
  {
    id: "s1-who-tells",
    section: 1,
    kind: "choice",
    prompt: "Who tells the container runtime what to do?",
    choices: ["The API server, directly", "The kubelet, through the CRI", "kube-proxy", "The scheduler"],
    answer: 1,
    explanation:
      "The API server only stores the desired state. The kubelet watches pods bound to its node and calls the runtime over the CRI.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "ask" },
  },
  {
    id: "s1-interfaces",
    section: 1,
    kind: "choice",
    prompt: "Which of these standard interfaces connects the kubelet to the container runtime?",
    choices: ["CNI", "CSI", "CRI", "OCI"],
    answer: 2,
    explanation:
      "CRI (Container Runtime Interface) = kubelet ↔ runtime. CNI = runtime ↔ network plugins, CSI = kubelet ↔ storage drivers, OCI = the image and runtime specs that runc implements.",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "s1-low-level",
    section: 1,
    kind: "choice",
    prompt:
      "containerd and CRI-O are often called 'high-level' runtimes. Which program actually sets up a container's namespaces and cgroups?",
    choices: [
      "The kubelet",
      "An OCI runtime such as runc or crun, started by the runtime's shim",
      "kube-proxy",
      "The API server",
    ],
    answer: 1,
    explanation:
      "containerd prepares an OCI bundle (root filesystem + config.json); its shim runs runc, which creates namespaces and cgroups, starts the process and exits. The shim stays as the container's parent.",
    reality:
      "The seed calls the container runtime 'the low-level component'. In runtime jargon containerd and CRI-O are high-level (CRI) runtimes; the low-level OCI runtimes are runc and crun (or runsc for gVisor, Kata's shim for VMs).",
    demo: { lessonId: "lesson-6-layers", stepId: "cgroup" },
  },
  // §2 — runtimes
  {
    id: "t2-containerd",
    section: 2,
    kind: "choice",
    prompt:
      "Which runtime, spun out of Docker and now a graduated CNCF project, is the default in most Kubernetes setups?",
    choices: ["CRI-O", "containerd", "gVisor", "Mirantis Container Runtime"],
    answer: 1,
    explanation: "containerd.",
    reality:
      "'Developed by Docker': containerd was split out of Docker Engine and donated to the CNCF in 2017 (graduated 2019). Docker Engine itself still runs its containers on containerd.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "version" },
  },
  {
    id: "t2-crio",
    section: 2,
    kind: "choice",
    prompt: "Which runtime was designed specifically (and only) for Kubernetes?",
    choices: ["containerd", "CRI-O", "Docker Engine", "Kata Containers"],
    answer: 1,
    explanation: "CRI-O: its releases follow Kubernetes minor versions.",
    reality:
      "CRI-O 1.30 goes with Kubernetes 1.30 and so on. It is OpenShift's runtime; it runs one conmon per container and uses crun or runc underneath.",
    demo: { lessonId: "lesson-2-flavours", stepId: "crio" },
  },
  {
    id: "t2-sandboxed",
    section: 2,
    kind: "short",
    prompt: "Name the two runtimes that isolate pods with a user-space kernel or lightweight VMs.",
    accepted: ["gVisor and Kata Containers"],
    keywords: [["gvisor", "runsc"], ["kata"]],
    explanation:
      "gVisor (runsc, a user-space kernel) and Kata Containers (lightweight VMs); both plug in under containerd/CRI-O as runtime handlers selected by a RuntimeClass.",
    reality:
      "The seed calls both 'lightweight VMs'. Only Kata boots a VM (QEMU, Cloud Hypervisor or Firecracker) with its own kernel; gVisor is a user-space kernel (the Sentry) that intercepts the app's syscalls. Neither replaces containerd or CRI-O.",
    demo: { lessonId: "lesson-10-sandboxed-runtimes", stepId: "runsc" },
  },
  {
    id: "t2-mcr",
    section: 2,
    kind: "choice",
    prompt: "Mirantis Container Runtime (MCR) is…",
    choices: [
      "An enterprise Docker Engine, used with Kubernetes through cri-dockerd",
      "A fork of CRI-O",
      "A VM runtime",
      "A CNI plugin",
    ],
    answer: 0,
    explanation:
      "MCR is Docker Engine Enterprise's successor; like Docker Engine it needs cri-dockerd since 1.24.",
    demo: { lessonId: "lesson-2-flavours", stepId: "cri-dockerd" },
  },
  {
    id: "t2-cri-dockerd",
    section: 2,
    kind: "short",
    prompt: "Which adapter lets Docker Engine (or MCR) serve the CRI since Kubernetes 1.24?",
    accepted: ["cri-dockerd"],
    keywords: [["cridockerd", "cri docker"]],
    explanation:
      "cri-dockerd: dockershim moved out of the kubelet into its own daemon (cri-docker.service, unix:///var/run/cri-dockerd.sock), maintained by Mirantis and Docker.",
    demo: { lessonId: "lesson-2-flavours", stepId: "cri-dockerd" },
  },
  {
    id: "t2-docker-images",
    section: 2,
    kind: "choice",
    prompt:
      "After dockershim's removal, do images built with `docker build` still run on containerd or CRI-O?",
    choices: [
      "No, they must be rebuilt with another tool",
      "Yes: they are OCI images that any CRI runtime pulls and runs",
      "Only through cri-dockerd",
      "Only on CRI-O",
    ],
    answer: 1,
    explanation:
      "Image format and registries did not change; only the kubelet's adapter to Docker Engine went away. What breaks is anything that needed the Docker daemon on the node (docker.sock mounts, `docker ps` to debug: use crictl).",
    demo: { lessonId: "lesson-2-flavours", stepId: "crio" },
  },
  {
    id: "d-dockershim-upgrade",
    section: 2,
    kind: "choice",
    drill: true,
    prompt:
      "A Docker node's kubelet is upgraded from 1.23 to 1.24 and still points at unix:///var/run/dockershim.sock. What happens?",
    choices: [
      "Nothing: dockershim is still built in",
      "The kubelet exits at start (nothing serves dockershim.sock any more); the node goes NotReady while the running containers keep running in Docker",
      "Docker Engine is uninstalled",
      "Every pod is deleted",
    ],
    answer: 1,
    explanation:
      "In ≤1.23 the kubelet itself served dockershim.sock; in 1.24 that code is gone, so the dial fails: connect: no such file or directory.",
    reality:
      "Two ways out: install cri-dockerd and point the endpoint at unix:///var/run/cri-dockerd.sock (the containers are found again), or drain the node and move it to containerd or CRI-O before the upgrade.",
    demo: { lessonId: "lab-dockershim-1-24", stepId: "diagnose" },
  },
  // §3 — node components
  {
    id: "t3-components",
    section: 3,
    kind: "short",
    prompt: "Name the three components every Kubernetes node runs.",
    accepted: ["kubelet, container runtime, kube-proxy"],
    keywords: [["kubelet"], ["runtime", "containerd", "crio"], ["kubeproxy"]],
    explanation: "kubelet, the container runtime, kube-proxy (some CNI plugins replace kube-proxy).",
    demo: { lessonId: "lesson-3-node-components", stepId: "no-kubelet" },
  },
  {
    id: "t3-flow",
    section: 3,
    kind: "choice",
    prompt: "Which is the flow of a pod's instructions?",
    choices: [
      "Kubelet → API Server → Runtime → CRI → Containers",
      "API Server → Kubelet → CRI → Container Runtime → Containers",
      "API Server → Container Runtime → Kubelet → Containers",
      "Scheduler → Runtime → Kubelet → Containers",
    ],
    answer: 1,
    explanation: "The kubelet watches the API server, then calls the runtime through the CRI.",
    demo: { lessonId: "lesson-3-node-components", stepId: "kubelet-back" },
  },
  {
    id: "t3-kubelet",
    section: 3,
    kind: "short",
    prompt:
      "Which node component watches the API server for pods bound to its node and asks the runtime to run them?",
    accepted: ["the kubelet"],
    keywords: [["kubelet"]],
    explanation:
      "The kubelet: it watches pods with spec.nodeName = its node, calls the CRI, runs probes and reports pod and node status back.",
    demo: { lessonId: "lesson-3-node-components", stepId: "kubelet-back" },
  },
  {
    id: "t3-kube-proxy",
    section: 3,
    kind: "choice",
    prompt: "What is kube-proxy's job on the node?",
    choices: [
      "Running containers",
      "Programming Service rules (iptables, IPVS or nftables) so Service IPs reach pods",
      "Pulling images",
      "Reporting pod status",
    ],
    answer: 1,
    explanation:
      "kube-proxy watches Services and EndpointSlices and writes forwarding rules; it never touches containers.",
    reality:
      "The seed says it 'handles networking rules': only Service routing. Pod networking is the CNI plugin's job, and some CNI plugins (e.g. Cilium) replace kube-proxy entirely. On kubeadm clusters kube-proxy runs as a DaemonSet pod, not a systemd service.",
    demo: { lessonId: "lesson-3-services", stepId: "expose" },
  },
  {
    id: "t3-readiness",
    section: 3,
    kind: "choice",
    prompt: "A pod starts failing its readiness probe. What happens to it?",
    choices: [
      "The kubelet restarts its container",
      "It keeps running, but it leaves its Services' endpoints (notReadyAddresses) and kube-proxy stops sending it traffic",
      "The node goes NotReady",
      "containerd pauses it",
    ],
    answer: 1,
    explanation:
      "Readiness only gates traffic: the pod's Ready condition turns False, the EndpointSlice marks it not ready, kube-proxy drops its rule. Restarts come from liveness probes.",
    demo: { lessonId: "lesson-3-services", stepId: "unready" },
  },
  {
    id: "d-kubelet-stopped",
    section: 3,
    kind: "choice",
    drill: true,
    prompt: "The kubelet on a node is stopped. What happens?",
    choices: [
      "All its containers stop at once",
      "Running containers keep running; after the node-monitor grace period the node shows NotReady, and new pods bound to it stay Pending",
      "containerd restarts the kubelet",
      "The scheduler moves its running pods to other nodes right away",
    ],
    answer: 1,
    explanation:
      "The kubelet stops renewing its lease and posting status; the node lifecycle controller sets the node's conditions to Unknown ('Kubelet stopped posting node status.'), which kubectl shows as NotReady. The containers belong to the runtime's shims and keep running.",
    reality:
      "node-monitor-grace-period is 40 s up to Kubernetes 1.31 and 50 s since 1.32. The controller then taints the node node.kubernetes.io/unreachable:NoExecute; after the default 300 s toleration the pods are marked for deletion and their controllers recreate them elsewhere, but on the node the old containers run on until the kubelet returns and stops them.",
    demo: { lessonId: "lesson-3-node-components", stepId: "no-kubelet" },
  },
  {
    id: "d-one-node-eviction",
    section: 3,
    kind: "choice",
    prompt:
      "A cluster has one node, as in this simulator, and its kubelet is stopped. The pods carry the default 300 s not-ready/unreachable tolerations. Where are they ten minutes later?",
    choices: [
      "Terminating: evicted 300 s after the node went NotReady",
      "Still Running: with no node Ready the node lifecycle controller enters master disruption mode and adds no NoExecute taint, so nothing is evicted",
      "Gone: the kubelet deleted them before it stopped",
      "Gone at once: they do not tolerate the unreachable NoSchedule taint",
    ],
    answer: 1,
    explanation:
      "When every node is not Ready the controller blames itself or the network rather than all nodes at once: 'Controller detected that all Nodes are not-Ready. Entering master disruption mode'. It lifts the not-ready/unreachable NoExecute taints and stops adding them; only node.kubernetes.io/unreachable:NoSchedule stays. The taint-eviction-controller has nothing to act on.",
    reality:
      "With other nodes Ready, the unreachable:NoExecute taint follows one monitor pass (5 s) after the NoSchedule one, and 300 s later the taint-eviction-controller records TaintManagerEviction 'Marking for deletion Pod <ns>/<name>', sets the DisruptionTarget condition and deletes the pod gracefully; it stays Terminating until the kubelet returns to stop it. A node labelled node.kubernetes.io/exclude-disruption does not count in the check: label this node to watch the eviction.",
    demo: { lessonId: "lesson-3-node-components", stepId: "no-kubelet" },
  },
  // §4 — workflow
  {
    id: "t4-first-call",
    section: 4,
    kind: "choice",
    drill: true,
    prompt: "A new pod arrives. What is the kubelet's first CRI call?",
    choices: ["PullImage", "RunPodSandbox", "CreateContainer", "StartContainer"],
    answer: 1,
    explanation:
      "RunPodSandbox, then (per container) ImageStatus → PullImage → CreateContainer → StartContainer.",
    reality:
      "The seed lists 'pull the image' before 'create the sandbox'. The kubelet creates the sandbox first (containerd pulls the pause image itself if needed), then pulls app images.",
    demo: { lessonId: "lesson-4-workflow", stepId: "sandbox" },
  },
  {
    id: "t4-status",
    section: 4,
    kind: "choice",
    prompt: "How does container status reach the kubelet?",
    choices: [
      "containerd pushes it to the API server",
      "The kubelet relists (PLEG) and asks ContainerStatus",
      "kubectl reports it",
      "The scheduler collects it",
    ],
    answer: 1,
    explanation:
      "The kubelet's PLEG relists every second and syncs pods whose containers changed; the kubelet then patches the pod status in the API server.",
    reality:
      "The seed says the runtime 'reports status back'; it answers when asked (Evented PLEG, off by default, streams events instead).",
    demo: { lessonId: "lesson-9-flows", stepId: "status" },
  },
  {
    id: "t4-create-start",
    section: 4,
    kind: "short",
    prompt: "The sandbox is ready and the image is on the node. Which two CRI calls start each container?",
    accepted: ["CreateContainer then StartContainer", "CreateContainer and StartContainer"],
    keywords: [
      ["createcontainer", "create container", "create ... container", "create ... start"],
      ["startcontainer", "start container", "then start", "and start"],
    ],
    explanation:
      "CreateContainer (in the sandbox, with image, command, mounts and log path), then StartContainer. Init containers go first, one at a time.",
    demo: { lessonId: "lesson-4-workflow", stepId: "create" },
  },
  {
    id: "t4-pause",
    section: 4,
    kind: "short",
    prompt: "Which tiny container holds a pod sandbox's shared namespaces open?",
    accepted: ["the pause container", "the infra container"],
    keywords: [["pause", "infra"]],
    explanation:
      "The pause (infra) container: it sleeps forever so the pod's network, IPC and UTS namespaces outlive restarts of the app containers.",
    reality:
      "The seed calls the sandbox 'a network namespace'; it is the pod's shared namespaces held open by pause (on Kata, a whole VM). The runtime picks the pause image from its own config (containerd's sandbox image, CRI-O's pause_image) and pins it so image GC never removes it; the kubelet's --pod-infra-container-image no longer chooses it.",
    demo: { lessonId: "lesson-4-workflow", stepId: "sandbox" },
  },
  {
    id: "t4-pull-policy",
    section: 4,
    kind: "choice",
    prompt:
      "A pod uses nginx:1.27 with no imagePullPolicy, and the image is already on the node. What does the kubelet do?",
    choices: [
      "Pulls it again every time",
      "Uses the cached image: the default policy for an explicit tag is IfNotPresent",
      "Fails with ErrImageNeverPull",
      "Asks the API server for the image",
    ],
    answer: 1,
    explanation:
      "The kubelet asks ImageStatus; present + IfNotPresent → event 'Container image \"nginx:1.27\" already present on machine'. No tag or :latest defaults to Always.",
    reality:
      "With Always the kubelet calls PullImage each time, but the runtime only downloads layers it lacks; the manifest is still fetched, so Always pulls fail while the registry is down.",
    demo: { lessonId: "lesson-4-workflow", stepId: "pull" },
  },
  {
    id: "d-init-stuck",
    section: 4,
    kind: "choice",
    drill: true,
    prompt: "An init container keeps exiting with an error. What happens to the pod's app containers?",
    choices: [
      "They start anyway",
      "They are never created: the kubelet restarts the init container with back-off (Init:Error, Init:CrashLoopBackOff) and the pod stays Pending",
      "The pod is deleted",
      "containerd skips the failing init container",
    ],
    answer: 1,
    explanation:
      "Init containers run one at a time and each must exit 0 before the next container is created; `kubectl logs <pod> -c <init>` shows why it fails.",
    reality:
      "With restartPolicy: Never a failed init container makes the whole pod Failed instead. Sidecars (init containers with restartPolicy: Always, on by default since 1.29) do not block the next containers once they have started.",
    demo: { lessonId: "lab-init-stuck", stepId: "diagnose" },
  },
  // §5 — CRI
  {
    id: "t5-services",
    section: 5,
    kind: "short",
    prompt: "What are the CRI's two services?",
    accepted: ["RuntimeService and ImageService"],
    keywords: [["runtimeservice"], ["imageservice"]],
    explanation:
      "RuntimeService (sandboxes, containers, exec, status) and ImageService (list, status, pull, remove, fs info).",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "t5-pull",
    section: 5,
    kind: "choice",
    prompt: "PullImage belongs to…",
    choices: ["RuntimeService", "ImageService"],
    answer: 1,
    explanation: "ImageService.",
    reality:
      "The kubelet never downloads images itself: it resolves credentials (imagePullSecrets, the ServiceAccount's, or a credential provider plugin) and passes them in the PullImage request; the runtime does the download and unpacking.",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "t5-stop",
    section: 5,
    kind: "choice",
    prompt: "StopContainer belongs to…",
    choices: ["RuntimeService", "ImageService"],
    answer: 0,
    explanation: "RuntimeService.",
    demo: { lessonId: "lesson-5-cri", stepId: "delete-keeps-image" },
  },
  {
    id: "t5-server",
    section: 5,
    kind: "choice",
    prompt: "On a containerd node, what serves the CRI?",
    choices: ["containerd-shim-runc-v2", "containerd's built-in CRI plugin", "The kubelet", "runc"],
    answer: 1,
    explanation: "containerd's CRI plugin listens on /run/containerd/containerd.sock.",
    reality:
      "The seed calls the server side a 'CRI shim (e.g. containerd-shim)'. The CRI server is containerd's cri plugin; containerd-shim-runc-v2 is a per-pod process that supervises containers through runc and speaks no CRI. (A separate 'CRI shim' was needed only for dockershim/cri-dockerd.)",
    demo: { lessonId: "lesson-2-runtimes", stepId: "version" },
  },
  {
    id: "t5-client",
    section: 5,
    kind: "choice",
    prompt: "In the CRI, which side is the gRPC client?",
    choices: ["containerd", "The kubelet (and crictl)", "runc", "The API server"],
    answer: 1,
    explanation:
      "The kubelet dials the runtime's socket and calls it; crictl is a second client of the same API.",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "t5-api-version",
    section: 5,
    kind: "choice",
    prompt: "Which CRI API version does a current kubelet (1.26 and later) require from the runtime?",
    choices: ["v1alpha2", "runtime.v1", "The Docker Engine API", "OCI 1.0"],
    answer: 1,
    explanation:
      "runtime.v1 (`crictl version` shows RuntimeApiVersion: v1). The kubelet dropped v1alpha2 in 1.26, so containerd 1.5 and older cannot serve it.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "version" },
  },
  {
    id: "t5-swap",
    section: 5,
    kind: "short",
    prompt: "To move a node from containerd to CRI-O, which kubelet setting do you change?",
    accepted: ["the container runtime endpoint", "--container-runtime-endpoint"],
    keywords: [
      ["container runtime endpoint", "containerruntimeendpoint", "runtime endpoint", "endpoint", "socket"],
    ],
    explanation:
      "--container-runtime-endpoint (containerRuntimeEndpoint in the kubelet config): unix:///var/run/crio/crio.sock instead of unix:///run/containerd/containerd.sock.",
    reality:
      "Drain the node first: containers created by one runtime are invisible to the other, so every pod is recreated. Check that the cgroup driver matches, and update /etc/crictl.yaml too.",
    demo: { lessonId: "lab-kubelet-endpoint", stepId: "fix" },
  },
  // §6 — layers
  {
    id: "t6-base",
    section: 6,
    kind: "choice",
    prompt: "Which layer enforces isolation and resource limits?",
    choices: ["The kubelet", "The CRI", "The runtime", "The OS kernel (namespaces, cgroups)"],
    answer: 3,
    explanation: "The runtime configures them; the kernel enforces them.",
    demo: { lessonId: "lesson-6-layers", stepId: "oom" },
  },
  {
    id: "t6-grpc",
    section: 6,
    kind: "short",
    prompt: "The CRI is which kind of API?",
    accepted: ["gRPC", "a gRPC API over a unix socket"],
    keywords: [["grpc"]],
    explanation: "gRPC (protobuf), over a unix socket.",
    reality:
      "The socket is unix:///run/containerd/containerd.sock (CRI-O: unix:///var/run/crio/crio.sock), owned by root — which is why crictl needs root.",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "t6-order",
    section: 6,
    kind: "choice",
    prompt: "Which order are the layers in, from top to bottom?",
    choices: [
      "Kubelet → CRI (gRPC) → runtime (containerd/CRI-O) → OS kernel",
      "Runtime → kubelet → CRI → OS kernel",
      "OS kernel → runtime → CRI → kubelet",
      "CRI → kubelet → OS kernel → runtime",
    ],
    answer: 0,
    explanation: "The kubelet sends, the CRI carries, the runtime executes, the kernel enforces.",
    reality:
      "Under 'runtime' sit two more layers the seed skips: the shim (one per pod on containerd) and the OCI runtime runc, which talks to the kernel.",
    demo: { lessonId: "lesson-6-layers", stepId: "cgroup" },
  },
  {
    id: "t6-runc",
    section: 6,
    kind: "short",
    prompt:
      "containerd's shim does not create containers itself. Which OCI runtime binary does it run by default?",
    accepted: ["runc"],
    keywords: [["runc"]],
    explanation:
      "runc (runtime_type io.containerd.runc.v2). Other handlers swap it: runsc (gVisor), Kata's shim, crun.",
    demo: { lessonId: "lesson-6-layers", stepId: "cgroup" },
  },
  {
    id: "t6-kernel",
    section: 6,
    kind: "short",
    prompt: "Which two kernel features isolate and limit containers?",
    accepted: ["namespaces and cgroups"],
    keywords: [["namespace"], ["cgroup"]],
    explanation:
      "Namespaces isolate what a process sees (PID, network, mount, IPC, UTS, user); cgroups limit what it uses (CPU, memory, PIDs, I/O).",
    demo: { lessonId: "lesson-6-layers", stepId: "cgroup" },
  },
  // §7 — automatic vs manual
  {
    id: "t7-manual",
    section: 7,
    kind: "choice",
    prompt: "Which task is manual?",
    choices: [
      "Image pulling",
      "Container creation",
      "Installing the runtime (containerd/CRI-O)",
      "Log collection",
    ],
    answer: 2,
    explanation:
      "You install and enable the runtime (package + systemctl enable --now); the rest happens automatically.",
    reality:
      "Installing includes configuring: IP forwarding (net.ipv4.ip_forward=1), SystemdCgroup matching the kubelet's cgroupDriver, the CNI plugin, and /etc/crictl.yaml. kubeadm's preflight checks the runtime but never installs it.",
  },
  {
    id: "t7-gc",
    section: 7,
    kind: "choice",
    prompt: "When does the kubelet's image GC remove images by default?",
    choices: [
      "Every hour",
      "When the image filesystem is over 85% used; it frees down to 80%",
      "Only when you run crictl rmi",
      "Never",
    ],
    answer: 1,
    explanation:
      "imageGCHighThresholdPercent 85, imageGCLowThresholdPercent 80, checked every 5 minutes; unused images older than 2 minutes go first.",
    reality:
      "The runtime does not clean up on its own: image GC is the kubelet's, through the CRI's ImageFsInfo, ListImages and RemoveImage. imageMaximumGCAge (off by default) can also remove images unused for longer than a set age.",
    demo: { lessonId: "lesson-7-automatic-manual", stepId: "gc" },
  },
  {
    id: "t7-logs",
    section: 7,
    kind: "choice",
    prompt:
      "'Log collection' is automatic. What does the runtime actually do with a container's stdout and stderr?",
    choices: [
      "Sends them to the API server",
      "Writes them to a file under /var/log/pods that the kubelet reads for kubectl logs",
      "Keeps them only in memory",
      "Sends them to journald",
    ],
    answer: 1,
    explanation:
      "The kubelet chooses the log path in CreateContainer; the runtime writes each line there with a timestamp and stream name.",
    reality:
      "The seed says the runtime 'streams logs to the kubelet'. The shim (conmon on CRI-O) writes CRI-format files; the kubelet rotates them (10Mi × 5 files by default) and serves kubectl logs from them; /var/log/containers holds symlinks for log shippers. Shipping logs off the node (Fluent Bit, Vector…) is a DaemonSet you install.",
    demo: { lessonId: "lesson-9-flows", stepId: "logs" },
  },
  {
    id: "t7-cni",
    section: 7,
    kind: "short",
    prompt: "Besides the runtime, which network component must be installed before pods get IP addresses?",
    accepted: ["a CNI plugin"],
    keywords: [["cni", "calico", "cilium", "flannel", "weave", "network plugin"]],
    explanation: "A CNI plugin and its config in /etc/cni/net.d: the runtime calls it for every sandbox.",
    reality:
      "Until a CNI config exists, the runtime reports NetworkReady=false ('cni plugin not initialized') and the node stays NotReady; only hostNetwork pods can start.",
    demo: { lessonId: "lesson-9-flows", stepId: "cni" },
  },
  {
    id: "d-disk-full",
    section: 7,
    kind: "choice",
    drill: true,
    prompt: "The image filesystem passes 85% use. What happens?",
    choices: [
      "Nothing until someone runs crictl rmi --prune",
      "Within 5 minutes the kubelet's image GC removes unused images, least recently used first, down to 80%",
      "containerd deletes stopped and running containers",
      "The kubelet removes every image",
    ],
    answer: 1,
    explanation: "Image GC checks every 5 minutes and frees from the high (85%) to the low (80%) threshold.",
    reality:
      "Images in use, pinned images (the pause image) and images unused for less than 2 minutes are kept. If that cannot free enough, a FreeDiskSpaceFailed warning follows; below 15% free on the image filesystem (10% on the node filesystem) the kubelet sets DiskPressure, taints the node and evicts pods.",
    demo: { lessonId: "lesson-7-automatic-manual", stepId: "gc" },
  },
  // §8 — configuration
  {
    id: "t8-containerd-config",
    section: 8,
    kind: "short",
    prompt: "What is containerd's main configuration file?",
    accepted: ["/etc/containerd/config.toml"],
    keywords: [["config.toml", "etc containerd config toml"]],
    explanation: "/etc/containerd/config.toml (version = 3 in containerd 2.x).",
    reality:
      'containerd 1.7 uses version = 2 with the plugin "io.containerd.grpc.v1.cri"; containerd 2.x uses version = 3 with io.containerd.cri.v1.images and io.containerd.cri.v1.runtime, and converts older files in memory at start. `containerd config default` prints a complete file.',
    demo: { lessonId: "lesson-8-config", stepId: "edit" },
  },
  {
    id: "t8-crio-config",
    section: 8,
    kind: "short",
    prompt: "What is CRI-O's configuration file?",
    accepted: ["/etc/crio/crio.conf"],
    keywords: [["crio conf"]],
    explanation: "/etc/crio/crio.conf, plus drop-ins in /etc/crio/crio.conf.d/.",
    demo: { lessonId: "lesson-2-flavours", stepId: "crio" },
  },
  {
    id: "t8-restart",
    section: 8,
    kind: "short",
    prompt: "Which command applies a changed containerd configuration?",
    accepted: ["systemctl restart containerd"],
    keywords: [["systemctl restart containerd"]],
    explanation: "containerd reads its config only at start.",
    reality:
      "Restarting containerd does not touch workloads: the shims keep containers running and containerd reconnects to them at start; the kubelet's CRI calls fail only for those seconds.",
    demo: { lessonId: "lesson-8-config", stepId: "edit" },
  },
  {
    id: "t8-crictl",
    section: 8,
    kind: "choice",
    prompt: "What is crictl?",
    choices: [
      "A Docker-compatible CLI for building images",
      "A CLI that inspects and debugs containers through the CRI",
      "The kubelet's config tool",
      "A CNI plugin",
    ],
    answer: 1,
    explanation: "crictl is a CRI client (endpoint in /etc/crictl.yaml); it sees what the kubelet sees.",
    reality:
      "crictl talks to the runtime's socket, not the API server: it works while the control plane is down. It is for debugging: the kubelet restarts a container you stop with crictl, and removes sandboxes you create with it.",
    demo: { lessonId: "lesson-11-troubleshooting", stepId: "runtime-view" },
  },
  {
    id: "t8-crictl-yaml",
    section: 8,
    kind: "short",
    prompt: "Which file tells crictl which runtime socket to use?",
    accepted: ["/etc/crictl.yaml"],
    keywords: [["crictl yaml"]],
    explanation:
      "/etc/crictl.yaml (runtime-endpoint, image-endpoint, timeout); `crictl --runtime-endpoint` overrides it.",
    reality:
      "Without it crictl tries containerd's, CRI-O's and cri-dockerd's default sockets in turn and warns that this fallback is deprecated. It configures only crictl: the kubelet's endpoint is a kubelet flag.",
    demo: { lessonId: "lab-kubelet-endpoint", stepId: "diagnose" },
  },
  {
    id: "t8-binary",
    section: 8,
    kind: "short",
    prompt: "Where is the containerd daemon binary on a node that installed it from a package?",
    accepted: ["/usr/bin/containerd"],
    keywords: [["usr bin containerd", "usr local bin containerd"]],
    explanation: "/usr/bin/containerd — the ExecStart of containerd.service.",
    reality:
      "Distribution and Docker-repository packages install /usr/bin/containerd; the upstream release tarball and its unit file use /usr/local/bin/containerd. `systemctl status containerd` shows which one runs.",
    demo: { lessonId: "lab-config-toml", stepId: "fix" },
  },
  {
    id: "t8-pause-image",
    section: 8,
    kind: "choice",
    prompt: "On a containerd 2.x node, which setting picks the pause (sandbox) image?",
    choices: [
      "The kubelet's --pod-infra-container-image flag",
      "containerd's config.toml (pinned_images.sandbox; sandbox_image in 1.x)",
      "The PodSpec",
      "/etc/crictl.yaml",
    ],
    answer: 1,
    explanation: "The runtime picks the sandbox image from its own configuration.",
    reality:
      "Since Kubernetes 1.27 the deprecated kubelet flag only tells image GC which image to keep. CRI-O sets it with pause_image in crio.conf. Both runtimes report the pause image as pinned, so image GC and crictl rmi --prune leave it alone.",
    demo: { lessonId: "lesson-8-config", stepId: "effect" },
  },
  {
    id: "t8-cgroup-driver",
    section: 8,
    kind: "choice",
    prompt: "containerd's SystemdCgroup setting must agree with…",
    choices: [
      "The pod's restartPolicy",
      "The kubelet's cgroupDriver",
      "kube-proxy's mode",
      "/etc/crictl.yaml",
    ],
    answer: 1,
    explanation:
      "Both must manage cgroups the same way (systemd or cgroupfs); a mismatch makes pods fail to start or restart.",
    reality:
      "kubeadm sets cgroupDriver: systemd since 1.22 (the kubelet's own default is cgroupfs), so containerd needs SystemdCgroup = true on such nodes. Newer kubelets can learn the driver from the runtime through the CRI RuntimeConfig call.",
    demo: { lessonId: "lab-config-toml", stepId: "fix" },
  },
  {
    id: "d-containerd-config",
    section: 8,
    kind: "choice",
    drill: true,
    prompt:
      "A typo goes into /etc/containerd/config.toml, then `systemctl restart containerd`. What happens?",
    choices: [
      "containerd ignores the bad line",
      "containerd fails to start and systemd keeps retrying; running containers keep running under their shims; the node goes NotReady and no pod can start",
      "All containers are killed",
      "The kubelet repairs the file",
    ],
    answer: 1,
    explanation:
      "`systemctl status containerd` and `journalctl -u containerd` show the TOML error with its line and column; fix it and restart.",
    reality:
      "A subtler trap: the containerd.io package from Docker's repository ships a config.toml with disabled_plugins = [\"cri\"]. containerd runs fine, but the kubelet gets 'unknown service runtime.v1.RuntimeService'. Replace it with `containerd config default` output.",
    demo: { lessonId: "lab-config-toml", stepId: "diagnose" },
  },
  // §9 — flows
  {
    id: "t9-cni",
    section: 9,
    kind: "choice",
    prompt: "Who attaches a pod to the network and gives it an IP?",
    choices: ["The kubelet", "The CNI plugin, called by the runtime", "kube-proxy", "The API server"],
    answer: 1,
    explanation: "containerd calls the CNI plugin (ADD) during RunPodSandbox.",
    reality:
      "hostNetwork pods skip CNI and use the node's IP; the kubelet reads the pod IP with PodSandboxStatus.",
    demo: { lessonId: "lesson-9-flows", stepId: "cni" },
  },
  {
    id: "t9-logs",
    section: 9,
    kind: "short",
    prompt: "Under which directory does the runtime write pods' container logs?",
    accepted: ["/var/log/pods"],
    keywords: [["var log pods"]],
    explanation:
      "/var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log, in CRI log format; kubectl logs reads them through the kubelet.",
    reality:
      "Each line reads '<RFC3339 timestamp> stdout|stderr F|P <text>'. crictl logs reads the same file; /var/log/containers/<pod>_<namespace>_<container>-<id>.log are symlinks to it.",
    demo: { lessonId: "lesson-9-flows", stepId: "logs" },
  },
  {
    id: "t9-cni-when",
    section: 9,
    kind: "choice",
    prompt: "How often does the runtime call the CNI plugin for a pod with three containers?",
    choices: [
      "Three times: once per container start",
      "Once per sandbox: ADD in RunPodSandbox, DEL in StopPodSandbox",
      "Every second, to refresh the IP",
      "Never: kube-proxy does it",
    ],
    answer: 1,
    explanation: "All the pod's containers share the sandbox's network namespace and IP.",
    demo: { lessonId: "lesson-9-flows", stepId: "cni" },
  },
  {
    id: "t9-kubectl-logs",
    section: 9,
    kind: "choice",
    prompt: "How does `kubectl logs` reach a container's output?",
    choices: [
      "kubectl reads the node's files over SSH",
      "The API server asks the kubelet, which reads the log file the runtime wrote",
      "The API server stores every log line",
      "crictl forwards it",
    ],
    answer: 1,
    explanation: "API server → kubelet (port 10250) → the file under /var/log/pods.",
    reality:
      "Because the files live on the node, logs of a deleted pod are gone with it; only the current and previous (--previous) container runs are kept.",
    demo: { lessonId: "lesson-9-flows", stepId: "logs" },
  },
  {
    id: "t9-log-symlinks",
    section: 9,
    kind: "short",
    prompt: "Which directory holds the symlinks to container logs that log shippers usually tail?",
    accepted: ["/var/log/containers"],
    keywords: [["var log containers"]],
    explanation:
      "/var/log/containers/<pod>_<namespace>_<container>-<container id>.log, one symlink per container, pointing into /var/log/pods.",
    demo: { lessonId: "lesson-11-troubleshooting", stepId: "logs" },
  },
  // §10 — security
  {
    id: "t10-automatic",
    section: 10,
    kind: "choice",
    prompt: "Which protections apply to every container automatically?",
    choices: ["Seccomp and AppArmor", "Namespaces and cgroups", "Rootless mode", "Image signature checks"],
    answer: 1,
    explanation:
      "Namespaces isolate, cgroups limit. Seccomp/AppArmor need a profile in the securityContext (or kubelet seccompDefault).",
    reality:
      "The seed files Seccomp/AppArmor under 'manual'. On hosts with AppArmor enabled, containerd and CRI-O apply their default AppArmor profile to unprivileged containers without being asked; seccomp stays Unconfined unless the pod asks or the kubelet's seccompDefault is on.",
    demo: { lessonId: "lesson-6-layers", stepId: "cgroup" },
  },
  {
    id: "t10-seccomp",
    section: 10,
    kind: "choice",
    prompt: "What does seccomp do?",
    choices: [
      "Encrypts images",
      "Filters the syscalls a container may make",
      "Limits memory",
      "Signs images",
    ],
    answer: 1,
    explanation:
      "A seccomp BPF filter, installed by runc, blocks syscalls; RuntimeDefault is the runtime's default profile.",
    demo: { lessonId: "lesson-10-security", stepId: "seccomp" },
  },
  {
    id: "t10-seccomp-default",
    section: 10,
    kind: "choice",
    prompt:
      "A pod sets no seccompProfile and the kubelet runs with default settings. Which seccomp profile do its containers get?",
    choices: ["RuntimeDefault", "Unconfined: no filter at all", "Localhost", "None: the pod is rejected"],
    answer: 1,
    explanation: "Kubernetes defaults to Unconfined; the pod must ask for RuntimeDefault.",
    reality:
      "Setting seccompDefault: true in the kubelet config (GA since 1.27) makes RuntimeDefault the default on that node. The Pod Security 'restricted' level requires RuntimeDefault or Localhost.",
    demo: { lessonId: "lesson-10-security", stepId: "seccomp" },
  },
  {
    id: "t10-pod-namespaces",
    section: 10,
    kind: "choice",
    prompt: "Which Linux namespaces do the containers of one pod share by default?",
    choices: [
      "None",
      "Network, IPC and UTS (the sandbox's); each container keeps its own mount and PID namespaces",
      "All of them",
      "Only the PID namespace",
    ],
    answer: 1,
    explanation:
      "That is why containers of a pod reach each other on localhost but cannot see each other's processes.",
    reality:
      "The seed says each container runs in its own process namespace: true by default, but shareProcessNamespace: true gives the pod one PID namespace, hostNetwork/hostPID/hostIPC use the node's, and the user namespace is the host's unless hostUsers: false.",
    demo: { lessonId: "lesson-6-layers", stepId: "cgroup" },
  },
  {
    id: "t10-cpu-limit",
    section: 10,
    kind: "choice",
    prompt: "A container tries to use more CPU than its limit. What happens?",
    choices: [
      "It is OOM-killed",
      "It is throttled (CFS quota, cpu.max); it is not killed",
      "It is evicted",
      "Its pod moves to another node",
    ],
    answer: 1,
    explanation:
      "CPU is compressible: the kernel throttles. Memory is not: over memory.max the kernel OOM-kills.",
    demo: { lessonId: "lesson-12-use-cases", stepId: "isolation" },
  },
  {
    id: "t10-oom",
    section: 10,
    kind: "short",
    drill: true,
    prompt: "A container exceeds its memory limit. Which exit code does it get?",
    accepted: ["137", "137 OOMKilled"],
    keywords: [["137"]],
    explanation: "137 = 128 + SIGKILL(9); reason OOMKilled.",
    reality:
      "That is the kernel acting on the container's cgroup (memory.max). Node-pressure eviction is different: when the node runs low (memory.available below 100Mi by default) the kubelet evicts whole pods (phase Failed, reason Evicted).",
    demo: { lessonId: "lesson-6-layers", stepId: "oom" },
  },
  {
    id: "d-oom",
    section: 10,
    kind: "choice",
    drill: true,
    prompt: "A Deployment's container is OOM-killed again and again. What do you see?",
    choices: [
      "The pod is deleted and rescheduled on another node",
      "The same pod restarts it: Last State Terminated, Reason OOMKilled, Exit Code 137, then CrashLoopBackOff",
      "The node goes NotReady",
      "The image is pulled again",
    ],
    answer: 1,
    explanation:
      "The kubelet restarts the container in place per restartPolicy, with back-off; `kubectl describe pod` shows the OOMKilled last state. Fix the limit or the memory use.",
    reality:
      "On cgroup v2 the kubelet sets memory.oom.group, so the kernel kills the whole container, not just its largest process (1.32+ can opt out with singleProcessOOMKill). Only the container restarts; the pod stays on its node.",
    demo: { lessonId: "lab-oomkilled", stepId: "diagnose" },
  },
  {
    id: "t10-rootless",
    section: 10,
    kind: "choice",
    prompt: "Rootless mode means…",
    choices: [
      "The runtime and its containers run without root privileges on the host",
      "Images have no root user",
      "Containers have no network",
      "Pods skip admission",
    ],
    answer: 0,
    explanation:
      "Rootless containerd/CRI-O run as an unprivileged user (user namespaces); Kubernetes also offers per-pod user namespaces (hostUsers: false).",
    reality:
      "Rootless runtimes (RootlessKit) are used mostly for development clusters. On production nodes the per-pod alternative is hostUsers: false, which maps the pod's root to an unprivileged host UID (beta, on by default since 1.33; needs containerd 2.0+ or CRI-O 1.25+ and Linux 6.3+). runAsNonRoot and runAsUser only change the user inside the container.",
  },
  {
    id: "t10-signatures",
    section: 10,
    kind: "choice",
    prompt: "Who typically verifies image signatures in a Kubernetes cluster?",
    choices: [
      "The kubelet, always",
      "A policy you add: an admission controller (e.g. sigstore policy-controller, Kyverno) or a runtime verifier plugin",
      "The registry",
      "Nobody can",
    ],
    answer: 1,
    demo: { lessonId: "lesson-10-security", stepId: "signatures" },
    explanation: "Optional: nothing verifies signatures by default.",
    reality:
      "Admission policies check before the pod is stored; runtime-side checks happen at pull time: CRI-O enforces containers' policy.json, containerd 2.x runs image verifier plugins. A refused pull shows as ErrImagePull with the verifier's message.",
  },
  {
    id: "t10-runasnonroot",
    section: 10,
    kind: "choice",
    prompt:
      "A pod sets runAsNonRoot: true and no runAsUser; its image has no USER. What does kubectl get pods show?",
    choices: ["Running, as root", "CreateContainerConfigError", "CrashLoopBackOff", "Pending: unschedulable"],
    answer: 1,
    explanation:
      "The kubelet reads the image's user through ImageStatus (none = root) and refuses before CreateContainer: `container has runAsNonRoot and image will run as root`. Fix: a numeric runAsUser, or an image with a numeric non-root USER.",
    demo: { lessonId: "lab-runasnonroot", stepId: "fix" },
  },
  {
    id: "t10-capabilities",
    section: 10,
    kind: "choice",
    prompt: "Root in a default container runs `ip link add dummy0 type dummy`. What happens?",
    choices: [
      "It works: root in a container is root on the host",
      "Operation not permitted: the runtime's default capability set lacks NET_ADMIN",
      "The container is OOM-killed",
      "The kubelet restarts the container",
    ],
    answer: 1,
    explanation:
      "containerd grants 14 default capabilities (CHOWN, NET_BIND_SERVICE, KILL…); NET_ADMIN must be added in securityContext.capabilities.add (privileged: true grants all).",
    demo: { lessonId: "lesson-10-security", stepId: "capabilities" },
  },
  // §11 — troubleshooting
  {
    id: "t11-imagepull",
    section: 11,
    kind: "choice",
    prompt: "A pod shows ImagePullBackOff. Likely causes?",
    choices: [
      "The app crashed",
      "Image name/tag not found, or a registry auth error",
      "The node is out of memory",
      "A failing liveness probe",
    ],
    answer: 1,
    explanation:
      "Check the name and credentials: kubectl describe pod shows the registry's answer (not found vs 401).",
    reality:
      "ErrImagePull comes first, then ImagePullBackOff while the kubelet waits (10 s doubling to 5 min). The event text names the cause: 'not found' (name or tag), 'pull access denied' / '401 Unauthorized' (credentials), timeouts or 'connection refused' (network or registry down).",
    demo: { lessonId: "lab-image-typo", stepId: "diagnose" },
  },
  {
    id: "t11-crashloop",
    section: 11,
    kind: "choice",
    prompt: "A pod shows CrashLoopBackOff. What do you look at first?",
    choices: [
      "The registry",
      "The container's logs (kubectl logs --previous, crictl logs)",
      "kube-proxy",
      "The scheduler",
    ],
    answer: 1,
    explanation: "The app exits; its last output usually says why.",
    reality:
      "The seed's 'ContainerCrashLoop' shows as CrashLoopBackOff. Restarts back off 10 s, 20 s, 40 s … up to 5 min, and the delay resets after 10 minutes of running. If the app printed nothing, kubectl describe pod shows Last State with the exit code and reason.",
    demo: { lessonId: "lab-crash-command", stepId: "diagnose" },
  },
  {
    id: "t11-kubelet-runtime",
    section: 11,
    kind: "short",
    prompt: "The kubelet cannot talk to the runtime. Which kubeadm file holds its runtime endpoint flag?",
    accepted: ["/var/lib/kubelet/kubeadm-flags.env"],
    keywords: [["kubeadm flags env", "kubeadm flags"]],
    explanation:
      "--container-runtime-endpoint in /var/lib/kubelet/kubeadm-flags.env (or containerRuntimeEndpoint in /var/lib/kubelet/config.yaml).",
    reality:
      "With a wrong endpoint the kubelet exits at start ('failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint …') and systemd restarts it in a loop: read journalctl -u kubelet first.",
    demo: { lessonId: "lab-kubelet-endpoint", stepId: "fix" },
  },
  {
    id: "t11-prune",
    section: 11,
    kind: "short",
    prompt: "Which command removes all unused images by hand?",
    accepted: ["crictl rmi --prune"],
    keywords: [["crictl rmi prune", "crictl rmi q"]],
    explanation: "crictl rmi --prune skips images in use and pinned ones.",
    reality:
      "The seed says old images pile up because 'image GC was not triggered'; GC triggers only above 85% use, so images below that stay by design.",
    demo: { lessonId: "lab-disk-full", stepId: "fix" },
  },
  {
    id: "t11-journal",
    section: 11,
    kind: "short",
    prompt: "How do you follow containerd's logs on a systemd node?",
    accepted: ["journalctl -u containerd -f"],
    keywords: [["journalctl"], ["containerd"]],
    explanation: "journalctl -u containerd -f (systemctl status containerd shows the last lines).",
    demo: { lessonId: "lab-config-toml", stepId: "diagnose" },
  },
  {
    id: "t11-ps-a",
    section: 11,
    kind: "short",
    prompt: "Which crictl command lists all containers, exited ones included?",
    accepted: ["crictl ps -a"],
    keywords: [["crictl ps a", "crictl ps all"]],
    explanation:
      "crictl ps -a (plain crictl ps shows only running containers); crictl pods lists the sandboxes.",
    demo: { lessonId: "lesson-11-troubleshooting", stepId: "runtime-view" },
  },
  {
    id: "t11-api-down",
    section: 11,
    kind: "choice",
    prompt: "The API server is unreachable. Which command still shows the node's containers?",
    choices: [
      "kubectl get pods -A",
      "crictl ps (it talks to the runtime's CRI socket, not the API server)",
      "kubectl logs",
      "None: containers cannot be listed without the API server",
    ],
    answer: 1,
    explanation:
      "crictl reaches the runtime directly, so it works on the node whatever the control plane's state.",
    demo: { lessonId: "lesson-11-troubleshooting", stepId: "runtime-view" },
  },
  {
    id: "d-wrong-endpoint",
    section: 11,
    kind: "choice",
    drill: true,
    prompt: "The kubelet's --container-runtime-endpoint names a socket no runtime serves. What happens?",
    choices: [
      "The kubelet falls back to containerd's socket",
      "The kubelet exits at start ('connect: no such file or directory') and systemd keeps restarting it; the node goes NotReady while running containers keep running",
      "The pods are recreated on CRI-O",
      "Nothing: the endpoint is only used by crictl",
    ],
    answer: 1,
    explanation:
      "The kubelet validates the CRI connection at start and gives up; fix the flag in /var/lib/kubelet/kubeadm-flags.env and restart it.",
    demo: { lessonId: "lab-kubelet-endpoint", stepId: "diagnose" },
  },
  {
    id: "d-liveness",
    section: 11,
    kind: "choice",
    drill: true,
    prompt: "A container's HTTP liveness probe keeps returning 404. What happens?",
    choices: [
      "The pod is only marked not ready",
      "After 3 failures (10 s apart) the kubelet kills and restarts the container; repeated kills end in CrashLoopBackOff",
      "containerd restarts the container on its own",
      "The pod is deleted",
    ],
    answer: 1,
    explanation:
      "Defaults: periodSeconds 10, failureThreshold 3. Events: Warning Unhealthy 'Liveness probe failed: HTTP probe failed with statuscode: 404', then Killing '… failed liveness probe, will be restarted'.",
    reality:
      "Probes are run by the kubelet, not the runtime: HTTP and TCP probes from the kubelet to the pod's IP, exec probes through the CRI's ExecSync. A failing readiness probe never restarts anything: it only takes the pod out of Service endpoints.",
    demo: { lessonId: "lab-liveness-probe", stepId: "diagnose" },
  },
  {
    id: "d-pull-secret",
    section: 11,
    kind: "choice",
    drill: true,
    prompt: "A pod's image is in a private registry and the pod has no imagePullSecrets. What happens?",
    choices: [
      "The kubelet prompts for a password",
      "ErrImagePull, then ImagePullBackOff: the registry refuses the anonymous pull ('pull access denied' / 401 Unauthorized)",
      "The image is pulled anonymously anyway",
      "CrashLoopBackOff",
    ],
    answer: 1,
    explanation:
      "Create a kubernetes.io/dockerconfigjson Secret in the pod's namespace and list it in imagePullSecrets (or on the pod's ServiceAccount).",
    reality:
      "The kubelet resolves credentials (imagePullSecrets, the ServiceAccount's, or a kubelet credential provider plugin for ECR/ACR/Artifact Registry) and passes them in the CRI PullImage request; the runtime does the pull. Docker Hub answers a missing private repo the same way as a missing one: 'repository does not exist or may require authorization'.",

    demo: { lessonId: "lab-private-image", stepId: "diagnose" },
  },
  // §12 — use cases
  {
    id: "t12-runtimeclass",
    section: 12,
    kind: "choice",
    prompt: "How does a pod ask for a specialised runtime (gVisor, Kata, a GPU runtime)?",
    choices: [
      "An annotation on the node",
      "spec.runtimeClassName naming a RuntimeClass whose handler the runtime has configured",
      "A kubelet flag per pod",
      "A different image",
    ],
    answer: 1,
    explanation: "The RuntimeClass handler is passed to RunPodSandbox (runtime_handler).",
    demo: { lessonId: "lesson-12-use-cases", stepId: "sandboxed" },
  },
  {
    id: "t12-isolation",
    section: 12,
    kind: "short",
    prompt: "Which kernel feature does the runtime use to cap a container's CPU and memory?",
    accepted: ["cgroups"],
    keywords: [["cgroup"]],
    explanation: "cgroups: limits become memory.max and cpu.max; requests become cpu.weight.",
    reality:
      "Current distributions use cgroup v2; Kubernetes moved cgroup v1 support to maintenance mode in 1.31.",
    demo: { lessonId: "lesson-12-use-cases", stepId: "isolation" },
  },
  {
    id: "t12-gpu",
    section: 12,
    kind: "choice",
    prompt: "How does a GPU workload get its GPU on a containerd node?",
    choices: [
      "The pod must run privileged",
      "A device plugin advertises nvidia.com/gpu; the pod requests it; the NVIDIA Container Toolkit (a runtime handler or CDI specs) injects the device and driver libraries",
      "kube-proxy forwards the GPU",
      "Only CRI-O supports GPUs",
    ],
    answer: 1,
    explanation:
      "Scheduling counts the extended resource; the runtime side mounts the device nodes into the container.",
    reality:
      "The seed's 'specialised CRI runtimes for AI/ML' are usually not separate CRI servers: the NVIDIA toolkit adds an OCI runtime handler (nvidia) or CDI specs under containerd or CRI-O, often installed by the GPU Operator.",
  },
  {
    id: "t12-image-cache",
    section: 12,
    kind: "choice",
    prompt: "The runtime caches images on the node. What removes the unused ones?",
    choices: [
      "A timer inside containerd",
      "The kubelet's image GC (above 85% disk use), or you with crictl rmi --prune",
      "The registry",
      "The scheduler",
    ],
    answer: 1,
    explanation: "The runtime stores and serves images; deciding what to delete is the kubelet's (or yours).",
    demo: { lessonId: "lab-disk-full", stepId: "fix" },
  },
  {
    id: "d-runtimeclass-missing",
    section: 12,
    kind: "choice",
    drill: true,
    prompt:
      "A pod asks for RuntimeClass gvisor (handler runsc), but containerd has no runsc runtime configured. What happens?",
    choices: [
      "It runs with runc instead",
      'It stays ContainerCreating: FailedCreatePodSandBox … no runtime for "runsc" is configured',
      "The API server rejects the pod",
      "The node goes NotReady",
    ],
    answer: 1,
    explanation:
      "The handler reaches containerd in RunPodSandbox, which fails; the kubelet retries. If the RuntimeClass object itself is missing, admission rejects the pod instead.",
    demo: { lessonId: "lesson-10-sandboxed-runtimes", stepId: "missing" },
  },
  // drills (§14)
  {
    id: "d-image-missing",
    section: 14,
    kind: "choice",
    drill: true,
    prompt: "What happens when an image cannot be pulled?",
    choices: [
      "ErrImagePull, then ImagePullBackOff with growing back-off",
      "CrashLoopBackOff",
      "The pod is unschedulable",
      "An older image is used",
    ],
    answer: 0,
    explanation: "Back-off 10s doubling to 5 min between pulls.",
    demo: { lessonId: "lesson-14-what-happens-when", stepId: "image-missing" },
  },
  {
    id: "d-registry-outage",
    section: 14,
    kind: "choice",
    drill: true,
    prompt: "The registry is down for an hour. What happens on a node?",
    choices: [
      "Every running pod fails",
      "Running pods are unaffected; new pods whose image is cached start (IfNotPresent); pods that must pull (image absent, or :latest/Always) sit in ErrImagePull/ImagePullBackOff until it returns",
      "The kubelet pulls from Docker Hub instead",
      "The node goes NotReady",
    ],
    answer: 1,
    explanation: "Running containers never touch the registry; only PullImage does.",
    reality:
      "Registry mirrors (containerd's hosts.toml under /etc/containerd/certs.d, CRI-O's registries.conf) or pre-pulled images keep nodes working through an outage.",
    demo: { lessonId: "lesson-14-what-happens-when", stepId: "image-missing" },
  },
  // §15 — one-liners
  {
    id: "d-brain-hands",
    section: 15,
    kind: "choice",
    drill: true,
    prompt: "The kubelet is stopped and a container's process exits. What happens?",
    choices: [
      "containerd restarts it",
      "Nothing: it stays exited until the kubelet returns and restarts it",
      "The API server restarts it",
      "The node reboots",
    ],
    answer: 1,
    explanation: "Restart policy is the kubelet's decision; the runtime only executes.",
    demo: { lessonId: "lesson-15-one-liners", stepId: "no-brain" },
  },
  {
    id: "o15-engine",
    section: 15,
    kind: "short",
    prompt: "Complete the one-liner: Container Runtime = …",
    accepted: ["the engine that runs containers inside pods"],
    keywords: [["engine", "run ... container", "execute ... container", "start ... container"]],
    explanation: "The engine that runs containers inside Pods.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "watch" },
  },
  {
    id: "o15-under-kubelet",
    section: 15,
    kind: "choice",
    prompt: "Where does the container runtime sit, and how is it reached?",
    choices: [
      "Above the API server, over REST",
      "Under the kubelet, over the CRI",
      "Beside kube-proxy, over iptables",
      "Inside the scheduler",
    ],
    answer: 1,
    explanation: "Under the kubelet, which calls it over the CRI (gRPC on a unix socket).",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "o15-most-used",
    section: 15,
    kind: "short",
    prompt: "Which container runtime is now the most widely used in Kubernetes?",
    accepted: ["containerd"],
    keywords: [["containerd"]],
    explanation: "containerd: the default of kubeadm guides, managed clusters and most distributions.",
    reality: "Docker Engine's own containers run on containerd as well; CRI-O leads where OpenShift runs.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "version" },
  },
  {
    id: "o15-automatic",
    section: 15,
    kind: "choice",
    prompt: "Which runtime jobs happen automatically, with no command from you?",
    choices: [
      "Pulling images, running containers, reporting status",
      "Installing the runtime",
      "Editing config.toml",
      "Creating RuntimeClasses",
    ],
    answer: 0,
    explanation: "All three follow from the kubelet's CRI calls.",
    reality:
      "'Reports status' means it answers the kubelet's list and status calls (PLEG relists every second); it never writes to the API server.",
    demo: { lessonId: "lesson-4-workflow", stepId: "create" },
  },
  {
    id: "o15-no-workloads",
    section: 15,
    kind: "choice",
    prompt: "What can Kubernetes run on a node whose runtime is gone?",
    choices: [
      "Static pods only",
      "No workloads at all: the node is NotReady",
      "DaemonSets only",
      "Jobs only",
    ],
    answer: 1,
    explanation: "Every pod, static or DaemonSet, needs RunPodSandbox and CreateContainer.",
    demo: { lessonId: "lesson-13-key-facts", stepId: "no-runtime" },
  },
  {
    id: "o15-brain-hands",
    section: 15,
    kind: "short",
    prompt: "Kubelet = brain, Runtime = …?",
    accepted: ["hands", "the hands"],
    keywords: [["hand", "executor", "muscle", "execute"]],
    explanation: "Hands: the kubelet decides, the runtime executes.",
    demo: { lessonId: "lesson-15-one-liners", stepId: "brain" },
  },
  {
    id: "o15-summary",
    section: 15,
    kind: "choice",
    prompt: "Which sentence sums up the container runtime?",
    choices: [
      "The control plane's database of desired state",
      "The execution engine of Kubernetes: it pulls images, starts containers, manages their lifecycle and reports status to the kubelet",
      "The node's network proxy",
      "A tool for building images",
    ],
    answer: 1,
    explanation: "The seed's 'in short'.",
    demo: { lessonId: "lesson-15-one-liners", stepId: "brain-back" },
  },
];

/** §15 one-liners, §13 key facts and the seed's summary as flashcards. */
export const FLASHCARDS: Flashcard[] = [
  {
    id: "fc-engine",
    front: "Container Runtime = ?",
    back: "The engine that runs containers inside Pods.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "watch" },
  },
  {
    id: "fc-under-kubelet",
    front: "Where does the runtime sit, and how is it reached?",
    back: "Under the kubelet, reached through the CRI.",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "fc-most-used",
    front: "Most widely used runtime today?",
    back: "containerd.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "version" },
  },
  {
    id: "fc-automatic",
    front: "What does the runtime do automatically?",
    back: "Pulls images, runs containers, reports status (when the kubelet asks).",
    demo: { lessonId: "lesson-4-workflow", stepId: "create" },
  },
  {
    id: "fc-no-runtime",
    front: "Without a runtime?",
    back: "Kubernetes can't run workloads: the node is NotReady and no pod starts.",
    demo: { lessonId: "lesson-13-key-facts", stepId: "no-runtime" },
  },
  {
    id: "fc-brain-hands",
    front: "Kubelet = ?, Runtime = ?",
    back: "Kubelet = brain (decides), Runtime = hands (executes).",
    demo: { lessonId: "lesson-15-one-liners", stepId: "no-brain" },
  },
  {
    id: "fc-summary",
    front: "The container runtime in one sentence?",
    back: "The execution engine of Kubernetes: pulls images, starts containers, manages their lifecycle and reports status to the kubelet.",
    demo: { lessonId: "lesson-15-one-liners", stepId: "brain-back" },
  },
  {
    id: "fc-dockershim",
    front: "dockershim?",
    back: "The kubelet's in-tree adapter to Docker Engine; deprecated 1.20, removed 1.24. cri-dockerd replaces it out of tree.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "dockershim" },
  },
  {
    id: "fc-services",
    front: "CRI's two services?",
    back: "RuntimeService (pods, containers) and ImageService (images).",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "fc13-lifecycle",
    front: "Who executes pod and container lifecycle operations?",
    back: "The container runtime (sandboxes and containers: create, start, stop, remove); the kubelet decides when.",
    demo: { lessonId: "lesson-1-what-is-a-runtime", stepId: "remove" },
  },
  {
    id: "fc13-cri",
    front: "How does Kubernetes interact with runtimes?",
    back: "Through the CRI (Container Runtime Interface): gRPC runtime.v1 over a unix socket.",
    demo: { lessonId: "lesson-5-cri", stepId: "both-services" },
  },
  {
    id: "fc13-production",
    front: "The main production-grade runtimes?",
    back: "containerd and CRI-O.",
    demo: { lessonId: "lesson-2-flavours", stepId: "crio" },
  },
  {
    id: "fc13-docker-1-24",
    front: "Docker as a Kubernetes runtime: deprecated when, removed when?",
    back: "dockershim deprecated in 1.20, removed in 1.24. Docker Engine still works via cri-dockerd; Docker-built images run everywhere.",
    demo: { lessonId: "lab-dockershim-1-24", stepId: "diagnose" },
  },
  {
    id: "fc13-decouple",
    front: "What does the CRI decouple?",
    back: "Kubernetes from any specific runtime: any CRI server on a socket will do, no kubelet code changes.",
    demo: { lessonId: "lesson-2-runtimes", stepId: "back" },
  },
  {
    id: "fc13-sandbox-net-images",
    front: "What does the runtime manage automatically for each pod?",
    back: "The sandbox (pause + namespaces), networking (it calls CNI) and image pulling — each when the kubelet asks.",
    demo: { lessonId: "lesson-9-flows", stepId: "cni" },
  },
  {
    id: "fc13-mandatory",
    front: "Can the kubelet run any pod without a runtime?",
    back: "No: the runtime is mandatory. Without it no sandbox or container can be created.",
    demo: { lessonId: "lesson-13-key-facts", stepId: "no-runtime" },
  },
  {
    id: "fc-runtime-stops",
    front: "containerd stops: what happens to running pods?",
    back: "They keep running under their shims; the node goes NotReady after 30 s ('container runtime is down'); nothing can start or restart.",
    demo: { lessonId: "lesson-13-key-facts", stepId: "keeps-running" },
  },
  {
    id: "fc-kubelet-stops",
    front: "The kubelet stops: what happens?",
    back: "Containers keep running; the node shows NotReady (Unknown) after node-monitor-grace-period: 40 s before 1.32, 50 s since.",
    demo: { lessonId: "lesson-3-node-components", stepId: "no-kubelet" },
  },
  {
    id: "fc-image-gc",
    front: "Image GC thresholds?",
    back: "Above 85% image-filesystem use the kubelet removes unused images down to 80%, checked every 5 minutes.",
    demo: { lessonId: "lesson-7-automatic-manual", stepId: "gc" },
  },
  {
    id: "fc-logs",
    front: "Where do container logs live on the node?",
    back: "/var/log/pods/<ns>_<pod>_<uid>/<container>/<restart>.log, written by the runtime; symlinks in /var/log/containers.",
    demo: { lessonId: "lesson-9-flows", stepId: "logs" },
  },
  {
    id: "fc-crictl",
    front: "crictl talks to…?",
    back: "The runtime's CRI socket (/etc/crictl.yaml), not the API server.",
    demo: { lessonId: "lesson-11-troubleshooting", stepId: "runtime-view" },
  },
];
