// GNU coreutils df and du over the node's mounts. containerd's root (/var/lib/containerd) sits on its
// own disk whose usage is the runtime's image filesystem (the number the kubelet's image GC reads),
// so it moves as images are pulled, removed, or the disk-full fault fills it. Each pod adds what a
// containerd node mounts: the projected service-account token (tmpfs), the sandbox's /dev/shm, and
// an overlay rootfs per sandbox and running container. Simplified: the OS disks' usage is fixed.
import type { Pod } from "kubernetes-types/core/v1";
import { ContainerState, PodSandboxState } from "../../sim/cri";
import type { SimNode } from "../../sim/node/types";
import type { Command, CommandContext, CommandResult, RuntimeView } from "../types";
import { resolvePath } from "./cwd";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

interface Mount {
  source: string;
  type: string;
  target: string;
  size: number;
  used: number;
  /** Space an unprivileged user may still use (ext4 keeps 5% for root). */
  avail: number;
}

const CONTAINERD_ROOT = "/var/lib/containerd";

function quantityBytes(q: string | undefined): number | undefined {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q ?? "");
  if (!m) return undefined;
  return Number(m[1]) * ({ Ki: KiB, Mi: MiB, Gi: GiB }[m[2] ?? ""] ?? 1);
}

/** The node's mounts in /proc/self/mounts order: OS disks first, then what pods mounted, oldest first. */
export function mounts(node: SimNode, view: RuntimeView | undefined): Mount[] {
  const nodeObj = node.api.list("Node")[0] as { status?: { capacity?: Record<string, string> } } | undefined;
  const memory = quantityBytes(nodeObj?.status?.capacity?.memory) ?? 8 * GiB;
  const rootSize = quantityBytes(nodeObj?.status?.capacity?.["ephemeral-storage"]) ?? 20 * GiB;
  const imageFs = view?.imageFs ?? { usedBytes: 0, capacityBytes: 20 * GiB };
  // The root disk holds the OS and the logs under /var/log.
  const logBytes = node.fs
    .paths()
    .filter((p) => p.startsWith("/var/log/"))
    .reduce((n, p) => n + (node.fs.read(p)?.length ?? 0), 0);
  const rootUsed = Math.round(2.46 * GiB) + logBytes;
  const ext4 = (size: number, used: number) => Math.max(0, size - used - Math.floor(size * 0.05));
  const tmpfs = (target: string, size: number, used = 0, source = "tmpfs"): Mount => ({
    source,
    type: "tmpfs",
    target,
    size,
    used,
    avail: size - used,
  });
  const ctrSize = imageFs.capacityBytes;
  const ctrUsed = Math.min(imageFs.usedBytes, ctrSize);
  const overlay = (id: string): Mount => ({
    source: "overlay",
    type: "overlay",
    target: `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${id}/rootfs`,
    size: ctrSize,
    used: ctrUsed,
    avail: ctrSize - ctrUsed,
  });
  const list: Mount[] = [
    tmpfs("/run", Math.floor(memory / 10), 1_236_992),
    {
      source: "/dev/sda1",
      type: "ext4",
      target: "/",
      size: rootSize,
      used: rootUsed,
      avail: ext4(rootSize, rootUsed),
    },
    tmpfs("/dev/shm", Math.floor(memory / 2)),
    tmpfs("/run/lock", 5 * MiB),
    {
      source: "/dev/sda16",
      type: "ext4",
      target: "/boot",
      size: 881 * MiB,
      used: 61 * MiB,
      avail: 758 * MiB,
    },
    {
      source: "/dev/sda15",
      type: "vfat",
      target: "/boot/efi",
      size: 105 * MiB,
      used: 6_324_224,
      avail: 99 * MiB,
    },
    // A dedicated disk for the runtime: no reserved blocks, so Use% is the kubelet's image-fs usage.
    {
      source: "/dev/sdb",
      type: "xfs",
      target: CONTAINERD_ROOT,
      size: ctrSize,
      used: ctrUsed,
      avail: ctrSize - ctrUsed,
    },
  ];
  if (!view) return list;
  const pods = new Map((node.api.list("Pod") as Pod[]).map((p) => [p.metadata?.uid ?? "", p] as const));
  const timed: { at: number; order: number; m: Mount }[] = [];
  for (const { sandbox } of view.sandboxes) {
    if (sandbox.state !== PodSandboxState.SANDBOX_READY) continue;
    const pod = pods.get(sandbox.metadata.uid);
    const token = pod?.spec?.volumes?.find((v) => v.name.startsWith("kube-api-access-"));
    if (token)
      timed.push({
        at: sandbox.createdAt,
        order: 0,
        m: tmpfs(
          `/var/lib/kubelet/pods/${sandbox.metadata.uid}/volumes/kubernetes.io~projected/${token.name}`,
          memory - 100 * MiB,
          12 * KiB,
        ),
      });
    timed.push({
      at: sandbox.createdAt,
      order: 1,
      m: tmpfs(`/run/containerd/io.containerd.grpc.v1.cri/sandboxes/${sandbox.id}/shm`, 64 * MiB, 0, "shm"),
    });
    timed.push({ at: sandbox.createdAt, order: 2, m: overlay(sandbox.id) });
  }
  for (const c of view.containers)
    if (c.state === ContainerState.CONTAINER_RUNNING)
      timed.push({ at: c.createdAt, order: 3, m: overlay(c.id) });
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  return [...list, ...timed.map((t) => t.m)];
}

