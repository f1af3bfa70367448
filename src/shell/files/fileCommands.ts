// GNU coreutils-style file commands over the node's NodeFs: ls, cat, head, tail, touch, rm, mkdir, tee, find.
// Simplified: directories exist only as prefixes of files; permissions/owners are fixed (root, 0644/0755).

import type { SimNode } from "../../sim/node/types";
import { lsColumns } from "../../sim/runtime/programs/fileCommands";
import type { Command, CommandContext, CommandResult } from "../types";
import { getCwd, resolvePath, setCwd } from "./cwd";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Modification times, learned from fs.onWrite once the shell first touches the node. */
const mtimes = new WeakMap<SimNode, Map<string, number>>();
export function mtimeOf(node: SimNode, path: string): number {
  let m = mtimes.get(node);
  if (!m) {
    const map = new Map<string, number>();
    mtimes.set(node, map);
    node.fs.onWrite((p) => map.set(p, node.clock.now()));
    m = map;
  }
  return node.clock.wallMs(m.get(path) ?? 0);
}

export function res(stdout: string, stderr = "", code = 0): CommandResult {
  return { stdout, stderr, code };
}

/** Split argv into short/long flags and operands (`--` ends flags; `-` alone is an operand). */
export function splitFlags(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (done || a === "-" || !a.startsWith("-")) operands.push(a);
    else if (a === "--") done = true;
    else if (a.startsWith("--")) flags.add(a.slice(2));
    else for (const c of a.slice(1)) flags.add(c);
  }
  return { flags, operands };
}

function fmtTime(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** `srw-rw----`: a socket's type and permission bits as ls prints them. */
function socketMode(mode: number): string {
  const bits = "rwxrwxrwx";
  return `s${[...bits].map((c, i) => (mode & (0o400 >> i) ? c : "-")).join("")}`;
}

const GROUPS: Record<number, string> = { 0: "root", 999: "docker" };

function longLine(node: SimNode, path: string, name: string, isDir: boolean, sizeW: number): string {
  const target = isDir ? undefined : node.fs.link(path);
  // the links along the way are followed: /var/run/containerd/containerd.sock is the socket under /run
  const attrs = isDir || target !== undefined ? undefined : node.fs.attrsOf(node.fs.resolve(path) ?? path);
  if (attrs?.type === "socket") {
    const group = GROUPS[attrs.gid ?? 0] ?? String(attrs.gid);
    return `${socketMode(attrs.mode ?? 0o755)} 1 root ${group} ${"0".padStart(sizeW)} ${fmtTime(attrs.mtime ?? mtimeOf(node, path))} ${name}`;
  }
  const size = isDir ? 4096 : new TextEncoder().encode(target ?? node.fs.read(path) ?? "").length;
  const mode = isDir ? "drwxr-xr-x" : target !== undefined ? "lrwxrwxrwx" : "-rw-r--r--";
  const shown = target !== undefined ? `${name} -> ${target}` : name;
  return `${mode} ${isDir ? 2 : 1} root root ${String(size).padStart(sizeW)} ${fmtTime(mtimeOf(node, path))} ${shown}`;
}

async function ls(ctx: CommandContext): Promise<CommandResult> {
  const { flags, operands } = splitFlags(ctx.args);
  const node = ctx.node;
  const all = flags.has("a") || flags.has("all");
  const long = flags.has("l");
  const one = flags.has("1");
  // -d: directories are listed as themselves, not their contents.
  const dirsAsFiles = flags.has("d") || flags.has("directory");
  const targets = operands.length > 0 ? operands : ["."];
  let out = "";
  let err = "";
  let code = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const p = resolvePath(node, t);
    const isDir = node.fs.isDir(p) || p === "/";
    // -l shows a symbolic link named on the command line as the link, unless it ends in "/"
    const linkItself = long && !t.endsWith("/") && node.fs.link(p) !== undefined;
    if (linkItself) files.push(t);
    else if (isDir && !dirsAsFiles) dirs.push(t);
    else if (isDir || node.fs.read(p) !== undefined) files.push(t);
    else {
      err += `ls: cannot access '${t}': No such file or directory\n`;
      code = 2;
    }
  }
  const list = (entries: { name: string; path: string; dir: boolean }[]): string => {
    if (long) {
      const sizes = entries.map((e) =>
        e.dir ? 4096 : (node.fs.link(e.path) ?? node.fs.read(e.path) ?? "").length,
      );
      const w = Math.max(1, ...sizes.map((s) => String(s).length));
      // A symbolic link's target lives in its inode: it takes no blocks.
      const blocks = sizes.reduce(
        (a, s, i) => a + (node.fs.link(entries[i].path) ? 0 : Math.ceil(s / 4096) * 4),
        0,
      );
      return `${operandsAreDirs ? `total ${blocks}\n` : ""}${entries.map((e) => `${longLine(node, e.path, e.name, e.dir, w)}\n`).join("")}`;
    }
    const names = entries.map((e) => e.name);
    // ls lays names out in columns only for a terminal: into a pipe it writes one per line.
    const piped = ctx.pipeline !== undefined && ctx.pipeline.index < ctx.pipeline.argv.length - 1;
    return one || piped ? names.map((n) => `${n}\n`).join("") : lsColumns(names, ctx.columns || 80);
  };
  let operandsAreDirs = false;
  if (files.length > 0) {
    out += list(
      files.map((f) => {
        const path = resolvePath(node, f);
        const link = long && !f.endsWith("/") && node.fs.link(path) !== undefined;
        return { name: f, path, dir: !link && (node.fs.isDir(path) || path === "/") };
      }),
    );
  }
  operandsAreDirs = true;
  for (const [i, d] of dirs.entries()) {
    const p = resolvePath(node, d);
    const entries = node.fs
      .readdir(p)
      .map((n) => ({
        name: n.replace(/\/$/, ""),
        path: `${p === "/" ? "" : p}/${n.replace(/\/$/, "")}`,
        dir: n.endsWith("/"),
      }))
      .filter((e) => all || !e.name.startsWith("."));
    if (all) entries.unshift({ name: ".", path: p, dir: true }, { name: "..", path: p, dir: true });
    if (targets.length > 1) out += `${i > 0 || files.length > 0 ? "\n" : ""}${d}:\n`;
    out += list(entries);
  }
  return res(out, err, code);
}

