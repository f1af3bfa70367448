// crictl util.go loadPodSandboxConfig / loadContainerConfig: JSON or YAML files read from the node's disk.
import { parse } from "yaml";
import type { ContainerConfig, PodSandboxConfig } from "../../sim/cri";
import type { SimNode } from "../../sim/node/types";
import { resolvePath } from "../files/cwd";

/** Map-typed CRI fields: their keys are user data, not field names. */
const MAP_FIELDS = new Set(["labels", "annotations", "sysctls", "unified"]);

/** protojson accepts both proto names (log_directory) and JSON names (logDirectory). */
function camelize(v: unknown, keepKeys = false): unknown {
  if (Array.isArray(v)) return v.map((x) => camelize(x));
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const key = keepKeys ? k : k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    out[key] = keepKeys ? val : camelize(val, MAP_FIELDS.has(key));
  }
  return out;
}

function readConfig(node: SimNode, path: string): Record<string, unknown> {
  const abs = resolvePath(node, path);
  const text = node.fs.read(abs);
  if (text === undefined) throw new Error(`config at ${path} not found`);
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw new Error(`error converting YAML to JSON: ${(e as Error).message.split("\n")[0]}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new Error("error unmarshaling JSON: proto: syntax error: unexpected token");
  }
  return camelize(data) as Record<string, unknown>;
}

export function loadPodSandboxConfig(node: SimNode, path: string, newUid: () => string): PodSandboxConfig {
  const cfg = readConfig(node, path) as unknown as PodSandboxConfig;
  if (!cfg.metadata) throw new Error("metadata is not set");
  const md = cfg.metadata;
  if (!md.uid) md.uid = newUid();
  md.attempt = md.attempt ?? 0;
  if (!md.name || !md.namespace) {
    throw new Error(`name or namespace is not in metadata "name:\\"${md.name ?? ""}\\" uid:\\"${md.uid}\\""`);
  }
  return cfg;
}

export function loadContainerConfig(node: SimNode, path: string): ContainerConfig {
  const cfg = readConfig(node, path) as unknown as ContainerConfig;
  if (!cfg.metadata) throw new Error("metadata is not set");
  if (!cfg.metadata.name) throw new Error(`name is not in metadata "${JSON.stringify(cfg.metadata)}"`);
  cfg.metadata.attempt = cfg.metadata.attempt ?? 0;
  if (!cfg.image) throw new Error("image is not set");
  if (!cfg.image.image) throw new Error(`image field is not set in image ""`);
  return cfg;
}

/** uuid.New() for pods without a uid, drawn from the node's seeded RNG. */
export function uuidFrom(rng: { nextUint32(): number }): string {
  const hex = Array.from({ length: 4 }, () => rng.nextUint32().toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
