// GNU grep 3.11 over the node's files and stdin: -e/-E/-F/-G, -i -v -w -x, -c -l -L -o -q -s,
// -n -h -H, -m, -r/-R, context -A/-B/-C/-NUM with `--` between groups (also across files), getopt's
// bundling and permutation, and grep's own error wording (exit 2). Simplified: no binary files,
// no --include/--exclude, no colour; POSIX regex is translated to a JS RegExp.
import { Output } from "../registry";
import type { Command, CommandContext, CommandResult } from "../types";
import { resolvePath } from "./cwd";

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

interface Options {
  patterns: string[];
  syntax: "G" | "E" | "F";
  ignoreCase: boolean;
  invert: boolean;
  word: boolean;
  line: boolean;
  count: boolean;
  list: "" | "l" | "L";
  only: boolean;
  quiet: boolean;
  noMessages: boolean;
  lineNumber: boolean;
  filenames: "" | "h" | "H";
  maxCount: number;
  recursive: boolean;
  after: number;
  before: number;
  /** -A/-B/-C given (even 0): groups are separated by `--`. */
  context: boolean;
}

type Short = (o: Options, arg: string) => string | undefined;
const flag =
  (f: (o: Options) => void): Short =>
  (o) => {
    f(o);
    return undefined;
  };

function contextArg(arg: string): number | string {
  return /^\d+$/.test(arg) ? Number(arg) : `grep: ${arg}: invalid context length argument\n`;
}

/** Short options; those in WITH_ARG take a value (`-A 2`, `-A2`). */
const SHORT: Record<string, Short> = {
  E: flag((o) => (o.syntax = "E")),
  F: flag((o) => (o.syntax = "F")),
  G: flag((o) => (o.syntax = "G")),
  i: flag((o) => (o.ignoreCase = true)),
  y: flag((o) => (o.ignoreCase = true)),
  v: flag((o) => (o.invert = true)),
  w: flag((o) => (o.word = true)),
  x: flag((o) => (o.line = true)),
  c: flag((o) => (o.count = true)),
  l: flag((o) => (o.list = "l")),
  L: flag((o) => (o.list = "L")),
  o: flag((o) => (o.only = true)),
  q: flag((o) => (o.quiet = true)),
  s: flag((o) => (o.noMessages = true)),
  n: flag((o) => (o.lineNumber = true)),
  h: flag((o) => (o.filenames = "h")),
  H: flag((o) => (o.filenames = "H")),
  r: flag((o) => (o.recursive = true)),
  R: flag((o) => (o.recursive = true)),
  e: (o, a) => {
    o.patterns.push(...a.split("\n"));
    return undefined;
  },
  m: (o, a) => {
    if (!/^-?\d+$/.test(a)) return "grep: invalid max count\n";
    o.maxCount = Number(a) < 0 ? Number.POSITIVE_INFINITY : Number(a);
    return undefined;
  },
  A: (o, a) => setContext(o, a, true, false),
  B: (o, a) => setContext(o, a, false, true),
  C: (o, a) => setContext(o, a, true, true),
};
const WITH_ARG = new Set(["e", "m", "A", "B", "C"]);

function setContext(o: Options, a: string, after: boolean, before: boolean): string | undefined {
  const n = contextArg(a);
  if (typeof n === "string") return n;
  if (after) o.after = n;
  if (before) o.before = n;
  o.context = true;
  return undefined;
}

