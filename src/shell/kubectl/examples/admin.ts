// content/en/examples/admin/…: the manifests the cluster-administration task pages apply by URL.

/** content/en/examples/<path> → the file's text. */
export const ADMIN_EXAMPLES: Record<string, string> = {
  // tasks/administer-cluster/dns-debugging-resolution (since kubernetes/website#47735, 2024-09:
  // agnhost, which runs `pause` by default and ships bind-tools, in place of jessie-dnsutils)
  "admin/dns/dnsutils.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "dnsutils",
    namespace: "default",
  },
  spec: {
    containers: [{
      name: "dnsutils",
      image: "registry.k8s.io/e2e-test-images/agnhost:2.39",
      imagePullPolicy: "IfNotPresent",
    }],
    restartPolicy: "Always",
  },
}
`,
};
