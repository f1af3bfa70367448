// cri-tools cmd/crictl/sandbox.go — simplified: no go-template output, no `runp jsonschema`.
import {
  type PodSandbox,
  type PodSandboxFilter,
  PodSandboxState,
  type PodSandboxStatusResponse,
} from "../../sim/cri";
import { CRICTL_TABWRITER, tabwrite } from "../format/tabwriter";
import { loadPodSandboxConfig, uuidFrom } from "./config";
import { type FlagSpec, flagBool, flagInt, flagSlice, flagString, type ParsedFlags } from "./flags";
import { goMapString, goTimeString, humanDuration, nanosToParts, truncatedId } from "./goFormat";
import { outputProto, outputStatuses } from "./output";
import { podSandboxJson, podSandboxStatusJson, statusData } from "./proto";
import { CrictlFatal, type CrictlRun, GoLogFatal, wrap } from "./runner";
import { resolvePodId, type Verb } from "./verb";

export function parseLabels(ss: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const s of ss) {
    const pair = s.split("=");
    if (pair.length !== 2) throw new CrictlFatal(`incorrectly specified label: ${s}`);
    labels[pair[0]] = pair[1];
  }
  return labels;
}

export function compileRegex(pattern: string): RegExp | undefined {
  if (pattern === "") return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    throw new CrictlFatal(`invalid regular expression "${pattern}"`);
  }
}

/** "5 minutes ago" from a CRI nanosecond timestamp. */
export function createdAgo(r: CrictlRun, createdAtNs: number): string {
  return `${humanDuration(r.nowMs() - nanosToParts(createdAtNs).ms)} ago`;
}

/** `Labels:` then `\tk -> v` lines, sorted; nothing when the map is empty (nil after the gRPC round trip). */
export function printMap(r: CrictlRun, title: string, m: Record<string, string> | undefined): void {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return;
  r.println(`${title}:`);
  for (const k of keys) r.println(`\t${k} -> ${m?.[k]}`);
}

function podState(s: PodSandboxState): string {
  return s === PodSandboxState.SANDBOX_READY ? "Ready" : "NotReady";
}

const filterFlags: FlagSpec[] = [
  { name: "name", kind: "string", usage: "Filter by pod name regular expression pattern" },
  { name: "namespace", kind: "string", usage: "Filter by pod namespace regular expression pattern" },
  { name: "state", aliases: ["s"], kind: "string", usage: "Filter by pod state" },
  { name: "label", kind: "slice", usage: "Filter by key=value label" },
  { name: "latest", aliases: ["l"], kind: "bool", usage: "Show the most recently created pod" },
  {
    name: "last",
    aliases: ["n"],
    kind: "int",
    usage: "Show last n recently created pods. Set 0 for unlimited",
    value: 0,
  },
];

async function listPods(r: CrictlRun, p: ParsedFlags, id = ""): Promise<PodSandbox[]> {
  const filter: PodSandboxFilter = {};
  if (id) filter.id = await resolvePodId(r, id);
  const state = flagString(p, "state");
  if (state) {
    const s = state.toLowerCase();
    if (s === "ready") filter.state = { state: PodSandboxState.SANDBOX_READY };
    else if (s === "notready") filter.state = { state: PodSandboxState.SANDBOX_NOTREADY };
    else throw new GoLogFatal("--state should be ready or notready");
  }
  const labels = parseLabels(flagSlice(p, "label"));
  if (Object.keys(labels).length > 0) filter.labelSelector = labels;
  let items: PodSandbox[];
  try {
    ({ items } = await r.rpc(r.node.runtimeService.listPodSandbox({ filter })));
  } catch (e) {
    throw wrap("call list sandboxes RPC", e);
  }
  const nameRe = compileRegex(flagString(p, "name"));
  const nsRe = compileRegex(flagString(p, "namespace"));
  const filtered = items
    .filter((x) => (!nameRe || nameRe.test(x.metadata.name)) && (!nsRe || nsRe.test(x.metadata.namespace)))
    .sort((a, b) => b.createdAt - a.createdAt); // sandboxByCreated: newest first
  let n = filtered.length;
  if (flagBool(p, "latest")) n = 1;
  const last = flagInt(p, "last");
  if (last > 0) n = last;
  return filtered.slice(0, Math.min(n, filtered.length));
}

