// k8s: pkg/probe/http/http.go + pkg/probe/tcp/tcp.go — simplified: on a real node the kubelet
// dials the pod IP itself; here the kubelet runs in the page, so the backend host (which can reach
// the pod network) makes the connection (Probe) and answers what the network said.
import type { HttpResult, PodNetwork } from "../sim/net/types";
import { Deferred } from "../sim/task";
import type { ProbeRequest, ProbeResponse, RemoteRuntime } from "./remoteRuntime";

export class RemoteNetwork implements PodNetwork {
  constructor(private readonly rt: Pick<RemoteRuntime, "probe">) {}

  httpGet(req: Parameters<PodNetwork["httpGet"]>[0]): Deferred<HttpResult> {
    const d = new Deferred<HttpResult>();
    this.ask({ kind: "http", ...req }).onSettle((r) => {
      if (!r.ok) d.reject(r.error);
      else if (!r.value.ok) d.reject(new Error(r.value.error));
      else
        d.resolve({
          statusCode: r.value.statusCode ?? 0,
          body: r.value.body ?? "",
          ...(r.value.location ? { location: r.value.location } : {}),
        });
    });
    return d;
  }

  tcpConnect(req: Parameters<PodNetwork["tcpConnect"]>[0]): Deferred<void> {
    const d = new Deferred<void>();
    this.ask({ kind: "tcp", ...req }).onSettle((r) => {
      if (!r.ok) d.reject(r.error);
      else if (!r.value.ok) d.reject(new Error(r.value.error));
      else d.resolve();
    });
    return d;
  }

  private ask(req: ProbeRequest): Deferred<ProbeResponse> {
    return this.rt.probe(req);
  }
}
