// sed (s///, d and p, with regex, line, `$` and `a,b` range addresses), grep (grep.ts), echo and a few system facts (hostname, uname, whoami, date, clear).
// Simplified: POSIX BRE is translated to a JS RegExp; only the sed commands learners use to fix config files.
import type { SimNode } from "../../sim/node/types";
import type { Command, CommandContext, CommandResult } from "../types";
import { resolvePath } from "./cwd";
import { res, splitFlags } from "./fileCommands";
import { grepCommand } from "./grep";

/** POSIX basic regex → JS: in BRE `\( \) \{ \} \| \+ \?` are operators and the bare characters are literals. */
export function breToJs(bre: string): string {
  let out = "";
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i];
    if (c === "\\" && i + 1 < bre.length) {
      const n = bre[++i];
      out += "(){}|+?".includes(n) ? n : `\\${n}`;
    } else if ("(){}|+?".includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** A line address: a regex, a line number, or `$` (the last line). */
type SedAddress = RegExp | number | "$";

interface SedCommand {
  kind: "s" | "d" | "p";
  address?: SedAddress;
  /** `addr1,addr2`: every line from one that matches addr1 through the next that matches addr2. */
  address2?: SedAddress;
  /** `addr!cmd`: the lines the address does not select. */
  negate?: boolean;
  re?: RegExp;
  replacement?: string;
  nth?: number;
}

/** Parse `s/a/b/g`, `s|a|b|`, `/re/d`, `Nd`, `Np`, `/a/,/b/p`, `$d`, `2!d`, several joined by `;`. */
export function parseSedScript(script: string, extended: boolean): SedCommand[] | string {
  const cmds: SedCommand[] = [];
  let i = 0;
  const readDelimited = (delim: string): string | undefined => {
    let s = "";
    while (i < script.length && script[i] !== delim) {
      if (script[i] === "\\" && script[i + 1] === delim) {
        s += delim;
        i += 2;
        continue;
      }
      if (script[i] === "\\") {
        s += script.slice(i, i + 2);
        i += 2;
        continue;
      }
      s += script[i++];
    }
    if (i >= script.length) return undefined;
    i++;
    return s;
  };
  while (i < script.length) {
    while (script[i] === ";" || script[i] === " " || script[i] === "\n") i++;
    if (i >= script.length) break;
    const readAddress = (): SedAddress | string | undefined => {
      if (script[i] === "/") {
        i++;
        const a = readDelimited("/");
        if (a === undefined) return "unterminated address regex";
        return new RegExp(extended ? a : breToJs(a));
      }
      if (script[i] === "$") {
        i++;
        return "$";
      }
      if (/\d/.test(script[i] ?? "")) {
        const m = /^\d+/.exec(script.slice(i)) as RegExpExecArray;
        i += m[0].length;
        return Number(m[0]);
      }
      return undefined;
    };
    const address = readAddress();
    if (typeof address === "string" && address !== "$") return address;
    let address2: SedAddress | undefined;
    if (address !== undefined && script[i] === ",") {
      i++;
      const a2 = readAddress();
      if (a2 === undefined) return "unexpected `,'";
      if (typeof a2 === "string" && a2 !== "$") return a2;
      address2 = a2;
    }
    while (script[i] === " ") i++;
    const negate = script[i] === "!";
    if (negate) i++;
    while (script[i] === " ") i++;
    const c = script[i++];
    if (c === "d" || c === "p") {
      cmds.push({ kind: c, address, address2, negate });
      continue;
    }
    if (c !== "s") return `unknown command: \`${c ?? ""}'`;
    const delim = script[i++];
    const pat = readDelimited(delim);
    const rep = pat === undefined ? undefined : readDelimited(delim);
    if (pat === undefined || rep === undefined) return "unterminated `s' command";
    let flags = "";
    while (i < script.length && /[gIi0-9]/.test(script[i])) flags += script[i++];
    const nth = /\d+/.exec(flags);
    cmds.push({
      kind: "s",
      address,
      address2,
      negate,
      re: new RegExp(
        extended ? pat : breToJs(pat),
        `${flags.includes("g") ? "g" : ""}${/[Ii]/.test(flags) ? "i" : ""}`,
      ),
      // sed's & and \1 become JS $& and $1; a literal $ must be escaped.
      replacement: rep
        .replace(/\$/g, "$$$$")
        .replace(/\\(\d)/g, "$$$1")
        .replace(/(^|[^\\])&/g, "$1$$&")
        .replace(/\\&/g, "&")
        .replace(/\\n/g, "\n")
        .replace(/\\(.)/g, "$1"),
      nth: nth ? Number(nth[0]) : undefined,
    });
  }
  return cmds;
}

export function applySed(text: string, cmds: SedCommand[], quiet: boolean): string {
  const lines = text.split("\n");
  const trailing = lines[lines.length - 1] === "";
  if (trailing) lines.pop();
  let out = "";
  const last = lines.length - 1;
  const at = (a: SedAddress, cur: string, idx: number) =>
    a === "$" ? idx === last : typeof a === "number" ? a === idx + 1 : a.test(cur);
  // which ranges are open (addr1 matched, addr2 not yet)
  const open = cmds.map(() => false);
  lines.forEach((line, idx) => {
    let cur = line;
    let deleted = false;
    for (const [k, c] of cmds.entries()) {
      let hit: boolean;
      if (c.address === undefined) hit = true;
      else if (c.address2 === undefined) hit = at(c.address, cur, idx);
      else if (open[k]) {
        hit = true;
        if (at(c.address2, cur, idx)) open[k] = false;
      } else {
        hit = at(c.address, cur, idx);
        // a line-number end at or before the start line closes the range on the start line itself
        if (hit)
          open[k] = !(typeof c.address2 === "number"
            ? c.address2 <= idx + 1
            : c.address2 === "$" && idx === last);
      }
      if (c.negate) hit = !hit;
      if (!hit) continue;
      if (c.kind === "d") {
        deleted = true;
        break;
      }
      if (c.kind === "p") out += `${cur}\n`;
      if (c.kind === "s" && c.re && c.replacement !== undefined) {
        if (c.nth) {
          let n = 0;
          const g = new RegExp(c.re.source, c.re.flags.includes("g") ? c.re.flags : `${c.re.flags}g`);
          const single = new RegExp(c.re.source, c.re.flags.replace("g", ""));
          const rep = c.replacement;
          cur = cur.replace(g, (m) => (++n === c.nth ? m.replace(single, rep) : m));
        } else cur = cur.replace(c.re, c.replacement);
      }
    }
    if (!deleted && !quiet) out += `${cur}\n`;
  });
  return trailing || out === "" ? out : out.replace(/\n$/, "");
}

async function sed(ctx: CommandContext): Promise<CommandResult> {
  let inPlace = false;
  let quiet = false;
  let extended = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let k = 0; k < ctx.args.length; k++) {
    const a = ctx.args[k];
    if (a === "-i" || a.startsWith("-i") || a === "--in-place") inPlace = true;
    else if (a === "-n" || a === "--quiet") quiet = true;
    else if (a === "-E" || a === "-r") extended = true;
    else if (a === "-e") scripts.push(ctx.args[++k] ?? "");
    else if (/^-[inEr]+$/.test(a)) {
      inPlace ||= a.includes("i");
      quiet ||= a.includes("n");
      extended ||= a.includes("E") || a.includes("r");
    } else if (scripts.length === 0) scripts.push(a);
    else files.push(a);
  }
  if (scripts.length === 0)
    return res("", "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n", 1);
  const cmds = parseSedScript(scripts.join(";"), extended);
  if (typeof cmds === "string")
    return res("", `sed: -e expression #1, char ${scripts[0].length}: ${cmds}\n`, 1);
  if (files.length === 0) {
    if (inPlace) return res("", "sed: no input files\n", 1);
    return res(applySed(ctx.stdin ?? "", cmds, quiet));
  }
  let out = "";
  let err = "";
  for (const f of files) {
    const p = resolvePath(ctx.node, f);
    const text = ctx.node.fs.read(p);
    if (text === undefined || ctx.node.fs.isDir(p)) {
      err += ctx.node.fs.isDir(p)
        ? `sed: couldn't edit ${f}: not a regular file\n`
        : `sed: can't read ${f}: No such file or directory\n`;
      continue;
    }
    const edited = applySed(text, cmds, quiet);
    if (inPlace) ctx.node.fs.write(p, edited);
    else out += edited;
  }
  return res(out, err, err ? 2 : 0);
}

