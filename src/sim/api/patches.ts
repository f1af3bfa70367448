// k8s: apimachinery pkg/util/strategicpatch (patch.go), evanphx/json-patch (merge.go, patch.go) —
// the three PATCH bodies the API server takes: strategic merge patch, JSON merge patch (RFC 7386)
// and JSON patch (RFC 6902), with the error texts those libraries return.
import { jsonUnmarshalError } from "./goJson";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

/** A patch the library refuses; `reason` is the HTTP Status reason the API server answers with ("" = none). */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly reason: "" | "BadRequest" | "Invalid" = "",
  ) {
    super(message);
    this.name = "PatchError";
  }
}

const isMap = (v: unknown): v is JsonMap => v !== null && typeof v === "object" && !Array.isArray(v);

/** Go's `%v` of a decoded JSON value: `map[k:v]` with sorted keys, `[a b]`, `<nil>`. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue(v[k])}`)
      .join(" ")}]`;
  return String(v);
}

// ---- patch metadata: the `patchStrategy` / `patchMergeKey` struct tags of the types the simulator stores

export interface FieldMeta {
  /** The field's (element) type, for recursion. */
  t?: string;
  /** "merge" lists merge by `k` (or as a set of scalars); retainKeys is handled wherever `$retainKeys` appears. */
  merge?: boolean;
  k?: string;
}

const M = (t?: string, k?: string): FieldMeta => ({ t, merge: true, k });
const T = (t: string): FieldMeta => ({ t });

const META: Record<string, Record<string, FieldMeta>> = {
  ObjectMeta: { finalizers: M(), ownerReferences: M(undefined, "uid") },
  Pod: { metadata: T("ObjectMeta"), spec: T("PodSpec"), status: T("PodStatus") },
  PodTemplateSpec: { metadata: T("ObjectMeta"), spec: T("PodSpec") },
  PodSpec: {
    volumes: M(undefined, "name"),
    initContainers: M("Container", "name"),
    containers: M("Container", "name"),
    ephemeralContainers: M("Container", "name"),
    imagePullSecrets: M(undefined, "name"),
    hostAliases: M(undefined, "ip"),
    topologySpreadConstraints: M(undefined, "topologyKey"),
    schedulingGates: M(undefined, "name"),
    resourceClaims: M(undefined, "name"),
  },
  Container: {
    ports: M(undefined, "containerPort"),
    env: M(undefined, "name"),
    volumeMounts: M(undefined, "mountPath"),
    volumeDevices: M(undefined, "devicePath"),
  },
  PodStatus: { conditions: M(undefined, "type"), podIPs: M(undefined, "ip"), hostIPs: M(undefined, "ip") },
  Deployment: { metadata: T("ObjectMeta"), spec: T("DeploymentSpec"), status: T("WorkloadStatus") },
  DeploymentSpec: { template: T("PodTemplateSpec") },
  ReplicaSet: { metadata: T("ObjectMeta"), spec: T("ReplicaSetSpec"), status: T("WorkloadStatus") },
  ReplicaSetSpec: { template: T("PodTemplateSpec") },
  DaemonSet: { metadata: T("ObjectMeta"), spec: T("ReplicaSetSpec"), status: T("WorkloadStatus") },
  StatefulSet: { metadata: T("ObjectMeta"), spec: T("ReplicaSetSpec"), status: T("WorkloadStatus") },
  ReplicationController: {
    metadata: T("ObjectMeta"),
    spec: T("ReplicaSetSpec"),
    status: T("WorkloadStatus"),
  },
  WorkloadStatus: { conditions: M(undefined, "type") },
  Job: { metadata: T("ObjectMeta"), spec: T("JobSpec"), status: T("WorkloadStatus") },
  JobSpec: { template: T("PodTemplateSpec") },
  CronJob: { metadata: T("ObjectMeta"), spec: T("CronJobSpec") },
  CronJobSpec: { jobTemplate: T("JobTemplateSpec") },
  JobTemplateSpec: { metadata: T("ObjectMeta"), spec: T("JobSpec") },
  Service: { metadata: T("ObjectMeta"), spec: T("ServiceSpec"), status: T("WorkloadStatus") },
  ServiceSpec: { ports: M(undefined, "port") },
  Node: { metadata: T("ObjectMeta"), spec: T("NodeSpec"), status: T("NodeStatus") },
  NodeSpec: { podCIDRs: M() },
  NodeStatus: { addresses: M(undefined, "type"), conditions: M(undefined, "type") },
  // secrets merge by name; imagePullSecrets is atomic (replaced whole)
  ServiceAccount: { metadata: T("ObjectMeta"), secrets: M(undefined, "name") },
};

