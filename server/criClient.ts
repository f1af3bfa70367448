// k8s: pkg/kubelet/cri/remote/remote_runtime.go — simplified: the backend's gRPC client to the
// CRI socket (containerd or CRI-O), from our own server/cri.proto. Calls take and give plain JSON
// objects shaped like src/sim/cri/types.ts (camelCase, int64 as numbers, state enums as numbers).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

const PROTO = join(dirname(fileURLToPath(import.meta.url)), "cri.proto");

/** Methods of runtime.v1.RuntimeService / ImageService the backend forwards (unary only). */
export const RUNTIME_METHODS = [
  "Version",
  "Status",
  "RunPodSandbox",
  "StopPodSandbox",
  "RemovePodSandbox",
  "PodSandboxStatus",
  "ListPodSandbox",
  "CreateContainer",
  "StartContainer",
  "StopContainer",
  "RemoveContainer",
  "ListContainers",
  "ContainerStatus",
  "UpdateContainerResources",
  "ExecSync",
  "ContainerStats",
  "ListContainerStats",
] as const;
export const IMAGE_METHODS = [
  "ListImages",
  "ImageStatus",
  "PullImage",
  "RemoveImage",
  "ImageFsInfo",
] as const;
export type CriMethod = (typeof RUNTIME_METHODS)[number] | (typeof IMAGE_METHODS)[number];

export class CriCallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(details);
  }
}

// Enum fields that src/sim/cri/types.ts spells as strings (the state enums stay numbers).
const NAMESPACE_MODE = ["POD", "CONTAINER", "NODE", "TARGET"];
const PROTOCOL = ["TCP", "UDP", "SCTP"];
const PROFILE_TYPE = ["RuntimeDefault", "Unconfined", "Localhost"];
const SIGNALS: Record<number, string> = {
  8: "SIGHUP",
  10: "SIGINT",
  13: "SIGKILL",
  18: "SIGQUIT",
  23: "SIGTERM",
  29: "SIGUSR1",
  30: "SIGUSR2",
};

/** Response → JSON for the browser: drop nulls, bytes → UTF-8, a few enums → their names. */
export function toJson(v: unknown, key = "", parent = ""): unknown {
  if (v === null || v === undefined) return undefined;
  if (Buffer.isBuffer(v)) return v.toString("utf8");
  if (Array.isArray(v)) return v.map((x) => toJson(x, key, parent));
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const y = toJson(x, k, key);
      if (y !== undefined) out[k] = y;
    }
    return out;
  }
  if (typeof v === "number") {
    if (
      (parent === "options" || parent === "namespaceOptions") &&
      (key === "network" || key === "pid" || key === "ipc")
    )
      return NAMESPACE_MODE[v] ?? v;
    if (key === "protocol") return PROTOCOL[v] ?? v;
    if (key === "profileType") return PROFILE_TYPE[v] ?? v;
    if (key === "stopSignal") return v === 0 ? undefined : (SIGNALS[v] ?? v);
  }
  return v;
}

type Unary = (
  req: unknown,
  meta: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: unknown) => void,
) => grpc.ClientUnaryCall;

export interface CriClientOptions {
  /** unix:///run/containerd/containerd.sock, unix:///var/run/crio/crio.sock, or host:port */
  endpoint: string;
  /** Default per-call deadline (ms); PullImage gets pullTimeoutMs. */
  timeoutMs?: number;
  pullTimeoutMs?: number;
}

export class CriClient {
  readonly endpoint: string;
  private readonly runtime: grpc.Client;
  private readonly image: grpc.Client;
  private readonly timeoutMs: number;
  private readonly pullTimeoutMs: number;

  constructor(opts: CriClientOptions) {
    this.endpoint = opts.endpoint;
    this.timeoutMs = opts.timeoutMs ?? 120_000; // kubelet's --runtime-request-timeout default 2m
    this.pullTimeoutMs = opts.pullTimeoutMs ?? 600_000;
    const def = protoLoader.loadSync(PROTO, {
      keepCase: false,
      longs: Number,
      enums: Number,
      defaults: true,
      arrays: true,
      objects: true,
    });
    const pkg = grpc.loadPackageDefinition(def) as any;
    const v1 = pkg.runtime.v1;
    const target = opts.endpoint;
    const creds = grpc.credentials.createInsecure();
    const chOpts = {
      "grpc.max_receive_message_length": 16 * 1024 * 1024,
      // come back fast after the runtime restarts (grpc-js backs off up to 120 s by default)
      "grpc.initial_reconnect_backoff_ms": 200,
      "grpc.max_reconnect_backoff_ms": 2000,
    };
    this.runtime = new v1.RuntimeService(target, creds, chOpts);
    this.image = new v1.ImageService(target, creds, {
      ...chOpts,
      channelOverride: this.runtime.getChannel(),
    });
  }

  private clientFor(method: string): grpc.Client {
    return (IMAGE_METHODS as readonly string[]).includes(method) ? this.image : this.runtime;
  }

  /** One unary call; rejects with CriCallError(gRPC code, details). */
  call(method: CriMethod, request: unknown, timeoutMs?: number): Promise<any> {
    const client = this.clientFor(method) as unknown as Record<string, Unary>;
    const lower = method[0].toLowerCase() + method.slice(1);
    const fn = client[lower] ?? client[method];
    const ms = timeoutMs ?? (method === "PullImage" ? this.pullTimeoutMs : this.timeoutMs);
    return new Promise((resolve, reject) => {
      fn.call(client, request ?? {}, new grpc.Metadata(), { deadline: Date.now() + ms }, (err, res) => {
        if (err) reject(new CriCallError(err.code ?? grpc.status.UNKNOWN, err.details || err.message));
        else resolve(toJson(res) ?? {});
      });
    });
  }

  /** GetContainerEvents server stream; onError gets the gRPC code (12 = Unimplemented on containerd 1.6). */
  containerEvents(onEvent: (e: any) => void, onError: (e: CriCallError) => void): () => void {
    const stream = (this.runtime as any).getContainerEvents({}) as grpc.ClientReadableStream<unknown>;
    let cancelled = false;
    stream.on("data", (e: unknown) => onEvent(toJson(e)));
    stream.on("error", (err: grpc.ServiceError) => {
      if (cancelled) return;
      cancelled = true; // one report per stream: "end" may follow "error"
      onError(new CriCallError(err.code ?? grpc.status.UNKNOWN, err.details || err.message));
    });
    stream.on("end", () => {
      if (cancelled) return;
      cancelled = true;
      onError(new CriCallError(grpc.status.UNAVAILABLE, "event stream ended"));
    });
    return () => {
      cancelled = true;
      stream.cancel();
    };
  }

  close(): void {
    this.image.close();
    this.runtime.close();
  }
}
