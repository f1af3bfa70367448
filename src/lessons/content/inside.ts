// Lessons for seed sections 6–10: the layers down to the kernel, automatic vs manual tasks, the
// configuration files, the communication flows, and security.
import {
  all,
  criOk,
  fileContains,
  imageFsBelow,
  imagePresent,
  lastTerminated,
  podRunningReady,
  traceHas,
  unitState,
} from "../checks";
import type { Lesson } from "../types";
import { applyYaml, stressPod } from "./yaml";

const TOML = "/etc/containerd/config.toml";

export const lessonLayers: Lesson = {
  id: "lesson-6-layers",
  title: "Down the layers: kubelet, CRI, runtime, kernel",
  section: 6,
  kind: "lesson",
  intro: `Kubelet (top) → CRI gRPC (middle) → containerd and its shim/runc (bottom) → the Linux
kernel (base): **namespaces** isolate, **cgroups** limit. In the trace, the kernel hops are the
\`shim -> kernel\` lines.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "cgroup",
      text: "Run a pod with a 128Mi memory limit and find the kernel hops: the namespaces created for the sandbox and the container, and the cgroup with `memory.max`.",
      hint: "apply the pod, sim advance 10s, sim trace --last 60 | grep kernel",
      check: all(
        criOk("StartContainer", "limited"),
        traceHas(
          { kind: "kernel", summary: "memory.max=134217728" },
          "no cgroup with memory.max=134217728 yet",
        ),
        traceHas({ kind: "kernel", summary: "namespaces" }, "no namespaces created yet"),
      ),
      showMe: [
        applyYaml(`apiVersion: v1
kind: Pod
metadata:
  name: limited
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits:
        memory: 128Mi
`),
        "sim advance 10s",
        "sim trace --last 60 | grep kernel",
      ],
    },
    {
      id: "oom",
      text: "Run a container that wants 150M under a 100Mi limit and watch who stops it.",
      hint: "apply the stress pod; sim advance 20s; kubectl describe pod hungry",
      check: all(
        traceHas({ kind: "kernel", summary: "OOM kill" }, "no OOM kill in the trace yet"),
        lastTerminated("hungry", "OOMKilled"),
      ),
      showMe: [applyYaml(stressPod("hungry", "150M", "100Mi")), "sim advance 20s", "kubectl get pods"],
      predict: {
        question: "The process allocates 150M under a 100Mi limit. Which layer stops it?",
        choices: ["The kubelet", "The CRI", "containerd", "The kernel: the cgroup's OOM killer"],
        answer: 3,
        explanation:
          "The limit is written to the container's cgroup (memory.max); the kernel kills the process when the cgroup exceeds it. containerd sees the OOM event and reports reason OOMKilled, exit code 137; the kubelet restarts it per restartPolicy.",
      },
    },
  ],
};

export const lessonAutomaticManual: Lesson = {
  id: "lesson-7-automatic-manual",
  title: "Automatic vs manual: pulls, GC, cleanup by hand",
  section: 7,
  kind: "lesson",
  intro: `Pulling images, creating/starting/stopping containers, collecting logs and setting up
networking happen automatically. Image cleanup is automatic too (the kubelet's image GC above 85%
disk use) — and you can prune by hand. Installing the runtime is the one manual task (apt/dnf,
then \`systemctl enable --now containerd\`); the node here comes with containerd installed.`,
  setup: { seed: 1, commands: ["crictl pull busybox:1.36", "crictl pull alpine:3.21"] },
  steps: [
    {
      id: "auto-pull",
      text: "Run an httpd pod. You never pulled httpd: the kubelet does (`PullImage` in the trace).",
      hint: "kubectl run site --image=httpd:2.4; sim advance 15s",
      check: all(criOk("PullImage", "site"), podRunningReady("site")),
      showMe: ["kubectl run site --image=httpd:2.4", "sim advance 15s", "crictl images"],
    },
    {
      id: "prune",
      text: "Clean up by hand: `crictl rmi --prune` removes every image no container uses.",
      hint: "crictl rmi --prune; crictl images",
      check: all(
        imagePresent("busybox:1.36", false),
        imagePresent("alpine:3.21", false),
        imagePresent("httpd:2.4", true),
      ),
      showMe: ["crictl rmi --prune", "crictl images"],
    },
    {
      id: "gc",
      text: "Fill the disk to 90% and let the kubelet's image GC (every 5 min, above 85%) free it down to 80%.",
      hint: "sim fault fill-disk 90; sim advance 5m; journalctl -u kubelet | grep image_gc",
      check: all(criOk("RemoveImage"), imageFsBelow(85)),
      showMe: ["sim fault fill-disk 90", "sim advance 5m", "journalctl -u kubelet -n 5"],
    },
  ],
  outro:
    "Image GC removes unused images oldest-used first, never ones in use or pinned (the pause image); `crictl rmi --prune` skips in-use and pinned images too.",
};

export const lessonConfig: Lesson = {
  id: "lesson-8-config",
  title: "Configuration files and restarts",
  section: 8,
  kind: "lesson",
  intro: `containerd reads \`${TOML}\` (CRI-O: /etc/crio/crio.conf) once, at start: edit, then
\`systemctl restart containerd\`. The kubelet's runtime endpoint lives in
/var/lib/kubelet/kubeadm-flags.env; crictl's in /etc/crictl.yaml.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "edit",
      text: `Change the pinned sandbox (pause) image in \`${TOML}\` to \`registry.k8s.io/pause:3.10.1\` and restart containerd.`,
      hint: `sed -i "s#pause:3.10'#pause:3.10.1'#" ${TOML}; systemctl restart containerd`,
      check: all(
        fileContains(TOML, "pause:3.10.1'"),
        unitState("containerd", "active"),
        traceHas({ kind: "daemon", summary: "containerd serving" }, "containerd has not been restarted yet"),
      ),
      showMe: [
        `sed -i "s#pause:3.10'#pause:3.10.1'#" ${TOML}`,
        "systemctl restart containerd",
        "sim advance 5s",
      ],
    },
    {
      id: "effect",
      text: "Run a new pod and watch which pause image containerd pulls for its sandbox.",
      hint: "kubectl run cfg --image=nginx:1.27; sim advance 10s; sim trace --last 80 | grep pause",
      check: all(
        traceHas({ kind: "pull", summary: "pause:3.10.1" }, "no pull of pause:3.10.1 yet"),
        podRunningReady("cfg"),
      ),
      showMe: ["kubectl run cfg --image=nginx:1.27", "sim advance 10s", "crictl images"],
      predict: {
        question:
          "The kubelet's flags still say --pod-infra-container-image=pause:3.10. Which pause image will the new sandbox use?",
        choices: [
          "pause:3.10 (the kubelet flag)",
          "pause:3.10.1 (containerd's config)",
          "No pause image at all",
        ],
        answer: 1,
        explanation:
          "The runtime picks the sandbox image from its own config. Since 1.27 the kubelet flag only tells image GC which image not to remove.",
      },
    },
  ],
};

