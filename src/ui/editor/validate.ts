// Validation as you type: parse the manifest with `yaml`, fill in the API server's defaults, run the
// core's validation, and put each message on the line of the field it names
// (`spec.containers[0].image` → the `image:` line; a missing field → its parent's line).

import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import { fieldErrorText } from "../../sim/api/fieldErrors";
import { API_VERSION, applyDefaults, isNamespaced, validateKind } from "../../sim/apiserver/registry";
import type { KubeObject, ObjectKind } from "../../sim/apiserver/types";

export interface Problem {
  from: number;
  to: number;
  /** 1-based line, for tests and the status line. */
  line: number;
  severity: "error" | "warning";
  message: string;
}

/** `spec.containers[0].image` → ["spec", "containers", 0, "image"]. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split(".")) {
    const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[([^\]]*)\]/g))
      out.push(/^\d+$/.test(idx[1]) ? Number(idx[1]) : idx[1]);
  }
  return out;
}

/** The source range of the deepest node on `path` that exists: the key's line for a map entry. */
function locate(root: Node | null, path: (string | number)[]): [number, number] | undefined {
  let node: unknown = root;
  let best: [number, number] | undefined = root?.range ? [root.range[0], root.range[1]] : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      const k = pair.key as Node;
      if (k.range) best = [k.range[0], (pair.value as Node | null)?.range?.[1] ?? k.range[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      if (item.range) best = [item.range[0], item.range[1]];
      node = item;
    } else break;
  }
  return best;
}

/** Every problem kubectl apply would report for this text, with where it is. */
export function validateManifest(text: string): Problem[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const problems: Problem[] = [];
  const add = (from: number, to: number, message: string, severity: Problem["severity"] = "error") => {
    // Messages point at one line: the start of the range, to that line's end.
    const line = lines.linePos(from).line;
    const lineEnd = lines.lineStarts[line] !== undefined ? lines.lineStarts[line] - 1 : text.length;
    problems.push({ from, to: Math.max(from, Math.min(to, lineEnd)), line, severity, message });
  };
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const e of doc.errors) add(e.pos[0], e.pos[1], e.message.split("\n")[0]);
    if (doc.errors.length > 0) continue;
    const obj = doc.toJS() as Record<string, unknown> | null;
    if (obj === null || obj === undefined) continue;
    const start = doc.contents?.range?.[0] ?? 0;
    if (typeof obj !== "object" || Array.isArray(obj)) {
      add(start, start + 1, "error: error validating data: the manifest must be a YAML mapping");
      continue;
    }
    // kubectl's client-side check before anything reaches the API server.
    const missing = ["apiVersion", "kind"].filter((k) => !obj[k]).map((k) => `${k} not set`);
    if (missing.length > 0) {
      add(start, start + 1, `error: error validating data: [${missing.join(", ")}]`);
      continue;
    }
    const kind = String(obj.kind);
    // a kind the server does not serve is kubectl's error at apply time, not the editor's
    if (!Object.hasOwn(API_VERSION, kind)) continue;
    const k = kind as ObjectKind;
    let errs: ReturnType<typeof validateKind>;
    try {
      const copy = structuredClone(obj) as KubeObject;
      // kubectl sends the object to its namespace (default) unless the manifest names one.
      const meta = copy.metadata;
      if (meta && typeof meta === "object" && !Array.isArray(meta) && isNamespaced(k))
        (meta as { namespace?: unknown }).namespace ??= "default";
      // the API server's own defaulting and validation for the kind (what `kubectl apply` would meet)
      applyDefaults(k, copy);
      errs = validateKind(k, copy);
    } catch (e) {
      add(start, start + 1, (e as Error).message);
      continue;
    }
    const name = (obj.metadata as { name?: unknown } | undefined)?.name;
    for (const e of errs) {
      const at = locate(doc.contents, fieldPath(e.field)) ?? [start, start + 1];
      add(at[0], at[1], `The ${kind} "${String(name ?? "")}" is invalid: ${fieldErrorText(e)}`);
    }
  }
  return problems;
}
