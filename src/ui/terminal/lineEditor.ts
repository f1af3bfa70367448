// A readline-like line editor for the xterm terminal, kept free of xterm so it can be unit-tested:
// input bytes in, bytes to echo and completed command blocks out. Supports ←/→, Home/End,
// Backspace/Delete, ↑/↓ history, Ctrl-R reverse search, Tab completion (bash-style: one candidate
// completes, several extend the common prefix, a second Tab lists them), Ctrl-C, Ctrl-L, Ctrl-U,
// and heredocs (`<<EOF` … `EOF`).

export const PROMPT = "root@node-1:~# ";
export const CONTINUATION = "> ";
/** What the editor submits for Ctrl-D at an empty prompt inside a container session (end of input). */
export const EOF_INPUT = "\x04";

export interface EditorOutput {
  /** Bytes to write to the terminal (echo, cursor moves, new prompt). */
  write: string;
  /** A complete command (a line, or a heredoc block joined by "\n") to run. */
  submit?: string;
  /** Ctrl-L: the terminal should clear the screen (then `write` redraws the prompt). */
  clear?: boolean;
}

/** The heredoc delimiter a line opens, if any: `cat <<EOF | kubectl apply -f -` → EOF. */
export function heredocDelimiter(line: string): string | undefined {
  const m = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line);
  return m ? m[2] : undefined;
}

/** Candidates for the word under the cursor (the Shell's `complete(line, cursor)`). */
export type Completer = (line: string, cursor: number) => string[];

/** Lay candidates out in columns like bash's completion listing. */
export function columnize(words: string[], width = 80): string {
  const colW = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / colW));
  const rows: string[] = [];
  for (let i = 0; i < words.length; i += perRow)
    rows.push(
      words
        .slice(i, i + perRow)
        .map((w) => w.padEnd(colW))
        .join("")
        .trimEnd(),
    );
  return rows.join("\r\n");
}

