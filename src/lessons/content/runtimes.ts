// Lessons on runtime flavours (seed §2: containerd, CRI-O, Docker/dockershim, Mirantis via
// cri-dockerd) and sandboxed runtimes (gVisor, Kata as RuntimeClass handlers), plus the lab of a
// Docker node whose kubelet went to 1.24 and lost its dockershim.
import { all, fileContains, fileLacks, nodeReady, podRunningReady, podStatus, traceHas } from "../checks";
import type { Check, Lesson } from "../types";

const RUNTIMECLASS_RUNSC = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
`;
const SANDBOXED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: sandboxed
spec:
  runtimeClassName: gvisor
  containers:
  - name: web
    image: nginx:1.27
`;
// Kubernetes docs' pod-overhead example: the VM's own memory and CPU, added to the pod's requests
const RUNTIMECLASS_KATA = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: kata
handler: kata
overhead:
  podFixed:
    memory: 120Mi
    cpu: 250m
`;
const VM_POD = `apiVersion: v1
kind: Pod
metadata:
  name: vm
spec:
  runtimeClassName: kata
  containers:
  - name: web
    image: nginx:1.27
`;

const FLAGS = "/var/lib/kubelet/kubeadm-flags.env";
const TOML = "/etc/containerd/config.toml";

/** The node runs this runtime flavour (after `sim runtime …`). */
function flavourIs(name: string): Check {
  return (v) => {
    const f = v.sim.flavour;
    return f === name
      ? { ok: true }
      : { ok: false, why: `the node runs ${f}; switch with sim runtime ${name}` };
  };
}

function unitIs(unit: string, state: string): Check {
  return (v) => {
    const s = v.sim.node.units[unit]?.state ?? "not installed";
    return s === state ? { ok: true } : { ok: false, why: `${unit} is ${s}, expected ${state}` };
  };
}

function eventSeen(reason: string, text: string): Check {
  return (v) =>
    v.events(reason).some((e) => e.message.includes(text))
      ? { ok: true }
      : { ok: false, why: `no ${reason} event mentioning ${text} yet` };
}

function overheadSet(pod: string): Check {
  return (v) =>
    v.pod(pod)?.spec?.overhead
      ? { ok: true }
      : {
          ok: false,
          why: `pod ${pod} has no spec.overhead (the RuntimeClass's podFixed is copied at admission)`,
        };
}

const RUN_WEB = ["kubectl run web --image=nginx:1.27", "sim advance 30s"];

export const lessonFlavours: Lesson = {
  id: "lesson-2-flavours",
  title: "containerd vs CRI-O vs Docker: the same pod, three paths",
  section: 2,
  kind: "lesson",
  intro: `Every runtime below serves the same CRI, so the kubelet's calls are identical — what differs
is what happens *behind* the socket. \`sim runtime <name>\` rebuilds the node with another runtime
(the seed stays, time goes on). Run the same pod on each and compare \`sim trace\`, \`ps -ef\`,
\`crictl version\` and the runtime's journal.

| runtime | CRI socket | per-container helper | hops after the CRI |
|---|---|---|---|
| containerd | /run/containerd/containerd.sock | one containerd-shim-runc-v2 **per pod** | containerd → shim |
| CRI-O | /var/run/crio/crio.sock | one **conmon per container** | crio → conmon → crun |
| Docker ≤1.23 | dockershim **inside the kubelet** | a shim per container (namespace moby) | dockershim → dockerd → containerd → shim |
| Docker + cri-dockerd | /var/run/cri-dockerd.sock | a shim per container | cri-dockerd → dockerd → containerd → shim |`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "crio",
      text: "Switch to **CRI-O** and run the pod. `crictl version` now says `RuntimeName:  cri-o`; `journalctl -u crio` shows `Ran pod sandbox … with infra container: default/web/POD`; `ps -ef | grep conmon` shows a conmon for the pause container and one for nginx.",
      hint: "sim runtime crio; kubectl run web --image=nginx:1.27; sim advance 30s",
      check: all(
        flavourIs("crio"),
        podRunningReady("web"),
        traceHas({ from: "conmon" }, "no hop from conmon yet"),
      ),
      showMe: ["sim runtime crio", ...RUN_WEB, "crictl version", "ps -ef | grep conmon"],
      predict: {
        question: "On CRI-O, which process holds each container's stdio and exit code?",
        choices: ["containerd-shim-runc-v2", "conmon", "dockerd", "the kubelet"],
        answer: 1,
        explanation:
          "CRI-O forks one conmon per container (the pause container included); conmon runs crun/runc, keeps the log file open and writes the exit code when the container ends.",
      },
    },
    {
      id: "docker",
      text: "Now **Docker with dockershim** (Kubernetes 1.23). The kubelet's CRI server is *inside the kubelet*: each call becomes a Docker Engine API request (`dockershim → dockerd`), and dockerd drives containerd (`dockerd → containerd`). `docker ps` shows `k8s_POD_web_…` and `k8s_web_web_…`.",
      hint: "sim runtime docker; kubectl run web --image=nginx:1.27; sim advance 30s; docker ps",
      check: all(
        flavourIs("docker"),
        podRunningReady("web"),
        traceHas({ from: "dockershim", to: "dockerd" }, "no dockershim → dockerd hop yet"),
        traceHas({ from: "dockerd", to: "containerd" }, "no dockerd → containerd hop yet"),
      ),
      showMe: ["sim runtime docker", ...RUN_WEB, "docker ps", "sim trace --last 300 | grep runtime"],
      predict: {
        question: "With dockershim, how many hops does StartContainer take after the kubelet?",
        choices: [
          "one: containerd",
          "two: dockershim → dockerd",
          "three: dockershim → dockerd → containerd",
          "none",
        ],
        answer: 2,
        explanation:
          "dockershim (in the kubelet) calls dockerd's HTTP API, and dockerd calls containerd, which starts the shim: one more hop than containerd's CRI plugin — the reason dockershim was removed in 1.24.",
      },
    },
    {
      id: "cri-dockerd",
      text: "Docker Engine after 1.24 (this is how **Mirantis Container Runtime** is used): **cri-dockerd** is dockershim moved out of the kubelet into its own daemon (`cri-docker.service`, unix:///var/run/cri-dockerd.sock).",
      hint: "sim runtime cri-dockerd; kubectl run web --image=nginx:1.27; sim advance 30s",
      check: all(
        flavourIs("cri-dockerd"),
        podRunningReady("web"),
        traceHas({ from: "cri-dockerd", to: "dockerd" }, "no cri-dockerd → dockerd hop yet"),
      ),
      showMe: ["sim runtime cri-dockerd", ...RUN_WEB, "systemctl status cri-docker --no-pager"],
    },
  ],
  outro: `Same CRI calls, different machinery: containerd's CRI plugin is in-process, CRI-O is built
only for the CRI, and Docker needs an adapter (dockershim, then cri-dockerd) plus dockerd. On a real
node the timings differ by tens of milliseconds per call, not seconds; the simulator adds a small
documented overhead per hop.`,
};

