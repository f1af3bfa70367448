// busybox ash / dash — simplified: a parser for the shell subset container commands use
// (lists with ; && ||, pipes, while/until/if/for, { }, redirections, quotes, $VAR and $(…)).
import { deepFreeze } from "../../api/equality";

export type Part = { q: 0 | 1 | 2; s: string } | { q: 0 | 2; sub: string };
export interface Word {
  parts: Part[];
}
export interface Redirect {
  fd: 1 | 2;
  op: ">" | ">>" | ">&";
  target: Word;
}

export type Node =
  | { t: "cmd"; words: Word[]; redirs: Redirect[]; assigns: [string, Word][] }
  | { t: "and" | "or"; a: Node; b: Node }
  | { t: "seq"; list: Node[] }
  | { t: "pipe"; list: Node[]; negate: boolean }
  | { t: "loop"; until: boolean; cond: Node; body: Node }
  | { t: "if"; cond: Node; then: Node; else?: Node }
  | { t: "for"; name: string; words: Word[]; body: Node }
  | { t: "group"; body: Node }
  /** A compound command with redirections (`for …; done > file`, `{ …; } 2>&1`). */
  | { t: "redir"; body: Node; redirs: Redirect[] };

type Tok = { k: "w"; w: Word; raw: string } | { k: "op"; v: string };

export class ShellSyntaxError extends Error {}

const OPS = [
  "&&",
  "||",
  ";;",
  "2>&1",
  "2>>",
  ">>",
  "2>",
  "&>",
  ">&",
  ";",
  "|",
  "&",
  ">",
  "<",
  "(",
  ")",
  "\n",
];

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ k: "op", v: op });
      i += op.length;
      continue;
    }
    const parts: Part[] = [];
    const start = i;
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ q: 0, s: lit });
      lit = "";
    };
    while (i < src.length) {
      const ch = src[i];
      if (
        " \t\r\n".includes(ch) ||
        OPS.some((o) => o !== "2>&1" && o !== "2>" && o !== "2>>" && src.startsWith(o, i))
      )
        break;
      if (ch === "'") {
        flush();
        const end = src.indexOf("'", i + 1);
        if (end === -1) throw new ShellSyntaxError("Unterminated quoted string");
        parts.push({ q: 1, s: src.slice(i + 1, end) });
        i = end + 1;
      } else if (ch === '"') {
        flush();
        i++;
        let s = "";
        while (i < src.length && src[i] !== '"') {
          if (src[i] === "\\" && '"$`\\'.includes(src[i + 1] ?? "")) {
            s += src[i + 1];
            i += 2;
          } else if (src.startsWith("$((", i)) {
            const end = src.indexOf("))", i);
            if (end === -1) throw new ShellSyntaxError("Unterminated quoted string");
            s += src.slice(i, end + 2);
            i = end + 2;
          } else if (src.startsWith("$(", i)) {
            if (s) parts.push({ q: 2, s });
            s = "";
            const [sub, next] = readSub(src, i + 2);
            parts.push({ q: 2, sub });
            i = next;
          } else {
            s += src[i++];
          }
        }
        if (i >= src.length) throw new ShellSyntaxError("Unterminated quoted string");
        parts.push({ q: 2, s });
        i++;
      } else if (ch === "\\") {
        lit += src[i + 1] ?? "";
        i += 2;
      } else if (src.startsWith("$((", i)) {
        // arithmetic expansion stays literal text; the interpreter evaluates it
        const end = src.indexOf("))", i);
        if (end === -1) throw new ShellSyntaxError("Unterminated quoted string");
        lit += src.slice(i, end + 2);
        i = end + 2;
      } else if (src.startsWith("$(", i)) {
        flush();
        const [sub, next] = readSub(src, i + 2);
        parts.push({ q: 0, sub });
        i = next;
      } else if (ch === "`") {
        flush();
        const end = src.indexOf("`", i + 1);
        if (end === -1) throw new ShellSyntaxError("Unterminated quoted string");
        parts.push({ q: 0, sub: src.slice(i + 1, end) });
        i = end + 1;
      } else {
        lit += ch;
        i++;
      }
    }
    flush();
    out.push({ k: "w", w: { parts }, raw: src.slice(start, i) });
  }
  return out;
}

