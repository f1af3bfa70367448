// k8s: pkg/kubelet/cri/remote/remote_runtime.go + remote_image.go — simplified: the kubelet's
// CRI client, but over the k8s-node-sim backend's WebSocket (server/backend.ts) instead of gRPC.
// Each call is a JSON frame {id, method, request}; the Deferred settles synchronously when the
// reply frame arrives, errors become CriError with the gRPC code the runtime answered. Browser-safe:
// no Node imports; the socket comes from a factory (browser WebSocket or the `ws` package).
import {
  type ContainerEventResponse,
  CriError,
  GRPC_CODE_NUMBERS,
  type GrpcCode,
  type ImageService,
  type RuntimeService,
} from "../sim/cri";
import { Deferred } from "../sim/task";

/** The part of the WebSocket API used here (the browser's and `ws`'s both have it). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: any) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: any) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface RemoteState {
  /** The WebSocket to the backend is open and authenticated. */
  connected: boolean;
  /** The backend reaches the container runtime (false → the kubelet's runtime is down). */
  runtimeUp: boolean;
  session?: string;
  endpoint?: string;
  /** Why we are disconnected / the runtime is down. */
  message?: string;
}

export interface RemoteRuntimeOptions {
  /** ws://127.0.0.1:7070 */
  url: string;
  token: string;
  createSocket?: WebSocketFactory;
  /** Reconnect (and resume the session) after the socket drops. Default true. */
  reconnect?: boolean;
  /** Rejects a call with DeadlineExceeded after this many ms (0 = only the backend's deadline). */
  callTimeoutMs?: number;
  onState?: (s: RemoteState) => void;
}

/** ReadLog (backend, not CRI): a piece of a session container's CRI log file from `offset`. */
export interface ReadLogResponse {
  path: string;
  offset: number;
  content: string;
  size: number;
}
/** Probe (backend, not CRI): an httpGet/tcpSocket probe made from the backend host to a session pod IP. */
export interface ProbeRequest {
  kind: "http" | "tcp";
  host: string;
  port: number;
  path?: string;
  scheme?: "HTTP" | "HTTPS";
  timeoutMs: number;
  headers?: Record<string, string>;
}
export type ProbeResponse =
  | { ok: true; statusCode?: number; body?: string; location?: string }
  | { ok: false; error: string };

const CODE_NAMES: Record<number, GrpcCode> = Object.fromEntries(
  Object.entries(GRPC_CODE_NUMBERS).map(([name, n]) => [n, name as GrpcCode]),
);
/** WebSocket close codes the backend uses for refusals: do not retry those. */
const FATAL_CLOSE = new Set([4400, 4401, 4403]);

interface Pending {
  d: Deferred<any>;
  timer?: ReturnType<typeof setTimeout>;
}

export class RemoteRuntime implements RuntimeService, ImageService {
  private readonly opts: RemoteRuntimeOptions;
  private readonly factory: WebSocketFactory;
  private ws: WebSocketLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Frames waiting for the backend's hello. */
  private queue: string[] = [];
  private readonly eventListeners = new Set<(e: ContainerEventResponse) => void>();
  private readonly stateListeners = new Set<(s: RemoteState) => void>();
  private hello = new Deferred<RemoteState>();
  private closedByUser = false;
  private retryMs = 250;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  state: RemoteState = { connected: false, runtimeUp: false };

  constructor(opts: RemoteRuntimeOptions) {
    this.opts = opts;
    this.factory =
      opts.createSocket ??
      ((url) => {
        const WS = (globalThis as any).WebSocket;
        if (!WS) throw new Error("no WebSocket in this environment: pass createSocket");
        return new WS(url) as WebSocketLike;
      });
    if (opts.onState) this.stateListeners.add(opts.onState);
    this.connect();
  }

  /** Settles when the backend has accepted the token (rejects if it refuses). */
  ready(): Promise<RemoteState> {
    return this.hello.toPromise();
  }

  onState(listener: (s: RemoteState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.closedByUser = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.ws?.close(1000, "client closed");
    this.failAll("connection closed by client");
  }

  // ── transport ───────────────────────────────────────────────────────────────────────────────
  private setState(patch: Partial<RemoteState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.stateListeners) l(this.state);
  }

  private connect(): void {
    let ws: WebSocketLike;
    try {
      ws = this.factory(this.opts.url);
    } catch (e) {
      this.setState({ connected: false, message: String(e) });
      this.hello.reject(new CriError("Unavailable", `connection error: ${String(e)}`));
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      // The token travels in the first frame, not the URL (URLs end up in logs).
      ws.send(JSON.stringify({ token: this.opts.token, session: this.state.session }));
    };
    ws.onmessage = (ev) => this.onFrame(typeof ev.data === "string" ? ev.data : String(ev.data));
    ws.onerror = () => {};
    ws.onclose = (ev) => this.onClose(ws, ev.code, ev.reason);
  }

  private onClose(ws: WebSocketLike, code: number, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    const message = `k8s-node-sim backend ${this.opts.url} closed the connection (${code}${reason ? ` ${reason}` : ""})`;
    this.failAll(message);
    this.setState({ connected: false, runtimeUp: false, message });
    const fatal = FATAL_CLOSE.has(code) || this.closedByUser || this.opts.reconnect === false;
    if (!this.hello.settled && (fatal || this.state.session === undefined)) {
      this.hello.reject(new CriError(code === 4401 ? "Unauthenticated" : "Unavailable", message));
    }
    if (fatal) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.hello.settled) this.hello = new Deferred<RemoteState>();
      this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  private failAll(message: string): void {
    const err = new CriError("Unavailable", `connection error: ${message}`);
    for (const [, p] of this.pending) {
      if (p.timer) clearTimeout(p.timer);
      p.d.reject(err);
    }
    this.pending.clear();
    this.queue = [];
  }

