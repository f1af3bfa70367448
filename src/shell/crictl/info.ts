// cri-tools cmd/crictl/version.go, info.go (runtime status) and container_stats.go.

import { errorText, PodSandboxState } from "../../sim/cri";
import { Deferred } from "../../sim/task";
import { CRICTL_TABWRITER, tabwrite } from "../format/tabwriter";
import { execInteractive } from "./execTty";
import { flagBool, flagSlice, flagString } from "./flags";
import { humanSize, truncatedId } from "./goFormat";
import { outputProto, outputStatuses } from "./output";
import { statsJson, statusData } from "./proto";
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
      flagString(p, "template"),
      "getting status of runtime",
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
      outputProto(r, statsJson({ stats: first }), output);
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
        humanSize(s.swap?.swapUsageBytes?.value ?? 0),
      ]);
    }
    // display.ClearScreen() then Flush(): the table always starts on a cleared screen.
    r.print(`${CLEAR_SCREEN}${tabwrite(rows, CRICTL_TABWRITER)}`);
    return 0;
  },
};

const CLEAR_SCREEN = "\x1b[2J\x1b[H";

/**
 * crictl statsp (pod_stats.go). The simulated CRI has no ListPodSandboxStats, so the pod figures are
 * the sums of its containers' ListContainerStats (what containerd reads from the pod cgroup, minus pause).
 */
