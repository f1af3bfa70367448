// bash job control, simplified: `CMD &` runs CMD at once (commands here finish in one step) and prints
// `[N] PID`; a command that keeps serving afterwards (kubectl proxy) stays in the job table until
// `kill %N` / `kill PID` stops it. `jobs` lists what still runs. Finished background commands are
// dropped silently (bash would print `[N]+  Done …` at the next prompt).
import type { SimNode } from "../sim/node/types";
import { Output } from "./registry";
import type { Command, CommandContext, CommandResult } from "./types";

export interface BackgroundJob {
  job: number;
  pid: number;
  /** The command line as bash shows it in `jobs` (`kubectl proxy --port=8001 &`). */
  command: string;
  /** SIGTERM: the program stops serving. */
  stop(): void;
}

interface JobTable {
  running: BackgroundJob[];
  nextPid: number;
}

const tables = new WeakMap<SimNode, JobTable>();

function table(node: SimNode): JobTable {
  let t = tables.get(node);
  if (!t) {
    // the interactive shell's children get PIDs above the node's daemons
    t = { running: [], nextPid: 4100 };
    tables.set(node, t);
  }
  return t;
}

/** A new background job's number (bash: one past the highest running) and PID. */
export function allocateJob(node: SimNode): { job: number; pid: number } {
  const t = table(node);
  const job = t.running.reduce((m, j) => Math.max(m, j.job), 0) + 1;
  t.nextPid += 7;
  return { job, pid: t.nextPid };
}

/** A foreground program that keeps running gets a PID too (kubectl proxy waiting for Ctrl-C). */
export function allocatePid(node: SimNode): number {
  const t = table(node);
  t.nextPid += 7;
  return t.nextPid;
}

/** The program keeps running after its command returned. */
export function keepRunning(node: SimNode, job: BackgroundJob): void {
  table(node).running.push(job);
}

export function runningJobs(node: SimNode): readonly BackgroundJob[] {
  return table(node).running;
}

function remove(node: SimNode, j: BackgroundJob): void {
  const t = table(node);
  t.running = t.running.filter((x) => x !== j);
  j.stop();
}

/** `jobs [-l]`: `[1]+  Running                 kubectl proxy --port=8001 &`. */
function jobsCmd(ctx: CommandContext): CommandResult {
  const all = runningJobs(ctx.node);
  const long = ctx.args.includes("-l");
  const cur = all[all.length - 1];
  const prev = all[all.length - 2];
  const lines = all.map((j) => {
    const mark = j === cur ? "+" : j === prev ? "-" : " ";
    const pid = long ? ` ${j.pid}` : "";
    return `[${j.job}]${mark}${pid}  ${"Running".padEnd(24)}${j.command}\n`;
  });
  return { stdout: lines.join(""), stderr: "", code: 0 };
}

/** `kill [-SIG] %N|PID…`: ends the simulator's background programs. */
function killCmd(ctx: CommandContext): CommandResult {
  const out = new Output();
  const targets = ctx.args.filter((a) => !/^-(\w+|\d+)$/.test(a) && a !== "-s");
  if (ctx.args.length === 0) {
    out.err("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]");
    return out.result(2);
  }
  let code = 0;
  for (const t of targets) {
    const all = runningJobs(ctx.node);
    if (t.startsWith("%")) {
      const spec = t.slice(1);
      const j =
        spec === "" || spec === "%" || spec === "+"
          ? all[all.length - 1]
          : spec === "-"
            ? all[all.length - 2]
            : all.find((x) => String(x.job) === spec);
      if (!j) {
        out.err(`bash: kill: ${t}: no such job`);
        code = 1;
        continue;
      }
      remove(ctx.node, j);
      continue;
    }
    if (!/^\d+$/.test(t)) {
      out.err(`bash: kill: ${t}: arguments must be process or job IDs`);
      code = 1;
      continue;
    }
    const j = all.find((x) => x.pid === Number(t));
    if (j) {
      remove(ctx.node, j);
      continue;
    }
    const proc = ctx.node.processes?.().find((p) => p.pid === Number(t));
    if (proc) {
      // signalling the node's daemons is not modelled: systemctl stop/kill does that here
      out.err(
        `bash: kill: (${t}) - the simulator does not model signals to ${proc.cmd.split(" ")[0]}; use systemctl kill/stop`,
      );
      code = 1;
      continue;
    }
    out.err(`bash: kill: (${t}) - No such process`);
    code = 1;
  }
  return out.result(code);
}

export const jobCommands: Command[] = [
  { name: "jobs", summary: "Display status of jobs", run: async (ctx) => jobsCmd(ctx) },
  { name: "kill", summary: "Send a signal to a job", run: async (ctx) => killCmd(ctx) },
];
