// ls, stat -c, chmod and chown over the container's filesystem, as busybox (alpine, busybox images)
// and GNU coreutils (debian images) print them: busybox coreutils/ls.c display_single (fixed widths:
// "%-10s %4lu %-8.8s %-8.8s %9llu "), GNU ls.c print_long_format (columns as wide as their widest
// entry, numeric ids right-aligned), both with "total N" (1K blocks) before a directory's entries.
// Simplified: C locale (byte order, English months), UTC, no colours, no quoting of odd names.
import { rfc3339 } from "../../clock/time";
import { parseGroup, parsePasswd } from "../security";
import type { FileStat } from "./containerFs";
import type { ShellIo } from "./shell";
import type { ProcessContext } from "./types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** The umask of a container's processes (runc's default). */
const UMASK = 0o022;

interface Entry {
  /** What ls prints: the operand as typed, or the name in its directory. */
  name: string;
  path: string;
  st: FileStat;
}

interface LsOptions {
  long: boolean;
  numeric: boolean;
  all: boolean;
  almostAll: boolean;
  dirsAsFiles: boolean;
  recursive: boolean;
  one: boolean;
  reverse: boolean;
  byTime: boolean;
  bySize: boolean;
}

/** Names of users and groups from the image's /etc/passwd and /etc/group (the bare id when unknown). */
function idNames(ctx: ProcessContext) {
  const users = parsePasswd(ctx.fs.read("/etc/passwd"));
  const groups = parseGroup(ctx.fs.read("/etc/group"));
  return {
    user: (uid: number) => users.find((u) => u.uid === uid)?.name,
    group: (gid: number) => groups.find((g) => g.gid === gid)?.name,
  };
}

/** -rwxr-sr-t: the type, then rwx for owner, group and others with setuid/setgid/sticky folded in. */
export function modeString(st: FileStat): string {
  const m = st.mode;
  const t = st.type === "dir" ? "d" : st.type === "link" ? "l" : "-";
  const rwx = (shift: number, special: boolean, s: string) => {
    const x = (m >> shift) & 1;
    const exec = special ? (x ? s : s.toUpperCase()) : x ? "x" : "-";
    return `${(m >> (shift + 2)) & 1 ? "r" : "-"}${(m >> (shift + 1)) & 1 ? "w" : "-"}${exec}`;
  };
  return (
    t + rwx(6, (m & 0o4000) !== 0, "s") + rwx(3, (m & 0o2000) !== 0, "s") + rwx(0, (m & 0o1000) !== 0, "t")
  );
}

/**
 * "Jan 15 09:00" for a file of the last six months, "Dec  2  2024" for an older (or future) one.
 * busybox: age under 365/2 days and not over 15 minutes ahead; GNU: within 31556952/2 s before now.
 */
export function lsDate(mtime: number, now: number, busybox: boolean): string {
  const iso = rfc3339(mtime);
  const head = `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(8, 10).replace(/^0/, " ")}`;
  const age = (now - mtime) / 1000;
  const recent = busybox ? age < (3600 * 24 * 365) / 2 && age > -15 * 60 : age < 31556952 / 2 && age >= 0;
  return recent ? `${head} ${iso.slice(11, 16)}` : `${head}  ${iso.slice(0, 4)}`;
}

