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

/** `-o yaml`: yaml.v2 style — YAML 1.1 quoting ("true", timestamps), sequences not indented. */
export function toYaml(obj: unknown): string {
  return YAML.stringify(sortKeys(obj), {
    version: "1.1",
    indentSeq: false,
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

/** `-o json`: json.MarshalIndent with four spaces. */
export function toJson(obj: unknown): string {
  return `${JSON.stringify(sortKeys(obj), null, 4)}\n`;
}

/** A List wrapper as `kubectl get pods -o yaml` prints several objects. */
export function asList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}
