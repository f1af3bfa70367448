// procps-ng `ps` over the node's process table: `ps`, `ps -ef` (-e, -f) and `ps aux`. It shows what each
// runtime flavour puts on the host: one containerd shim per pod, CRI-O's conmon per container,
// gVisor's runsc-sandbox/runsc-gofer, Kata's qemu-system-x86_64.
import type { HostProcess } from "../../sim/node/processes";
import type { Command, CommandContext, CommandResult } from "../types";

const TTY = "pts/0";

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

/** The login shell the terminal runs (its PID is fixed: the node's table does not hold it). */
const SHELL_PID = 4321;

/**
 * The shell and the commands of the pipeline running now (ps itself, and `grep kubelet` after
 * `ps aux |`: bash starts every stage at once, left to right, so their PIDs follow each other).
 */
function ownProcesses(ctx: CommandContext, self: string): HostProcess[] {
  const now = ctx.node.clock.wallMs();
  const base = SHELL_PID + 1 + (Math.floor(ctx.node.clock.now() / 1000) % 3000);
  const stages = ctx.pipeline ?? { argv: [[self, ...ctx.args]], index: 0 };
  return [
    { pid: SHELL_PID, ppid: 1, user: "root", cmd: "-bash", startMs: ctx.node.clock.wallMs(0) },
    ...stages.argv.map((argv, j) => ({
      pid: base + j - stages.index,
      ppid: SHELL_PID,
      user: "root",
      cmd: (j === stages.index ? [self, ...ctx.args] : argv).join(" "),
      startMs: now,
    })),
  ];
}

/** STAT as `ps aux` shows the terminal's processes: bash leads the session, the pipeline is the foreground group. */
function ownStat(p: HostProcess, selfPid: number): string {
  if (p.pid === SHELL_PID) return "Ss";
  return p.pid === selfPid ? "R+" : "S+";
}

export async function runPs(ctx: CommandContext): Promise<CommandResult> {
  const args = ctx.args.join(" ").trim();
  const table = ctx.node.processes?.() ?? [];
  const own = ownProcesses(ctx, "ps");
  const ownPids = new Set(own.map((p) => p.pid));
  const selfPid = own[(ctx.pipeline?.index ?? 0) + 1].pid;
  const all = [...table, ...own].sort((a, b) => a.pid - b.pid);
  const tty = (p: HostProcess) => (ownPids.has(p.pid) ? TTY : "?");
  if (args === "") {
    const rows = own
      .sort((a, b) => a.pid - b.pid)
      .map((p) => `${String(p.pid).padStart(7)} ${TTY.padEnd(8)} 00:00:00 ${comm(p.cmd)}`);
    return { stdout: `    PID TTY          TIME CMD\n${rows.join("\n")}\n`, stderr: "", code: 0 };
  }
  if (/^-(ef|fe|aef|eaf|Af|fA)$/.test(args) || args === "-e -f" || args === "-f -e") {
    const rows = all.map(
      (p) =>
        `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${hhmm(p.startMs)} ${tty(p).padEnd(8)} 00:00:00 ${p.cmd}`,
    );
    return {
      stdout: `UID          PID    PPID  C STIME TTY          TIME CMD\n${rows.join("\n")}\n`,
      stderr: "",
      code: 0,
    };
  }
  if (/^-?aux$/.test(args) || args === "-e" || args === "-A") {
    if (args === "-e" || args === "-A") {
      const rows = all.map((p) => `${String(p.pid).padStart(7)} ${tty(p).padEnd(8)} 00:00:00 ${comm(p.cmd)}`);
      return { stdout: `    PID TTY          TIME CMD\n${rows.join("\n")}\n`, stderr: "", code: 0 };
    }
    const stat = (p: HostProcess) => (ownPids.has(p.pid) ? ownStat(p, selfPid) : p.ppid === 1 ? "Ssl" : "S");
    const rows = all.map(
      (p) =>
        `${p.user.padEnd(10)} ${String(p.pid).padStart(6)}  0.0  0.1 ${String(12_000 + (p.pid % 997) * 131).padStart(6)} ${String(4_000 + (p.pid % 613) * 17).padStart(5)} ${tty(p).padEnd(8)} ${stat(p).padEnd(4)} ${hhmm(p.startMs)}   0:00 ${p.cmd}`,
    );
    return {
      stdout: `USER          PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n${rows.join("\n")}\n`,
      stderr: "",
      code: 0,
    };
  }
  return {
    stdout: "",
    stderr: `error: unsupported option (BSD syntax)\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`,
    code: 1,
  };
}

/**
 * procps-ng pgrep: the PIDs whose name (comm, 15 characters) — or with -f the whole command line —
 * matches an extended regex; -l adds the name, -a the command line, -x matches whole, -c counts,
 * -n/-o keep the newest/oldest. pgrep never lists itself.
 */