  private onFrame(text: string): void {
    let msg: any;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (msg.event === "hello") {
      this.retryMs = 250;
      this.setState({
        connected: true,
        runtimeUp: !!msg.runtime?.up,
        session: msg.session,
        endpoint: msg.runtime?.endpoint,
        message: undefined,
      });
      const q = this.queue;
      this.queue = [];
      for (const f of q) this.ws?.send(f);
      // a resumed connection re-opens the event feed
      if (this.eventListeners.size > 0) this.send("GetContainerEvents", {}).onSettle(() => {});
      this.hello.resolve(this.state);
      return;
    }
    if (msg.event === "runtime") {
      this.setState({ runtimeUp: !!msg.up, message: msg.message });
      return;
    }
    if (msg.stream === "containerEvents") {
      for (const l of this.eventListeners) l(msg.event as ContainerEventResponse);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (p.timer) clearTimeout(p.timer);
    if (msg.error)
      p.d.reject(new CriError(CODE_NAMES[msg.error.code] ?? "Unknown", String(msg.error.message)));
    else p.d.resolve(msg.response ?? {});
  }

  /** One CRI call by its runtime.v1 name. */
  send<T>(method: string, request: unknown): Deferred<T> {
    const d = new Deferred<T>();
    if (this.closedByUser || (!this.ws && !this.retryTimer)) {
      d.reject(
        new CriError(
          "Unavailable",
          `connection error: k8s-node-sim backend ${this.opts.url} is not connected`,
        ),
      );
      return d;
    }
    const id = this.nextId++;
    const p: Pending = { d };
    if (this.opts.callTimeoutMs) {
      p.timer = setTimeout(() => {
        this.pending.delete(id);
        d.reject(new CriError("DeadlineExceeded", "context deadline exceeded"));
      }, this.opts.callTimeoutMs);
    }
    this.pending.set(id, p);
    const frame = JSON.stringify({ id, method, request });
    if (this.state.connected && this.ws) this.ws.send(frame);
    else this.queue.push(frame);
    return d;
  }

  // ── RuntimeService ─────────────────────────────────────────────────────────────────────────
  version: RuntimeService["version"] = (req) => this.send("Version", req);
  status: RuntimeService["status"] = (req) => this.send("Status", req);
  runPodSandbox: RuntimeService["runPodSandbox"] = (req) => this.send("RunPodSandbox", req);
  stopPodSandbox: RuntimeService["stopPodSandbox"] = (req) => this.send("StopPodSandbox", req);
  removePodSandbox: RuntimeService["removePodSandbox"] = (req) => this.send("RemovePodSandbox", req);
  podSandboxStatus: RuntimeService["podSandboxStatus"] = (req) => this.send("PodSandboxStatus", req);
  listPodSandbox: RuntimeService["listPodSandbox"] = (req) => this.send("ListPodSandbox", req);
  createContainer: RuntimeService["createContainer"] = (req) => this.send("CreateContainer", req);
  startContainer: RuntimeService["startContainer"] = (req) => this.send("StartContainer", req);
  stopContainer: RuntimeService["stopContainer"] = (req) => this.send("StopContainer", req);
  removeContainer: RuntimeService["removeContainer"] = (req) => this.send("RemoveContainer", req);
  listContainers: RuntimeService["listContainers"] = (req) => this.send("ListContainers", req);
  containerStatus: RuntimeService["containerStatus"] = (req) => this.send("ContainerStatus", req);
  updateContainerResources: RuntimeService["updateContainerResources"] = (req) =>
    this.send("UpdateContainerResources", req);
  execSync: RuntimeService["execSync"] = (req) => this.send("ExecSync", req);
  containerStats: RuntimeService["containerStats"] = (req) => this.send("ContainerStats", req);
  listContainerStats: RuntimeService["listContainerStats"] = (req) => this.send("ListContainerStats", req);

  getContainerEvents(listener: (e: ContainerEventResponse) => void): () => void {
    this.eventListeners.add(listener);
    if (this.eventListeners.size === 1) this.send("GetContainerEvents", {}).onSettle(() => {});
    return () => {
      if (!this.eventListeners.delete(listener) || this.eventListeners.size > 0) return;
      if (this.state.connected) this.send("CancelContainerEvents", {}).onSettle(() => {});
    };
  }

  // ── the backend's host access (server/hostAccess.ts) ──────────────────────────────────────────
  readLog(req: { containerId: string; offset?: number }): Deferred<ReadLogResponse> {
    return this.send("ReadLog", req);
  }
  probe(req: ProbeRequest): Deferred<ProbeResponse> {
    return this.send("Probe", req);
  }

  // ── ImageService ───────────────────────────────────────────────────────────────────────────
  listImages: ImageService["listImages"] = (req) => this.send("ListImages", req);
  imageStatus: ImageService["imageStatus"] = (req) => this.send("ImageStatus", req);
  pullImage: ImageService["pullImage"] = (req) => this.send("PullImage", req);
  removeImage: ImageService["removeImage"] = (req) => this.send("RemoveImage", req);
  imageFsInfo: ImageService["imageFsInfo"] = (req) => this.send("ImageFsInfo", req);
}