/** Kinds with Go types behind them: strategic merge patch works on these (not on custom resources). */
export function hasPatchMeta(kind: string): boolean {
  return (
    kind in META || ["ConfigMap", "Secret", "Namespace", "RuntimeClass", "Event", "Lease"].includes(kind)
  );
}

/** The `patchStrategy` / `patchMergeKey` of field `key` of `type` (CreateTwoWayMergePatch reads them too). */
export function metaFor(type: string | undefined, key: string): FieldMeta {
  if (key === "metadata" && type && !(type in META)) return T("ObjectMeta");
  return (type ? META[type]?.[key] : undefined) ?? {};
}

// ---- strategic merge patch (StrategicMergeMapPatch with MergeParallelList, IgnoreUnmatchedNulls)

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const DELETE_PRIMITIVE = "$deleteFromPrimitiveList";
const SET_ORDER = "$setElementOrder";

const clone = <T>(v: T): T => structuredClone(v);

/** Apply a strategic merge patch to `original` (an object of `kind`); neither argument is changed. */
export function strategicMergePatch(original: unknown, patch: unknown, kind: string): JsonMap {
  if (!isMap(patch)) {
    const what = Array.isArray(patch)
      ? "array"
      : typeof patch === "string"
        ? "string"
        : patch === null
          ? "null"
          : typeof patch;
    throw new PatchError(
      `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`,
      "BadRequest",
    );
  }
  return mergeMap(isMap(original) ? clone(original) : {}, clone(patch), kind);
}

function mergeMap(original: JsonMap, patch: JsonMap, type: string | undefined): JsonMap {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === "replace") {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (d === "delete") return {};
    throw new PatchError(`Unknown patch type: ${goValue(d)} in map: ${goValue(patch)}`, "BadRequest");
  }
  if (RETAIN_KEYS in patch) {
    const keep = patch[RETAIN_KEYS];
    delete patch[RETAIN_KEYS];
    if (!Array.isArray(keep)) throw new PatchError("invalid patch format of retainKeys", "BadRequest");
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || k.startsWith(DELETE_PRIMITIVE) || k.startsWith(SET_ORDER)) continue;
      if (!keep.includes(k)) throw new PatchError("invalid patch format of retainKeys", "BadRequest");
    }
    for (const k of Object.keys(original)) if (!keep.includes(k)) delete original[k];
  }
  // $setElementOrder only orders lists the patch also carries: the order of the patch list stands in for it
  for (const k of Object.keys(patch)) if (k.startsWith(`${SET_ORDER}/`)) delete patch[k];
  for (const [rawKey, patchV] of Object.entries(patch)) {
    let k = rawKey;
    let deleteList = false;
    if (rawKey.startsWith(DELETE_PRIMITIVE)) {
      if (!rawKey.startsWith(`${DELETE_PRIMITIVE}/`))
        throw new PatchError("invalid patch format of primitive list", "BadRequest");
      k = rawKey.slice(DELETE_PRIMITIVE.length + 1);
      deleteList = true;
    }
    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!(k in original)) {
      original[k] = deleteList ? [] : stripDirectives(patchV);
      continue;
    }
    const orig = original[k];
    const sameType = Array.isArray(orig) === Array.isArray(patchV) && isMap(orig) === isMap(patchV);
    if (!sameType || orig === null || typeof orig !== "object") {
      original[k] = stripDirectives(patchV);
      continue;
    }
    const meta = metaFor(type, k);
    if (isMap(orig) && isMap(patchV)) original[k] = mergeMap(orig, patchV, meta.t);
    else if (Array.isArray(orig) && Array.isArray(patchV))
      original[k] = meta.merge ? mergeSlice(orig, patchV, meta, deleteList) : stripDirectives(patchV);
  }
  return original;
}

