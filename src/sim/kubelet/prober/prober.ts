// k8s: pkg/kubelet/prober/prober.go (+ pkg/probe/http, tcp, exec, grpc) — simplified: no redirects followed.
import type { Container, Pod, Probe } from "kubernetes-types/core/v1";
import { errorText } from "../../cri/errors";
import { settle, type Task } from "../../task";
import { resolvePort } from "../kuberuntime/kuberuntimeContainer";
import type { KubeletDeps } from "../types";

export type ProbeType = "Liveness" | "Readiness" | "Startup";
export type ProbeResult = "Success" | "Warning" | "Failure" | "Unknown";

export interface ProbeOutcome {
  result: ProbeResult;
  output: string;
}

/** Runs one probe (exec via the CRI's ExecSync, httpGet/tcpSocket over the pod network). */
export function* runProbe(
  deps: KubeletDeps,
  pod: Pod,
  c: Container,
  containerId: string,
  p: Probe,
  podIP: string,
): Task<ProbeOutcome> {
  const timeoutSeconds = p.timeoutSeconds ?? 1;
  if (p.exec?.command) {
    const r = yield* settle(
      deps.runtime.execSync({ containerId, cmd: p.exec.command, timeout: timeoutSeconds }),
    );
    if (!r.ok) {
      const t = errorText(r.error);
      if (/DeadlineExceeded|timed out|deadline exceeded/.test(t))
        return { result: "Failure", output: `command ${JSON.stringify(p.exec.command.join(" "))} timed out` };
      return { result: "Unknown", output: t };
    }
    const out = r.value.stdout + r.value.stderr;
    return { result: r.value.exitCode === 0 ? "Success" : "Failure", output: out };
  }
  if (p.httpGet) {
    const port = resolvePort(p.httpGet.port, c);
    const host = p.httpGet.host || podIP;
    const path = p.httpGet.path || "/";
    const scheme = (p.httpGet.scheme ?? "HTTP") as "HTTP" | "HTTPS";
    const headers: Record<string, string> = {};
    for (const h of p.httpGet.httpHeaders ?? []) headers[h.name] = h.value;
    const r = yield* settle(
      deps.network.httpGet({ host, port, path, scheme, timeoutMs: timeoutSeconds * 1000, headers }),
    );
    if (!r.ok) {
      const t = errorText(r.error);
      const url = `${scheme.toLowerCase()}://${host}:${port}${path}`;
      return { result: "Failure", output: t.startsWith("Get ") ? t : `Get ${JSON.stringify(url)}: ${t}` };
    }
    const code = r.value.statusCode;
    if (code >= 200 && code < 400) {
      if (code >= 300)
        return { result: "Warning", output: `Probe terminated redirects, Response body: ${r.value.body}` };
      return { result: "Success", output: r.value.body };
    }
    return { result: "Failure", output: `HTTP probe failed with statuscode: ${code}` };
  }
  if (p.tcpSocket) {
    const port = resolvePort(p.tcpSocket.port, c);
    const host = p.tcpSocket.host || podIP;
    const r = yield* settle(deps.network.tcpConnect({ host, port, timeoutMs: timeoutSeconds * 1000 }));
    if (!r.ok) return { result: "Failure", output: errorText(r.error) };
    return { result: "Success", output: "" };
  }
  if (p.grpc) {
    // pkg/probe/grpc: dial (blocking until the timeout), then grpc.health.v1 Check. A program that
    // listens on the port serves the health service (etcd does).
    const addr = `${podIP}:${p.grpc.port}`;
    const r = yield* settle(
      deps.network.tcpConnect({ host: podIP, port: p.grpc.port, timeoutMs: timeoutSeconds * 1000 }),
    );
    if (!r.ok)
      return {
        result: "Failure",
        output: `timeout: failed to connect service ${JSON.stringify(addr)} within ${timeoutSeconds}s: context deadline exceeded`,
      };
    return { result: "Success", output: "service is serving" };
  }
  return { result: "Unknown", output: `missing probe handler for ${pod.metadata?.name}:${c.name}` };
}
