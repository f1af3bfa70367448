// coreutils: the small text filters people pipe kubectl into (head, tail, wc, sort, uniq,
// awk '{print $N}', cut; grep is files/grep.ts) plus the bash builtins echo/true/false. GNU wording for errors.
import { resolvePath } from "./files/cwd";
import { grepCommand } from "./files/grep";
import { printfCommand } from "./printf";
import { trCommand } from "./tr";
import type { Command, CommandContext, CommandResult } from "./types";
import { fail, ok } from "./types";

/** Input of a filter: the named files (from the node fs) or stdin. */
function inputs(ctx: CommandContext, files: string[], tool: string): { text: string; err: string } {
  if (files.length === 0) return { text: ctx.stdin ?? "", err: "" };
  let text = "";
  let err = "";
  for (const f of files) {
    const path = resolvePath(ctx.node, f);
    if (ctx.node.fs.isDir(path)) err += `${tool}: ${f}: Is a directory\n`;
    else {
      const c = ctx.node.fs.read(path);
      if (c === undefined) err += `${tool}: ${f}: No such file or directory\n`;
      else text += c;
    }
  }
  return { text, err };
}

function lines(text: string): string[] {
  if (text === "") return [];
  const ls = text.split("\n");
  if (ls[ls.length - 1] === "") ls.pop();
  return ls;
}

const joinLines = (ls: string[]) => (ls.length > 0 ? `${ls.join("\n")}\n` : "");

function withErr(stdout: string, err: string): CommandResult {
  return { stdout, stderr: err, code: err ? 1 : 0 };
}

/** `-n 5`, `-n5`, `-5`, `--lines=5` → 5 (head/tail). */
function countArg(
  args: string[],
  tool: string,
): { n: number; fromStart: boolean; rest: string[]; err?: string } {
  let n = 10;
  let fromStart = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === "-n" || a === "--lines") v = args[++i];
    else if (a.startsWith("--lines=")) v = a.slice(8);
    else if (/^-n.+/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a === "-f" || a === "-F") continue;
    else {
      rest.push(a);
      continue;
    }
    if (v === undefined) return { n, fromStart, rest, err: `${tool}: option requires an argument -- 'n'` };
    if (v.startsWith("+")) fromStart = true;
    const num = Number.parseInt(v.replace(/^[+-]/, ""), 10);
    if (!/^[+-]?\d+$/.test(v)) return { n, fromStart, rest, err: `${tool}: invalid number of lines: ‘${v}’` };
    n = num;
  }
  return { n, fromStart, rest };
}

const head: Command = {
  name: "head",
  summary: "output the first part of files",
  async run(ctx) {
    const a = countArg(ctx.args, "head");
    if (a.err) return fail(a.err);
    const { text, err } = inputs(ctx, a.rest, "head");
    return withErr(joinLines(lines(text).slice(0, a.n)), err);
  },
};

const tail: Command = {
  name: "tail",
  summary: "output the last part of files",
  async run(ctx) {
    const a = countArg(ctx.args, "tail");
    if (a.err) return fail(a.err);
    const { text, err } = inputs(ctx, a.rest, "tail");
    const ls = lines(text);
    const out = a.fromStart ? ls.slice(Math.max(0, a.n - 1)) : a.n === 0 ? [] : ls.slice(-a.n);
    return withErr(joinLines(out), err);
  },
};

