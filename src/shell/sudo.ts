// sudo (1.9 on Debian 12): the terminal is root's already, so `sudo CMD` runs CMD as it is — what the
// docs' `sudo systemctl restart containerd` and `… | sudo tee FILE` need. Options that change nothing
// for root are accepted and dropped.
import type { CompletableCommand, Registry } from "./registry";
import { fail, ok } from "./types";

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]
            [-u user] [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] file ...`;

export function sudoCommand(registry: Registry): CompletableCommand {
  return {
    name: "sudo",
    summary: "run a command as root (this terminal is root already)",
    async run(ctx) {
      const args = [...ctx.args];
      let shell = false;
      while (args.length > 0 && args[0].startsWith("-")) {
        const a = args.shift()!;
        if (a === "--") break;
        if (a === "-u" || a === "-g") {
          const who = args.shift();
          if (who !== "root" && who !== "0" && who !== "#0")
            return fail(`k8s-node-sim: sudo ${a} ${who ?? ""}: only root is simulated`);
          continue;
        }
        if (/^-[EHnSkPiAB]+$/.test(a)) {
          if (/[i]/.test(a)) shell = true;
          continue;
        }
        if (a === "-s") {
          shell = true;
          continue;
        }
        return fail(`sudo: invalid option -- '${a.replace(/^-+/, "")[0]}'\n${USAGE}`);
      }
      if (args.length === 0) return shell ? ok("") : fail(USAGE);
      const [name, ...rest] = args;
      const cmd = registry.get(name);
      if (!cmd) return fail(`sudo: ${name}: command not found`);
      return cmd.run({ ...ctx, args: rest });
    },
  };
}
