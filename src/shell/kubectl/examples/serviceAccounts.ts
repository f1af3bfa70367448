// content/en/examples/…: the pod of tasks/configure-pod-container/configure-service-account
// (ServiceAccount token volume projection), as kubernetes.io serves it.

/** content/en/examples/<path> → the file's text. */
export const SERVICE_ACCOUNT_EXAMPLES: Record<string, string> = {
  "pods/pod-projected-svc-token.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    volumeMounts:
    - mountPath: /var/run/secrets/tokens
      name: vault-token
  serviceAccountName: build-robot
  volumes:
  - name: vault-token
    projected:
      sources:
      - serviceAccountToken:
          path: vault-token
          expirationSeconds: 7200
          audience: vault
`,
};