/** One `ls -l` line per entry, in busybox's fixed columns or GNU's fitted ones. */
function longLines(ctx: ProcessContext, entries: Entry[], numeric: boolean): string {
  const ids = idNames(ctx);
  const now = ctx.wallMs();
  const bb = ctx.busybox;
  const who = entries.map((e) => ({
    user: numeric ? undefined : ids.user(e.st.uid),
    group: numeric ? undefined : ids.group(e.st.gid),
  }));
  const width = (xs: string[]) => Math.max(0, ...xs.map((x) => x.length));
  const nlinkW = width(entries.map((e) => String(e.st.nlink)));
  const userW = width(entries.map((e, i) => who[i].user ?? String(e.st.uid)));
  const groupW = width(entries.map((e, i) => who[i].group ?? String(e.st.gid)));
  const sizeW = width(entries.map((e) => String(e.st.size)));
  return entries
    .map((e, i) => {
      const { st } = e;
      const link = st.type === "link" && st.target !== undefined ? ` -> ${st.target}` : "";
      const date = lsDate(st.mtime, now, bb);
      if (bb) {
        const user = (who[i].user ?? String(st.uid)).slice(0, 8).padEnd(8);
        const group = (who[i].group ?? String(st.gid)).slice(0, 8).padEnd(8);
        return `${modeString(st)} ${String(st.nlink).padStart(4)} ${user} ${group} ${String(st.size).padStart(9)} ${date} ${e.name}${link}\n`;
      }
      // coreutils format_user_or_group: a name is padded on the right, a bare number on the left
      const col = (name: string | undefined, id: number, w: number) =>
        name === undefined ? String(id).padStart(w) : name.padEnd(w);
      return `${modeString(st)} ${String(st.nlink).padStart(nlinkW)} ${col(who[i].user, st.uid, userW)} ${col(who[i].group, st.gid, groupW)} ${String(st.size).padStart(sizeW)} ${date} ${e.name}${link}\n`;
    })
    .join("");
}

function lsLines(names: string[]): string {
  return names.map((n) => `${n}\n`).join("");
}

/** ls on a terminal: as many columns as fit, filled top to bottom (GNU's layout; busybox's is alike). */
export function lsColumns(names: string[], width: number): string {
  if (names.length === 0) return "";
  for (let cols = names.length; cols > 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const col = names.slice(c * rows, (c + 1) * rows);
      widths.push(col.length ? Math.max(...col.map((n) => n.length)) + 2 : 0);
    }
    if (widths.reduce((a, b) => a + b, 0) - 2 > width) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = "";
      for (let c = 0; c < cols; c++) {
        const n = names[c * rows + r];
        if (n === undefined) continue;
        const last = c === cols - 1 || names[(c + 1) * rows + r] === undefined;
        line += last ? n : n.padEnd(widths[c]);
      }
      lines.push(line);
    }
    return `${lines.join("\n")}\n`;
  }
  return lsLines(names);
}

