// Starter manifests for the YAML editor: each one shows a piece of the pod lifecycle.
// Images and commands follow the Kubernetes docs examples so they behave the same on a real node.

export interface Template {
  id: string;
  title: string;
  /** What the learner should watch for. */
  teaches: string;
  yaml: string;
}

export const TEMPLATES: Template[] = [
  {
    id: "nginx",
    title: "nginx (happy path)",
    teaches: "Sandbox, image pull, create, start: the pod becomes Running.",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  },
  {
    id: "crashloop",
    title: "busybox crash loop",
    teaches:
      "The container exits 1; the kubelet restarts it with back-off 10s, 20s, 40s… (CrashLoopBackOff).",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; sleep 2; exit 1"]
`,
  },
  {
    id: "badtag",
    title: "bad image tag",
    teaches: "The registry answers not found: ErrImagePull, then ImagePullBackOff.",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: web
    image: nginx:1.277
`,
  },
  {
    id: "private",
    title: "private image (no pull secret)",
    teaches:
      "The registry asks for credentials the node does not have: ErrImagePull (authorization failed), then ImagePullBackOff.",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: private-app
spec:
  containers:
  - name: app
    image: registry.example.com/team/app:1.0
`,
  },
  {
    id: "oom",
    title: "OOMKilled (memory limit)",
    teaches:
      "The process allocates more than its cgroup memory limit: the kernel kills it, exit 137, reason OOMKilled.",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`,
  },
  {
    id: "init",
    title: "init containers",
    teaches:
      "Init containers run one after another, to completion, before the app container starts (Init:0/2, Init:1/2, PodInitializing).",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: with-init
spec:
  initContainers:
  - name: wait-config
    image: busybox:1.36
    command: ["sh", "-c", "echo fetching config; sleep 3"]
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "echo migrating; sleep 2"]
  containers:
  - name: app
    image: nginx:1.27
`,
  },
  {
    id: "liveness",
    title: "liveness probe",
    teaches:
      "After 30s the probe file disappears; 3 failed probes later the kubelet kills and restarts the container.",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
  labels:
    test: liveness
spec:
  containers:
  - name: liveness
    image: busybox:1.36
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`,
  },
  {
    id: "job",
    title: "run to completion (restartPolicy: Never)",
    teaches: "The container exits 0 and is not restarted: phase Succeeded, status Completed.",
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
  - name: task
    image: busybox:1.36
    command: ["sh", "-c", "echo computing; sleep 5; echo done"]
`,
  },
  {
    id: "daemonset",
    title: "DaemonSet (one pod per node)",
    teaches:
      "The DaemonSet controller, not you, creates the pod: one per node (here node-1). Delete it and another comes back.",
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "while true; do echo agent on $(hostname); sleep 30; done"]
`,
  },
  {
    id: "pvc",
    title: "PersistentVolume, claim and pod",
    teaches:
      "The claim binds to the node's hostPath volume (Bound), and the pod mounts it: nginx serves the node's /mnt/data.",
    yaml: `apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
  labels:
    type: local
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes:
  - ReadWriteOnce
  hostPath:
    path: /mnt/data
    type: DirectoryOrCreate
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 500Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  volumes:
  - name: task-pv-storage
    persistentVolumeClaim:
      claimName: task-pv-claim
  containers:
  - name: task-pv-container
    image: nginx:1.27
    ports:
    - containerPort: 80
    volumeMounts:
    - mountPath: /usr/share/nginx/html
      name: task-pv-storage
`,
  },
];

export function templateById(id: string): Template {
  return TEMPLATES.find((t) => t.id === id) ?? TEMPLATES[0];
}
