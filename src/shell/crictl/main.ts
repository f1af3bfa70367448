// cri-tools cmd/crictl/main.go — the urfave/cli app: global flags, verb dispatch, help text, FATA on error.
import { errorText } from "../../sim/cri";
import type { CompletableCommand } from "../registry";
import type { CommandContext, CommandResult } from "../types";
import { completeCrictl } from "./complete";
import { containerVerbs } from "./container";
import { containerStatusVerbs } from "./containerStatus";
import { configVerb } from "./crictlConfig";
import { FlagError, type FlagSpec, parseFlags } from "./flags";
import { goLogTime } from "./goFormat";
import { imageVerbs } from "./image";
import { infoVerbs } from "./info";
import { logsVerbs } from "./logs";
import { CrictlRun, GoLogFatal } from "./runner";
import { sandboxVerbs, showHelpCode } from "./sandbox";
import type { Verb } from "./verb";

export const CRICTL_VERSION = "v1.34.0";

export const VERBS: Verb[] = [
  ...containerVerbs,
  ...containerStatusVerbs,
  ...sandboxVerbs,
  ...imageVerbs,
  ...logsVerbs,
  ...infoVerbs,
  configVerb,
];

/** Verbs real crictl has that the simulator does not run; listed in help, refused politely. */
const LISTED_ONLY: [string, string][] = [
  ["attach", "Attach to a running container"],
  ["port-forward", "Forward local port to a pod"],
  ["update", "Update one or more running containers"],
  [
    "metricsp",
    "List pod metrics. Metrics are unstructured key/value pairs gathered by CRI meant to replace cAdvisor's /metrics/cadvisor endpoint.",
  ],
  [
    "metricdescs",
    "List metric descriptors. Returns information about the metrics available through the CRI.",
  ],
  ["completion", "Output shell completion code"],
  ["checkpoint", "Checkpoint one or more running containers"],
  ["runtime-config", "Retrieve the container runtime configuration"],
  ["events", "Stream the events of containers"],
  ["update-runtime-config", "Update the runtime configuration"],
];

/** urfave/cli's lexicographicLess: case-insensitive first, then byte order. */
function lexLess(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** main.go sorts app.Commands by name (cri-tools#1474, v1.31); `help` is appended after. */
function helpOrder(): string[] {
  return [...VERBS.map((v) => v.name), ...LISTED_ONLY.map(([n]) => n)].sort(lexLess);
}

const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: "config",
    aliases: ["c"],
    kind: "string",
    usage:
      'Location of the client config file. If not specified and the default does not exist, the program\'s directory is searched as well (default: "/etc/crictl.yaml") [$CRI_CONFIG_FILE]',
  },
  { name: "debug", aliases: ["D"], kind: "bool", usage: "Enable debug mode (default: false)" },
  { name: "enable-tracing", kind: "bool", usage: "Enable OpenTelemetry tracing. (default: false)" },
  {
    name: "image-endpoint",
    aliases: ["i"],
    kind: "string",
    usage:
      "Endpoint of CRI image manager service (default: uses 'runtime-endpoint' setting) [$IMAGE_SERVICE_ENDPOINT]",
  },
  {
    name: "runtime-endpoint",
    aliases: ["r"],
    kind: "string",
    usage:
      "Endpoint of CRI container runtime service (default: uses in order the first successful one of [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]). Default is now deprecated and the endpoint should be set instead. [$CONTAINER_RUNTIME_ENDPOINT]",
  },
  { name: "profile-cpu", kind: "string", usage: "Write a pprof CPU profile to the provided path." },
  { name: "profile-mem", kind: "string", usage: "Write a pprof memory profile to the provided path." },
  {
    name: "timeout",
    aliases: ["t"],
    kind: "string",
    usage:
      "Timeout of connecting to the server in seconds (e.g. 2s, 20s.). 0 or less is set to default (default: 2s)",
  },
  {
    name: "tracing-endpoint",
    kind: "string",
    usage: 'Address to which the gRPC tracing collector will send spans to. (default: "127.0.0.1:4317")',
  },
  {
    name: "tracing-sampling-rate-per-million",
    kind: "string",
    usage:
      "Number of samples to collect per million OpenTelemetry spans. Set to 1000000 or -1 to always sample. (default: -1)",
  },
];

/** urfave/cli's unquoteUsage: a `backquoted` word in the usage is the value's placeholder. */
function placeholder(f: FlagSpec): string {
  return /`([^`]+)`/.exec(f.usage)?.[1] ?? "value";
}

function flagLabel(f: FlagSpec): string {
  const names = [f.name, ...(f.aliases ?? [])].map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
  return f.kind === "bool" ? names.join(", ") : names.map((n) => `${n} ${placeholder(f)}`).join(", ");
}

/** A default as urfave/cli shows it: strings quoted, durations and numbers bare. */
function defaultText(f: FlagSpec): string {
  const v = String(f.value);
  return f.kind === "string" && !/^\d+(ns|us|ms|s|m|h)$/.test(v) ? `"${v}"` : v;
}

/** urfave/cli prints flag lists through a tabwriter with padding 2; crictl sorts them by name (FlagsByName). */
function flagLines(flags: FlagSpec[], global = false): string {
  const all = [
    ...[...flags].sort((a, b) => lexLess(a.name, b.name)),
    { name: "help", aliases: ["h"], kind: "bool" as const, usage: "show help" },
    ...(global
      ? [{ name: "version", aliases: ["v"], kind: "bool" as const, usage: "print the version" }]
      : []),
  ];
  const labels = all.map(flagLabel);
  const w = Math.max(...labels.map((l) => l.length)) + 2;
  return all
    .map((f, i) => {
      let usage = f.usage.replace(/`([^`]+)`/, "$1");
      if (f.kind === "bool" && f.name !== "help" && f.name !== "version" && !usage.includes("(default:"))
        usage += " (default: false)";
      else if (f.value !== undefined && f.kind !== "bool") usage += ` (default: ${defaultText(f)})`;
      return `   ${labels[i].padEnd(w)}${usage}`;
    })
    .join("\n");
}