function sortEntries(entries: Entry[], o: LsOptions): Entry[] {
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const cmp = o.byTime
    ? (a: Entry, b: Entry) => b.st.mtime - a.st.mtime || byName(a, b)
    : o.bySize
      ? (a: Entry, b: Entry) => b.st.size - a.st.size || byName(a, b)
      : byName;
  const sorted = [...entries].sort(cmp);
  return o.reverse ? sorted.reverse() : sorted;
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

/** ls [-1aAdlnRrSt] [FILE]…: operands that are files first, then each directory's entries. */
export function ls(
  ctx: ProcessContext,
  args: string[],
  io: ShellIo,
  resolve: (p: string) => string,
  cwd: string,
): number {
  const o: LsOptions = {
    long: false,
    numeric: false,
    all: false,
    almostAll: false,
    dirsAsFiles: false,
    recursive: false,
    one: false,
    reverse: false,
    byTime: false,
    bySize: false,
  };
  const LONG: Record<string, string> = {
    "--all": "a",
    "--almost-all": "A",
    "--directory": "d",
    "--recursive": "R",
    "--numeric-uid-gid": "n",
    "--reverse": "r",
  };
  const operands: string[] = [];
  let opts = true;
  for (const a of args) {
    if (opts && a === "--") opts = false;
    else if (opts && a.startsWith("--")) {
      for (const f of LONG[a] ?? "") setFlag(o, f);
    } else if (opts && a.startsWith("-") && a !== "-") for (const f of a.slice(1)) setFlag(o, f);
    else operands.push(a);
  }
  const bb = ctx.busybox;
  const fs = ctx.fs;
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const p of operands.length ? operands : ["."]) {
    const abs = p === "." ? cwd : resolve(p);
    // command-line links are followed unless -l (GNU also with -d) shows the link itself
    const lst = fs.lstat(abs);
    const follow = !o.long && !(o.dirsAsFiles && !bb);
    const st = follow && lst?.type === "link" ? fs.stat(abs) : lst;
    if (!st) {
      io.err(
        bb
          ? `ls: ${p}: No such file or directory\n`
          : `ls: cannot access '${p}': No such file or directory\n`,
      );
      status = bb ? 1 : 2;
      continue;
    }
    const e = { name: p, path: abs, st };
    if (st.type === "dir" && !o.dirsAsFiles) dirs.push(e);
    else files.push(e);
  }
  const render = (entries: Entry[]) => {
    if (o.long) return longLines(ctx, entries, o.numeric);
    const names = entries.map((e) => e.name);
    return io.tty && !o.one ? lsColumns(names, 80) : lsLines(names);
  };
  let out = "";
  if (files.length > 0) out += render(sortEntries(files, o));
  const showNames = operands.length > 1 || o.recursive;
  let first = files.length === 0;
  const listDir = (d: Entry) => {
    if (showNames) {
      if (!first) out += "\n";
      out += `${d.name}:\n`;
    }
    first = false;
    const names = fs.list(d.path).filter((n) => o.all || o.almostAll || !n.startsWith("."));
    const entries: Entry[] = [];
    if (o.all) {
      const self = fs.lstat(d.path);
      const up = fs.lstat(d.path === "/" ? "/" : d.path.replace(/\/[^/]+$/, "") || "/");
      if (self) entries.push({ name: ".", path: d.path, st: self });
      if (up) entries.push({ name: "..", path: d.path, st: up });
    }
    for (const n of names) {
      const path = join(d.path, n);
      const st = fs.lstat(path);
      if (st) entries.push({ name: n, path, st });
    }
    const sorted = sortEntries(entries, o);
    // "total": the entries' 512-byte blocks in 1K units, rounded up
    if (o.long) out += `total ${Math.ceil(sorted.reduce((n, e) => n + e.st.blocks, 0) / 2)}\n`;
    out += render(sorted);
    if (!o.recursive) return;
    for (const e of sorted)
      if (e.st.type === "dir" && e.name !== "." && e.name !== "..")
        listDir({ name: join(d.name, e.name), path: e.path, st: e.st });
  };
  for (const d of sortEntries(dirs, o)) listDir(d);
  io.out(out);
  return status;
}

function setFlag(o: LsOptions, f: string): void {
  if (f === "l") o.long = true;
  else if (f === "n") o.long = o.numeric = true;
  else if (f === "a") o.all = true;
  else if (f === "A") o.almostAll = true;
  else if (f === "d") o.dirsAsFiles = true;
  else if (f === "R") o.recursive = true;
  else if (f === "1") o.one = true;
  else if (f === "r") o.reverse = true;
  else if (f === "t") o.byTime = true;
  else if (f === "S") o.bySize = true;
}

/** A symbolic or octal chmod mode applied to `mode` (a directory takes X like x). */
export function applyMode(spec: string, mode: number, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) {
    const n = Number.parseInt(spec, 8);
    // GNU keeps a directory's setuid/setgid bits unless the octal mode has five digits (or names them)
    return spec.length <= 3 && isDir ? n | (mode & 0o6000) : n;
  }
  let m = mode;
  for (const clause of spec.split(",")) {
    const c = /^([ugoa]*)((?:[-+=][rwxXst]*)+)$/.exec(clause);
    if (!c) return undefined;
    const who = c[1] === "" ? "" : c[1].replace("a", "ugo");
    for (const [, op, perms] of c[2].matchAll(/([-+=])([rwxXst]*)/g)) {
      let bits = 0;
      const targets = who === "" ? "ugo" : who;
      for (const t of targets) {
        const shift = t === "u" ? 6 : t === "g" ? 3 : 0;
        for (const p of perms) {
          if (p === "r") bits |= 4 << shift;
          else if (p === "w") bits |= 2 << shift;
          else if (p === "x" || (p === "X" && (isDir || (mode & 0o111) !== 0))) bits |= 1 << shift;
          else if (p === "s" && t === "u") bits |= 0o4000;
          else if (p === "s" && t === "g") bits |= 0o2000;
          else if (p === "t" && (t === "o" || who === "")) bits |= 0o1000;
        }
      }
      // without a who, the umask's bits are left alone
      if (who === "") bits &= ~UMASK;
      if (op === "+") m |= bits;
      else if (op === "-") m &= ~bits;
      else {
        let clear = 0;
        for (const t of targets) clear |= t === "u" ? 0o4700 : t === "g" ? 0o2070 : 0o1007;
        if (who === "") clear &= ~UMASK;
        m = (m & ~clear) | bits;
      }
    }
  }
  return m;
}

