// k8s: pkg/kubelet/kubelet_pods.go (ensureHostsFile, managedHostsFileContent, nodeHostsFileContent,
// hostsEntriesFromHostAliases) and GeneratePodHostNameAndDomain — the /etc/hosts the kubelet writes for
// each pod (/var/lib/kubelet/pods/<uid>/etc-hosts) and bind-mounts into every container.
import type { HostAlias, Pod } from "kubernetes-types/core/v1";

const MANAGED_HEADER = "# Kubernetes-managed hosts file.\n";
const HOST_NETWORK_HEADER = "# Kubernetes-managed hosts file (host network).\n";

/** The node path of a pod's managed hosts file. */
export function podHostsFilePath(uid: string): string {
  return `/var/lib/kubelet/pods/${uid}/etc-hosts`;
}

/** GeneratePodHostNameAndDomain: spec.hostname or the pod's name (at most 63 characters), and the subdomain's FQDN. */
export function podHostNameAndDomain(pod: Pod, clusterDomain: string): { hostname: string; domain: string } {
  let hostname = pod.spec?.hostname || pod.metadata?.name || "";
  // truncatePodHostnameIfNeeded: 63 characters, without a trailing '-' or '.'
  if (hostname.length > 63) hostname = hostname.slice(0, 63).replace(/[-.]+$/, "");
  const sub = pod.spec?.subdomain;
  const domain = sub
    ? `${sub}.${pod.metadata?.namespace ?? "default"}.svc.${clusterDomain || "cluster.local"}`
    : "";
  return { hostname, domain };
}

/** hostsEntriesFromHostAliases: a blank line, the comment, then one line per IP with its names. */
function aliasEntries(aliases: HostAlias[] | undefined): string {
  if (!aliases?.length) return "";
  let out = "\n# Entries added by HostAliases.\n";
  for (const a of aliases) out += `${a.ip ?? ""}\t${(a.hostnames ?? []).join("\t")}\n`;
  return out;
}

/** The file's text: the managed header and the pod's addresses, or (hostNetwork) the node's own file. */
export function hostsFileContent(
  pod: Pod,
  podIPs: string[],
  clusterDomain: string,
  nodeHosts: string | undefined,
): string {
  const aliases = aliasEntries(pod.spec?.hostAliases);
  if (pod.spec?.hostNetwork) return HOST_NETWORK_HEADER + (nodeHosts ?? "") + aliases;
  const { hostname, domain } = podHostNameAndDomain(pod, clusterDomain);
  let out =
    `${MANAGED_HEADER}127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n` +
    "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
  for (const ip of podIPs)
    out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + aliases;
}
