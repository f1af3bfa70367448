// k8s: staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go — `kubectl patch TYPE NAME -p|--patch-file`,
// --type strategic|merge|json, --subresource status|scale, --dry-run, --local, -o; the API server's
// PATCH handler (apiserver endpoints/handlers/patch.go) applies the body to the stored object, then
// the update path (defaulting, ValidateUpdate) decides, as for any PUT.
import YAML from "yaml";
import { fieldErrorText } from "../../sim/api/fieldErrors";
import { selectorString } from "../../sim/api/labelSelector";
import {
  applyJsonPatch,
  decodeJsonPatch,
  goJsonSyntaxError,
  hasPatchMeta,
  jsonMergePatch,
  PatchError,
  strategicMergePatch,
} from "../../sim/api/patches";
import { applyDefaults, decodeCheck, validateKindUpdate } from "../../sim/apiserver/registry";
import { ApiError, type KubeObject } from "../../sim/apiserver/types";
import { resolvePath } from "../files/cwd";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, type KubectlContext, KubectlError } from "./common";
import type { FlagSpec } from "./flags";
import { goYamlError, parseManifests, qualifiedName, readSources } from "./manifest";
import { parseOutput, printObjects } from "./output";
import { type ResourceType, resourceArgs } from "./resources";

export const PATCH_FLAGS: FlagSpec[] = [
  { name: "patch", short: "p", type: "string" },
  { name: "patch-file", type: "string" },
  { name: "type", type: "string" },
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "local", type: "bool" },
  { name: "output", short: "o", type: "string" },
  { name: "dry-run", type: "string" },
  { name: "subresource", type: "string" },
  { name: "field-manager", type: "string" },
  { name: "allow-missing-template-keys", type: "bool" },
  { name: "show-managed-fields", type: "bool" },
  { name: "template", type: "string" },
];

const PATCH_TYPES = ["json", "merge", "strategic"];
const SUBRESOURCES = ["status", "scale", "resize"];
/** Kinds with a scale subresource among those the simulator stores. */
const SCALABLE = new Set(["Deployment", "ReplicaSet"]);

export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

interface Target {
  type: ResourceType;
  name: string;
  namespace?: string;
  /** --local: the object as the file has it. */
  local?: KubeObject;
}

/** yaml.ToJSON: a body starting with `{` goes as it is (the server parses it); anything else is YAML. */
function patchBody(text: string, shown: string): { raw: string; value?: unknown } {
  if (text.trimStart().startsWith("{")) return { raw: text };
  const doc = YAML.parseDocument(text, { version: "1.1", uniqueKeys: true });
  if (doc.errors.length > 0) {
    const { line, message } = goYamlError(doc.errors);
    throw new KubectlError(
      `error: unable to parse ${JSON.stringify(shown)}: error converting YAML to JSON: yaml: line ${line}: ${message}`,
    );
  }
  return { raw: text, value: doc.toJS() ?? null };
}

/** The server's json.Unmarshal of a body kubectl passed through unparsed. */
function decodeBody(body: { raw: string; value?: unknown }): unknown {
  if ("value" in body) return body.value;
  const err = goJsonSyntaxError(body.raw);
  if (err) throw new PatchError(err, "BadRequest");
  return JSON.parse(body.raw);
}

function applyPatch(type: string, obj: KubeObject, patch: unknown, kind: string): KubeObject {
  if (type === "json") return applyJsonPatch(obj, decodeJsonPatch(patch)) as KubeObject;
  if (type === "merge") return jsonMergePatch(obj, patch) as KubeObject;
  return strategicMergePatch(obj, patch, kind) as KubeObject;
}

/** How the server's failure to apply a body reads in kubectl (cmdutil.CheckErr). */
function serverPatchError(e: PatchError, type: string, decoding: boolean): string {
  // json patch: DecodePatch errors are 400s, Apply errors a bare 422 whose message kubectl does not show
  if (type === "json" && !decoding) return "The request is invalid";
  if (e.reason === "Invalid") return "The request is invalid";
  return e.reason ? `Error from server (${e.reason}): ${e.message}` : `Error from server: ${e.message}`;
}

