// The node's network stack as a connection sees it: the kernel's netfilter hooks first (kube-proxy's
// DNAT to a Service endpoint, or its REJECT for a Service without endpoints), then the pod network
// underneath (SimRuntime's bridge), and the cluster DNS answering at 10.96.0.10:53. Every Service
// hop is a trace event: client pod → kernel (the rules that matched) → endpoint pod.
import type { Pod } from "kubernetes-types/core/v1";
import type { ApiServerClient } from "../apiserver/types";
import type { Clock, Rng } from "../clock";
import { INTERNET_RTT_MS, type PublicHost, publicGet, publicHostAt } from "../net/internet";
import type { DnsReply, DnsType, HttpResult, PodNetwork } from "../net/types";
import { Deferred } from "../task";
import type { TraceLog } from "../trace";
import { CLUSTER_DNS_IP, type ClusterDns } from "./clusterDns";
import { type Netfilter, probabilityText, type Verdict } from "./netfilter";

export interface NodeNetworkOptions {
  inner: PodNetwork;
  netfilter: Netfilter;
  dns: ClusterDns;
  api: ApiServerClient;
  clock: Clock;
  trace: TraceLog;
  /** Draws for `-m statistic --mode random` (seeded: a run is reproducible). */
  random: Rng;
  /** The node's own addresses (addrtype LOCAL): its IP first, then loopback. */
  localAddrs: string[];
  /** The cni0 bridge's address (the pods' gateway): what MASQUERADE gives a connection to a local pod. */
  bridgeIP?: string;
  /** The kubelet's clusterDNS. */
  clusterDnsIp?: string;
}

type HttpReq = Parameters<PodNetwork["httpGet"]>[0];

export class NodeNetwork implements PodNetwork {
  constructor(private readonly o: NodeNetworkOptions) {}

  /** The pod (`ns/name`) that owns an IP, for trace events. */
  private podAt(ip: string | undefined): string | undefined {
    if (!ip) return undefined;
    const p = this.o.api
      .list<Pod>("Pod")
      .find((x) => x.status?.podIP === ip && x.status?.phase !== "Succeeded" && x.status?.phase !== "Failed");
    return p ? `${p.metadata?.namespace}/${p.metadata?.name}` : undefined;
  }

  /** The netfilter hooks for a new TCP connection; undefined when nothing of kube-proxy's matched. */
  private route(host: string, port: number, source?: string): Verdict | undefined {
    const v = this.o.netfilter.traverse(
      {
        // the node's own connections: loopback ones leave from 127.0.0.1, the others from its address
        src: source ?? (host.startsWith("127.") ? "127.0.0.1" : (this.o.localAddrs[0] ?? "0.0.0.0")),
        dst: host,
        proto: "tcp",
        dport: port,
        localAddrs: this.o.localAddrs,
      },
      source === undefined,
      this.o.random,
    );
    if (!v.dnat && !v.rejected && !v.dropped) return undefined;
    const { trace } = this.o;
    if (trace.enabled) {
      const from = this.podAt(source);
      // KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… (probability …) → DNAT 10.244.0.5:80
      const hops: string[] = [];
      for (const h of v.path) {
        if (["PREROUTING", "OUTPUT", "FORWARD"].includes(h.chain)) continue;
        if (hops.length === 0) hops.push(h.chain);
        const stat = h.rule.matches.find((m) => m.m === "statistic");
        const p = stat?.m === "statistic" ? ` (probability ${probabilityText(stat.probability)})` : "";
        const t = h.rule.target;
        if (t?.t === "DNAT") hops.push(`DNAT ${t.to}`);
        else if (t?.t === "REJECT") hops.push(`REJECT (${t.rejectWith})`);
        else if (t?.t !== "MARK") hops.push(`${h.rule.jump}${p}`);
      }
      trace.record({
        from: from ? "container" : "kubelet",
        to: "kernel",
        kind: "net",
        summary: `${from ?? source ?? "node"} → ${host}:${port}: ${hops.join(" → ")}`,
        pod: from,
        detail: { host, port, source, path: hops, dnat: v.dnat, rejected: !!v.rejected },
      });
      if (v.dnat) {
        const to = this.podAt(v.dnat.ip);
        trace.record({
          from: "kernel",
          to: to ? "container" : "kernel",
          kind: "net",
          summary: `${host}:${port} → ${to ?? v.dnat.ip} (${v.dnat.ip}:${v.dnat.port})`,
          pod: to,
          detail: { service: `${host}:${port}`, endpoint: `${v.dnat.ip}:${v.dnat.port}` },
        });
      }
    }
    return v;
  }

  /** The node's own addresses and loopback. */
  private isLocal(host: string): boolean {
    return host.startsWith("127.") || this.o.localAddrs.includes(host);
  }

  /**
   * A port of the node itself that no kube-proxy rule claims: a hostNetwork pod's server listens on
   * the node's address; otherwise nothing does and the kernel refuses at once.
   */
  private local(req: HttpReq, url: string): Deferred<HttpResult> {
    const nodeIP = this.o.localAddrs[0];
    const hostPod = this.o.api
      .list<Pod>("Pod")
      .some((p) => p.spec?.hostNetwork && p.status?.podIP === nodeIP && p.status?.phase === "Running");
    if (!hostPod) return this.refused(req.host, req.port, url);
    return this.o.inner.httpGet({ ...req, host: nodeIP });
  }

