// The simulator's own controls (no real-world twin): move virtual time, read the trace of hops
// across the node's seams, inject faults, reseed/reset through the Simulation's hook.
import { goDuration, parseDuration, rfc3339 } from "../../sim/clock/time";
import type { Faults } from "../../sim/node/types";
import { formatTraceEvent } from "../../sim/trace";
import { parseQuantity } from "../format/quantity";
import type { CompletableCommand } from "../registry";
import { type CommandContext, type CommandResult, fail, ok } from "../types";

export interface SimHooks {
  onReset?(seed?: number): void;
  /** `sim runtime <flavour>`: rebuild the node with another runtime; returns what to print, or an error. */
  onRuntime?(flavour: string): { ok: string } | { error: string };
  /** The node's current flavour and the choices, for `sim runtime` without arguments. */
  runtimes?(): { current: string; choices: { name: string; title: string }[] };
}

interface FaultSpec {
  usage: string;
  help: string;
  apply(f: Faults, args: string[]): string | undefined;
}

const need = (args: string[], n: number, usage: string) =>
  args.length < n ? `sim: usage: sim fault ${usage}` : undefined;

const FAULTS: Record<string, FaultSpec> = {
  "registry-down": {
    usage: "registry-down [host]",
    help: "registry stops answering",
    apply: (f, a) => void f.registryDown(a[0]),
  },
  "registry-up": {
    usage: "registry-up [host]",
    help: "registry answers again",
    apply: (f, a) => void f.registryUp(a[0]),
  },
  "registry-slow": {
    usage: "registry-slow <ms-per-MB> [host]",
    help: "add pull latency",
    apply(f, a) {
      const err = need(a, 1, this.usage);
      if (err) return err;
      const n = Number(a[0]);
      if (!Number.isFinite(n) || n < 0) return `sim: invalid latency "${a[0]}"`;
      f.registrySlow(n, a[1]);
    },
  },
  "rate-limit": {
    usage: "rate-limit on|off",
    help: "Docker Hub style 429 toomanyrequests",
    apply(f, a) {
      if (a[0] !== "on" && a[0] !== "off") return `sim: usage: sim fault ${this.usage}`;
      f.registryRateLimit(a[0] === "on");
    },
  },
  "remove-image": {
    usage: "remove-image <ref>",
    help: "delete an image behind the kubelet's back",
    apply(f, a) {
      return need(a, 1, this.usage) ?? void f.removeImage(a[0]);
    },
  },
  "stop-containerd": {
    usage: "stop-containerd",
    help: "containerd stops (systemctl stop)",
    apply: (f) => void f.stopContainerd(),
  },
  "crash-containerd": {
    usage: "crash-containerd",
    help: "containerd dies (SIGKILL)",
    apply: (f) => void f.crashContainerd(),
  },
  "fill-disk": {
    usage: "fill-disk <percent>",
    help: "fill the image filesystem with unused images",
    apply(f, a) {
      const err = need(a, 1, this.usage);
      if (err) return err;
      const p = Number(a[0].replace(/%$/, ""));
      if (!Number.isFinite(p) || p < 0 || p > 100) return `sim: invalid percent "${a[0]}"`;
      f.fillDisk(p);
    },
  },
  "crash-container": {
    usage: "crash-container <id|name> [exit-code]",
    help: "the container's process exits",
    apply(f, a) {
      const err = need(a, 1, this.usage);
      if (err) return err;
      const code = a[1] === undefined ? undefined : Number(a[1]);
      if (code !== undefined && !Number.isInteger(code)) return `sim: invalid exit code "${a[1]}"`;
      f.crashContainer(a[0], code);
    },
  },
  "hang-container": {
    usage: "hang-container <id|name>",
    help: "the container stops answering probes",
    apply(f, a) {
      return need(a, 1, this.usage) ?? void f.hangContainer(a[0]);
    },
  },
  "memory-pressure": {
    usage: "memory-pressure <bytes|1Gi>",
    help: "memory in use outside pods",
    apply(f, a) {
      const err = need(a, 1, this.usage);
      if (err) return err;
      const b = parseQuantity(a[0]);
      if (!Number.isFinite(b) || b < 0) return `sim: invalid quantity "${a[0]}"`;
      f.memoryPressure(b);
    },
  },
};

const DEFAULT_TRACE_LINES = 50;

