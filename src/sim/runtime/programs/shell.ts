// busybox ash / dash — simplified: an interpreter over virtual time for the shell subset that pod
// commands use. Builtins and applets (echo, sleep, cat, wget, test…) are in shellCommands.ts.

import { writeDenied, writeErrorText } from "./securityCommands";
import { runCommand } from "./shellCommands";
import type { Node, Redirect, Word } from "./shellParse";
import { parseScript, ShellSyntaxError } from "./shellParse";
import type { ProcessContext, ProgramTask, Step } from "./types";

export interface ShellIo {
  out(text: string): void;
  err(text: string): void;
  stdin?: string;
  /** stdout is the terminal (not a pipe or a file): ls prints columns, curl shows no progress meter. */
  tty?: boolean;
}

export type Gen<T> = Generator<Step, T, unknown>;

/** `exit N` unwinds the interpreter. */
export class ShellExit {
  constructor(readonly code: number) {}
}

/** Which shell this is: busybox's ash, Debian's dash (/bin/sh) or bash — their messages differ. */
export type ShellDialect = "ash" | "dash" | "bash";

/** Finds a program binary by name (nginx, stress…) for `exec`-style commands. */
export type ProgramLookup = (argv: string[]) => ((ctx: ProcessContext) => ProgramTask) | undefined;

/**
 * A shell's variables: the process environment itself until the first assignment, then a copy of
 * its own (most processes — an exec probe's `cat`, a `sleep` — never assign one).
 */
export class ShellVars implements Iterable<[string, string]> {
  private own: Map<string, string> | undefined;

  constructor(private readonly base: ReadonlyMap<string, string>) {}

  get(name: string): string | undefined {
    return (this.own ?? this.base).get(name);
  }

  has(name: string): boolean {
    return (this.own ?? this.base).has(name);
  }

  set(name: string, value: string): this {
    this.writable().set(name, value);
    return this;
  }

  delete(name: string): boolean {
    return this.writable().delete(name);
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return (this.own ?? this.base)[Symbol.iterator]();
  }

  private writable(): Map<string, string> {
    this.own ??= new Map(this.base);
    return this.own;
  }
}

export class Shell {
  readonly vars: ShellVars;
  status = 0;
  positional: string[] = [];
  readonly traps = new Map<string, string>();
  /** ash for busybox userlands, dash (Debian's sh) otherwise; bash when run as bash. */
  dialect: ShellDialect;
  /** Interactive: the line number dash puts in its messages counts the lines typed so far. */
  lineNo = 1;
  /** Reading commands at a prompt: each command it runs is a forked child process. */
  interactive = false;
  /** `set -x`: each simple command is echoed to stderr, expanded, after PS4 (`+ `). */
  xtrace = false;
  private pending: string[] = [];

  constructor(
    readonly ctx: ProcessContext,
    readonly lookup: ProgramLookup,
    vars?: ShellVars,
  ) {
    // a subshell starts from a snapshot of its parent's variables; a process from its environment
    this.vars = new ShellVars(vars ? new Map(vars) : ctx.env);
    this.dialect = ctx.busybox ? "ash" : "dash";
  }

  /** busybox prints `sh: …`; dash (debian's /bin/sh) adds the line number: `sh: 1: …`; bash `bash: …`. */
  errPrefix(): string {
    if (this.dialect === "bash") return "bash: ";
    return this.dialect === "ash" ? "sh: " : `sh: ${this.lineNo}: `;
  }

  /** A command that is neither a builtin nor on PATH. */
  notFound(name: string): string {
    return this.dialect === "bash"
      ? `bash: ${name}: command not found\n`
      : `${this.errPrefix()}${name}: not found\n`;
  }

