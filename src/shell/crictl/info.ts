// cri-tools cmd/crictl/version.go, info.go (runtime status) and container_stats.go.
import { Deferred } from "../../sim/task";
import { CRICTL_TABWRITER, tabwrite } from "../format/tabwriter";
import { flagBool, flagSlice, flagString } from "./flags";
import { humanSize, truncatedId } from "./goFormat";
import { outputProto, outputStatuses } from "./output";
import { statusData } from "./proto";
import { CrictlFatal, wrap } from "./runner";
import { parseLabels } from "./sandbox";
import { resolveContainerId, resolvePodId, type Verb } from "./verb";

const version: Verb = {
  name: "version",
  usage: "Display runtime version information",
  flags: [],
  async run(r) {
    await r.connect();
    let v: Awaited<ReturnType<typeof r.rpc<import("../../sim/cri").VersionResponse>>>;
    try {
      v = await r.rpc(
        r.node.runtimeService.version({ version: "0.1.0" }),
        "Version from runtime service failed",
      );
    } catch (e) {
      throw wrap("get the runtime version", e);
    }
    r.println(`Version:  ${v.version}`);
    r.println(`RuntimeName:  ${v.runtimeName}`);
    r.println(`RuntimeVersion:  ${v.runtimeVersion}`);
    r.println(`RuntimeApiVersion:  ${v.runtimeApiVersion}`);
    return 0;
  },
};

const info: Verb = {
  name: "info",
  usage: "Display information of the container runtime",
  flags: [
    {
      name: "output",
      aliases: ["o"],
      kind: "string",
      usage: "Output format, One of: json|yaml|go-template",
      value: "json",
    },
    { name: "quiet", aliases: ["q"], kind: "bool", usage: "Do not show verbose information" },
    {
      name: "template",
      kind: "string",
      usage:
        "The template string is only used when output is go-template; The Template format is golang template",
    },
  ],
  async run(r, p) {
    await r.connect();
    const verbose = !flagBool(p, "quiet");
    let st: Awaited<ReturnType<typeof r.rpc<import("../../sim/cri").StatusResponse>>>;
    try {
      st = await r.rpc(r.node.runtimeService.status({ verbose }), "Status from runtime service failed");
    } catch (e) {
      throw wrap("get status from runtime service", e);
    }
    const status = {
      conditions: st.status.conditions.map((c) => ({
        type: c.type,
        status: c.status,
        reason: c.reason,
        message: c.message,
      })),
    };
    const extra: Record<string, unknown> = {};
    if (st.runtimeHandlers) {
      extra.runtimeHandlers = st.runtimeHandlers.map((h) => ({
        name: h.name,
        features: {
          recursiveReadOnlyMounts: h.features?.recursiveReadOnlyMounts ?? false,
          userNamespaces: h.features?.userNamespaces ?? false,
        },
      }));
    }
    if (st.features)
      extra.features = { supplementalGroupsPolicy: st.features.supplementalGroupsPolicy ?? false };
    outputStatuses(
      r,
      [statusData(status, verbose ? st.info : undefined, extra)],
      flagString(p, "output", "json"),
    );
    return 0;
  },
};

