// CoreDNS's kubernetes plugin (coredns/plugin/kubernetes) as a virtual cluster service — simplified: the
// simulator answers at the kubelet's clusterDNS address (10.96.0.10) itself; on a real cluster CoreDNS
// pods sit behind the kube-dns Service there. Records: <svc>.<ns>.svc.<zone> (ClusterIP, or the ready
// endpoints of a headless Service), <a-b-c-d>.<ns>.pod.<zone> (`pods insecure`), PTR for ClusterIPs.
import type { Service } from "kubernetes-types/core/v1";
import type { ApiServer } from "../apiserver/apiServer";
import type { ApiServerClient } from "../apiserver/types";
import { parseRfc3339 } from "../clock/time";
import { type EndpointSlice, LABEL_SERVICE_NAME, TRIGGER_TIME_ANNOTATION } from "../controllers/endpoints";
import { publicHostNamed } from "../net/internet";
import type { DnsReply, DnsType } from "../net/types";

export const CLUSTER_DNS_IP = "10.96.0.10";
export const CLUSTER_DOMAIN = "cluster.local";

/**
 * kubeadm's CoreDNS addon Service (cmd/kubeadm/app/phases/addons/dns/manifests.go), at the kubelet's
 * clusterDNS address. Its selector matches no pod here (the simulator runs no CoreDNS pods), so its
 * EndpointSlice stays empty and kube-proxy rejects TCP/UDP sent to it; names still resolve because
 * the simulator answers queries to 10.96.0.10 itself.
 */
export function ensureKubeDnsService(api: ApiServer, ip = CLUSTER_DNS_IP): void {
  if (api.tryGet("Service", "kube-system", "kube-dns")) return;
  api.create(
    "Service",
    {
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: {
          "k8s-app": "kube-dns",
          "kubernetes.io/cluster-service": "true",
          "kubernetes.io/name": "CoreDNS",
        },
        annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      },
      spec: {
        clusterIP: ip,
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        selector: { "k8s-app": "kube-dns" },
        sessionAffinity: "None",
        type: "ClusterIP",
      },
    },
    "apiserver",
  );
}

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
    if (!name.endsWith(zone)) return this.forward(name, type);
    const labels = name.slice(0, -zone.length).split(".");
    const ips = this.lookup(labels);
    if (!ips) return { ...nx(true), soa: this.soa() };
    // IPv4-only cluster: the name exists, an AAAA question just has no answer
    if (type === "AAAA") return { rcode: "NOERROR", answers: [], authoritative: true, soa: this.soa() };
    return {
      rcode: "NOERROR",
      answers: ips.map((ip) => ({ name, type: "A" as const, data: ip })),
      authoritative: true,
    };
  }

  /**
   * The zone's SOA for negative answers. The plugin's serial is the Unix time of the last change it
   * saw to a Service, EndpointSlice or Namespace (creations and endpoint writes here).
   */
  private soa(): { zone: string; serial: number } {
    let latest = "";
    const seen = (t: string | undefined) => {
      if (t && t > latest) latest = t;
    };
    for (const k of ["Service", "EndpointSlice", "Namespace"] as const)
      for (const o of this.api.list<EndpointSlice>(k)) {
        seen(o.metadata?.creationTimestamp);
        seen(o.metadata?.annotations?.[TRIGGER_TIME_ANNOTATION]);
      }
    return { zone: this.domain, serial: latest ? Math.floor(parseRfc3339(latest) / 1000) : 0 };
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
    // <hostname>.<svc>.<ns>.svc: a headless Service's endpoint whose pod set hostname and subdomain
    if (labels.length === 4 && labels[3] === "svc") {
      const [host, svcName, ns] = labels;
      const svc = this.api.tryGet<Service>("Service", ns, svcName);
      if (svc?.spec?.clusterIP !== "None") return undefined;
      const ips = this.api
        .list<EndpointSlice>("EndpointSlice", {
          namespace: ns,
          labelSelector: `${LABEL_SERVICE_NAME}=${svcName}`,
        })
        .flatMap((s) => s.endpoints ?? [])
        .filter((e) => e.hostname === host && e.conditions?.ready !== false)
        .map((e) => e.addresses[0]);
      return ips.length > 0 ? [...new Set(ips)].sort() : undefined;
    }
    if (labels.length === 3 && labels[2] === "pod") {
      const m = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/.exec(labels[0]);
      if (m && this.api.tryGet("Namespace", undefined, labels[1])) return [m.slice(1).join(".")];
    }
    return undefined;
  }

  /** `forward . /etc/resolv.conf`: the node's upstream answers (non-authoritatively) what the simulator models of the Internet. */
  private forward(name: string, type: DnsType): DnsReply {
    const host = publicHostNamed(name);
    if (!host) return nx(false);
    if (type === "AAAA") return { rcode: "NOERROR", answers: [], authoritative: false };
    return { rcode: "NOERROR", answers: [{ name, type: "A", data: host.ip }], authoritative: false };
  }

  private ptr(name: string): DnsReply {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
    if (!m) return nx(false);
    const ip = [m[4], m[3], m[2], m[1]].join(".");
    if (ip === CLUSTER_DNS_IP) return this.ptrReply(name, `kube-dns.kube-system.svc.${this.domain}`);
    const svc = this.api
      .list<Service>("Service")
      .find((s) => s.spec?.clusterIP === ip && s.spec?.type !== "ExternalName");
    if (!svc) return this.endpointPtr(name, ip);
    return this.ptrReply(name, `${svc.metadata?.name}.${svc.metadata?.namespace}.svc.${this.domain}`);
  }

  /** An endpoint of a headless Service: <hostname>.<svc>.<ns>.svc, else <a-b-c-d>.<svc>.<ns>.svc. */
  private endpointPtr(name: string, ip: string): DnsReply {
    for (const slice of this.api.list<EndpointSlice>("EndpointSlice")) {
      const svcName = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
      const ns = slice.metadata?.namespace;
      if (!svcName) continue;
      const ep = (slice.endpoints ?? []).find((e) => e.addresses.includes(ip));
      if (!ep) continue;
      const svc = this.api.tryGet<Service>("Service", ns, svcName);
      if (svc?.spec?.clusterIP !== "None") continue;
      const host = ep.hostname ?? ip.replaceAll(".", "-");
      return this.ptrReply(name, `${host}.${svcName}.${ns}.svc.${this.domain}`);
    }
    return nx(true);
  }

  private ptrReply(name: string, target: string): DnsReply {
    return { rcode: "NOERROR", answers: [{ name, type: "PTR", data: target }], authoritative: true };
  }
}
