// crictl's output helpers (util.go): protojson objects, outputStatusData, YAML via sigs.k8s.io/yaml.
import { stringify } from "yaml";
import { goJsonIndent } from "./goFormat";
import { CrictlFatal, type CrictlRun } from "./runner";

/** outputProtobufObjAsJSON / AsYAML: protojson keeps field order; JSONToYAML sorts keys. */
export function outputProto(r: CrictlRun, obj: unknown, format: "json" | "yaml"): void {
  if (format === "json") r.println(goJsonIndent(obj, false));
  else r.println(toYaml(obj));
}

/** outputStatusData: a single status is not wrapped in an array; encoding/json sorts map keys. */
export function outputStatuses(r: CrictlRun, statuses: unknown[], format: string): void {
  if (statuses.length === 0) return;
  const value = statuses.length === 1 ? statuses[0] : statuses;
  if (format === "json") r.println(goJsonIndent(value));
  else if (format === "yaml") r.println(toYaml(value));
  else if (format === "go-template")
    throw new CrictlFatal("go-template output is not supported by this simulator");
  else throw new CrictlFatal(`unsupported format: "${format}"`);
}

export function toYaml(v: unknown): string {
  return stringify(v, { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}
