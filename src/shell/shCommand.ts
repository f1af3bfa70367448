// `sh -c 'CMD'` / `bash -c 'CMD'` on the node (dash / bash on Debian 12): the script runs in a subshell
// of this terminal — what `sudo sh -c "echo … > /mnt/data/index.html"` needs for its redirect.
import type { CompletableCommand } from "./registry";
import type { CommandResult } from "./types";
import { fail, ok } from "./types";

export interface Subshell {
  /** Run a script in a subshell (its variables stay inside); stdout and stderr as written. */
  subshell(script: string, args: string[], env?: Readonly<Record<string, string>>): Promise<CommandResult>;
}

export function shCommand(name: "sh" | "bash", shell: Subshell): CompletableCommand {
  return {
    name,
    summary: `run a script (${name} -c 'commands')`,
    async run(ctx) {
      const args = [...ctx.args];
      if (args[0] === "-c") {
        if (args.length < 2)
          return fail(
            name === "sh" ? "sh: 0: -c requires an argument" : "bash: -c: option requires an argument",
            2,
          );
        return shell.subshell(args[1], args.slice(2), ctx.env);
      }
      if (args.length === 0) return ctx.stdin ? shell.subshell(ctx.stdin, []) : ok("");
      const script = args[0];
      const text = ctx.node.fs.read(script.startsWith("/") ? script : `/root/${script}`);
      if (text === undefined)
        return fail(
          name === "sh"
            ? `sh: 0: cannot open ${script}: No such file`
            : `bash: ${script}: No such file or directory`,
          name === "sh" ? 2 : 127,
        );
      return shell.subshell(text, args.slice(1));
    },
  };
}
