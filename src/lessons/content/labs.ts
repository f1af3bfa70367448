// Troubleshooting labs: the node starts broken; the learner diagnoses (predict the cause) and fixes
// it with the terminal and the editor. The fix step checks the node's state, never the typed command.
import { all, imageFsBelow, nodeReady, podRunningReady, podStableFor, podStatus, unitState } from "../checks";
import type { Check, Lesson, LessonSetup, Predict } from "../types";
import { stressPod } from "./yaml";

interface LabSpec {
  id: string;
  title: string;
  section: number;
  intro: string;
  setup: LessonSetup;
  diagnose: { text: string; hint: string; showMe: string[]; broken: Check; predict: Predict };
  fix: { text: string; hint: string; showMe: string[]; check: Check };
  wrongFix: string[];
  outro?: string;
}

function lab(s: LabSpec): Lesson {
  return {
    id: s.id,
    title: s.title,
    section: s.section,
    kind: "lab",
    intro: s.intro,
    setup: s.setup,
    steps: [
      { id: "diagnose", ...s.diagnose, check: s.diagnose.broken },
      { id: "fix", ...s.fix },
    ],
    wrongFix: s.wrongFix,
    outro: s.outro,
  };
}

const FLAGS = "/var/lib/kubelet/kubeadm-flags.env";
const TOML = "/etc/containerd/config.toml";

const webYaml = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: ${image}
`;

export const labImageTypo = lab({
  id: "lab-image-typo",
  title: "Lab: ImagePullBackOff from a typo",
  section: 11,
  intro: "The pod in /root/web.yaml never starts. Find out why and fix the manifest.",
  setup: {
    seed: 1,
    files: { "/root/web.yaml": webYaml("nginx:1.277") },
    commands: ["kubectl apply -f /root/web.yaml", "sim advance 40s"],
  },
  diagnose: {
    text: "`kubectl get pods`, then `kubectl describe pod web`: read the Events.",
    hint: "kubectl describe pod web | tail",
    showMe: ["kubectl get pods", "kubectl describe pod web"],
    broken: podStatus("web", /ImagePullBackOff|ErrImagePull/),
    predict: {
      question: "Why does web not start?",
      choices: [
        "The registry is down",
        "The tag nginx:1.277 does not exist",
        "A pull secret is missing",
        "The disk is full",
      ],
      answer: 1,
      explanation:
        "The event says `docker.io/library/nginx:1.277: not found`: the registry answered, the tag is wrong. A private image without credentials would say 401 Unauthorized instead.",
    },
  },
  fix: {
    text: "Fix the tag in /root/web.yaml (1.27) and apply it. A pod's image may be changed in place.",
    hint: "sed -i 's/nginx:1.277/nginx:1.27/' /root/web.yaml; kubectl apply -f /root/web.yaml; sim advance 30s",
    showMe: [
      "sed -i 's/nginx:1.277/nginx:1.27/' /root/web.yaml",
      "kubectl apply -f /root/web.yaml",
      "sim advance 30s",
      "kubectl get pods",
    ],
    check: podRunningReady("web"),
  },
  wrongFix: [
    "sed -i 's/nginx:1.277/nginx:1.28/' /root/web.yaml",
    "kubectl apply -f /root/web.yaml",
    "sim advance 30s",
  ],
});

const appYaml = (pullSecret: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: registry.example.com/team/app:1.0
${pullSecret ? "  imagePullSecrets:\n  - name: regcred\n" : ""}`;

const REGCRED =
  "kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=developer --docker-password=s3cr3t";

