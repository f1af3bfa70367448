// Pods whose security context differs from the defaults, for tests of isolation views.

/** busybox as uid 1000, read-only rootfs, no privilege escalation, no capabilities, RuntimeDefault seccomp, limits. */
export const LOCKED_POD_YAML = `apiVersion: v1
kind: Pod
metadata: {name: locked}
spec:
  containers:
  - name: app
    image: busybox:1.37
    command: [sleep, "3600"]
    resources: {limits: {memory: 64Mi, cpu: 250m}}
    securityContext:
      runAsUser: 1000
      readOnlyRootFilesystem: true
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
      seccompProfile: {type: RuntimeDefault}
`;