/** Long options in GNU grep's table order (for abbreviations and the ambiguity message). */
const LONG: [string, string, "none" | "required" | "optional"][] = [
  ["basic-regexp", "G", "none"],
  ["extended-regexp", "E", "none"],
  ["fixed-regexp", "F", "none"],
  ["fixed-strings", "F", "none"],
  ["after-context", "A", "required"],
  ["before-context", "B", "required"],
  ["color", "", "optional"],
  ["colour", "", "optional"],
  ["context", "C", "required"],
  ["count", "c", "none"],
  ["files-with-matches", "l", "none"],
  ["files-without-match", "L", "none"],
  ["ignore-case", "i", "none"],
  ["invert-match", "v", "none"],
  ["line-number", "n", "none"],
  ["line-regexp", "x", "none"],
  ["max-count", "m", "required"],
  ["no-filename", "h", "none"],
  ["no-messages", "s", "none"],
  ["only-matching", "o", "none"],
  ["quiet", "q", "none"],
  ["recursive", "r", "none"],
  ["dereference-recursive", "R", "none"],
  ["regexp", "e", "required"],
  ["silent", "q", "none"],
  ["with-filename", "H", "none"],
  ["word-regexp", "w", "none"],
];

/** getopt_long: options anywhere before `--` (permutation), bundles, `-NUM` context. */
function parseArgs(args: string[]): { opts: Options; operands: string[] } | { error: string } {
  const opts: Options = {
    patterns: [],
    syntax: "G",
    ignoreCase: false,
    invert: false,
    word: false,
    line: false,
    count: false,
    list: "",
    only: false,
    quiet: false,
    noMessages: false,
    lineNumber: false,
    filenames: "",
    maxCount: Number.POSITIVE_INFINITY,
    recursive: false,
    after: 0,
    before: 0,
    context: false,
  };
  const operands: string[] = [];
  const usage = (msg: string) => ({ error: `grep: ${msg}\n${USAGE}` });
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === "--") {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq === -1 ? undefined : eq);
      const exact = LONG.find(([n]) => n === name);
      const hits = exact ? [exact] : LONG.filter(([n]) => n.startsWith(name));
      const distinct = new Set(hits.map(([, s]) => s));
      if (hits.length === 0) return usage(`unrecognized option '${a}'`);
      if (distinct.size > 1)
        return usage(
          `option '${a.slice(0, eq === -1 ? undefined : eq)}' is ambiguous; possibilities:${hits.map(([n]) => ` '--${n}'`).join("")}`,
        );
      const [full, short, arg] = hits[0];
      let value: string | undefined = eq === -1 ? undefined : a.slice(eq + 1);
      if (arg === "none" && value !== undefined) return usage(`option '--${full}' doesn't allow an argument`);
      if (arg === "required" && value === undefined) {
        if (k + 1 >= args.length) return usage(`option '--${full}' requires an argument`);
        value = args[++k];
      }
      if (short === "") continue; // --color: this terminal's grep prints no colour codes
      const err = SHORT[short](opts, value ?? "");
      if (err) return { error: err };
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      // -NUM is -C NUM (digits may be bundled with other flags: -2n).
      const body = a.slice(1);
      for (let c = 0; c < body.length; c++) {
        const ch = body[c];
        if (/\d/.test(ch)) {
          const digits = /^\d+/.exec(body.slice(c))?.[0] ?? "";
          setContext(opts, digits, true, true);
          c += digits.length - 1;
          continue;
        }
        const fn = SHORT[ch];
        if (!fn) return usage(`invalid option -- '${ch}'`);
        if (WITH_ARG.has(ch)) {
          let value = body.slice(c + 1);
          if (value === "") {
            if (k + 1 >= args.length) return usage(`option requires an argument -- '${ch}'`);
            value = args[++k];
          }
          const err = fn(opts, value);
          if (err) return { error: err };
          break;
        }
        fn(opts, "");
      }
      continue;
    }
    operands.push(a);
  }
  return { opts, operands };
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  word: "\\w",
};

