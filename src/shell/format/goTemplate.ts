// `kubectl -o go-template=…`: Go's text/template over the object as JSON data (map[string]interface{}),
// the subset task pages and troubleshooting guides use: {{.a.b}}, {{range …}}{{else}}{{end}},
// {{if …}}{{else if …}}{{else}}{{end}}, {{with …}}, variables ($, $x := …), {{- trimming -}}, and the
// functions index, len, printf, print, println, eq, ne, lt, le, gt, ge, not, and, or.
// A missing map key prints "<no value>", as it does for kubectl's unstructured objects.

export class GoTemplateError extends Error {
  /** A syntax error (kubectl: "error parsing template"), not one while executing. */
  parsing = false;
}

type Node =
  | { t: "text"; s: string }
  | { t: "action"; pipe: Pipe }
  | { t: "range"; pipe: Pipe; vars: string[]; body: Node[]; otherwise: Node[] }
  | { t: "if" | "with"; pipe: Pipe; body: Node[]; otherwise: Node[] };

/** A pipeline: commands joined by |, optionally declaring variables (`$x := …`). */
interface Pipe {
  decl: string[];
  cmds: Arg[][];
}

type Arg =
  | { t: "field"; base: "dot" | string; path: string[] }
  | { t: "str"; v: string }
  | { t: "num"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "nil" }
  | { t: "ident"; name: string }
  | { t: "sub"; pipe: Pipe; path: string[] };

const NO_VALUE = Symbol("no value");

/** Per-call options: extra functions (crictl adds json/title/lower/upper), missingkey=error, the template's name. */
export interface GoTemplateOptions {
  funcs?: Record<string, (args: unknown[]) => unknown>;
  /** text/template Option("missingkey=error"): a missing map key fails the execution. */
  missingKeyError?: boolean;
  /** The name errors carry (`template: NAME:1: …`); kubectl's is "output". */
  name?: string;
}

/** The template being executed, for error positions. */
let activeSrc = "";

/** text/template ErrorContext: `line:col` of a node (col = byte offset on its line). */
function position(text: string): string {
  const pos = Math.max(0, activeSrc.indexOf(text));
  const before = activeSrc.slice(0, pos);
  const nl = before.lastIndexOf("\n");
  return `${before.split("\n").length}:${nl === -1 ? pos : pos - nl - 1}`;
}

/** The options of the execution under way (templates run synchronously, one at a time). */
let active: GoTemplateOptions = {};

/** Split the template into text and the insides of {{ }} (honouring {{- and -}} trimming). */
function lex(src: string): ({ text: string } | { action: string; at: number })[] {
  const out: ({ text: string } | { action: string; at: number })[] = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    let text = open === -1 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (open === -1) {
      if (text) out.push({ text });
      break;
    }
    let start = open + 2;
    if (src.startsWith("- ", start) || src.startsWith("-\t", start) || src.startsWith("-\n", start)) {
      text = text.replace(/\s+$/, "");
      start += 1;
    }
    if (text) out.push({ text });
    const close = findClose(src, start);
    if (close === -1) throw new GoTemplateError(`template: output:1: unclosed action`);
    let end = close;
    trimNext = false;
    if (src[close - 1] === "-" && /\s/.test(src[close - 2] ?? "")) {
      end = close - 1;
      trimNext = true;
    }
    out.push({ action: src.slice(start, end).trim(), at: open });
    i = close + 2;
  }
  return out;
}

function findClose(src: string, from: number): number {
  let q: string | undefined;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (q) {
      if (c === "\\" && q === '"') i++;
      else if (c === q) q = undefined;
    } else if (c === '"' || c === "`") q = c;
    else if (c === "}" && src[i + 1] === "}") return i;
  }
  return -1;
}