/** gnulib human_readable with df's options: ceiling, one decimal below 10, K M G T (1024) or k M G (1000 for -H). */
export function humanCeil(bytes: number, base: 1024 | 1000 = 1024): string {
  if (bytes < base) return String(bytes);
  const units = base === 1024 ? "KMGTPE" : "kMGTPE";
  let exp = 0;
  let scaled = bytes;
  while (scaled >= base && exp < units.length) {
    scaled /= base;
    exp++;
  }
  const unit = base ** exp;
  const tenths = Math.ceil((bytes * 10) / unit - 1e-9);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)}${units[exp - 1]}`;
  const whole = Math.ceil(bytes / unit - 1e-9);
  if (whole >= base) return `1.0${units[exp]}`;
  return `${whole}${units[exp - 1]}`;
}

/** df's Use%: used / (used + available), rounded up. */
function percent(m: Mount): string {
  const total = m.used + m.avail;
  return total === 0 ? "-" : `${Math.ceil((m.used * 100) / total - 1e-9)}%`;
}

interface Column {
  header: string;
  min: number;
  right: boolean;
}

/** GNU df's table: minimum widths (Filesystem 14, numbers 5, Use% 4), one space apart, last column unpadded. */
function table(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.min, c.header.length, ...rows.map((r) => r[i].length)));
  return [columns.map((c) => c.header), ...rows]
    .map((r) =>
      r
        .map((cell, i) =>
          i === r.length - 1 ? cell : columns[i].right ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
        )
        .join(" "),
    )
    .join("\n")
    .concat("\n");
}

/** The mount a path lives on: the longest mount point that is a prefix of it. */
function mountOf(list: Mount[], path: string): Mount | undefined {
  return list
    .filter((m) => path === m.target || path.startsWith(m.target === "/" ? "/" : `${m.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
}

function exists(node: SimNode, p: string): boolean {
  return p === "/" || node.fs.exists(p) || p === CONTAINERD_ROOT || p.startsWith(`${CONTAINERD_ROOT}/`);
}

/** coreutils option parsing: long names map to short letters, bundles like -hT; GNU's wording for the rest. */
function options(
  tool: string,
  args: string[],
  long: Record<string, string>,
  known: string,
): { flags: string[]; operands: string[] } | CommandResult {
  const flags: string[] = [];
  const operands: string[] = [];
  const bad = (msg: string) => ({
    stdout: "",
    stderr: `${tool}: ${msg}\nTry '${tool} --help' for more information.\n`,
    code: 1,
  });
  for (const a of args) {
    if (a.startsWith("--")) {
      if (!long[a.slice(2)]) return bad(`unrecognized option '${a}'`);
      flags.push(long[a.slice(2)]);
    } else if (a.startsWith("-") && a.length > 1) {
      for (const c of a.slice(1)) {
        if (!known.includes(c)) return bad(`invalid option -- '${c}'`);
        flags.push(c);
      }
    } else operands.push(a);
  }
  return { flags, operands };
}

