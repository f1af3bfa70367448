// One crictl invocation: stdout/stderr buffers, logrus-style FATA/ERRO lines, klog lines from the cri-client,
// and the CRI connection check crictl runs before each verb (cri-client validateServiceConnection).
import { rfc3339 } from "../../sim/clock";
import { errorText, isCriError } from "../../sim/cri";
import type { Deferred } from "../../sim/task";
import type { CommandContext, CommandResult, TerminalSession } from "../types";
import { goQuote } from "./goFormat";

export const CONTAINERD_SOCKET = "/run/containerd/containerd.sock";
export const RUNTIME_ENDPOINT = `unix://${CONTAINERD_SOCKET}`;

/** A crictl error: printed as `FATA[0000] <message>`, exit status 1 (logrus.Fatal in main.go). */
export class CrictlFatal extends Error {}

/** The standard library's log.Fatalf (`--state` checks): `2026/01/15 09:00:00 <message>`, exit status 1. */
export class GoLogFatal extends Error {}

/** Wrap an error the way crictl's fmt.Errorf("...: %w", err) does. */
export function wrap(prefix: string, e: unknown): CrictlFatal {
  return new CrictlFatal(`${prefix}: ${errorText(e)}`);
}

type Level = "FATA" | "ERRO" | "WARN" | "INFO";
const LEVEL_COLOR: Record<Level, number> = { FATA: 31, ERRO: 31, WARN: 33, INFO: 36 };

export class CrictlRun {
  private readonly out: string[] = [];
  private readonly err: string[] = [];
  private readonly startT: number;
  /** crictl's process id, shown in klog lines. */
  readonly pid: number;
  /** The client config file (--config, default /etc/crictl.yaml). */
  configPath = "/etc/crictl.yaml";

  constructor(readonly ctx: CommandContext) {
    this.startT = ctx.node.clock.now();
    this.pid = 4000 + (Math.floor(this.startT / 1000) % 3000);
  }

  get node() {
    return this.ctx.node;
  }

  /** Wall-clock "now" in epoch ms. */
  nowMs(): number {
    return this.node.clock.wallMs(this.node.clock.now());
  }

  print(s: string): void {
    this.out.push(s);
  }

  println(s = ""): void {
    this.out.push(`${s}\n`);
  }

  printErr(s: string): void {
    this.err.push(s);
  }

  /** logrus TextFormatter on a terminal: `FATA[0002] message` (message padded to 44 columns). */
  logrus(level: Level, msg: string): void {
    const secs = Math.floor((this.node.clock.now() - this.startT) / 1000);
    const tag = this.ctx.color ? `\x1b[${LEVEL_COLOR[level]}m${level}\x1b[0m` : level;
    this.err.push(`${tag}[${String(secs).padStart(4, "0")}] ${msg.padEnd(44)} \n`);
  }

  /** klog error line from k8s.io/cri-client (its logger wrapper sits at log.go:32). */
  klog(msg: string, e: unknown, kv: [string, string][] = []): void {
    const wall = this.nowMs();
    const iso = rfc3339(wall); // 2026-01-15T09:00:00Z
    const micros = String(Math.floor((wall % 1000) * 1000)).padStart(6, "0");
    const head = `E${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${micros} ${String(this.pid).padStart(7)} log.go:32]`;
    const pairs = [`err=${goQuote(errorText(e))}`, ...kv.map(([k, v]) => `${k}=${goQuote(v)}`)];
    this.err.push(`${head} ${goQuote(msg)} ${pairs.join(" ")}\n`);
  }

  /** Await a CRI call, running the virtual clock; on failure log like the cri-client and rethrow. */
  async rpc<T>(d: Deferred<T>, klogMsg?: string, kv: [string, string][] = []): Promise<T> {
    try {
      return await this.node.settle(d);
    } catch (e) {
      if (klogMsg && isCriError(e)) this.klog(klogMsg, e, kv);
      throw e;
    }
  }

  /** getRuntimeService / getImageService: dial the socket, then call Version (or ImageFsInfo). */
  async connect(api: "runtime" | "image" = "runtime"): Promise<void> {
    const unit = this.node.units.containerd;
    // Another runtime flavour (CRI-O, dockershim, cri-dockerd) says which endpoint /etc/crictl.yaml names and whether it answers.
    const sock = this.node.criSocket?.();
    const what = `validate service connection: validate CRI v1 ${api} API for endpoint "${sock?.endpoint ?? RUNTIME_ENDPOINT}"`;
    if (sock?.error) throw new CrictlFatal(`${what}: ${sock.error}`);
    if (!sock && unit.state !== "active") {
      // A clean stop removes the socket; a killed containerd leaves it behind (nobody listening).
      const cause = unit.result.startsWith("status=9/") ? "connection refused" : "no such file or directory";
      throw new CrictlFatal(
        `${what}: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${CONTAINERD_SOCKET}: connect: ${cause}"`,
      );
    }
    try {
      if (api === "runtime") await this.node.settle(this.node.runtimeService.version({ version: "v1" }));
      else await this.node.settle(this.node.imageService.imageFsInfo({}));
    } catch (e) {
      throw wrap(what, e);
    }
  }

  /** `crictl exec -it`: the terminal session that owns the shell once this invocation returns. */
  session?: TerminalSession;

  result(code: number): CommandResult {
    const r: CommandResult = { stdout: this.out.join(""), stderr: this.err.join(""), code };
    if (this.session) {
      // what was printed so far is shown now; the session's closing lines come later through drain()
      r.session = this.session;
      this.out.length = 0;
      this.err.length = 0;
    }
    return r;
  }

  /** What was printed since the last drain, then empty buffers (a session's closing lines). */
  drain(code: number): CommandResult {
    const r = { stdout: this.out.join(""), stderr: this.err.join(""), code };
    this.out.length = 0;
    this.err.length = 0;
    return r;
  }
}
