// What crosses the pod network: the kubelet's httpGet/tcpSocket probes and a container's wget
// reach whatever listens on a pod IP. SimRuntime implements it from its program model.
import type { Deferred } from "../task";

export interface HttpResult {
  statusCode: number;
  body: string;
  /** For 3xx: the Location header. */
  location?: string;
}

export interface PodNetwork {
  /** Rejects with an Error whose message is Go's wording, e.g. `dial tcp 10.244.0.5:8080: connect: connection refused`. */
  httpGet(req: {
    host: string;
    port: number;
    path: string;
    scheme?: "HTTP" | "HTTPS";
    timeoutMs: number;
    headers?: Record<string, string>;
    /** The sending pod's IP (absent: the node itself, e.g. the kubelet's probes). */
    source?: string;
  }): Deferred<HttpResult>;
  tcpConnect(req: { host: string; port: number; timeoutMs: number; source?: string }): Deferred<void>;
  /**
   * One DNS query to `server` (UDP 53). Present where a cluster DNS is modelled; rejects with a
   * timeout Error when nothing answers at `server`.
   */
  dnsQuery?(req: { server: string; name: string; type: DnsType; source?: string }): Deferred<DnsReply>;
}

export type DnsType = "A" | "AAAA" | "PTR";

export interface DnsAnswer {
  name: string;
  type: DnsType;
  /** An address for A/AAAA, a domain name for PTR. */
  data: string;
}

/** A DNS response: RFC 1035 rcode, the answer section, and the AA bit. */
export interface DnsReply {
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED";
  answers: DnsAnswer[];
  authoritative: boolean;
  /** The zone's SOA an authoritative server puts in the authority section of NXDOMAIN / no-data replies. */
  soa?: { zone: string; serial: number };
}
