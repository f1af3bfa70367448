// jq on the node (Debian's jq 1.6), a subset: the filters the docs pipe API output through —
// `.`, paths `.a.b`, `.a[0]`, `.a[]`, `.["k"]`, `."k"`, optional `?`, pipes `|`, `keys`, `length` —
// and the flags -r, -c, -S, -M, -C, --indent N. Output as jq prints it: 2-space indent, one value per line.
// Simplified: no colour (jq colours only for a terminal; the simulator prints plain JSON there too).
import { Output } from "../registry";
import type { Command, CommandContext, CommandResult } from "../types";
import { resolvePath } from "./cwd";

class JqError extends Error {}

type Step =
  | { t: "field"; name: string; opt: boolean }
  | { t: "index"; i: number; opt: boolean }
  | { t: "iter"; opt: boolean }
  | { t: "fn"; name: "keys" | "length" };

const typeName = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v;

/** Parse one `|`-free term into steps; throws jq's compile error text on what it does not know. */
function parseTerm(src: string): Step[] {
  const s = src.trim();
  if (s === "keys" || s === "length") return [{ t: "fn", name: s }];
  if (!s.startsWith(".")) throw new JqError(`jq: error: ${s}/0 is not defined at <top-level>, line 1:`);
  const steps: Step[] = [];
  let i = 1;
  const opt = () => {
    if (s[i] === "?") {
      i++;
      return true;
    }
    return false;
  };
  while (i < s.length) {
    if (s[i] === ".") {
      i++;
      continue;
    }
    if (s[i] === "[") {
      const end = s.indexOf("]", i);
      if (end === -1) throw new JqError("jq: error: syntax error, unexpected $end");
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === "") steps.push({ t: "iter", opt: opt() });
      else if (/^-?\d+$/.test(inner)) steps.push({ t: "index", i: Number(inner), opt: opt() });
      else if (/^"(.*)"$/.test(inner))
        steps.push({ t: "field", name: JSON.parse(inner) as string, opt: opt() });
      else throw new JqError(`jq: error: syntax error, unexpected ${inner}`);
      continue;
    }
    if (s[i] === '"') {
      const m = /^"((?:[^"\\]|\\.)*)"/.exec(s.slice(i));
      if (!m) throw new JqError("jq: error: syntax error, unexpected $end");
      i += m[0].length;
      steps.push({ t: "field", name: JSON.parse(m[0]) as string, opt: opt() });
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m)
      throw new JqError(
        `jq: error: syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?) at <top-level>, line 1:\n${src}`,
      );
    i += m[0].length;
    steps.push({ t: "field", name: m[0], opt: opt() });
  }
  return steps;
}

function apply(step: Step, v: unknown): unknown[] {
  switch (step.t) {
    case "field":
      if (v === null) return [null];
      if (typeof v === "object" && !Array.isArray(v)) {
        const x = (v as Record<string, unknown>)[step.name];
        return [x === undefined ? null : x];
      }
      if (step.opt) return [];
      throw new JqError(`Cannot index ${typeName(v)} with "${step.name}"`);
    case "index":
      if (v === null) return [null];
      if (Array.isArray(v)) {
        const x = v[step.i < 0 ? v.length + step.i : step.i];
        return [x === undefined ? null : x];
      }
      if (step.opt) return [];
      throw new JqError(`Cannot index ${typeName(v)} with number`);
    case "iter":
      if (Array.isArray(v)) return v;
      if (v && typeof v === "object") return Object.values(v);
      if (step.opt) return [];
      throw new JqError(`Cannot iterate over ${typeName(v)}${v === null ? "" : ` (${JSON.stringify(v)})`}`);
    case "fn":
      if (step.name === "length") {
        if (v === null) return [0];
        if (typeof v === "string" || Array.isArray(v)) return [v.length];
        if (typeof v === "object") return [Object.keys(v as object).length];
        if (typeof v === "number") return [Math.abs(v)];
        throw new JqError(`${typeName(v)} (${JSON.stringify(v)}) has no length`);
      }
      if (Array.isArray(v)) return [v.map((_, i) => i)];
      if (v && typeof v === "object") return [Object.keys(v).sort()];
      throw new JqError(`${typeName(v)} (${JSON.stringify(v)}) has no keys`);
  }
}

