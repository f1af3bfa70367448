// go-units (HumanDuration, HumanSizeWithPrecision), Go's %g, encoding/json and protojson output as crictl prints them.
import { rfc3339Nano } from "../../sim/clock";

/** docker/go-units HumanDuration: the CREATED column (`3 minutes` + " ago"). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  // go-units rounds hours (math.Round(d.Hours())).
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

const DECIMAL_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/** go-units HumanSizeWithPrecision: decimal units, `%.*g` (crictl images uses precision 3). */
export function humanSizeWithPrecision(size: number, precision: number): string {
  let i = 0;
  while (size >= 1000 && i < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return `${goFormatG(size, precision)}${DECIMAL_UNITS[i]}`;
}

/** go-units HumanSize (precision 4): crictl stats MEM/DISK. */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** Go's fmt `%.*g`: at most `prec` significant digits, trailing zeros removed, exponent form when large/small. */
export function goFormatG(v: number, prec: number): string {
  if (v === 0) return "0";
  const p = Math.max(1, prec);
  const [mant, expStr] = v.toExponential(p - 1).split("e");
  const exp = Number(expStr);
  if (exp < -4 || exp >= p) {
    const m = stripZeros(mant);
    const sign = exp < 0 ? "-" : "+";
    return `${m}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return stripZeros(v.toFixed(Math.max(0, p - 1 - exp)));
}

function stripZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** crictl getTruncatedID: strip a prefix (`sha256:`) and keep 13 characters. */
export const TRUNCATED_ID_LEN = 13;
export function truncatedId(id: string, prefix = ""): string {
  const s = prefix && id.startsWith(prefix) ? id.slice(prefix.length) : id;
  return s.length > TRUNCATED_ID_LEN ? s.slice(0, TRUNCATED_ID_LEN) : s;
}

/** CRI times are int64 nanoseconds; JS numbers keep them to ~256ns, so round to microseconds. */
export function nanosToParts(ns: number): { ms: number; extraNanos: number } {
  const micros = Math.round(ns / 1000);
  const ms = Math.floor(micros / 1000);
  return { ms, extraNanos: (micros - ms * 1000) * 1000 };
}

/** Go time.Unix(0, ns).Format(time.RFC3339Nano) on a UTC node. */
export function nanosRfc3339Nano(ns: number): string {
  const { ms, extraNanos } = nanosToParts(ns);
  return rfc3339Nano(ms, extraNanos);
}

/** protojson writes int64 as a decimal string. */
export function int64String(ns: number): string {
  return (BigInt(Math.round(ns / 1000)) * 1000n).toString();
}

/** Go's zero time.Time formatted with RFC3339Nano. */
export const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

/**
 * encoding/json: maps marshal with sorted keys; json.Indent with two spaces; HTML characters escaped.
 * crictl's inspect/info output goes through map[string]any, so every level is key-sorted.
 */
export function goJsonIndent(value: unknown, sortKeys = true): string {
  return encode(value, "", sortKeys);
}

function encode(v: unknown, indent: string, sortKeys: boolean): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goQuoteJson(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return v.toString();
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => inner + encode(x, inner, sortKeys)).join(",\n")}\n${indent}]`;
  }
  const obj = v as Record<string, unknown>;
  let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (sortKeys) keys = keys.sort();
  if (keys.length === 0) return "{}";
  return `{\n${keys.map((k) => `${inner}${goQuoteJson(k)}: ${encode(obj[k], inner, sortKeys)}`).join(",\n")}\n${indent}}`;
}

/** A JSON string as Go's encoder writes it (escapes <, >, & and U+2028/2029). */
export function goQuoteJson(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Go's %q for klog key/values (close enough for ASCII: same escapes as JSON without HTML escaping). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's time.Time.String() on a UTC node (`Created: %v` in `crictl pods -v` / `inspectp -o table`). */
export function goTimeString(ns: number): string {
  const iso = nanosRfc3339Nano(ns); // 2026-01-15T09:00:00.123456789Z
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}${m[3] ?? ""} +0000 UTC`;
}

/** The standard library logger's prefix (log.Fatalf): `2026/01/15 09:00:00`. */
export function goLogTime(epochMs: number): string {
  const iso = rfc3339Nano(Math.floor(epochMs / 1000) * 1000);
  return `${iso.slice(0, 10).replace(/-/g, "/")} ${iso.slice(11, 19)}`;
}

/** fmt's %v of a map[string]string: `map[k1:v1 k2:v2]`, keys sorted. */
export function goMapString(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return `map[${keys.map((k) => `${k}:${m?.[k]}`).join(" ")}]`;
}
