// bash: the subset of the shell grammar a learner types at a node — words, quotes, `$VAR`,
// `;` `&&` `||` lists, pipes, `>`/`>>`/`2>&1` redirects and here-documents. Errors use bash's words.

import { expandAt, expandWord, hasSubstitution } from "./expand";

export { expandHeredoc, expandWord } from "./expand";

export type RedirectOp = ">" | ">>" | "2>" | "2>>" | "2>&1" | "&>" | "<";

export interface Redirect {
  op: RedirectOp;
  /** File path (empty for 2>&1). */
  target: string;
  /** The target word unexpanded, for a `$(...)` in it (expanded when the command runs). */
  parts?: WordPart[];
}

/** `$NAME`, `${NAME:-x}`, `$?`, `~`: read when the command runs (`$?` changes between commands). */
export interface VarPart {
  name: string;
  dflt?: string;
  /** Unquoted: the value is split into words (bash's field splitting). */
  split?: boolean;
}

/** `$(command)` or `` `command` ``: run when the command runs; its output (trailing newlines cut) is the text. */
export interface SubPart {
  sub: string;
  split: boolean;
}

/** A piece of a word: literal text (never split; "" marks a quoted empty word), a variable or a command substitution. */
export type WordPart = string | VarPart | SubPart;

export interface SimpleCommand {
  /** Words expanded with the env given to parse(). */
  argv: string[];
  /** The same words unexpanded, for expansion at run time (see expandWord). */
  words: WordPart[][];
  redirects: Redirect[];
  /** Body of a here-document feeding stdin (expanded with the env given to parse()). */
  heredoc?: string;
  /** Raw body and whether it expands, for run-time expansion; `parts` when it does. */
  heredocRaw?: { body: string; expand: boolean; parts?: WordPart[] };
  /**
   * By word index: the pathname pattern of a word with an unquoted `*`, `?` or `[` (quoted characters
   * backslash-escaped), for bash's pathname expansion. Words with variables or substitutions are not globbed.
   */
  globs?: (string | undefined)[];
}

export type Pipeline = SimpleCommand[];

/** `a && b || c`: run pipelines left to right, each gated by the previous exit status. */
export interface AndOrList {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
  /** Ended by `&`: bash runs it as a background job. */
  background?: boolean;
}

export type Script = AndOrList[];

/** A syntax error; `message` is bash's line (`bash: syntax error near unexpected token `|'`). */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    /** True when more input could complete the command (open quote, trailing pipe, open heredoc). */
    readonly incomplete: boolean,
  ) {
    super(message);
    this.name = "ShellSyntaxError";
  }
}

type Token =
  | { t: "word"; v: string; quoted: boolean; parts: WordPart[]; glob?: string }
  | { t: "op"; v: string }
  | { t: "nl" }
  | { t: "heredoc"; body: string; raw: string; expand: boolean; parts?: WordPart[] };

export type Env = Record<string, string>;

export const DEFAULT_ENV: Env = {
  HOME: "/root",
  USER: "root",
  PWD: "/root",
  SHELL: "/bin/bash",
  HOSTNAME: "node-1",
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  KUBECONFIG: "/etc/kubernetes/admin.conf",
};

const OPERATORS = [
  "&&",
  "||",
  ";;",
  "2>&1",
  "2>>",
  "&>",
  ">>",
  "2>",
  "<<<",
  "<<-",
  "<<",
  ">",
  "<",
  "|",
  ";",
  "&",
];

interface PendingHeredoc {
  /** Line of the `<<` operator, for bash's warning. */
  line: number;
  delim: string;
  strip: boolean;
  expand: boolean;
  token: { t: "heredoc"; body: string; raw: string; expand: boolean; parts?: WordPart[] };
}

/** bash's message when input ends inside a quote or a substitution (more input could finish it). */
const eof = (close: string) =>
  new ShellSyntaxError(`bash: unexpected EOF while looking for matching \`${close}'`, true);

/** Index of the `)` closing a `$(` whose text starts at `from` (quotes, nesting and escapes skipped). */
export function findParen(s: string, from: number): number {
  let depth = 1;
  let k = from;
  while (k < s.length) {
    const c = s[k];
    if (c === "\\") k += 2;
    else if (c === "'") {
      const end = s.indexOf("'", k + 1);
      if (end === -1) throw eof("'");
      k = end + 1;
    } else if (c === '"') k = skipDoubleQuoted(s, k + 1);
    else if (c === "`") k = findBacktick(s, k + 1) + 1;
    else if (c === "$" && s[k + 1] === "(") k = findParen(s, k + 2) + 1;
    else if (c === "#" && (k === from || /\s/.test(s[k - 1]))) {
      while (k < s.length && s[k] !== "\n") k++;
    } else {
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return k;
      k++;
    }
  }
  throw eof(")");
}