/** Every path under `p` (itself first), for -R. */
function walk(ctx: ProcessContext, p: string): string[] {
  const st = ctx.fs.lstat(p);
  if (st?.type !== "dir") return [p];
  return [p, ...ctx.fs.list(p).flatMap((n) => walk(ctx, join(p, n)))];
}

function splitArgs(args: string[]): { recursive: boolean; rest: string[] } {
  const rest: string[] = [];
  let recursive = false;
  for (const a of args) {
    if (/^-[RfvcH]+$/.test(a)) recursive ||= a.includes("R");
    else rest.push(a);
  }
  return { recursive, rest };
}

/** chmod [-R] MODE FILE…: only the owner (or root) may; busybox and GNU word the refusals apart. */
export function chmod(
  ctx: ProcessContext,
  args: string[],
  io: ShellIo,
  resolve: (p: string) => string,
): number {
  const bb = ctx.busybox;
  const { recursive, rest } = splitArgs(args);
  const [spec, ...files] = rest;
  if (spec === undefined || files.length === 0) {
    io.err(
      bb
        ? "Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n"
        : `chmod: missing operand\nTry 'chmod --help' for more information.\n`,
    );
    return 1;
  }
  if (applyMode(spec, 0, false) === undefined) {
    io.err(
      bb
        ? `chmod: invalid mode '${spec}'\n`
        : `chmod: invalid mode: '${spec}'\nTry 'chmod --help' for more information.\n`,
    );
    return 1;
  }
  return eachTarget(ctx, io, resolve, "chmod", "changing permissions of", files, recursive, (p, top) => {
    const st = ctx.fs.stat(p);
    // chmod follows links (and -R skips the links it meets inside)
    if (!st || (!top && ctx.fs.lstat(p)?.type === "link")) return undefined;
    return ctx.fs.chmod(p, applyMode(spec, st.mode, st.type === "dir") ?? st.mode, ctx.security.uid);
  });
}

/** chown [-R] OWNER[:GROUP] FILE…: names from the image's /etc/passwd and /etc/group, or numbers. */
export function chown(
  ctx: ProcessContext,
  args: string[],
  io: ShellIo,
  resolve: (p: string) => string,
): number {
  const bb = ctx.busybox;
  const { recursive, rest } = splitArgs(args);
  const [spec, ...files] = rest;
  if (spec === undefined || files.length === 0) {
    io.err(
      bb
        ? "Usage: chown [-RhLHPcvf]... USER[:[GRP]] FILE...\n"
        : `chown: missing operand\nTry 'chown --help' for more information.\n`,
    );
    return 1;
  }
  const [userPart, groupPart] = spec.split(/[:.]/, 2) as [string, string | undefined];
  const users = parsePasswd(ctx.fs.read("/etc/passwd"));
  const groups = parseGroup(ctx.fs.read("/etc/group"));
  let owner = -1;
  let group = -1;
  if (userPart !== "") {
    const u = /^\d+$/.test(userPart) ? Number(userPart) : users.find((x) => x.name === userPart)?.uid;
    if (u === undefined) {
      io.err(bb ? `chown: unknown user ${userPart}\n` : `chown: invalid user: '${spec}'\n`);
      return 1;
    }
    owner = u;
  }
  if (groupPart !== undefined && groupPart !== "") {
    const g = /^\d+$/.test(groupPart) ? Number(groupPart) : groups.find((x) => x.name === groupPart)?.gid;
    if (g === undefined) {
      io.err(bb ? `chown: unknown group ${groupPart}\n` : `chown: invalid group: '${spec}'\n`);
      return 1;
    }
    group = g;
  }
  return eachTarget(ctx, io, resolve, "chown", "changing ownership of", files, recursive, (p) =>
    ctx.fs.chown(p, owner, group, ctx.security.uid, [ctx.security.gid, ...ctx.security.groups]),
  );
}