function readOrError(node: SimNode, cmd: string, f: string): { text?: string; err?: string } {
  const p = resolvePath(node, f);
  if (node.fs.isDir(p)) return { err: `${cmd}: ${f}: Is a directory\n` };
  // open(2) on a Unix socket: ENXIO
  if (node.fs.attrsOf(node.fs.resolve(p) ?? p)?.type === "socket")
    return { err: `${cmd}: ${f}: No such device or address\n` };
  const text = node.fs.read(p);
  if (text === undefined) return { err: `${cmd}: ${f}: No such file or directory\n` };
  return { text };
}

async function cat(ctx: CommandContext, name = "cat"): Promise<CommandResult> {
  const { flags, operands } = splitFlags(ctx.args);
  if (operands.length === 0) return res(ctx.stdin ?? "");
  let out = "";
  let err = "";
  for (const f of operands) {
    if (f === "-") {
      out += ctx.stdin ?? "";
      continue;
    }
    const r = readOrError(ctx.node, name, f);
    if (r.err) err += r.err;
    else out += r.text;
  }
  if (flags.has("n")) {
    const lines = out.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    out = lines.map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join("");
  }
  return res(out, err, err ? 1 : 0);
}

/** head/tail `-n N`, `-N`, `-n +N` (tail from line N). */
function lineCount(args: string[]): { n: number; fromStart: boolean; rest: string[]; follow: boolean } {
  let n = 10;
  let fromStart = false;
  let follow = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === "-n" || a === "--lines") v = args[++i];
    else if (a.startsWith("--lines=")) v = a.slice(8);
    else if (/^-n[+-]?\d+$/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a === "-f" || a === "-F" || a === "--follow") follow = true;
    else rest.push(a);
    if (v !== undefined) {
      fromStart = v.startsWith("+");
      n = Math.abs(Number.parseInt(v, 10));
    }
  }
  return { n, fromStart, rest, follow };
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

