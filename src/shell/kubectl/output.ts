// k8s: cli-runtime/pkg/genericclioptions/print_flags.go — how `-o` picks a printer:
// yaml, json, name, wide, jsonpath=…, custom-columns=…; unknown formats are refused in kubectl's words.
import type { KubeObject } from "../../sim/apiserver/types";
import { GoTemplateError, goTemplate } from "../format/goTemplate";
import { evalPath, JsonPathError, jsonpath } from "../format/jsonpath";
import { asList, toJson, toYaml } from "../format/objects";
import { KubectlError } from "./common";
import { renderTable } from "./printers";
import { kindQualifier, resourceByKind } from "./resources";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" | "json" | "name" }
  | { kind: "jsonpath"; template: string }
  | { kind: "go-template"; template: string }
  | { kind: "custom-columns"; spec: string };

const ALLOWED =
  "custom-columns, custom-columns-file, go-template, go-template-file, json, jsonpath, jsonpath-as-json, jsonpath-file, name, template, templatefile, wide, yaml";

export function parseOutput(o: string | undefined, template?: string): OutputFormat {
  // print_flags.go: --template without -o means -o go-template; `-o go-template|jsonpath` takes it as the template
  if (template) {
    if (o === undefined || o === "") return { kind: "go-template", template };
    if (o === "go-template" || o === "template") return { kind: "go-template", template };
    if (o === "jsonpath") return { kind: "jsonpath", template };
  }
  if (o === undefined || o === "") return { kind: "table", wide: false };
  if (o === "wide") return { kind: "table", wide: true };
  if (o === "yaml" || o === "json" || o === "name") return { kind: o };
  const t = o.match(/^(go-template|template)=(.*)$/s);
  if (t) return { kind: "go-template", template: t[2] };
  const m = o.match(/^(jsonpath|custom-columns)=(.*)$/s);
  if (m && m[1] === "jsonpath") return { kind: "jsonpath", template: m[2] };
  if (m && m[1] === "custom-columns") return { kind: "custom-columns", spec: m[2] };
  throw new KubectlError(
    `error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`,
  );
}

/** Fill apiVersion/kind the way the API returns them. */
export function withTypeMeta(o: KubeObject): KubeObject {
  const rt = o.kind ? resourceByKind(o.kind) : undefined;
  return { apiVersion: o.apiVersion ?? rt?.apiVersion ?? "v1", kind: o.kind, ...o };
}

/** Print objects in a non-table format; `single` when one object was asked for by name. */
export function printObjects(objs: KubeObject[], fmt: OutputFormat, single: boolean): string {
  const typed = objs.map(withTypeMeta);
  const data = single && typed.length === 1 ? typed[0] : asList(typed);
  switch (fmt.kind) {
    case "yaml":
      return toYaml(data);
    case "json":
      return toJson(data);
    case "name":
      return typed
        .map((o) => {
          const r = resourceByKind(o.kind ?? "");
          return `${r ? kindQualifier(r) : (o.kind ?? "").toLowerCase()}/${o.metadata?.name}\n`;
        })
        .join("");
    case "jsonpath":
      try {
        return jsonpath(stripQuotes(fmt.template), data);
      } catch (e) {
        throw new KubectlError(`error: error parsing jsonpath ${fmt.template}, ${(e as Error).message}`);
      }
    case "go-template":
      try {
        return goTemplate(fmt.template, data);
      } catch (e) {
        if (e instanceof GoTemplateError)
          throw new KubectlError(
            e.parsing
              ? `error: error parsing template ${fmt.template}, ${e.message}`
              : `error: error executing template "${fmt.template}": ${e.message}`,
          );
        throw e;
      }
    case "custom-columns": {
      const cols = fmt.spec.split(",").map((c) => {
        const i = c.indexOf(":");
        if (i === -1)
          throw new KubectlError(
            `error: unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`,
          );
        return { header: c.slice(0, i), path: c.slice(i + 1).replace(/^\{(.*)\}$/, "$1") };
      });
      const rows = [cols.map((c) => c.header)];
      for (const o of typed) {
        rows.push(
          cols.map((c) => {
            try {
              const v = evalPath(c.path.startsWith(".") ? c.path : `.${c.path}`, o);
              return v.length === 0
                ? "<none>"
                : v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(",");
            } catch (e) {
              if (e instanceof JsonPathError) return "<none>";
              throw e;
            }
          }),
        );
      }
      return renderTable(rows);
    }
    default:
      return "";
  }
}

function stripQuotes(t: string): string {
  return t.length >= 2 && ((t[0] === "'" && t.endsWith("'")) || (t[0] === '"' && t.endsWith('"')))
    ? t.slice(1, -1)
    : t;
}
