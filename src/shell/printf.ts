// The bash builtin printf: backslash escapes in the format, %s %b %q %c %d %i %u %o %x %X %e %f %g and
// %%, with flags, width and precision (`*` too); the format is reused until every argument is consumed.
import type { Command, CommandResult } from "./types";

const USAGE = "bash: printf: usage: printf [-v var] format [arguments]\n";

/** One backslash escape at s[i] (s[i] === "\\"); returns the text and how many characters it used. */
function escapeAt(s: string, i: number, inB: boolean): { text: string; len: number; stop?: boolean } {
  const c = s[i + 1];
  const simple: Record<string, string> = {
    "\\": "\\",
    a: "\x07",
    b: "\b",
    e: "\x1b",
    E: "\x1b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
    v: "\v",
    '"': '"',
    "'": "'",
    "?": "?",
  };
  if (c === undefined) return { text: "\\", len: 1 };
  if (c in simple && !(inB && (c === '"' || c === "'" || c === "?"))) return { text: simple[c], len: 2 };
  if (c === "c" && inB) return { text: "", len: 2, stop: true };
  // \NNN octal (in %b arguments: \0NNN).
  const oct = (inB ? /^0?[0-7]{1,3}/ : /^[0-7]{1,3}/).exec(s.slice(i + 1, i + 5));
  if (oct && (!inB || c === "0" || /[1-7]/.test(c))) {
    const digits = inB && oct[0].length === 4 ? oct[0].slice(1) : oct[0];
    return { text: String.fromCharCode(Number.parseInt(digits, 8) & 0xff), len: 1 + oct[0].length };
  }
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1));
  if (hex) return { text: String.fromCharCode(Number.parseInt(hex[1], 16)), len: 1 + hex[0].length };
  const uni = /^(u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8})/.exec(s.slice(i + 1));
  if (uni)
    return { text: String.fromCodePoint(Number.parseInt(uni[0].slice(1), 16)), len: 1 + uni[0].length };
  return { text: `\\${c}`, len: 2 };
}

function expandEscapes(s: string, inB: boolean): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "\\") {
      out += s[i];
      continue;
    }
    const e = escapeAt(s, i, inB);
    if (e.stop) return { text: out, stop: true };
    out += e.text;
    i += e.len - 1;
  }
  return { text: out, stop: false };
}

