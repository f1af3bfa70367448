// Services on the node: the API server's `kubernetes` Service, the controller manager's Endpoints /
// EndpointSlice loop, kube-proxy (iptables mode) writing the kernel's netfilter tables, and the network
// stack containers connect through (DNAT, REJECT, cluster DNS). createNode starts it all at boot.
import type { ApiServer } from "../apiserver/apiServer";
import { ensureKubernetesService } from "../apiserver/kubernetesService";
import { Rng, type VirtualClock } from "../clock";
import { EndpointsController } from "../controllers/endpointsController";
import type { PodNetwork } from "../net/types";
import type { TraceLog } from "../trace";
import { CLUSTER_DNS_IP, ClusterDns, ensureKubeDnsService } from "./clusterDns";
import { Netfilter } from "./netfilter";
import { NodeNetwork } from "./nodeNetwork";
import { KubeProxy } from "./proxier";
import { localnetFirewall } from "./proxierRules";

export { CLUSTER_DNS_IP, ClusterDns, ensureKubeDnsService } from "./clusterDns";
export type { Chain, Rule, TableName, TableSnapshot } from "./netfilter";
export { Netfilter } from "./netfilter";
export { KubeProxy } from "./proxier";

/** kubeadm's podSubnet for this cluster (the node's podCIDR 10.244.0.0/24 is one slice of it). */
export const CLUSTER_CIDR = "10.244.0.0/16";

export interface ServiceNetwork {
  netfilter: Netfilter;
  kubeProxy: KubeProxy;
  endpoints: EndpointsController;
  dns: ClusterDns;
  /** What containers connect through (SimRuntime.processNetwork). */
  network: NodeNetwork;
}

export interface ServiceNetworkOptions {
  api: ApiServer;
  clock: VirtualClock;
  trace: TraceLog;
  seed: number;
  /** The pod network underneath (SimRuntime, or a real runtime's host). */
  inner: PodNetwork;
  /** The node's address: the API server advertises it, addrtype LOCAL matches it. */
  nodeIP: string;
  /** The cni0 bridge's address (the pods' gateway), when the pod network is the simulated one. */
  bridgeIP?: string;
}

/** The kubelet's own chains (pkg/kubelet/kubelet_network_linux.go), there before kube-proxy starts. */
function kubeletChains(nf: Netfilter): void {
  nf.ensureChain("mangle", "KUBE-IPTABLES-HINT");
  for (const t of ["mangle", "nat", "filter"] as const) nf.ensureChain(t, "KUBE-KUBELET-CANARY");
  nf.restore("filter", [localnetFirewall()]);
  nf.appendRule("filter", "INPUT", { matches: [], jump: "KUBE-FIREWALL" });
  nf.appendRule("filter", "OUTPUT", { matches: [], jump: "KUBE-FIREWALL" });
}

export function startServiceNetwork(o: ServiceNetworkOptions): ServiceNetwork {
  const { api, clock, trace } = o;
  ensureKubernetesService(api, o.nodeIP);
  const endpoints = new EndpointsController(api, clock);
  // kubeadm's kube-dns Service holds the cluster DNS address; it and its (empty) Endpoints and
  // EndpointSlice draw uids and names from their own stream, so pods' IDs stay what they were
  api.withRng(new Rng((o.seed ^ 0x6b646e73) >>> 0), () => {
    ensureKubeDnsService(api, CLUSTER_DNS_IP);
    endpoints.syncService("kube-system/kube-dns");
  });
  endpoints.start();
  const netfilter = new Netfilter();
  kubeletChains(netfilter);
  // kube-proxy's iptables.Monitor canary
  for (const t of ["mangle", "nat", "filter"] as const) netfilter.ensureChain(t, "KUBE-PROXY-CANARY");
  const kubeProxy = new KubeProxy({ api, clock, trace, netfilter, clusterCIDR: CLUSTER_CIDR });
  kubeProxy.start();
  const dns = new ClusterDns(api);
  const network = new NodeNetwork({
    inner: o.inner,
    netfilter,
    dns,
    api,
    clock,
    trace,
    // its own stream: traffic does not shift the IDs and names the rest of the node draws
    random: new Rng((o.seed ^ 0x6b707278) >>> 0),
    // loopback too: kube-proxy (iptables, --iptables-localhost-nodeports) answers NodePorts on 127.0.0.1
    localAddrs: [o.nodeIP, "127.0.0.1"],
    bridgeIP: o.bridgeIP,
  });
  return { netfilter, kubeProxy, endpoints, dns, network };
}
