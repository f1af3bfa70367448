// k8s: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go and cmd/create/create.go — `pod/web created`,
// `configured`, `unchanged`; apply records kubectl.kubernetes.io/last-applied-configuration.
import { dropUnknownFields, unknownFields } from "../../sim/api/fieldSchema";
import type { KubeObject } from "../../sim/apiserver/types";
import { sortKeys } from "../format/objects";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, type KubectlContext, KubectlError } from "./common";
import type { FlagSpec } from "./flags";
import { type ManifestObject, parseManifests, qualifiedName, readSources } from "./manifest";
import { type OutputFormat, parseOutput, printObjects } from "./output";
import { flushWarnings } from "./warnings";

export const APPLY_FLAGS: FlagSpec[] = [
  { name: "filename", short: "f", type: "strings" },
  { name: "output", short: "o", type: "string" },
  { name: "dry-run", type: "string" },
  { name: "validate", type: "string" },
  { name: "force", type: "bool" },
  { name: "server-side", type: "bool" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "save-config", type: "bool" },
];

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every field of `want` is present with the same value in `have` (arrays: same length). */
function containedIn(want: unknown, have: unknown): boolean {
  if (Array.isArray(want)) {
    return (
      Array.isArray(have) && want.length === have.length && want.every((w, i) => containedIn(w, have[i]))
    );
  }
  if (want && typeof want === "object") {
    if (!have || typeof have !== "object") return false;
    return Object.entries(want).every(([k, v]) => containedIn(v, (have as Record<string, unknown>)[k]));
  }
  // YAML numbers vs API strings (ports, quantities) compare by text.
  return want === have || (want !== null && have !== null && String(want) === String(have));
}

/**
 * A strategic-merge-ish overlay: maps merge, lists of named items merge by name, other lists replace.
 * `last` is the same part of the last-applied configuration: a map key it had that the new
 * configuration drops is deleted (the three-way merge's deletions: a label or selector removed).
 */
function overlay(base: unknown, patch: unknown, last?: unknown): unknown {
  if (Array.isArray(patch)) {
    if (!Array.isArray(base)) return patch;
    const named = patch.every((p) => p && typeof p === "object" && "name" in p);
    const byName = (list: unknown, name: unknown) =>
      Array.isArray(list)
        ? list.find((b) => b && typeof b === "object" && (b as { name?: unknown }).name === name)
        : undefined;
    if (named) {
      return patch.map((p) => {
        const name = (p as { name: unknown }).name;
        const old = byName(base, name);
        return old ? overlay(old, p, byName(last, name)) : p;
      });
    }
    return patch.map((p, i) =>
      i < base.length ? overlay(base[i], p, Array.isArray(last) ? last[i] : undefined) : p,
    );
  }
  if (patch && typeof patch === "object") {
    const out: Record<string, unknown> =
      base && typeof base === "object" && !Array.isArray(base) ? { ...(base as object) } : {};
    const lastObj =
      last && typeof last === "object" && !Array.isArray(last) ? (last as Record<string, unknown>) : {};
    for (const k of Object.keys(lastObj)) if (!(k in patch)) delete out[k];
    for (const [k, v] of Object.entries(patch)) out[k] = overlay(out[k], v, lastObj[k]);
    return out;
  }
  return patch;
}

/** The object as last applied (the annotation kubectl apply keeps), if it parses. */
function lastAppliedOf(existing: KubeObject): unknown {
  const text = existing.metadata?.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function prepare(m: ManifestObject, k: KubectlContext): KubeObject {
  const obj = structuredClone(m.obj);
  obj.metadata = { ...(obj.metadata ?? {}) };
  if (m.type.namespaced) {
    const docNs = obj.metadata.namespace;
    if (docNs && k.explicitNamespace && docNs !== k.namespace) {
      throw new KubectlError(
        `error: the namespace from the provided object "${docNs}" does not match the namespace "${k.namespace}". You must pass '--namespace=${docNs}' to perform this operation.`,
      );
    }
    obj.metadata.namespace = docNs || k.namespace;
  } else delete obj.metadata.namespace;
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw new KubectlError(
      `error: error when retrieving current configuration of:\nResource: "${m.type.plural}", GroupVersionKind: "/${m.obj.apiVersion}, Kind=${m.obj.kind}"\nName: "", Namespace: "${obj.metadata.namespace ?? ""}"\nfrom server for: "${m.source}": resource name may not be empty`,
    );
  }
  return obj;
}