function run(filter: string, input: unknown): unknown[] {
  let vals = [input];
  for (const term of filter.split("|")) {
    const steps = parseTerm(term);
    for (const st of steps) vals = vals.flatMap((v) => apply(st, v));
  }
  return vals;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** The JSON texts in the input, one after another (jq reads a stream of values). */
function parseStream(text: string): unknown[] | { error: string } {
  const out: unknown[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i])) i++;
    if (i >= n) break;
    // find the end of this value: balanced brackets outside strings, or a scalar up to whitespace
    let j = i;
    if (text[i] === "{" || text[i] === "[") {
      let depth = 0;
      let inStr = false;
      for (; j < n; j++) {
        const c = text[j];
        if (inStr) {
          if (c === "\\") j++;
          else if (c === '"') inStr = false;
        } else if (c === '"') inStr = true;
        else if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") {
          depth--;
          if (depth === 0) {
            j++;
            break;
          }
        }
      }
    } else if (text[i] === '"') {
      for (j = i + 1; j < n && text[j] !== '"'; j++) if (text[j] === "\\") j++;
      j++;
    } else while (j < n && !/[\s{[]/.test(text[j])) j++;
    const chunk = text.slice(i, j);
    try {
      out.push(JSON.parse(chunk));
    } catch {
      const before = text.slice(0, j);
      const line = before.split("\n").length;
      const col = j - (before.lastIndexOf("\n") + 1);
      return { error: `parse error: Invalid numeric literal at line ${line}, column ${col}` };
    }
    i = j;
  }
  return out;
}

async function jq(ctx: CommandContext): Promise<CommandResult> {
  const out = new Output();
  let raw = false;
  let compact = false;
  let sort = false;
  let indent = 2;
  let filter: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i];
    if (a === "--indent") indent = Number(ctx.args[++i]);
    else if (a === "--raw-output") raw = true;
    else if (a === "--compact-output") compact = true;
    else if (a === "--sort-keys") sort = true;
    else if (a === "--monochrome-output" || a === "--color-output") continue;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === "r") raw = true;
        else if (f === "c") compact = true;
        else if (f === "S") sort = true;
        else if (f === "M" || f === "C") continue;
        else
          return out
            .err(
              `jq: Unknown option: ${a}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq`,
            )
            .result(2);
      }
    } else if (filter === undefined) filter = a;
    else files.push(a);
  }
  if (filter === undefined) {
    return out
      .err(
        'Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [STRINGS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_TEXTS...]\n\njq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter\'s results as JSON on\nstandard output.\n\nThe simplest filter is ., which copies jq\'s input to its output\nunmodified (except for formatting, but note that IEEE754 is used\nfor number representation internally, with all that that implies).\n\nFor more advanced filters see the jq(1) manpage ("man jq")\nand/or https://stedolan.github.io/jq\n\nExample:\n\n\t$ echo \'{"foo": 0}\' | jq .\n\t{\n\t\t"foo": 0\n\t}\n\nFor a listing of options, use jq --help.',
      )
      .result(2);
  }
  let text = ctx.stdin ?? "";
  if (files.length > 0) {
    text = "";
    for (const f of files) {
      const body = ctx.node.fs.read(resolvePath(ctx.node, f));
      if (body === undefined)
        return out.err(`jq: error: Could not open ${f}: No such file or directory`).result(2);
      text += body;
    }
  }
  const values = parseStream(text);
  if ("error" in values) return out.err(values.error).result(2);
  const where = files.length > 0 ? files[files.length - 1] : "<stdin>";
  const lines = text.split("\n").length - 1;
  const show = (v: unknown) => {
    if (raw && typeof v === "string") return v;
    const x = sort ? sortDeep(v) : v;
    return compact ? JSON.stringify(x) : JSON.stringify(x, null, indent);
  };
  for (const v of values) {
    try {
      for (const r of run(filter, v)) out.out(`${show(r)}\n`);
    } catch (e) {
      if (!(e instanceof JqError)) throw e;
      if (e.message.startsWith("jq: error: ")) {
        return out.err(`${e.message}\njq: 1 compile error`).result(3);
      }
      return out.err(`jq: error (at ${where}:${lines}): ${e.message}`).result(5);
    }
  }
  return out.result(0);
}

export const jqCommand: Command = { name: "jq", summary: "Command-line JSON processor", run: jq };