export const lessonFlows: Lesson = {
  id: "lesson-9-flows",
  title: "Communication flows: CNI, logs, status",
  section: 9,
  kind: "lesson",
  intro: `Kubelet → CRI (lifecycle), CRI → runtime (pulls, starts), runtime → CNI (network),
runtime → logs (stdout/stderr to files), runtime → kubelet (status, by the kubelet asking).`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "cni",
      text: "Run a pod and find the `containerd -> cni` hop: the CNI ADD returns the pod's IP.",
      hint: "kubectl run net --image=nginx:1.27; sim advance 10s; kubectl get pod net -o wide",
      check: (v) => {
        const ip = v.pod("net")?.ip;
        if (!ip) return { ok: false, why: "pod net has no IP yet" };
        const add = v.trace({ kind: "cni", summary: `ADD net → ${ip}` });
        return { ok: add.length > 0, why: "no CNI ADD for net in the trace" };
      },
      showMe: ["kubectl run net --image=nginx:1.27", "sim advance 10s", "kubectl get pod net -o wide"],
      predict: {
        question: "Who gives the pod its IP address?",
        choices: ["The kubelet", "The API server", "The CNI plugin, called by containerd", "kube-proxy"],
        answer: 2,
        explanation:
          "During RunPodSandbox containerd creates the network namespace and calls the CNI plugin (ADD); the plugin (here bridge + host-local IPAM) returns the IP. The kubelet reads it with PodSandboxStatus.",
      },
    },
    {
      id: "logs",
      text: "Run a pod that prints a line. containerd writes stdout/stderr to `/var/log/pods/<ns>_<pod>_<uid>/<container>/0.log`; `kubectl logs` reads that file through the kubelet.",
      hint: "kubectl run talk --image=busybox:1.36 -- sh -c 'echo hello from talk; sleep 3600'; ls /var/log/pods",
      check: (v) => {
        const f = v.files("/var/log/pods/default_talk_").find((p) => p.endsWith("/talk/0.log"));
        return {
          ok: f !== undefined && (v.file(f) ?? "").includes("hello from talk"),
          why: "no 'hello from talk' in /var/log/pods/default_talk_*/talk/0.log yet",
        };
      },
      showMe: [
        "kubectl run talk --image=busybox:1.36 -- sh -c 'echo hello from talk; sleep 3600'",
        "sim advance 5s",
        "ls /var/log/pods",
        "kubectl logs talk",
      ],
    },
    {
      id: "status",
      text: "Make talk's process exit and watch the status travel back: PLEG relist → kubelet → API server.",
      hint: "sim fault crash-container talk 3; sim advance 5s; kubectl get pod talk",
      check: (v) => {
        const c = v.pod("talk")?.containers[0];
        const seen = c !== undefined && (c.restartCount >= 1 || c.state === "terminated");
        const patched = v.trace({ kind: "status", pod: "talk" }).length > 0;
        return { ok: seen && patched, why: "talk has not exited and been reported yet" };
      },
      showMe: ["sim fault crash-container talk 3", "sim advance 5s", "kubectl get pod talk"],
      predict: {
        question: "The container's process exits. How does the kubelet find out?",
        choices: [
          "containerd calls a kubelet webhook",
          "The kubelet relists (ListContainers every second, PLEG) and asks ContainerStatus",
          "The API server notices",
          "The scheduler polls the node",
        ],
        answer: 1,
        explanation:
          "Generic PLEG relists every 1s and compares; changes trigger a pod sync with ContainerStatus. (Evented PLEG, beta and off by default, streams GetContainerEvents instead.)",
      },
    },
  ],
};

// Section 10 lives in security.ts (enforcement seen from inside the container, and its lab).
export { lessonSecurity } from "./security";