/** POSIX regex (BRE or ERE) → JS source: bracket classes, GNU `\<` `\>`, BRE's escaped operators. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "[") {
      // A bracket expression is copied whole: `]` first is literal, [:class:] expands.
      let j = i + 1;
      let body = "";
      if (pattern[j] === "^") body += pattern[j++];
      if (pattern[j] === "]") {
        body += "\\]";
        j++;
      }
      while (j < pattern.length && pattern[j] !== "]") {
        const cls = /^\[:(\w+):\]/.exec(pattern.slice(j));
        if (cls && POSIX_CLASSES[cls[1]]) {
          body += POSIX_CLASSES[cls[1]];
          j += cls[0].length;
        } else {
          body += pattern[j] === "\\" ? "\\\\" : pattern[j];
          j++;
        }
      }
      if (j >= pattern.length) throw new GrepRegexError("Unmatched [, [^, [:, [., or [=");
      out += `[${body}]`;
      i = j;
      continue;
    }
    if (c === "\\" && i + 1 < pattern.length) {
      const n = pattern[++i];
      if (n === "<" || n === ">") out += "\\b";
      else if (!extended && "(){}|+?".includes(n)) out += n;
      else out += `\\${n}`;
      continue;
    }
    if (!extended && "(){}|+?".includes(c)) out += `\\${c}`;
    else if (c === "*" && (out === "" || out.endsWith("(") || out.endsWith("|"))) out += "\\*";
    else out += c;
  }
  return out;
}

class GrepRegexError extends Error {}

function compile(o: Options): RegExp {
  const word = "A-Za-z0-9_";
  const sources = o.patterns.map((p) => {
    const src = o.syntax === "F" ? p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : posixToJs(p, o.syntax === "E");
    if (o.line) return `^(?:${src})$`;
    if (o.word) return `(?<![${word}])(?:${src})(?![${word}])`;
    return src;
  });
  try {
    return new RegExp(sources.map((s) => `(?:${s})`).join("|"), `g${o.ignoreCase ? "i" : ""}`);
  } catch (e) {
    const m = (e as Error).message;
    if (/character class/i.test(m)) throw new GrepRegexError("Unmatched [, [^, [:, [., or [=");
    if (/group|parenthes|\)/i.test(m)) throw new GrepRegexError("Unmatched ( or \\(");
    if (/brace|quantifier/i.test(m)) throw new GrepRegexError("Invalid content of \\{\\}");
    throw new GrepRegexError("Invalid regular expression");
  }
}

interface Source {
  name: string;
  text: string;
}

/** Lines of one input with what grep prints for it; `separate` tracks `--` across inputs. */
function searchOne(
  src: Source,
  re: RegExp,
  o: Options,
  showName: boolean,
  state: { used: boolean },
): { out: string; selected: number } {
  const lines = src.text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const hit = (l: string) => {
    re.lastIndex = 0;
    return re.test(l) !== o.invert;
  };
  const head = (idx: number, sep: ":" | "-") =>
    `${showName ? `${src.name}${sep}` : ""}${o.lineNumber ? `${idx + 1}${sep}` : ""}`;
  const quiet = o.count || o.quiet || o.list !== "";
  let out = "";
  let selected = 0;
  /** Index of the line after the last one printed (-1: nothing printed in this input yet). */
  let lastOut = -1;
  let pending = 0;
  const printLine = (idx: number, sep: ":" | "-") => {
    const line = lines[idx];
    if (o.only) {
      // -o prints each match of a selected line; context lines print nothing.
      if (sep === ":" && !o.invert) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== "") out += `${head(idx, sep)}${m[0]}\n`;
      }
    } else out += `${head(idx, sep)}${line}\n`;
    lastOut = idx + 1;
  };
  for (let idx = 0; idx < lines.length; idx++) {
    if (selected >= o.maxCount) {
      // After -m NUM matches, grep still prints the trailing context.
      if (!quiet && pending > 0 && idx === lastOut) {
        printLine(idx, "-");
        pending--;
        continue;
      }
      break;
    }
    if (!hit(lines[idx])) {
      if (!quiet && pending > 0 && idx === lastOut) {
        printLine(idx, "-");
        pending--;
      }
      continue;
    }
    selected++;
    if (quiet) continue;
    const from = Math.max(idx - o.before, lastOut === -1 ? 0 : lastOut);
    if (o.context && state.used && from !== lastOut) out += "--\n";
    for (let b = from; b < idx; b++) printLine(b, "-");
    printLine(idx, ":");
    pending = o.after;
    state.used = true;
  }
  return { out, selected };
}

