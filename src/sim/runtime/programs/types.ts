// The runtime's program model: what runs inside a container, as a deterministic generator over
// virtual time. A program yields steps (sleep, block, wait on the network) and returns its exit code.

import type { PodNetwork } from "../../net/types";
import type { ProgramKind } from "../../registry/catalog";
import type { Deferred } from "../../task";
import type { ProcessSecurity } from "../security";
import type { ContainerFs } from "./containerFs";

export type Step =
  | { kind: "sleep"; ms: number }
  /** Block until a signal handler or a kill ends the process (servers, `sleep infinity`). */
  | { kind: "forever" }
  /** Resume with the Deferred's value (or throw its error). */
  | { kind: "wait"; d: Deferred<unknown> }
  /**
   * Read one line from stdin (a terminal: the line editor shows `prompt` while it waits). Resumes
   * with the line, or null at end of input (Ctrl-D, or no stdin at all).
   */
  | { kind: "read"; prompt: string };

export type ProgramTask = Generator<Step, number, unknown>;

export interface HttpRequest {
  method: string;
  path: string;
  remoteAddr: string;
  userAgent: string;
}

export interface HttpReply {
  statusCode: number;
  body: string;
  location?: string;
}

/** Everything a process sees of its container and the node. */
export interface ProcessContext {
  readonly pid: number;
  readonly kind: ProgramKind;
  /** Application version of the image (nginx/1.27.3). */
  readonly version: string;
  readonly hostname: string;
  readonly podIp: string;
  readonly env: ReadonlyMap<string, string>;
  readonly fs: ContainerFs;
  readonly net: PodNetwork;
  /** Virtual ms and the matching wall-clock epoch ms (for log timestamps). */
  now(): number;
  wallMs(): number;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working set of this process in bytes (the kernel OOM-kills when the cgroup exceeds memory.max). */
  setMemory(bytes: number): void;
  /** CPU use in cores while running (for ContainerStats). */
  setCpu(cores: number): void;
  listen(port: number, handler: (req: HttpRequest) => HttpReply): void;
  /** Install a signal handler (unhandled signals to PID 1 are ignored by the kernel, except SIGKILL). */
  trap(signal: string, handler: (() => void) | undefined): void;
  /** End the process from a handler: exit code after a delay (graceful shutdown). */
  exit(code: number, afterMs?: number): void;
  /** True once a signal handler ran and the program should look at its pending work. */
  readonly pendingSignals: string[];
  /**
   * The processes of the container's PID namespace (for `ps`). `child`: the command line of a child
   * this process forks to ask (a shell's `ps`), listed under a fresh PID as /proc shows it.
   */
  processes(child?: string): { pid: number; user: string; command: string }[];
  /** kill(2) within the container's PID namespace: false when no process has that PID. */
  signalPid(pid: number, signal: string): boolean;
  /** The worker processes this one has forked now (their PIDs, for `ps`). */
  setWorkers?(pids: number[]): void;
  /** Names of the binaries this image ships (to answer `not found`). */
  hasBinary(name: string): boolean;
  /** Whether the image's userland is busybox (alpine/busybox) or GNU (debian). */
  readonly busybox: boolean;
  /** BIND 9's release when the image installs its lookup tools (dig, host, BIND's nslookup). */
  readonly bind?: string;
  /** Standard input is open (a terminal or a pipe the CRI streaming server attached): shells read commands from it. */
  readonly stdinOpen?: boolean;
  /** That stdin is a terminal (tty=true): shells prompt and echo, and are interactive. */
  readonly tty?: boolean;
  /** The working directory the process starts in (the image's WORKDIR, or the container's workingDir). */
  readonly cwd?: string;
  /** The kernel `uname`/`dmesg` see: the host's under runc, gVisor's Sentry, or a Kata guest kernel. */
  readonly kernel?: { release: string; version: string; dmesg?: string[] };
  /** Who the process runs as and what the kernel lets it do (uid, groups, capabilities, seccomp…). */
  readonly security: ProcessSecurity;
}

export type ProgramFactory = (ctx: ProcessContext, argv: string[]) => ProgramTask;
