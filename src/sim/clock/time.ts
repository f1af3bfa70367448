// Pure formatting of instants given in epoch milliseconds (never reads the wall clock).
// biome-ignore-all lint/style/noRestrictedGlobals: Date is used only to format a given instant, never to read "now".

/** RFC3339 with seconds, as the API server stores timestamps: 2026-01-15T09:00:00Z */
const rfc3339Cache = new Map<number, string>();

export function rfc3339(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  // The same few instants are formatted over and over (status writes stamp startedAt, conditions…).
  let text = rfc3339Cache.get(second);
  if (text === undefined) {
    if (rfc3339Cache.size > 50_000) rfc3339Cache.clear();
    text = new Date(second * 1000).toISOString().replace(".000Z", "Z");
    rfc3339Cache.set(second, text);
  }
  return text;
}

/** RFC3339Nano as containerd writes CRI log lines: 2026-01-15T09:00:00.123456789Z (trailing zeros trimmed). */
export function rfc3339Nano(epochMs: number, extraNanos = 0): string {
  const whole = Math.floor(epochMs / 1000);
  const nanos = Math.round((epochMs - whole * 1000) * 1e6) + extraNanos;
  const base = secondsText(whole);
  if (nanos === 0) return `${base}Z`;
  return `${base}.${String(nanos).padStart(9, "0").replace(/0+$/, "")}Z`;
}

/** Fixed-width nanos, as `crictl logs -t` / `kubectl logs --timestamps` print: 2006-01-02T15:04:05.000000000Z */
export function rfc3339NanoFixed(epochMs: number, extraNanos = 0): string {
  const whole = Math.floor(epochMs / 1000);
  const nanos = Math.round((epochMs - whole * 1000) * 1e6) + extraNanos;
  return `${secondsText(whole)}.${String(nanos).padStart(9, "0")}Z`;
}

/** 2026-01-15T09:00:00 for a whole epoch second (every log line and journal entry asks for one). */
function secondsText(second: number): string {
  return rfc3339(second * 1000).slice(0, 19);
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Go's time.RFC1123Z, used by kubectl describe: Thu, 15 Jan 2026 09:00:00 +0000 */
export function rfc1123z(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Parse an RFC3339 timestamp into epoch ms (NaN when malformed). */
export function parseRfc3339(s: string): number {
  // The same timestamps are read again and again (a container's startedAt on every probe).
  let ms = parseCache.get(s);
  if (ms === undefined) {
    if (parseCache.size >= 10_000) parseCache.clear();
    ms = Date.parse(s);
    parseCache.set(s, ms);
  }
  return ms;
}
const parseCache = new Map<string, number>();

/** Parse a Go/kubectl style duration: 30s, 1m30s, 500ms, 2h, 1.5s. Returns ms or undefined. */
export function parseDuration(s: string): number | undefined {
  const text = s.trim();
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null) {
    const n = Number.parseFloat(m[1]);
    const unit = m[2];
    const mult =
      unit === "h"
        ? 3_600_000
        : unit === "m"
          ? 60_000
          : unit === "s"
            ? 1000
            : unit === "ms"
              ? 1
              : unit === "d"
                ? 86_400_000
                : unit === "ns"
                  ? 1e-6
                  : 1e-3;
    total += n * mult;
    matched = re.lastIndex;
    m = re.exec(text);
  }
  if (matched === 0 || matched !== text.length) return undefined;
  return total;
}

/** Go's time.Duration.String() for a non-negative ms value: 1m30s, 500ms, 1.393s, 5m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${trimFloat(ms)}ms`;
  let rest = ms / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest -= m * 60;
  const s = `${trimFloat(Math.round(rest * 1e9) / 1e9)}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}

function trimFloat(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(9)));
}
