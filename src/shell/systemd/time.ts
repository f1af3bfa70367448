// systemd's time formats: `Thu 2026-01-15 09:00:00 UTC`, relative `5min ago`, journal `Jan 15 09:00:01`.
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

function utc(ms: number) {
  return new Date(ms);
}

/** format_timestamp(): `Thu 2026-01-15 09:00:00 UTC`. */
export function systemdTimestamp(ms: number): string {
  const d = utc(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

/** journalctl -o short: `Jan 15 09:00:01`. */
export function journalTimestamp(ms: number): string {
  const d = utc(ms);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 2_629_800_000; // systemd USEC_PER_MONTH (30.44 days)
const YEAR = 31_557_600_000; // USEC_PER_YEAR (365.25 days)

/** format_timestamp_relative(): `3s ago`, `5min ago`, `1h 2min ago`, `2 days ago`. */
export function systemdRelative(deltaMs: number): string {
  const d = Math.max(0, deltaMs);
  const f = Math.floor;
  if (d >= YEAR) return `${f(d / YEAR)} years ${f((d % YEAR) / MONTH)} months ago`;
  if (d >= MONTH) return `${f(d / MONTH)} months ${f((d % MONTH) / DAY)} days ago`;
  if (d >= WEEK) return `${f(d / WEEK)} weeks ${f((d % WEEK) / DAY)} days ago`;
  if (d >= 2 * DAY) return `${f(d / DAY)} days ago`;
  if (d >= 25 * HOUR) return `1 day ${f((d - DAY) / HOUR)}h ago`;
  if (d >= 6 * HOUR) return `${f(d / HOUR)}h ago`;
  if (d >= HOUR) return `${f(d / HOUR)}h ${f((d % HOUR) / MIN)}min ago`;
  if (d >= 5 * MIN) return `${f(d / MIN)}min ago`;
  if (d >= MIN) return `${f(d / MIN)}min ${f((d % MIN) / SEC)}s ago`;
  if (d >= SEC) return `${f(d / SEC)}s ago`;
  if (d >= 1) return `${f(d)}ms ago`;
  return "now";
}

/** format_timespan() for CPU time: `95ms`, `1.204s`, `1min 2.345s`. */
export function systemdTimespan(ms: number): string {
  if (ms < SEC) return `${Math.round(ms)}ms`;
  if (ms < MIN) return `${trim(ms / SEC)}s`;
  const min = Math.floor(ms / MIN);
  const rest = ms - min * MIN;
  if (min < 60) return `${min}min ${trim(rest / SEC)}s`;
  return `${Math.floor(min / 60)}h ${min % 60}min ${Math.floor(rest / SEC)}s`;
}

function trim(n: number): string {
  return n.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
}

/**
 * journalctl --since/--until: `2026-01-15 09:00:00`, `2026-01-15`, `09:00`, `5 min ago`, `-5m`, `today`,
 * `yesterday`, `now`. Returns epoch ms or undefined.
 */
export function parseSystemdTime(spec: string, nowMs: number): number | undefined {
  const s = spec.trim();
  if (s === "now") return nowMs;
  const dayStart = nowMs - (nowMs % DAY);
  if (s === "today") return dayStart;
  if (s === "yesterday") return dayStart - DAY;
  if (s === "tomorrow") return dayStart + DAY;
  const units: Record<string, number> = {
    s: SEC,
    sec: SEC,
    second: SEC,
    seconds: SEC,
    m: MIN,
    min: MIN,
    minute: MIN,
    minutes: MIN,
    h: HOUR,
    hour: HOUR,
    hours: HOUR,
    d: DAY,
    day: DAY,
    days: DAY,
    w: WEEK,
    week: WEEK,
    weeks: WEEK,
  };
  const rel = /^(?:-\s*)?(\d+)\s*([a-z]+)(?:\s+ago)?$/.exec(s);
  if (rel && units[rel[2]] !== undefined && (s.startsWith("-") || s.endsWith("ago"))) {
    return nowMs - Number(rel[1]) * units[rel[2]];
  }
  const abs = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(s);
  if (abs) {
    return Date.UTC(+abs[1], +abs[2] - 1, +abs[3], +(abs[4] ?? 0), +(abs[5] ?? 0), +(abs[6] ?? 0));
  }
  const hm = /^(\d\d):(\d\d)(?::(\d\d))?$/.exec(s);
  if (hm) return dayStart + +hm[1] * HOUR + +hm[2] * MIN + +(hm[3] ?? 0) * SEC;
  return undefined;
}