async function df(ctx: CommandContext): Promise<CommandResult> {
  const parsed = options("df", ctx.args, { "human-readable": "h", si: "H", "print-type": "T" }, "hHkTalP");
  if ("code" in parsed) return parsed;
  const { flags, operands } = parsed;
  const mode = (flags.filter((f) => "hHk".includes(f)).at(-1) ?? "k") as "k" | "h" | "H";
  const showType = flags.includes("T");
  const all = mounts(ctx.node, ctx.view?.());
  let rows = all;
  let err = "";
  if (operands.length > 0) {
    rows = [];
    for (const f of operands) {
      const p = resolvePath(ctx.node, f);
      const m = exists(ctx.node, p) ? mountOf(all, p) : undefined;
      if (m) rows.push(m);
      else err += `df: ${f}: No such file or directory\n`;
    }
  }
  const size = (n: number) =>
    mode === "k" ? String(Math.ceil(n / KiB)) : humanCeil(n, mode === "H" ? 1000 : 1024);
  const columns: Column[] = [
    { header: "Filesystem", min: 14, right: false },
    ...(showType ? [{ header: "Type", min: 4, right: false }] : []),
    { header: mode === "k" ? "1K-blocks" : "Size", min: 5, right: true },
    { header: "Used", min: 5, right: true },
    { header: mode === "k" ? "Available" : "Avail", min: 5, right: true },
    { header: "Use%", min: 4, right: true },
    { header: "Mounted on", min: 0, right: false },
  ];
  const cells = rows.map((m) => [
    m.source,
    ...(showType ? [m.type] : []),
    size(m.size),
    size(m.used),
    size(m.avail),
    percent(m),
    m.target,
  ]);
  const stdout = rows.length > 0 ? table(columns, cells) : "";
  return { stdout, stderr: err, code: err ? 1 : 0 };
}

/** du: disk usage in 1K blocks (4K filesystem blocks), -s summary, -h human, -c total. */
async function du(ctx: CommandContext): Promise<CommandResult> {
  const parsed = options("du", ctx.args, { summarize: "s", "human-readable": "h", total: "c" }, "shcxk");
  if ("code" in parsed) return parsed;
  const { flags, operands } = parsed;
  const summary = flags.includes("s");
  const human = flags.includes("h");
  const total = flags.includes("c");
  const node = ctx.node;
  const view = ctx.view?.();
  const block = (bytes: number) => Math.ceil(bytes / 4096) * 4096;
  const fmt = (bytes: number) => (human ? humanCeil(bytes) : String(Math.ceil(bytes / KiB)));
  let out = "";
  let err = "";
  let sum = 0;
  for (const f of operands.length > 0 ? operands : ["."]) {
    const p = resolvePath(node, f);
    if (p === CONTAINERD_ROOT || p.startsWith(`${CONTAINERD_ROOT}/`)) {
      // The runtime's content store and snapshots: what its image filesystem reports in use.
      const used = view?.imageFs.usedBytes ?? 0;
      sum += used;
      out += `${fmt(used)}\t${f}\n`;
      continue;
    }
    if (!node.fs.exists(p) && p !== "/") {
      err += `du: cannot access '${f}': No such file or directory\n`;
      continue;
    }
    const files =
      node.fs.isDir(p) || p === "/"
        ? node.fs.paths().filter((x) => x.startsWith(p === "/" ? "/" : `${p}/`))
        : [p];
    const sizeOf = (x: string) => block(new TextEncoder().encode(node.fs.read(x) ?? "").length);
    if (summary || !node.fs.isDir(p)) {
      const bytes = files.reduce((n, x) => n + sizeOf(x), node.fs.isDir(p) ? 4096 : 0);
      sum += bytes;
      out += `${fmt(bytes)}\t${f}\n`;
      continue;
    }
    // Every directory below, deepest first (du's post-order), each with its subtree's total.
    const dirs = new Set<string>([p]);
    for (const x of files) {
      let d = x.slice(0, x.lastIndexOf("/"));
      while (d.length > p.length) {
        dirs.add(d);
        d = d.slice(0, d.lastIndexOf("/"));
      }
    }
    const ordered = [...dirs].sort((a, b) =>
      a.startsWith(`${b}/`) ? -1 : b.startsWith(`${a}/`) ? 1 : a < b ? -1 : 1,
    );
    for (const d of ordered) {
      const bytes = files
        .filter((x) => x.startsWith(`${d}/`))
        .reduce(
          (n, x) => n + sizeOf(x),
          4096 * [...dirs].filter((e) => e === d || e.startsWith(`${d}/`)).length,
        );
      if (d === p) sum += bytes;
      out += `${fmt(bytes)}\t${f.replace(/\/$/, "")}${d.slice(p.length)}\n`;
    }
  }
  if (total) out += `${fmt(sum)}\ttotal\n`;
  return { stdout: out, stderr: err, code: err ? 1 : 0 };
}

export const diskCommands: Command[] = [
  { name: "df", summary: "Report file system space usage (-h human-readable)", run: df },
  { name: "du", summary: "Estimate file space usage (-s, -h)", run: du },
];
