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
  }): Deferred<HttpResult>;
  tcpConnect(req: { host: string; port: number; timeoutMs: number }): Deferred<void>;
}