const wc: Command = {
  name: "wc",
  summary: "print newline, word, and byte counts",
  async run(ctx) {
    const all = ctx.args.filter((a) => a.startsWith("-") && a !== "-").join("");
    const files = ctx.args.filter((a) => !a.startsWith("-") || a === "-");
    const count = (text: string): number[] => {
      const parts: number[] = [];
      const nl = (text.match(/\n/g) ?? []).length;
      const words = text.split(/\s+/).filter(Boolean).length;
      const bytes = new TextEncoder().encode(text).length;
      if (all.includes("l")) parts.push(nl);
      if (all.includes("w")) parts.push(words);
      if (all.includes("c") || all.includes("m")) parts.push(bytes);
      return parts.length > 0 ? parts : [nl, words, bytes];
    };
    if (files.length === 0) {
      // GNU wc on a pipe: one count unpadded, several in columns of 7.
      const parts = count(ctx.stdin ?? "");
      const w = parts.length > 1 ? 7 : 0;
      return withErr(`${parts.map((p) => String(p).padStart(w)).join(" ")}\n`, "");
    }
    let err = "";
    const rows: { parts: number[]; name: string }[] = [];
    let totalBytes = 0;
    for (const f of files) {
      const path = resolvePath(ctx.node, f);
      if (ctx.node.fs.isDir(path)) {
        err += `wc: ${f}: Is a directory\n`;
        rows.push({ parts: count(""), name: f });
        continue;
      }
      const c = ctx.node.fs.read(path);
      if (c === undefined) {
        err += `wc: ${f}: No such file or directory\n`;
        continue;
      }
      totalBytes += new TextEncoder().encode(c).length;
      rows.push({ parts: count(c), name: f });
    }
    if (rows.length > 1)
      rows.push({
        parts: rows[0].parts.map((_, i) => rows.reduce((a, r) => a + r.parts[i], 0)),
        name: "total",
      });
    // GNU: one count of one file is not padded; otherwise columns are as wide as the files' total size.
    const w = files.length === 1 && rows[0]?.parts.length === 1 ? 1 : String(totalBytes).length;
    const out = rows
      .map((r) => `${r.parts.map((p) => String(p).padStart(w)).join(" ")} ${r.name}\n`)
      .join("");
    return { stdout: out, stderr: err, code: err ? 1 : 0 };
  },
};

const sort: Command = {
  name: "sort",
  summary: "sort lines of text",
  async run(ctx) {
    const flags = ctx.args.filter((a) => a.startsWith("-")).join("");
    const files = ctx.args.filter((a) => !a.startsWith("-"));
    const { text, err } = inputs(ctx, files, "sort");
    let ls = lines(text);
    if (flags.includes("n"))
      ls.sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b) || (a < b ? -1 : 1));
    else ls.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (flags.includes("r")) ls.reverse();
    if (flags.includes("u")) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
    return withErr(joinLines(ls), err);
  },
};

const uniq: Command = {
  name: "uniq",
  summary: "report or omit repeated lines",
  async run(ctx) {
    const countFlag = ctx.args.includes("-c");
    const { text, err } = inputs(
      ctx,
      ctx.args.filter((a) => !a.startsWith("-")),
      "uniq",
    );
    const out: [string, number][] = [];
    for (const l of lines(text)) {
      if (out.length > 0 && out[out.length - 1][0] === l) out[out.length - 1][1]++;
      else out.push([l, 1]);
    }
    return withErr(joinLines(out.map(([l, c]) => (countFlag ? `${String(c).padStart(7)} ${l}` : l))), err);
  },
};

/** awk: only `{print $N, $M}` (with -F) — what people use to cut kubectl columns. */
const awk: Command = {
  name: "awk",
  summary: "pattern scanning (only '{print $N}' is simulated)",
  async run(ctx) {
    let sep: string | undefined;
    const rest: string[] = [];
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === "-F") sep = ctx.args[++i];
      else if (a.startsWith("-F")) sep = a.slice(2);
      else rest.push(a);
    }
    const prog = rest.shift();
    if (prog === undefined) return fail("usage: awk [-F fs] 'prog' [file ...]", 2);
    const m = prog.trim().match(/^(?:(NR\s*[><=!]=?\s*\d+|\/[^/]*\/)\s*)?\{\s*print\s*(.*?)\s*;?\s*\}$/);
    if (!m) return fail("k8s-node-sim: awk: only programs like '{print $1}' are simulated", 2);
    const cond = m[1];
    const fields = m[2] === "" ? ["$0"] : m[2].split(/\s*,\s*/);
    const { text, err } = inputs(ctx, rest, "awk");
    const out: string[] = [];
    lines(text).forEach((l, idx) => {
      const nr = idx + 1;
      if (cond?.startsWith("NR")) {
        const [, op, num] = cond.match(/NR\s*([><=!]=?)\s*(\d+)/) ?? [];
        const v = Number(num);
        const pass =
          op === ">"
            ? nr > v
            : op === "<"
              ? nr < v
              : op === ">="
                ? nr >= v
                : op === "<="
                  ? nr <= v
                  : op === "!="
                    ? nr !== v
                    : nr === v;
        if (!pass) return;
      } else if (cond?.startsWith("/") && !new RegExp(cond.slice(1, -1)).test(l)) return;
      const f = sep ? l.split(sep) : l.trim().split(/\s+/);
      const pick = (e: string) => {
        if (e === "$0") return l;
        if (e === "NF") return String(f.length);
        if (e === "$NF") return f[f.length - 1] ?? "";
        const n = e.match(/^\$(\d+)$/);
        if (n) return f[Number(n[1]) - 1] ?? "";
        return e.replace(/^"(.*)"$/, "$1");
      };
      out.push(fields.map(pick).join(" "));
    });
    return withErr(joinLines(out), err);
  },
};

