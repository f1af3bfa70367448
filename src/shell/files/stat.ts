// GNU coreutils 9.1 `stat` on the node, the forms the docs use: `stat -fc %T /sys/fs/cgroup/` (cgroups
// page: cgroup2fs on a cgroup v2 node) and `stat -c FORMAT FILE`. Plain `stat FILE` needs inode and
// device numbers the simulator does not model.
import { fsTypeOf } from "../../sim/node/kernel";
import type { Command, CommandContext, CommandResult } from "../types";
import { resolvePath } from "./cwd";
import { mtimeOf } from "./fileCommands";

const res = (stdout: string, stderr = "", code = 0): CommandResult => ({ stdout, stderr, code });

function fileType(ctx: CommandContext, path: string, follow: boolean): string {
  const fs = ctx.node.fs;
  if (!follow && fs.link(path) !== undefined) return "symbolic link";
  const real = fs.resolve(path) ?? path;
  if (fs.isDir(real)) return "directory";
  if (fs.attrsOf(real)?.type === "socket") return "socket";
  const text = fs.read(real);
  return text === "" ? "regular empty file" : "regular file";
}

function modeBits(type: string, mode: number | undefined): number {
  if (mode !== undefined) return mode;
  if (type === "directory") return 0o755;
  if (type === "symbolic link") return 0o777;
  return 0o644;
}

function modeString(type: string, bits: number): string {
  const t = type === "directory" ? "d" : type === "symbolic link" ? "l" : type === "socket" ? "s" : "-";
  return t + [..."rwxrwxrwx"].map((c, i) => (bits & (0o400 >> i) ? c : "-")).join("");
}

function statTime(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.000000000 +0000`;
}

/** One FORMAT rendered for one operand; unknown directives print as GNU stat leaves them ('?'). */
function render(
  ctx: CommandContext,
  fmt: string,
  name: string,
  path: string,
  fsMode: boolean,
  follow: boolean,
): string {
  const fs = ctx.node.fs;
  const real = fs.resolve(path) ?? path;
  const attrs = fs.attrsOf(real);
  const type = fsMode ? "" : fileType(ctx, path, follow);
  const fsType = fsTypeOf(real, attrs?.tmpfs === true);
  return fmt.replace(/%(.)/g, (_m, d: string) => {
    if (d === "%") return "%";
    if (d === "n") return name;
    if (fsMode) {
      if (d === "T") return fsType.name;
      if (d === "t") return fsType.magic;
      if (d === "s" || d === "S") return "4096";
      if (d === "l") return "255";
      return "?";
    }
    const bits = modeBits(type, attrs?.mode);
    const size =
      type === "directory" ? 4096 : new TextEncoder().encode(fs.link(path) ?? fs.read(real) ?? "").length;
    switch (d) {
      case "F":
        return type;
      case "s":
        return String(type === "socket" ? 0 : size);
      case "a":
        return bits.toString(8);
      case "A":
        return modeString(type, bits);
      case "u":
        return String(attrs?.uid ?? 0);
      case "g":
        return String(attrs?.gid ?? 0);
      case "U":
        return attrs?.uid && attrs.uid !== 0 ? String(attrs.uid) : "root";
      case "G":
        return attrs?.gid === 999 ? "docker" : attrs?.gid && attrs.gid !== 0 ? String(attrs.gid) : "root";
      case "N": {
        const target = follow ? undefined : fs.link(path);
        return target !== undefined ? `'${name}' -> '${target}'` : `'${name}'`;
      }
      case "y":
        return statTime(attrs?.mtime ?? mtimeOf(ctx.node, real));
      case "Y":
        return String(Math.floor((attrs?.mtime ?? mtimeOf(ctx.node, real)) / 1000));
      default:
        return "?";
    }
  });
}

function printfEscapes(fmt: string): string {
  return fmt.replace(/\\([nt\\])/g, (_m, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : "\\"));
}

async function stat(ctx: CommandContext): Promise<CommandResult> {
  let fsMode = false;
  let follow = false;
  let format: string | undefined;
  let printf = false;
  const files: string[] = [];
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--file-system") fsMode = true;
    else if (a === "--dereference") follow = true;
    else if (a.startsWith("--format=")) format = a.slice(9);
    else if (a.startsWith("--printf=")) {
      format = a.slice(9);
      printf = true;
    } else if (a === "--format" || a === "--printf") {
      printf = a === "--printf";
      format = args[++i];
    } else if (/^-[fLc]+/.test(a) && !a.startsWith("--")) {
      // short options cluster: -fc FORMAT, -c%T, -Lc FORMAT
      let j = 1;
      for (; j < a.length; j++) {
        const c = a[j];
        if (c === "f") fsMode = true;
        else if (c === "L") follow = true;
        else if (c === "c") {
          format = a.length > j + 1 ? a.slice(j + 1) : args[++i];
          break;
        }
      }
    } else if (a.startsWith("-") && a !== "-")
      return res(
        "",
        `stat: invalid option -- '${a.replace(/^-+/, "")[0]}'\nTry 'stat --help' for more information.\n`,
        1,
      );
    else files.push(a);
  }
  if (files.length === 0)
    return res("", "stat: missing operand\nTry 'stat --help' for more information.\n", 1);
  if (format === undefined)
    return res(
      "",
      "k8s-node-sim: plain 'stat' is not simulated (inode and device numbers are not modelled): use stat -c FORMAT, stat -fc %T or ls -l\n",
      1,
    );
  let out = "";
  let err = "";
  for (const f of files) {
    const p = resolvePath(ctx.node, f);
    if (!ctx.node.fs.exists(p) && ctx.node.fs.link(p) === undefined) {
      err += fsMode
        ? `stat: cannot read file system information for '${f}': No such file or directory\n`
        : `stat: cannot statx '${f}': No such file or directory\n`;
      continue;
    }
    const text = render(ctx, printf ? printfEscapes(format) : format, f, p, fsMode, follow);
    out += printf ? text : `${text}\n`;
  }
  return res(out, err, err ? 1 : 0);
}

export const statCommand: Command = {
  name: "stat",
  summary: "Display file or file system status (stat -fc %T /sys/fs/cgroup/, stat -c %a FILE)",
  run: stat,
};