export const lessonSandboxed: Lesson = {
  id: "lesson-10-sandboxed-runtimes",
  title: "Sandboxed runtimes: gVisor and Kata",
  section: 10,
  kind: "lesson",
  intro: `A **RuntimeClass** names a *handler*; the kubelet passes it in RunPodSandbox and containerd
looks it up under \`[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.<handler>]\` in
${TOML}. **gVisor** (\`runsc\`) runs the pod on a user-space kernel (the Sentry); **Kata** runs
it in a small VM with its own kernel. Both are commented out in this node's config.`,
  setup: { seed: 1, commands: [] },
  steps: [
    {
      id: "missing",
      text: 'Create the RuntimeClass `gvisor` (handler `runsc`) and a pod that uses it. containerd has no `runsc` runtime yet: the pod stays ContainerCreating with `FailedCreatePodSandBox … no runtime for "runsc" is configured`.',
      hint: "kubectl apply the RuntimeClass and the pod, sim advance 10s, kubectl describe pod sandboxed",
      check: all(
        podStatus("sandboxed", "ContainerCreating"),
        eventSeen("FailedCreatePodSandBox", 'no runtime for "runsc"'),
      ),
      showMe: [
        `kubectl apply -f - <<'EOF'\n${RUNTIMECLASS_RUNSC}EOF`,
        `kubectl apply -f - <<'EOF'\n${SANDBOXED_POD}EOF`,
        "sim advance 10s",
        "kubectl describe pod sandboxed | tail -3",
      ],
    },
    {
      id: "runsc",
      text: `Uncomment the \`runsc\` table in ${TOML} and restart containerd. The kubelet retries, the sandbox starts (a few hundred ms slower: gVisor boots its Sentry and Gofer). Inside, \`uname -r\` says **4.4.0** and \`dmesg\` prints gVisor's "Starting gVisor..." lines; on the host \`ps -ef\` shows \`runsc-sandbox\` and \`runsc-gofer\`, not nginx.`,
      hint: `sed -i '/runsc/s/# //' ${TOML}; systemctl restart containerd; sim advance 30s`,
      check: all(
        fileContains(
          TOML,
          /^\s*\[plugins\.'io\.containerd\.cri\.v1\.runtime'\.containerd\.runtimes\.runsc\]/m,
        ),
        podRunningReady("sandboxed"),
        traceHas({ to: "gvisor" }, "no sandbox started under gVisor yet"),
      ),
      showMe: [
        `sed -i '/runsc/s/# //' ${TOML}`,
        "systemctl restart containerd",
        "sim advance 30s",
        "kubectl exec sandboxed -- uname -r",
        "kubectl exec sandboxed -- dmesg",
        "crictl pods --name sandboxed",
      ],
      predict: {
        question: "What does `uname -r` print inside the gVisor pod?",
        choices: ["the host's kernel release", "4.4.0", "a Kata guest kernel", "nothing: uname is blocked"],
        answer: 1,
        explanation:
          "The app's system calls go to gVisor's Sentry, not the host kernel; the Sentry reports Linux 4.4.0 whatever the host runs.",
      },
    },
    {
      id: "kata",
      text: "Now Kata: enable the `kata` table, restart containerd, create the `kata` RuntimeClass (with a pod **overhead**) and the pod `vm`. Its sandbox takes seconds (a VM boots); `ps -ef` shows `qemu-system-x86_64` and `containerd-shim-kata-v2`; `kubectl get pod vm -o yaml` shows `spec.overhead` copied from the RuntimeClass.",
      hint: `sed -i '/kata/s/# //' ${TOML}; systemctl restart containerd; kubectl apply the RuntimeClass kata and the pod vm; sim advance 30s`,
      check: all(
        podRunningReady("vm"),
        overheadSet("vm"),
        traceHas({ to: "kata" }, "no sandbox booted under Kata yet"),
      ),
      showMe: [
        `sed -i '/kata/s/# //' ${TOML}`,
        "systemctl restart containerd",
        `kubectl apply -f - <<'EOF'\n${RUNTIMECLASS_KATA}EOF`,
        `kubectl apply -f - <<'EOF'\n${VM_POD}EOF`,
        "sim advance 30s",
        "kubectl exec vm -- uname -r",
        "ps -ef | grep qemu",
      ],
    },
  ],
  outro: `gVisor trades syscall speed for a smaller host attack surface; Kata trades boot time and memory
(the pod overhead the scheduler accounts for) for a hardware-virtualisation boundary. On a real node you
install runsc / kata-containers and their shims first; here they are assumed installed.`,
};

