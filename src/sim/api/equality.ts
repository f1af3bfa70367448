// Semantic equality of API objects as JSON sees them: key order does not matter and keys whose
// value is undefined are absent. Allocation-free, for the hot "did anything change?" checks.

export function jsonEqual(a: unknown, b: unknown, ignoreKeys?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i], ignoreKeys)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined || ignoreKeys?.has(k)) continue;
    na++;
    if (!jsonEqual(ao[k], bo[k], ignoreKeys)) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined && !ignoreKeys?.has(k)) nb++;
  return na === nb;
}

/** Freeze an object graph: shared immutable data (stored API objects, parsed scripts) cannot be mutated. */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    const r = o as Record<string, unknown>;
    for (const k in r) {
      const v = r[k];
      if (v && typeof v === "object") deepFreeze(v);
    }
  }
  return o;
}

/**
 * A deep copy of plain JSON-like data (objects, arrays, primitives; undefined values kept), several
 * times cheaper than structuredClone for the small objects of the write path. Anything else (a Date,
 * a Map) goes through structuredClone.
 */
export function plainClone<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = plainClone(v[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = plainClone((v as Record<string, unknown>)[k]);
  return out as T;
}

/** plainClone and deepFreeze in one pass: the copy a store keeps (plain JSON-like data only). */
export function frozenClone<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = frozenClone(v[i]);
    return Object.freeze(out) as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return deepFreeze(structuredClone(v));
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = frozenClone((v as Record<string, unknown>)[k]);
  return Object.freeze(out) as T;
}