function lastApplied(obj: KubeObject): string {
  const copy = structuredClone(obj);
  const ann = { ...(copy.metadata?.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations: ann };
  return `${JSON.stringify(sortKeys(copy as Json))}\n`;
}

export async function runApplyOrCreate(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const apply = k.verb === "apply";
  const dryRun = k.flags.str("dry-run");
  if (dryRun !== undefined && !["client", "server", "none"].includes(dryRun)) {
    return out
      .err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
      .result(1);
  }
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  // --validate: the server's fieldValidation directive (Strict unless told otherwise)
  const validate = k.flags.str("validate") ?? "strict";
  const directive = ["strict", "true", ""].includes(validate)
    ? "Strict"
    : validate === "warn"
      ? "Warn"
      : ["ignore", "false"].includes(validate)
        ? "Ignore"
        : undefined;
  if (!directive)
    return out
      .err(
        `error: invalid - validate option "${validate}"; must be one of: strict (or true), warn, ignore (or false)`,
      )
      .result(1);
  // -o yaml|json|jsonpath|go-template: the printer shows the object instead of `kind/name created`
  let fmt: OutputFormat | undefined;
  try {
    const o = k.flags.str("output");
    fmt = o && o !== "name" && o !== "wide" ? parseOutput(o) : undefined;
  } catch (e) {
    return out.err((e as Error).message).result(1);
  }
  const report = (o: KubeObject | undefined, line: string) =>
    out.out(fmt && o ? printObjects([o], fmt, true) : line);
  let code = 0;
  const sources = readSources(k.node, k.flags.list("filename"), k.stdin);
  let any = false;
  for (const { text, source } of sources) {
    for (const m of parseManifests(text, source)) {
      if (m instanceof KubectlError) {
        out.err(m.message);
        code = 1;
        continue;
      }
      any = true;
      try {
        const obj = prepare(m, k);
        const name = obj.metadata?.name ?? "";
        const qn = qualifiedName(m.type, name);
        const { kind } = m.type;
        const ns = obj.metadata?.namespace;
        if (apply) {
          obj.metadata = {
            ...obj.metadata,
            annotations: { ...(obj.metadata?.annotations ?? {}), [LAST_APPLIED]: lastApplied(obj) },
          };
        }
        const existing = apply ? k.node.api.tryGet(kind, ns, name) : undefined;
        if (!existing) {
          if (dryRun !== "client") {
            // the server's strict decoding of the POST body (sorted keys: the JSON kubectl sends)
            const unknown = unknownFields(kind, m.obj);
            if (unknown.length > 0 && directive === "Strict") {
              const version = (m.obj.apiVersion ?? "v1").split("/").pop();
              throw new KubectlError(
                `Error from server (BadRequest): error when creating "${source}": ${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(", ")}`,
              );
            }
            if (directive === "Warn") for (const f of unknown) out.err(`Warning: unknown field "${f}"`);
          }
          let made: KubeObject = obj;
          if (!dryRun || dryRun === "none") {
            try {
              made = k.node.api.create(kind, dropUnknownFields(kind, obj));
            } catch (e) {
              throw new KubectlError(apiErrorText(e, { verb: "creating", from: source }));
            } finally {
              flushWarnings(k.node.api, out);
            }
          }
          report(made, `${qn} created${suffix}\n`);
          continue;
        }
        // a field the type does not declare never reaches the stored object
        const { status: _s, ...wanted } = dropUnknownFields(kind, obj);
        if (containedIn(wanted, existing)) {
          report(existing, `${qn} unchanged${suffix}\n`);
          continue;
        }
        let merged = overlay(existing, wanted, lastAppliedOf(existing)) as KubeObject;
        if (!dryRun || dryRun === "none") {
          try {
            merged = k.node.api.update(kind, merged);
          } catch (e) {
            throw new KubectlError(apiErrorText(e, { verb: "patching", from: source }));
          } finally {
            flushWarnings(k.node.api, out);
          }
        }
        report(merged, `${qn} configured${suffix}\n`);
      } catch (e) {
        out.err(e instanceof KubectlError ? e.message : apiErrorText(e));
        code = 1;
      }
    }
  }
  if (!any && code === 0)
    return out.err("error: no objects passed to " + (apply ? "apply" : "create")).result(1);
  return out.result(code);
}