function tokenize(s: string): string[] {
  const toks: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
      if (j >= s.length) throw new GoTemplateError("template: output:1: unterminated quoted string");
      toks.push(s.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const j = s.indexOf("`", i + 1);
      if (j === -1) throw new GoTemplateError("template: output:1: unterminated raw quoted string");
      toks.push(s.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === "(" || c === ")" || c === "|") {
      toks.push(c);
      i++;
      // (pipeline).Field: the field chain right after the parenthesis belongs to it.
      if (c === ")" && s[i] === ".") {
        let j = i;
        while (j < s.length && !/[\s()|,]/.test(s[j])) j++;
        toks.push(`\u0001${s.slice(i, j)}`);
        i = j;
      }
      continue;
    }
    if (s.startsWith(":=", i)) {
      toks.push(":=");
      i += 2;
      continue;
    }
    if (c === ",") {
      toks.push(",");
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s()|,]/.test(s[j]) && !s.startsWith(":=", j)) j++;
    toks.push(s.slice(i, j));
    i = j;
  }
  return toks;
}

function parsePipe(toks: string[]): Pipe {
  let k = 0;
  const decl: string[] = [];
  const assign = toks.indexOf(":=");
  if (assign > 0 && toks.slice(0, assign).every((t) => t === "," || t.startsWith("$"))) {
    decl.push(...toks.slice(0, assign).filter((t) => t !== ","));
    k = assign + 1;
  }
  const parseCmds = (stop: string | undefined): Arg[][] => {
    const cmds: Arg[][] = [[]];
    while (k < toks.length && toks[k] !== stop) {
      const t = toks[k++];
      if (t === "|") {
        cmds.push([]);
        continue;
      }
      if (t === "(") {
        const inner = parseCmds(")");
        if (toks[k] !== ")") throw new GoTemplateError("template: output:1: unclosed left paren");
        k++;
        let path: string[] = [];
        if (toks[k]?.startsWith("\u0001.")) path = toks[k++].slice(2).split(".");
        cmds[cmds.length - 1].push({ t: "sub", pipe: { decl: [], cmds: inner }, path });
        continue;
      }
      cmds[cmds.length - 1].push(parseArg(t));
    }
    return cmds;
  };
  const cmds = parseCmds(undefined);
  if (cmds.some((c) => c.length === 0))
    throw new GoTemplateError("template: output:1: missing value for command");
  return { decl, cmds };
}

function parseArg(t: string): Arg {
  if (t.startsWith('"')) return { t: "str", v: JSON.parse(t) as string };
  if (t.startsWith("`")) return { t: "str", v: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { t: "num", v: Number(t) };
  if (t === "true" || t === "false") return { t: "bool", v: t === "true" };
  if (t === "nil") return { t: "nil" };
  if (t === ".") return { t: "field", base: "dot", path: [] };
  if (t.startsWith(".")) return { t: "field", base: "dot", path: t.slice(1).split(".") };
  if (t.startsWith("$")) {
    const [v, ...path] = t.split(".");
    return { t: "field", base: v, path };
  }
  if (/^[A-Za-z_]\w*$/.test(t)) return { t: "ident", name: t };
  throw new GoTemplateError(`template: output:1: unexpected "${t}" in command`);
}

function parse(src: string): Node[] {
  const items = lex(src);
  let k = 0;
  const block = (ends: string[]): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (k < items.length) {
      const it = items[k++];
      if ("text" in it) {
        nodes.push({ t: "text", s: it.text });
        continue;
      }
      const a = it.action;
      if (a.startsWith("/*")) continue;
      const word = a.split(/\s+/)[0] as string;
      if (ends.includes(word) || (word === "else" && ends.includes("else"))) return { nodes, end: a };
      if (word === "range" || word === "if" || word === "with") {
        nodes.push(control(word, a.slice(word.length).trim()));
        continue;
      }
      if (word === "end" || word === "else")
        throw new GoTemplateError(`template: output:1: unexpected {{${word}}}`);
      nodes.push({ t: "action", pipe: parsePipe(tokenize(a)) });
    }
    if (ends.length > 0) throw new GoTemplateError("template: output:1: unexpected EOF");
    return { nodes, end: "" };
  };
  /** range/if/with up to its {{end}}; `{{else if c}}` nests an if that shares that {{end}}. */
  function control(word: "range" | "if" | "with", rest: string): Node {
    if (!rest) throw new GoTemplateError(`template: output:1: missing value for ${word}`);
    const pipe = parsePipe(tokenize(rest));
    const inner = block(["end", "else"]);
    let otherwise: Node[] = [];
    if (inner.end.startsWith("else")) {
      const elseRest = inner.end.slice(4).trim();
      if (word === "if" && elseRest.startsWith("if ")) otherwise = [control("if", elseRest.slice(3).trim())];
      else otherwise = block(["end"]).nodes;
    }
    if (word === "range")
      return {
        t: "range",
        pipe: { decl: [], cmds: pipe.cmds },
        vars: pipe.decl,
        body: inner.nodes,
        otherwise,
      };
    return { t: word, pipe, body: inner.nodes, otherwise };
  }

  return block([]).nodes;
}

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
}

