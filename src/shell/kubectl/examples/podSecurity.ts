// The docs' Pod Security Standards pages: tutorials/security/ns-level-pss and cluster-level-pss apply
// security/example-baseline-pod.yaml (content/en/examples/security/, kubernetes/website).
export const POD_SECURITY_EXAMPLES: Readonly<Record<string, string>> = {
  "security/example-baseline-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
    - image: nginx
      name: nginx
      ports:
        - containerPort: 80
`,
};
