// Lessons for seed sections 11–15: troubleshooting at two levels, real-world uses, the key facts,
// a "what happens when…" drill, and the one-liners (kubelet = brain, runtime = hands).
import {
  all,
  lastTerminated,
  nodeReady,
  not,
  podExists,
  podRunningReady,
  podStatus,
  runtimeContainer,
  traceHas,
  unitState,
} from "../checks";
import type { Lesson } from "../types";
import { applyYaml, stressPod } from "./yaml";

export const lessonTroubleshooting: Lesson = {
  id: "lesson-11-troubleshooting",
  title: "Troubleshooting: the API view and the runtime view",
  section: 11,
  kind: "lesson",
  intro: `Normal workflow: \`kubectl get pods -A\`, \`kubectl describe\`, \`kubectl logs\`.
Runtime level: \`systemctl status containerd\`, \`journalctl -u containerd\`, \`crictl pods\`,
\`crictl ps -a\`, \`crictl logs <id>\`. A pod named *broken* is failing.`,
  setup: { seed: 1, commands: ["kubectl run broken --image=nginx:1.277", "sim advance 40s"] },
  steps: [
    {
      id: "runtime-view",
      text: "`broken` shows ImagePullBackOff. Look at it from both sides: `kubectl describe pod broken`, then `crictl pods` and `crictl ps -a`.",
      hint: "kubectl describe pod broken; crictl pods; crictl ps -a",
      check: (v) => {
        const sb = v.sandboxes().some((s) => s.name === "broken" && s.ready);
        const none = !v.containers().some((c) => c.pod === "broken");
        return { ok: sb && none, why: "expected a ready sandbox for broken and no container" };
      },
      showMe: ["kubectl describe pod broken", "crictl pods", "crictl ps -a"],
      predict: {
        question: "What does `crictl ps -a` show for broken's nginx container?",
        choices: [
          "A running container",
          "An exited container",
          "Nothing: the pull failed, so CreateContainer never ran (only the sandbox exists)",
          "A container in Unknown state",
        ],
        answer: 2,
        explanation:
          "The sandbox was created first and is Ready (crictl pods); the container needs its image, so no CreateContainer happened.",
      },
    },
    {
      id: "logs",
      text: `Where do container logs live? Start a pod that writes one: \`kubectl run talker --image=busybox:1.36 --command -- sh -c "echo hello from talker; sleep 3600"\`.
The runtime writes its output to \`/var/log/pods/<namespace>_<pod>_<uid>/<container>/0.log\` (CRI format:
time, stream, tag, line); the kubelet links it as \`/var/log/containers/<pod>_<namespace>_<container>-<id>.log\`,
the path log shippers tail. Compare \`ls -l /var/log/containers\`, \`tail /var/log/containers/talker_*\`,
\`crictl logs\` and \`kubectl logs talker\`.`,
      hint: 'kubectl run talker --image=busybox:1.36 --command -- sh -c "echo hello from talker; sleep 3600"; sim advance 20s; ls -l /var/log/containers',
      check: (v) => {
        const link = v
          .files("/var/log/containers/")
          .find((p) => p.startsWith("/var/log/containers/talker_default_talker-"));
        return {
          ok: link !== undefined && (v.file(link) ?? "").includes("stdout F hello from talker"),
          why: "expected /var/log/containers/talker_default_talker-<id>.log holding talker's line",
        };
      },
      showMe: [
        'kubectl run talker --image=busybox:1.36 --command -- sh -c "echo hello from talker; sleep 3600"',
        "sim advance 20s",
        "ls -l /var/log/containers",
        "tail /var/log/containers/talker_*",
        "kubectl logs talker",
      ],
    },
    {
      id: "runtime-down",
      text: "Stop containerd and wait a minute: `systemctl status containerd`, `kubectl get nodes`.",
      hint: "systemctl stop containerd; sim advance 60s; kubectl get nodes",
      check: all(unitState("containerd", "inactive"), nodeReady(false)),
      showMe: [
        "systemctl stop containerd",
        "sim advance 60s",
        "systemctl status containerd",
        "kubectl get nodes",
      ],
    },
    {
      id: "runtime-up",
      text: "Start it again and watch the node return to Ready.",
      hint: "systemctl start containerd; sim advance 20s",
      check: all(unitState("containerd", "active"), nodeReady(true)),
      showMe: ["systemctl start containerd", "sim advance 20s", "kubectl get nodes"],
    },
  ],
  outro: "The labs walk through each row of the seed's troubleshooting table with a broken node to fix.",
};