/** Index just after the `"` closing a double-quoted string whose text starts at `from`. */
function skipDoubleQuoted(s: string, from: number): number {
  let k = from;
  while (k < s.length) {
    const c = s[k];
    if (c === '"') return k + 1;
    if (c === "\\") k += 2;
    else if (c === "`") k = findBacktick(s, k + 1) + 1;
    else if (c === "$" && s[k + 1] === "(") k = findParen(s, k + 2) + 1;
    else k++;
  }
  throw eof('"');
}

/** Index of the backtick closing one opened just before `from`. */
export function findBacktick(s: string, from: number): number {
  for (let k = from; k < s.length; k++) {
    if (s[k] === "\\") k++;
    else if (s[k] === "`") return k;
  }
  throw eof("`");
}

/** Inside backticks a backslash quotes only `$`, `` ` `` and `\\` (so nested backticks are written \\`). */
function unescapeBackticks(text: string): string {
  return text.replace(/\\([$`\\])/g, "$1");
}

/** bash parses a substitution's command when it reads it: a syntax error inside is reported at once. */
function checkSubstitution(command: string): string {
  try {
    parse(command, {});
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    // An unfinished command inside `$( )` ends at the `)`: that is bash's unexpected token.
    throw e.incomplete ? unexpected(")") : e;
  }
  return command;
}

/**
 * The parts of an unquoted here-document body: `$VAR`, `${VAR}`, `$(...)`, backticks, and `\\`
 * quoting only `$`, `` ` ``, `\\` and a newline (bash's rules; nothing is field-split).
 */
export function scanHeredoc(body: string): WordPart[] {
  const parts: WordPart[] = [];
  const lit = (t: string) => {
    if (typeof parts[parts.length - 1] === "string") parts[parts.length - 1] += t;
    else parts.push(t);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === "\\" && "$`\\\n".includes(body[i + 1] ?? "")) {
      if (body[i + 1] !== "\n") lit(body[i + 1]);
      i += 2;
    } else if (c === "`") {
      const end = findBacktick(body, i + 1);
      parts.push({ sub: checkSubstitution(unescapeBackticks(body.slice(i + 1, end))), split: false });
      i = end + 1;
    } else if (c === "$" && body[i + 1] === "(") {
      const end = findParen(body, i + 2);
      parts.push({ sub: checkSubstitution(body.slice(i + 2, end)), split: false });
      i = end + 1;
    } else if (c === "$") {
      const [val, len, ref] = expandAt(body, i, {});
      if (ref) parts.push(ref);
      else lit(val);
      i += len;
    } else {
      lit(c);
      i++;
    }
  }
  return parts;
}

/** Split input into tokens, expanding variables and collecting here-document bodies. */
function tokenize(input: string, env: Env, warnings?: string[]): Token[] {
  const out: Token[] = [];
  const pending: PendingHeredoc[] = [];
  let i = 0;
  const n = input.length;
  let expectDelim: { strip: boolean } | undefined;
  /** After `<<<`: the next word is a here-string (expanded, not split, a newline added). */
  let expectHereString = false;

  const readHeredocs = (): void => {
    // Bodies start on the line after the one that opened them, in order.
    for (const h of pending) {
      const lines: string[] = [];
      let found = false;
      while (i < n) {
        let end = input.indexOf("\n", i);
        if (end === -1) end = n;
        let line = input.slice(i, end);
        i = end + 1;
        if (h.strip) line = line.replace(/^\t+/, "");
        if (line === h.delim) {
          found = true;
          break;
        }
        lines.push(line);
      }
      if (!found) {
        const msg = `bash: warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delim}')`;
        // Running a script, bash warns and uses what it read; typing, the terminal asks for more.
        if (!warnings) throw new ShellSyntaxError(msg, true);
        warnings.push(msg);
      }
      const body = lines.length > 0 ? `${lines.join("\n")}\n` : "";
      if (h.expand) {
        try {
          h.token.parts = scanHeredoc(body);
        } catch (e) {
          // The body is complete: an open `$(` in it is an error, not a reason to wait for more.
          throw e instanceof ShellSyntaxError ? new ShellSyntaxError(e.message, false) : e;
        }
      }
      h.token.body = h.token.parts ? expandWord(h.token.parts, env) : body;
      h.token.raw = body;
      h.token.expand = h.expand;
    }
    pending.length = 0;
  };

  while (i < n) {
    const c = input[i];
    if (c === "\n") {
      out.push({ t: "nl" });
      i++;
      if (pending.length > 0) readHeredocs();
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && input[i] !== "\n") i++;
      continue;
    }
    // `2>` only counts as an operator when the 2 starts a word.
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    if (op) {
      i += op.length;
      if (op === "<<" || op === "<<-") {
        expectDelim = { strip: op === "<<-" };
        continue;
      }
      if (op === "<<<") {
        if (expectHereString || expectDelim) throw unexpected("<<<");
        expectHereString = true;
        continue;
      }
      out.push({ t: "op", v: op });
      continue;
    }
    // A word: concatenation of unquoted, '...' and "..." parts, `$VAR`, `$(...)` and `...`.
    let word = "";
    let quoted = false;
    let any = false;
    const parts: WordPart[] = [];
    /** The word as a pathname pattern: unquoted metacharacters stay, everything quoted is escaped. */
    let pattern = "";
    let globbable = true;
    let hasMeta = false;
    const quotedText = (s: string) => {
      pattern += s.replace(/[*?[\]\\]/g, "\\$&");
    };
    /** Literal text (quoted or not: literal text is never split); "" still marks a quoted empty word. */
    const lit = (s: string) => {
      word += s;
      const last = parts.length - 1;
      if (typeof parts[last] === "string") parts[last] += s;
      else parts.push(s);
    };
    const expansion = (dq: boolean): void => {
      if (input[i] === "`") {
        const end = findBacktick(input, i + 1);
        parts.push({ sub: checkSubstitution(unescapeBackticks(input.slice(i + 1, end))), split: !dq });
        i = end + 1;
        return;
      }
      if (input[i + 1] === "(") {
        const end = findParen(input, i + 2);
        parts.push({ sub: checkSubstitution(input.slice(i + 2, end)), split: !dq });
        i = end + 1;
        return;
      }
      const [val, len, ref] = expandAt(input, i, env);
      if (ref) {
        parts.push(dq ? ref : { ...ref, split: true });
        word += val;
      } else lit(val);
      i += len;
    };
    while (i < n) {
      const ch = input[i];
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") break;
      if (any && OPERATORS.some((o) => o[0] !== "2" && input.startsWith(o, i))) break;
      if (!any && OPERATORS.some((o) => input.startsWith(o, i))) break;
      any = true;
      if (ch === "\\") {
        if (i + 1 >= n) throw new ShellSyntaxError("bash: unexpected EOF after backslash", true);
        if (input[i + 1] !== "\n") {
          lit(input[i + 1]);
          quotedText(input[i + 1]);
        }
        i += 2;
        continue;
      }
      if (ch === "'") {
        const end = input.indexOf("'", i + 1);
        if (end === -1) throw eof("'");
        lit(input.slice(i + 1, end));
        quotedText(input.slice(i + 1, end));
        quoted = true;
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        quoted = true;
        lit("");
        let closed = false;
        while (i < n) {
          const d = input[i];
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === "\\" && i + 1 < n && '$`"\\\n'.includes(input[i + 1])) {
            if (input[i + 1] !== "\n") {
              lit(input[i + 1]);
              quotedText(input[i + 1]);
            }
            i += 2;
            continue;
          }
          if (d === "$" || d === "`") {
            globbable = false;
            expansion(true);
            continue;
          }
          lit(d);
          quotedText(d);
          i++;
        }
        if (!closed) throw eof('"');
        continue;
      }
      if (ch === "$" || ch === "`") {
        globbable = false;
        expansion(false);
        continue;
      }
      if (
        ch === "~" &&
        word === "" &&
        parts.length === 0 &&
        (i + 1 >= n || "/ \t\n".includes(input[i + 1]))
      ) {
        parts.push({ name: "HOME", dflt: "/root" });
        word += env.HOME ?? "/root";
        globbable = false;
        i++;
        continue;
      }
      lit(ch);
      pattern += ch;
      if (ch === "*" || ch === "?" || ch === "[") hasMeta = true;
      i++;
    }
    if (expectHereString) {
      // bash: the word is expanded like a double-quoted one (no splitting, no pathnames) plus "\n".
      const unsplit = parts.map((p) => (typeof p === "string" ? p : { ...p, split: false }));
      const body = [...unsplit, "\n"];
      out.push({ t: "heredoc", body: expandWord(body, env), raw: `${word}\n`, expand: true, parts: body });
      expectHereString = false;
      continue;
    }
    if (expectDelim) {
      const token = { t: "heredoc" as const, body: "", raw: "", expand: false };
      const line = input.slice(0, i).split("\n").length;
      pending.push({ line, delim: word, strip: expectDelim.strip, expand: !quoted, token });
      out.push(token);
      expectDelim = undefined;
      continue;
    }
    out.push({ t: "word", v: word, quoted, parts, glob: globbable && hasMeta ? pattern : undefined });
  }
  if (expectDelim || expectHereString)
    throw new ShellSyntaxError("bash: syntax error near unexpected token `newline'", false);
  if (pending.length > 0) {
    if (!warnings) {
      const h = pending[0];
      throw new ShellSyntaxError(
        `bash: warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delim}')`,
        true,
      );
    }
    readHeredocs();
  }
  return out;
}

const unexpected = (tok: string) =>
  new ShellSyntaxError(`bash: syntax error near unexpected token \`${tok}'`, false);

export interface ParseOptions {
  /** Collect here-document warnings here and run anyway (scripts), instead of failing as incomplete. */
  warnings?: string[];
}

/** Parse a command line (possibly several lines with heredoc bodies). Throws ShellSyntaxError. */
export function parse(input: string, env: Env = DEFAULT_ENV, opts: ParseOptions = {}): Script {
  const toks = tokenize(input, env, opts.warnings);
  const script: Script = [];
  let p = 0;
  const peek = () => toks[p];

  const parseCommand = (): SimpleCommand => {
    const cmd: SimpleCommand = { argv: [], words: [], redirects: [] };
    for (;;) {
      const t = peek();
      if (!t || t.t === "nl") break;
      if (t.t === "heredoc") {
        cmd.heredoc = t.body;
        cmd.heredocRaw = { body: t.raw, expand: t.expand, parts: t.parts };
        p++;
        continue;
      }
      if (t.t === "word") {
        cmd.argv.push(t.v);
        cmd.words.push(t.parts);
        if (t.glob !== undefined) {
          cmd.globs ??= [];
          cmd.globs[cmd.words.length - 1] = t.glob;
        }
        p++;
        continue;
      }
      if ([">", ">>", "2>", "2>>", "&>", "<"].includes(t.v)) {
        p++;
        const target = peek();
        if (!target || target.t === "nl") throw unexpected("newline");
        if (target.t !== "word") throw unexpected(target.t === "op" ? target.v : "newline");
        cmd.redirects.push({
          op: t.v as RedirectOp,
          target: target.v,
          ...(hasSubstitution(target.parts) ? { parts: target.parts } : {}),
        });
        p++;
        continue;
      }
      if (t.v === "2>&1") {
        cmd.redirects.push({ op: "2>&1", target: "" });
        p++;
        continue;
      }
      break;
    }
    return cmd;
  };

  const parsePipeline = (): Pipeline => {
    const pl: Pipeline = [];
    for (;;) {
      const t = peek();
      if (t && t.t === "op" && ["|", "&&", "||", ";", ";;", "&"].includes(t.v)) throw unexpected(t.v);
      const cmd = parseCommand();
      if (cmd.argv.length === 0 && cmd.redirects.length === 0 && cmd.heredoc === undefined) {
        // `a |` at the end: bash asks for more input.
        if (!peek() && pl.length > 0)
          throw new ShellSyntaxError("bash: syntax error: unexpected end of file", true);
        const after = peek();
        throw unexpected(after && after.t === "op" ? after.v : "newline");
      }
      pl.push(cmd);
      const nx = peek();
      if (nx && nx.t === "op" && nx.v === "|") {
        p++;
        while (peek()?.t === "nl") p++;
        if (!peek()) throw new ShellSyntaxError("bash: syntax error: unexpected end of file", true);
        continue;
      }
      return pl;
    }
  };

  while (p < toks.length) {
    const t = peek();
    if (t.t === "nl") {
      p++;
      continue;
    }
    if (t.t === "op" && (t.v === ";" || t.v === ";;" || t.v === "&")) throw unexpected(t.v);
    const list: AndOrList = { first: parsePipeline(), rest: [] };
    for (;;) {
      const nx = peek();
      if (nx && nx.t === "op" && (nx.v === "&&" || nx.v === "||")) {
        p++;
        while (peek()?.t === "nl") p++;
        if (!peek()) throw new ShellSyntaxError("bash: syntax error: unexpected end of file", true);
        list.rest.push({ op: nx.v, pipeline: parsePipeline() });
        continue;
      }
      break;
    }
    script.push(list);
    const nx = peek();
    if (!nx) break;
    if (nx.t === "nl" || (nx.t === "op" && (nx.v === ";" || nx.v === "&"))) {
      if (nx.t === "op" && nx.v === "&") list.background = true;
      p++;
      continue;
    }
    throw unexpected(nx.t === "op" ? nx.v : "newline");
  }
  return script;
}

/** Whether `input` is a whole command: false while a quote, heredoc, pipe or `&&` is still open. */
export function isComplete(input: string): boolean {
  try {
    parse(input, {});
    return true;
  } catch (e) {
    return !(e instanceof ShellSyntaxError && e.incomplete);
  }
}

/** Split a multi-line script into command units: a line (plus continuation lines) and its heredoc bodies. */
export function splitScript(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const units: string[] = [];
  let buf: string[] = [];
  for (const line of lines) {
    buf.push(line);
    const joined = buf.join("\n");
    if (isComplete(joined)) {
      if (joined.trim() !== "" && !/^\s*#/.test(joined)) units.push(joined);
      buf = [];
    }
  }
  if (buf.length > 0) units.push(buf.join("\n"));
  return units;
}
