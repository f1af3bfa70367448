// The terminal between a process and the CRI streaming server (containerd's exec/attach with
// tty=true and stdin=true): lines typed reach the process's stdin, what it writes comes back. The
// prompt the program's line editor shows is kept apart, so a client can show it as its own prompt.
import { Deferred } from "../task";

/** Why the process stopped for now: it waits for a line, it blocks with no end in sight, or it exited. */
export type StreamIdle = "input" | "blocked" | "exited";

/** Ctrl-C on a terminal: SIGINT to the foreground command (the shell itself survives it). */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
  }
}

export class TerminalStream {
  /** The prompt the program's line editor shows while it waits for a line ("" when it does not). */
  prompt = "";
  exitCode: number | undefined;
  /** True when a terminal is allocated (tty=true): stderr comes back on the same stream. */
  readonly tty: boolean;
  /** Called with the foreground process's interrupt (set by the process that reads this stream). */
  onInterrupt?: () => void;
  /** Everything the terminal shows, prompt and echoed input included (the container log of a tty main process). */
  onScreen?: (text: string) => void;
  /** Called once when the process exits (the runtime's bookkeeping). */
  onExit?: (code: number) => void;
  private queued: (string | null)[] = [];
  private reader: Deferred<string | null> | undefined;
  private out = "";
  private waiters: Deferred<StreamIdle>[] = [];
  private live?: (text: string) => void;

  constructor(opts: { tty?: boolean } = {}) {
    this.tty = opts.tty ?? true;
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  /** The process sits at its prompt waiting for a line. */
  get waiting(): boolean {
    return this.reader !== undefined;
  }

  // ---- the process's side ----------------------------------------------------------------------

  /** Read a line (null = end of input); the line editor shows `prompt` meanwhile. */
  read(prompt: string): Deferred<string | null> {
    const d = new Deferred<string | null>();
    this.prompt = prompt;
    if (this.queued.length > 0) {
      const line = this.queued.shift() as string | null;
      this.echo(line);
      d.resolve(line);
      return d;
    }
    this.reader = d;
    this.wake("input");
    return d;
  }

  /** What the process writes to its stdout/stderr. */
  write(text: string): void {
    if (text === "") return;
    this.out += text;
    this.live?.(text);
    this.onScreen?.(text);
  }

  /** The foreground command waits for nothing that will come (`sleep infinity`, `tail -f`). */
  blocked(): void {
    this.wake("blocked");
  }

  finish(code: number): void {
    if (this.exited) return;
    this.exitCode = code;
    this.prompt = "";
    this.reader = undefined;
    this.onExit?.(code);
    this.wake("exited");
  }

  // ---- the client's side -----------------------------------------------------------------------

  /** A line typed (without its newline); settles when the process waits again, blocks or exits. */
  send(line: string): Deferred<StreamIdle> {
    return this.push(line);
  }

  /** Ctrl-D at an empty prompt: end of input. */
  eof(): Deferred<StreamIdle> {
    return this.push(null);
  }

  /** Ctrl-C: the foreground command is interrupted; settles when the shell prompts again (or exits). */
  interrupt(): Deferred<StreamIdle> {
    const d = this.next();
    if (this.exited) d.resolve("exited");
    else if (this.waiting) d.resolve("input");
    else this.onInterrupt?.();
    return d;
  }

  /** Settles at once when the process waits or has exited; else when it next does. */
  ready(): Deferred<StreamIdle> {
    const d = this.next();
    if (this.exited) d.resolve("exited");
    else if (this.waiting) d.resolve("input");
    return d;
  }

  /** What the process wrote since the last take. */
  take(): string {
    const s = this.out;
    this.out = "";
    return s;
  }

  /** Stream output as it is written (a follow mode); undefined stops it. */
  follow(live: ((text: string) => void) | undefined): void {
    this.live = live;
  }

  private push(line: string | null): Deferred<StreamIdle> {
    const d = this.next();
    if (this.exited) {
      d.resolve("exited");
      return d;
    }
    const reader = this.reader;
    if (reader) {
      this.reader = undefined;
      this.echo(line);
      reader.resolve(line);
    } else this.queued.push(line);
    return d;
  }

  /** The terminal echoes what was typed after the prompt (the log of a tty main process shows it). */
  private echo(line: string | null): void {
    this.onScreen?.(line === null ? this.prompt : `${this.prompt}${line}\n`);
  }

  private next(): Deferred<StreamIdle> {
    const d = new Deferred<StreamIdle>();
    this.waiters.push(d);
    return d;
  }

  private wake(why: StreamIdle): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w.resolve(why);
  }
}