/** A subtree copied in whole keeps none of the directives (they are not fields). */
function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.filter((e) => !(isMap(e) && e[DIRECTIVE] === "delete")).map(stripDirectives);
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) out[k] = stripDirectives(x);
    return out;
  }
  return v;
}

const scalarKey = (v: Json) => `${typeof v}:${String(v)}`;

function mergeSlice(original: Json[], patch: Json[], meta: FieldMeta, deleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const elems = [...original, ...patch];
  if (elems.some(Array.isArray)) throw new PatchError("lists of lists are not supported", "Invalid");
  const maps = elems.length > 0 && isMap(elems[0]);
  if (!maps) {
    if (deleteList) {
      const del = new Set(patch.map(scalarKey));
      return original.filter((v) => !del.has(scalarKey(v)));
    }
    const seen = new Set<string>();
    const merged = elems.filter((v) => !seen.has(scalarKey(v)) && seen.add(scalarKey(v)));
    const inPatch = new Set(patch.map(scalarKey));
    return normalizeOrder(
      merged.filter((v) => inPatch.has(scalarKey(v))),
      merged.filter((v) => !inPatch.has(scalarKey(v))),
      patch,
      original,
      scalarKey,
    );
  }
  const key = meta.k;
  if (!key) throw new PatchError("cannot merge lists without merge key for type map");
  // special elements: `$patch: delete` removes by merge key, `$patch: replace` takes the list as given
  let orig = original;
  const plain: JsonMap[] = [];
  let replace = false;
  for (const e of patch) {
    if (!isMap(e))
      throw new PatchError(`list element types are not identical: ${goValue([original, patch])}`);
    if (!(DIRECTIVE in e)) {
      plain.push(e);
      continue;
    }
    const d = e[DIRECTIVE];
    if (d === "delete") {
      if (!(key in e)) throw new PatchError(`map: ${goValue(e)} does not contain declared merge key: ${key}`);
      orig = orig.filter((o) => !(isMap(o) && o[key] === e[key]));
    } else if (d === "replace") replace = true;
    else if (d === "merge") throw new PatchError("merging lists cannot yet be specified in the patch");
    else throw new PatchError(`Unknown patch type: ${goValue(d)} in map: ${goValue(e)}`, "BadRequest");
  }
  if (replace) return plain.map(stripDirectives);
  const merged = orig.map(clone);
  for (const p of plain) {
    if (!(key in p)) throw new PatchError(`map: ${goValue(p)} does not contain declared merge key: ${key}`);
    const i = merged.findIndex((o) => isMap(o) && o[key] === p[key]);
    if (i >= 0) merged[i] = mergeMap(merged[i] as JsonMap, p, meta.t);
    else merged.push(stripDirectives(p));
  }
  const keyOf = (v: Json) => (isMap(v) ? scalarKey(v[key] ?? null) : "");
  const inPatch = new Set(plain.map(keyOf));
  return normalizeOrder(
    merged.filter((v) => inPatch.has(keyOf(v))),
    merged.filter((v) => !inPatch.has(keyOf(v))),
    plain,
    orig,
    keyOf,
  );
}

/**
 * normalizeElementOrder: patch items in patch order, server-only items in server order, then interleaved —
 * a server-only item goes first only when both are in the live list and it stood before (mergeSortedSlice).
 */
