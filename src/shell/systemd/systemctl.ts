// systemctl over the node's units (systemd 252, Debian 12): status, start, stop, restart, is-active, enable, ...
// Simplified: Tasks/Memory/CPU are plausible figures derived from uptime, not measured.
import type { Unit } from "../../sim/node/systemd";
import type { SimNode } from "../../sim/node/types";
import type { Command, CommandContext, CommandResult } from "../types";
import { journalLine, queryJournal, unitName } from "./journal";
import { systemdRelative, systemdTimespan, systemdTimestamp } from "./time";

interface UnitInfo {
  docs: string;
  dropIn?: { dir: string; files: string[] };
  /** Extra tasks per running container (containerd shims count in its cgroup on a real node: no, but close). */
  baseTasks: number;
  baseMemoryMb: number;
}

const UNIT_INFO: Record<string, UnitInfo> = {
  containerd: { docs: "https://containerd.io", baseTasks: 23, baseMemoryMb: 41.2 },
  crio: { docs: "https://github.com/cri-o/cri-o", baseTasks: 17, baseMemoryMb: 36.8 },
  docker: { docs: "https://docs.docker.com", baseTasks: 19, baseMemoryMb: 78.4 },
  "cri-docker": { docs: "https://docs.mirantis.com", baseTasks: 12, baseMemoryMb: 24.1 },
  kubelet: {
    docs: "https://kubernetes.io/docs/",
    dropIn: { dir: "/usr/lib/systemd/system/kubelet.service.d", files: ["10-kubeadm.conf"] },
    baseTasks: 14,
    baseMemoryMb: 38.6,
  },
};

const enabled = new WeakMap<Unit, boolean>();

function findUnit(node: SimNode, arg: string): Unit | undefined {
  const n = unitName(arg);
  // by the unit's own name: a CRI-O node has crio.service (and no containerd.service)
  return Object.values(node.units).find((u) => u.name === n);
}

/** Runtime units first, kubelet last: what `systemctl status` without a name shows here. */
function nodeUnits(node: SimNode): Unit[] {
  const seen = new Set<Unit>();
  const out: Unit[] = [];
  for (const u of Object.values(node.units))
    if (!seen.has(u) && u !== node.units.kubelet) {
      seen.add(u);
      out.push(u);
    }
  return [...out, node.units.kubelet];
}

