// `edit FILE` (and nano, vi, vim): the browser terminal opens the node file in the editor panel, whose
// Save runs `cat > FILE <<'EOF'` through the shell (so it is recorded and replays). Headless there is
// no panel: the one-line answer says so and how to write the file instead.
import type { Command, CommandContext, CommandResult } from "../types";
import { resolvePath } from "./cwd";

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

function edit(ctx: CommandContext, name: string): CommandResult {
  const operands = ctx.args.filter((a) => !a.startsWith("-") || a === "-");
  if (operands.length === 0)
    return { stdout: "", stderr: `k8s-node-sim: ${name} FILE opens FILE in the editor panel\n`, code: 1 };
  const f = operands[0];
  const node = ctx.node;
  const path = resolvePath(node, f);
  // nano and vim both say this of a directory.
  if (node.fs.isDir(path) || path === "/") return { stdout: "", stderr: `"${f}" is a directory\n`, code: 1 };
  const parent = parentOf(path);
  if (parent !== "/" && !node.fs.isDir(parent))
    return {
      stdout: "",
      stderr: name.startsWith("vi")
        ? `"${f}" [New DIRECTORY]\n`
        : `Directory '${parentOf(f) || "/"}' does not exist\n`,
      code: 1,
    };
  const text = node.fs.read(path);
  return {
    stdout: `${name}: ${path} opens in the browser's editor panel (Save writes it); headless, write it with: cat > ${path} <<'EOF'\n`,
    stderr: "",
    code: 0,
    open: { path, text: text ?? "" },
  };
}

const editor = (name: string, summary: string): Command => ({
  name,
  summary,
  run: async (ctx) => edit(ctx, name),
});

export const editCommands: Command[] = [
  editor("edit", "Edit a node file in the editor panel (Save writes it back)"),
  editor("nano", "Text editor: opens the file in the editor panel"),
  editor("vi", "Text editor: opens the file in the editor panel"),
  editor("vim", "Text editor: opens the file in the editor panel"),
];