export const lessonUseCases: Lesson = {
  id: "lesson-12-use-cases",
  title: "Real-world uses: workloads, isolation, sandboxed runtimes",
  section: 12,
  kind: "lesson",
  intro: `The runtime runs the workloads, isolates their resources with cgroups, manages images, and
can hand pods to specialised runtimes (gVisor, Kata, GPU-enabled runtimes) chosen per pod with a
**RuntimeClass**.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "workloads",
      text: "Run three workloads: a web server, a cache and another web server.",
      hint: "kubectl run web --image=nginx:1.27; kubectl run cache --image=redis:7.4; kubectl run site --image=httpd:2.4",
      check: all(podRunningReady("web"), podRunningReady("cache"), podRunningReady("site")),
      showMe: [
        "kubectl run web --image=nginx:1.27",
        "kubectl run cache --image=redis:7.4",
        "kubectl run site --image=httpd:2.4",
        "sim advance 20s",
        "crictl ps",
      ],
    },
    {
      id: "isolation",
      text: "Give a pod a 256Mi memory limit and find its cgroup in the trace.",
      hint: "apply the capped pod; sim advance 10s; sim trace | grep memory.max",
      check: traceHas(
        { kind: "kernel", summary: "memory.max=268435456" },
        "no cgroup with memory.max=268435456",
      ),
      showMe: [
        applyYaml(`apiVersion: v1
kind: Pod
metadata:
  name: capped
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits:
        cpu: 500m
        memory: 256Mi
`),
        "sim advance 10s",
      ],
    },
    {
      id: "sandboxed",
      text: "Ask for gVisor with a RuntimeClass whose handler is `runsc`. This containerd has only `runc` configured.",
      hint: "apply the RuntimeClass and pod; sim advance 15s; kubectl describe pod sandboxed",
      check: all(
        traceHas({ kind: "cri.error", summary: "no runtime for" }, "no RunPodSandbox error yet"),
        podStatus("sandboxed", "ContainerCreating"),
      ),
      showMe: [
        applyYaml(`apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
---
apiVersion: v1
kind: Pod
metadata:
  name: sandboxed
spec:
  runtimeClassName: gvisor
  containers:
  - name: app
    image: nginx:1.27
`),
        "sim advance 15s",
        "kubectl describe pod sandboxed",
      ],
      predict: {
        question:
          "RuntimeClass gvisor (handler runsc) on a node whose containerd has no runsc runtime. What happens?",
        choices: [
          "It runs with runc instead",
          'It stays ContainerCreating: FailedCreatePodSandBox, no runtime for "runsc" is configured',
          "The API server rejects the pod",
          "It runs in a VM",
        ],
        answer: 1,
        explanation:
          "The handler is passed in RunPodSandbox; containerd looks it up under its runtimes config and fails. Installing gVisor means adding [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runsc] with runtime_type io.containerd.runsc.v1.",
      },
    },
  ],
};

export const lessonKeyFacts: Lesson = {
  id: "lesson-13-key-facts",
  title: "Key facts: no runtime, no pods",
  section: 13,
  kind: "lesson",
  intro: `The runtime is mandatory: without it the kubelet cannot start any pod. But it is not the
parent of running containers — each container's **shim** keeps it alive if containerd stops.`,
  setup: { seed: 1, commands: ["kubectl run keeper --image=nginx:1.27", "sim advance 15s"] },
  steps: [
    {
      id: "no-runtime",
      text: "Stop containerd and create a new pod.",
      hint: "systemctl stop containerd; kubectl run newbie --image=nginx:1.27; sim advance 30s",
      check: all(
        unitState("containerd", "inactive"),
        podExists("newbie"),
        not(podRunningReady("newbie"), "newbie runs"),
      ),
      showMe: [
        "systemctl stop containerd",
        "kubectl run newbie --image=nginx:1.27",
        "sim advance 30s",
        "kubectl get pods",
      ],
    },
    {
      id: "keeps-running",
      text: "Wait another 30 s. What about keeper's container?",
      hint: "sim advance 30s; kubectl get nodes; kubectl get pods",
      check: all(runtimeContainer("keeper", "keeper", "running"), nodeReady(false)),
      showMe: ["sim advance 30s", "kubectl get nodes", "kubectl get pods"],
      predict: {
        question: "containerd is stopped. What happens to keeper's running container?",
        choices: [
          "It is killed at once",
          "It keeps running: its shim owns the process; only management is lost",
          "The kubelet restarts it",
          "It is frozen until containerd returns",
        ],
        answer: 1,
        explanation:
          "containerd-shim-runc-v2 is the container's parent. The node goes NotReady (container runtime is down) and no new pod can start, but running containers keep serving.",
      },
    },
    {
      id: "back",
      text: "Start containerd: the kubelet retries and newbie starts.",
      hint: "systemctl start containerd; sim advance 30s",
      check: podRunningReady("newbie"),
      showMe: ["systemctl start containerd", "sim advance 30s", "kubectl get pods"],
    },
  ],
};