export function appHelp(): string {
  const entries = helpOrder().map((name): [string, string] => {
    const v = VERBS.find((x) => x.name === name);
    if (v) return [[v.name, ...(v.aliases ?? [])].join(", "), v.usage];
    return LISTED_ONLY.find(([n]) => n === name) ?? [name, ""];
  });
  entries.push(["help, h", "Shows a list of commands or help for one command"]);
  const w = Math.max(...entries.map(([n]) => n.length)) + 2;
  return [
    "NAME:",
    "   crictl - client for CRI",
    "",
    "USAGE:",
    "   crictl [global options] command [command options]",
    "",
    "VERSION:",
    `   ${CRICTL_VERSION}`,
    "",
    "COMMANDS:",
    ...entries.map(([n, u]) => `   ${n.padEnd(w)}${u}`),
    "",
    "GLOBAL OPTIONS:",
    flagLines(GLOBAL_FLAGS, true),
    "",
  ].join("\n");
}

export function verbHelp(v: Verb): string {
  const lines = [
    "NAME:",
    `   crictl ${v.name} - ${v.usage}`,
    "",
    "USAGE:",
    `   crictl ${v.name} [command options]${v.argsUsage ? ` ${v.argsUsage}` : ""}`,
  ];
  if (v.aliases) lines.push("", "ALIASES:", `   ${v.aliases.join(", ")}`);
  lines.push("", "OPTIONS:", flagLines(v.flags), "");
  return lines.join("\n");
}

export async function runCrictl(ctx: CommandContext): Promise<CommandResult> {
  const r = new CrictlRun(ctx);
  const argv = ctx.args;
  // Global options come before the verb.
  let i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { stdout: appHelp(), stderr: "", code: 0 };
    if (a === "--version" || a === "-v")
      return { stdout: `crictl version ${CRICTL_VERSION}\n`, stderr: "", code: 0 };
    const spec = GLOBAL_FLAGS.find(
      (f) => `--${f.name}` === a.split("=")[0] || (f.aliases ?? []).some((s) => `-${s}` === a),
    );
    if (spec?.name === "config") {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
      if (v !== undefined) r.configPath = v;
    }
    if (!spec) {
      // urfave/cli v2 writes the usage error and the help to App.Writer (stdout); crictl then logs FATA.
      r.print(`Incorrect Usage: flag provided but not defined: ${a.replace(/^--?/, "-").split("=")[0]}\n\n`);
      r.print(appHelp());
      r.logrus("FATA", `flag provided but not defined: ${a.replace(/^--?/, "-").split("=")[0]}`);
      return r.result(1);
    }
    i += spec.kind === "bool" || a.includes("=") ? 1 : 2;
  }
  const name = argv[i];
  if (name === undefined || name === "help" || name === "h") {
    const topic = name
      ? VERBS.find((v) => v.name === argv[i + 1] || v.aliases?.includes(argv[i + 1]))
      : undefined;
    return { stdout: topic ? verbHelp(topic) : appHelp(), stderr: "", code: 0 };
  }
  const verb = VERBS.find((v) => v.name === name || v.aliases?.includes(name));
  if (!verb) {
    if (LISTED_ONLY.some(([n]) => n === name)) {
      return { stdout: "", stderr: `k8s-node-sim: 'crictl ${name}' is not simulated\n`, code: 1 };
    }
    // urfave/cli: unknown command → "No help topic for '<name>'" and exit status 3.
    r.printErr(`No help topic for '${name}'\n`);
    return r.result(3);
  }
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv.slice(i + 1), verb.flags, { stopAtFirstArg: verb.stopAtFirstArg });
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    r.print(`Incorrect Usage: ${e.message}\n\n`);
    r.print(verbHelp(verb));
    r.logrus("FATA", e.message);
    return r.result(1);
  }
  if (parsed.help) return { stdout: verbHelp(verb), stderr: "", code: 0 };
  try {
    const code = (await verb.run(r, parsed)) ?? 0;
    if (code === showHelpCode) {
      r.print(verbHelp(verb));
      return r.result(0);
    }
    return r.result(code);
  } catch (e) {
    if (e instanceof GoLogFatal) r.printErr(`${goLogTime(r.nowMs())} ${e.message}\n`);
    else r.logrus("FATA", errorText(e));
    return r.result(1);
  }
}

export const crictlCommand: CompletableCommand = {
  name: "crictl",
  summary: "CLI for CRI-compatible container runtimes (talks to containerd over the CRI)",
  run: runCrictl,
  complete: (req) =>
    completeCrictl(
      req,
      VERBS,
      GLOBAL_FLAGS,
      LISTED_ONLY.map(([n]) => n),
    ),
};
