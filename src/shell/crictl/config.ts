// crictl util.go loadPodSandboxConfig / loadContainerConfig: JSON or YAML files read from the node's disk,
// decoded like apimachinery's YAMLOrJSONDecoder into the CRI structs (encoding/json field matching).
import { parse } from "yaml";
import { goJsonSyntaxError } from "../../sim/api/goJson";
import type { ContainerConfig, PodSandboxConfig } from "../../sim/cri";
import type { SimNode } from "../../sim/node/types";
import { resolvePath } from "../files/cwd";

/** Map-typed CRI fields: their keys are user data, not field names. */
const MAP_FIELDS = new Set(["labels", "annotations", "sysctls", "unified"]);

/**
 * encoding/json matches a key to the struct's json tag (`log_directory`) case-insensitively; the
 * protobuf JSON name (`logDirectory`) is not a tag, so such keys are silently ignored, as in crictl.
 */
function camelize(v: unknown, keepKeys = false): unknown {
  if (Array.isArray(v)) return v.map((x) => camelize(x));
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (keepKeys) {
      out[k] = val;
      continue;
    }
    const tag = k.toLowerCase();
    if (/[a-z][A-Z]/.test(k) && !k.includes("_")) continue; // a camelCase name matches no tag
    const key = tag.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    out[key] = camelize(val, MAP_FIELDS.has(key));
  }
  return out;
}

function readConfig(node: SimNode, path: string): Record<string, unknown> {
  const abs = resolvePath(node, path);
  if (node.fs.isDir(abs)) throw new Error(`read ${path}: is a directory`);
  const text = node.fs.read(abs);
  if (text === undefined) throw new Error(`config at ${path} not found`);
  let data: unknown;
  if (/^\s*\{/.test(text)) {
    // JSON first; on failure the decoder retries the stream as YAML and reports the JSON error if that fails too.
    const bad = goJsonSyntaxError(text);
    if (bad === undefined) data = JSON.parse(text.trimStart().slice(0, jsonEnd(text)));
    else {
      try {
        data = parse(text);
      } catch {
        throw new Error(bad === "eof" ? "unexpected EOF" : `json: offset ${bad.offset}: ${bad.msg}`);
      }
    }
  } else {
    try {
      data = parse(text);
    } catch (e) {
      throw new Error(`error converting YAML to JSON: yaml: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    const kind = Array.isArray(data) ? "array" : typeof data === "string" ? "string" : typeof data;
    throw new Error(
      `json: cannot unmarshal ${kind} into Go value of type v1.${path.includes("container") ? "ContainerConfig" : "PodSandboxConfig"}`,
    );
  }
  return camelize(data) as Record<string, unknown>;
}

/** Where the first JSON value ends (json.Decoder reads one value and leaves the rest). */
function jsonEnd(text: string): number {
  const t = text.trimStart();
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return t.length;
}

/** The metadata as Go's %q of the proto message prints it: `name:"x" uid:"y"`. */
function metadataText(md: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of ["name", "uid", "namespace", "attempt"]) {
    const v = md[k];
    if (v === undefined || v === "" || v === 0) continue;
    parts.push(typeof v === "number" ? `${k}:${v}` : `${k}:${JSON.stringify(String(v))}`);
  }
  return JSON.stringify(parts.join(" "));
}

export function loadPodSandboxConfig(
  node: SimNode,
  path: string,
  newUid: () => string,
  warn?: (msg: string) => void,
): PodSandboxConfig {
  const cfg = readConfig(node, path) as unknown as PodSandboxConfig;
  if (!cfg.metadata) throw new Error("metadata is not set");
  const md = cfg.metadata;
  if (!md.uid) md.uid = newUid();
  md.attempt = md.attempt ?? 0;
  if (!md.name || !md.namespace) {
    throw new Error(
      `name or namespace is not in metadata ${metadataText(md as unknown as Record<string, unknown>)}`,
    );
  }
  // crictl ≥ 1.34 (cri-tools#1872): a linux section without cgroup_parent is worth a warning.
  if (cfg.linux && !cfg.linux.cgroupParent)
    warn?.("cgroup_parent is not set. Use `runtime-config` to get the runtime cgroup driver");
  return cfg;
}

export function loadContainerConfig(node: SimNode, path: string): ContainerConfig {
  const cfg = readConfig(node, path) as unknown as ContainerConfig;
  if (!cfg.metadata) throw new Error("metadata is not set");
  if (!cfg.metadata.name)
    throw new Error(
      `name is not in metadata ${metadataText(cfg.metadata as unknown as Record<string, unknown>)}`,
    );
  cfg.metadata.attempt = cfg.metadata.attempt ?? 0;
  cfg.image = cfg.image ?? { image: "" };
  cfg.image.image = cfg.image.image ?? "";
  return cfg;
}

/** uuid.New() for pods without a uid, drawn from the node's seeded RNG. */
export function uuidFrom(rng: { nextUint32(): number }): string {
  const hex = Array.from({ length: 4 }, () => rng.nextUint32().toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
