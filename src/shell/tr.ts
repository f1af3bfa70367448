// GNU coreutils tr: translate, delete (-d) or squeeze (-s) characters from stdin. SETs take escapes
// (\0 \n \t \\ \NNN octal), ranges (a-z) and classes ([:upper:] …) — enough for
// `tr \\0 ' ' < /proc/PID/cmdline` and `tr a-z A-Z`.
import { type Command, type CommandContext, type CommandResult, fail, ok } from "./types";

const CLASSES: Record<string, string> = {
  alnum: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  alpha: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  digit: "0123456789",
  lower: "abcdefghijklmnopqrstuvwxyz",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  space: "\t\n\v\f\r ",
  blank: "\t ",
  punct: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
  xdigit: "0123456789ABCDEFabcdef",
};

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", v: "\v", f: "\f", a: "\x07", b: "\b" };

/** A SET as the list of characters it stands for, or the error tr prints. */
function expandSet(set: string): string[] | string {
  const atoms: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const c = set[i];
    if (c === "\\" && i + 1 < set.length) {
      const oct = /^[0-7]{1,3}/.exec(set.slice(i + 1))?.[0];
      if (oct) {
        atoms.push(String.fromCharCode(Number.parseInt(oct, 8) & 0xff));
        i += oct.length;
      } else {
        atoms.push(ESCAPES[set[i + 1]] ?? set[i + 1]);
        i++;
      }
      continue;
    }
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls) {
      const chars = CLASSES[cls[1]];
      if (chars === undefined) return `tr: invalid character class '${cls[1]}'`;
      atoms.push(...chars);
      i += cls[0].length - 1;
      continue;
    }
    atoms.push(c);
  }
  // ranges: a-z between two atoms
  const out: string[] = [];
  for (let i = 0; i < atoms.length; i++) {
    if (atoms[i + 1] === "-" && i + 2 < atoms.length) {
      const from = atoms[i].charCodeAt(0);
      const to = atoms[i + 2].charCodeAt(0);
      if (to < from)
        return `tr: range-endpoints of '${atoms[i]}-${atoms[i + 2]}' are in reverse collating sequence order`;
      for (let code = from; code <= to; code++) out.push(String.fromCharCode(code));
      i += 2;
      continue;
    }
    out.push(atoms[i]);
  }
  return out;
}

function runTr(ctx: CommandContext): CommandResult {
  let del = false;
  let squeeze = false;
  let complement = false;
  const sets: string[] = [];
  let flagsDone = false;
  for (const a of ctx.args) {
    if (!flagsDone && a === "--") flagsDone = true;
    else if (!flagsDone && /^-[dscC]+$/.test(a))
      for (const c of a.slice(1)) {
        if (c === "d") del = true;
        else if (c === "s") squeeze = true;
        else complement = true;
      }
    else if (!flagsDone && a === "--delete") del = true;
    else if (!flagsDone && a === "--squeeze-repeats") squeeze = true;
    else if (!flagsDone && a === "--complement") complement = true;
    else sets.push(a);
  }
  const usage = "Try 'tr --help' for more information.";
  if (sets.length === 0) return fail(`tr: missing operand\n${usage}`);
  if (!del && !squeeze && sets.length === 1)
    return fail(
      `tr: missing operand after '${sets[0]}'\nTwo strings must be given when translating.\n${usage}`,
    );
  const max = del && squeeze ? 2 : del || (squeeze && sets.length === 1) ? 1 : 2;
  if (sets.length > max)
    return fail(
      `tr: extra operand '${sets[max]}'${del && max === 1 ? "\nOnly one string may be given when deleting without squeezing repeats." : ""}\n${usage}`,
    );
  const set1 = expandSet(sets[0]);
  if (typeof set1 === "string") return fail(set1);
  const set2 = sets[1] !== undefined ? expandSet(sets[1]) : [];
  if (typeof set2 === "string") return fail(set2);
  const in1 = (c: string) => set1.includes(c) !== complement;
  const input = ctx.stdin ?? "";
  let out = "";
  if (del) {
    for (const c of input) if (!in1(c)) out += c;
    if (squeeze) out = squeezeRuns(out, new Set(set2));
    return ok(out);
  }
  if (sets.length === 1) return ok(squeezeRuns(input, { has: in1 }));
  const map = new Map<string, string>();
  if (complement) {
    const last = set2[set2.length - 1] ?? "";
    for (const c of new Set(input)) if (in1(c)) map.set(c, last);
  } else
    set1.forEach((c, i) => {
      map.set(c, set2[Math.min(i, set2.length - 1)] ?? c);
    });
  for (const c of input) out += map.get(c) ?? c;
  if (squeeze) out = squeezeRuns(out, new Set(set2));
  return ok(out);
}

function squeezeRuns(text: string, set: { has(c: string): boolean }): string {
  let out = "";
  for (const c of text) if (!(set.has(c) && out.endsWith(c))) out += c;
  return out;
}

export const trCommand: Command = {
  name: "tr",
  summary: "Translate or delete characters (tr \\\\0 ' ' < /proc/PID/cmdline)",
  run: async (ctx) => runTr(ctx),
};
