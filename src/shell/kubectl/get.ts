// k8s: staging/src/k8s.io/kubectl/pkg/cmd/get/get.go — list or fetch objects, print a table (or
// -o yaml|json|name|jsonpath), `No resources found in <ns> namespace.`, and -w's stream of rows.
import type { KubeObject, ObjectKind } from "../../sim/apiserver/types";
import { evalPath } from "../format/jsonpath";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, byName, type KubectlContext, KubectlError, nowMs } from "./common";
import type { FlagSpec } from "./flags";
import { parseOutput, printObjects } from "./output";
import { eventLastMs, renderTable, tableRows } from "./printers";
import { runRawGet } from "./rawApi";
import { kindQualifier, type ResourceRef, resourceArgs } from "./resources";

export const GET_FLAGS: FlagSpec[] = [
  { name: "output", short: "o", type: "string" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "field-selector", type: "string" },
  { name: "show-labels", type: "bool" },
  { name: "no-headers", type: "bool" },
  { name: "watch", short: "w", type: "bool" },
  { name: "watch-only", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
  { name: "show-kind", type: "bool" },
  { name: "ignore-not-found", type: "bool" },
  { name: "chunk-size", type: "int" },
  { name: "sort-by", type: "string" },
  { name: "template", type: "string" },
  { name: "raw", type: "string" },
];

/** --sort-by=.metadata.creationTimestamp (or `{…}`): kubectl's RuntimeSort over a jsonpath field. */
function sortBy(objs: KubeObject[], expr: string): KubeObject[] {
  const path = expr.replace(/^\{(.*)\}$/, "$1");
  const key = (o: KubeObject) => evalPath(path.startsWith(".") ? path : `.${path}`, o)[0];
  return objs
    .map((o, i) => ({ o, i, k: key(o) }))
    .sort((a, b) => {
      if (typeof a.k === "number" && typeof b.k === "number") return a.k - b.k || a.i - b.i;
      const x = a.k === undefined ? "" : String(a.k);
      const y = b.k === undefined ? "" : String(b.k);
      return x < y ? -1 : x > y ? 1 : a.i - b.i;
    })
    .map((e) => e.o);
}

/** The API server's deprecation warning on every v1 Endpoints request since 1.33 (kubectl prints it on stderr). */
export const ENDPOINTS_DEPRECATED =
  "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export async function runGet(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const raw = k.flags.str("raw");
  if (raw !== undefined) {
    if (k.flags.args.length > 0)
      return out.err("error: arguments may not be passed when --raw is specified").result(1);
    return runRawGet(k.node, raw);
  }
  const refs = resourceArgs(k.flags.args);
  if ("error" in refs) return out.err(refs.error).result(1);
  if (refs.length === 0) return out.err(NO_TYPE).result(1);
  const fmt = parseOutput(k.flags.str("output"), k.flags.str("template"));
  const allNs = k.flags.bool("all-namespaces");
  const now = nowMs(k.node);
  const multiKind = new Set(refs.map((r) => r.type.kind)).size > 1 || k.flags.bool("show-kind");
  let code = 0;
  // kubectl prints what it found first and the aggregated errors last.
  const errors: string[] = [];
  const collected: KubeObject[] = [];
  const singleNamed = refs.length === 1 && refs[0].names.length === 1;
  const tables: { kind: ObjectKind; objs: KubeObject[] }[] = [];

  for (const ref of refs) {
    const { kind, namespaced } = ref.type;
    const ns = namespaced ? (allNs && ref.names.length === 0 ? undefined : k.namespace) : undefined;
    if (kind === "Endpoints") out.err(ENDPOINTS_DEPRECATED);
    let objs: KubeObject[] = [];
    if (ref.names.length > 0) {
      for (const name of ref.names) {
        try {
          objs.push(k.node.api.get(kind, ns, name));
        } catch (e) {
          if (k.flags.bool("ignore-not-found")) continue;
          errors.push(apiErrorText(e));
          code = 1;
        }
      }
    } else {
      try {
        objs = k.node.api.list(kind, {
          namespace: ns,
          labelSelector: k.flags.str("selector"),
          fieldSelector: k.flags.str("field-selector"),
        });
      } catch (e) {
        out.err(apiErrorText(e));
        code = 1;
        continue;
      }
      // Events read best in time order; everything else comes back sorted by name, as etcd keys do.
      objs =
        kind === "Event"
          ? [...objs].sort((a, b) => eventLastMs(a as never) - eventLastMs(b as never))
          : [...objs].sort(byName);
    }
    const sort = k.flags.str("sort-by");
    if (sort) {
      try {
        objs = sortBy(objs, sort);
      } catch {
        return out.err(`error: couldn't find any field with path "${sort}" in the list of objects`).result(1);
      }
    }
    collected.push(...objs);
    if (objs.length > 0) tables.push({ kind, objs });
  }

  if (fmt.kind !== "table") {
    if (collected.length > 0 || fmt.kind === "yaml" || fmt.kind === "json") {
      if (!(singleNamed && collected.length === 0)) out.out(printObjects(collected, fmt, singleNamed));
    }
  } else if (!k.flags.bool("watch-only")) {
    tables.forEach((t, i) => {
      const rows = tableRows(t.kind, t.objs, now, {
        wide: fmt.wide,
        withNamespace: allNs && refs.find((r) => r.type.kind === t.kind)!.type.namespaced,
        showLabels: k.flags.bool("show-labels"),
        noHeaders: k.flags.bool("no-headers"),
        kindPrefix: multiKind ? kindQualifier(refs.find((r) => r.type.kind === t.kind)!.type) : undefined,
      });
      out.out((i > 0 ? "\n" : "") + renderTable(rows));
    });
  }
  for (const e of errors) out.err(e);
  const anyNamed = refs.some((r) => r.names.length > 0);
  if (collected.length === 0 && !anyNamed && (fmt.kind === "table" || fmt.kind === "name")) {
    const namespaced = refs.some((r) => r.type.namespaced);
    out.err(namespaced && !allNs ? `No resources found in ${k.namespace} namespace.` : "No resources found");
  }
  if ((k.flags.bool("watch") || k.flags.bool("watch-only")) && k.follow && refs.length === 1 && code === 0) {
    return watch(k, refs[0], out, allNs, fmt.kind === "table" && fmt.wide);
  }
  return out.result(code);
}

/** -w: after the list, one row per watch event until Ctrl-C (kubectl get's watch loop). */
async function watch(
  k: KubectlContext,
  ref: ResourceRef,
  out: Output,
  allNs: boolean,
  wide: boolean,
): Promise<CommandResult> {
  const follow = k.follow!;
  const first = out.result(0);
  for (const c of first.chunks ?? []) follow.write(c.text);
  const { kind, namespaced } = ref.type;
  let initial = true;
  const stop = k.node.api.watch(
    kind,
    { namespace: namespaced && !allNs ? k.namespace : undefined, labelSelector: k.flags.str("selector") },
    (e) => {
      if (initial) return;
      if (ref.names.length > 0 && !ref.names.includes(e.object.metadata?.name ?? "")) return;
      const rows = tableRows(kind, [e.object], nowMs(k.node), {
        wide,
        withNamespace: allNs && namespaced,
        showLabels: k.flags.bool("show-labels"),
        noHeaders: true,
      });
      follow.write(renderTable(rows));
    },
  );
  initial = false;
  await follow.interrupted;
  stop();
  return { stdout: "", stderr: "", code: 0 };
}

export { KubectlError };
