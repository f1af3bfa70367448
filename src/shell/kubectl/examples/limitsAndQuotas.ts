// content/en/examples/admin/resource/…: the manifests of the tasks/administer-cluster/manage-resources
// pages (memory-default-namespace, cpu-default-namespace, memory-constraint-namespace,
// cpu-constraint-namespace, quota-memory-cpu-namespace, quota-pod-namespace), applied by URL.

const pod = (name: string, ctr: string, image: string, resources = "") =>
  `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${ctr}
    image: ${image}
${resources}`;

/** content/en/examples/<path> → the file's text. */
export const LIMITS_AND_QUOTAS_EXAMPLES: Record<string, string> = {
  "admin/resource/memory-defaults.yaml": `apiVersion: v1
kind: LimitRange
metadata:
  name: mem-limit-range
spec:
  limits:
  - default:
      memory: 512Mi
    defaultRequest:
      memory: 256Mi
    type: Container
`,
  "admin/resource/memory-defaults-pod.yaml": pod("default-mem-demo", "default-mem-demo-ctr", "nginx"),
  // sic: the file names its container "defalt-mem-demo-2-ctr"
  "admin/resource/memory-defaults-pod-2.yaml": pod(
    "default-mem-demo-2",
    "defalt-mem-demo-2-ctr",
    "nginx",
    `    resources:
      limits:
        memory: "1Gi"
`,
  ),
  "admin/resource/memory-defaults-pod-3.yaml": pod(
    "default-mem-demo-3",
    "default-mem-demo-3-ctr",
    "nginx",
    `    resources:
      requests:
        memory: "128Mi"
`,
  ),
  "admin/resource/cpu-defaults.yaml": `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-limit-range
spec:
  limits:
  - default:
      cpu: 1
    defaultRequest:
      cpu: 0.5
    type: Container
`,
  "admin/resource/cpu-defaults-pod.yaml": pod("default-cpu-demo", "default-cpu-demo-ctr", "nginx"),
  "admin/resource/cpu-defaults-pod-2.yaml": pod(
    "default-cpu-demo-2",
    "default-cpu-demo-2-ctr",
    "nginx",
    `    resources:
      limits:
        cpu: "1"
`,
  ),
  "admin/resource/cpu-defaults-pod-3.yaml": pod(
    "default-cpu-demo-3",
    "default-cpu-demo-3-ctr",
    "nginx",
    `    resources:
      requests:
        cpu: "0.75"
`,
  ),
  "admin/resource/memory-constraints.yaml": `apiVersion: v1
kind: LimitRange
metadata:
  name: mem-min-max-demo-lr
spec:
  limits:
  - max:
      memory: 1Gi
    min:
      memory: 500Mi
    type: Container
`,
  "admin/resource/memory-constraints-pod.yaml": pod(
    "constraints-mem-demo",
    "constraints-mem-demo-ctr",
    "nginx",
    `    resources:
      limits:
        memory: "800Mi"
      requests:
        memory: "600Mi"
`,
  ),
  "admin/resource/memory-constraints-pod-2.yaml": pod(
    "constraints-mem-demo-2",
    "constraints-mem-demo-2-ctr",
    "nginx",
    `    resources:
      limits:
        memory: "1.5Gi"
      requests:
        memory: "800Mi"
`,
  ),
  "admin/resource/memory-constraints-pod-3.yaml": pod(
    "constraints-mem-demo-3",
    "constraints-mem-demo-3-ctr",
    "nginx",
    `    resources:
      limits:
        memory: "800Mi"
      requests:
        memory: "100Mi"
`,
  ),
  "admin/resource/memory-constraints-pod-4.yaml": pod(
    "constraints-mem-demo-4",
    "constraints-mem-demo-4-ctr",
    "nginx",
  ),
  "admin/resource/cpu-constraints.yaml": `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-min-max-demo-lr
spec:
  limits:
  - max:
      cpu: "800m"
    min:
      cpu: "200m"
    type: Container
`,
  "admin/resource/cpu-constraints-pod.yaml": pod(
    "constraints-cpu-demo",
    "constraints-cpu-demo-ctr",
    "nginx",
    `    resources:
      limits:
        cpu: "800m"
      requests:
        cpu: "500m"
`,
  ),
  "admin/resource/cpu-constraints-pod-2.yaml": pod(
    "constraints-cpu-demo-2",
    "constraints-cpu-demo-2-ctr",
    "nginx",
    `    resources:
      limits:
        cpu: "1.5"
      requests:
        cpu: "500m"
`,
  ),
  "admin/resource/cpu-constraints-pod-3.yaml": pod(
    "constraints-cpu-demo-3",
    "constraints-cpu-demo-3-ctr",
    "nginx",
    `    resources:
      limits:
        cpu: "800m"
      requests:
        cpu: "100m"
`,
  ),
  "admin/resource/cpu-constraints-pod-4.yaml": pod(
    "constraints-cpu-demo-4",
    "constraints-cpu-demo-4-ctr",
    "vish/stress",
  ),
  "admin/resource/quota-mem-cpu.yaml": `apiVersion: v1
kind: ResourceQuota
metadata:
  name: mem-cpu-demo
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi
`,
  "admin/resource/quota-mem-cpu-pod.yaml": pod(
    "quota-mem-cpu-demo",
    "quota-mem-cpu-demo-ctr",
    "nginx",
    `    resources:
      limits:
        memory: "800Mi"
        cpu: "800m"
      requests:
        memory: "600Mi"
        cpu: "400m"
`,
  ),
  "admin/resource/quota-mem-cpu-pod-2.yaml": pod(
    "quota-mem-cpu-demo-2",
    "quota-mem-cpu-demo-2-ctr",
    "redis",
    `    resources:
      limits:
        memory: "1Gi"
        cpu: "800m"
      requests:
        memory: "700Mi"
        cpu: "400m"
`,
  ),
  "admin/resource/quota-pod.yaml": `apiVersion: v1
kind: ResourceQuota
metadata:
  name: pod-demo
spec:
  hard:
    pods: "2"
`,
  "admin/resource/quota-pod-deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: pod-quota-demo
spec:
  selector:
    matchLabels:
      purpose: quota-demo
  replicas: 3
  template:
    metadata:
      labels:
        purpose: quota-demo
    spec:
      containers:
      - name: pod-quota-demo
        image: nginx
`,
};