export const labPrivateImage = lab({
  id: "lab-private-image",
  title: "Lab: A private image without an imagePullSecret",
  section: 11,
  intro:
    "The team's image lives in a private registry, registry.example.com (user `developer`, password `s3cr3t`). The pod in /root/app.yaml never starts. Find out why and fix it.",
  setup: {
    seed: 4,
    files: { "/root/app.yaml": appYaml(false) },
    commands: ["kubectl apply -f /root/app.yaml", "sim advance 40s"],
  },
  diagnose: {
    text: "`kubectl get pods`, then read the pull error in `kubectl describe pod app`.",
    hint: "kubectl describe pod app | grep Failed",
    showMe: ["kubectl get pods", "kubectl describe pod app"],
    broken: podStatus("app", /ImagePullBackOff|ErrImagePull/),
    predict: {
      question:
        "The event says `pull access denied, repository does not exist or may require authorization`. Why?",
      choices: [
        "The tag 1.0 does not exist",
        "The registry is down",
        "The registry wants credentials and the pod gives none",
        "containerd is stopped",
      ],
      answer: 2,
      explanation:
        "The registry answered (so it is up) and refused: it needs credentials. The kubelet passes the pod's imagePullSecrets to the runtime in PullImage's auth; this pod has none. A missing tag would say `not found`, a dead registry `connection refused`.",
    },
  },
  fix: {
    text: "Create a docker-registry Secret with the credentials and reference it from the pod's `imagePullSecrets`. A pod's imagePullSecrets cannot be changed in place: delete the pod and apply it again.",
    hint: `${REGCRED}; then add imagePullSecrets: [{name: regcred}] to /root/app.yaml, kubectl delete pod app, kubectl apply -f /root/app.yaml`,
    showMe: [
      REGCRED,
      "kubectl delete pod app",
      `cat > /root/app.yaml <<'EOF'\n${appYaml(true)}EOF`,
      "kubectl apply -f /root/app.yaml",
      "sim advance 30s",
      "kubectl get pods",
    ],
    check: podRunningReady("app"),
  },
  // The Secret alone does nothing: the pod must name it.
  wrongFix: [REGCRED, "kubectl delete pod app", "kubectl apply -f /root/app.yaml", "sim advance 30s"],
  outro:
    "On a real node the kubelet can also get credentials from a credential provider plugin or from the ServiceAccount's imagePullSecrets; `crictl pull --creds user:pass` tests them by hand.",
});