async function headTail(ctx: CommandContext, which: "head" | "tail"): Promise<CommandResult> {
  const { n, fromStart, rest, follow } = lineCount(ctx.args);
  const pick = (text: string) => {
    const lines = splitLines(text);
    const sel =
      which === "head"
        ? lines.slice(0, n)
        : fromStart
          ? lines.slice(Math.max(0, n - 1))
          : lines.slice(Math.max(0, lines.length - n));
    return sel.map((l) => `${l}\n`).join("");
  };
  if (rest.length === 0) return res(pick(ctx.stdin ?? ""));
  let out = "";
  let err = "";
  for (const [i, f] of rest.entries()) {
    const r = readOrError(ctx.node, which, f);
    if (r.err) {
      err +=
        which === "tail"
          ? `tail: cannot open '${f}' for reading: No such file or directory\n`
          : `head: cannot open '${f}' for reading: No such file or directory\n`;
      continue;
    }
    if (rest.length > 1) out += `${i > 0 ? "\n" : ""}==> ${f} <==\n`;
    out += pick(r.text ?? "");
  }
  if (which === "tail" && follow && ctx.follow && rest.length > 0) {
    const fl = ctx.follow;
    fl.write(out);
    if (err) fl.write(err);
    const paths = new Map(
      rest.map((f) => [resolvePath(ctx.node, f), (ctx.node.fs.read(resolvePath(ctx.node, f)) ?? "").length]),
    );
    const off = ctx.node.fs.onWrite((p) => {
      const seen = paths.get(p);
      if (seen === undefined) return;
      const now = ctx.node.fs.read(p) ?? "";
      if (now.length < seen) {
        fl.write(`tail: ${p}: file truncated\n`);
        paths.set(p, 0);
        fl.write(now);
      } else fl.write(now.slice(seen));
      paths.set(p, now.length);
    });
    await fl.interrupted;
    off();
    return res("");
  }
  return res(out, err, err ? 1 : 0);
}

async function touch(ctx: CommandContext): Promise<CommandResult> {
  const { operands } = splitFlags(ctx.args);
  if (operands.length === 0)
    return res("", "touch: missing file operand\nTry 'touch --help' for more information.\n", 1);
  for (const f of operands) {
    const p = resolvePath(ctx.node, f);
    if (ctx.node.fs.isDir(p)) continue;
    ctx.node.fs.write(p, ctx.node.fs.read(p) ?? "");
  }
  return res("");
}

async function rm(ctx: CommandContext): Promise<CommandResult> {
  const { flags, operands } = splitFlags(ctx.args);
  const recursive = flags.has("r") || flags.has("R") || flags.has("recursive");
  const force = flags.has("f") || flags.has("force");
  if (operands.length === 0 && !force)
    return res("", "rm: missing operand\nTry 'rm --help' for more information.\n", 1);
  let err = "";
  for (const f of operands) {
    const p = resolvePath(ctx.node, f);
    if (ctx.node.fs.isDir(p)) {
      if (!recursive) {
        err += `rm: cannot remove '${f}': Is a directory\n`;
        continue;
      }
      for (const x of ctx.node.fs.paths()) if (x.startsWith(`${p}/`)) ctx.node.fs.remove(x);
      continue;
    }
    if (!ctx.node.fs.remove(p) && !force) err += `rm: cannot remove '${f}': No such file or directory\n`;
  }
  return res("", err, err ? 1 : 0);
}