function truthy(v: unknown): boolean {
  if (v === NO_VALUE || v === undefined || v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v as object).length > 0;
  return true;
}

function show(v: unknown): string {
  if (v === NO_VALUE) return "<no value>";
  if (v === undefined || v === null) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(show).join(" ")}]`;
  if (typeof v === "object")
    return `map[${Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${show((v as Record<string, unknown>)[k])}`)
      .join(" ")}]`;
  return String(v);
}

function field(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === NO_VALUE || cur === undefined || cur === null) return NO_VALUE;
    if (typeof cur !== "object" || Array.isArray(cur))
      throw new GoTemplateError(`template: output:1: can't evaluate field ${p} in type ${goType(cur)}`);
    const o = cur as Record<string, unknown>;
    if (!(p in o) && active.missingKeyError)
      throw new GoTemplateError(
        `template: output:${position(`.${path.join(".")}`)}: executing "output" at <.${path.join(".")}>: map has no entry for key "${p}"`,
      );
    cur = p in o ? o[p] : NO_VALUE;
  }
  return cur;
}

function goType(v: unknown): string {
  if (Array.isArray(v)) return "[]interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  if (typeof v === "boolean") return "bool";
  if (v && typeof v === "object") return "map[string]interface {}";
  return "interface {}";
}

function sprintf(fmt: string, args: unknown[]): string {
  let i = 0;
  return fmt.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([svdqfT%])/g, (_m, _flags: string, verb: string) => {
    if (verb === "%") return "%";
    const a = args[i++];
    if (verb === "q") return JSON.stringify(show(a));
    if (verb === "d") return String(Math.trunc(Number(a)));
    if (verb === "T") return goType(a);
    return show(a);
  });
}

const FUNCS: Record<string, (args: unknown[]) => unknown> = {
  index: ([v, ...keys]) => {
    let cur = v;
    for (const k of keys) {
      if (cur === NO_VALUE || cur === null || cur === undefined) return NO_VALUE;
      if (Array.isArray(cur)) {
        const n = Number(k);
        if (!Number.isInteger(n) || n < 0 || n >= cur.length)
          throw new GoTemplateError(
            `template: output:1: error calling index: index out of range: ${show(k)}`,
          );
        cur = cur[n];
      } else cur = (cur as Record<string, unknown>)[String(k)] ?? NO_VALUE;
    }
    return cur;
  },
  len: ([v]) => {
    if (typeof v === "string" || Array.isArray(v)) return v.length;
    if (v && typeof v === "object") return Object.keys(v).length;
    throw new GoTemplateError(`template: output:1: error calling len: len of type ${goType(v)}`);
  },
  printf: ([f, ...rest]) => sprintf(String(f), rest),
  print: (args) => args.map(show).join(""),
  println: (args) => `${args.map(show).join(" ")}\n`,
  eq: ([a, ...bs]) => bs.some((b) => a === b),
  ne: ([a, b]) => a !== b,
  lt: ([a, b]) => (a as number) < (b as number),
  le: ([a, b]) => (a as number) <= (b as number),
  gt: ([a, b]) => (a as number) > (b as number),
  ge: ([a, b]) => (a as number) >= (b as number),
  not: ([a]) => !truthy(a),
  and: (args) => args.find((a) => !truthy(a)) ?? args[args.length - 1],
  or: (args) => args.find((a) => truthy(a)) ?? args[args.length - 1],
};

