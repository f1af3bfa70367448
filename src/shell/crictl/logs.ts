// cri-tools cmd/crictl/logs.go + k8s.io/cri-client/pkg/logs: read the CRI log file named by ContainerStatus.logPath.
// Simplified: --since/--limit-bytes/--stream are accepted but only --tail, -t, -p and -f act; stderr lines are
// written to stdout so that the terminal keeps their order.
import { rfc3339NanoFixed } from "../../sim/clock";
import { parseDuration } from "../../sim/clock/time";
import { errorText } from "../../sim/cri";
import { flagBool, flagInt, flagString } from "./flags";
import { CrictlFatal } from "./runner";
import { resolveContainerId, type Verb } from "./verb";

export interface CriLogLine {
  /** The timestamp as written (RFC3339Nano). */
  time: string;
  stream: "stdout" | "stderr";
  /** Full line after joining partial (P) fragments. */
  message: string;
  /** A P fragment with no F after it (the container's last output had no newline): printed without one. */
  partial?: boolean;
}

/**
 * Parse CRI log text: `<ts> <stream> <P|F> <msg>`. P fragments are joined with the next line of the same
 * stream; the joined line keeps the first fragment's timestamp. Returns complete lines and leftover partials.
 */
export function parseCriLog(text: string, pending = new Map<string, CriLogLine>()): CriLogLine[] {
  const out: CriLogLine[] = [];
  for (const raw of text.split("\n")) {
    if (raw === "") continue;
    const m = /^(\S+) (stdout|stderr) ([PF]) ?(.*)$/.exec(raw);
    if (!m) continue;
    const stream = m[2] as "stdout" | "stderr";
    const prev = pending.get(stream);
    const line: CriLogLine = prev
      ? { ...prev, message: prev.message + m[4] }
      : { time: m[1], stream, message: m[4] };
    if (m[3] === "P") pending.set(stream, line);
    else {
      pending.delete(stream);
      out.push(line);
    }
  }
  return out;
}

/** `2026-01-15T09:00:01.5Z` → the fixed-width form `crictl logs -t` prints. */
export function fixedTimestamp(ts: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(ts);
  if (!m) return ts;
  const nanos = Number((m[2] ?? "").padEnd(9, "0"));
  const ms = Date.parse(`${m[1]}Z`) + Math.floor(nanos / 1e6);
  return rfc3339NanoFixed(ms, nanos % 1e6);
}

/**
 * --since (docker's timetypes.GetTimestamp): a Go duration before now, an RFC3339 date/time
 * (without a zone: UTC on this node), or Unix seconds. Returns epoch ms.
 */
export function parseSince(value: string, nowMs: number): number | undefined {
  if (value === "") return undefined;
  const dur = parseDuration(value);
  if (dur !== undefined) return nowMs - dur;
  if (/^\d+(\.\d{1,9})?$/.test(value)) return Number(value) * 1000;
  const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d(?::\d\d(?::\d\d(?:\.\d{1,9})?)?)?))?(Z|[+-]\d\d:\d\d)?$/.exec(value);
  if (m) {
    const clock = m[2] ?? "00";
    const time = clock.length === 2 ? `${clock}:00:00` : clock.length === 5 ? `${clock}:00` : clock;
    const t = Date.parse(`${m[1]}T${time}${m[3] ?? "Z"}`);
    if (!Number.isNaN(t)) return t;
  }
  throw new CrictlFatal(`failed to parse value as time or duration: "${value}"`);
}

function render(lines: CriLogLine[], timestamps: boolean): string {
  return lines
    .map((l) => `${timestamps ? `${fixedTimestamp(l.time)} ` : ""}${l.message}${l.partial ? "" : "\n"}`)
    .join("");
}

