// The terminal's shell: parse a line like bash, run the pipeline over the registered commands,
// apply redirects into the node's files, and hand back what the terminal prints, in order.
import type { SimNode } from "../sim/node/types";
import { FILTER_COMMANDS } from "./filters";
import { helpCommand } from "./help";
import { kubectlCommand } from "./kubectl";
import {
  DEFAULT_ENV,
  type Env,
  expandHeredoc,
  expandWord,
  type Pipeline,
  parse,
  ShellSyntaxError,
  type SimpleCommand,
} from "./parse";
import { type Chunk, type CompletableCommand, chunksOf, Registry } from "./registry";
import { simCommand } from "./sim/simCommand";
import type { CommandResult, FollowHost } from "./types";

export interface ShellOptions {
  /** `sim reset [seed]` / `sim seed N`: the Simulation rebuilds the node. */
  onReset?(seed?: number): void;
  /** Extra variables for `$VAR` expansion. */
  env?: Env;
}

export interface RunIo {
  follow?: FollowHost;
  color?: boolean;
  columns?: number;
}

/** A command's result plus the terminal text: stdout and stderr interleaved as written. */
export interface ShellResult extends CommandResult {
  output: string;
}

export class Shell {
  readonly registry = new Registry();
  readonly env: Env;

  constructor(
    readonly node: SimNode,
    readonly opts: ShellOptions = {},
  ) {
    this.env = { ...DEFAULT_ENV, HOSTNAME: node.nodeName, ...opts.env };
    for (const c of FILTER_COMMANDS) this.register(c);
    this.register(helpCommand(this.registry));
    this.register(kubectlCommand);
    this.register(simCommand(opts));
  }

  register(cmd: CompletableCommand): void {
    this.registry.register(cmd);
  }

  /** Run a command line (or a block with heredoc bodies). Never throws. */
  async run(line: string, io: RunIo = {}): Promise<ShellResult> {
    const chunks: Chunk[] = [];
    let code = 0;
    try {
      const warnings: string[] = [];
      const script = parse(line, this.env, { warnings });
      for (const w of warnings) chunks.push({ fd: 2, text: `${w}\n` });
      for (const list of script) {
        code = await this.runPipeline(list.first, io, chunks);
        for (const { op, pipeline } of list.rest) {
          if ((op === "&&" && code !== 0) || (op === "||" && code === 0)) continue;
          code = await this.runPipeline(pipeline, io, chunks);
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
    this.env["?"] = String(code);
    return {
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
  }

  private async runPipeline(pl: Pipeline, io: RunIo, sink: Chunk[]): Promise<number> {
    let stdin: string | undefined;
    let code = 0;
    for (let i = 0; i < pl.length; i++) {
      // Variables are read when the command runs, so `export X=1; echo $X` and `$?` work.
      const cmd = this.expand(pl[i]);
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
      );
      code = r.code;
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

  private expand(cmd: SimpleCommand): SimpleCommand {
    return {
      ...cmd,
      argv: cmd.words.map((w) => expandWord(w, this.env)),
      heredoc: cmd.heredocRaw ? expandHeredoc(cmd.heredocRaw, this.env) : cmd.heredoc,
    };
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

  private async runSimple(cmd: SimpleCommand, stdin: string | undefined, io: RunIo): Promise<CommandResult> {
    const [name, ...args] = cmd.argv;
    if (name === undefined) return { stdout: "", stderr: "", code: 0 };
    if (name === "export" || /^[A-Za-z_]\w*=/.test(name)) {
      for (const a of name === "export" ? args : cmd.argv) {
        const eq = a.indexOf("=");
        if (eq > 0) this.env[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return { stdout: "", stderr: "", code: 0 };
    }
    const c = this.registry.get(name);
    if (!c) return { stdout: "", stderr: `bash: ${name}: command not found\n`, code: 127 };
    try {
      return await c.run({
        node: this.node,
        args,
        stdin,
        follow: io.follow,
        color: io.color ?? false,
        columns: io.columns ?? 80,
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

  private path(p: string): string {
    return p.startsWith("/") ? p : `${this.env.PWD ?? "/root"}/${p}`;
  }

  /** Tab completion: whole-word candidates for the word under the cursor. */
  complete(line: string, cursor: number = line.length): string[] {
    const before = line.slice(0, cursor);
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
    let cands: string[] = [];
    try {
      cands = cmd?.complete ? pick(cmd.complete({ node: this.node, words: words.slice(1), current })) : [];
    } catch {
      cands = [];
    }
    if (cands.length > 0) return cands;
    // Files on the node, as bash completes paths (`kubectl apply -f we<Tab>`, `cat /etc/<Tab>`).
    const dir = current.includes("/") ? current.slice(0, current.lastIndexOf("/") + 1) : "";
    const abs = dir.startsWith("/") ? dir : `${this.env.PWD ?? "/root"}/${dir}`;
    return pick(this.node.fs.readdir(abs).map((f) => dir + f));
  }
}
