// The terminal's shell: parse a line like bash, run the pipeline over the registered commands,
// apply redirects into the node's files, and hand back what the terminal prints, in order.
import type { SimNode } from "../sim/node/types";
import { COMPLETERS } from "./completers";
import { expandFields, expandFieldsNow, hasSubstitution } from "./expand";
import { getCwd, resolvePath } from "./files/cwd";
import { expandPathname } from "./files/glob";
import { FILTER_COMMANDS } from "./filters";
import { helpCommand } from "./help";
import { allocateJob, jobCommands } from "./jobs";
import { kubectlCommand } from "./kubectl";
import { DEFAULT_ENV, type Env, type Pipeline, parse, ShellSyntaxError, type SimpleCommand } from "./parse";
import { type Chunk, type CompletableCommand, chunksOf, Registry } from "./registry";
import { shCommand } from "./shCommand";
import { type SimHooks, simCommand } from "./sim/simCommand";
import { sudoCommand } from "./sudo";
import type {
  CommandContext,
  CommandResult,
  FollowHost,
  OpenFile,
  RuntimeView,
  TerminalSession,
} from "./types";

export interface ShellOptions extends SimHooks {
  /** `sim reset [seed]` / `sim seed N`: the Simulation rebuilds the node. */
  onReset?(seed?: number): void;
  /** Extra variables for `$VAR` expansion. */
  env?: Env;
  /** The runtime's state without a CRI call, for Tab completion and `df` (the Simulation's snapshot). */
  view?: () => RuntimeView;
  /** The browser's editor panel can open files (`kubectl edit` then needs no $KUBE_EDITOR). */
  editorPanel?: boolean;
}

export interface RunIo {
  follow?: FollowHost;
  color?: boolean;
  columns?: number;
  /** A background job (`CMD &`): its number and PID. */
  background?: CommandContext["background"];
}

/** A command's result plus the terminal text: stdout and stderr interleaved as written. */
export interface ShellResult extends CommandResult {
  output: string;
  /** A session is open (`kubectl exec -it`): the prompt its program shows instead of the node's. */
  prompt?: string;
}

/** What commands of a line asked of the UI (`edit FILE` opens the editor panel, `exec -it` a session). */
interface UiRequests {
  open?: OpenFile;
  session?: TerminalSession;
}

/** bash has no fixed limit; a runaway `$(...)` nest must not hang the page. */
const MAX_SUBSTITUTION_DEPTH = 20;

export class Shell {
  readonly registry = new Registry();
  readonly env: Env;
  private depth = 0;
  /** Exit status of the last `$(...)` while expanding the current command. */
  private subStatus: number | undefined;
  /** The interactive program that owns the terminal (`kubectl exec -it`), if any. */
  private session: TerminalSession | undefined;
  /** Variables commands see in their environment: what the shell started with, and `export`ed ones. */
  private exported: Set<string>;

  constructor(
    readonly node: SimNode,
    readonly opts: ShellOptions = {},
  ) {
    this.env = { ...DEFAULT_ENV, HOSTNAME: node.nodeName, ...opts.env };
    this.exported = new Set(Object.keys(this.env));
    for (const c of FILTER_COMMANDS) this.register(c);
    this.register(helpCommand(this.registry));
    this.register(sudoCommand(this.registry));
    this.register(shCommand("sh", this));
    this.register(shCommand("bash", this));
    this.register(kubectlCommand);
    this.register(simCommand(opts));
    for (const c of jobCommands) this.register(c);
  }

  register(cmd: CompletableCommand): void {
    this.registry.register(cmd);
  }

  /** While a session is open: the prompt of the program in the container (undefined at the node's prompt). */
  get prompt(): string | undefined {
    return this.session?.prompt;
  }

  /** A session is open: lines go to the program in the container. */
  get inSession(): boolean {
    return this.session !== undefined;
  }