const logs: Verb = {
  name: "logs",
  usage: "Fetch the logs of a container",
  argsUsage: "CONTAINER-ID",
  flags: [
    { name: "follow", aliases: ["f"], kind: "bool", usage: "Follow log output" },
    {
      name: "previous",
      aliases: ["p"],
      kind: "bool",
      usage: "Print the logs for the previous instance of the container in a pod if it exists",
    },
    {
      name: "tail",
      kind: "int",
      usage: "Number of lines to show from the end of the logs. Defaults to all",
      value: -1,
    },
    {
      name: "limit-bytes",
      kind: "int",
      usage: "Maximum bytes of logs to return. Defaults to no limit",
      value: -1,
    },
    {
      name: "since",
      kind: "string",
      usage: "Show logs since timestamp (e.g. 2013-01-02T13:23:37) or relative (e.g. 42m for 42 minutes)",
    },
    { name: "timestamps", aliases: ["t"], kind: "bool", usage: "Show timestamps" },
    {
      name: "reopen",
      aliases: ["r"],
      kind: "bool",
      usage: "Reopen the container logs for the provided container",
    },
    {
      name: "stream",
      aliases: ["s"],
      kind: "string",
      usage: "Show specified stream (stdout or stderr). Defaults to both.",
    },
  ],
  async run(r, p) {
    const arg = p.args[0] ?? "";
    if (arg === "") throw new CrictlFatal("ID cannot be empty");
    if (p.args.length > 1) return -1;
    await r.connect();
    const since = parseSince(flagString(p, "since"), r.nowMs());
    const streamFlag = flagString(p, "stream");
    if (streamFlag !== "" && streamFlag !== "stdout" && streamFlag !== "stderr")
      throw new CrictlFatal(`invalid stream "${streamFlag}", must be "stdout" or "stderr"`);
    if (p.set.has("tail") && p.set.has("stream"))
      throw new CrictlFatal("--tail and --stream are mutually exclusive");
    if (flagBool(p, "reopen")) r.logrus("INFO", "Container logs reopened");
    const id = await resolveContainerId(r, arg);
    let status: Awaited<ReturnType<typeof r.rpc<import("../../sim/cri").ContainerStatusResponse>>>;
    try {
      status = await r.rpc(
        r.node.runtimeService.containerStatus({ containerId: id }),
        "ContainerStatus from runtime service failed",
        [["containerID", id]],
      );
    } catch (e) {
      // logs.go returns the ContainerStatus error as it is.
      throw new CrictlFatal(errorText(e));
    }
    let logPath = status.status.logPath;
    if (!logPath) throw new CrictlFatal("the container has not set log path");
    if (flagBool(p, "previous")) {
      const attempt = status.status.metadata.attempt;
      if (attempt === 0)
        throw new CrictlFatal(`previous terminated container ${status.status.metadata.name} not found`);
      const dot = logPath.lastIndexOf(".");
      logPath = `${logPath.slice(0, logPath.lastIndexOf("/") + 1)}${attempt - 1}${dot >= 0 ? logPath.slice(dot) : ""}`;
    }
    const text = r.node.fs.read(logPath);
    if (text === undefined) {
      throw new CrictlFatal(
        `failed to try resolving symlinks in path "${logPath}": lstat ${logPath}: no such file or directory`,
      );
    }
    const stream = streamFlag || undefined;
    const pending = new Map<string, CriLogLine>();
    const parsed = parseCriLog(text, pending);
    // cri-client ReadLogs prints a trailing partial entry as it is, without a newline
    if (!flagBool(p, "follow")) for (const l of pending.values()) parsed.push({ ...l, partial: true });
    let lines = parsed.filter(
      (l) => (!stream || l.stream === stream) && (since === undefined || Date.parse(l.time) >= since),
    );
    const tail = flagInt(p, "tail", -1);
    if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    const timestamps = flagBool(p, "timestamps");
    const follow = r.ctx.follow;
    if (!flagBool(p, "follow") || !follow) {
      // Without a streaming terminal (-f in a script), print what is there and return.
      let out = render(lines, timestamps);
      const limit = flagInt(p, "limit-bytes", -1);
      if (limit >= 0) out = new TextDecoder().decode(new TextEncoder().encode(out).slice(0, limit));
      r.print(out);
      return 0;
    }
    // Follow: print what is there, then every line appended to the file until Ctrl-C.
    follow.write(render(lines, timestamps));
    let consumed = text.length;
    const path = logPath;
    const off = r.node.fs.onWrite((changed) => {
      if (changed !== path) return;
      const now = r.node.fs.read(path) ?? "";
      if (now.length < consumed) consumed = 0; // rotated or truncated
      const fresh = now.slice(consumed);
      const lastNl = fresh.lastIndexOf("\n");
      if (lastNl === -1) return;
      consumed += lastNl + 1;
      const more = parseCriLog(fresh.slice(0, lastNl + 1), pending).filter(
        (l) => !stream || l.stream === stream,
      );
      if (more.length > 0) follow.write(render(more, timestamps));
    });
    await follow.interrupted;
    off();
    return 0;
  },
};

export const logsVerbs: Verb[] = [logs];