export const labCrashCommand = lab({
  id: "lab-crash-command",
  title: "Lab: CrashLoopBackOff — read the logs",
  section: 11,
  intro: "The app in /root/app.yaml keeps restarting.",
  setup: {
    seed: 1,
    files: {
      "/root/app.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting app; sleep infinty"]
`,
    },
    commands: ["kubectl apply -f /root/app.yaml", "sim advance 60s"],
  },
  diagnose: {
    text: "`kubectl get pods` shows the restarts. `kubectl logs app --previous` shows what the last run printed.",
    hint: "kubectl logs app --previous",
    showMe: ["kubectl get pods", "kubectl logs app --previous"],
    broken: podStatus("app", /CrashLoopBackOff|Error/),
    predict: {
      question: "What makes app crash?",
      choices: [
        "The image is missing",
        "Its command fails: sleep gets an invalid number",
        "It runs out of memory",
        "A liveness probe kills it",
      ],
      answer: 1,
      explanation:
        "The log says `sleep: invalid number 'infinty'`: the process exits 1, the kubelet restarts it with growing back-off (10s, 20s, 40s… 5m).",
    },
  },
  fix: {
    text: "Fix the command in /root/app.yaml. A pod's command cannot be changed in place: delete the pod and apply again.",
    hint: "sed -i 's/infinty/infinity/' /root/app.yaml; kubectl delete pod app; kubectl apply -f /root/app.yaml",
    showMe: [
      "sed -i 's/infinty/infinity/' /root/app.yaml",
      "kubectl delete pod app",
      "kubectl apply -f /root/app.yaml",
      "sim advance 20s",
      "kubectl get pods",
    ],
    check: all(podRunningReady("app"), podStableFor("app", 15)),
  },
  wrongFix: ["kubectl delete pod app", "kubectl apply -f /root/app.yaml", "sim advance 20s"],
});

export const labOomKilled = lab({
  id: "lab-oomkilled",
  title: "Lab: OOMKilled — raise the limit",
  section: 10,
  intro: "The worker in /root/mem.yaml needs about 150M of memory.",
  setup: {
    seed: 1,
    files: { "/root/mem.yaml": stressPod("mem", "150M", "100Mi", "50Mi") },
    commands: ["kubectl apply -f /root/mem.yaml", "sim advance 60s"],
  },
  diagnose: {
    text: "`kubectl describe pod mem`: look at Last State.",
    hint: "kubectl describe pod mem",
    showMe: ["kubectl get pods", "kubectl describe pod mem"],
    broken: podStatus("mem", /CrashLoopBackOff|OOMKilled/),
    predict: {
      question: "Last State: Terminated, Reason OOMKilled, Exit Code 137. What is wrong?",
      choices: [
        "The memory request is too low",
        "The memory limit is lower than what the process uses",
        "The node is out of memory",
        "The image is broken",
      ],
      answer: 1,
      explanation:
        "The limit (100Mi) is the cgroup's memory.max; the request only guides scheduling. Raise the limit above the process's use (or make it use less).",
    },
  },
  fix: {
    text: "Raise the memory limit to 200Mi in /root/mem.yaml, then recreate the pod (resources are immutable on a pod).",
    hint: "sed -i 's/memory: 100Mi/memory: 200Mi/' /root/mem.yaml; kubectl delete pod mem; kubectl apply -f /root/mem.yaml",
    showMe: [
      "sed -i 's/memory: 100Mi/memory: 200Mi/' /root/mem.yaml",
      "kubectl delete pod mem",
      "kubectl apply -f /root/mem.yaml",
      "sim advance 30s",
      "kubectl get pods",
    ],
    check: all(podRunningReady("mem"), podStableFor("mem", 20)),
  },
  wrongFix: [
    "sed -i 's/memory: 50Mi/memory: 100Mi/' /root/mem.yaml",
    "kubectl delete pod mem",
    "kubectl apply -f /root/mem.yaml",
    "sim advance 30s",
  ],
});

export const labKubeletEndpoint = lab({
  id: "lab-kubelet-endpoint",
  title: "Lab: the kubelet cannot reach the runtime",
  section: 11,
  intro: "Someone 'migrated' this node to CRI-O. The node is NotReady.",
  setup: {
    seed: 1,
    commands: [
      `sed -i 's#unix:///run/containerd/containerd.sock#unix:///var/run/crio/crio.sock#' ${FLAGS}`,
      "systemctl restart kubelet",
      "sim advance 60s",
    ],
  },
  diagnose: {
    text: "`systemctl status kubelet`, `journalctl -u kubelet -n 20`, then `cat " + FLAGS + "`.",
    hint: "journalctl -u kubelet -n 20",
    showMe: ["kubectl get nodes", "systemctl status kubelet", "journalctl -u kubelet -n 5", `cat ${FLAGS}`],
    broken: all(nodeReady(false), unitState("kubelet", "failed")),
    predict: {
      question:
        "The kubelet exits with `dial unix /var/run/crio/crio.sock: connect: no such file or directory`. Why?",
      choices: [
        "containerd is stopped",
        "--container-runtime-endpoint points at a socket no runtime serves",
        "The API server is down",
        "crictl.yaml is wrong",
      ],
      answer: 1,
      explanation:
        "containerd serves unix:///run/containerd/containerd.sock; the kubelet's flag names CRI-O's socket. /etc/crictl.yaml only configures crictl.",
    },
  },
  fix: {
    text: `Point --container-runtime-endpoint back at containerd in ${FLAGS} and restart the kubelet.`,
    hint: `sed -i 's#unix:///var/run/crio/crio.sock#unix:///run/containerd/containerd.sock#' ${FLAGS}; systemctl restart kubelet`,
    showMe: [
      `sed -i 's#unix:///var/run/crio/crio.sock#unix:///run/containerd/containerd.sock#' ${FLAGS}`,
      "systemctl restart kubelet",
      "sim advance 20s",
      "kubectl get nodes",
    ],
    check: all(unitState("kubelet", "active"), nodeReady(true)),
  },
  wrongFix: ["systemctl restart kubelet", "sim advance 20s"],
});

export const labContainerdStopped = lab({
  id: "lab-containerd-stopped",
  title: "Lab: the runtime is stopped",
  section: 11,
  intro: "The node went NotReady a minute ago. The web pod still answers. Why?",
  setup: {
    seed: 1,
    commands: ["kubectl run web --image=nginx:1.27", "sim advance 15s"],
    faults: [{ fault: "stopContainerd" }],
    settleMs: 60_000,
  },
  diagnose: {
    text: "`kubectl describe node node-1 | grep Ready`, `systemctl status containerd`, `crictl ps`.",
    hint: "systemctl status containerd",
    showMe: ["kubectl get nodes", "kubectl describe node node-1", "systemctl status containerd", "crictl ps"],
    broken: all(nodeReady(false), unitState("containerd", "inactive")),
    predict: {
      question: "The Ready condition says `container runtime is down`. What is the fix?",
      choices: [
        "systemctl restart kubelet",
        "systemctl start containerd",
        "kubectl delete pod web",
        "Reboot the API server",
      ],
      answer: 1,
      explanation:
        "containerd is inactive (stopped by hand, so systemd's Restart=always did not bring it back). Running containers survived thanks to their shims.",
    },
  },
  fix: {
    text: "Start the runtime.",
    hint: "systemctl start containerd; sim advance 20s",
    showMe: ["systemctl start containerd", "sim advance 20s", "kubectl get nodes"],
    check: all(unitState("containerd", "active"), nodeReady(true)),
  },
  wrongFix: ["systemctl restart kubelet", "sim advance 20s"],
});

export const labConfigToml = lab({
  id: "lab-config-toml",
  title: "Lab: containerd will not start",
  section: 8,
  intro: "After an edit of /etc/containerd/config.toml, containerd keeps failing.",
  setup: {
    seed: 1,
    commands: [
      `sed -i 's/SystemdCgroup = true/SystemdCgroup = ture/' ${TOML}`,
      "systemctl restart containerd",
      "sim advance 60s",
    ],
  },
  diagnose: {
    text: "`systemctl status containerd` and `journalctl -u containerd -n 10` name the row and column.",
    hint: "journalctl -u containerd -n 10",
    showMe: [
      "systemctl status containerd",
      "journalctl -u containerd -n 10",
      `grep -n SystemdCgroup ${TOML}`,
    ],
    broken: unitState("containerd", "failed"),
    predict: {
      question: "`failed to unmarshal TOML … toml: invalid value`. What is wrong?",
      choices: [
        "The socket path",
        "A value in config.toml is not valid TOML (ture)",
        "The kubelet flags",
        "The CNI config",
      ],
      answer: 1,
      explanation:
        "TOML booleans are true/false; `ture` is not a value. containerd refuses to start with an unparsable config.",
    },
  },
  fix: {
    text: "Fix the value and restart containerd.",
    hint: `sed -i 's/= ture/= true/' ${TOML}; systemctl restart containerd`,
    showMe: [
      `sed -i 's/= ture/= true/' ${TOML}`,
      "systemctl restart containerd",
      "sim advance 20s",
      "systemctl status containerd",
    ],
    check: all(unitState("containerd", "active"), nodeReady(true)),
  },
  wrongFix: ["systemctl restart containerd", "sim advance 20s"],
  outro:
    "Keep SystemdCgroup in step with the kubelet's cgroupDriver (systemd here, as kubeadm sets it; `containerd config default` writes false, a classic cause of unstable nodes).",
});

export const labDiskFull = lab({
  id: "lab-disk-full",
  title: "Lab: the image filesystem is full of old images",
  section: 11,
  intro: "The image filesystem is 92% full of images nobody uses.",
  setup: {
    seed: 1,
    commands: ["kubectl run web --image=nginx:1.27", "sim advance 10s"],
    faults: [{ fault: "fillDisk", percent: 92 }],
  },
  diagnose: {
    text: "`crictl images` lists them; `crictl ps` shows which are in use.",
    hint: "crictl images; crictl ps",
    showMe: ["crictl images", "crictl ps"],
    broken: (v) => ({ ok: v.imageFsPercent() >= 85, why: "the disk is not full" }),
    predict: {
      question: "What frees space without touching running workloads?",
      choices: [
        "crictl rmi -a",
        "crictl rmi --prune (or wait for the kubelet's image GC)",
        "systemctl restart containerd",
        "kubectl delete pod web",
      ],
      answer: 1,
      explanation:
        "--prune removes images no container uses; the kubelet's image GC (every 5 min above 85%) frees down to 80%. `rmi -a` also tries images in use.",
    },
  },
  fix: {
    text: "Bring the image filesystem under 80%.",
    hint: "crictl rmi --prune",
    showMe: ["crictl rmi --prune", "crictl images"],
    check: all(imageFsBelow(80), podRunningReady("web")),
  },
  wrongFix: ["crictl rmi docker.io/library/busybox:latest"],
});

export const labLivenessProbe = lab({
  id: "lab-liveness-probe",
  title: "Lab: a failing liveness probe",
  section: 11,
  intro: "The pod in /root/live.yaml runs, but keeps being restarted.",
  setup: {
    seed: 1,
    files: {
      "/root/live.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
      periodSeconds: 5
      failureThreshold: 3
`,
    },
    commands: ["kubectl apply -f /root/live.yaml", "sim advance 60s"],
  },
  diagnose: {
    text: "`kubectl describe pod live`: read the Unhealthy and Killing events.",
    hint: "kubectl describe pod live | tail",
    showMe: ["kubectl get pods", "kubectl describe pod live"],
    broken: (v) => ({ ok: (v.pod("live")?.restarts ?? 0) >= 1, why: "live has not restarted" }),
    predict: {
      question: "`Liveness probe failed: HTTP probe failed with statuscode: 404`. What should change?",
      choices: [
        "failureThreshold",
        "The probe's path: nginx serves /, not /healthz",
        "The image",
        "The memory limit",
      ],
      answer: 1,
      explanation:
        "404 means the probe reached nginx but asked for a page that does not exist. A higher threshold only delays each kill.",
    },
  },
  fix: {
    text: "Point the probe at `/`, recreate the pod, and keep it up 2 minutes without a restart.",
    hint: "sed -i 's#path: /healthz#path: /#' /root/live.yaml; kubectl delete pod live; kubectl apply -f /root/live.yaml; sim advance 2m10s",
    showMe: [
      "sed -i 's#path: /healthz#path: /#' /root/live.yaml",
      "kubectl delete pod live",
      "kubectl apply -f /root/live.yaml",
      "sim advance 2m10s",
      "kubectl get pods",
    ],
    check: podStableFor("live", 120),
  },
  wrongFix: [
    "sed -i 's/failureThreshold: 3/failureThreshold: 5/' /root/live.yaml",
    "kubectl delete pod live",
    "kubectl apply -f /root/live.yaml",
    "sim advance 2m10s",
  ],
});