/** The last PID the unit's process logged under (`containerd[812]`), for dead units. */
function lastPid(node: SimNode, unit: Unit): number | undefined {
  const entries = node.journal.query(unit.name);
  for (let i = entries.length - 1; i >= 0; i--) {
    const m = /^[^[]+\[(\d+)\]$/.exec(entries[i].ident);
    if (m && entries[i].ident !== "systemd[1]") return Number(m[1]);
  }
  return undefined;
}

function color(ctx: CommandContext, code: string, s: string): string {
  return ctx.color ? `\x1b[${code}m${s}\x1b[0m` : s;
}

export function statusBlock(ctx: CommandContext, unit: Unit): string {
  const node = ctx.node;
  const info = UNIT_INFO[unit.name] ?? { docs: "man:systemd.service(5)", baseTasks: 8, baseMemoryMb: 12 };
  const nowMs = node.clock.wallMs();
  const sinceMs = node.clock.wallMs(unit.since);
  const since = `since ${systemdTimestamp(sinceMs)}; ${systemdRelative(nowMs - sinceMs)}`;
  const isEnabled = enabled.get(unit) ?? unit.enabled;
  const exe = unit.execStart.split(" ")[0];
  const comm = exe.slice(exe.lastIndexOf("/") + 1);
  const result = unit.result.startsWith("status=9/") ? "signal" : "exit-code";
  const lines: string[] = [];
  const bullet =
    unit.state === "active"
      ? color(ctx, "0;1;32", "●")
      : unit.state === "failed"
        ? color(ctx, "0;1;31", "×")
        : unit.state === "activating"
          ? color(ctx, "0;1;32", "●")
          : "○";
  lines.push(`${bullet} ${unit.name}.service - ${unit.description}`);
  lines.push(
    `     Loaded: loaded (${unit.fragmentPath}; ${isEnabled ? "enabled" : "disabled"}; preset: enabled)`,
  );
  if (info.dropIn) {
    lines.push(`    Drop-In: ${info.dropIn.dir}`);
    for (const f of info.dropIn.files) lines.push(`             └─${f}`);
  }
  if (unit.state === "active")
    lines.push(`     Active: ${color(ctx, "0;1;32", "active (running)")} ${since}`);
  else if (unit.state === "failed")
    lines.push(`     Active: ${color(ctx, "0;1;31", `failed (Result: ${result})`)} ${since}`);
  else if (unit.state === "activating")
    lines.push(`     Active: activating (auto-restart) (Result: ${result}) ${since}`);
  else lines.push(`     Active: inactive (dead) ${since}`);
  lines.push(`       Docs: ${info.docs}`);
  const upMs = unit.state === "active" ? nowMs - sinceMs : 0;
  if (unit.state === "active") {
    lines.push(`   Main PID: ${unit.mainPid} (${comm})`);
    lines.push(`      Tasks: ${info.baseTasks}`);
    lines.push(`     Memory: ${(info.baseMemoryMb + Math.min(60, upMs / 600_000)).toFixed(1)}M`);
    lines.push(`        CPU: ${systemdTimespan(900 + upMs * 0.001)}`);
    lines.push(`     CGroup: /system.slice/${unit.name}.service`);
    // shims live in the runtime daemon's cgroup (it forked them; KillMode=process keeps them on stop)
    const procs = [
      { pid: unit.mainPid, cmd: unit.execStart },
      ...(node.processes?.() ?? []).filter((p) => p.unit === unit.name && p.pid !== unit.mainPid),
    ].sort((a, b) => a.pid - b.pid);
    const w = Math.max(...procs.map((p) => String(p.pid).length));
    for (const [i, p] of procs.entries())
      lines.push(
        `             ${i === procs.length - 1 ? "└─" : "├─"}${String(p.pid).padStart(procs.length > 1 ? w : 0)} ${p.cmd}`,
      );
  } else {
    const pid = lastPid(node, unit);
    const status =
      unit.state === "failed" || unit.state === "activating"
        ? unit.result.startsWith("status=9/")
          ? `code=killed, signal=${unit.result.slice("status=9/".length)}`
          : `code=exited, status=${unit.result.replace(/^status=/, "") || "1/FAILURE"}`
        : "code=exited, status=0/SUCCESS";
    if (pid !== undefined) {
      lines.push(`    Process: ${pid} ExecStart=${unit.execStart} (${status})`);
      lines.push(`   Main PID: ${pid} (${status})`);
    }
  }
  const journal = queryJournal(node, { units: [unit.name] });
  const tail = journal.slice(Math.max(0, journal.length - 10));
  if (tail.length > 0) {
    lines.push("");
    for (const e of tail) lines.push(journalLine(node, e));
  }
  return `${lines.join("\n")}\n`;
}

function notFound(verb: string, arg: string): CommandResult {
  const svc = arg.endsWith(".service") ? arg : `${arg}.service`;
  if (verb === "status") return { stdout: "", stderr: `Unit ${svc} could not be found.\n`, code: 4 };
  return { stdout: "", stderr: `Failed to ${verb} ${svc}: Unit ${svc} not found.\n`, code: 5 };
}

export async function runSystemctl(ctx: CommandContext): Promise<CommandResult> {
  const args = ctx.args.filter((a) => !a.startsWith("-"));
  const verb = args[0] ?? "list-units";
  const names = args.slice(1);
  const node = ctx.node;
  switch (verb) {
    case "status": {
      if (names.length === 0) names.push(...nodeUnits(node).map((u) => u.name));
      let out = "";
      let code = 0;
      for (const [i, n] of names.entries()) {
        const unit = findUnit(node, n);
        if (!unit) return notFound("status", n);
        out += (i > 0 ? "\n" : "") + statusBlock(ctx, unit);
        if (unit.state !== "active") code = 3;
      }
      return { stdout: out, stderr: "", code };
    }
    case "start":
    case "stop":
    case "restart":
    case "reload-or-restart":
    case "try-restart": {
      if (names.length === 0) return { stdout: "", stderr: "Too few arguments.\n", code: 1 };
      for (const n of names) {
        const unit = findUnit(node, n);
        if (!unit) return notFound(verb, n);
        if (verb === "stop") unit.stop();
        else if (verb === "start") unit.start();
        else if (verb !== "try-restart" || unit.state === "active") unit.restart();
        if (verb !== "stop" && unit.state === "failed") {
          return {
            stdout: "",
            stderr: `Job for ${unit.name}.service failed because the control process exited with error code.\nSee "systemctl status ${unit.name}.service" and "journalctl -xeu ${unit.name}.service" for details.\n`,
            code: 1,
          };
        }
      }
      return { stdout: "", stderr: "", code: 0 };
    }
    case "is-active":
    case "is-failed": {
      let out = "";
      let anyMatch = false;
      for (const n of names) {
        const unit = findUnit(node, n);
        const state = unit ? unit.state : "inactive";
        out += `${state}\n`;
        if (verb === "is-active" ? state === "active" : state === "failed") anyMatch = true;
      }
      return { stdout: out, stderr: "", code: anyMatch ? 0 : verb === "is-active" ? 3 : 1 };
    }
    case "is-enabled": {
      let out = "";
      for (const n of names) {
        const unit = findUnit(node, n);
        if (!unit)
          return {
            stdout: "",
            stderr: `Failed to get unit file state for ${n}.service: No such file or directory\n`,
            code: 1,
          };
        out += `${(enabled.get(unit) ?? unit.enabled) ? "enabled" : "disabled"}\n`;
      }
      return { stdout: out, stderr: "", code: 0 };
    }
    case "enable":
    case "disable": {
      let err = "";
      for (const n of names) {
        const unit = findUnit(node, n);
        if (!unit) return notFound(verb, n);
        const was = enabled.get(unit) ?? unit.enabled;
        if (verb === "enable" && !was) {
          err += `Created symlink /etc/systemd/system/multi-user.target.wants/${unit.name}.service → ${unit.fragmentPath}.\n`;
        }
        if (verb === "disable" && was)
          err += `Removed "/etc/systemd/system/multi-user.target.wants/${unit.name}.service".\n`;
        enabled.set(unit, verb === "enable");
        if (ctx.args.includes("--now")) {
          if (verb === "enable") unit.start();
          else unit.stop();
        }
      }
      return { stdout: "", stderr: err, code: 0 };
    }
    case "kill": {
      if (names.length === 0) return { stdout: "", stderr: "Too few arguments.\n", code: 1 };
      const signal = killSignal(ctx.args);
      if (signal === undefined)
        return { stdout: "", stderr: `Failed to parse signal string ${signalArg(ctx.args)}.\n`, code: 1 };
      // `-s KILL` / `--signal KILL`: the value is not a unit name
      const valueAt = ctx.args.findIndex((a) => a === "-s" || a === "--signal");
      const units = names.filter((n) => valueAt < 0 || n !== ctx.args[valueAt + 1]);
      for (const n of units) {
        const unit = findUnit(node, n);
        if (!unit) return notFound(verb, n);
        if (unit.state === "active") killUnit(node, unit, signal);
      }
      return { stdout: "", stderr: "", code: 0 };
    }
    case "daemon-reload":
    case "daemon-reexec":
      return { stdout: "", stderr: "", code: 0 };
    case "list-units": {
      const rows = nodeUnits(node).map((u) => {
        const n = u.name;
        const sub =
          u.state === "active"
            ? "running"
            : u.state === "activating"
              ? "auto-restart"
              : u.state === "failed"
                ? "failed"
                : "dead";
        return `  ${`${n}.service`.padEnd(20)} loaded ${u.state.padEnd(10)} ${sub.padEnd(12)} ${u.description}`;
      });
      return {
        stdout: `  UNIT                 LOAD   ACTIVE     SUB          DESCRIPTION\n${rows.join("\n")}\n`,
        stderr: "",
        code: 0,
      };
    }
    default:
      return { stdout: "", stderr: `Unknown command verb ${verb}.\n`, code: 1 };
  }
}

/** The `-s`/`--signal` value as given (default SIGTERM, as systemctl kill's). */
function signalArg(args: string[]): string {
  for (const [i, a] of args.entries()) {
    if (a === "-s" || a === "--signal") return args[i + 1] ?? "";
    if (a.startsWith("--signal=")) return a.slice("--signal=".length);
    if (a.startsWith("-s") && a.length > 2) return a.slice(2);
  }
  return "SIGTERM";
}

const SIGNALS: Record<string, string> = { "9": "KILL", "15": "TERM", "2": "INT", "1": "HUP" };

function killSignal(args: string[]): string | undefined {
  const raw = signalArg(args).toUpperCase().replace(/^SIG/, "");
  const name = SIGNALS[raw] ?? raw;
  return Object.values(SIGNALS).includes(name) ? name : undefined;
}

/**
 * `systemctl kill`: SIGKILL ends the daemon uncleanly (systemd records code=killed); SIGTERM/INT/HUP
 * make containerd and the kubelet shut down cleanly. Either way the unit's Restart=always brings it
 * back after RestartSec, unlike `systemctl stop`.
 */
function killUnit(node: SimNode, unit: Unit, signal: string): void {
  if (signal === "KILL") {
    unit.crash("KILL");
    return;
  }
  unit.stop();
  const stoppedAt = unit.since;
  if (unit.restartSecMs <= 0) return;
  node.clock.setTimer(
    unit.restartSecMs,
    () => {
      // a `systemctl start/stop` in between is the operator's decision: leave it
      if (unit.state !== "inactive" || unit.since !== stoppedAt) return;
      unit.restarts++;
      node.journal.append(
        unit.name,
        "systemd[1]",
        `${unit.name}.service: Scheduled restart job, restart counter is at ${unit.restarts}.`,
      );
      unit.start();
    },
    `systemd restart ${unit.name}`,
  );
}

export const systemctlCommand: Command = {
  name: "systemctl",
  summary: "Control the node's systemd units (containerd, kubelet)",
  run: runSystemctl,
};

/** `service containerd status` → systemctl status containerd. */
export const serviceCommand: Command = {
  name: "service",
  summary: "Run a System V init script (redirects to systemctl)",
  run: (ctx) => runSystemctl({ ...ctx, args: [ctx.args[1] ?? "status", ctx.args[0] ?? ""] }),
};
