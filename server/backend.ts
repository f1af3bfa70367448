// The k8s-node-sim backend: a WebSocket endpoint that bridges the page's CRI calls to a real
// runtime over gRPC. Wire format (JSON text frames):
//   page → backend  {token, session?}            (first message, unless ?token= is in the URL)
//                   {id, method, request}        method: runtime.v1 name, e.g. "RunPodSandbox",
//                                                or ReadLog / Probe (server/hostAccess.ts)
//   backend → page  {event: "hello", session, runtime: {up, endpoint}, allowPrivileged}
//                   {id, response} | {id, error: {code, message}}   code: numeric gRPC status
//                   {event: "runtime", up, message?}                runtime went down / came back
//                   {stream: "containerEvents", event}              after GetContainerEvents
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { CriCallError, CriClient, type CriMethod, IMAGE_METHODS, RUNTIME_METHODS } from "./criClient";
import { probe as probeFromHost, readLog } from "./hostAccess";
import { Code, checkRequest, PolicyError } from "./policy";
import { Session } from "./session";

export interface BackendOptions {
  /** host:port; default 127.0.0.1:7070 (port 0 = any free port). */
  listen?: string;
  /** Random when absent. */
  token?: string;
  runtimeEndpoint?: string;
  allowPrivileged?: boolean;
  /** Origins a browser may connect from (requests without Origin — Node clients — are allowed). */
  origins?: string[];
  /** How long a disconnected session's pods live on (a reload resumes them). */
  graceMs?: number;
  maxMessageBytes?: number;
  /** Event polling period when the runtime has no GetContainerEvents (containerd 1.6). */
  eventPollMs?: number;
  log?: (line: string) => void;
}

export interface Backend {
  url: string;
  token: string;
  port: number;
  runtimeUp(): boolean;
  sessionIds(): string[];
  /** Closes connections; cleanUp (default true) removes every session's pods first. */
  close(cleanUp?: boolean): Promise<void>;
}