const pods: Verb = {
  name: "pods",
  usage: "List pods",
  flags: [
    { name: "id", kind: "string", usage: "filter by pod id" },
    ...filterFlags,
    { name: "verbose", aliases: ["v"], kind: "bool", usage: "Show verbose info for pods" },
    { name: "quiet", aliases: ["q"], kind: "bool", usage: "List only pod IDs" },
    {
      name: "output",
      aliases: ["o"],
      kind: "string",
      usage: "Output format, One of: json|yaml|table",
      value: "table",
    },
    { name: "no-trunc", kind: "bool", usage: "Show output without truncating the ID" },
  ],
  async run(r, p) {
    await r.connect();
    let list: PodSandbox[];
    try {
      list = await listPods(r, p, flagString(p, "id"));
    } catch (e) {
      throw e instanceof GoLogFatal || (e instanceof CrictlFatal && !e.message.startsWith("call"))
        ? e
        : wrap("listing pod sandboxes: list pod sandboxes", e);
    }
    const output = flagString(p, "output", "table");
    if (output === "json" || output === "yaml") {
      outputProto(r, { items: list.map(podSandboxJson) }, output);
      return 0;
    }
    if (output !== "table")
      throw new CrictlFatal(`listing pod sandboxes: unsupported output format "${output}"`);
    const quiet = flagBool(p, "quiet");
    if (quiet) {
      for (const x of list) r.println(x.id);
      return 0;
    }
    if (flagBool(p, "verbose")) {
      for (const x of list) {
        r.println(`ID: ${x.id}`);
        r.println(`Name: ${x.metadata.name}`);
        if (x.metadata.uid) r.println(`UID: ${x.metadata.uid}`);
        r.println(`Namespace: ${x.metadata.namespace}`);
        if (x.metadata.attempt) r.println(`Attempt: ${x.metadata.attempt}`);
        r.println(`Status: ${podState(x.state)}`);
        r.println(`Created: ${goTimeString(x.createdAt)}`);
        printMap(r, "Labels", x.labels);
        printMap(r, "Annotations", x.annotations);
        r.println(`Runtime: ${x.runtimeHandler || "(default)"}`);
        r.println();
      }
      return 0;
    }
    const noTrunc = flagBool(p, "no-trunc");
    const rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
    for (const x of list) {
      rows.push([
        noTrunc ? x.id : truncatedId(x.id),
        createdAgo(r, x.createdAt),
        podState(x.state),
        x.metadata.name,
        x.metadata.namespace,
        String(x.metadata.attempt),
        x.runtimeHandler || "(default)",
      ]);
    }
    r.print(tabwrite(rows, CRICTL_TABWRITER));
    return 0;
  },
};

const runp: Verb = {
  name: "runp",
  usage: "Run a new pod",
  argsUsage: "pod-config.[json|yaml]",
  flags: [
    {
      name: "runtime",
      aliases: ["r"],
      kind: "string",
      usage: "Runtime handler to use. Available options are defined by the container runtime.",
    },
    {
      name: "cancel-timeout",
      aliases: ["T"],
      kind: "string",
      usage: "Seconds to wait for a run pod sandbox request to complete before cancelling the request",
      value: "0s",
    },
  ],
  async run(r, p) {
    if (p.args.length !== 1) return showHelpCode;
    await r.connect();
    let config: ReturnType<typeof loadPodSandboxConfig>;
    try {
      config = loadPodSandboxConfig(
        r.node,
        p.args[0],
        () => uuidFrom(r.node.rng),
        (m) => r.logrus("WARN", m),
      );
    } catch (e) {
      throw wrap("load podSandboxConfig", e);
    }
    const runtimeHandler = flagString(p, "runtime");
    try {
      const { podSandboxId } = await r.rpc(
        r.node.runtimeService.runPodSandbox({ config, runtimeHandler }),
        "RunPodSandbox from runtime service failed",
      );
      r.println(podSandboxId);
    } catch (e) {
      throw wrap("run pod sandbox", e);
    }
    return 0;
  },
};

const stopp: Verb = {
  name: "stopp",
  usage: "Stop one or more running pods",
  argsUsage: "POD-ID [POD-ID...]",
  flags: [],
  async run(r, p) {
    if (p.args.length === 0) return showHelpCode;
    await r.connect();
    for (const arg of p.args) {
      const id = await resolvePodId(r, arg);
      try {
        await r.rpc(
          r.node.runtimeService.stopPodSandbox({ podSandboxId: id }),
          "StopPodSandbox from runtime service failed",
          [["podSandboxID", id]],
        );
      } catch (e) {
        throw wrap(`stopping the pod sandbox "${arg}"`, e);
      }
      r.println(`Stopped sandbox ${arg}`);
    }
    return 0;
  },
};