  /**
   * One line typed at an interactive prompt: a syntax error is reported and the line skipped;
   * `exit` (ShellExit) and Ctrl-C (Interrupted) propagate to the prompt loop.
   */
  *runLine(src: string, io: ShellIo): Gen<number> {
    let node: Node;
    try {
      node = parseScript(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      const msg = this.dialect === "ash" ? e.message : e.message.replace(/^syntax error/, "Syntax error");
      io.err(`${this.errPrefix()}${msg}\n`);
      this.status = 2;
      return 2;
    }
    this.status = yield* this.exec(node, io);
    return this.status;
  }

  /** Run a script to completion; returns the exit status. */
  *runScript(src: string, io: ShellIo): Gen<number> {
    let node: Node;
    try {
      node = parseScript(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      const msg = this.ctx.busybox ? e.message : e.message.replace(/^syntax error/, "Syntax error");
      io.err(`${this.errPrefix()}${msg}\n`);
      return 2;
    }
    try {
      return yield* this.exec(node, io);
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      throw e;
    }
  }

  /**
   * Run one command from its argv as the runtime exec'd it (an applet, or `sh -c …`): the words are
   * the process's arguments already, so nothing is parsed or expanded.
   */
  *runArgv(argv: string[], io: ShellIo): Gen<number> {
    try {
      const st = yield* runCommand(this, argv, io);
      this.status = st;
      return st;
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      throw e;
    }
  }

  /** A signal arrived for this shell (PID 1): run its trap after the current command, like ash. */
  signal(sig: string): void {
    this.pending.push(sig);
  }

  installTrap(action: string, sigs: string[]): void {
    for (const raw of sigs) {
      const sig = normalizeSignal(raw);
      if (action === "-") {
        this.traps.delete(sig);
        this.ctx.trap(sig, undefined);
      } else {
        this.traps.set(sig, action);
        this.ctx.trap(sig, () => this.signal(sig));
      }
    }
  }

  *exec(node: Node, io: ShellIo): Gen<number> {
    switch (node.t) {
      case "seq": {
        let st = 0;
        for (const n of node.list) st = yield* this.exec(n, io);
        return st;
      }
      case "and": {
        const a = yield* this.exec(node.a, io);
        return a === 0 ? yield* this.exec(node.b, io) : a;
      }
      case "or": {
        const a = yield* this.exec(node.a, io);
        return a !== 0 ? yield* this.exec(node.b, io) : a;
      }
      case "group":
        return yield* this.exec(node.body, io);
      case "loop": {
        let st = 0;
        for (let i = 0; i < 10_000_000; i++) {
          const c = yield* this.exec(node.cond, io);
          if ((c === 0) === node.until) break;
          st = yield* this.exec(node.body, io);
        }
        return st;
      }
      case "if": {
        const c = yield* this.exec(node.cond, io);
        if (c === 0) return yield* this.exec(node.then, io);
        return node.else ? yield* this.exec(node.else, io) : 0;
      }
      case "for": {
        const items: string[] = [];
        for (const w of node.words) items.push(...(yield* this.expandWord(w, io)));
        let st = 0;
        for (const it of items) {
          this.vars.set(node.name, it);
          st = yield* this.exec(node.body, io);
        }
        return st;
      }
      case "pipe": {
        let input: string | undefined = io.stdin;
        let st = 0;
        for (let i = 0; i < node.list.length; i++) {
          const last = i === node.list.length - 1;
          let buf = "";
          const stageIo: ShellIo = {
            out: last ? io.out : (s) => (buf += s),
            err: io.err,
            stdin: input,
            tty: last && io.tty,
          };
          st = yield* this.exec(node.list[i], stageIo);
          input = buf;
        }
        return node.negate ? (st === 0 ? 1 : 0) : st;
      }
      case "cmd":
        return yield* this.simple(node.words, node.redirs, node.assigns, io);
      case "redir": {
        const r = yield* this.redirect(node.redirs, io);
        if (r.failed) {
          this.status = this.ctx.busybox ? 1 : 2;
          return this.status;
        }
        const st = yield* this.exec(node.body, r.io);
        r.flush();
        return st;
      }
    }
  }

  private *simple(words: Word[], redirs: Redirect[], assigns: [string, Word][], io: ShellIo): Gen<number> {
    const argv: string[] = [];
    for (const w of words) argv.push(...(yield* this.expandWord(w, io)));
    const traced: string[] = [];
    for (const [k, v] of assigns) {
      const value = (yield* this.expandWord(v, io, false)).join(" ");
      this.vars.set(k, value);
      traced.push(`${k}=${traceQuote(value)}`);
    }
    if (this.xtrace && (argv.length > 0 || traced.length > 0))
      io.err(`+ ${[...traced, ...argv.map(traceQuote)].join(" ")}\n`);
    if (argv.length === 0) {
      this.status = 0;
      return 0;
    }
    const cmdIo = yield* this.redirect(redirs, io);
    if (cmdIo.failed) {
      // a redirection the kernel refuses: the command does not run (ash: status 1, dash: 2)
      this.status = this.ctx.busybox ? 1 : 2;
      return this.status;
    }
    const st = yield* runCommand(this, argv, cmdIo.io);
    cmdIo.flush();
    this.status = st;
    yield* this.runPendingTraps(io);
    return st;
  }

  private *runPendingTraps(io: ShellIo): Gen<void> {
    while (this.pending.length > 0) {
      const sig = this.pending.shift()!;
      const action = this.traps.get(sig);
      if (action === undefined || action === "") continue;
      const saved = this.status;
      yield* this.runScriptInline(action, io);
      this.status = saved;
    }
  }

  /** Run trap/eval text in this shell (shares variables; `exit` unwinds the whole shell). */
  *runScriptInline(src: string, io: ShellIo): Gen<number> {
    let node: Node;
    try {
      node = parseScript(src);
    } catch (e) {
      io.err(`${this.errPrefix()}${(e as Error).message}\n`);
      return 2;
    }
    return yield* this.exec(node, io);
  }

  private *redirect(
    redirs: Redirect[],
    io: ShellIo,
  ): Gen<{ io: ShellIo; flush: () => void; failed?: boolean }> {
    if (redirs.length === 0) return { io, flush: () => {} };
    let out = io.out;
    let err = io.err;
    for (const r of redirs) {
      if (r.op === ">&") {
        if (r.fd === 2) err = out;
        else out = err;
        continue;
      }
      const target = (yield* this.expandWord(r.target, io)).join(" ");
      let sink: (s: string) => void;
      if (target === "/dev/null") sink = () => {};
      else if (target === "/dev/stdout") sink = io.out;
      else if (target === "/dev/stderr") sink = io.err;
      else {
        const path = this.resolvePath(target);
        const dir = path.slice(0, path.lastIndexOf("/")) || "/";
        if (!this.ctx.fs.isDir(dir)) {
          // ash and dash word ENOENT on a redirection their own way
          io.err(
            this.ctx.busybox
              ? `sh: can't create ${target}: nonexistent directory\n`
              : `sh: 1: cannot create ${target}: Directory nonexistent\n`,
          );
          return { io, flush: () => {}, failed: true };
        }
        const denied = writeDenied(this.ctx, path);
        if (denied) {
          io.err(writeErrorText(this.ctx, "create", target, denied));
          return { io, flush: () => {}, failed: true };
        }
        if (r.op === ">") this.ctx.fs.write(path, "");
        else if (!this.ctx.fs.isFile(path)) this.ctx.fs.write(path, "");
        sink = (s) => this.ctx.fs.append(path, s);
      }
      if (r.fd === 1) out = sink;
      else err = sink;
    }
    return { io: { out, err, stdin: io.stdin, tty: out === io.out && io.tty }, flush: () => {} };
  }

  resolvePath(p: string): string {
    // /proc/self is the process looking: this shell's pid
    if (p === "/proc/self" || p.startsWith("/proc/self/")) return `/proc/${this.ctx.pid}${p.slice(10)}`;
    if (p.startsWith("/")) return p;
    const cwd = this.vars.get("PWD") ?? "/";
    return `${cwd === "/" ? "" : cwd}/${p}`;
  }

  /** Expand $VAR, ${VAR}, $?, $$, $1, $(…) and split unquoted results on whitespace. */
  *expandWord(w: Word, io: ShellIo, split = true): Gen<string[]> {
    const fields: string[] = [];
    let cur = "";
    let quotedSeen = false;
    for (const p of w.parts) {
      let text: string;
      if ("sub" in p) {
        let buf = "";
        const sub = new Shell(this.ctx, this.lookup, this.vars);
        sub.xtrace = this.xtrace;
        yield* sub.runScript(p.sub, { out: (s) => (buf += s), err: io.err });
        text = buf.replace(/\n+$/, "");
      } else if (p.q === 1) {
        cur += p.s;
        quotedSeen = true;
        continue;
      } else {
        text = this.expandVars(p.s);
      }
      if (p.q === 2 || !split) {
        cur += text;
        quotedSeen = true;
      } else {
        const pieces = text.split(/[ \t\n]+/);
        for (let i = 0; i < pieces.length; i++) {
          if (i > 0) {
            if (cur !== "" || quotedSeen) fields.push(cur);
            cur = "";
            quotedSeen = false;
          }
          cur += pieces[i];
        }
      }
    }
    if (cur !== "" || quotedSeen) fields.push(cur);
    return fields;
  }

  expandVars(s: string): string {
    const arith = s.replace(/\$\(\((.*?)\)\)/g, (_m, expr: string) =>
      String(
        evalArith(expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_v, n: string) => this.vars.get(n) || "0")),
      ),
    );
    return arith.replace(
      /\$(\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)|([?$#0-9]))/g,
      (_m, _a, braced, _d, dflt, plain, special) => {
        if (special !== undefined) {
          if (special === "?") return String(this.status);
          if (special === "$") return String(this.ctx.pid);
          if (special === "#") return String(this.positional.length);
          if (special === "0") return "sh";
          return this.positional[Number(special) - 1] ?? "";
        }
        const name = braced ?? plain;
        const v = this.vars.get(name);
        if ((v === undefined || v === "") && dflt !== undefined) return dflt;
        return v ?? "";
      },
    );
  }
}

/** ash's maybe_single_quote: a word with a character outside `+,-./0-9:@A-Z]^_a-z` is single-quoted ('\'' as '"'"'). */
function traceQuote(w: string): string {
  if (/^[+,\-./0-9:@A-Z\]^_a-z]*$/.test(w)) return w;
  return w
    .split(/('+)/)
    .filter((part) => part !== "")
    .map((part) => (part.startsWith("'") ? `"${part}"` : `'${part}'`))
    .join("");
}

export function normalizeSignal(s: string): string {
  const up = s.toUpperCase();
  const byNum: Record<string, string> = {
    "1": "SIGHUP",
    "2": "SIGINT",
    "3": "SIGQUIT",
    "9": "SIGKILL",
    "15": "SIGTERM",
  };
  if (byNum[up]) return byNum[up];
  return up.startsWith("SIG") ? up : `SIG${up}`;
}

/** $(( … )): integer + - * / % and parentheses, as ash evaluates them. */
export function evalArith(expr: string): number {
  const toks = expr.match(/\d+|[-+*/%()]/g) ?? [];
  let i = 0;
  const atom = (): number => {
    const t = toks[i++];
    if (t === "(") {
      const v = sum();
      i++;
      return v;
    }
    if (t === "-") return -atom();
    return Number(t ?? 0);
  };
  const product = (): number => {
    let v = atom();
    while (toks[i] === "*" || toks[i] === "/" || toks[i] === "%") {
      const op = toks[i++];
      const r = atom();
      v = op === "*" ? v * r : op === "/" ? Math.trunc(v / (r || 1)) : v % (r || 1);
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (toks[i] === "+" || toks[i] === "-") v = toks[i++] === "+" ? v + product() : v - product();
    return v;
  };
  return sum();
}