export const DEFAULT_ORIGINS = [
  "http://localhost:5173",
  "http://127.0.0.1:5173",
  "http://localhost:4173",
  "http://127.0.0.1:4173",
];
const ALLOWED = new Set<string>([...RUNTIME_METHODS, ...IMAGE_METHODS]);
const SANDBOX_SCOPED = new Set(["PodSandboxStatus", "StopPodSandbox", "RemovePodSandbox"]);
const CONTAINER_SCOPED = new Set([
  "StartContainer",
  "StopContainer",
  "RemoveContainer",
  "ContainerStatus",
  "UpdateContainerResources",
  "ExecSync",
  "ContainerStats",
]);
const LISTS = new Set(["ListPodSandbox", "ListContainers", "ListContainerStats"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startBackend(opts: BackendOptions = {}): Promise<Backend> {
  const [host, portStr] = (opts.listen ?? "127.0.0.1:7070").split(/:(?=\d+$)/);
  const token = opts.token ?? randomBytes(16).toString("hex");
  const endpoint = opts.runtimeEndpoint ?? "unix:///run/containerd/containerd.sock";
  const origins = new Set(opts.origins?.length ? opts.origins : DEFAULT_ORIGINS);
  const graceMs = opts.graceMs ?? 10_000;
  const allowPrivileged = opts.allowPrivileged ?? false;
  const log = opts.log ?? ((s: string) => console.log(`[backend] ${s}`));
  const cri = new CriClient({ endpoint });
  const sessions = new Map<string, Session>();
  const sockets = new Set<WebSocket>();

  // ── runtime monitor: Version every second; back-off while down; tell every page ─────────────
  let up = false;
  let monitorTimer: NodeJS.Timeout | undefined;
  let backoff = 250;
  let closed = false;
  const broadcast = (msg: unknown): void => {
    const text = JSON.stringify(msg);
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN && (ws as any).authed) ws.send(text);
  };
  const setUp = (v: boolean, message?: string): void => {
    if (v === up) return;
    up = v;
    log(v ? `runtime ${endpoint} is up` : `runtime ${endpoint} is down: ${message}`);
    broadcast({ event: "runtime", up: v, ...(message ? { message } : {}) });
  };
  const probe = async (): Promise<void> => {
    monitorTimer = undefined;
    if (closed) return;
    try {
      await cri.call("Version", { version: "v1" }, 1500);
      setUp(true);
      backoff = 250;
    } catch (e) {
      setUp(false, e instanceof CriCallError ? e.details : String(e));
      backoff = Math.min(backoff * 2, 5000);
    }
    if (!closed) monitorTimer = setTimeout(probe, up ? 1000 : backoff);
  };
  const probeNow = (): void => {
    if (monitorTimer) clearTimeout(monitorTimer);
    void probe();
  };
  await probe();

  // ── one request ─────────────────────────────────────────────────────────────────────────────
  async function handle(session: Session, method: string, request: any): Promise<unknown> {
    if (method === "GetContainerEvents") {
      session.subscribeEvents();
      return {};
    }
    if (method === "CancelContainerEvents") {
      session.unsubscribeEvents();
      return {};
    }
    // Not CRI: what the page's kubelet reads from the host (its containers' logs, probes to its pod IPs).
    if (method === "ReadLog") return readLog(cri, session, request);
    if (method === "Probe") return probeFromHost(cri, session, request);
    if (!ALLOWED.has(method))
      throw new PolicyError(Code.Unimplemented, `method ${method} is not allowed by k8s-node-sim backend`);
    const m = method as CriMethod;
    let req = request ?? {};
    checkRequest(m, req, allowPrivileged);
    if (SANDBOX_SCOPED.has(m)) await session.own("sandbox", req.podSandboxId);
    if (CONTAINER_SCOPED.has(m)) await session.own("container", req.containerId);
    if (LISTS.has(m)) req = session.scopeFilter(req);
    if (m === "RunPodSandbox") session.label(req.config);
    if (m === "CreateContainer") {
      await session.own("sandbox", req.podSandboxId);
      session.label(req.config);
      session.label(req.sandboxConfig);
    }
    const res = await cri.call(m, req);
    if (m === "RunPodSandbox") session.sandboxes.add(res.podSandboxId);
    if (m === "CreateContainer") session.containers.add(res.containerId);
    if (m === "RemovePodSandbox") session.sandboxes.delete(req.podSandboxId);
    if (m === "RemoveContainer") session.containers.delete(req.containerId);
    return res;
  }

  function attach(ws: WebSocket, session: Session): void {
    if (session.graceTimer) clearTimeout(session.graceTimer);
    session.graceTimer = undefined;
    session.send = (msg) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(msg));
    (ws as any).authed = true;
    session.send({ event: "hello", session: session.id, runtime: { up, endpoint }, allowPrivileged });
  }

  function detach(ws: WebSocket, session: Session | undefined): void {
    sockets.delete(ws);
    if (!session || closed) return;
    session.send = undefined;
    session.unsubscribeEvents();
    session.graceTimer = setTimeout(() => void reap(session, 0), graceMs);
  }

  async function reap(session: Session, attempt: number): Promise<void> {
    if (session.send) return; // resumed
    try {
      const n = await session.cleanUp();
      sessions.delete(session.id);
      log(`session ${session.id} gone: removed ${n} pod sandbox(es)`);
    } catch (e) {
      if (attempt < 20) session.graceTimer = setTimeout(() => void reap(session, attempt + 1), 3000);
      else log(`session ${session.id}: clean-up failed: ${String(e)}`);
    }
  }

  // ── the WebSocket server ───────────────────────────────────────────────────────────────────
  const wss = new WebSocketServer({
    host,
    port: Number(portStr),
    maxPayload: opts.maxMessageBytes ?? 1024 * 1024,
    perMessageDeflate: false,
    verifyClient: (
      info: { origin: string; req: IncomingMessage },
      done: (ok: boolean, code?: number, msg?: string) => void,
    ) => {
      // Browsers always send Origin: only the simulator's pages may drive this host's runtime.
      if (info.origin && !origins.has(info.origin)) return done(false, 403, "origin not allowed");
      const q = new URL(info.req.url ?? "/", "http://x").searchParams.get("token");
      if (q !== null && !sameToken(q, token)) return done(false, 401, "invalid token");
      done(true);
    },
  });
  await new Promise<void>((res, rej) => {
    wss.once("listening", () => res());
    wss.once("error", rej);
  });
  const port = (wss.address() as AddressInfo).port;

  wss.on("connection", (ws, req) => {
    sockets.add(ws);
    const params = new URL(req.url ?? "/", "http://x").searchParams;
    let session: Session | undefined;
    const open = (resume: string | null): void => {
      const old = resume ? sessions.get(resume) : undefined;
      session =
        old && !old.send
          ? old
          : new Session(randomBytes(6).toString("hex"), cri, opts.eventPollMs ?? 1000, log);
      sessions.set(session.id, session);
      attach(ws, session);
    };
    if (params.get("token") !== null) open(params.get("session"));
    const authTimer = session ? undefined : setTimeout(() => ws.close(4401, "token required"), 5000);

    ws.on("message", (data, isBinary) => {
      let msg: any;
      try {
        msg = JSON.parse(isBinary ? "" : data.toString());
      } catch {
        return ws.close(4400, "messages are JSON text");
      }
      if (!session) {
        clearTimeout(authTimer);
        if (typeof msg?.token !== "string" || !sameToken(msg.token, token))
          return ws.close(4401, "invalid or missing token");
        return open(typeof msg.session === "string" ? msg.session : null);
      }
      if (msg?.token !== undefined && msg.id === undefined) return; // a redundant auth message
      const s = session;
      const { id, method, request } = msg ?? {};
      handle(s, String(method), request).then(
        (response) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ id, response })),
        (e: unknown) => {
          const code = e instanceof CriCallError || e instanceof PolicyError ? e.code : Code.Unavailable;
          const message = e instanceof CriCallError ? e.details : e instanceof Error ? e.message : String(e);
          if (code === Code.Unavailable) probeNow();
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ id, error: { code, message } }));
        },
      );
    });
    // e.g. a frame over maxPayload: ws closes with 1009; without a listener it would crash the backend
    ws.on("error", (e) => log(`connection error: ${e.message}`));
    ws.on("close", () => {
      clearTimeout(authTimer);
      detach(ws, session);
    });
  });

  const url = `ws://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    token,
    port,
    runtimeUp: () => up,
    sessionIds: () => [...sessions.keys()],
    async close(cleanUp = true) {
      closed = true;
      if (monitorTimer) clearTimeout(monitorTimer);
      for (const ws of sockets) ws.close(1001, "backend shutting down");
      await new Promise<void>((res) => wss.close(() => res()));
      for (const s of sessions.values()) {
        if (s.graceTimer) clearTimeout(s.graceTimer);
        s.send = undefined;
        if (cleanUp) await s.cleanUp().catch((e) => log(`session ${s.id}: clean-up failed: ${String(e)}`));
        else s.unsubscribeEvents();
      }
      sessions.clear();
      cri.close();
    },
  };
}