/** The autoscaling/v1 Scale a Deployment or ReplicaSet shows through /scale. */
function scaleOf(obj: KubeObject): KubeObject {
  const m = obj.metadata ?? {};
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: Parameters<typeof selectorString>[0] };
  const status = (obj.status ?? {}) as { replicas?: number };
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector: selectorString(spec.selector) },
  };
}

export async function runPatch(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const patchText = k.flags.str("patch") ?? "";
  const patchFile = k.flags.str("patch-file") ?? "";
  const type = (k.flags.str("type") ?? "strategic").toLowerCase();
  const dryRun = k.flags.str("dry-run") ?? "none";
  const local = k.flags.bool("local");
  const sub = k.flags.str("subresource") ?? "";
  if (!["none", "client", "server"].includes(dryRun))
    return out
      .err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
      .result(1);
  const fmt = parseOutput(k.flags.str("output"), k.flags.str("template"));
  if (patchText && patchFile)
    return out.err("error: cannot specify --patch and --patch-file together").result(1);
  if (!patchText && !patchFile)
    return out
      .err("error: must specify --patch or --patch-file containing the contents of the patch")
      .result(1);
  if (local && k.flags.args.length > 0)
    return out.err("error: cannot specify --local and server resources").result(1);
  if (local && dryRun === "server")
    return out
      .err("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
      .result(1);
  if (!PATCH_TYPES.includes(type))
    return out
      .err(`error: --type must be one of [json merge strategic], not ${JSON.stringify(k.flags.str("type"))}`)
      .result(1);
  if (sub && !SUBRESOURCES.includes(sub))
    return out
      .err(`error: invalid subresource value: ${JSON.stringify(sub)}. Must be one of [status scale resize]`)
      .result(1);

  let text = patchText;
  if (patchFile) {
    const t = k.node.fs.read(resolvePath(k.node, patchFile));
    if (t === undefined)
      return out
        .err(`error: unable to read patch file: open ${patchFile}: no such file or directory`)
        .result(1);
    text = t;
  }
  const body = patchBody(text, patchText);

  const targets: Target[] = [];
  const files = k.flags.list("filename");
  if (files.length > 0) {
    for (const { text: src, source } of readSources(k.node, files, k.stdin))
      for (const m of parseManifests(src, source)) {
        if (m instanceof KubectlError) return out.err(m.message).result(1);
        targets.push({
          type: m.type,
          name: m.obj.metadata?.name ?? "",
          namespace: m.obj.metadata?.namespace,
          local: local ? m.obj : undefined,
        });
      }
  } else {
    if (local) return out.err("error: must specify -f and -k").result(1);
    const refs = resourceArgs(k.flags.args);
    if ("error" in refs) return out.err(refs.error).result(1);
    if (refs.length === 0) return out.err(NO_RESOURCES).result(1);
    for (const ref of refs) {
      if (ref.names.length === 0)
        return out.err("error: resource(s) were provided, but no name was specified").result(1);
      for (const name of ref.names) targets.push({ type: ref.type, name });
    }
  }

  let code = 0;
  for (const t of targets) {
    try {
      out.out(patchOne(k, t, type, body, { dryRun, sub, fmt }));
    } catch (e) {
      out.err(e instanceof KubectlError ? e.message : apiErrorText(e));
      code = 1;
    }
  }
  if (targets.length === 0 && code === 0) return out.err("error: no objects passed to patch").result(1);
  return out.result(code);
}

function patchOne(
  k: KubectlContext,
  t: Target,
  type: string,
  body: { raw: string; value?: unknown },
  o: { dryRun: string; sub: string; fmt: ReturnType<typeof parseOutput> },
): string {
  const { kind } = t.type;
  const ns = t.type.namespaced ? t.namespace || k.namespace : undefined;
  const print = (obj: KubeObject, changed: boolean, label: string) => {
    if (o.fmt.kind === "name") return `${label}\n`;
    if (o.fmt.kind !== "table") return printObjects([obj], o.fmt, true);
    return `${label} ${changed ? "patched" : "patched (no change)"}\n`;
  };
  // --local and --dry-run=client: kubectl applies the patch itself (getPatchedJSON)
  if (t.local || o.dryRun === "client") {
    const obj = t.local ?? (k.node.api.get<KubeObject>(kind, ns, t.name) as KubeObject);
    let patched: KubeObject;
    try {
      if (type === "strategic" && !hasPatchMeta(kind))
        throw new KubectlError(
          `error: strategic merge patch is not supported for ${t.type.apiVersion}, Kind=${kind} locally, try --type merge`,
        );
      patched = applyPatch(type, obj, decodeBody(body), kind);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      const m = /doc is missing key: (.*?)(: missing value)?$/.exec(e.message);
      throw new KubectlError(`error: ${m ? `Object to be patched is missing field (${m[1]})` : e.message}`);
    }
    const changed = JSON.stringify(patched) !== JSON.stringify(obj);
    return print(patched, changed, qualifiedName(t.type, t.name));
  }

  const current = k.node.api.get<KubeObject>(kind, ns, t.name);
  if ((o.sub === "scale" && !SCALABLE.has(kind)) || (o.sub === "resize" && kind !== "Pod"))
    throw new ApiError(404, "NotFound", "the server could not find the requested resource");
  const before = o.sub === "scale" ? scaleOf(current) : current;
  let decoded: unknown;
  try {
    decoded = decodeBody(body);
    if (type === "json") decodeJsonPatch(decoded);
  } catch (e) {
    if (e instanceof PatchError) throw new KubectlError(serverPatchError(e, type, true));
    throw e;
  }
  let patched: KubeObject;
  try {
    patched = applyPatch(type, before, decoded, o.sub === "scale" ? "Scale" : kind);
  } catch (e) {
    if (e instanceof PatchError) throw new KubectlError(serverPatchError(e, type, false));
    throw e;
  }
  // the server's decoding keeps the object's identity whatever the body says about it
  patched.apiVersion = before.apiVersion;
  patched.kind = before.kind;
  let next: KubeObject;
  if (o.sub === "scale") {
    const replicas = (patched.spec as { replicas?: unknown } | undefined)?.replicas;
    next = { ...current, spec: { ...(current.spec as object), replicas } };
  } else if (o.sub === "status") {
    next = { ...current, status: patched.status };
  } else next = patched;

  let result: KubeObject;
  if (o.dryRun === "server") {
    decodeCheck(kind, next);
    const copy = structuredClone(next) as KubeObject;
    applyDefaults(kind, copy);
    const errs = validateKindUpdate(kind, copy, current);
    if (errs.length > 0) {
      const texts = [...new Set(errs.map(fieldErrorText))];
      const prefix = `The ${kind} "${t.name}" is invalid: `;
      throw new KubectlError(
        texts.length === 1 ? prefix + texts[0] : `${prefix}\n${texts.map((x) => `* ${x}`).join("\n")}`,
      );
    }
    result = copy;
  } else if (o.sub === "status") {
    result = k.node.api.updateStatus<KubeObject>(kind, ns, t.name, next.status);
  } else if (o.sub === "resize" && k.node.api.resizePod) {
    result = k.node.api.resizePod(ns ?? "", t.name, next as never) as KubeObject;
  } else {
    result = k.node.api.update<KubeObject>(kind, next);
  }
  if (o.sub === "scale") {
    const scale = scaleOf(result);
    return print(scale, JSON.stringify(scale) !== JSON.stringify(before), `scale.autoscaling/${t.name}`);
  }
  const changed = JSON.stringify(result) !== JSON.stringify(current);
  return print(result, changed, qualifiedName(t.type, t.name));
}
