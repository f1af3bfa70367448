// containerd-shim-runc-v2 + the kernel — simplified: runs one program generator over virtual time,
// delivers signals (PID 1 ignores those it has no handler for; SIGKILL always wins) and reports exit.
import type { Clock, TimerHandle } from "../clock";
import type { PodNetwork } from "../net/types";
import type { ProgramKind } from "../registry/catalog";
import { Deferred } from "../task";
import type { ContainerFs } from "./programs/containerFs";
import type { HttpReply, HttpRequest, ProcessContext, ProgramTask, Step } from "./programs/types";
import type { ProcessSecurity } from "./security";
import { Interrupted, type TerminalStream } from "./tty";

export interface ProcOptions {
  clock: Clock;
  wallMs: () => number;
  pid: number;
  kind: ProgramKind;
  version: string;
  hostname: string;
  podIp: string;
  env: ReadonlyMap<string, string>;
  fs: ContainerFs;
  net: PodNetwork;
  busybox: boolean;
  /** BIND 9's release when the image ships dig/host/nslookup. */
  bind?: string;
  bins: ReadonlySet<string>;
  listeners: Map<number, (req: HttpRequest) => HttpReply>;
  processes: (child?: string) => { pid: number; user: string; command: string }[];
  /** kill(2) within the container's PID namespace: false when no process has that PID. */
  signalPid?: (pid: number, signal: string) => boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  onMemory: () => void;
  onExit: (code: number) => void;
  /** cgroup cpu.max as cores: CFS throttles the process down to it. */
  cpuLimitCores?: number;
  /** The kernel the container sees (sandbox handler: runc, runsc, kata). */
  kernel?: ProcessContext["kernel"];
  security: ProcessSecurity;
  /** An open stdin (the CRI streaming server's terminal): `read` steps take lines from it. */
  stdin?: TerminalStream;
  /** The working directory the process starts in. */
  cwd?: string;
}

export class Proc implements ProcessContext {
  readonly pid: number;
  readonly kind: ProgramKind;
  readonly version: string;
  readonly hostname: string;
  readonly podIp: string;
  readonly env: ReadonlyMap<string, string>;
  readonly fs: ContainerFs;
  readonly net: PodNetwork;
  readonly busybox: boolean;
  readonly bind: string | undefined;
  readonly kernel: ProcessContext["kernel"];
  readonly security: ProcessSecurity;
  readonly stdinOpen: boolean;
  readonly tty: boolean;
  readonly cwd: string | undefined;
  readonly pendingSignals: string[] = [];
  memoryBytes = 0;
  /** The PIDs of the worker processes this one forked (nginx: new ones after each reload). */
  workerPids: number[] | undefined;
  cpuCores = 0.001;
  /** Accumulated CPU (ns) up to cpuSince. */
  cpuNanos = 0;
  private cpuSince: number;
  exited = false;
  exitCode = 0;
  private task: ProgramTask | undefined;
  private timer: TimerHandle | undefined;
  private traps = new Map<string, () => void>();
  private generation = 0;

  constructor(private readonly o: ProcOptions) {
    this.pid = o.pid;
    this.kind = o.kind;
    this.version = o.version;
    this.hostname = o.hostname;
    this.podIp = o.podIp;
    this.env = o.env;
    this.fs = o.fs;
    this.net = o.net;
    this.busybox = o.busybox;
    this.bind = o.bind;
    this.kernel = o.kernel;
    this.security = o.security;
    this.stdinOpen = o.stdin !== undefined;
    this.tty = o.stdin?.tty ?? false;
    this.cwd = o.cwd;
    this.cpuSince = o.clock.now();
    if (o.stdin) o.stdin.onInterrupt = () => this.interrupt();
  }

  start(task: ProgramTask): void {
    this.task = task;
    this.resume({ ok: true, value: undefined });
  }

