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

/** The shell and ps itself: the two processes a bare `ps` lists. */
function ownProcesses(ctx: CommandContext, args = ""): HostProcess[] {
  const now = ctx.node.clock.wallMs();
  const shellPid = 4321;
  return [
    { pid: shellPid, ppid: 1, user: "root", cmd: "-bash", startMs: ctx.node.clock.wallMs(0) },
    {
      pid: shellPid + 1 + (Math.floor(ctx.node.clock.now() / 1000) % 3000),
      ppid: shellPid,
      user: "root",
      cmd: `ps ${args}`.trim(),
      startMs: now,
    },
  ];
}

export async function runPs(ctx: CommandContext): Promise<CommandResult> {
  const args = ctx.args.join(" ").trim();
  const table = ctx.node.processes?.() ?? [];
  const all = [...table, ...ownProcesses(ctx, args)].sort((a, b) => a.pid - b.pid);
  const tty = (p: HostProcess) => (p.cmd === "-bash" || p.cmd.startsWith("ps") ? TTY : "?");
  if (args === "") {
    const rows = ownProcesses(ctx).map(
      (p) => `${String(p.pid).padStart(7)} ${TTY.padEnd(8)} 00:00:00 ${p.cmd === "-bash" ? "bash" : "ps"}`,
    );
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
    const rows = all.map(
      (p) =>
        `${p.user.padEnd(10)} ${String(p.pid).padStart(6)}  0.0  0.1 ${String(12_000 + (p.pid % 997) * 131).padStart(6)} ${String(4_000 + (p.pid % 613) * 17).padStart(5)} ${tty(p).padEnd(8)} ${(p.ppid === 1 ? "Ssl" : "S").padEnd(4)} ${hhmm(p.startMs)}   0:00 ${p.cmd}`,
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

/** The command name `ps -e` prints (first word's basename, 15 chars as the kernel's comm). */
function comm(cmd: string): string {
  const first = cmd.split(" ")[0];
  return first.slice(first.lastIndexOf("/") + 1).slice(0, 15);
}

export const psCommand: Command = {
  name: "ps",
  summary: "Report a snapshot of the node's processes (ps, ps -ef, ps aux)",
  run: runPs,
};