async function mkdir(ctx: CommandContext): Promise<CommandResult> {
  const { flags, operands } = splitFlags(ctx.args);
  if (operands.length === 0)
    return res("", "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1);
  let err = "";
  for (const f of operands) {
    const p = resolvePath(ctx.node, f);
    if (ctx.node.fs.exists(p) && !flags.has("p"))
      err += `mkdir: cannot create directory '${f}': File exists\n`;
    else if (ctx.node.fs.read(p) !== undefined) err += `mkdir: cannot create directory '${f}': File exists\n`;
    else {
      const parent = p.slice(0, p.lastIndexOf("/")) || "/";
      if (!flags.has("p") && parent !== "/" && !ctx.node.fs.isDir(parent))
        err += `mkdir: cannot create directory '${f}': No such file or directory\n`;
      else ctx.node.fs.mkdir(p);
    }
  }
  return res("", err, err ? 1 : 0);
}

/** rmdir (GNU coreutils): only empty directories go. */
async function rmdir(ctx: CommandContext): Promise<CommandResult> {
  const { operands } = splitFlags(ctx.args);
  if (operands.length === 0)
    return res("", "rmdir: missing operand\nTry 'rmdir --help' for more information.\n", 1);
  let err = "";
  for (const f of operands) {
    const p = resolvePath(ctx.node, f);
    const fs = ctx.node.fs;
    if (!fs.exists(p)) err += `rmdir: failed to remove '${f}': No such file or directory\n`;
    else if (!fs.isDir(p)) err += `rmdir: failed to remove '${f}': Not a directory\n`;
    else if (fs.readdir(p).length > 0) err += `rmdir: failed to remove '${f}': Directory not empty\n`;
    else fs.removeAll(p);
  }
  return res("", err, err ? 1 : 0);
}

/** cp and mv: files, and with cp -r / mv whole directories; into a directory when the target is one. */
async function copyMove(ctx: CommandContext, tool: "cp" | "mv"): Promise<CommandResult> {
  const { flags, operands } = splitFlags(ctx.args);
  const recursive =
    tool === "mv" || flags.has("r") || flags.has("R") || flags.has("a") || flags.has("recursive");
  if (operands.length === 0)
    return res("", `${tool}: missing file operand\nTry '${tool} --help' for more information.\n`, 1);
  if (operands.length === 1)
    return res(
      "",
      `${tool}: missing destination file operand after '${operands[0]}'\nTry '${tool} --help' for more information.\n`,
      1,
    );
  const fs = ctx.node.fs;
  const target = operands[operands.length - 1];
  const targetPath = resolvePath(ctx.node, target);
  const intoDir = fs.isDir(targetPath);
  const sources = operands.slice(0, -1);
  if (sources.length > 1 && !intoDir) return res("", `${tool}: target '${target}' is not a directory\n`, 1);
  let err = "";
  for (const src of sources) {
    const from = resolvePath(ctx.node, src);
    const isDir = fs.isDir(from);
    if (!isDir && fs.read(from) === undefined) {
      err += `${tool}: cannot stat '${src}': No such file or directory\n`;
      continue;
    }
    if (isDir && !recursive) {
      err += `${tool}: -r not specified; omitting directory '${src}'\n`;
      continue;
    }
    const to = intoDir
      ? `${targetPath === "/" ? "" : targetPath}/${from.slice(from.lastIndexOf("/") + 1)}`
      : targetPath;
    if (to === from) {
      err += `${tool}: '${src}' and '${target}' are the same file\n`;
      continue;
    }
    const parent = to.slice(0, to.lastIndexOf("/")) || "/";
    if (parent !== "/" && !fs.isDir(parent)) {
      err += `${tool}: cannot ${tool === "cp" ? "create regular file" : "move"} '${tool === "cp" ? target : src}'${tool === "mv" ? ` to '${target}'` : ""}: No such file or directory\n`;
      continue;
    }
    const moved = isDir
      ? fs
          .paths()
          .filter((x) => x.startsWith(`${from}/`))
          .map((x) => [x, to + x.slice(from.length)] as const)
      : [[from, to] as const];
    for (const [a, b] of moved) fs.write(b, fs.read(a) ?? "");
    if (isDir) fs.mkdir(to);
    if (tool === "mv") for (const [a] of moved) fs.remove(a);
  }
  return res("", err, err ? 1 : 0);
}

async function tee(ctx: CommandContext): Promise<CommandResult> {
  const { flags, operands } = splitFlags(ctx.args);
  const input = ctx.stdin ?? "";
  for (const f of operands) {
    const p = resolvePath(ctx.node, f);
    if (flags.has("a") || flags.has("append")) ctx.node.fs.append(p, input);
    else ctx.node.fs.write(p, input);
  }
  return res(input);
}

async function find(ctx: CommandContext): Promise<CommandResult> {
  const args = ctx.args;
  const start = args[0] && !args[0].startsWith("-") ? args[0] : ".";
  const nameIdx = args.indexOf("-name");
  const typeIdx = args.indexOf("-type");
  const glob = nameIdx !== -1 ? args[nameIdx + 1] : undefined;
  const type = typeIdx !== -1 ? args[typeIdx + 1] : undefined;
  const root = resolvePath(ctx.node, start);
  if (!ctx.node.fs.exists(root) && root !== "/")
    return res("", `find: '${start}': No such file or directory\n`, 1);
  const re = glob
    ? new RegExp(
        `^${glob
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      )
    : undefined;
  const prefix = root === "/" ? "/" : `${root}/`;
  const found = new Set<string>([root]);
  for (const f of [...ctx.node.fs.paths(), ...ctx.node.fs.pseudoPathsUnder(root)]) {
    if (!f.startsWith(prefix)) continue;
    const parts = f.slice(prefix.length).split("/");
    for (let i = 1; i <= parts.length; i++) found.add(prefix + parts.slice(0, i).join("/"));
  }
  const shown = (p: string) => (start.startsWith("/") ? p : start + p.slice(root.length));
  const out = [...found]
    .sort()
    .filter((p) => {
      const isDir = ctx.node.fs.isDir(p) || p === "/";
      if (type === "f" && isDir) return false;
      if (type === "d" && !isDir) return false;
      return !re || re.test(p.slice(p.lastIndexOf("/") + 1));
    })
    .map((p) => `${shown(p)}\n`)
    .join("");
  return res(out);
}

async function cd(ctx: CommandContext): Promise<CommandResult> {
  const target = ctx.args[0] ?? "~";
  const p = resolvePath(ctx.node, target);
  if (p !== "/" && !ctx.node.fs.isDir(p)) {
    const isFile = ctx.node.fs.read(p) !== undefined;
    return res("", `-bash: cd: ${target}: ${isFile ? "Not a directory" : "No such file or directory"}\n`, 1);
  }
  setCwd(ctx.node, p);
  return res("");
}

const cmd = (
  name: string,
  summary: string,
  run: (ctx: CommandContext) => Promise<CommandResult>,
): Command => ({
  name,
  summary,
  run,
});

export const fileCommands: Command[] = [
  cmd("ls", "List directory contents", ls),
  cmd("cat", "Print files", (c) => cat(c)),
  cmd("less", "View a file (prints it: the terminal has no pager)", (c) => cat(c, "less")),
  cmd("more", "View a file (prints it: the terminal has no pager)", (c) => cat(c, "more")),
  cmd("head", "Print the first lines of files", (c) => headTail(c, "head")),
  cmd("tail", "Print the last lines of files (-f follows)", (c) => headTail(c, "tail")),
  cmd("touch", "Create empty files", touch),
  cmd("rm", "Remove files", rm),
  cmd("cp", "Copy files (-r for directories)", (c) => copyMove(c, "cp")),
  cmd("mv", "Move or rename files", (c) => copyMove(c, "mv")),
  cmd("mkdir", "Make directories", mkdir),
  cmd("rmdir", "Remove empty directories", rmdir),
  cmd("tee", "Copy stdin to files and stdout", tee),
  cmd("find", "Find files by name (-name, -type)", find),
  cmd("cd", "Change the working directory", cd),
  cmd("pwd", "Print the working directory", async (c) => res(`${getCwd(c.node)}\n`)),
];