const stats: Verb = {
  name: "stats",
  usage: "List container(s) resource usage statistics",
  argsUsage: "[ID]",
  flags: [
    { name: "all", aliases: ["a"], kind: "bool", usage: "Show all containers (default shows just running)" },
    { name: "id", kind: "string", usage: "Filter by container id" },
    { name: "pod", aliases: ["p"], kind: "string", usage: "Filter by pod id" },
    { name: "label", kind: "slice", usage: "Filter by key=value label" },
    { name: "output", aliases: ["o"], kind: "string", usage: "Output format, One of: json|yaml|table" },
    {
      name: "seconds",
      aliases: ["s"],
      kind: "int",
      usage: "Sample duration for CPU usage in seconds",
      value: 1,
    },
    { name: "watch", aliases: ["w"], kind: "bool", usage: "Watch pod resources" },
  ],
  async run(r, p) {
    await r.connect();
    const filter: { id?: string; podSandboxId?: string; labelSelector?: Record<string, string> } = {};
    const id = p.args[0] ?? flagString(p, "id");
    if (id) filter.id = await resolveContainerId(r, id);
    const pod = flagString(p, "pod");
    if (pod) filter.podSandboxId = await resolvePodId(r, pod);
    const labels = parseLabels(flagSlice(p, "label"));
    if (Object.keys(labels).length > 0) filter.labelSelector = labels;
    const get = async () => {
      try {
        const { stats: s } = await r.rpc(r.node.runtimeService.listContainerStats({ filter }));
        return [...s].sort((a, b) => (a.attributes.id < b.attributes.id ? -1 : 1));
      } catch (e) {
        throw wrap("get container stats", e);
      }
    };
    const first = await get();
    const output = flagString(p, "output");
    if (output === "json" || output === "yaml") {
      outputProto(r, { stats: first }, output);
      return 0;
    }
    if (output !== "" && output !== "table") throw new CrictlFatal(`unsupported output format "${output}"`);
    // crictl samples twice, `--seconds` apart, to compute CPU %: the virtual clock moves on meanwhile.
    const wait = new Deferred<void>();
    const secs = Number.parseInt(flagString(p, "seconds", "1"), 10) || 1;
    r.node.clock.setTimer(secs * 1000, () => wait.resolve(), "crictl stats sample");
    await r.node.settle(wait);
    const second = await get();
    const old = new Map(first.map((s) => [s.attributes.id, s]));
    const rows = [["CONTAINER", "NAME", "CPU %", "MEM", "DISK", "INODES", "SWAP"]];
    for (const s of second) {
      const cpu = s.cpu.usageCoreNanoSeconds.value;
      const mem = s.memory.workingSetBytes.value;
      if (!flagBool(p, "all") && cpu === 0 && mem === 0) continue; // not running
      const prev = old.get(s.attributes.id);
      if (!prev) continue;
      let perc = 0;
      if (cpu !== 0) {
        const dur = s.cpu.timestamp - prev.cpu.timestamp;
        if (dur === 0) throw new CrictlFatal("cpu stat is not updated during sample");
        perc = ((cpu - prev.cpu.usageCoreNanoSeconds.value) / dur) * 100;
      }
      rows.push([
        truncatedId(s.attributes.id),
        s.attributes.metadata.name,
        perc.toFixed(2),
        humanSize(mem),
        humanSize(s.writableLayer.usedBytes.value),
        String(s.writableLayer.inodesUsed.value),
        humanSize(0),
      ]);
    }
    r.print(tabwrite(rows, CRICTL_TABWRITER));
    return 0;
  },
};

const exec: Verb = {
  name: "exec",
  usage: "Run a command in a running container",
  argsUsage: "CONTAINER-ID COMMAND [ARG...]",
  stopAtFirstArg: true,
  flags: [
    { name: "sync", aliases: ["s"], kind: "bool", usage: "Run the command synchronously" },
    { name: "timeout", kind: "int", usage: "Timeout in seconds", value: 0 },
    { name: "tty", aliases: ["t"], kind: "bool", usage: "Allocate a pseudo-TTY" },
    { name: "interactive", aliases: ["i"], kind: "bool", usage: "Keep STDIN open" },
  ],
  async run(r, p) {
    if (p.args.length < 2) return -1;
    await r.connect();
    const id = await resolveContainerId(r, p.args[0]);
    const cmd = p.args.slice(1);
    if (
      flagBool(p, "interactive") &&
      cmd.length === 1 &&
      /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|zsh)$/.test(cmd[0])
    ) {
      r.printErr(
        `k8s-node-sim: interactive shells are not simulated; run one command at a time, e.g. crictl exec ${p.args[0]} ls /\n`,
      );
      return 1;
    }
    let res: Awaited<ReturnType<typeof r.rpc<import("../../sim/cri").ExecSyncResponse>>>;
    try {
      res = await r.rpc(
        r.node.runtimeService.execSync({
          containerId: id,
          cmd,
          timeout: Number(flagString(p, "timeout", "0")) || 0,
        }),
        "ExecSync cmd from runtime service failed",
        [
          ["containerID", id],
          ["cmd", `[${cmd.join(" ")}]`],
        ],
      );
    } catch (e) {
      throw wrap("execing command in container synchronously", e);
    }
    r.print(res.stdout);
    r.printErr(res.stderr);
    return res.exitCode;
  },
};

export const infoVerbs: Verb[] = [version, info, stats, exec];