function readSub(src: string, from: number): [string, number] {
  let depth = 1;
  let i = from;
  while (i < src.length) {
    if (src[i] === "(") depth++;
    else if (src[i] === ")" && --depth === 0) return [src.slice(from, i), i + 1];
    i++;
  }
  throw new ShellSyntaxError("Unterminated quoted string");
}

const KEYWORDS = new Set(["do", "done", "then", "fi", "else", "elif", "}", "esac"]);

/** Parsed scripts by source: probes and restarts run the same few scripts thousands of times. */
const parsed = new Map<string, Node>();
const PARSED_MAX = 512;

/** parseScript, memoised: the tree is frozen, since every run of the same script shares it. */
export function parseScript(src: string): Node {
  let node = parsed.get(src);
  if (node === undefined) {
    node = deepFreeze(parseScriptUncached(src));
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(src, node);
  }
  return node;
}

function parseScriptUncached(src: string): Node {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const isOp = (v: string) => toks[pos]?.k === "op" && (toks[pos] as { v: string }).v === v;
  const isKw = (v: string) => toks[pos]?.k === "w" && (toks[pos] as { raw: string }).raw === v;
  const skipNl = () => {
    while (isOp("\n") || isOp(";")) pos++;
  };
  const expectKw = (v: string) => {
    skipNl();
    if (!isKw(v)) {
      const t = peek();
      const got = t === undefined ? "end of file" : t.k === "op" ? t.v : t.raw;
      throw new ShellSyntaxError(
        `syntax error: unexpected ${got === "end of file" ? got : `"${got}"`} (expecting "${v}")`,
      );
    }
    pos++;
  };

  function list(): Node {
    const items: Node[] = [];
    skipNl();
    while (pos < toks.length) {
      const t = peek();
      if (t.k === "w" && KEYWORDS.has(t.raw)) break;
      if (t.k === "op" && t.v === ")") break;
      items.push(andOr());
      if (isOp("&")) pos++;
      else if (isOp(";") || isOp("\n")) skipNl();
      else break;
      skipNl();
    }
    return items.length === 1 ? items[0] : { t: "seq", list: items };
  }

  function andOr(): Node {
    let n = pipeline();
    for (;;) {
      if (isOp("&&") || isOp("||")) {
        const op = (peek() as { v: string }).v;
        pos++;
        while (isOp("\n")) pos++;
        const b = pipeline();
        n = { t: op === "&&" ? "and" : "or", a: n, b };
      } else return n;
    }
  }

  function pipeline(): Node {
    let negate = false;
    if (isKw("!")) {
      negate = true;
      pos++;
    }
    const cmds = [command()];
    while (isOp("|")) {
      pos++;
      cmds.push(command());
    }
    return cmds.length === 1 && !negate ? cmds[0] : { t: "pipe", list: cmds, negate };
  }

  function command(): Node {
    const t = peek();
    const compound =
      t?.k === "w" ? ["while", "until", "if", "for", "{"].includes(t.raw) : t?.k === "op" && t.v === "(";
    const node = compoundOrSimple();
    return compound ? withRedirections(node) : node;
  }

  function compoundOrSimple(): Node {
    const t = peek();
    if (!t) throw new ShellSyntaxError("syntax error: unexpected end of file");
    if (t.k === "w" && (t.raw === "while" || t.raw === "until")) {
      pos++;
      const cond = list();
      expectKw("do");
      const body = list();
      expectKw("done");
      return { t: "loop", until: t.raw === "until", cond, body };
    }
    if (t.k === "w" && t.raw === "if") {
      pos++;
      return ifRest();
    }
    if (t.k === "w" && t.raw === "for") {
      pos++;
      const nameTok = peek();
      if (nameTok?.k !== "w") throw new ShellSyntaxError("syntax error: bad for loop variable");
      pos++;
      const words: Word[] = [];
      if (isKw("in")) {
        pos++;
        while (peek()?.k === "w" && !isKw("do")) words.push((toks[pos++] as { w: Word }).w);
      }
      expectKw("do");
      const body = list();
      expectKw("done");
      return { t: "for", name: nameTok.raw, words, body };
    }
    if (t.k === "w" && t.raw === "{") {
      pos++;
      const body = list();
      expectKw("}");
      return { t: "group", body };
    }
    if (t.k === "op" && t.v === "(") {
      pos++;
      const body = list();
      if (!isOp(")")) throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      pos++;
      return { t: "group", body };
    }
    return simple();
  }

  function ifRest(): Node {
    const cond = list();
    expectKw("then");
    const then = list();
    skipNl();
    if (isKw("elif")) {
      pos++;
      return { t: "if", cond, then, else: ifRest() };
    }
    let els: Node | undefined;
    if (isKw("else")) {
      pos++;
      els = list();
    }
    expectKw("fi");
    return { t: "if", cond, then, else: els };
  }

  /** One redirection at the cursor, if there is one: consumed and added to `redirs`. */
  function redirection(redirs: Redirect[]): boolean {
    const t = peek();
    if (t?.k !== "op") return false;
    const v = t.v;
    if (v === ">" || v === ">>" || v === "2>" || v === "2>>" || v === "&>" || v === "<") {
      pos++;
      const target = peek();
      if (target?.k !== "w") throw new ShellSyntaxError("syntax error: unexpected newline");
      pos++;
      if (v === "<") return true;
      const fd = v.startsWith("2") ? 2 : 1;
      redirs.push({ fd, op: v.endsWith(">>") ? ">>" : ">", target: target.w });
      if (v === "&>") redirs.push({ fd: 2, op: ">&", target: { parts: [{ q: 0, s: "1" }] } });
      return true;
    }
    if (v === "2>&1") {
      pos++;
      redirs.push({ fd: 2, op: ">&", target: { parts: [{ q: 0, s: "1" }] } });
      return true;
    }
    if (v === ">&") {
      // `>&2`: stdout goes where stderr goes
      pos++;
      const t2 = peek();
      if (t2?.k === "w") pos++;
      if (t2?.k === "w" && t2.raw === "2")
        redirs.push({ fd: 1, op: ">&", target: { parts: [{ q: 0, s: "2" }] } });
      return true;
    }
    return false;
  }

  /** Redirections after a compound command's closing word apply to all of it. */
  function withRedirections(body: Node): Node {
    const redirs: Redirect[] = [];
    while (redirection(redirs));
    return redirs.length ? { t: "redir", body, redirs } : body;
  }

  function simple(): Node {
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    const assigns: [string, Word][] = [];
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.k === "op") {
        if (redirection(redirs)) continue;
        break;
      }
      if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.raw)) {
        const eq = t.raw.indexOf("=");
        const first = t.w.parts[0];
        const value: Word = { parts: [...t.w.parts] };
        if (first && "s" in first && first.q === 0) value.parts[0] = { q: 0, s: first.s.slice(eq + 1) };
        assigns.push([t.raw.slice(0, eq), value]);
        pos++;
        continue;
      }
      words.push(t.w);
      pos++;
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) {
      const t = peek();
      const got = t ? (t.k === "op" ? (t.v === "\n" ? "newline" : `"${t.v}"`) : `"${t.raw}"`) : "end of file";
      throw new ShellSyntaxError(`syntax error: unexpected ${got}`);
    }
    return { t: "cmd", words, redirs, assigns };
  }

  const root = list();
  if (pos < toks.length) {
    const t = toks[pos];
    throw new ShellSyntaxError(`syntax error: unexpected "${t.k === "op" ? t.v : t.raw}"`);
  }
  return root;
}
