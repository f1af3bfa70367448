// The docs' security tutorials' files: tutorials/security/seccomp's profiles (JSON, served as the
// site stores them, without a newline at the end) and its GA pods. fine-grained.json is not carried.
export const SECURITY_EXAMPLES: Record<string, string> = {
  "pods/security/seccomp/profiles/audit.json": `{
    "defaultAction": "SCMP_ACT_LOG"
}`,
  "pods/security/seccomp/profiles/violation.json": `{
    "defaultAction": "SCMP_ACT_ERRNO"
}`,
  "pods/security/seccomp/ga/audit-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: audit-pod
  labels:
    app.kubernetes.io/name: audit-pod
spec:
  securityContext:
    seccompProfile:
      type: Localhost
      localhostProfile: profiles/audit.json
  containers:
  - name: test-container
    image: hashicorp/http-echo:1.0
    args:
    - "-text=just made some syscalls!"
    securityContext:
      allowPrivilegeEscalation: false`,
  "pods/security/seccomp/ga/violation-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: violation-pod
  labels:
    app.kubernetes.io/name: violation-pod
spec:
  securityContext:
    seccompProfile:
      type: Localhost
      localhostProfile: profiles/violation.json
  containers:
  - name: test-container
    image: hashicorp/http-echo:1.0
    args:
    - "-text=just made some syscalls!"
    securityContext:
      allowPrivilegeEscalation: false`,
  "pods/security/seccomp/ga/fine-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: fine-pod
  labels:
    app.kubernetes.io/name: fine-pod
spec:
  securityContext:
    seccompProfile:
      type: Localhost
      localhostProfile: profiles/fine-grained.json
  containers:
  - name: test-container
    image: hashicorp/http-echo:1.0
    args:
    - "-text=just made some syscalls!"
    securityContext:
      allowPrivilegeEscalation: false`,
  "pods/security/seccomp/ga/default-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: default-pod
  labels:
    app.kubernetes.io/name: default-pod
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: test-container
    image: hashicorp/http-echo:1.0
    args:
    - "-text=just made some more syscalls!"
    securityContext:
      allowPrivilegeEscalation: false`,
};
