// The docker CLI on a Docker node (docker/cli `docker ps`): the kubelet's containers as dockerd sees
// them, k8s_-prefixed names and all. Only on the docker and cri-dockerd flavours.
import { humanDuration } from "../crictl/goFormat";
import { tabwrite } from "../format/tabwriter";
import type { Command, CommandContext, CommandResult } from "../types";

const DOWN =
  "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n";

/** docker/cli stringutils.Ellipsis: longer than max runes → first max-1 and "…". */
function ellipsis(s: string, max: number): string {
  const r = [...s];
  return r.length <= max ? s : `${r.slice(0, max - 1).join("")}…`;
}

function ps(ctx: CommandContext, flags: Set<string>): CommandResult {
  const rows = ctx.node.dockerContainers?.();
  if (!rows) return { stdout: "", stderr: DOWN, code: 1 };
  const now = ctx.node.clock.wallMs();
  const all = flags.has("a") || flags.has("all");
  const noTrunc = flags.has("no-trunc");
  const shown = rows.filter((r) => all || r.state === "running");
  if (flags.has("q") || flags.has("quiet"))
    return {
      stdout: shown.map((r) => `${noTrunc ? r.id : r.id.slice(0, 12)}\n`).join(""),
      stderr: "",
      code: 0,
    };
  const table = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]];
  for (const r of shown) {
    const status =
      r.state === "running"
        ? `Up ${humanDuration(now - r.started)}`
        : r.state === "created"
          ? "Created"
          : `Exited (${r.exitCode}) ${humanDuration(now - r.finished)} ago`;
    table.push([
      noTrunc ? r.id : r.id.slice(0, 12),
      r.image,
      `"${noTrunc ? r.command : ellipsis(r.command, 20)}"`,
      `${humanDuration(now - r.created)} ago`,
      status,
      "",
      r.name,
    ]);
  }
  // docker/cli formatter: tabwriter minwidth 10, padding 3
  return { stdout: tabwrite(table, { minwidth: 10, padding: 3 }), stderr: "", code: 0 };
}

async function runDocker(ctx: CommandContext): Promise<CommandResult> {
  const [sub, ...rest] = ctx.args;
  const flags = new Set<string>();
  for (const a of rest) {
    if (a.startsWith("--")) flags.add(a.slice(2));
    else if (a.startsWith("-")) for (const ch of a.slice(1)) flags.add(ch);
  }
  switch (sub) {
    case "ps":
      return ps(ctx, flags);
    case "container":
      if (rest[0] === "ls" || rest[0] === "list") return ps(ctx, flags);
      break;
    case undefined:
      return {
        stdout: "",
        stderr:
          "Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nThis node simulates: docker ps [-a] [-q] [--no-trunc]\n",
        code: 1,
      };
  }
  return {
    stdout: "",
    stderr: `docker: unknown command: docker ${sub}\n\nRun 'docker --help' for more information\n`,
    code: 1,
  };
}

export const dockerCommand: Command = {
  name: "docker",
  summary: "Docker CLI (docker ps) — on Docker nodes",
  run: runDocker,
};