function normalizeOrder(
  patchItems: Json[],
  serverOnly: Json[],
  patchOrder: Json[],
  serverOrder: Json[],
  keyOf: (v: Json) => string,
): Json[] {
  const idx = (list: Json[], v: Json) => list.findIndex((x) => keyOf(x) === keyOf(v));
  const p = stableSort(patchItems, (v) => idx(patchOrder, v));
  const s = stableSort(serverOnly, (v) => idx(serverOrder, v));
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < s.length || j < p.length) {
    if (i >= s.length) out.push(p[j++]);
    else if (j >= p.length) out.push(s[i++]);
    else {
      const li = idx(serverOrder, s[i]);
      const ri = idx(serverOrder, p[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(s[i++]);
      else out.push(p[j++]);
    }
  }
  return out;
}

function stableSort(list: Json[], pos: (v: Json) => number): Json[] {
  return list
    .map((v, n) => ({ v, n, p: pos(v) }))
    .sort((a, b) => (a.p >= 0 && b.p >= 0 ? a.p - b.p : a.n - b.n))
    .map((x) => x.v);
}

// ---- JSON merge patch (RFC 7386, evanphx/json-patch MergePatch)

export function jsonMergePatch(original: unknown, patch: unknown): Json {
  if (!isMap(patch)) return clone(patch as Json);
  const out: JsonMap = isMap(original) ? clone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}

// ---- JSON patch (RFC 6902, evanphx/json-patch v4 as vendored by Kubernetes)

interface Op {
  op?: unknown;
  path?: unknown;
  from?: unknown;
  value?: unknown;
}

/** DecodePatch: a JSON array of operation objects. */
export function decodeJsonPatch(patch: unknown): Op[] {
  if (!Array.isArray(patch)) {
    const what = isMap(patch) ? "object" : typeof patch === "string" ? "string" : "number";
    throw new PatchError(
      `json: cannot unmarshal ${what} into Go value of type jsonpatch.Patch`,
      "BadRequest",
    );
  }
  return patch.map((op) => {
    if (!isMap(op))
      throw new PatchError(
        `json: cannot unmarshal ${Array.isArray(op) ? "array" : typeof op} into Go value of type jsonpatch.Operation`,
        "BadRequest",
      );
    return op as Op;
  });
}

function decodePath(p: string): string[] {
  return p
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

interface Container {
  parent: JsonMap | Json[];
  key: string;
}

/** findObject: the container of the path's last part, or undefined when a step is missing. */
function find(doc: Json, path: string): Container | undefined {
  const parts = decodePath(path);
  if (parts.length === 0) return undefined;
  let cur: Json = doc;
  for (const part of parts.slice(0, -1)) {
    if (isMap(cur)) {
      if (!(part in cur)) return undefined;
      cur = cur[part];
    } else if (Array.isArray(cur)) {
      const i = Number(part);
      if (!/^\d+$/.test(part) || i >= cur.length) return undefined;
      cur = cur[i];
    } else return undefined;
  }
  if (!isMap(cur) && !Array.isArray(cur)) return undefined;
  return { parent: cur, key: parts[parts.length - 1] };
}

function getAt(c: Container): Json | undefined {
  if (Array.isArray(c.parent)) {
    const i = Number(c.key);
    if (!/^\d+$/.test(c.key) || i >= c.parent.length) return undefined;
    return c.parent[i];
  }
  return c.key in c.parent ? c.parent[c.key] : undefined;
}

function removeAt(c: Container, op: string, path: string): Json {
  if (Array.isArray(c.parent)) {
    const i = Number(c.key);
    if (!/^-?\d+$/.test(c.key)) throw new PatchError(`Unable to access invalid index: ${c.key}`);
    if (i < 0 || i >= c.parent.length)
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${path}": Unable to remove nonexistent key: ${c.key}: missing value`,
      );
    return c.parent.splice(i, 1)[0];
  }
  if (!(c.key in c.parent))
    throw new PatchError(
      `${op} operation does not apply: doc is missing path: "${path}": Unable to remove nonexistent key: ${c.key}: missing value`,
    );
  const v = c.parent[c.key];
  delete c.parent[c.key];
  return v;
}

function addAt(c: Container, value: Json): void {
  if (Array.isArray(c.parent)) {
    if (c.key === "-") {
      c.parent.push(value);
      return;
    }
    const i = Number(c.key);
    if (!/^-?\d+$/.test(c.key)) throw new PatchError(`Unable to access invalid index: ${c.key}`);
    if (i < 0 || i > c.parent.length)
      throw new PatchError(`Unable to access invalid index: ${c.key}: invalid index referenced`);
    c.parent.splice(i, 0, value);
    return;
  }
  c.parent[c.key] = value;
}

function needPath(op: Op, name: string): string {
  if (typeof op.path !== "string") throw new PatchError(`${name} operation failed to decode path`);
  return op.path;
}

function needValue(op: Op, name: string): Json {
  if (!("value" in op)) throw new PatchError(`${name} operation, missing value field`);
  return clone(op.value as Json);
}

/** Apply RFC 6902 operations to a copy of `doc`. */
export function applyJsonPatch(doc: unknown, ops: Op[]): Json {
  let out = clone(doc as Json);
  for (const op of ops) {
    const name = typeof op.op === "string" ? op.op : "";
    switch (name) {
      case "add": {
        const path = needPath(op, "add");
        const value = needValue(op, "add");
        if (path === "") {
          out = value;
          break;
        }
        const c = find(out, path);
        if (!c)
          throw new PatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
        addAt(c, value);
        break;
      }
      case "remove": {
        const path = needPath(op, "remove");
        const c = find(out, path);
        if (!c)
          throw new PatchError(
            `remove operation does not apply: doc is missing path: "${path}": missing value`,
          );
        removeAt(c, "remove", path);
        break;
      }
      case "replace": {
        const path = needPath(op, "replace");
        const value = needValue(op, "replace");
        if (path === "") {
          out = value;
          break;
        }
        const c = find(out, path);
        if (!c || getAt(c) === undefined)
          throw new PatchError(
            `replace operation does not apply: doc is missing key: ${path}: missing value`,
          );
        if (Array.isArray(c.parent)) c.parent[Number(c.key)] = value;
        else c.parent[c.key] = value;
        break;
      }
      case "move":
      case "copy": {
        if (typeof op.from !== "string") throw new PatchError(`${name} operation failed to decode from`);
        const path = needPath(op, name);
        const src = find(out, op.from);
        if (!src || getAt(src) === undefined)
          throw new PatchError(
            `${name} operation does not apply: doc is missing from path: "${op.from}": missing value`,
          );
        const value = name === "move" ? removeAt(src, name, op.from) : clone(getAt(src) as Json);
        const dst = find(out, path);
        if (!dst)
          throw new PatchError(
            `${name} operation does not apply: doc is missing destination path: ${path}: missing value`,
          );
        addAt(dst, value);
        break;
      }
      case "test": {
        const path = needPath(op, "test");
        const want = (op.value ?? null) as Json;
        const c = path === "" ? undefined : find(out, path);
        const have = path === "" ? out : c ? getAt(c) : undefined;
        if (
          have === undefined
            ? want !== null
            : JSON.stringify(sortJson(have)) !== JSON.stringify(sortJson(want))
        )
          throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${name}`);
    }
  }
  return out;
}

function sortJson(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortJson);
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const k of Object.keys(v).sort()) out[k] = sortJson(v[k]);
    return out;
  }
  return v;
}

// Go's encoding/json syntax errors (what the server answers for a body that is not JSON): goJson.ts.

/** undefined when `text` is valid JSON, else the error Go's json.Unmarshal would give. */
export const goJsonSyntaxError = jsonUnmarshalError;