/** cut -d X -f N[,M] or -c A-B. */
const cut: Command = {
  name: "cut",
  summary: "remove sections from each line",
  async run(ctx) {
    let delim = "\t";
    let fields: string | undefined;
    let chars: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === "-d") delim = ctx.args[++i] ?? "\t";
      else if (a.startsWith("-d")) delim = a.slice(2);
      else if (a === "-f") fields = ctx.args[++i];
      else if (a.startsWith("-f")) fields = a.slice(2);
      else if (a === "-c") chars = ctx.args[++i];
      else if (a.startsWith("-c")) chars = a.slice(2);
      else files.push(a);
    }
    const spec = fields ?? chars;
    if (!spec)
      return fail(
        "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.",
      );
    const ranges = spec.split(",").map((r) => {
      const [a, b] = r.includes("-") ? r.split("-") : [r, r];
      return [a === "" ? 1 : Number(a), b === "" ? Number.POSITIVE_INFINITY : Number(b)] as const;
    });
    const inRange = (k: number) => ranges.some(([a, b]) => k >= a && k <= b);
    const { text, err } = inputs(ctx, files, "cut");
    const out = lines(text).map((l) => {
      if (chars) return [...l].filter((_, k) => inRange(k + 1)).join("");
      if (!l.includes(delim)) return l;
      return l
        .split(delim)
        .filter((_, k) => inRange(k + 1))
        .join(delim);
    });
    return withErr(joinLines(out), err);
  },
};

/** A minimal cat (stdin or files) so `cat <<EOF | kubectl apply -f -` works; the file commands may replace it. */
const cat: Command = {
  name: "cat",
  summary: "concatenate files and print on the standard output",
  async run(ctx) {
    const files = ctx.args.filter((a) => a !== "-");
    const { text, err } = inputs(ctx, files, "cat");
    return withErr(text, err);
  },
};

const echo: Command = {
  name: "echo",
  summary: "display a line of text",
  async run(ctx) {
    const args = [...ctx.args];
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
      const f = args.shift()!;
      if (f.includes("n")) newline = false;
      if (f.includes("e")) escapes = true;
    }
    let s = args.join(" ");
    if (escapes) s = s.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
    return ok(newline ? `${s}\n` : s);
  },
};

/** GNU base64: encode (lines wrapped at 76 columns, `-w 0` for none) or `-d` decode. */
const base64: Command = {
  name: "base64",
  summary: "base64 encode/decode data and print to standard output",
  async run(ctx) {
    let decode = false;
    let wrap = 76;
    const files: string[] = [];
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === "-d" || a === "--decode") decode = true;
      else if (a === "-w" || a === "--wrap") wrap = Number(ctx.args[++i] ?? 76);
      else if (/^-w\d+$/.test(a) || a.startsWith("--wrap=")) wrap = Number(a.replace(/^(-w|--wrap=)/, ""));
      else files.push(a);
    }
    const { text, err } = inputs(ctx, files, "base64");
    if (err) return withErr("", err);
    const bytes = new TextEncoder().encode(text);
    if (decode) {
      const clean = text.replace(/\s+/g, "");
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
        return { stdout: "", stderr: "base64: invalid input\n", code: 1 };
      const bin = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, "="));
      return ok(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
    }
    const enc = btoa(String.fromCharCode(...bytes));
    if (enc === "") return ok("");
    const chunks = wrap > 0 ? (enc.match(new RegExp(`.{1,${wrap}}`, "g")) ?? []) : [enc];
    return ok(`${chunks.join("\n")}\n`);
  },
};

const trueCmd: Command = { name: "true", summary: "do nothing, successfully", run: async () => ok("") };
const falseCmd: Command = {
  name: "false",
  summary: "do nothing, unsuccessfully",
  run: async () => ({ stdout: "", stderr: "", code: 1 }),
};

export const FILTER_COMMANDS: Command[] = [
  cat,
  grepCommand,
  head,
  tail,
  wc,
  sort,
  uniq,
  awk,
  cut,
  echo,
  printfCommand,
  base64,
  trueCmd,
  falseCmd,
  trCommand,
];
