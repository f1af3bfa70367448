// `kubectl apply -f https://k8s.io/examples/…`: the simulated node has no Internet, so the docs'
// example manifests that the task pages apply by URL are built in, as kubernetes/website serves
// them (content/en/examples/<path>, in ./examples). k8s.io/examples redirects to kubernetes.io/examples.
import { EXAMPLES } from "./examples";

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