/** %q: bash quotes with backslashes; empty is '', control characters make a $'...' string. */
function shellQuote(s: string): string {
  if (s === "") return "''";
  if (/[\x00-\x1f\x7f]/.test(s)) {
    const body = [...s]
      .map((ch) => {
        const names: Record<string, string> = {
          "\n": "\\n",
          "\t": "\\t",
          "\r": "\\r",
          "\x1b": "\\E",
          "'": "\\'",
        };
        if (ch in names) return names[ch];
        if (ch === "\\") return "\\\\";
        const code = ch.charCodeAt(0);
        return code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, "0")}` : ch;
      })
      .join("");
    return `$'${body}'`;
  }
  return s.replace(/[^A-Za-z0-9_./:=@%+,^-]/g, (ch) => `\\${ch}`).replace(/^~/, "\\~");
}

/** A numeric argument as bash reads it: decimal, 0x hex, 0 octal, 'c (character code). */
function toNumber(arg: string | undefined, errors: string[]): bigint {
  if (arg === undefined || arg === "") return 0n;
  if (/^['"]/.test(arg)) return arg.length > 1 ? BigInt(arg.codePointAt(1) ?? 0) : 0n;
  const t = arg.trim();
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
  if (m) {
    const body = m[2];
    const v = /^0[xX]/.test(body)
      ? BigInt(body)
      : body.length > 1 && body[0] === "0"
        ? BigInt(`0o${body.slice(1)}`)
        : BigInt(body);
    return m[1] === "-" ? -v : v;
  }
  const lead = /^([+-]?)(\d+)/.exec(t);
  errors.push(`bash: printf: ${arg}: invalid number\n`);
  return lead ? (lead[1] === "-" ? -BigInt(lead[2]) : BigInt(lead[2])) : 0n;
}

function toFloat(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === "") return 0;
  if (/^['"]/.test(arg)) return arg.length > 1 ? (arg.codePointAt(1) ?? 0) : 0;
  const v = Number(arg.trim());
  if (Number.isNaN(v) && !/^[+-]?(nan|inf(inity)?)$/i.test(arg.trim())) {
    errors.push(`bash: printf: ${arg}: invalid number\n`);
    const lead = /^[+-]?\d+(\.\d*)?/.exec(arg.trim());
    return lead ? Number(lead[0]) : 0;
  }
  return v;
}

interface Spec {
  flags: string;
  width?: number;
  precision?: number;
  conv: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  if (spec.flags.includes("-")) return s.padEnd(w);
  if (numeric && spec.flags.includes("0")) {
    const sign = /^[+ -]|^0[xX]/.exec(s)?.[0] ?? "";
    return sign + s.slice(sign.length).padStart(w - sign.length, "0");
  }
  return s.padStart(w);
}

function formatInt(v: bigint, spec: Spec): string {
  const neg = v < 0n;
  let abs = neg ? -v : v;
  let digits: string;
  switch (spec.conv) {
    case "o":
    case "u":
    case "x":
    case "X":
      // Unsigned conversions of negative numbers wrap around 64 bits, as in C.
      if (neg) abs = (1n << 64n) + v;
      digits = abs.toString(spec.conv === "o" ? 8 : spec.conv === "u" ? 10 : 16);
      if (spec.conv === "X") digits = digits.toUpperCase();
      if (spec.flags.includes("#") && abs !== 0n) {
        if (spec.conv === "o") digits = `0${digits}`;
        else if (spec.conv !== "u") digits = `${spec.conv === "x" ? "0x" : "0X"}${digits}`;
      }
      break;
    default:
      digits = abs.toString(10);
  }
  if (spec.precision !== undefined) digits = digits.padStart(spec.precision, "0");
  const signed = spec.conv === "d" || spec.conv === "i";
  const sign =
    signed && neg
      ? "-"
      : signed && spec.flags.includes("+")
        ? "+"
        : signed && spec.flags.includes(" ")
          ? " "
          : "";
  return pad(
    sign + digits,
    spec.precision === undefined ? spec : { ...spec, flags: spec.flags.replace("0", "") },
    true,
  );
}

function formatFloat(v: number, spec: Spec): string {
  const p = spec.precision ?? 6;
  let s: string;
  if (!Number.isFinite(v)) s = Number.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
  else if (spec.conv === "f" || spec.conv === "F") s = v.toFixed(p);
  else if (spec.conv === "e" || spec.conv === "E") s = cExp(v.toExponential(p));
  else {
    // %g: shortest of %e / %f with P significant digits, trailing zeros removed (unless #).
    const P = p === 0 ? 1 : p;
    const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
    if (exp < -4 || exp >= P) s = cExp(v.toExponential(P - 1));
    else s = v.toFixed(Math.max(0, P - 1 - exp));
    if (!spec.flags.includes("#"))
      s = s.replace(/\.(\d*?)0+(e|$)/, (_, d: string, e: string) => (d ? `.${d}${e}` : e));
  }
  if (/[EGF]/.test(spec.conv)) s = s.toUpperCase();
  if (v >= 0 && spec.flags.includes("+")) s = `+${s}`;
  else if (v >= 0 && spec.flags.includes(" ")) s = ` ${s}`;
  return pad(s, spec, Number.isFinite(v));
}

/** JS writes 1.5e+0; C writes 1.5e+00. */
function cExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

export function printf(format: string, args: string[]): { stdout: string; stderr: string; code: number } {
  const errors: string[] = [];
  let out = "";
  let argi = 0;
  const next = (): string | undefined => (argi < args.length ? args[argi++] : undefined);
  let usedArg = false;
  for (;;) {
    const start = argi;
    for (let i = 0; i < format.length; i++) {
      const ch = format[i];
      if (ch === "\\") {
        const e = escapeAt(format, i, false);
        out += e.text;
        i += e.len - 1;
        continue;
      }
      if (ch !== "%") {
        out += ch;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLjzt]*)([a-zA-Z%])?/.exec(format.slice(i));
      if (!m || m[5] === undefined) {
        errors.push(`bash: printf: \`${format.slice(i + 1, i + 2) || "%"}': missing format character\n`);
        return { stdout: out, stderr: errors.join(""), code: 1 };
      }
      i += m[0].length - 1;
      const conv = m[5];
      if (conv === "%") {
        out += "%";
        continue;
      }
      const spec: Spec = { flags: m[1], conv };
      if (m[2] === "*") {
        usedArg = true;
        const w = Number(toNumber(next(), errors));
        spec.width = Math.abs(w);
        if (w < 0) spec.flags += "-";
      } else if (m[2] !== undefined) spec.width = Number(m[2]);
      if (m[3] === "*") {
        usedArg = true;
        spec.precision = Number(toNumber(next(), errors));
      } else if (m[3] !== undefined) spec.precision = Number(m[3] || "0");
      if (!"sbqcdiouxXeEfFgGaA".includes(conv)) {
        errors.push(`bash: printf: \`${conv}': invalid format character\n`);
        return { stdout: out, stderr: errors.join(""), code: 1 };
      }
      usedArg = true;
      const arg = next();
      switch (conv) {
        case "s": {
          let s = arg ?? "";
          if (spec.precision !== undefined) s = s.slice(0, spec.precision);
          out += pad(s, spec, false);
          break;
        }
        case "b": {
          const e = expandEscapes(arg ?? "", true);
          let s = e.text;
          if (spec.precision !== undefined) s = s.slice(0, spec.precision);
          out += pad(s, spec, false);
          if (e.stop) return { stdout: out, stderr: errors.join(""), code: errors.length ? 1 : 0 };
          break;
        }
        case "q":
          out += pad(shellQuote(arg ?? ""), spec, false);
          break;
        case "c":
          out += pad((arg ?? "").slice(0, 1), spec, false);
          break;
        case "d":
        case "i":
        case "o":
        case "u":
        case "x":
        case "X":
          out += formatInt(toNumber(arg, errors), spec);
          break;
        default:
          out += formatFloat(toFloat(arg, errors), spec);
      }
    }
    // Reuse the format while arguments remain (and it consumed any on this pass).
    if (argi >= args.length || !usedArg || argi === start) break;
  }
  return { stdout: out, stderr: errors.join(""), code: errors.length > 0 ? 1 : 0 };
}

export const printfCommand: Command = {
  name: "printf",
  summary: "format and print data (bash builtin)",
  async run(ctx): Promise<CommandResult> {
    const args = [...ctx.args];
    if (args[0] === "--") args.shift();
    else if (args[0] === "-v") {
      return {
        stdout: "",
        stderr: "k8s-node-sim: printf -v is not simulated; use VAR=$(printf ...)\n",
        code: 2,
      };
    } else if (args[0]?.startsWith("-") && args[0].length > 1) {
      return {
        stdout: "",
        stderr: `bash: printf: ${args[0].slice(0, 2)}: invalid option\n${USAGE}`,
        code: 2,
      };
    }
    if (args.length === 0) return { stdout: "", stderr: USAGE, code: 2 };
    return printf(args[0], args.slice(1));
  },
};
