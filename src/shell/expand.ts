// bash parameter expansion, the part learners use: `$NAME`, `${NAME}`, `${NAME:-default}`, `$?`, `~`.
import type { Env, WordPart } from "./parse";

/** `$NAME`, `${NAME}`, `${NAME:-x}`, `$?`: the value, how many characters were consumed, and the reference. */
export function expandAt(s: string, i: number, env: Env): [string, number, { name: string; dflt?: string }?] {
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

function lookup(ref: { name: string; dflt?: string }, env: Env): string {
  const v = env[ref.name];
  return v === undefined || v === "" ? (ref.dflt ?? "") : v;
}

/** Expand a parsed word with the env as it is now (the shell calls this just before running). */
export function expandWord(parts: WordPart[], env: Env): string {
  return parts.map((p) => (typeof p === "string" ? p : lookup(p, env))).join("");
}

/** Expand a heredoc body at run time. */
export function expandHeredoc(raw: { body: string; expand: boolean }, env: Env): string {
  return raw.expand ? expandText(raw.body, env) : raw.body;
}

export function expandText(s: string, env: Env): string {
  let out = "";
  for (let i = 0; i < s.length; ) {
    if (s[i] === "\\" && (s[i + 1] === "$" || s[i + 1] === "\\")) {
      out += s[i + 1];
      i += 2;
    } else if (s[i] === "$") {
      const [v, len] = expandAt(s, i, env);
      out += v;
      i += len;
    } else out += s[i++];
  }
  return out;
}
