// Seed section 10, security: what the kubelet refuses (runAsNonRoot), what runc sets up from the
// security context (user, groups, capabilities, seccomp, AppArmor, a read-only rootfs) and what
// containerd checks at pull time (image signatures) — each one seen from inside a container.
import { all, podRunningReady, podStatus } from "../checks";
import type { Check, Lesson } from "../types";
import type { LessonView } from "../view";
import { applyYaml } from "./yaml";

/** The newest running container of a pod as the runtime holds it: its process identity and confinement. */
function runtimeContainer(v: LessonView, pod: string) {
  const recs = v.sim.node.runtime.containers
    .records()
    .filter((c) => c.config.labels?.["io.kubernetes.pod.name"] === pod && c.state === 1);
  return recs.sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** A running container of `pod` whose process matches `pred` (read from the runtime, not the spec). */
function processOf(
  pod: string,
  pred: (c: NonNullable<ReturnType<typeof runtimeContainer>>) => boolean,
  why: string,
): Check {
  return (v) => {
    const c = runtimeContainer(v, pod);
    return c && pred(c) ? { ok: true } : { ok: false, why: c ? why : `no running container in pod "${pod}"` };
  };
}

const VERIFIER = "/opt/containerd/image-verifier/bin/verify-signature";

/** A node-side image verifier (containerd's bindir API): images from these registries must be signed. */
const VERIFIER_SCRIPT = `#!/bin/sh
# containerd runs every file in /opt/containerd/image-verifier/bin with -name <ref> -digest <digest>
# after resolving an image and before fetching its layers; a non-zero exit blocks the pull.
REGISTRIES="localhost:5000 ghcr.io"
while [ $# -gt 0 ]; do case "$1" in -name) NAME="$2"; shift 2 ;; -digest) DIGEST="$2"; shift 2 ;; *) shift ;; esac; done
for r in $REGISTRIES; do case "$NAME" in "$r"/*) IN_SCOPE=1 ;; esac; done
[ -z "$IN_SCOPE" ] && { echo "not covered by the signing policy"; exit 0; }
if ! cosign verify --key /etc/containerd/cosign.pub "$NAME@$DIGEST" >/dev/null 2>&1; then
  echo "no valid signature for $NAME"; exit 1
fi
echo "signature verified"
`;

const lockedPod = (user: string) => `apiVersion: v1
kind: Pod
metadata:
  name: locked
spec:
  securityContext:
    runAsNonRoot: true
${user}  containers:
  - name: app
    image: busybox:1.37
    command: ["sleep", "3600"]
`;

export const lessonSecurity: Lesson = {
  id: "lesson-10-security",
  title: "Security: what the kubelet, containerd and the kernel enforce",
  section: 10,
  kind: "lesson",
  intro: `Namespaces and cgroups come with every container. The rest is asked for in the pod's
**securityContext** and enforced at three places: the **kubelet** refuses what it can check itself
(runAsNonRoot), **containerd/runc** turn the CRI security context into the process's user, groups,
capabilities, seccomp filter, AppArmor profile and a read-only rootfs, and the **kernel** says
\`Operation not permitted\`. This node also runs an image **verifier**: containerd checks signatures
of images from localhost:5000 and ghcr.io before pulling them.`,
  setup: { seed: 1, files: { [VERIFIER]: VERIFIER_SCRIPT }, commands: [] },
  steps: [
    {
      id: "runasnonroot",
      text: "Ask for a non-root container on an image that runs as root (busybox has no USER). Read the Events.",
      hint: "apply the locked pod; sim advance 20s; kubectl describe pod locked",
      check: podStatus("locked", "CreateContainerConfigError"),
      showMe: [
        applyYaml(lockedPod("")),
        "sim advance 20s",
        "kubectl get pod locked",
        "kubectl describe pod locked",
      ],
      predict: {
        question: "runAsNonRoot: true, and the image runs as root. Who stops it, and how does it look?",
        choices: [
          "runc refuses to start it: RunContainerError",
          "The kubelet checks the image's user (ImageStatus) and never calls CreateContainer: CreateContainerConfigError",
          "The API server rejects the pod",
          "Nobody: it runs as root anyway",
        ],
        answer: 1,
        explanation:
          "generateContainerConfig asks ImageStatus for the image's user; uid 0 with runAsNonRoot fails verifyRunAsNonRoot: `container has runAsNonRoot and image will run as root (pod: …, container: app)`, reason CreateContainerConfigError, retried every sync.",
      },
    },
    {
      id: "runasuser",
      text: "Give the pod a user: runAsUser 1000, runAsGroup 3000 and fsGroup 2000 (a pod's securityContext cannot change in place: delete and re-create). Then `id` inside.",
      hint: "kubectl delete pod locked; apply it with runAsUser/runAsGroup/fsGroup; kubectl exec locked -- id",
      check: all(
        podRunningReady("locked"),
        processOf(
          "locked",
          (c) => c.security.uid === 1000 && c.security.gid === 3000 && c.security.groups.includes(2000),
          "the container does not run as uid 1000, gid 3000 with group 2000",
        ),
      ),
      showMe: [
        "kubectl delete pod locked",
        "sim advance 5s",
        applyYaml(lockedPod("    runAsUser: 1000\n    runAsGroup: 3000\n    fsGroup: 2000\n")),
        "sim advance 10s",
        "kubectl exec locked -- id",
        "kubectl exec locked -- ps",
      ],
    },
    {
      id: "capabilities",
      text: "Root in a container holds only containerd's 14 default capabilities (CapEff 00000000a80425fb). Add NET_ADMIN and create a network link.",
      hint: "a busybox pod with securityContext.capabilities.add: [NET_ADMIN]; kubectl exec netadmin -- ip link add dummy0 type dummy",
      check: processOf(
        "netadmin",
        (c) => c.fs.isFile("/sys/class/net/dummy0/operstate"),
        "no dummy0 link in netadmin yet (ip link add dummy0 type dummy)",
      ),
      showMe: [
        applyYaml(`apiVersion: v1
kind: Pod
metadata:
  name: netadmin
spec:
  containers:
  - name: app
    image: busybox:1.37
    command: ["sleep", "3600"]
    securityContext:
      capabilities:
        add: ["NET_ADMIN"]
`),
        "sim advance 10s",
        "kubectl exec netadmin -- grep Cap /proc/1/status",
        "kubectl exec netadmin -- ip link add dummy0 type dummy",
        "kubectl exec netadmin -- ip link",
      ],
      predict: {
        question:
          "In a default container (no capabilities added), root runs `ip link add dummy0 type dummy`. What happens?",
        choices: [
          "It works: root is root",
          "ip: RTNETLINK answers: Operation not permitted — CAP_NET_ADMIN is not in containerd's default set",
          "The container is killed",
          "The kubelet refuses the exec",
        ],
        answer: 1,
        explanation:
          "containerd grants 14 capabilities (CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE); creating links needs NET_ADMIN, so the kernel answers EPERM.",
      },
    },
    {
      id: "seccomp",
      text: "A hardened pod: seccomp RuntimeDefault, no privilege escalation, a read-only root filesystem with an emptyDir for /tmp. Try a blocked syscall and a write.",
      hint: "apply hardened; kubectl exec hardened -- grep Seccomp /proc/1/status; … -- unshare -U true; … -- touch /x",
      check: all(
        podRunningReady("hardened"),
        processOf(
          "hardened",
          (c) => c.security.seccompMode === 2 && c.security.readonlyRootfs && c.security.noNewPrivs,
          "hardened runs without a seccomp filter, no_new_privs or a read-only rootfs",
        ),
      ),
      showMe: [
        applyYaml(`apiVersion: v1
kind: Pod
metadata:
  name: hardened
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: busybox:1.37
    command: ["sleep", "3600"]
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
    volumeMounts:
    - name: tmp
      mountPath: /tmp
  volumes:
  - name: tmp
    emptyDir: {}
`),
        "sim advance 10s",
        "kubectl exec hardened -- grep -e Seccomp -e NoNewPrivs /proc/1/status",
        "kubectl exec hardened -- unshare -U true",
        "kubectl exec hardened -- touch /x",
        "kubectl exec hardened -- touch /tmp/ok",
        "kubectl exec hardened -- cat /proc/1/attr/current",
      ],
      predict: {
        question: "Who enforces seccompProfile: RuntimeDefault?",
        choices: [
          "The kubelet filters syscalls",
          "The runtime (containerd → runc) installs a seccomp BPF filter; the kernel enforces it",
          "The API server",
          "The image",
        ],
        answer: 1,
        explanation:
          "The kubelet passes the profile in the CRI LinuxContainerSecurityContext; runc installs it and the kernel applies it on every syscall (`Seccomp: 2`). Without a profile the kubelet sends Unconfined (`Seccomp: 0`) unless seccompDefault is enabled.",
      },
    },
    {
      id: "signatures",
      text: "This node verifies signatures for localhost:5000 and ghcr.io (see the verifier in /opt/containerd/image-verifier/bin). Run an unsigned and a signed image.",
      hint: "kubectl run unsigned --image=localhost:5000/myapp:dev; kubectl run signed --image=ghcr.io/stefanprodan/podinfo:6.7.1; sim advance 20s",
      check: all(podStatus("unsigned", /ErrImagePull|ImagePullBackOff/), podRunningReady("signed")),
      showMe: [
        `cat ${VERIFIER}`,
        "kubectl run unsigned --image=localhost:5000/myapp:dev",
        "kubectl run signed --image=ghcr.io/stefanprodan/podinfo:6.7.1",
        "sim advance 20s",
        "kubectl get pods",
        "kubectl describe pod unsigned",
      ],
    },
  ],
  outro: `What the simulator models, and where it simplifies:
- **runAsNonRoot** is checked by the kubelet against the image's user (uid 0, or a non-numeric
  USER it cannot verify); the container waits in CreateContainerConfigError.
- **User and groups**: containerd resolves the user in the image's /etc/passwd, adds the groups
  /etc/group lists for it, then fsGroup and supplementalGroups (the kernel sorts them: \`id\` shows
  \`groups=2000,3000\`). File ownership is not modelled; a non-root user may write only /tmp, its
  own directories and emptyDirs.
- **Capabilities**: containerd's 14 defaults, add/drop (ALL first), privileged = all 41; a non-root
  process keeps only the bounding set (CapEff 0) — Kubernetes has no ambient capabilities.
- **Seccomp**: RuntimeDefault/Localhost install a filter (\`Seccomp: 2\`); the simulator models the
  syscalls that need CAP_SYS_ADMIN (unshare), not the whole profile. A missing Localhost file fails
  CreateContainer: \`cannot load seccomp profile …\`.
- **AppArmor** (securityContext.appArmorProfile, GA in 1.30): containerd applies
  \`cri-containerd.apparmor.d\` by default; a Localhost profile not loaded on the node fails
  CreateContainer with \`apparmor profile not found <name>\` (since 1.30 the kubelet no longer
  blocks the pod itself).
- **Image signatures**: containerd 2.x's image-verifier bindir plugin; the simulator reads the
  verifier's registry list and message instead of running cosign.
- **Rootless containerd** (containerd-rootless.sh, rootlesskit): containers see a shifted
  /proc/self/uid_map; the rest of a rootless node (user systemd units, slirp4netns) is not modelled.`,
};

export const labRunAsNonRoot: Lesson = {
  id: "lab-runasnonroot",
  title: "Lab: a runAsNonRoot pod stuck in CreateContainerConfigError",
  section: 10,
  kind: "lab",
  intro:
    "The pod in /root/app.yaml must not run as root, and it never starts. Find out why and fix the manifest.",
  setup: {
    seed: 1,
    files: {
      "/root/app.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  securityContext:
    runAsNonRoot: true
    # runAsUser: 1000
  containers:
  - name: app
    image: busybox:1.37
    command: ["sleep", "3600"]
`,
    },
    commands: ["kubectl apply -f /root/app.yaml", "sim advance 30s"],
  },
  steps: [
    {
      id: "diagnose",
      text: "`kubectl get pods`, then `kubectl describe pod app`: read the Warning event.",
      hint: "kubectl describe pod app | tail -3",
      showMe: ["kubectl get pods", "kubectl describe pod app"],
      check: podStatus("app", "CreateContainerConfigError"),
      predict: {
        question: "Why does app not start?",
        choices: [
          "busybox:1.37 cannot be pulled",
          "busybox runs as root (no USER) and the pod demands runAsNonRoot, without saying which user to run as",
          "runc lacks a capability",
          "The node is out of memory",
        ],
        answer: 1,
        explanation:
          'The event says `Error: container has runAsNonRoot and image will run as root (pod: "app_default(…)", container: app)`. The kubelet checked the image\'s user through ImageStatus before CreateContainer.',
      },
    },
    {
      id: "fix",
      text: "Run it as uid 1000: uncomment runAsUser in /root/app.yaml. A pod's securityContext cannot be changed in place, so delete the pod and apply the file again.",
      hint: "sed -i 's/# runAsUser/runAsUser/' /root/app.yaml; kubectl delete pod app; kubectl apply -f /root/app.yaml; sim advance 15s",
      showMe: [
        "sed -i 's/# runAsUser/runAsUser/' /root/app.yaml",
        "kubectl delete pod app",
        "sim advance 5s",
        "kubectl apply -f /root/app.yaml",
        "sim advance 15s",
        "kubectl exec app -- id",
      ],
      check: all(
        podRunningReady("app"),
        processOf("app", (c) => c.security.uid === 1000, "app does not run as uid 1000"),
      ),
    },
  ],
  wrongFix: [
    // root is exactly what runAsNonRoot forbids: "container's runAsUser breaks non-root policy"
    "sed -i 's/# runAsUser: 1000/runAsUser: 0/' /root/app.yaml",
    "kubectl delete pod app",
    "sim advance 5s",
    "kubectl apply -f /root/app.yaml",
    "sim advance 15s",
  ],
  outro: `The kubelet compares runAsNonRoot with the user the image runs as (ImageStatus: uid, or a
user name it cannot verify) before it asks the runtime for anything. Fixes: set a numeric
runAsUser, or use an image built with a numeric non-root USER (nginxinc/nginx-unprivileged runs as
101). runAsUser: 0 fails too: \`container's runAsUser breaks non-root policy\`.`,
};

export const SECURITY_LABS: Lesson[] = [labRunAsNonRoot];
