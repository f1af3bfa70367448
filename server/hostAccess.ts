// The two things a page's kubelet needs from the backend host besides the CRI, both restricted to
// the session's own pods: ReadLog (the CRI log file a container's ContainerStatus names — the
// kubelet reads it from disk on a real node; a browser cannot) and Probe (an httpGet/tcpSocket
// probe to a pod IP, which only the host can reach). Errors read like Go's net/http ones.
import { open } from "node:fs/promises";
import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import type { CriClient } from "./criClient";
import { Code, POD_LOG_ROOT, PolicyError } from "./policy";
import type { Session } from "./session";

/** One ReadLog answer carries at most this much; the page asks again from `offset + content`. */
export const READ_LOG_MAX_BYTES = 256 * 1024;
/** A probe body beyond this is cut (the kubelet reads 10 KiB: prober/http maxRespBodyLength). */
const PROBE_BODY_MAX = 10 * 1024;

export interface ReadLogRequest {
  containerId: string;
  /** Byte offset to read from (0 = the start). */
  offset?: number;
}
export interface ReadLogResponse {
  path: string;
  /** Where `content` starts in the file. */
  offset: number;
  content: string;
  /** File size now: smaller than the page's offset → the file was rotated or recreated. */
  size: number;
}

export async function readLog(
  cri: CriClient,
  session: Session,
  req: ReadLogRequest,
): Promise<ReadLogResponse> {
  await session.own("container", req?.containerId);
  const { status } = await cri.call("ContainerStatus", { containerId: req.containerId });
  const path: string = status?.logPath ?? "";
  // The policy kept log directories under /var/log/pods; check the resolved answer again anyway.
  if (!path.startsWith(POD_LOG_ROOT) || path.includes(".."))
    throw new PolicyError(
      Code.PermissionDenied,
      `log path ${JSON.stringify(path)} is not under ${POD_LOG_ROOT}`,
    );
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, "r");
    const { size } = await fh.stat();
    let offset = Math.max(0, Math.floor(Number(req.offset) || 0));
    if (offset > size) offset = 0;
    const len = Math.min(size - offset, READ_LOG_MAX_BYTES);
    const buf = Buffer.alloc(len);
    if (len > 0) await fh.read(buf, 0, len, offset);
    // never split a UTF-8 sequence or a line: hand back whole lines only
    const cut = buf.lastIndexOf(0x0a);
    const content = cut === -1 ? "" : buf.subarray(0, cut + 1).toString("utf8");
    return { path, offset, content, size };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { path, offset: 0, content: "", size: 0 };
    throw e;
  } finally {
    await fh?.close();
  }
}

export interface ProbeRequest {
  kind: "http" | "tcp";
  host: string;
  port: number;
  path?: string;
  scheme?: "HTTP" | "HTTPS";
  timeoutMs: number;
  headers?: Record<string, string>;
}
/** A probe's outcome: not a gRPC error (the network answered, or did not). */
export type ProbeResponse =
  | { ok: true; statusCode?: number; body?: string; location?: string }
  | { ok: false; error: string };

/** The pod IPs of this session's ready sandboxes: the only hosts a probe may reach. */
async function sessionPodIps(cri: CriClient, session: Session): Promise<Set<string>> {
  const ips = new Set<string>();
  const { items = [] } = await cri.call("ListPodSandbox", { filter: { labelSelector: session.selector } });
  for (const s of items) {
    const st = await cri.call("PodSandboxStatus", { podSandboxId: s.id }).catch(() => undefined);
    const n = st?.status?.network;
    if (n?.ip) ips.add(n.ip);
    for (const a of n?.additionalIps ?? []) if (a?.ip) ips.add(a.ip);
  }
  return ips;
}

/** Go's dial errors: `dial tcp 10.88.0.5:8080: connect: connection refused`. */
function dialError(host: string, port: number, e: NodeJS.ErrnoException): string {
  const why: Record<string, string> = {
    ECONNREFUSED: "connect: connection refused",
    EHOSTUNREACH: "connect: no route to host",
    ENETUNREACH: "connect: network is unreachable",
    ECONNRESET: "read: connection reset by peer",
  };
  return `dial tcp ${host}:${port}: ${why[e.code ?? ""] ?? e.message}`;
}

export async function probe(cri: CriClient, session: Session, req: ProbeRequest): Promise<ProbeResponse> {
  const port = Number(req?.port);
  if (!req || typeof req.host !== "string" || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new PolicyError(Code.InvalidArgument, "probe: host and port are required");
  if (!(await sessionPodIps(cri, session)).has(req.host))
    throw new PolicyError(
      Code.PermissionDenied,
      `probe: ${req.host} is not the IP of one of this session's pods (k8s-node-sim backend probes only those)`,
    );
  const timeoutMs = Math.min(Math.max(Number(req.timeoutMs) || 1000, 100), 60_000);
  if (req.kind === "tcp") return tcpProbe(req.host, port, timeoutMs);
  return httpProbe(req, port, timeoutMs);
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeResponse> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ ok: false, error: `dial tcp ${host}:${port}: i/o timeout` });
    }, timeoutMs);
    sock.once("connect", () => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ ok: true });
    });
    sock.once("error", (e) => {
      clearTimeout(timer);
      resolve({ ok: false, error: dialError(host, port, e) });
    });
  });
}

function httpProbe(req: ProbeRequest, port: number, timeoutMs: number): Promise<ProbeResponse> {
  const scheme = req.scheme === "HTTPS" ? "https" : "http";
  const path = req.path || "/";
  const url = `${scheme}://${req.host}:${port}${path}`;
  return new Promise((resolve) => {
    const lib = scheme === "https" ? https : http;
    const r = lib.request(
      {
        host: req.host,
        port,
        path,
        method: "GET",
        // kubelet: prober/http sends its own User-Agent and skips TLS verification
        headers: { "User-Agent": "kube-probe/1.34", Accept: "*/*", ...(req.headers ?? {}) },
        rejectUnauthorized: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let n = 0;
        res.on("data", (c: Buffer) => {
          if (n < PROBE_BODY_MAX) chunks.push(c);
          n += c.length;
        });
        res.on("end", () =>
          resolve({
            ok: true,
            statusCode: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, PROBE_BODY_MAX).toString("utf8"),
            location: typeof res.headers.location === "string" ? res.headers.location : undefined,
          }),
        );
        res.on("error", (e) => resolve({ ok: false, error: `Get ${JSON.stringify(url)}: ${e.message}` }));
      },
    );
    r.on("timeout", () => {
      r.destroy();
      resolve({
        ok: false,
        error: `Get ${JSON.stringify(url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      });
    });
    r.on("error", (e: NodeJS.ErrnoException) => resolve({ ok: false, error: dialError(req.host, port, e) }));
    r.end();
  });
}
