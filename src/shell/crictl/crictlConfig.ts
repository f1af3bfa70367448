// cri-tools pkg/common/file.go (ReadConfig / WriteConfig of /etc/crictl.yaml) and cmd/crictl/config.go
// (`crictl config --get/--set/--list`). The file keeps its keys' order; missing options are appended.
import type { SimNode } from "../../sim/node/types";
import { CRICTL_TABWRITER, tabwrite } from "../format/tabwriter";
import { flagBool, flagSlice, flagString } from "./flags";
import { CrictlFatal } from "./runner";
import { showHelpCode } from "./sandbox";
import type { Verb } from "./verb";

export const DEFAULT_CONFIG_PATH = "/etc/crictl.yaml";

const KEYS = [
  "runtime-endpoint",
  "image-endpoint",
  "timeout",
  "debug",
  "pull-image-on-create",
  "disable-pull-on-run",
] as const;
type Key = (typeof KEYS)[number];

export interface CrictlConfig {
  runtimeEndpoint: string;
  imageEndpoint: string;
  timeout: number;
  debug: boolean;
  pullImageOnCreate: boolean;
  disablePullOnRun: boolean;
}

interface Line {
  key?: string;
  value?: string;
  text: string;
}

function parseLines(text: string): Line[] {
  return text
    .split("\n")
    .filter((l, i, all) => !(l === "" && i === all.length - 1))
    .map((text) => {
      const m = /^([A-Za-z0-9_-]+):\s*(.*?)\s*$/.exec(text);
      if (!m) return { text };
      let value = m[2].replace(/\s+#.*$/, "");
      if (/^"(.*)"$/.test(value) || /^'(.*)'$/.test(value)) value = value.slice(1, -1);
      return { key: m[1], value, text };
    });
}

/** strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
  return undefined;
}

function apply(cfg: CrictlConfig, key: string, value: string, parseErr: (what: string) => string): void {
  const bool = (what: string) => {
    const b = parseBool(value);
    if (b === undefined)
      throw new CrictlFatal(parseErr(what) + `strconv.ParseBool: parsing "${value}": invalid syntax`);
    return b;
  };
  switch (key as Key) {
    case "runtime-endpoint":
      cfg.runtimeEndpoint = value;
      return;
    case "image-endpoint":
      cfg.imageEndpoint = value;
      return;
    case "timeout":
      if (!/^[+-]?\d+$/.test(value))
        throw new CrictlFatal(parseErr("timeout") + `strconv.Atoi: parsing "${value}": invalid syntax`);
      cfg.timeout = Number.parseInt(value, 10);
      return;
    case "debug":
      cfg.debug = bool("debug");
      return;
    case "pull-image-on-create":
      cfg.pullImageOnCreate = bool("pull-image-on-create");
      return;
    case "disable-pull-on-run":
      cfg.disablePullOnRun = bool("disable-pull-on-run");
      return;
    default:
      throw new CrictlFatal(`no configuration option named ${key}`);
  }
}

function emptyConfig(): CrictlConfig {
  return {
    runtimeEndpoint: "",
    imageEndpoint: "",
    timeout: 0,
    debug: false,
    pullImageOnCreate: false,
    disablePullOnRun: false,
  };
}

/** common.ReadConfig; an unreadable or missing file gives the zero config (crictl then uses its flags). */
export function readCrictlConfig(node: SimNode, path = DEFAULT_CONFIG_PATH): CrictlConfig {
  try {
    return readStrict(node, path);
  } catch {
    return emptyConfig();
  }
}

function readStrict(node: SimNode, path: string): CrictlConfig {
  const cfg = emptyConfig();
  const text = node.fs.read(path);
  if (text === undefined) throw new CrictlFatal(`open ${path}: no such file or directory`);
  for (const l of parseLines(text)) {
    if (l.key === undefined) continue;
    if (!(KEYS as readonly string[]).includes(l.key))
      throw new CrictlFatal(`load config file: Config option '${l.key}' is not valid`);
    apply(cfg, l.key, l.value ?? "", (what) => `load config file: parsing config option '${what}': `);
  }
  return cfg;
}

function valueText(cfg: CrictlConfig, key: Key): string {
  switch (key) {
    case "runtime-endpoint":
      return cfg.runtimeEndpoint;
    case "image-endpoint":
      return cfg.imageEndpoint;
    case "timeout":
      return String(cfg.timeout);
    case "debug":
      return String(cfg.debug);
    case "pull-image-on-create":
      return String(cfg.pullImageOnCreate);
    case "disable-pull-on-run":
      return String(cfg.disablePullOnRun);
  }
}

/** common.WriteConfig: every option set on the YAML node (existing lines in place, new ones appended). */
function writeConfig(node: SimNode, path: string, cfg: CrictlConfig): void {
  const lines = parseLines(node.fs.read(path) ?? "");
  const yamlValue = (key: Key) => {
    const v = valueText(cfg, key);
    return v === "" ? '""' : v;
  };
  for (const key of KEYS) {
    const hits = lines.filter((l) => l.key === key);
    for (const l of hits) l.text = `${key}: ${yamlValue(key)}`;
    if (hits.length === 0) lines.push({ key, text: `${key}: ${yamlValue(key)}` });
  }
  node.fs.write(path, `${lines.map((l) => l.text).join("\n")}\n`);
}

export const configVerb: Verb = {
  name: "config",
  usage: "Get, set and list crictl configuration options",
  argsUsage: `[<crictl options>]

EXAMPLES:
   # Set the key "debug" to "true"
   crictl config --set debug=true

   # Set the key "debug" to "true"
   crictl config debug true

   # Get the value of "debug"
   crictl config --get debug

   # Show the full configuration
   crictl config --list

CRICTL OPTIONS:
\t runtime-endpoint:\tContainer Runtime Interface (CRI) runtime endpoint (default: "")
\t image-endpoint:\tContainer Runtime Interface (CRI) image endpoint (default: "")
\t timeout:\tTimeout of connecting to server (default: 2)
\t debug:\tEnable debug output (default: false)
\t pull-image-on-create:\tEnable pulling image on create requests (default: false)
\t disable-pull-on-run:\tDisable pulling image on run requests (default: false)`,
  flags: [
    { name: "get", kind: "string", usage: "Show the option value" },
    {
      name: "set",
      kind: "slice",
      usage: "Set option (can specify multiple or separate values with commas: opt1=val1,opt2=val2)",
    },
    { name: "list", kind: "bool", usage: "Show all option value" },
  ],
  async run(r, p) {
    const path = r.configPath;
    if (!r.node.fs.exists(path)) writeConfig(r.node, path, emptyConfig());
    const cfg = readStrict(r.node, path);
    if (p.set.has("get")) {
      const key = flagString(p, "get");
      if (!(KEYS as readonly string[]).includes(key))
        throw new CrictlFatal(`no configuration option named ${key}`);
      r.println(valueText(cfg, key as Key));
      return 0;
    }
    if (p.set.has("set")) {
      for (const setting of flagSlice(p, "set")) {
        for (const option of setting.split(",")) {
          const pair = option.split("=");
          if (pair.length !== 2) throw new CrictlFatal(`incorrectly specified option: ${setting}`);
          apply(cfg, pair[0], pair[1], (what) => `parse ${what} value '${pair[1]}': `);
        }
      }
      writeConfig(r.node, path, cfg);
      return 0;
    }
    if (flagBool(p, "list")) {
      const rows = [["KEY", "VALUE"], ...KEYS.map((k) => [k, valueText(cfg, k)])];
      r.print(`\x1b[2J\x1b[H${tabwrite(rows, CRICTL_TABWRITER)}`);
      return 0;
    }
    const key = p.args[0] ?? "";
    if (key === "") return showHelpCode;
    const value = p.args[1] ?? "";
    r.logrus("INFO", `No --get, --set or --list provided, setting key "${key}" to value "${value}"`);
    try {
      apply(cfg, key, value, (what) => `parse ${what} value '${value}': `);
    } catch (e) {
      throw new CrictlFatal(`set "${key}" to "${value}": ${(e as Error).message}`);
    }
    writeConfig(r.node, path, cfg);
    return 0;
  },
};
