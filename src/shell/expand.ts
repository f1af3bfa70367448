// bash's word expansions, the part learners use: `$NAME`, `${NAME}`, `${NAME:-default}`, `$?`, `~`,
// command substitution `$(...)` / backticks (trailing newlines cut), and field splitting of what an
// unquoted expansion produced (IFS = space, tab, newline).
import type { Env, VarPart, WordPart } from "./parse";

/** `$NAME`, `${NAME}`, `${NAME:-x}`, `$?`: the value, how many characters were consumed, and the reference. */
export function expandAt(s: string, i: number, env: Env): [string, number, VarPart?] {
  const next = s[i + 1];
  if (next === "{") {
    const end = s.indexOf("}", i + 2);
    if (end === -1) return ["$", 1];
    const inner = s.slice(i + 2, end);
    const dflt = inner.match(/^(\w+):?-(.*)$/);
    const ref = dflt ? { name: dflt[1], dflt: dflt[2] } : { name: inner };
    return [lookup(ref, env), end - i + 1, ref];
  }
  if (next === "?") return [lookup({ name: "?", dflt: "0" }, env), 2, { name: "?", dflt: "0" }];
  const m = s.slice(i + 1).match(/^[A-Za-z_]\w*/);
  if (!m) return ["$", 1];
  return [env[m[0]] ?? "", m[0].length + 1, { name: m[0] }];
}

function lookup(ref: VarPart, env: Env): string {
  const v = env[ref.name];
  return v === undefined || v === "" ? (ref.dflt ?? "") : v;
}

/** Expand a word with the env as it is now, without running anything (a substitution reads as ""). */
export function expandWord(parts: WordPart[], env: Env): string {
  return parts.map((p) => (typeof p === "string" ? p : "sub" in p ? "" : lookup(p, env))).join("");
}

/** Expand a heredoc body without running anything (see expandWord). */
export function expandHeredoc(raw: { body: string; expand: boolean; parts?: WordPart[] }, env: Env): string {
  return raw.expand && raw.parts ? expandWord(raw.parts, env) : raw.body;
}

/** Runs a substituted command in a subshell and returns its stdout. */
export type RunSubstitution = (command: string) => Promise<string>;

const IFS = /[ \t\n]+/;

/** Whether a word (or heredoc body) holds a command substitution, i.e. needs running to expand. */
export function hasSubstitution(parts: WordPart[]): boolean {
  return parts.some((p) => typeof p !== "string" && "sub" in p);
}

/**
 * Expand a word at run time into the words the command receives: variables are read, substitutions
 * run, and the results of unquoted expansions split on IFS (`split: false` for assignments). A word
 * made only of unquoted expansions that produced nothing disappears, as in bash.
 */
export async function expandFields(
  parts: WordPart[],
  env: Env,
  run: RunSubstitution,
  opts: { split: boolean } = { split: true },
): Promise<string[]> {
  const resolved: (string | { value: string; split: boolean })[] = [];
  for (const p of parts) {
    if (typeof p === "string" || !("sub" in p)) resolved.push(typeof p === "string" ? p : resolve(p, env));
    // bash strips every trailing newline of a substitution's output.
    else resolved.push({ value: (await run(p.sub)).replace(/\n+$/, ""), split: p.split });
  }
  return fieldsOf(resolved, opts.split);
}

/** expandFields for a word without substitutions: synchronous, so a command starts in the same tick. */
export function expandFieldsNow(
  parts: WordPart[],
  env: Env,
  opts: { split: boolean } = { split: true },
): string[] {
  return fieldsOf(
    parts.map((p) =>
      typeof p === "string" ? p : "sub" in p ? { value: "", split: p.split } : resolve(p, env),
    ),
    opts.split,
  );
}

function resolve(p: VarPart, env: Env): { value: string; split: boolean } {
  return { value: lookup(p, env), split: p.split === true };
}

/** bash's field splitting over a word's resolved pieces (literal strings are never split). */
function fieldsOf(pieces: (string | { value: string; split: boolean })[], split: boolean): string[] {
  const fields: string[] = [];
  let cur = "";
  let have = false;
  for (const p of pieces) {
    if (typeof p === "string") {
      cur += p;
      have = true;
      continue;
    }
    const value = p.value;
    if (!split || !p.split) {
      cur += value;
      have ||= value !== "";
      continue;
    }
    const words = value.split(IFS).filter((w) => w !== "");
    if (words.length === 0) {
      // Only separators: they end the word being built.
      if (value !== "" && have) {
        fields.push(cur);
        cur = "";
        have = false;
      }
      continue;
    }
    if (/^[ \t\n]/.test(value) && have) {
      fields.push(cur);
      cur = "";
    }
    cur += words[0];
    for (const w of words.slice(1)) {
      fields.push(cur);
      cur = w;
    }
    have = true;
    if (/[ \t\n]$/.test(value)) {
      fields.push(cur);
      cur = "";
      have = false;
    }
  }
  if (have) fields.push(cur);
  return fields;
}