const rmp: Verb = {
  name: "rmp",
  usage: "Remove one or more pods",
  argsUsage: "POD-ID [POD-ID...]",
  flags: [
    {
      name: "force",
      aliases: ["f"],
      kind: "bool",
      usage: "Force removal of the pod sandbox, disregarding if running",
    },
    { name: "all", aliases: ["a"], kind: "bool", usage: "Remove all pods" },
  ],
  async run(r, p) {
    await r.connect();
    let ids = p.args;
    if (flagBool(p, "all")) {
      const { items } = await r.rpc(r.node.runtimeService.listPodSandbox({}));
      ids = items.map((x) => x.id);
      if (ids.length === 0) {
        r.logrus("INFO", "No pods to remove");
        return 0;
      }
    }
    if (ids.length === 0) return showHelpCode;
    const errors: string[] = [];
    for (const arg of ids) {
      const id = await resolvePodId(r, arg);
      try {
        let status: PodSandboxStatusResponse;
        try {
          status = await r.rpc(
            r.node.runtimeService.podSandboxStatus({ podSandboxId: id }),
            "PodSandboxStatus from runtime service failed",
            [["podSandboxID", id]],
          );
        } catch (e) {
          throw wrap(`getting sandbox status of pod "${arg}"`, e);
        }
        if (status.status.state === PodSandboxState.SANDBOX_READY) {
          if (!flagBool(p, "force"))
            throw new CrictlFatal(`pod sandbox "${arg}" is running, please stop it first`);
          try {
            await r.rpc(r.node.runtimeService.stopPodSandbox({ podSandboxId: id }));
          } catch (e) {
            throw wrap(`stopping the pod sandbox "${arg}" failed`, e);
          }
          r.println(`Stopped sandbox ${arg}`);
        }
        try {
          await r.rpc(
            r.node.runtimeService.removePodSandbox({ podSandboxId: id }),
            "RemovePodSandbox from runtime service failed",
            [["podSandboxID", id]],
          );
        } catch (e) {
          throw wrap(`removing the pod sandbox "${arg}"`, e);
        }
        r.println(`Removed sandbox ${arg}`);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (errors.length === 1) throw new CrictlFatal(errors[0]);
    if (errors.length > 1) throw new CrictlFatal(`[${errors.join(", ")}]`);
    return 0;
  },
};

const inspectp: Verb = {
  name: "inspectp",
  usage: "Display the status of one or more pods",
  argsUsage: "POD-ID [POD-ID...]",
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
    ...filterFlags,
  ],
  async run(r, p) {
    await r.connect();
    let ids = p.args;
    if (ids.length === 0) {
      ids = (await listPods(r, p)).map((x) => x.id);
      if (ids.length === 0) {
        r.logrus("ERRO", "No IDs provided or nothing found per filter");
        return showHelpCode;
      }
    }
    const output = flagString(p, "output") || "json";
    const verbose = !flagBool(p, "quiet");
    const statuses: unknown[] = [];
    for (const arg of ids) {
      const id = await resolvePodId(r, arg);
      let resp: PodSandboxStatusResponse;
      try {
        resp = await r.rpc(
          r.node.runtimeService.podSandboxStatus({ podSandboxId: id, verbose }),
          "PodSandboxStatus from runtime service failed",
          [["podSandboxID", id]],
        );
      } catch (e) {
        throw wrap("get the status of pod sandboxes: get pod sandbox status", e);
      }
      if (output === "table") {
        const s = resp.status;
        r.println(`ID: ${s.id}`);
        if (s.metadata.name) r.println(`Name: ${s.metadata.name}`);
        if (s.metadata.uid) r.println(`UID: ${s.metadata.uid}`);
        if (s.metadata.namespace) r.println(`Namespace: ${s.metadata.namespace}`);
        r.println(`Attempt: ${s.metadata.attempt}`);
        r.println(`Status: ${PodSandboxState[s.state]}`);
        r.println(`Created: ${goTimeString(s.createdAt)}`);
        if (s.network) {
          r.println(`IP Addresses: ${s.network.ip}`);
          for (const ip of s.network.additionalIps ?? []) r.println(`Additional IP: ${ip.ip}`);
        }
        printMap(r, "Labels", s.labels);
        printMap(r, "Annotations", s.annotations);
        if (verbose) r.println(`Info: ${goMapString(resp.info)}`);
        continue;
      }
      statuses.push(statusData(podSandboxStatusJson(resp.status), verbose ? resp.info : undefined));
    }
    outputStatuses(r, statuses, output, flagString(p, "template"), "get the status of pod sandboxes");
    return 0;
  },
};

/** A verb returns this to ask main to print its help (cli.ShowSubcommandHelp) with exit status 0. */
export const showHelpCode = -1;

export const sandboxVerbs: Verb[] = [pods, runp, stopp, rmp, inspectp];
