// The node's kernel tools as a Debian 12 node has them: procps-ng 4.0.2 `sysctl`, kmod 30 `modprobe`
// and `lsmod`, over the node's NodeKernel (/proc/sys, /proc/modules). The container-runtimes page's
// prerequisites: `sysctl --system` after writing /etc/sysctl.d/k8s.conf, `sysctl net.ipv4.ip_forward`.
import { KERNEL_RELEASE, type NodeKernel, sysctlPath } from "../../sim/node/kernel";
import type { SimNode } from "../../sim/node/types";
import { resolvePath } from "../files/cwd";
import type { Command, CommandContext, CommandResult } from "../types";

const res = (stdout: string, stderr = "", code = 0): CommandResult => ({ stdout, stderr, code });

function kernelOf(node: SimNode): NodeKernel | undefined {
  return node.kernel;
}

/** sysctl.d(5): a key may use `/` for `.` (net/ipv4/ip_forward). */
function normalizeKey(key: string): string {
  return key.includes("/") ? key.replace(/\//g, ".") : key;
}

/** The directories `sysctl --system` reads, in precedence order (a file name seen first wins). */
const SYSTEM_DIRS = [
  "/etc/sysctl.d",
  "/run/sysctl.d",
  "/usr/local/lib/sysctl.d",
  "/usr/lib/sysctl.d",
  "/lib/sysctl.d",
];
const DEFAULT_PRELOAD = "/etc/sysctl.conf";

interface Setting {
  key: string;
  value: string;
  ignoreFailure: boolean;
}

interface SysctlRun {
  out: string;
  err: string;
  code: number;
}

/** Preload(): `name = value` lines; `#`/`;` comments; a leading `-` ignores a missing key. */
function preload(node: SimNode, path: string, run: SysctlRun, into: Setting[]): void {
  const text = node.fs.read(path);
  if (text === undefined || node.fs.isDir(path)) {
    run.err += `sysctl: cannot open "${path}": No such file or directory\n`;
    run.code = 255;
    return;
  }
  text.split("\n").forEach((raw, i) => {
    let line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const ignoreFailure = line.startsWith("-");
    if (ignoreFailure) line = line.slice(1).trim();
    const eq = line.indexOf("=");
    if (eq === -1) {
      run.err += `sysctl: ${path}(${i + 1}): invalid syntax, continuing...\n`;
      return;
    }
    const key = normalizeKey(line.slice(0, eq).trim());
    const value = line.slice(eq + 1).trim();
    if (key === "") {
      run.err += `sysctl: ${path}(${i + 1}): invalid syntax, continuing...\n`;
      return;
    }
    into.push({ key, value, ignoreFailure });
  });
}

/** WriteSetting: set the parameter and echo `key = value` (the value as given). */
function writeSetting(
  k: NodeKernel,
  s: Setting,
  o: { quiet: boolean; ignore: boolean },
  run: SysctlRun,
): void {
  if (!k.set(s.key, s.value)) {
    if (!o.ignore && !s.ignoreFailure) {
      run.err += `sysctl: cannot stat ${sysctlPath(s.key)}: No such file or directory\n`;
      run.code = 255;
    }
    return;
  }
  if (!o.quiet) run.out += `${s.key} = ${s.value}\n`;
}

async function sysctl(ctx: CommandContext): Promise<CommandResult> {
  const k = kernelOf(ctx.node);
  if (!k) return res("", "k8s-node-sim: sysctl needs the simulated node's kernel\n", 1);
  let names = false;
  let valuesOnly = false;
  let ignore = false;
  let quiet = false;
  let write = false;
  let all = false;
  let system = false;
  let load: string | undefined;
  const operands: string[] = [];
  const args = ctx.args;
  for (const a of args) {
    if (a === "--system") system = true;
    else if (a === "--all") all = true;
    else if (a === "--values") valuesOnly = true;
    else if (a === "--names") names = true;
    else if (a === "--ignore") ignore = true;
    else if (a === "--quiet") quiet = true;
    else if (a === "--write") write = true;
    else if (a === "--load") load = "";
    else if (a.startsWith("--load=")) load = a.slice(7);
    else if (/^-[aAXnNeqwp]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === "a" || c === "A" || c === "X") all = true;
        else if (c === "n") valuesOnly = true;
        else if (c === "N") names = true;
        else if (c === "e") ignore = true;
        else if (c === "q") quiet = true;
        else if (c === "w") write = true;
        // -p [FILE...]: the operands are the files to load (/etc/sysctl.conf when none)
        else if (c === "p") load = "";
      }
    } else if (a.startsWith("-") && a !== "-") {
      return res(
        "",
        `sysctl: invalid option -- '${a.replace(/^-+/, "")[0]}'\n\nUsage:\n sysctl [options] [variable[=value] ...]\n`,
        255,
      );
    } else operands.push(a);
  }
  const run: SysctlRun = { out: "", err: "", code: 0 };
  const show = (key: string, value: string) => {
    if (names) run.out += `${key}\n`;
    else if (valuesOnly) run.out += `${value}\n`;
    else run.out += `${key} = ${value}\n`;
  };
  if (system) {
    // PreloadSystem: *.conf of every directory, deduplicated and sorted by file name, then /etc/sysctl.conf;
    // the "Applying" lines come first, the settings are written after (procps-ng 4).
    const seen = new Map<string, string>();
    for (const dir of SYSTEM_DIRS) {
      if (!ctx.node.fs.isDir(dir)) continue;
      for (const name of ctx.node.fs.readdir(dir))
        if (name.endsWith(".conf") && !seen.has(name)) seen.set(name, `${dir}/${name}`);
    }
    const files = [...seen.keys()].sort().map((n) => seen.get(n) as string);
    if (ctx.node.fs.read(DEFAULT_PRELOAD) !== undefined) files.push(DEFAULT_PRELOAD);
    const settings: Setting[] = [];
    for (const f of files) {
      if (!quiet) run.out += `* Applying ${f} ...\n`;
      preload(ctx.node, f, run, settings);
    }
    for (const s of settings) writeSetting(k, s, { quiet, ignore: true }, run);
    return res(run.out, run.err, run.code);
  }
  if (load !== undefined) {
    const settings: Setting[] = [];
    const files = load !== "" ? [load] : operands.length > 0 ? operands : [DEFAULT_PRELOAD];
    for (const f of files) preload(ctx.node, resolvePath(ctx.node, f), run, settings);
    for (const s of settings) writeSetting(k, s, { quiet, ignore }, run);
    return res(run.out, run.err, run.code);
  }
  if (all) {
    for (const key of k.keys()) show(key, k.get(key) ?? "");
    return res(run.out);
  }
  if (operands.length === 0)
    return res("", "sysctl: no variables specified\nTry `sysctl --help' for more information.\n", 255);
  for (const op of operands) {
    const eq = op.indexOf("=");
    if (write || eq !== -1) {
      if (eq === -1) {
        run.err += `sysctl: "${op}" must be of the form name=value\n`;
        run.code = 255;
        continue;
      }
      writeSetting(
        k,
        { key: normalizeKey(op.slice(0, eq).trim()), value: op.slice(eq + 1).trim(), ignoreFailure: false },
        { quiet, ignore },
        run,
      );
      continue;
    }
    const key = normalizeKey(op);
    const v = k.get(key);
    if (v === undefined) {
      if (!ignore) {
        run.err += `sysctl: cannot stat ${sysctlPath(key)}: No such file or directory\n`;
        run.code = 255;
      }
      continue;
    }
    show(key, v);
  }
  return res(run.out, run.err, run.code);
}