async function echo(ctx: CommandContext): Promise<CommandResult> {
  let newline = true;
  let escapes = false;
  let k = 0;
  while (k < ctx.args.length && /^-[neE]+$/.test(ctx.args[k])) {
    if (ctx.args[k].includes("n")) newline = false;
    if (ctx.args[k].includes("e")) escapes = true;
    if (ctx.args[k].includes("E")) escapes = false;
    k++;
  }
  let text = ctx.args.slice(k).join(" ");
  if (escapes) text = text.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\\\/g, "\\");
  return res(newline ? `${text}\n` : text);
}

const KERNEL = "6.1.0-28-amd64";

function uname(ctx: CommandContext): CommandResult {
  const node: SimNode = ctx.node;
  const { flags } = splitFlags(ctx.args);
  if (flags.has("a") || flags.has("all")) {
    return res(
      `Linux ${node.nodeName} ${KERNEL} #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux\n`,
    );
  }
  const parts: string[] = [];
  if (flags.has("s") || flags.size === 0) parts.push("Linux");
  if (flags.has("n")) parts.push(node.nodeName);
  if (flags.has("r")) parts.push(KERNEL);
  if (flags.has("m")) parts.push("x86_64");
  return res(`${parts.join(" ")}\n`);
}

/** GNU date's default format on a UTC node: `Thu Jan 15 09:00:00 UTC 2026`. */
export function gnuDate(ms: number): string {
  const d = new Date(ms);
  const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const cmd = (
  name: string,
  summary: string,
  run: (ctx: CommandContext) => Promise<CommandResult> | CommandResult,
): Command => ({
  name,
  summary,
  run: async (ctx) => run(ctx),
});

export const textCommands: Command[] = [
  grepCommand,
  cmd("sed", "Stream editor: sed -i 's/old/new/' FILE", sed),
  cmd("echo", "Print arguments", echo),
  cmd("hostname", "Print the node's name", (c) => res(`${c.node.nodeName}\n`)),
  cmd("uname", "Print system information", uname),
  cmd("whoami", "Print the user name", () => res("root\n")),
  cmd("date", "Print the date and time", (c) => res(`${gnuDate(c.node.clock.wallMs())}\n`)),
  cmd("clear", "Clear the terminal", () => res("\x1b[H\x1b[2J\x1b[3J")),
];
