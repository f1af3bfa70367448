// One table of commands (excalidraw's actions/register.ts habit): kubectl, crictl, systemctl, `sim`…
// each registered by name; the lead adds the other engineers' commands through `register`.
import type { SimNode } from "../sim/node/types";
import type { Command, CommandResult, RuntimeView } from "./types";

/** What Tab completion hands a command: the words before the cursor and the partial word. */
export interface CompletionRequest {
  node: SimNode;
  /** Words after the command name, before the one being completed. */
  words: string[];
  /** The partial word under the cursor ("" after a space). */
  current: string;
  /** Containers, sandboxes and images as the runtime holds them now (no CRI call). */
  view?: RuntimeView;
}

/** A command may offer completions; candidates are whole words, filtered by prefix by the shell. */
export interface CompletableCommand extends Command {
  complete?(req: CompletionRequest): string[];
  /** Hidden from `help` (aliases). */
  hidden?: boolean;
}

/** Output pieces in the order the tool wrote them (stderr warnings before stdout lines, say). */
export interface Chunk {
  fd: 1 | 2;
  text: string;
}

/** A CommandResult that also records the interleaving of stdout and stderr. */
export interface OrderedResult extends CommandResult {
  chunks?: Chunk[];
}

/** The order pieces of a result reach the terminal: its chunks, or stdout then stderr. */
export function chunksOf(r: CommandResult): Chunk[] {
  const c = (r as OrderedResult).chunks;
  if (c) return c;
  const out: Chunk[] = [];
  if (r.stdout) out.push({ fd: 1, text: r.stdout });
  if (r.stderr) out.push({ fd: 2, text: r.stderr });
  return out;
}

/** Build an OrderedResult by writing pieces in order. */
export class Output {
  private chunks: Chunk[] = [];
  out(text: string): this {
    if (text) this.chunks.push({ fd: 1, text });
    return this;
  }
  err(text: string): this {
    if (text) this.chunks.push({ fd: 2, text: text.endsWith("\n") ? text : `${text}\n` });
    return this;
  }
  result(code = 0): OrderedResult {
    const stdout = this.chunks
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join("");
    const stderr = this.chunks
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join("");
    return { stdout, stderr, code, chunks: this.chunks.slice() };
  }
}

export class Registry {
  private commands = new Map<string, CompletableCommand>();

  register(cmd: CompletableCommand): void {
    this.commands.set(cmd.name, cmd);
  }

  get(name: string): CompletableCommand | undefined {
    return this.commands.get(name);
  }

  /** Every command, sorted by name. */
  list(): CompletableCommand[] {
    return [...this.commands.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  names(): string[] {
    return this.list().map((c) => c.name);
  }
}