  private refused<T>(host: string, port: number, url?: string): Deferred<T> {
    const d = new Deferred<T>();
    const dial = `dial tcp ${host}:${port}: connect: connection refused`;
    // ICMP port unreachable comes straight back: connect() fails with ECONNREFUSED
    this.o.clock.setTimer(1, () => d.reject(new Error(url ? `Get "${url}": ${dial}` : dial)));
    return d;
  }

  httpGet(req: HttpReq): Deferred<HttpResult> {
    const v = this.route(req.host, req.port, req.source);
    const site = v ? undefined : publicHostAt(req.host);
    if (site) return this.internet(req, site);
    const url = `${(req.scheme ?? "HTTP").toLowerCase()}://${req.host}:${req.port}${req.path}`;
    if (!v) return this.isLocal(req.host) ? this.local(req, url) : this.o.inner.httpGet(req);
    if (v.rejected || v.dropped) {
      if (v.dropped)
        return this.timeout(req.timeoutMs, `Get "${url}": dial tcp ${req.host}:${req.port}: i/o timeout`);
      return this.refused(req.host, req.port, url);
    }
    const dnat = v.dnat!;
    // MASQUERADE takes the address of the interface the packet leaves by: the cni0 bridge for a pod of
    // this node (the node itself reaching a ClusterIP, or a pod reaching itself through its Service)
    const remote = v.masquerade ? (this.o.bridgeIP ?? this.o.localAddrs[0]) : req.source;
    const headers = { ...(req.headers ?? {}) };
    if (remote && !headers["X-Remote-Addr"]) headers["X-Remote-Addr"] = remote;
    const out = new Deferred<HttpResult>();
    this.o.inner.httpGet({ ...req, host: dnat.ip, port: dnat.port, headers }).onSettle((r) => {
      if (r.ok) out.resolve(r.value);
      // errors name the address the client dialled, not the endpoint behind it
      else
        out.reject(
          new Error(
            (r.error as Error).message
              .split(`${dnat.ip}:${dnat.port}`)
              .join(`${req.host}:${req.port}`)
              .replace(/Get "[^"]*"/, `Get "${url}"`),
          ),
        );
    });
    return out;
  }

  tcpConnect(req: { host: string; port: number; timeoutMs: number; source?: string }): Deferred<void> {
    const v = this.route(req.host, req.port, req.source);
    if (!v && publicHostAt(req.host)) {
      // a public web server: port 80 answers, anything else is filtered on the way
      if (req.port === 80) {
        const d = new Deferred<void>();
        this.o.clock.setTimer(INTERNET_RTT_MS, () => d.resolve());
        return d;
      }
      return this.timeout(req.timeoutMs, `dial tcp ${req.host}:${req.port}: i/o timeout`);
    }
    if (!v) return this.o.inner.tcpConnect(req);
    if (v.dropped) return this.timeout(req.timeoutMs, `dial tcp ${req.host}:${req.port}: i/o timeout`);
    if (v.rejected) return this.refused(req.host, req.port);
    return this.o.inner.tcpConnect({ ...req, host: v.dnat!.ip, port: v.dnat!.port });
  }

  /** A GET leaving the node for a public host (the pod's traffic masqueraded to the node's address). */
  private internet(req: HttpReq, site: PublicHost): Deferred<HttpResult> {
    const url = `${(req.scheme ?? "HTTP").toLowerCase()}://${req.host}:${req.port}${req.path}`;
    if (req.port !== 80 || req.scheme === "HTTPS")
      return this.timeout(req.timeoutMs, `Get "${url}": dial tcp ${req.host}:${req.port}: i/o timeout`);
    const { trace } = this.o;
    if (trace.enabled) {
      const from = this.podAt(req.source);
      trace.record({
        from: from ? "container" : "kubelet",
        to: "kernel",
        kind: "net",
        summary: `${from ?? req.source ?? "node"} → ${site.name} (${req.host}:${req.port}): routed off the node, MASQUERADE`,
        pod: from,
        detail: { host: req.host, port: req.port, path: req.path, site: site.name },
      });
    }
    const d = new Deferred<HttpResult>();
    this.o.clock.setTimer(INTERNET_RTT_MS * 2, () => d.resolve(publicGet(site, req.path)));
    return d;
  }

  private timeout<T>(ms: number, message: string): Deferred<T> {
    const d = new Deferred<T>();
    this.o.clock.setTimer(ms, () => d.reject(new Error(message)));
    return d;
  }

  dnsQuery(req: { server: string; name: string; type: DnsType; source?: string }): Deferred<DnsReply> {
    const d = new Deferred<DnsReply>();
    const serverIp = req.server.replace(/:53$/, "");
    const clusterDns = this.o.clusterDnsIp ?? CLUSTER_DNS_IP;
    if (serverIp !== clusterDns) {
      // nothing listens there in the simulation: the resolver gives up after its timeout
      this.o.clock.setTimer(5000, () => d.reject(new Error("connection timed out")));
      return d;
    }
    const reply = this.o.dns.answer(req.name, req.type);
    if (this.o.trace.enabled) {
      const from = this.podAt(req.source);
      const ans = reply.answers.map((a) => a.data).join(", ");
      this.o.trace.record({
        from: from ? "container" : "kubelet",
        to: "dns",
        kind: "net",
        summary: `${req.type}? ${req.name} → ${reply.rcode === "NOERROR" ? ans || "no answer" : reply.rcode}`,
        pod: from,
        detail: { server: clusterDns, name: req.name, type: req.type, reply },
      });
    }
    this.o.clock.setTimer(1, () => d.resolve(reply));
    return d;
  }
}