const HELP = `sim — control the simulation (not a real node command)

  sim advance <duration>      move virtual time forward (30s, 1m30s, 500ms, 2h)
  sim time                    show virtual time
  sim trace [--since ID] [--last N]
                              hops across the node's seams, one per line
                              (default: the last ${DEFAULT_TRACE_LINES})
  sim fault <name> [args]     inject a fault; names:
${Object.entries(FAULTS)
  .map(([, s]) => `      ${s.usage.padEnd(38)}${s.help}`)
  .join("\n")}
  sim runtime [<name>]        show, or rebuild the node with, another container runtime:
                              containerd, crio, docker (dockershim, Kubernetes 1.23),
                              cri-dockerd (Docker Engine behind cri-dockerd)
  sim upgrade <version>       upgrade the kubelet (kubeadm upgrade node) and restart it
  sim seed <n>                restart the simulation with seed n
  sim reset                   restart the simulation
  sim help                    this text
`;

async function runSim(ctx: CommandContext, hooks: SimHooks): Promise<CommandResult> {
  const [sub, ...args] = ctx.args;
  const { node } = ctx;
  switch (sub) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      return ok(HELP);
    case "advance": {
      if (args.length !== 1) return fail("sim: usage: sim advance <duration> (e.g. 30s, 1m30s, 500ms)");
      const ms = parseDuration(args[0]);
      if (ms === undefined || ms < 0)
        return fail(`sim: invalid duration "${args[0]}" (try 30s, 1m30s, 500ms)`);
      node.clock.advance(ms);
      return ok("");
    }
    case "time": {
      const t = node.clock.now();
      return ok(`${goDuration(Math.floor(t))} since start (${rfc3339(node.clock.wallMs(t))})\n`);
    }
    case "trace": {
      let since = 0;
      // Without flags, the most recent hops: the whole log can hold 200,000 events.
      let last: number | undefined = args.length === 0 ? DEFAULT_TRACE_LINES : undefined;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        const [flag, inline] = a.includes("=") ? a.split("=", 2) : [a, undefined];
        const val = inline ?? args[++i];
        if ((flag !== "--since" && flag !== "--last") || val === undefined || !/^\d+$/.test(val)) {
          return fail("sim: usage: sim trace [--since ID] [--last N]");
        }
        if (flag === "--since") since = Number(val);
        else last = Number(val);
      }
      let evs = node.trace.since(since);
      if (last !== undefined) evs = last === 0 ? [] : evs.slice(-last);
      return ok(evs.map((e) => `${formatTraceEvent(e)}\n`).join(""));
    }
    case "fault": {
      const [name, ...rest] = args;
      const spec = name ? FAULTS[name] : undefined;
      if (!spec) return fail(`sim: unknown fault "${name ?? ""}"; one of: ${Object.keys(FAULTS).join(", ")}`);
      const err = spec.apply(node.faults, rest);
      return err ? fail(err) : ok("");
    }
    case "seed": {
      const n = Number(args[0]);
      if (args.length !== 1 || !Number.isInteger(n)) return fail("sim: usage: sim seed <integer>");
      if (!hooks.onReset) return fail("sim: seed is not available in this session");
      hooks.onReset(n);
      return ok("");
    }
    case "runtime": {
      if (!hooks.onRuntime || !hooks.runtimes) return fail("sim: runtime is not available in this session");
      const { current, choices } = hooks.runtimes();
      if (args.length === 0)
        return ok(
          choices.map((c) => `${c.name === current ? "*" : " "} ${c.name.padEnd(12)} ${c.title}\n`).join(""),
        );
      if (args.length !== 1) return fail(`sim: usage: sim runtime <${choices.map((c) => c.name).join("|")}>`);
      const r = hooks.onRuntime(args[0]);
      return "error" in r ? fail(r.error) : ok(r.ok);
    }
    case "upgrade": {
      if (args.length !== 1) return fail("sim: usage: sim upgrade <kubelet version, e.g. v1.24.17>");
      if (!node.upgradeKubelet) return fail("sim: upgrade is not available in this session");
      const err = node.upgradeKubelet(args[0]);
      return err ? fail(err) : ok("");
    }
    case "reset":
      if (!hooks.onReset) return fail("sim: reset is not available in this session");
      hooks.onReset();
      return ok("");
    default:
      return fail(`sim: unknown command "${sub}"; try 'sim help'`);
  }
}

export function simCommand(hooks: SimHooks = {}): CompletableCommand {
  return {
    name: "sim",
    summary: "control the simulation: advance time, trace, faults, reset",
    run: (ctx) => runSim(ctx, hooks),
    complete({ words }) {
      if (words.length === 0)
        return ["advance", "time", "trace", "fault", "runtime", "upgrade", "seed", "reset", "help"];
      if (words[0] === "fault" && words.length === 1) return Object.keys(FAULTS);
      if (words[0] === "runtime" && words.length === 1)
        return hooks.runtimes?.().choices.map((c) => c.name) ?? [];
      if (words[0] === "trace") return ["--since", "--last"];
      return [];
    },
  };
}
