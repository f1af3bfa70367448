// Helpers the lesson data uses to spell commands: a heredoc apply and small pod manifests.

/** `kubectl apply -f - <<'EOF' … EOF` as one shell line (the shell runs heredocs). */
export function applyYaml(yaml: string): string {
  const body = yaml.endsWith("\n") ? yaml : `${yaml}\n`;
  return `kubectl apply -f - <<'EOF'\n${body}EOF`;
}

/** polinux/stress holding `bytes` (e.g. "150M") under a memory limit. */
export function stressPod(name: string, vmBytes: string, limit: string, request?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}
    image: polinux/stress:1.0.4
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "${vmBytes}", "--vm-hang", "1"]
    resources:
      limits:
        memory: ${limit}
      requests:
        memory: ${request ?? limit}
`;
}