  /** Run a command line (or a block with heredoc bodies). Never throws. */
  async run(line: string, io: RunIo = {}): Promise<ShellResult> {
    if (this.session) return this.runInSession(this.session, line, io);
    const chunks: Chunk[] = [];
    const ui: UiRequests = {};
    const code = await this.runScript(line, io, chunks, ui);
    this.env["?"] = String(code);
    if (ui.session) this.session = ui.session;
    const result: ShellResult = {
      stdout: chunks
        .filter((c) => c.fd === 1)
        .map((c) => c.text)
        .join(""),
      stderr: chunks
        .filter((c) => c.fd === 2)
        .map((c) => c.text)
        .join(""),
      output: chunks.map((c) => c.text).join(""),
      code,
    };
    if (ui.open) result.open = ui.open;
    if (this.session) result.prompt = this.session.prompt;
    return result;
  }

  /** A line typed while a program in a container owns the terminal. */
  private async runInSession(session: TerminalSession, line: string, io: RunIo): Promise<ShellResult> {
    let r: CommandResult & { ended: boolean };
    try {
      r = await session.input(line, { follow: io.follow });
    } catch (e) {
      r = {
        stdout: "",
        stderr: `k8s-node-sim: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
        code: 1,
        ended: true,
      };
    }
    const chunks = chunksOf(r);
    const result: ShellResult = {
      stdout: r.stdout,
      stderr: r.stderr,
      output: chunks.map((c) => c.text).join(""),
      code: r.code,
    };
    if (r.ended) {
      this.session = undefined;
      this.env["?"] = String(r.code);
    } else result.prompt = session.prompt;
    // `kubectl edit` reopens its file in the editor panel with the errors on top
    if (r.open) result.open = r.open;
    return result;
  }

  private async runScript(line: string, io: RunIo, chunks: Chunk[], ui: UiRequests): Promise<number> {
    // bash's one-line `for NAME in WORDS; do BODY; done` (the docs' loops over pod ordinals): the body
    // runs once per word with NAME set, its variables expanded at each turn
    const loop = /^\s*for\s+([A-Za-z_]\w*)\s+in\s+([^;]*);\s*do\s+([\s\S]*?);?\s*done\s*$/.exec(line);
    if (loop) {
      let code = 0;
      for (const word of loop[2].trim().split(/\s+/).filter(Boolean)) {
        this.env[loop[1]] = word.replace(/^(['"])(.*)\1$/, "$2");
        code = await this.runScript(loop[3], io, chunks, ui);
      }
      return code;
    }
    let code = 0;
    try {
      const warnings: string[] = [];
      const script = parse(line, this.env, { warnings });
      for (const w of warnings) chunks.push({ fd: 2, text: `${w}\n` });
      for (const list of script) {
        if (list.background) {
          // bash: `[N] PID` on stderr, the job runs on without the terminal, $? is 0
          const { job, pid } = allocateJob(this.node);
          const words = [list.first, ...list.rest.map((r) => r.pipeline)]
            .flatMap((pl) => pl.map((c) => c.words.flatMap((w) => expandFieldsNow(w, this.env)).join(" ")))
            .join(" ");
          chunks.push({ fd: 2, text: `[${job}] ${pid}\n` });
          const bgIo: RunIo = { ...io, follow: undefined, background: { job, pid, command: `${words} &` } };
          let bgCode = await this.runPipeline(list.first, bgIo, chunks, ui);
          for (const { op, pipeline } of list.rest) {
            if ((op === "&&" && bgCode !== 0) || (op === "||" && bgCode === 0)) continue;
            bgCode = await this.runPipeline(pipeline, bgIo, chunks, ui);
          }
          code = 0;
          continue;
        }
        code = await this.runPipeline(list.first, io, chunks, ui);
        for (const { op, pipeline } of list.rest) {
          if ((op === "&&" && code !== 0) || (op === "||" && code === 0)) continue;
          code = await this.runPipeline(pipeline, io, chunks, ui);
        }
      }
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        chunks.push({ fd: 2, text: `${e.message}\n` });
        code = 2;
      } else {
        // A bug in a command must not kill the terminal: report it like a crashed program.
        chunks.push({
          fd: 2,
          text: `k8s-node-sim: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
        });
        code = 1;
      }
    }
    return code;
  }

  /** `sh -c SCRIPT`: the script in a subshell (variables set inside stay inside), $0 and $1… its arguments. */
  async subshell(
    script: string,
    args: string[],
    env?: Readonly<Record<string, string>>,
  ): Promise<CommandResult> {
    const saved = { ...this.env };
    const exported = this.exported;
    this.exported = new Set(exported);
    const chunks: Chunk[] = [];
    if (env) Object.assign(this.env, env);
    args.forEach((a, i) => {
      this.env[String(i)] = a;
    });
    let code: number;
    try {
      code = await this.runScript(script, {}, chunks, {});
    } finally {
      for (const k of Object.keys(this.env)) delete this.env[k];
      Object.assign(this.env, saved);
      this.exported = exported;
    }
    const text = (fd: number) =>
      chunks
        .filter((c) => c.fd === fd)
        .map((c) => c.text)
        .join("");
    return { stdout: text(1), stderr: text(2), code };
  }

  /**
   * `$(command)`: run it in a subshell (variables set inside stay inside), hand back its stdout;
   * its stderr reaches the terminal as the outer command starts, and `$?` is its exit status.
   */
  private async substitute(command: string, io: RunIo, sink: Chunk[]): Promise<string> {
    if (this.depth >= MAX_SUBSTITUTION_DEPTH) {
      sink.push({ fd: 2, text: "bash: maximum command substitution depth exceeded\n" });
      return "";
    }
    const saved = { ...this.env };
    const chunks: Chunk[] = [];
    this.depth++;
    let code: number;
    try {
      // The output goes to a pipe, not a terminal: no colour, no follow.
      code = await this.runScript(command, { columns: io.columns }, chunks, {});
    } finally {
      this.depth--;
    }
    for (const k of Object.keys(this.env)) delete this.env[k];
    Object.assign(this.env, saved, { "?": String(code) });
    this.subStatus = code;
    sink.push(...chunks.filter((c) => c.fd === 2));
    return chunks
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join("");
  }

  private async runPipeline(pl: Pipeline, io: RunIo, sink: Chunk[], ui: UiRequests): Promise<number> {
    let stdin: string | undefined;
    let code = 0;
    for (let i = 0; i < pl.length; i++) {
      // Variables are read when the command runs, so `export X=1; echo $X` and `$?` work.
      const expanded = this.expand(pl[i], io, sink);
      const cmd = expanded instanceof Promise ? await expanded : expanded;
      const last = i === pl.length - 1;
      const input = this.stdinOf(cmd, stdin);
      if (typeof input === "object") {
        sink.push({ fd: 2, text: input.error });
        code = 1;
        stdin = "";
        continue;
      }
      const r = await this.runSimple(
        cmd,
        input,
        last && cmd.redirects.length === 0 ? io : { ...io, follow: undefined },
        pl.length > 1
          ? { argv: pl.map((c) => c.words.flatMap((w) => expandFieldsNow(w, this.env))), index: i }
          : undefined,
      );
      code = r.code;
      if (r.open) ui.open = r.open;
      if (r.session) ui.session = r.session;
      const routed = this.route(cmd, chunksOf(r));
      if (typeof routed === "string") {
        sink.push({ fd: 2, text: routed });
        code = 1;
        stdin = "";
        continue;
      }
      // Piped commands pass stdout on; stderr goes straight to the terminal (as in bash).
      if (last) sink.push(...routed);
      else {
        sink.push(...routed.filter((c) => c.fd === 2));
        stdin = routed
          .filter((c) => c.fd === 1)
          .map((c) => c.text)
          .join("");
      }
    }
    this.env["?"] = String(code);
    return code;
  }

  /** Expand the words at run time: variables, `$(...)`, field splitting (not of assignments). */
  private expand(cmd: SimpleCommand, io: RunIo, sink: Chunk[]): SimpleCommand | Promise<SimpleCommand> {
    const raw = cmd.heredocRaw;
    const body = raw?.expand ? raw.parts : undefined;
    const split = this.splitting(cmd);
    this.subStatus = undefined;
    const subRedirect = (r: SimpleCommand["redirects"][number]) =>
      r.parts !== undefined && hasSubstitution(r.parts);
    if (
      !cmd.words.some(hasSubstitution) &&
      !(body && hasSubstitution(body)) &&
      !cmd.redirects.some(subRedirect)
    ) {
      // Nothing to run: expand in this tick, so the command starts at once (follow modes rely on it).
      const argv = cmd.words.flatMap((w, k) =>
        this.pathnames(cmd, k, expandFieldsNow(w, this.env, { split: split[k] })),
      );
      return {
        ...cmd,
        argv,
        heredoc: body
          ? expandFieldsNow(body, this.env, { split: false }).join("")
          : (raw?.body ?? cmd.heredoc),
      };
    }
    return (async () => {
      const run = (command: string) => this.substitute(command, io, sink);
      const argv: string[] = [];
      for (const [k, w] of cmd.words.entries())
        argv.push(...this.pathnames(cmd, k, await expandFields(w, this.env, run, { split: split[k] })));
      const heredoc = body
        ? (await expandFields(body, this.env, run, { split: false })).join("")
        : (raw?.body ?? cmd.heredoc);
      // `< /proc/"$(pgrep kubelet)"/cmdline`: a redirect's file name is expanded when the command runs
      const redirects = [];
      for (const r of cmd.redirects)
        redirects.push(
          subRedirect(r)
            ? { ...r, target: (await expandFields(r.parts!, this.env, run, { split: false })).join(" ") }
            : r,
        );
      return { ...cmd, argv, heredoc, redirects };
    })();
  }

  /** bash's pathname expansion of word `k`: the matching node files, or the word as it was. */
  private pathnames(cmd: SimpleCommand, k: number, fields: string[]): string[] {
    const pattern = cmd.globs?.[k];
    if (pattern === undefined) return fields;
    return expandPathname(pattern, this.node.fs, getCwd(this.node)) ?? fields;
  }

  /** Which words are field-split: not `X=$(cmd)` before the command, nor `export X=$(cmd)`. */
  private splitting(cmd: SimpleCommand): boolean[] {
    let prefix = true;
    const first = cmd.words.map((w) => (typeof w[0] === "string" ? w[0] : ""));
    const isExport = (k: number) =>
      first.slice(0, k).filter((f) => !/^[A-Za-z_]\w*=/.test(f))[0] === "export";
    return first.map((f, k) => {
      const assignment = /^[A-Za-z_]\w*=/.test(f);
      prefix &&= assignment;
      return !(assignment && (prefix || isExport(k)));
    });
  }

  private stdinOf(cmd: SimpleCommand, piped: string | undefined): string | undefined | { error: string } {
    const from = cmd.redirects.find((r) => r.op === "<");
    if (from) {
      const c = this.node.fs.read(this.path(from.target));
      if (c === undefined) return { error: `bash: ${from.target}: No such file or directory\n` };
      return c;
    }
    return cmd.heredoc ?? piped;
  }

  private async runSimple(
    cmd: SimpleCommand,
    stdin: string | undefined,
    io: RunIo,
    pipeline?: CommandContext["pipeline"],
  ): Promise<CommandResult> {
    // Leading NAME=value words: alone they set shell variables; before a command, only its environment.
    const assigns = cmd.argv.findIndex((a) => !/^[A-Za-z_]\w*=/.test(a));
    const [name, ...args] = assigns === -1 ? [] : cmd.argv.slice(assigns);
    if (name === undefined || name === "export") {
      for (const a of name === "export" ? args : cmd.argv) {
        const eq = a.indexOf("=");
        if (eq > 0) this.env[a.slice(0, eq)] = a.slice(eq + 1);
        const v = eq > 0 ? a.slice(0, eq) : a;
        if (name === "export" && /^[A-Za-z_]\w*$/.test(v)) this.exported.add(v);
      }
      // `X=$(false)` leaves the substitution's status in $?.
      return { stdout: "", stderr: "", code: name === undefined ? (this.subStatus ?? 0) : 0 };
    }
    const c = this.registry.get(name);
    if (!c) return { stdout: "", stderr: `bash: ${name}: command not found\n`, code: 127 };
    // The environment a command sees: exported variables, then its own `VAR=value` words.
    const env: Record<string, string> = {};
    for (const k of this.exported) if (this.env[k] !== undefined) env[k] = this.env[k];
    for (const a of cmd.argv.slice(0, assigns)) env[a.slice(0, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
    try {
      return await c.run({
        node: this.node,
        args,
        stdin,
        follow: io.follow,
        color: io.color ?? false,
        columns: io.columns ?? 80,
        view: this.opts.view,
        pipeline,
        env,
        sh: (script, extra) => this.subshell(script, [], extra),
        editorPanel: this.opts.editorPanel,
        background: io.background,
      });
    } catch (e) {
      return {
        stdout: "",
        stderr: `k8s-node-sim: internal error in ${name}: ${e instanceof Error ? e.message : String(e)}\n`,
        code: 1,
      };
    }
  }

  /** Apply `>`, `>>`, `2>`, `2>&1`, `&>`: returns what still reaches the terminal/pipe, or an error line. */
  private route(cmd: SimpleCommand, chunks: Chunk[]): Chunk[] | string {
    let out: Chunk[] = chunks;
    for (const r of cmd.redirects) {
      if (r.op === "<") continue;
      if (r.op === "2>&1") {
        out = out.map((c) => ({ fd: 1, text: c.text }));
        continue;
      }
      const fds: (1 | 2)[] = r.op === "&>" ? [1, 2] : r.op.startsWith("2") ? [2] : [1];
      const text = out
        .filter((c) => fds.includes(c.fd))
        .map((c) => c.text)
        .join("");
      out = out.filter((c) => !fds.includes(c.fd));
      if (r.target === "/dev/null") continue;
      const path = this.path(r.target);
      if (this.node.fs.isDir(path)) return `bash: ${r.target}: Is a directory\n`;
      if (r.op.endsWith(">>")) this.node.fs.append(path, text);
      else this.node.fs.write(path, text);
    }
    return out;
  }

  /** Relative to the working directory `cd` set (files/cwd.ts), like every file command. */
  private path(p: string): string {
    return resolvePath(this.node, p);
  }

  /** Tab completion: whole-word candidates for the word under the cursor. */
  complete(line: string, cursor: number = line.length): string[] {
    // inside a container the node's commands and files are not what the shell there knows
    if (this.session) return [];
    const before = commandBeingTyped(line.slice(0, cursor));
    const segment = before.split(/\|\||&&|[|;]/).pop() ?? "";
    const words = segment.trimStart().split(/\s+/);
    const current = words.pop() ?? "";
    const pick = (cands: string[]) => [...new Set(cands.filter((c) => c.startsWith(current)))].sort();
    if (words.length === 0)
      return pick(
        this.registry
          .list()
          .filter((c) => !c.hidden)
          .map((c) => c.name),
      );
    const cmd = this.registry.get(words[0]);
    const completer = cmd?.complete ?? (cmd ? COMPLETERS[cmd.name] : undefined);
    let cands: string[] = [];
    try {
      cands = completer
        ? pick(completer({ node: this.node, words: words.slice(1), current, view: this.opts.view?.() }))
        : [];
    } catch {
      cands = [];
    }
    if (cands.length > 0) return cands;
    // Files on the node, as bash completes paths (`kubectl apply -f we<Tab>`, `cat /etc/<Tab>`).
    const dir = current.includes("/") ? current.slice(0, current.lastIndexOf("/") + 1) : "";
    const abs = this.path(dir || ".");
    return pick(this.node.fs.readdir(abs).map((f) => dir + f));
  }
}

/** The text of the innermost `$(` or backtick still open before the cursor (completion starts there). */
function commandBeingTyped(before: string): string {
  const open: number[] = [];
  let tick = -1;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (c === "\\") i++;
    else if (c === "'") {
      const end = before.indexOf("'", i + 1);
      if (end === -1) break;
      i = end;
    } else if (c === "`") tick = tick === -1 ? i + 1 : -1;
    else if (c === "$" && before[i + 1] === "(") open.push(++i + 1);
    else if (c === ")" && open.length > 0) open.pop();
  }
  const from = Math.max(tick, open.at(-1) ?? -1);
  return from === -1 ? before : before.slice(from);
}