/** Inputs in order — stdin, files, or with -r every file below a directory — and the errors between. */
function collect(
  ctx: CommandContext,
  operands: string[],
  o: Options,
): { inputs: (Source | { err: string })[]; dirOperand: boolean } {
  const node = ctx.node;
  const inputs: (Source | { err: string })[] = [];
  let dirOperand = false;
  const files = operands.length > 0 ? operands : o.recursive ? [""] : [];
  if (files.length === 0)
    return { inputs: [{ name: "(standard input)", text: ctx.stdin ?? "" }], dirOperand };
  for (const f of files) {
    if (f === "-") {
      inputs.push({ name: "(standard input)", text: ctx.stdin ?? "" });
      continue;
    }
    const p = resolvePath(node, f || ".");
    if (node.fs.isDir(p) || p === "/") {
      if (!o.recursive) {
        inputs.push({ err: `grep: ${f}: Is a directory\n` });
        continue;
      }
      dirOperand = true;
      const prefix = p === "/" ? "/" : `${p}/`;
      // `grep -r x` with no operand names files relative to the directory, without "./".
      const shown = f === "" ? "" : f.endsWith("/") ? f : `${f}/`;
      for (const x of node.fs.paths())
        if (x.startsWith(prefix))
          inputs.push({ name: shown + x.slice(prefix.length), text: node.fs.read(x) ?? "" });
      continue;
    }
    const text = node.fs.read(p);
    inputs.push(text === undefined ? { err: `grep: ${f}: No such file or directory\n` } : { name: f, text });
  }
  return { inputs, dirOperand };
}

export async function runGrep(ctx: CommandContext): Promise<CommandResult> {
  const parsed = parseArgs(ctx.args);
  if ("error" in parsed) return { stdout: "", stderr: parsed.error, code: 2 };
  const { opts, operands } = parsed;
  if (opts.patterns.length === 0) {
    if (operands.length === 0) return { stdout: "", stderr: USAGE, code: 2 };
    opts.patterns.push(...(operands.shift() as string).split("\n"));
  }
  let re: RegExp;
  try {
    re = compile(opts);
  } catch (e) {
    if (!(e instanceof GrepRegexError)) throw e;
    return { stdout: "", stderr: `grep: ${e.message}\n`, code: 2 };
  }
  const { inputs, dirOperand } = collect(ctx, operands, opts);
  const showName = opts.filenames === "H" || (opts.filenames === "" && (operands.length > 1 || dirOperand));
  const state = { used: false };
  const o = new Output();
  let any = false;
  let failed = false;
  for (const input of inputs) {
    if ("err" in input) {
      failed = true;
      if (!opts.noMessages) o.err(input.err);
      continue;
    }
    const r = searchOne(input, re, opts, showName, state);
    if (r.selected > 0) any = true;
    // -q stops at the first selected line: exit 0 even after an error.
    if (opts.quiet && any) return o.result(0);
    if (opts.list === "l" && r.selected > 0) o.out(`${input.name}\n`);
    else if (opts.list === "L" && r.selected === 0) o.out(`${input.name}\n`);
    else if (opts.count && opts.list === "") o.out(`${showName ? `${input.name}:` : ""}${r.selected}\n`);
    else o.out(r.out);
  }
  return o.result(failed ? 2 : any ? 0 : 1);
}

export const grepCommand: Command = {
  name: "grep",
  summary: "Print lines that match patterns (-i -v -w -n -c -o -l -r -E -F, -A/-B/-C context)",
  run: runGrep,
};