  now(): number {
    return this.o.clock.now();
  }
  wallMs(): number {
    return this.o.wallMs();
  }
  stdout(text: string): void {
    if (!this.exited) this.o.stdout(text);
  }
  stderr(text: string): void {
    if (!this.exited) this.o.stderr(text);
  }
  setMemory(bytes: number): void {
    this.memoryBytes = bytes;
    this.o.onMemory();
  }
  setCpu(cores: number): void {
    this.accountCpu();
    // CFS bandwidth control: a process wanting more than cpu.max is throttled, not killed
    this.cpuCores = Math.min(cores, this.o.cpuLimitCores ?? Number.POSITIVE_INFINITY);
  }
  listen(port: number, handler: (req: HttpRequest) => HttpReply): void {
    this.o.listeners.set(port, handler);
  }
  trap(signal: string, handler: (() => void) | undefined): void {
    if (handler) this.traps.set(signal, handler);
    else this.traps.delete(signal);
  }
  exit(code: number, afterMs = 0): void {
    if (this.exited) return;
    this.cancelStep();
    this.timer = this.o.clock.setTimer(afterMs, () => this.finish(code));
  }
  setWorkers(pids: number[]): void {
    this.workerPids = pids;
  }
  processes(child?: string): { pid: number; user: string; command: string }[] {
    return this.o.processes(child);
  }
  signalPid(pid: number, signal: string): boolean {
    return this.o.signalPid?.(pid, signal) ?? false;
  }
  hasBinary(name: string): boolean {
    return this.o.bins.has(name);
  }

  /** Deliver a signal: a handler runs; without one PID 1 ignores it (the kernel's init rule). */
  signal(sig: string): void {
    if (this.exited) return;
    if (sig === "SIGKILL") {
      this.finish(137);
      return;
    }
    const h = this.traps.get(sig);
    if (h) {
      this.pendingSignals.push(sig);
      h();
    }
  }

  /** Ctrl-C on its terminal: the step it waits on is abandoned and Interrupted thrown into the program. */
  interrupt(): void {
    if (this.exited || !this.task) return;
    this.cancelStep();
    this.resume({ ok: false, error: new Interrupted() });
  }

  /** CPU ns used so far (cores × elapsed). */
  cpuUsageNanos(): number {
    this.accountCpu();
    return Math.round(this.cpuNanos);
  }

  finish(code: number): void {
    if (this.exited) return;
    this.accountCpu();
    this.exited = true;
    this.exitCode = code;
    this.cancelStep();
    this.memoryBytes = 0;
    this.task = undefined;
    this.o.onExit(code);
  }

  private accountCpu(): void {
    const now = this.o.clock.now();
    if (!this.exited) this.cpuNanos += (now - this.cpuSince) * 1e6 * this.cpuCores;
    this.cpuSince = now;
  }

  private cancelStep(): void {
    this.generation++;
    this.o.clock.cancel(this.timer);
    this.timer = undefined;
  }

  private resume(input: { ok: true; value: unknown } | { ok: false; error: unknown }): void {
    const task = this.task;
    if (!task || this.exited) return;
    let step: IteratorResult<Step, number>;
    try {
      step = input.ok ? task.next(input.value) : task.throw(input.error);
    } catch (e) {
      // an interrupt nobody caught ends the process as SIGINT does (128+2)
      if (e instanceof Interrupted) this.finish(130);
      else {
        this.stderr(`panic: ${(e as Error).message}\n`);
        this.finish(2);
      }
      return;
    }
    if (this.exited) return;
    if (step.done) {
      this.finish(step.value);
      return;
    }
    const gen = ++this.generation;
    const s = step.value;
    if (s.kind === "sleep")
      this.timer = this.o.clock.setTimer(
        s.ms,
        () => gen === this.generation && this.resume({ ok: true, value: undefined }),
      );
    else if (s.kind === "wait" || s.kind === "read") {
      // no stdin: a read sees end of input at once
      const d = s.kind === "wait" ? s.d : (this.o.stdin?.read(s.prompt) ?? Deferred.resolved(null));
      d.onSettle((r) => {
        if (gen !== this.generation) return;
        this.resume(r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error });
      });
    }
    // "forever": nothing to schedule; a handler's exit() or SIGKILL ends it (or Ctrl-C on its terminal)
    else this.o.stdin?.blocked();
  }
}