function commonPrefix(words: string[]): string {
  let p = words[0] ?? "";
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export class LineEditor {
  /** Width for the completion listing (the terminal's columns). */
  columns = 80;
  /** The prompt shown: the node's, or the container shell's inside a session (`kubectl exec -it`). */
  basePrompt = PROMPT;
  /** Inside a session Ctrl-D at an empty line ends the container shell's input. */
  eofSubmits = false;
  private lastKey = "";
  /** Ctrl-R: the query typed so far and the history index of the current match. */
  private search: { query: string; at: number } | undefined;
  private buf = "";
  private cursor = 0;
  private history: string[] = [];
  /** Position in history while browsing with ↑/↓; history.length = the line being typed. */
  private histPos = 0;
  private draft = "";
  /** Lines gathered so far of a heredoc block, and the line that ends it. */
  private block: string[] = [];
  private delimiter: string | undefined;

  constructor(
    history: string[] = [],
    private readonly completer?: Completer,
  ) {
    this.history = [...history];
    this.histPos = this.history.length;
  }

  get cursorPos(): number {
    return this.cursor;
  }

  get prompt(): string {
    return this.delimiter ? CONTINUATION : this.basePrompt;
  }

  get line(): string {
    return this.buf;
  }

  /** Feed what xterm's onData delivered (one key, or a pasted chunk). */
  feed(data: string): EditorOutput {
    // A pasted chunk may hold several lines: process escape sequences whole, everything else per char.
    let write = "";
    let submit: string | undefined;
    let clear = false;
    const outs: EditorOutput[] = [];
    let i = 0;
    while (i < data.length) {
      const esc = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i));
      const token = esc ? esc[0] : data[i];
      i += token.length;
      outs.push(this.search ? this.searchKey(token) : this.key(token));
      this.lastKey = token;
      // Stop at the first submitted command: the caller runs it, then feeds the rest.
      if (outs.at(-1)?.submit !== undefined && i < data.length) {
        this.pendingPaste = data.slice(i);
        break;
      }
    }
    for (const o of outs) {
      if (o.clear) {
        clear = true;
        write = "";
      }
      write += o.write;
      if (o.submit !== undefined) submit = o.submit;
    }
    return { write, submit, clear };
  }

  /** Text pasted after a submitted command, to feed once the command finished. */
  pendingPaste = "";

  takePendingPaste(): string {
    const p = this.pendingPaste;
    this.pendingPaste = "";
    return p;
  }

  private key(k: string): EditorOutput {
    switch (k) {
      case "\t":
        return this.complete();
      case "\x12":
        if (this.delimiter) return { write: "" };
        this.search = { query: "", at: this.history.length };
        return { write: this.searchLine() };
      case "\r":
      case "\n":
        return this.enter();
      case "\x7f":
      case "\b":
        if (this.cursor === 0) return { write: "" };
        this.buf = this.buf.slice(0, this.cursor - 1) + this.buf.slice(this.cursor);
        this.cursor--;
        return { write: "\b" + this.redrawTail(1) };
      case "\x1b[3~":
        if (this.cursor >= this.buf.length) return { write: "" };
        this.buf = this.buf.slice(0, this.cursor) + this.buf.slice(this.cursor + 1);
        return { write: this.redrawTail(1) };
      case "\x1b[D":
        if (this.cursor === 0) return { write: "" };
        this.cursor--;
        return { write: "\x1b[D" };
      case "\x1b[C":
        if (this.cursor >= this.buf.length) return { write: "" };
        this.cursor++;
        return { write: "\x1b[C" };
      case "\x1b[H":
      case "\x1bOH":
      case "\x01":
        return this.moveTo(0);
      case "\x1b[F":
      case "\x1bOF":
      case "\x05":
        return this.moveTo(this.buf.length);
      case "\x1b[A":
        return this.browse(-1);
      case "\x1b[B":
        return this.browse(1);
      case "\x03": {
        // Ctrl-C: abandon the line (and any heredoc block), like bash.
        this.block = [];
        this.delimiter = undefined;
        this.reset();
        return { write: "^C\r\n" + this.basePrompt };
      }
      case "\x04":
        // Ctrl-D on an empty line: end of input for the shell in the container
        if (this.eofSubmits && this.buf === "" && !this.delimiter) return { write: "", submit: EOF_INPUT };
        return { write: "" };
      case "\x0c":
        return { write: this.prompt + this.buf + "\b".repeat(this.buf.length - this.cursor), clear: true };
      case "\x15": {
        const erase = this.moveTo(0).write;
        const n = this.buf.length;
        this.buf = "";
        this.cursor = 0;
        return { write: erase + " ".repeat(n) + "\b".repeat(n) };
      }
      default:
        if (k.length !== 1 || k < " ") return { write: "" };
        this.buf = this.buf.slice(0, this.cursor) + k + this.buf.slice(this.cursor);
        this.cursor++;
        return { write: k + this.redrawTail(0) };
    }
  }

  /** Tab: complete the word under the cursor from the shell's candidates. */
  private complete(): EditorOutput {
    if (!this.completer) return { write: "" };
    let cands: string[];
    try {
      cands = this.completer(this.buf, this.cursor);
    } catch {
      cands = [];
    }
    if (cands.length === 0) return { write: "\x07" };
    const before = this.buf.slice(0, this.cursor);
    const word = /\S*$/.exec(before)?.[0] ?? "";
    const prefix = commonPrefix(cands);
    if (cands.length === 1) {
      // bash adds a space after a complete word, not after a directory.
      const add = prefix.slice(word.length) + (prefix.endsWith("/") ? "" : " ");
      return { write: this.insert(add) };
    }
    if (prefix.length > word.length) return { write: this.insert(prefix.slice(word.length)) };
    if (this.lastKey !== "\t") return { write: "\x07" };
    // Second Tab: list the candidates under the line, then redraw the prompt and the line.
    const back = this.buf.length - this.cursor;
    return {
      write: `\r\n${columnize(cands, this.columns)}\r\n${this.prompt}${this.buf}${"\b".repeat(back)}`,
    };
  }

  private insert(text: string): string {
    this.buf = this.buf.slice(0, this.cursor) + text + this.buf.slice(this.cursor);
    this.cursor += text.length;
    return text + this.redrawTail(0);
  }

  /** The newest history entry at or before `from` that contains `query`. */
  private findBack(query: string, from: number): number {
    for (let i = Math.min(from, this.history.length - 1); i >= 0; i--)
      if (this.history[i].includes(query)) return i;
    return -1;
  }

  private searchLine(failed = false): string {
    const s = this.search as { query: string; at: number };
    const match = s.at >= 0 && s.at < this.history.length ? this.history[s.at] : "";
    return `\r\x1b[K(${failed ? "failed " : ""}reverse-i-search)\`${s.query}': ${match}`;
  }

  /** Keys while Ctrl-R searching: type to narrow, Ctrl-R for older, Enter runs, Esc/arrows edit. */
  private searchKey(k: string): EditorOutput {
    const s = this.search as { query: string; at: number };
    if (k === "\x12") {
      const i = this.findBack(s.query, s.at - 1);
      if (i >= 0) s.at = i;
      return { write: this.searchLine(i < 0) };
    }
    if (k === "\x7f" || k === "\b") {
      s.query = s.query.slice(0, -1);
      const i = this.findBack(s.query, this.history.length - 1);
      s.at = i >= 0 ? i : this.history.length;
      return { write: this.searchLine() };
    }
    if (k === "\x03" || k === "\x07") {
      this.search = undefined;
      this.reset();
      return { write: `\r\x1b[K${this.basePrompt}` };
    }
    if (k.length === 1 && k >= " ") {
      s.query += k;
      const i = this.findBack(s.query, s.at < this.history.length ? s.at : this.history.length - 1);
      if (i >= 0) s.at = i;
      return { write: this.searchLine(i < 0) };
    }
    // Anything else accepts the match into the line; Enter also runs it.
    const match = s.at >= 0 && s.at < this.history.length ? this.history[s.at] : "";
    this.search = undefined;
    this.buf = match;
    this.cursor = match.length;
    const redraw = `\r\x1b[K${this.basePrompt}${match}`;
    if (k === "\r" || k === "\n") {
      const out = this.enter();
      return { write: redraw + out.write, submit: out.submit };
    }
    return { write: redraw };
  }

  /** Rewrite the text right of the cursor (after an insert/delete), then move back. */
  private redrawTail(erased: number): string {
    const tail = this.buf.slice(this.cursor);
    return tail + " ".repeat(erased) + "\b".repeat(tail.length + erased);
  }

  private moveTo(pos: number): EditorOutput {
    const d = pos - this.cursor;
    this.cursor = pos;
    if (d === 0) return { write: "" };
    return { write: d < 0 ? "\x1b[D".repeat(-d) : "\x1b[C".repeat(d) };
  }

  private browse(dir: number): EditorOutput {
    if (this.delimiter) return { write: "" };
    const next = this.histPos + dir;
    if (next < 0 || next > this.history.length) return { write: "" };
    if (this.histPos === this.history.length) this.draft = this.buf;
    this.histPos = next;
    const text = next === this.history.length ? this.draft : this.history[next];
    const erase = this.moveTo(0).write + " ".repeat(this.buf.length) + "\b".repeat(this.buf.length);
    this.buf = text;
    this.cursor = text.length;
    return { write: erase + text };
  }

  private enter(): EditorOutput {
    const line = this.buf;
    this.reset();
    if (this.delimiter) {
      this.block.push(line);
      if (line.trim() === this.delimiter) {
        const cmd = this.block.join("\n");
        this.block = [];
        this.delimiter = undefined;
        this.remember(cmd);
        return { write: "\r\n", submit: cmd };
      }
      return { write: "\r\n" + CONTINUATION };
    }
    const delim = heredocDelimiter(line);
    if (delim) {
      this.delimiter = delim;
      this.block = [line];
      return { write: "\r\n" + CONTINUATION };
    }
    if (line.trim() === "") {
      // inside a container the empty line still goes to its shell (which prompts again)
      if (this.eofSubmits) return { write: "\r\n", submit: "" };
      return { write: "\r\n" + this.basePrompt };
    }
    this.remember(line);
    return { write: "\r\n", submit: line };
  }

  private remember(cmd: string): void {
    if (this.history.at(-1) !== cmd) this.history.push(cmd);
    this.histPos = this.history.length;
    this.draft = "";
  }

  private reset(): void {
    this.buf = "";
    this.cursor = 0;
    this.histPos = this.history.length;
  }
}

/** Terminal text uses CRLF: a bare "\n" would only move down, not back to column 0. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}