/**
 * chmod's and chown's walk: each operand (with -R, everything under it too); a missing operand or a
 * refused change is reported in the tool's words (busybox `chmod: f: why`, GNU `chmod: changing … 'f': why`).
 */
function eachTarget(
  ctx: ProcessContext,
  io: ShellIo,
  resolve: (p: string) => string,
  tool: "chmod" | "chown",
  gnuVerb: string,
  files: string[],
  recursive: boolean,
  change: (path: string, top: boolean) => string | undefined,
): number {
  const bb = ctx.busybox;
  let status = 0;
  for (const f of files) {
    const abs = resolve(f);
    if (!ctx.fs.stat(abs)) {
      io.err(
        bb
          ? `${tool}: ${f}: No such file or directory\n`
          : `${tool}: cannot access '${f}': No such file or directory\n`,
      );
      status = 1;
      continue;
    }
    for (const p of recursive ? walk(ctx, abs) : [abs]) {
      const why = change(p, p === abs);
      if (why) {
        const shown = p === abs ? f : join(f, p.slice(abs.length + 1));
        io.err(bb ? `${tool}: ${shown}: ${why}\n` : `${tool}: ${gnuVerb} '${shown}': ${why}\n`);
        status = 1;
      }
    }
  }
  return status;
}

/** stat -c FORMAT FILE… (and --format=, --printf=): the fields scripts read; plain stat is not simulated. */
export function stat(
  ctx: ProcessContext,
  args: string[],
  io: ShellIo,
  resolve: (p: string) => string,
): number {
  const bb = ctx.busybox;
  let format: string | undefined;
  let newline = true;
  let follow = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-c") format = args[++i];
    else if (a.startsWith("--format=")) format = a.slice(9);
    else if (a.startsWith("--printf=")) {
      format = a.slice(9).replace(/\\n/g, "\n").replace(/\\t/g, "\t");
      newline = false;
    } else if (a === "-L" || a === "--dereference") follow = true;
    else if (a.startsWith("-c")) format = a.slice(2);
    else files.push(a);
  }
  if (files.length === 0) {
    io.err(
      bb
        ? "Usage: stat [OPTIONS] FILE...\n"
        : "stat: missing operand\nTry 'stat --help' for more information.\n",
    );
    return 1;
  }
  if (format === undefined) {
    io.err(
      "k8s-node-sim: 'stat' without -c is not simulated (device and inode numbers are not modelled): use stat -c FORMAT or ls -l\n",
    );
    return 1;
  }
  const ids = idNames(ctx);
  let status = 0;
  for (const f of files) {
    const abs = resolve(f);
    const st = follow ? ctx.fs.stat(abs) : ctx.fs.lstat(abs);
    if (!st) {
      io.err(
        bb
          ? `stat: can't stat '${f}': No such file or directory\n`
          : `stat: cannot statx '${f}': No such file or directory\n`,
      );
      status = 1;
      continue;
    }
    const type =
      st.type === "dir"
        ? "directory"
        : st.type === "link"
          ? "symbolic link"
          : st.size === 0
            ? "regular empty file"
            : "regular file";
    const iso = rfc3339(st.mtime);
    const fields: Record<string, string> = {
      a: st.mode.toString(8),
      A: modeString(st),
      b: String(st.blocks),
      B: "512",
      f: (st.mode | (st.type === "dir" ? 0o40000 : st.type === "link" ? 0o120000 : 0o100000)).toString(16),
      F: type,
      g: String(st.gid),
      G: ids.group(st.gid) ?? "UNKNOWN",
      h: String(st.nlink),
      n: f,
      N: st.type === "link" ? `'${f}' -> '${st.target}'` : `'${f}'`,
      s: String(st.size),
      u: String(st.uid),
      U: ids.user(st.uid) ?? "UNKNOWN",
      y: `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000000000 +0000`,
      Y: String(Math.floor(st.mtime / 1000)),
      "%": "%",
    };
    io.out(format.replace(/%(.)/g, (m, k: string) => fields[k] ?? m) + (newline ? "\n" : ""));
  }
  return status;
}
