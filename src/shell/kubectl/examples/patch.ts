// content/en/examples/…: the Deployments of tasks/manage-kubernetes-objects/update-api-object-kubectl-patch
// (the strategic merge patch and retainKeys exercises), as kubernetes.io serves them.

/** content/en/examples/<path> → the file's text. */
export const PATCH_EXAMPLES: Record<string, string> = {
  "application/deployment-patch.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: patch-demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      containers:
      - name: patch-demo-ctr
        image: nginx
      tolerations:
      - effect: NoSchedule
        key: dedicated
        value: test-team
`,
  "application/deployment-retainkeys.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: retainkeys-demo
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  strategy:
    rollingUpdate:
      maxSurge: 30%
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      containers:
      - name: retainkeys-demo-ctr
        image: nginx
`,
};
