// perl (the docker perl images): the command line switches (-e/-E code, -l, -w, -M/-m modules, -v)
// and the few statements one-liners in the Kubernetes docs use — `print bpi(2000)` with
// -Mbignum=bpi prints π to 2000 significant digits, computed (Machin's formula in BigInt), after a
// few seconds of work; `print "…"`, `sleep N`, `exit N`, `die "…"`.
import type { ProcessContext, ProgramTask } from "./types";

const MiB = 1024 * 1024;

/** arctan(1/x) × scale, by its Taylor series in integers. */
function arctanInv(x: bigint, scale: bigint): bigint {
  let term = scale / x;
  let sum = term;
  const x2 = x * x;
  let n = 1n;
  let sign = -1n;
  while (term !== 0n) {
    term /= x2;
    n += 2n;
    sum += sign * (term / n);
    sign = -sign;
  }
  return sum;
}

/**
 * Math::BigFloat->bpi(n): π rounded to n significant digits (`3.14159…`, n-1 decimals), from
 * Machin's π = 16·atan(1/5) − 4·atan(1/239) with guard digits.
 */
export function piDigits(n: number): string {
  const digits = Math.max(1, Math.floor(n));
  const guard = 10;
  const scale = 10n ** BigInt(digits + guard);
  const pi = 16n * arctanInv(5n, scale) - 4n * arctanInv(239n, scale);
  const all = pi.toString();
  let head = BigInt(all.slice(0, digits));
  if (Number(all[digits]) >= 5) head += 1n;
  const d = head.toString();
  return d.length === 1 ? d : `${d[0]}.${d.slice(1)}`;
}

/** Math::BigFloat's default precision (div_scale) when bpi() gets no argument. */
const DEFAULT_BPI_DIGITS = 40;

function versionText(version: string): string {
  const [major, minor, patch] = version.split(".");
  return `
This is perl ${major}, version ${minor}, subversion ${patch} (v${version}) built for x86_64-linux-gnu

Copyright 1987-2021, Larry Wall

Perl may be copied only under the terms of either the Artistic License or the
GNU General Public License, which may be found in the Perl 5 source kit.

Complete documentation for Perl, including FAQ lists, should be found on
this system using "man perl" or "perldoc perl".  If you have access to the
Internet, point your browser at http://www.perl.org/, the Perl Home Page.

`;
}

/** A double-quoted Perl string's escapes (no interpolation of variables). */
function unquote(s: string): string {
  if (s.startsWith("'")) return s.slice(1, -1).replace(/\\(['\\])/g, "$1");
  return s
    .slice(1, -1)
    .replace(/\\([nt"\\$@])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

interface Switches {
  code?: string;
  lineEnd: boolean;
  imports: Set<string>;
  version: boolean;
  script?: string;
}

/** perlrun: switches up to the code or the script name; `-wle CODE` bundles, `e` taking the next word. */
function parseSwitches(args: string[]): Switches | string {
  const s: Switches = { lineEnd: false, imports: new Set(), version: false };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === "e" || c === "E") {
        const rest = a.slice(j + 1);
        const code = rest !== "" ? rest : args[++i];
        if (code === undefined) return `No code specified for -${c}.\n`;
        s.code = s.code === undefined ? code : `${s.code}\n${code}`;
        break;
      }
      if (c === "M" || c === "m") {
        const spec = a.slice(j + 1);
        if (spec === "") return `Missing argument to -${c}.\n`;
        // -Mbignum=bpi,bexp: the module and the names it exports into main
        const [, list] = spec.split("=");
        for (const name of (list ?? "").split(",")) if (name) s.imports.add(name);
        break;
      }
      if (c === "l") {
        s.lineEnd = true;
        continue;
      }
      if (c === "v") s.version = true;
      // -w, -n, -p, -a, -s, -t…: no effect on these one-liners
    }
  }
  if (s.code === undefined && i < args.length && !s.version) s.script = args[i];
  return s;
}

/** Run `perl ARGS` in a container. */
export function* perl(ctx: ProcessContext, args: string[]): ProgramTask {
  ctx.setMemory(6 * MiB);
  const sw = parseSwitches(args);
  if (typeof sw === "string") {
    ctx.stderr(sw);
    return 29;
  }
  if (sw.version) {
    ctx.stdout(versionText(ctx.version));
    return 0;
  }
  if (sw.code === undefined) {
    if (sw.script === undefined) return 0; // the program would come from stdin, which is empty
    const cwd = (ctx.cwd ?? "/").replace(/\/$/, "");
    if (ctx.fs.read(sw.script.startsWith("/") ? sw.script : `${cwd}/${sw.script}`) === undefined) {
      ctx.stderr(`Can't open perl script "${sw.script}": No such file or directory\n`);
      return 2;
    }
    return 0;
  }
  const ors = sw.lineEnd ? "\n" : "";
  const statements = sw.code
    .split(/;|\n/)
    .map((t) => t.trim())
    .filter((t) => t !== "");
  for (const st of statements) {
    let m = /^print\s*\(?\s*bpi\s*\(\s*(\d*)\s*\)\s*\)?$/.exec(st);
    if (m) {
      if (!sw.imports.has("bpi")) {
        ctx.stderr("Undefined subroutine &main::bpi called at -e line 1.\n");
        return 255;
      }
      const n = m[1] === "" ? DEFAULT_BPI_DIGITS : Number(m[1]);
      // Math::BigFloat's series: the work grows with the square of the digits (bpi(2000) takes seconds)
      ctx.setCpu(1);
      ctx.setMemory(6 * MiB + n * 4 * 1024);
      yield { kind: "sleep", ms: Math.max(5, Math.round((n * n) / 1000)) };
      ctx.setCpu(0);
      ctx.stdout(`${piDigits(n)}${ors}`);
      continue;
    }
    m = /^print\s*\(?\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?)\s*\)?$/.exec(st);
    if (m) {
      ctx.stdout(`${/^["']/.test(m[1]) ? unquote(m[1]) : String(Number(m[1]))}${ors}`);
      continue;
    }
    m = /^sleep\s*\(?\s*(\d+)\s*\)?$/.exec(st);
    if (m) {
      yield { kind: "sleep", ms: Number(m[1]) * 1000 };
      continue;
    }
    m = /^exit\s*\(?\s*(\d+)?\s*\)?$/.exec(st);
    if (m) return Number(m[1] ?? 0) & 255;
    m = /^die\s*\(?\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)?$/.exec(st);
    if (m) {
      const msg = unquote(m[1]);
      ctx.stderr(msg.endsWith("\n") ? msg : `${msg} at -e line 1.\n`);
      return 255;
    }
  }
  return 0;
}