const statsp: Verb = {
  name: "statsp",
  usage:
    "List pod statistics. Stats represent a structured API that will fulfill the Kubelet's /stats/summary endpoint.",
  argsUsage: "[ID]",
  flags: [
    { name: "id", kind: "string", usage: "Filter by pod id" },
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
    let id = flagString(p, "id");
    if (id === "" && p.args.length > 0) id = p.args[0];
    if (p.args.length > 1) return -1;
    try {
      await r.connect();
    } catch (e) {
      throw wrap("get runtime service", e);
    }
    let labels: Record<string, string>;
    try {
      labels = parseLabels(flagSlice(p, "label"));
    } catch (e) {
      throw wrap("parse pod labels", e);
    }
    const sample = async () => {
      try {
        const podId = id ? await resolvePodId(r, id) : "";
        const { items } = await r.rpc(
          r.node.runtimeService.listPodSandbox({
            filter: {
              ...(podId ? { id: podId } : {}),
              state: { state: PodSandboxState.SANDBOX_READY },
              ...(Object.keys(labels).length ? { labelSelector: labels } : {}),
            },
          }),
        );
        const { stats: all } = await r.rpc(r.node.runtimeService.listContainerStats({ filter: {} }));
        const { containers } = await r.rpc(r.node.runtimeService.listContainers({}));
        const podOf = new Map(containers.map((c) => [c.id, c.podSandboxId]));
        const now = r.nowMs() * 1e6;
        return items
          .map((sb) => {
            const cs = all.filter((c) => podOf.get(c.attributes.id) === sb.id);
            return {
              attributes: {
                id: sb.id,
                metadata: { ...sb.metadata },
                labels: { ...sb.labels },
                annotations: { ...sb.annotations },
              },
              linux: {
                cpu: {
                  timestamp: cs.reduce((t, c) => Math.max(t, c.cpu.timestamp), 0) || now,
                  usageCoreNanoSeconds: {
                    value: cs.reduce((n, c) => n + c.cpu.usageCoreNanoSeconds.value, 0),
                  },
                },
                memory: {
                  timestamp: now,
                  workingSetBytes: { value: cs.reduce((n, c) => n + c.memory.workingSetBytes.value, 0) },
                },
                containers: cs,
              },
            };
          })
          .sort((a, b) => (a.attributes.id < b.attributes.id ? -1 : 1));
      } catch (e) {
        throw wrap("get pod stats: list pod sandbox stats", e);
      }
    };
    const first = await sample();
    const output = flagString(p, "output");
    if (output === "json" || output === "yaml") {
      outputProto(r, statsJson({ stats: first }), output);
      return 0;
    }
    const wait = new Deferred<void>();
    r.node.clock.setTimer(
      (Number.parseInt(flagString(p, "seconds", "1"), 10) || 1) * 1000,
      () => wait.resolve(),
      "crictl statsp sample",
    );
    await r.node.settle(wait);
    const second = await sample();
    const old = new Map(first.map((s) => [s.attributes.id, s]));
    const rows = [["POD", "POD ID", "CPU %", "MEM"]];
    for (const s of second) {
      const cpu = s.linux.cpu.usageCoreNanoSeconds.value;
      const mem = s.linux.memory.workingSetBytes.value;
      if (cpu === 0 && mem === 0) continue;
      const prev = old.get(s.attributes.id);
      if (!prev) continue;
      let perc = 0;
      if (cpu !== 0) {
        const dur = s.linux.cpu.timestamp - prev.linux.cpu.timestamp;
        if (dur === 0) throw new CrictlFatal("get pod stats: cpu stat is not updated during sample");
        perc = ((cpu - prev.linux.cpu.usageCoreNanoSeconds.value) / dur) * 100;
      }
      rows.push([s.attributes.metadata.name, truncatedId(s.attributes.id), perc.toFixed(2), humanSize(mem)]);
    }
    r.print(`${CLEAR_SCREEN}${tabwrite(rows, CRICTL_TABWRITER)}`);
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
    // -i: the streaming Exec with stdin (a terminal with -t), the session owning the shell after
    if (flagBool(p, "interactive") && !flagBool(p, "sync")) {
      if (r.node.runtimeService.exec && r.node.connectStream)
        return execInteractive(r, p.args[0], id, cmd, flagBool(p, "tty"));
      if (cmd.length === 1 && /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|zsh)$/.test(cmd[0])) {
        // a runtime behind the backend: no terminal streams over its socket
        r.printErr(
          `k8s-node-sim: interactive shells need the simulated runtime; run one command at a time, e.g. crictl exec ${p.args[0]} ls /\n`,
        );
        return 1;
      }
    }
    const arg = p.args[0];
    const sync = flagBool(p, "sync");
    let res: Awaited<ReturnType<typeof r.rpc<import("../../sim/cri").ExecSyncResponse>>>;
    try {
      res = await r.rpc(
        r.node.runtimeService.execSync({
          containerId: id,
          cmd,
          timeout: Number(flagString(p, "timeout", "0")) || 0,
        }),
        sync ? "ExecSync cmd from runtime service failed" : "Exec cmd from runtime service failed",
        [
          ["containerID", id],
          ["cmd", `[${cmd.join(" ")}]`],
        ],
      );
    } catch (e) {
      if (sync) throw wrap(`execing command in container ${arg} synchronously`, e);
      // Streaming Exec: the Exec RPC fails without ExecSync's prefix; a process that cannot start
      // fails on the stream with the streaming server's InternalError status.
      const text = errorText(e);
      const startFailed = /desc = (failed to exec in container: failed to start exec .*)$/.exec(text);
      if (startFailed)
        throw new CrictlFatal(
          `execing command in container ${arg}: Internal error occurred: error executing command in container: ${startFailed[1]}`,
        );
      throw new CrictlFatal(
        `execing command in container ${arg}: ${text.replace("desc = failed to exec in container: ", "desc = ")}`,
      );
    }
    if (sync) {
      // ExecSync (cri-client): a non-zero exit is an error carrying stderr; otherwise both streams, each Println'd.
      if (res.exitCode !== 0)
        throw new CrictlFatal(
          `execing command in container ${arg} synchronously: command '${cmd.join(" ")}' exited with ${res.exitCode}: ${res.stderr}`,
        );
      r.println(res.stdout);
      r.println(res.stderr);
      return 0;
    }
    r.print(res.stdout);
    r.printErr(res.stderr);
    // remotecommand: a non-zero exit status comes back as an error, which crictl logs fatally.
    if (res.exitCode !== 0)
      throw new CrictlFatal(
        `execing command in container ${arg}: command terminated with exit code ${res.exitCode}`,
      );
    return 0;
  },
};

export const infoVerbs: Verb[] = [version, info, stats, statsp, exec];