export const labInitStuck = lab({
  id: "lab-init-stuck",
  title: "Lab: a pod stuck in Init",
  section: 4,
  intro: "The shop pod in /root/shop.yaml never gets past its init container.",
  setup: {
    seed: 1,
    files: {
      "/root/shop.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: shop
spec:
  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "echo migrating schema; sleep 2; exti 0"]
  containers:
  - name: web
    image: nginx:1.27
`,
    },
    commands: ["kubectl apply -f /root/shop.yaml", "sim advance 60s"],
  },
  diagnose: {
    text: "`kubectl get pods` shows Init:…; `kubectl logs shop -c migrate` shows the init container's output.",
    hint: "kubectl logs shop -c migrate",
    showMe: ["kubectl get pods", "kubectl logs shop -c migrate"],
    broken: podStatus("shop", /^Init:/),
    predict: {
      question: "The migrate log ends with `sh: exti: not found`. What happens to the web container?",
      choices: [
        "It starts anyway",
        "It never starts: init containers must exit 0, in order, before any app container",
        "It starts after 5 minutes",
        "It replaces the init container",
      ],
      answer: 1,
      explanation:
        "The kubelet runs init containers one by one and restarts a failing one (Init:Error, Init:CrashLoopBackOff); the app containers wait.",
    },
  },
  fix: {
    text: "Fix the typo in the init command and recreate the pod.",
    hint: "sed -i 's/exti 0/exit 0/' /root/shop.yaml; kubectl delete pod shop; kubectl apply -f /root/shop.yaml",
    showMe: [
      "sed -i 's/exti 0/exit 0/' /root/shop.yaml",
      "kubectl delete pod shop",
      "kubectl apply -f /root/shop.yaml",
      "sim advance 30s",
      "kubectl get pods",
    ],
    check: podRunningReady("shop"),
  },
  wrongFix: ["kubectl delete pod shop", "kubectl apply -f /root/shop.yaml", "sim advance 30s"],
});

export const LABS: Lesson[] = [
  labImageTypo,
  labPrivateImage,
  labCrashCommand,
  labOomKilled,
  labKubeletEndpoint,
  labContainerdStopped,
  labConfigToml,
  labDiskFull,
  labLivenessProbe,
  labInitStuck,
];
