// `help`: every registered command with its one-line summary (bash's own `help` lists builtins).
import type { CompletableCommand, Registry } from "./registry";
import { ok } from "./types";

export function helpCommand(registry: Registry): CompletableCommand {
  return {
    name: "help",
    summary: "list the commands this simulated node understands",
    async run() {
      const cmds = registry.list().filter((c) => !c.hidden);
      const w = Math.max(...cmds.map((c) => c.name.length)) + 2;
      const lines = cmds.map((c) => `  ${c.name.padEnd(w)}${c.summary}`);
      return ok(
        `Commands on this simulated node (k8s-node-sim):\n${lines.join("\n")}\n\n` +
          "Pipes (|), redirects (>, >>), && / || / ;, heredocs (<<EOF) and $(command) work as in bash.\n" +
          "edit FILE opens a node file in the editor panel. Try: kubectl --help, sim help\n",
      );
    },
  };
}
