// crictl's output helpers (util.go, templates.go): protojson objects, outputStatusData, YAML via
// sigs.k8s.io/yaml, and -o go-template (text/template over the JSON, missingkey=error, json/title/lower/upper).
import { stringify } from "yaml";
import { GoTemplateError, goTemplate } from "../format/goTemplate";
import { goJsonIndent, goQuoteJson } from "./goFormat";
import { CrictlFatal, type CrictlRun } from "./runner";

/** outputProtobufObjAsJSON / AsYAML: protojson keeps field order; JSONToYAML sorts keys. */
export function outputProto(r: CrictlRun, obj: unknown, format: "json" | "yaml"): void {
  if (format === "json") r.println(goJsonIndent(obj, false));
  else r.println(toYaml(obj));
}

/** encoding/json Encoder.Encode: compact, sorted map keys, HTML-escaped, newline-terminated. */
function jsonCompact(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goQuoteJson(v);
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(jsonCompact).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${goQuoteJson(k)}:${jsonCompact(o[k])}`)
    .join(",")}}`;
}

const str = (a: unknown) => (typeof a === "string" ? a : String(a));

/** templates.go builtinTmplFuncs. */
const CRICTL_TEMPLATE_FUNCS: Record<string, (args: unknown[]) => unknown> = {
  json: ([v]) => `${jsonCompact(v)}\n`,
  title: ([v]) =>
    str(v).replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase()),
  lower: ([v]) => str(v).toLowerCase(),
  upper: ([v]) => str(v).toUpperCase(),
};

/** tmplExecuteRawJSON: the template's output, or crictl's wrapped error text. */
export function crictlTemplate(tmpl: string, data: unknown): string {
  try {
    return goTemplate(tmpl, data, {
      funcs: CRICTL_TEMPLATE_FUNCS,
      missingKeyError: true,
      name: "tmplExecuteRawJSON",
    });
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    throw new CrictlFatal(
      e.parsing ? `failed to generate go-template: ${e.message}` : `failed to template data: ${e.message}`,
    );
  }
}

/**
 * outputStatusData: a single status is not wrapped in an array; encoding/json sorts map keys.
 * Errors carry crictl's wording; `prefix` is the caller's fmt.Errorf wrapping.
 */
export function outputStatuses(
  r: CrictlRun,
  statuses: unknown[],
  format: string,
  template = "",
  prefix = "",
): void {
  if (statuses.length === 0) return;
  const value = statuses.length === 1 ? statuses[0] : statuses;
  const fail = (msg: string) => new CrictlFatal(prefix ? `${prefix}: ${msg}` : msg);
  if (format === "json") r.println(goJsonIndent(value));
  else if (format === "yaml") r.println(toYaml(value));
  else if (format === "go-template") {
    try {
      r.println(crictlTemplate(template, value));
    } catch (e) {
      throw fail(`execute template: ${(e as Error).message}`);
    }
  } else throw fail(`unsupported format: "${format}"`);
}

export function toYaml(v: unknown): string {
  return stringify(v, { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}
