// k8s: apimachinery pkg/util/strategicpatch (CreateTwoWayMergePatch: diffMaps, diffListsOfMaps,
// diffListsOfScalars, normalizeSliceOrder) and evanphx/json-patch CreateMergePatch — the patch a
// client computes from the object it read and the object as edited (what `kubectl edit` sends).
import { type FieldMeta, hasPatchMeta, metaFor } from "./patches";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

const isMap = (v: unknown): v is JsonMap => v !== null && typeof v === "object" && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

/** Go's reflect.TypeOf over decoded JSON: map, slice, string, float64, bool, nil. */
function goType(v: unknown): string {
  if (v === null || v === undefined) return "nil";
  if (Array.isArray(v)) return "slice";
  return typeof v;
}

/** CreateTwoWayMergePatch(original, modified) for a kind with Go types (strategic merge patch). */
export function createTwoWayMergePatch(original: unknown, modified: unknown, kind: string): JsonMap {
  return diffMaps(isMap(original) ? original : {}, isMap(modified) ? modified : {}, kind);
}

function diffMaps(original: JsonMap, modified: JsonMap, type: string | undefined): JsonMap {
  const patch: JsonMap = {};
  for (const [key, mod] of Object.entries(modified)) {
    if (!(key in original)) {
      patch[key] = mod;
      continue;
    }
    const orig = original[key];
    if (goType(orig) !== goType(mod)) {
      patch[key] = mod;
      continue;
    }
    if (isMap(orig) && isMap(mod)) {
      const sub = diffMaps(orig, mod, metaFor(type, key).t);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (Array.isArray(orig) && Array.isArray(mod)) {
      sliceDiff(key, orig, mod, metaFor(type, key), patch);
    } else if (!same(orig, mod)) patch[key] = mod;
  }
  // a field the edit removed: `null` deletes it on the server
  for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  return patch;
}

function sliceDiff(key: string, original: Json[], modified: Json[], meta: FieldMeta, patch: JsonMap): void {
  if (!meta.merge) {
    if (!same(original, modified)) patch[key] = modified;
    return;
  }
  const maps = [...original, ...modified].some(isMap);
  if (maps && meta.k) {
    const { list, orderSame } = diffListsOfMaps(original as JsonMap[], modified as JsonMap[], meta.k, meta.t);
    if (list.length > 0) patch[key] = list;
    // $setElementOrder: the merge keys in the edited order, whenever the list changed
    if (list.length > 0 || !orderSame)
      patch[`$setElementOrder/${key}`] = modified.map((m) => ({ [meta.k!]: (m as JsonMap)[meta.k!] }));
    return;
  }
  if (maps) {
    if (!same(original, modified)) patch[key] = modified;
    return;
  }
  const added = modified.filter((m) => !original.some((o) => same(o, m)));
  const deleted = original.filter((o) => !modified.some((m) => same(o, m)));
  if (added.length > 0) patch[key] = added;
  if (deleted.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = deleted;
  if (deleted.length > 0 || !same(original, modified)) patch[`$setElementOrder/${key}`] = modified;
}

const keyString = (v: Json | undefined) => (v === undefined ? "" : String(v));

function diffListsOfMaps(
  original: JsonMap[],
  modified: JsonMap[],
  mergeKey: string,
  type: string | undefined,
): { list: Json[]; orderSame: boolean } {
  const byKey = (a: JsonMap, b: JsonMap) => {
    const x = keyString(a[mergeKey]);
    const y = keyString(b[mergeKey]);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const os = [...original].sort(byKey);
  const ms = [...modified].sort(byKey);
  const changes: JsonMap[] = [];
  const deletes: JsonMap[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const ok = i < os.length ? keyString(os[i][mergeKey]) : undefined;
    const mk = j < ms.length ? keyString(ms[j][mergeKey]) : undefined;
    if (ok !== undefined && mk !== undefined && ok === mk) {
      const sub = diffMaps(os[i], ms[j], type);
      if (Object.keys(sub).length > 0) changes.push({ ...sub, [mergeKey]: ms[j][mergeKey] });
      i++;
      j++;
    } else if (ok === undefined || (mk !== undefined && ok > mk)) {
      changes.push(ms[j++]);
    } else {
      deletes.push({ $patch: "delete", [mergeKey]: os[i++][mergeKey] });
    }
  }
  // normalizeSliceOrder: changed and added items in the edited order, the deletions after them
  const pos = (m: JsonMap) => modified.findIndex((x) => keyString(x[mergeKey]) === keyString(m[mergeKey]));
  changes.sort((a, b) => pos(a) - pos(b));
  const keys = (l: JsonMap[]) => l.map((m) => keyString(m[mergeKey]));
  const common = new Set(keys(modified));
  const origOrder = keys(original).filter((k) => common.has(k));
  const shared = new Set(origOrder);
  const modOrder = keys(modified).filter((k) => shared.has(k));
  return { list: [...changes, ...deletes], orderSame: same(origOrder, modOrder) };
}

/** jsonpatch.CreateMergePatch (RFC 7386): maps by key, anything else replaced whole, removals as null. */
export function createMergePatch(original: unknown, modified: unknown): Json {
  if (!isMap(original) || !isMap(modified)) return (modified ?? null) as Json;
  const patch: JsonMap = {};
  for (const [k, v] of Object.entries(modified)) {
    const o = original[k];
    if (!(k in original)) patch[k] = v;
    else if (isMap(o) && isMap(v)) {
      const sub = createMergePatch(o, v) as JsonMap;
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (!same(o, v)) patch[k] = v;
  }
  for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  return patch;
}

/** The patch kubectl edit computes: strategic for built-in kinds, JSON merge otherwise. */
export function editPatch(
  original: unknown,
  modified: unknown,
  kind: string,
): { type: "strategic" | "merge"; patch: Json } {
  return hasPatchMeta(kind)
    ? { type: "strategic", patch: createTwoWayMergePatch(original, modified, kind) }
    : { type: "merge", patch: createMergePatch(original, modified) };
}

/** Go's json.Marshal of a decoded patch: keys sorted, compact, `<`, `>` and `&` escaped. */
export function goJsonMarshal(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (isMap(x))
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, sorted(x[k])]),
      );
    return x;
  };
  return JSON.stringify(sorted(v)).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
