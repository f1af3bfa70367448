// `kubectl apply -f https://k8s.io/examples/…`: the simulated node has no Internet, so the docs'
// example manifests that the task pages apply by URL are built in, as kubernetes/website serves
// them (content/en/examples/<path>). k8s.io/examples redirects to kubernetes.io/examples.

/** content/en/examples/<path> → the file's text. */
const EXAMPLES: Record<string, string> = {
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

const PREFIXES = [
  "https://k8s.io/examples/",
  "https://kubernetes.io/examples/",
  "https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/",
];

export const isUrl = (s: string) => /^https?:\/\//.test(s);

/** The manifest a docs example URL serves, or undefined when the simulator does not carry it. */
export function docsExample(url: string): string | undefined {
  const prefix = PREFIXES.find((p) => url.startsWith(p));
  return prefix ? EXAMPLES[url.slice(prefix.length)] : undefined;
}
