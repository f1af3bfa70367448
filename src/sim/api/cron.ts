// github.com/robfig/cron/v3 parser.go + spec.go (ParseStandard, SpecSchedule.Next) and Go's time zones —
// the CronJob schedule: five fields (minute hour day-of-month month day-of-week) with names, ranges,
// steps, `*`/`?`, the @yearly…@hourly descriptors and `@every <duration>`; the next time it fires, in
// UTC (kube-controller-manager's time.Local) or in spec.timeZone.
// biome-ignore-all lint/style/noRestrictedGlobals: Date.UTC is calendar arithmetic on given fields, never "now".
import { parseDuration } from "../clock/time";

/** The minutes (or hours, days…) a field allows; `star` marks `*`/`?` (day matching reads it). */
interface Field {
  bits: ReadonlySet<number>;
  star: boolean;
}

export type CronSchedule =
  | {
      kind: "spec";
      second: Field;
      minute: Field;
      hour: Field;
      dom: Field;
      month: Field;
      dow: Field;
      /** A `TZ=`/`CRON_TZ=` prefix of the schedule itself (undefined: the caller's zone). */
      zone?: string;
    }
  /** `@every 1h30m`: a constant delay, whole seconds, at least one. */
  | { kind: "every"; delayMs: number };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

class CronError extends Error {}

function bits(min: number, max: number, step: number): Set<number> {
  const out = new Set<number>();
  for (let i = min; i <= max; i += step) out.add(i);
  return out;
}

const all = (r: Bounds): Field => ({ bits: bits(r.min, r.max, 1), star: true });
const one = (v: number): Field => ({ bits: new Set([v]), star: false });

/** mustParseInt: strconv.Atoi, then no negative numbers. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr))
    throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": invalid syntax`);
  const num = Number.parseInt(expr, 10);
  if (num < 0) throw new CronError(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

/** getRange: `number | number "-" number [ "/" number ]`, `*`/`?`, and `N/step` meaning N-max/step. */
function getRange(expr: string, r: Bounds): Field {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  return { bits: bits(start, end, step), star };
}

/** getField: a comma-separated list of ranges. */
function getField(field: string, r: Bounds): Field {
  const out = new Set<number>();
  let star = false;
  for (const expr of field.split(",").filter((e) => e !== "")) {
    const f = getRange(expr, r);
    for (const b of f.bits) out.add(b);
    star ||= f.star;
  }
  return { bits: out, star };
}

function parseDescriptor(descriptor: string, zone: string | undefined): CronSchedule {
  const base = { kind: "spec" as const, second: one(0), minute: one(0), zone };
  switch (descriptor) {
    case "@yearly":
    case "@annually":
      return { ...base, hour: one(0), dom: one(1), month: one(1), dow: all(DOW) };
    case "@monthly":
      return { ...base, hour: one(0), dom: one(1), month: all(MONTHS), dow: all(DOW) };
    case "@weekly":
      return { ...base, hour: one(0), dom: all(DOM), month: all(MONTHS), dow: one(0) };
    case "@daily":
    case "@midnight":
      return { ...base, hour: one(0), dom: all(DOM), month: all(MONTHS), dow: all(DOW) };
    case "@hourly":
      return { ...base, hour: all(HOURS), dom: all(DOM), month: all(MONTHS), dow: all(DOW) };
  }
  const every = "@every ";
  if (descriptor.startsWith(every)) {
    const text = descriptor.slice(every.length);
    const ms = parseDuration(text);
    if (ms === undefined)
      throw new CronError(`failed to parse duration ${descriptor}: time: invalid duration "${text}"`);
    // Every(): at least a second, whole seconds
    const delay = Math.max(1000, ms - (ms % 1000));
    return { kind: "every", delayMs: delay };
  }
  throw new CronError(`unrecognized descriptor: ${descriptor}`);
}

/** cron.ParseStandard: the schedule, or the parser's error text (what validation and events print). */
export function parseCronSchedule(input: string): CronSchedule | string {
  try {
    let spec = input;
    if (spec.length === 0) throw new CronError("empty spec string");
    let zone: string | undefined;
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      const i = spec.indexOf(" ");
      const eq = spec.indexOf("=");
      const name = spec.slice(eq + 1, i < 0 ? spec.length : i);
      if (i < 0 || !validTimeZone(name))
        throw new CronError(`provided bad location ${name}: unknown time zone ${name}`);
      zone = name;
      spec = spec.slice(i).trim();
    }
    if (spec.startsWith("@")) return parseDescriptor(spec, zone);
    const fields = spec.split(/\s+/).filter((f) => f !== "");
    if (fields.length !== 5)
      throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
    return {
      kind: "spec",
      second: one(0),
      minute: getField(fields[0], MINUTES),
      hour: getField(fields[1], HOURS),
      dom: getField(fields[2], DOM),
      month: getField(fields[3], MONTHS),
      dow: getField(fields[4], DOW),
      zone,
    };
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}

// ---- time zones: Go's time.LoadLocation over the JavaScript engine's IANA database ----

