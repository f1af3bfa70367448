// cri-tools cmd/crictl/container.go (inspect, containerStatus, outputContainerStatusTable) — no go-template.
import { ContainerState, type ContainerStatusResponse } from "../../sim/cri";
import { listContainers, listFilterFlags } from "./container";
import { flagBool, flagString } from "./flags";
import { goMapString, humanDuration, nanosToParts } from "./goFormat";
import { outputStatuses } from "./output";
import { containerStatusJson, statusData } from "./proto";
import { type CrictlRun, wrap } from "./runner";
import { printMap, showHelpCode } from "./sandbox";
import { resolveContainerId, type Verb } from "./verb";

const inspect: Verb = {
  name: "inspect",
  usage: "Display the status of one or more containers",
  argsUsage: "CONTAINER-ID [CONTAINER-ID...]",
  flags: [
    {
      name: "output",
      aliases: ["o"],
      kind: "string",
      usage: "Output format, One of: json|yaml|go-template|table",
    },
    { name: "quiet", aliases: ["q"], kind: "bool", usage: "Do not show verbose information" },
    {
      name: "template",
      kind: "string",
      usage:
        "The template string is only used when output is go-template; The Template format is golang template",
    },
    ...listFilterFlags,
  ],
  async run(r, p) {
    await r.connect();
    await r.connect("image");
    let ids = p.args;
    if (ids.length === 0) {
      try {
        ids = (await listContainers(r, p)).map((c) => c.id);
      } catch (e) {
        throw wrap("listing containers: list containers", e);
      }
      if (ids.length === 0) {
        r.logrus("ERRO", "No IDs provided or nothing found per filter");
        return showHelpCode;
      }
    }
    const output = flagString(p, "output") || "json";
    const verbose = !flagBool(p, "quiet");
    const statuses: unknown[] = [];
    for (const arg of ids) {
      const id = await resolveContainerId(r, arg);
      let resp: ContainerStatusResponse;
      try {
        resp = await r.rpc(
          r.node.runtimeService.containerStatus({ containerId: id, verbose }),
          "ContainerStatus from runtime service failed",
          [["containerID", id]],
        );
      } catch (e) {
        throw wrap("get the status of containers: get container status", e);
      }
      if (output === "table") {
        printStatusTable(r, resp, verbose);
        continue;
      }
      statuses.push(statusData(containerStatusJson(resp.status), verbose ? resp.info : undefined));
    }
    outputStatuses(r, statuses, output, flagString(p, "template"), "get the status of containers");
    return 0;
  },
};

function printStatusTable(r: CrictlRun, resp: ContainerStatusResponse, verbose: boolean): void {
  const s = resp.status;
  const ago = (ns: number) => `${humanDuration(r.nowMs() - nanosToParts(ns).ms)} ago`;
  r.println(`ID: ${s.id}`);
  if (s.metadata.name) r.println(`Name: ${s.metadata.name}`);
  if (s.metadata.attempt) r.println(`Attempt: ${s.metadata.attempt}`);
  r.println(`State: ${ContainerState[s.state]}`);
  r.println(`Created: ${ago(s.createdAt)}`);
  if (s.state !== ContainerState.CONTAINER_CREATED) r.println(`Started: ${ago(s.startedAt)}`);
  if (s.state === ContainerState.CONTAINER_EXITED) {
    if (s.finishedAt > 0) r.println(`Finished: ${ago(s.finishedAt)}`);
    r.println(`Exit Code: ${s.exitCode}`);
  }
  printMap(r, "Labels", s.labels);
  printMap(r, "Annotations", s.annotations);
  if (verbose) r.println(`Info: ${goMapString(resp.info)}`);
}

export const containerStatusVerbs: Verb[] = [inspect];
