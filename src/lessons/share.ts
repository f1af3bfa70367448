// Share codes: a lesson (or a named scenario) + seed + commands packed into a URL-safe string, so a
// teacher can send an exact state. Format `k1.<base64url(JSON)>.<fnv1a32 hex>`; decoding validates.

export interface ShareState {
  /** A lesson or lab id, when the state starts from one. */
  lesson?: string;
  /** A free-form scenario name (e.g. "sandbox"), when not a lesson. */
  scenario?: string;
  seed: number;
  /** Commands run after the lesson's setup, in order. */
  commands: string[];
  /**
   * Virtual ms each command ran at (same length as commands, never decreasing): a replay advances
   * the clock to each before running it. Absent: the commands run one after another.
   */
  times?: number[];
  /** Virtual ms the state was shared at (≥ the last time): a replay advances to here at the end. */
  t?: number;
}

const PREFIX = "k1";
const MAX_COMMANDS = 500;
const MAX_CODE = 64_000;

export type DecodeResult = { ok: true; value: ShareState } | { ok: false; error: string };

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const chunk = s.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) n = (n << 6) | (k < chunk.length ? B64.indexOf(chunk[k]) : 0);
    out.push((n >> 16) & 255);
    if (chunk.length > 2) out.push((n >> 8) & 255);
    if (chunk.length > 3) out.push(n & 255);
  }
  return Uint8Array.from(out);
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function validate(x: unknown): ShareState | string {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return "share code does not hold an object";
  const o = x as Record<string, unknown>;
  if (typeof o.seed !== "number" || !Number.isSafeInteger(o.seed)) return "seed must be an integer";
  if (o.lesson !== undefined && (typeof o.lesson !== "string" || o.lesson === ""))
    return "lesson must be a non-empty string";
  if (o.scenario !== undefined && typeof o.scenario !== "string") return "scenario must be a string";
  if (!Array.isArray(o.commands) || !o.commands.every((c) => typeof c === "string"))
    return "commands must be a list of strings";
  if (o.commands.length > MAX_COMMANDS) return `too many commands (over ${MAX_COMMANDS})`;
  const isTime = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;
  if (o.times !== undefined) {
    if (!Array.isArray(o.times) || !o.times.every(isTime)) return "times must be a list of virtual ms (≥ 0)";
    if (o.times.length !== o.commands.length) return "times must give one time per command";
    if (o.times.some((t, i) => i > 0 && t < (o.times as number[])[i - 1])) return "times must never decrease";
  }
  if (o.t !== undefined) {
    if (!isTime(o.t)) return "t must be virtual ms (≥ 0)";
    const last = Array.isArray(o.times) ? (o.times.at(-1) as number | undefined) : undefined;
    if (last !== undefined && o.t < last) return "t must not be before the last command";
  }
  const s: ShareState = { seed: o.seed, commands: o.commands as string[] };
  if (o.lesson !== undefined) s.lesson = o.lesson as string;
  if (o.scenario !== undefined) s.scenario = o.scenario as string;
  if (o.times !== undefined) s.times = o.times as number[];
  if (o.t !== undefined) s.t = o.t;
  return s;
}

export function encodeShareCode(state: ShareState): string {
  const v = validate(state);
  if (typeof v === "string") throw new Error(`cannot encode share code: ${v}`);
  const json = JSON.stringify(v);
  const code = `${PREFIX}.${toBase64Url(new TextEncoder().encode(json))}.${fnv1a(json)}`;
  // decodeShareCode refuses longer codes: never hand out one that cannot be opened.
  if (code.length > MAX_CODE)
    throw new Error(`cannot encode share code: too long (over ${MAX_CODE} characters)`);
  return code;
}

export function decodeShareCode(code: string): DecodeResult {
  if (typeof code !== "string") return { ok: false, error: "share code must be text" };
  const c = code.trim();
  if (c.length > MAX_CODE) return { ok: false, error: "share code is too long" };
  const parts = c.split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX)
    return { ok: false, error: `not a share code (expected ${PREFIX}.<data>.<checksum>)` };
  const bytes = fromBase64Url(parts[1]);
  if (!bytes) return { ok: false, error: "share code data is not base64url" };
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: "share code data is not UTF-8" };
  }
  if (fnv1a(json) !== parts[2]) return { ok: false, error: "share code is damaged (checksum mismatch)" };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, error: "share code data is not JSON" };
  }
  const v = validate(data);
  return typeof v === "string" ? { ok: false, error: v } : { ok: true, value: v };
}
