// CoreDNS's kubernetes plugin (coredns/plugin/kubernetes) as a virtual cluster service — simplified: the
// simulator answers at the kubelet's clusterDNS address (10.96.0.10) itself; on a real cluster CoreDNS
// pods sit behind the kube-dns Service there. Records: <svc>.<ns>.svc.<zone> (ClusterIP, or the ready
// endpoints of a headless Service), <a-b-c-d>.<ns>.pod.<zone> (`pods insecure`), PTR for ClusterIPs.
import type { Service } from "kubernetes-types/core/v1";
import type { ApiServerClient } from "../apiserver/types";
import { type EndpointSlice, LABEL_SERVICE_NAME } from "../controllers/endpoints";
import type { DnsReply, DnsType } from "../net/types";

export const CLUSTER_DNS_IP = "10.96.0.10";
export const CLUSTER_DOMAIN = "cluster.local";

const nx = (authoritative: boolean): DnsReply => ({ rcode: "NXDOMAIN", answers: [], authoritative });

export class ClusterDns {
  constructor(
    private readonly api: ApiServerClient,
    readonly domain = CLUSTER_DOMAIN,
  ) {}

  /** One question, one reply (names compared case-insensitively, a trailing dot ignored). */
  answer(qname: string, type: DnsType): DnsReply {
    const name = qname.replace(/\.$/, "").toLowerCase();
    if (type === "PTR") return this.ptr(name);
    const zone = `.${this.domain}`;
    if (!name.endsWith(zone)) return nx(false); // no upstream resolver in the simulation
    const labels = name.slice(0, -zone.length).split(".");
    const ips = this.lookup(labels);
    if (!ips) return nx(true);
    // IPv4-only cluster: the name exists, an AAAA question just has no answer
    if (type === "AAAA") return { rcode: "NOERROR", answers: [], authoritative: true };
    return {
      rcode: "NOERROR",
      answers: ips.map((ip) => ({ name, type: "A" as const, data: ip })),
      authoritative: true,
    };
  }

  /** The addresses a name in the zone has, or undefined when it does not exist. */
  private lookup(labels: string[]): string[] | undefined {
    if (labels.length === 3 && labels[2] === "svc") {
      const [svcName, ns] = labels;
      const svc = this.api.tryGet<Service>("Service", ns, svcName);
      if (!svc || svc.spec?.type === "ExternalName") return undefined;
      if (svc.spec?.clusterIP && svc.spec.clusterIP !== "None") return [svc.spec.clusterIP];
      // headless: one A record per ready endpoint
      const slices = this.api.list<EndpointSlice>("EndpointSlice", {
        namespace: ns,
        labelSelector: `${LABEL_SERVICE_NAME}=${svcName}`,
      });
      const ips = slices.flatMap((s) =>
        (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).map((e) => e.addresses[0]),
      );
      return [...new Set(ips)].sort();
    }
    if (labels.length === 3 && labels[2] === "pod") {
      const m = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/.exec(labels[0]);
      if (m && this.api.tryGet("Namespace", undefined, labels[1])) return [m.slice(1).join(".")];
    }
    return undefined;
  }

  private ptr(name: string): DnsReply {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
    if (!m) return nx(false);
    const ip = [m[4], m[3], m[2], m[1]].join(".");
    if (ip === CLUSTER_DNS_IP) return this.ptrReply(name, `kube-dns.kube-system.svc.${this.domain}`);
    const svc = this.api
      .list<Service>("Service")
      .find((s) => s.spec?.clusterIP === ip && s.spec?.type !== "ExternalName");
    if (!svc) return nx(true);
    return this.ptrReply(name, `${svc.metadata?.name}.${svc.metadata?.namespace}.svc.${this.domain}`);
  }

  private ptrReply(name: string, target: string): DnsReply {
    return { rcode: "NOERROR", answers: [{ name, type: "PTR", data: target }], authoritative: true };
  }
}
