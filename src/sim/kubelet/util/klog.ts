// k8s: k8s.io/klog/v2 text format — `I0115 09:00:01.123456    1043 kubelet.go:2440] "msg" key="value"`.
import { rfc3339 } from "../../clock/time";

export type KlogSeverity = "I" | "W" | "E";

/** Go's %q for the strings the kubelet logs (JSON escaping matches for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * The same messages and values are logged over and over (a crash-looping pod's "Error syncing pod"
 * every 10–15 s): quote each distinct string once.
 */
const quoted = new Map<string, string>();
function quote(s: string): string {
  let q = quoted.get(s);
  if (q === undefined) {
    if (quoted.size >= 5_000) quoted.clear();
    q = goQuote(s);
    quoted.set(s, q);
  }
  return q;
}

/** `MMDD HH:MM:SS.` for one wall-clock second. */
let headerSecond = Number.NaN;
let headerText = "";
function secondHeader(wallMs: number): string {
  const second = Math.floor(wallMs / 1000);
  if (second !== headerSecond) {
    // rfc3339 gives "2026-01-15T09:00:01Z"; klog prints MMDD HH:MM:SS.micros.
    const iso = rfc3339(wallMs);
    headerSecond = second;
    headerText = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.`;
  }
  return headerText;
}

function value(v: unknown): string {
  if (typeof v === "string") return quote(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v))
    return `[${v.map((x) => (typeof x === "string" ? goQuote(x) : String(x))).join(",")}]`;
  if (v === undefined || v === null) return "<nil>";
  // Structs print as JSON, unquoted (klog's text format for a struct value).
  return JSON.stringify(v);
}

/** One klog structured line: header, quoted message, then key=value pairs in order. */
export function klogLine(
  severity: KlogSeverity,
  wallMs: number,
  pid: number,
  source: string,
  msg: string,
  kv: ReadonlyArray<readonly [string, unknown]> = [],
): string {
  const micros = String(Math.floor((((wallMs % 1000) + 1000) % 1000) * 1000)).padStart(6, "0");
  // Joined, not concatenated: the journal keeps thousands of these lines, and a joined string is one
  // flat string where a chain of + or template pieces would stay a tree of small strings.
  const parts = [
    severity,
    secondHeader(wallMs),
    micros,
    " ",
    String(pid).padStart(7),
    " ",
    source,
    "] ",
    quote(msg),
  ];
  for (const [k, v] of kv) parts.push(" ", k, "=", value(v));
  return parts.join("");
}

/** A klog line kept as its parts: the journal renders it when it is read. */
export class KlogRecord {
  constructor(
    readonly severity: KlogSeverity,
    readonly wallMs: number,
    readonly pid: number,
    readonly source: string,
    readonly msg: string,
    readonly kv: ReadonlyArray<readonly [string, unknown]>,
  ) {}

  render(): string {
    return klogLine(this.severity, this.wallMs, this.pid, this.source, this.msg, this.kv);
  }
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several as `[a, b]` (duplicates dropped). */
export function aggregateError(messages: string[]): string | undefined {
  if (messages.length === 0) return undefined;
  const uniq = [...new Set(messages.filter((m) => m !== ""))];
  if (uniq.length === 0) return undefined;
  if (uniq.length === 1) return uniq[0];
  return `[${uniq.join(", ")}]`;
}