function evalArg(a: Arg, s: Scope): unknown {
  switch (a.t) {
    case "str":
    case "num":
    case "bool":
      return a.v;
    case "nil":
      return null;
    case "field": {
      if (a.base === "dot") return field(s.dot, a.path);
      if (!s.vars.has(a.base))
        throw new GoTemplateError(`template: output:1: undefined variable "${a.base}"`);
      return field(s.vars.get(a.base), a.path);
    }
    case "sub":
      return field(evalPipe(a.pipe, s), a.path);
    case "ident": {
      const fn = active.funcs?.[a.name] ?? FUNCS[a.name];
      if (!fn) throw new GoTemplateError(`template: output:1: function "${a.name}" not defined`);
      return fn([]);
    }
  }
}

function evalPipe(p: Pipe, s: Scope): unknown {
  let prev: unknown;
  let first = true;
  for (const cmd of p.cmds) {
    const head = cmd[0];
    const extra = first ? [] : [prev];
    if (head.t === "ident") {
      const fn = active.funcs?.[head.name] ?? FUNCS[head.name];
      if (!fn) throw new GoTemplateError(`template: output:1: function "${head.name}" not defined`);
      prev = fn([...cmd.slice(1).map((x) => evalArg(x, s)), ...extra]);
    } else {
      if (cmd.length > 1)
        throw new GoTemplateError("template: output:1: can't give argument to non-function");
      prev = evalArg(head, s);
    }
    first = false;
  }
  for (const v of p.decl) s.vars.set(v, prev);
  return prev;
}

function exec(nodes: Node[], s: Scope, out: string[]): void {
  for (const n of nodes) {
    switch (n.t) {
      case "text":
        out.push(n.s);
        break;
      case "action": {
        const v = evalPipe(n.pipe, s);
        if (n.pipe.decl.length === 0) out.push(show(v));
        break;
      }
      case "if":
      case "with": {
        const v = evalPipe(n.pipe, s);
        if (truthy(v)) exec(n.body, n.t === "with" ? { dot: v, vars: s.vars } : s, out);
        else exec(n.otherwise, s, out);
        break;
      }
      case "range": {
        const v = evalPipe(n.pipe, s);
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === "object"
            ? Object.keys(v as object)
                .sort()
                .map((k) => [k, (v as Record<string, unknown>)[k]])
            : [];
        if (v !== NO_VALUE && v !== null && v !== undefined && typeof v !== "object")
          throw new GoTemplateError(`template: output:1: range can't iterate over ${show(v)}`);
        if (entries.length === 0) exec(n.otherwise, s, out);
        for (const [k, x] of entries) {
          const vars = new Map(s.vars);
          if (n.vars.length === 1) vars.set(n.vars[0], x);
          if (n.vars.length === 2) {
            vars.set(n.vars[0], k);
            vars.set(n.vars[1], x);
          }
          exec(n.body, { dot: x, vars }, out);
        }
        break;
      }
    }
  }
}

/** Execute a Go template against JSON data ($ and . start as the data). */
export function goTemplate(src: string, data: unknown, opts: GoTemplateOptions = {}): string {
  const prev = active;
  const prevSrc = activeSrc;
  active = opts;
  activeSrc = src;
  try {
    let nodes: Node[];
    try {
      nodes = parse(src);
    } catch (e) {
      if (e instanceof GoTemplateError) e.parsing = true;
      throw e;
    }
    const out: string[] = [];
    exec(nodes, { dot: data, vars: new Map([["$", data]]) }, out);
    return out.join("");
  } catch (e) {
    if (e instanceof GoTemplateError && opts.name)
      e.message = e.message.replace(/output(?=:\d|")/g, opts.name);
    throw e;
  } finally {
    active = prev;
    activeSrc = prevSrc;
  }
}
