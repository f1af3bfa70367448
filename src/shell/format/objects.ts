// k8s: cli-runtime/pkg/printers/{yaml,json,name}.go — kubectl's -o yaml|json|name output.
// kubectl get decodes into unstructured maps, so both printers emit keys sorted alphabetically
// (Go's encoding/json sorts map keys; sigs.k8s.io/yaml goes through yaml.v2 which sorts too).
import YAML from "yaml";

/** Sort object keys recursively (Go map marshalling order). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** Whether a plain scalar `s` would read back as something else than a string (YAML 1.1: bool, null, number, timestamp). */
function resolvesNonString(s: string): boolean {
  if (s === "") return true;
  try {
    const c = YAML.parseDocument(s, { version: "1.1" }).contents;
    return YAML.isScalar(c) && typeof c.value !== "string";
  } catch {
    return false;
  }
}

/**
 * `-o yaml`: yaml.v2 style — sequences not indented; a string that would read back as another type
 * ("true", "", timestamps, numbers) is double-quoted (encoder stringv), one that cannot be plain for
 * syntax's sake (`* * * * *`, `x: y`, a leading space) is single-quoted (the emitter's fallback).
 */
export function toYaml(obj: unknown): string {
  const doc = new YAML.Document(sortKeys(obj), { version: "1.1", aliasDuplicateObjects: false });
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && !node.value.includes("\n") && resolvesNonString(node.value))
        node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true });
}

/** `-o json`: json.MarshalIndent with four spaces. */
export function toJson(obj: unknown): string {
  return `${JSON.stringify(sortKeys(obj), null, 4)}\n`;
}

/** A List wrapper as `kubectl get pods -o yaml` prints several objects. */
export function asList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}