export const lessonDrill: Lesson = {
  id: "lesson-14-what-happens-when",
  title: "Interview drill: what happens when…",
  section: 14,
  kind: "lesson",
  intro: "Predict first, then watch. Each answer is checked against the node's state.",
  setup: { seed: 1, commands: ["kubectl run web --image=nginx:1.27", "sim advance 15s"] },
  steps: [
    {
      id: "runtime-stops",
      text: "…the container runtime stops?",
      hint: "systemctl stop containerd; sim advance 60s; kubectl get nodes,pods",
      check: all(nodeReady(false), runtimeContainer("web", "web", "running")),
      showMe: ["systemctl stop containerd", "sim advance 60s", "kubectl get nodes", "kubectl get pods"],
      predict: {
        question: "containerd stops. What happens?",
        choices: [
          "All pods on the node fail at once",
          "Running containers keep running; the node goes NotReady; nothing new can start or restart",
          "Nothing at all",
          "The kubelet starts containers itself",
        ],
        answer: 1,
        explanation:
          "The seed says 'pods fail'. Really: the kubelet's Status() calls fail, after 30s it reports 'container runtime is down' and the node turns NotReady. In a cluster with other Ready nodes the node controller then taints it not-ready:NoExecute and the pods are evicted after their 300s toleration; on this one-node cluster it enters 'master disruption mode' and evicts nothing.",
      },
    },
    {
      id: "restore",
      text: "Bring the runtime back.",
      hint: "systemctl start containerd; sim advance 20s",
      check: nodeReady(true),
      showMe: ["systemctl start containerd", "sim advance 20s"],
    },
    {
      id: "image-missing",
      text: "…an image cannot be pulled?",
      hint: "sim fault registry-down; kubectl run fresh --image=redis:7.4; sim advance 60s",
      check: podStatus("fresh", /ImagePullBackOff|ErrImagePull/),
      showMe: [
        "sim fault registry-down",
        "kubectl run fresh --image=redis:7.4",
        "sim advance 60s",
        "kubectl get pods",
      ],
      predict: {
        question: "The registry is unreachable and the image is not on the node. The pod shows…",
        choices: [
          "ErrImagePull, then ImagePullBackOff",
          "CrashLoopBackOff",
          "Pending (unschedulable)",
          "Running an older image",
        ],
        answer: 0,
        explanation:
          "PullImage fails (ErrImagePull); the kubelet retries with back-off 10s, 20s, … up to 5 min (ImagePullBackOff).",
      },
    },
    {
      id: "memory",
      text: "…a container runs out of memory?",
      hint: "sim fault registry-up; apply a stress pod over its limit; sim advance 20s",
      check: lastTerminated("oom", "OOMKilled"),
      showMe: [
        "sim fault registry-up",
        applyYaml(stressPod("oom", "150M", "100Mi")),
        "sim advance 20s",
        "kubectl get pods",
      ],
      predict: {
        question: "A container goes over its memory limit. Its last state reads…",
        choices: ["Evicted", "OOMKilled, exit code 137", "Error, exit code 1", "Completed"],
        answer: 1,
        explanation:
          "The kernel's cgroup OOM killer sends SIGKILL (128+9 = 137); containerd reports OOMKilled; repeated kills end in CrashLoopBackOff.",
      },
    },
  ],
};

export const lessonOneLiners: Lesson = {
  id: "lesson-15-one-liners",
  title: "One-liners: kubelet = brain, runtime = hands",
  section: 15,
  kind: "lesson",
  intro: "The runtime executes; the kubelet decides. Take the brain away and the hands stop reacting.",
  setup: { seed: 1, commands: ["kubectl run web --image=nginx:1.27", "sim advance 15s"] },
  steps: [
    {
      id: "brain",
      text: "Kill web's process. Who brings it back?",
      hint: "sim fault crash-container web 1; sim advance 15s; kubectl get pods",
      check: (v) => ({ ok: (v.pod("web")?.restarts ?? 0) >= 1, why: "web has not been restarted yet" }),
      showMe: ["sim fault crash-container web 1", "sim advance 15s", "kubectl get pods"],
      predict: {
        question: "web's process exits. Who decides to start it again?",
        choices: [
          "containerd",
          "The kubelet (restartPolicy: Always)",
          "The API server",
          "The container itself",
        ],
        answer: 1,
        explanation:
          "The kubelet sees the exit on relist, applies restartPolicy and back-off, then calls CreateContainer and StartContainer (attempt 1).",
      },
    },
    {
      id: "no-brain",
      text: "Stop the kubelet and kill the process again. The hands do not act alone.",
      hint: "systemctl stop kubelet; sim fault crash-container web 1; sim advance 30s; crictl ps -a",
      check: all(unitState("kubelet", "inactive"), runtimeContainer("web", "web", "exited")),
      showMe: [
        "systemctl stop kubelet",
        "sim fault crash-container web 1",
        "sim advance 30s",
        "crictl ps -a",
      ],
    },
    {
      id: "brain-back",
      text: "Start the kubelet: it reconciles and restarts web.",
      hint: "systemctl start kubelet; sim advance 30s",
      check: all(podRunningReady("web"), (v) => ({
        ok: (v.pod("web")?.restarts ?? 0) >= 2,
        why: "not restarted",
      })),
      showMe: ["systemctl start kubelet", "sim advance 30s", "kubectl get pods"],
    },
  ],
  outro:
    "In short: the container runtime is the execution engine — it pulls, starts, stops and reports; the kubelet decides.",
};