export async function runPgrep(ctx: CommandContext): Promise<CommandResult> {
  let full = false;
  let exact = false;
  let listName = false;
  let listFull = false;
  let count = false;
  let newest = false;
  let oldest = false;
  let delim = "\n";
  let user: string | undefined;
  const patterns: string[] = [];
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-d" || a === "--delimiter") delim = args[++i] ?? "\n";
    else if (a === "-u" || a === "--euid") user = args[++i];
    else if (a === "--full") full = true;
    else if (a === "--exact") exact = true;
    else if (a === "--list-name") listName = true;
    else if (a === "--list-full") listFull = true;
    else if (a === "--count") count = true;
    else if (a === "--newest") newest = true;
    else if (a === "--oldest") oldest = true;
    else if (/^-[fxlacno]+$/.test(a))
      for (const c of a.slice(1)) {
        if (c === "f") full = true;
        else if (c === "x") exact = true;
        else if (c === "l") listName = true;
        else if (c === "a") listFull = true;
        else if (c === "c") count = true;
        else if (c === "n") newest = true;
        else if (c === "o") oldest = true;
      }
    else if (a.startsWith("-") && a !== "-")
      return {
        stdout: "",
        stderr: `pgrep: invalid option -- '${a.replace(/^-+/, "")[0]}'\n\nUsage:\n pgrep [options] <pattern>\n`,
        code: 2,
      };
    else patterns.push(a);
  }
  if (patterns.length === 0 && user === undefined)
    return {
      stdout: "",
      stderr: "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n",
      code: 2,
    };
  if (patterns.length > 1)
    return {
      stdout: "",
      stderr: `pgrep: only one pattern can be provided\nTry \`pgrep --help' for more information.\n`,
      code: 2,
    };
  let re: RegExp | undefined;
  try {
    re = patterns[0] !== undefined ? new RegExp(exact ? `^(?:${patterns[0]})$` : patterns[0]) : undefined;
  } catch {
    return { stdout: "", stderr: "pgrep: invalid regular expression\n", code: 2 };
  }
  const own = ownProcesses(ctx, "pgrep");
  const selfPid = own[(ctx.pipeline?.index ?? 0) + 1].pid;
  let hits = [...(ctx.node.processes?.() ?? []), ...own]
    .filter((p) => p.pid !== selfPid)
    .filter((p) => user === undefined || p.user === user || (user === "0" && p.user === "root"))
    .filter((p) => !re || re.test(full ? p.cmd : comm(p.cmd)))
    .sort((a, b) => a.pid - b.pid);
  if (newest && hits.length > 0) hits = [hits.reduce((a, b) => (b.startMs >= a.startMs ? b : a))];
  if (oldest && hits.length > 0) hits = [hits.reduce((a, b) => (b.startMs < a.startMs ? b : a))];
  if (count) return { stdout: `${hits.length}\n`, stderr: "", code: hits.length > 0 ? 0 : 1 };
  if (hits.length === 0) return { stdout: "", stderr: "", code: 1 };
  const rows = hits.map((p) =>
    listFull ? `${p.pid} ${p.cmd}` : listName ? `${p.pid} ${comm(p.cmd)}` : String(p.pid),
  );
  return { stdout: `${rows.join(delim)}\n`, stderr: "", code: 0 };
}

/** sysvinit-utils pidof: the PIDs running a program (argv[0]'s basename), newest first, on one line. */
export async function runPidof(ctx: CommandContext): Promise<CommandResult> {
  const single = ctx.args.includes("-s");
  const names = ctx.args.filter((a) => !a.startsWith("-"));
  const table = [...(ctx.node.processes?.() ?? []), ...ownProcesses(ctx, "pidof").slice(0, 1)];
  const pids: number[] = [];
  for (const name of names) {
    const hits = table
      .filter((p) => {
        const argv0 = p.cmd.split(" ")[0].replace(/^-/, "");
        return argv0 === name || argv0.slice(argv0.lastIndexOf("/") + 1) === name;
      })
      .map((p) => p.pid)
      .sort((a, b) => b - a);
    pids.push(...(single ? hits.slice(0, 1) : hits));
  }
  if (pids.length === 0) return { stdout: "", stderr: "", code: 1 };
  return { stdout: `${pids.join(" ")}\n`, stderr: "", code: 0 };
}

/** The command name `ps -e` prints (first word's basename, 15 chars as the kernel's comm). */
function comm(cmd: string): string {
  const first = cmd.split(" ")[0].replace(/^-/, "");
  return first.slice(first.lastIndexOf("/") + 1).slice(0, 15);
}

export const psCommand: Command = {
  name: "ps",
  summary: "Report a snapshot of the node's processes (ps, ps -ef, ps aux)",
  run: runPs,
};

export const pgrepCommand: Command = {
  name: "pgrep",
  summary: "Look up the node's processes by name (pgrep kubelet, pgrep -a containerd)",
  run: runPgrep,
};

export const pidofCommand: Command = {
  name: "pidof",
  summary: "Find the PID of a running program (pidof kubelet)",
  run: runPidof,
};