export const labDockershim124: Lesson = {
  id: "lab-dockershim-1-24",
  title: "Lab: the kubelet still points at dockershim after the 1.24 upgrade",
  section: 2,
  kind: "lab",
  intro:
    "This Docker node ran Kubernetes 1.23 with dockershim. It was upgraded to kubelet v1.24.17 and went NotReady. Pods still run in Docker, but the kubelet keeps exiting.",
  setup: {
    seed: 1,
    commands: ["sim runtime docker", ...RUN_WEB, "sim upgrade v1.24.17"],
    settleMs: 60_000,
  },
  steps: [
    {
      id: "diagnose",
      text: "Find why the kubelet exits: `journalctl -u kubelet -n 5` and `cat /var/lib/kubelet/kubeadm-flags.env`.",
      hint: "journalctl -u kubelet -n 5 --no-pager",
      check: all(unitIs("kubelet", "failed"), fileContains(FLAGS, "dockershim.sock")),
      showMe: ["journalctl -u kubelet -n 5 --no-pager", `cat ${FLAGS}`],
      predict: {
        question: "Why does kubelet v1.24 fail here?",
        choices: [
          "dockerd is down",
          "dockershim was removed from the kubelet in 1.24: nothing serves unix:///var/run/dockershim.sock",
          "the pause image is missing",
          "the API server rejects the node",
        ],
        answer: 1,
        explanation:
          "The kubelet dials its --container-runtime-endpoint; in ≤1.23 the kubelet itself served dockershim.sock, in 1.24 that code is gone: connect: no such file or directory.",
      },
    },
    {
      id: "fix",
      text: "Keep Docker Engine: start **cri-dockerd** (installed, not enabled), point the kubelet at `unix:///var/run/cri-dockerd.sock`, restart it. (Or move to containerd's CRI: remove `disabled_plugins = [\"cri\"]` from Docker's containerd config.)",
      hint: `systemctl enable --now cri-docker; sed -i 's#unix:///var/run/dockershim.sock#unix:///var/run/cri-dockerd.sock#' ${FLAGS}; systemctl restart kubelet; sim advance 30s`,
      check: all(
        fileLacks(FLAGS, "dockershim.sock"),
        unitIs("kubelet", "active"),
        nodeReady(true),
        podRunningReady("web"),
      ),
      showMe: [
        "systemctl enable --now cri-docker",
        `sed -i 's#unix:///var/run/dockershim.sock#unix:///var/run/cri-dockerd.sock#' ${FLAGS}`,
        "systemctl restart kubelet",
        "sim advance 30s",
        "kubectl get nodes",
      ],
    },
  ],
  wrongFix: ["systemctl restart docker", "systemctl restart kubelet", "sim advance 30s"],
  outro: `cri-dockerd is dockershim moved out of tree: same container names (k8s_…), same Docker
Engine underneath, so the running containers are found again. Mirantis Container Runtime is used
exactly this way.`,
};