async function modprobe(ctx: CommandContext): Promise<CommandResult> {
  const k = kernelOf(ctx.node);
  if (!k) return res("", "k8s-node-sim: modprobe needs the simulated node's kernel\n", 1);
  let remove = false;
  let all = false;
  let quiet = false;
  const names: string[] = [];
  for (const a of ctx.args) {
    if (a === "--remove") remove = true;
    else if (a === "--all") all = true;
    else if (a === "--quiet") quiet = true;
    else if (/^-[raqv]+$/.test(a)) {
      if (a.includes("r")) remove = true;
      if (a.includes("a")) all = true;
      if (a.includes("q")) quiet = true;
    } else names.push(a);
  }
  if (names.length === 0) return res("", "modprobe: ERROR: missing parameters. See -h.\n", 1);
  // without -a (or -r) the words after the module are its parameters
  const targets = all || remove ? names : names.slice(0, 1);
  let err = "";
  for (const name of targets) {
    if (remove) {
      const e = k.unload(name);
      if (e) err += `${e}\n`;
      continue;
    }
    if (!k.known(name)) {
      if (!quiet)
        err += `modprobe: FATAL: Module ${name} not found in directory /lib/modules/${KERNEL_RELEASE}\n`;
      return res("", err, 1);
    }
    if (!all && names.length > 1 && !k.isLoaded(name))
      return res(
        "",
        `modprobe: ERROR: could not insert '${name}': Unknown symbol in module, or unknown parameter (see dmesg)\n`,
        1,
      );
    k.load(name);
  }
  return res("", err, err ? 1 : 0);
}

async function lsmod(ctx: CommandContext): Promise<CommandResult> {
  const text = ctx.node.fs.read("/proc/modules");
  if (text === undefined)
    return res("", "lsmod: ERROR: could not open '/proc/modules': No such file or directory\n", 1);
  const rows = text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, size, refs, deps] = line.split(" ");
      const users = deps === "-" ? "" : ` ${deps.replace(/,$/, "")}`;
      return `${name.padEnd(19)} ${size.padStart(8)}  ${refs}${users}\n`;
    });
  return res(`Module                  Size  Used by\n${rows.join("")}`);
}

export const kernelCommands: Command[] = [
  {
    name: "sysctl",
    summary: "Read and write kernel parameters (sysctl net.ipv4.ip_forward, --system)",
    run: sysctl,
  },
  { name: "modprobe", summary: "Load or remove kernel modules (modprobe br_netfilter)", run: modprobe },
  { name: "lsmod", summary: "Show the loaded kernel modules", run: lsmod },
];
