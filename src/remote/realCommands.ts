// The shell with a real runtime attached: the same commands, except where the page cannot do what
// a node's root shell would. containerd is not a unit of this node (it runs on the backend's host),
// `sim advance` waits wall time, `sim fault` cannot break a real host, and `logs` first copies the
// newest lines of the real CRI log files into the node's files.
import type { CompletableCommand, Shell } from "../shell";
import { fail, ok } from "../shell";
import { parseDuration } from "../sim/clock/time";
import type { RealNode } from "./realNode";
import { sleepWall } from "./wallClockPump";

function mentionsContainerd(args: string[]): boolean {
  return args.some((a) => /^containerd(\.service)?$/.test(a));
}

function remoteNotice(real: RealNode): string {
  return `containerd is not a unit of this node: it runs on the backend's host, reached through ${real.describe()}.
Run systemctl / journalctl for containerd on that host (the backend notices when it stops and the kubelet reports it).`;
}

/** Wraps the registered command `name`; `around` decides per call whether to answer itself. */
function wrap(
  shell: Shell,
  name: string,
  around: (
    args: string[],
    inner: CompletableCommand,
    run: () => ReturnType<CompletableCommand["run"]>,
  ) => ReturnType<CompletableCommand["run"]>,
): void {
  const inner = shell.registry.get(name);
  if (!inner) return;
  shell.register({ ...inner, run: (ctx) => around(ctx.args, inner, () => inner.run(ctx)) });
}

export function installRealCommands(shell: Shell, real: RealNode): void {
  for (const name of ["systemctl", "service"]) {
    wrap(shell, name, async (args, _inner, run) => {
      if (!mentionsContainerd(args)) return run();
      // systemctl: 4 = "no such unit" (is-active / status of a unit this systemd does not have)
      return fail(remoteNotice(real), 4);
    });
  }
  wrap(shell, "journalctl", async (args, _inner, run) => {
    const units = args.flatMap((a, i) =>
      a === "-u" || a === "--unit" ? [args[i + 1] ?? ""] : a.startsWith("--unit=") ? [a.slice(7)] : [],
    );
    if (!units.some((u) => /^containerd(\.service)?$/.test(u))) return run();
    return fail(`-- No entries --\n${remoteNotice(real)}`, 1);
  });
  for (const name of ["kubectl", "crictl"]) {
    wrap(shell, name, async (args, _inner, run) => {
      if (args.includes("logs")) await real.mirror.syncLogs().catch(() => undefined);
      return run();
    });
  }
  wrap(shell, "sim", async (args, _inner, run) => {
    const [sub, ...rest] = args;
    if (sub === "advance" && rest.length === 1) {
      const ms = parseDuration(rest[0]);
      if (ms === undefined || ms < 0) return run(); // the usual error text
      // A real runtime cannot be fast-forwarded: wait the wall time while the pump moves the clock.
      await sleepWall(ms, real.pump);
      return ok("");
    }
    if (sub === "fault")
      return fail(
        `sim: faults act on the simulated runtime; this node drives a real one (${real.describe()}).
Break the real thing on that host instead, e.g. systemctl stop containerd.`,
      );
    return run();
  });
}