const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatFor(zone: string): Intl.DateTimeFormat | null {
  let f = formats.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null;
    }
    formats.set(zone, f);
  }
  return f;
}

/**
 * time.LoadLocation succeeds: an IANA zone name as the zoneinfo files spell it ("UTC",
 * "America/New_York", "Etc/GMT+5"). Go is case-sensitive where the engine is not: every part of the
 * name must start as the file does (an upper-case letter).
 */
export function validTimeZone(zone: string): boolean {
  if (zone === "" || zone === "Local") return false;
  if (!zone.split("/").every((p) => /^[A-Z]/.test(p))) return false;
  return formatFor(zone) !== null;
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

function utcCivil(ms: number): Civil {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The wall clock in `zone` at instant `ms` (UTC when no zone). */
export function civilIn(ms: number, zone: string | undefined): Civil {
  const f = zone && zone !== "UTC" ? formatFor(zone) : null;
  if (!f) return utcCivil(ms);
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return utcCivil(asUtc);
}

/** The zone's offset from UTC at instant `ms`, in ms. */
function offsetAt(ms: number, zone: string | undefined): number {
  if (!zone || zone === "UTC") return 0;
  const c = civilIn(ms, zone);
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - whole;
}

/** time.Date(y, m, d, h, mi, s, 0, loc): fields normalized (month 13 is next January), then placed in the zone. */
function dateIn(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string | undefined,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!zone || zone === "UTC") return naive;
  const guess = naive - offsetAt(naive, zone);
  return naive - offsetAt(guess, zone);
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

function dayMatches(s: Extract<CronSchedule, { kind: "spec" }>, c: Civil): boolean {
  const domMatch = s.dom.bits.has(c.day);
  const dowMatch = s.dow.bits.has(c.weekday);
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * Schedule.Next: the first instant strictly after `fromMs` (epoch ms) that the schedule allows, in
 * the schedule's own zone, else `zone`, else UTC; 0 (Go's zero time) when none within five years.
 */
export function cronNext(s: CronSchedule, fromMs: number, zone?: string): number {
  const floorSecond = fromMs - (((fromMs % 1000) + 1000) % 1000);
  if (s.kind === "every") return floorSecond + s.delayMs;
  const loc = s.zone ?? zone;
  // the earliest possible time: the upcoming second
  let t = floorSecond + 1000;
  let added = false;
  const yearLimit = civilIn(t, loc).year + 5;
  wrap: for (;;) {
    let c = civilIn(t, loc);
    if (c.year > yearLimit) return 0;
    while (!s.month.bits.has(c.month)) {
      if (!added) {
        added = true;
        t = dateIn(c.year, c.month, 1, 0, 0, 0, loc);
        c = civilIn(t, loc);
      }
      t = dateIn(c.year, c.month + 1, c.day, c.hour, c.minute, c.second, loc);
      c = civilIn(t, loc);
      if (c.month === 1) continue wrap;
    }
    while (!dayMatches(s, c)) {
      if (!added) {
        added = true;
        t = dateIn(c.year, c.month, c.day, 0, 0, 0, loc);
        c = civilIn(t, loc);
      }
      t = dateIn(c.year, c.month, c.day + 1, c.hour, c.minute, c.second, loc);
      c = civilIn(t, loc);
      // a DST change moved midnight: back to it
      if (c.hour !== 0) {
        t += c.hour > 12 ? (24 - c.hour) * HOUR : -c.hour * HOUR;
        c = civilIn(t, loc);
      }
      if (c.day === 1) continue wrap;
    }
    while (!s.hour.bits.has(c.hour)) {
      if (!added) {
        added = true;
        t = dateIn(c.year, c.month, c.day, c.hour, 0, 0, loc);
      }
      t += HOUR;
      c = civilIn(t, loc);
      if (c.hour === 0) continue wrap;
    }
    while (!s.minute.bits.has(c.minute)) {
      if (!added) {
        added = true;
        t -= ((t % MINUTE) + MINUTE) % MINUTE;
      }
      t += MINUTE;
      c = civilIn(t, loc);
      if (c.minute === 0) continue wrap;
    }
    while (!s.second.bits.has(c.second)) {
      if (!added) {
        added = true;
        t -= ((t % 1000) + 1000) % 1000;
      }
      t += 1000;
      c = civilIn(t, loc);
      if (c.second === 0) continue wrap;
    }
    return t;
  }
}

/** time.RFC3339 of an instant as seen in `zone`: 2026-01-15T09:01:00Z, 2026-01-15T04:01:00-05:00. */
export function rfc3339In(ms: number, zone: string | undefined): string {
  const c = civilIn(ms, zone);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const base = `${p(c.year, 4)}-${p(c.month)}-${p(c.day)}T${p(c.hour)}:${p(c.minute)}:${p(c.second)}`;
  const off = Math.round(offsetAt(ms, zone) / 60_000);
  if (off === 0) return `${base}Z`;
  const a = Math.abs(off);
  return `${base}${off < 0 ? "-" : "+"}${p(Math.floor(a / 60))}:${p(a % 60)}`;
}
