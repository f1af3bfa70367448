// journalctl over the node's Journal: `Jan 15 09:00:01 node-1 containerd[812]: msg` lines (systemd 252, -o short).
import type { JournalEntry } from "../../sim/node/systemd";
import type { SimNode } from "../../sim/node/types";
import type { Command, CommandContext, CommandResult } from "../types";
import { journalTimestamp, parseSystemdTime } from "./time";

export function journalLine(node: SimNode, e: JournalEntry): string {
  return `${journalTimestamp(node.clock.wallMs(e.t))} ${node.nodeName} ${e.ident}: ${e.message}`;
}

/** `containerd`, `containerd.service` → the Journal's unit name. */
export function unitName(arg: string): string {
  return arg.replace(/\.service$/, "");
}

interface JournalOptions {
  units: string[];
  lines?: number;
  since?: number;
  until?: number;
  follow: boolean;
  grep?: RegExp;
  reverse: boolean;
}

function parseArgs(args: string[], nowMs: number): JournalOptions | string {
  const o: JournalOptions = { units: [], follow: false, reverse: false };
  const value = (i: number, a: string): [string, number] => {
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq !== -1) return [a.slice(eq + 1), i];
    if (!a.startsWith("--") && a.length > 2) return [a.slice(2), i];
    return [args[i + 1] ?? "", i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const flag = a.split("=")[0];
    if (flag === "-u" || flag === "--unit" || (a.startsWith("-u") && !a.startsWith("--"))) {
      const [v, j] = value(i, a);
      o.units.push(unitName(v));
      i = j;
    } else if (flag === "-n" || flag === "--lines" || /^-n\d+$/.test(a)) {
      const [v, j] = value(i, a);
      o.lines = v === "all" ? undefined : Number.parseInt(v, 10);
      if (o.lines !== undefined && Number.isNaN(o.lines)) return `Failed to parse lines '${v}'`;
      i = j;
    } else if (flag === "-S" || flag === "--since" || flag === "-U" || flag === "--until") {
      const [v, j] = value(i, a);
      const t = parseSystemdTime(v, nowMs);
      if (t === undefined) return `Failed to parse timestamp: ${v}`;
      if (flag === "-S" || flag === "--since") o.since = t;
      else o.until = t;
      i = j;
    } else if (flag === "-g" || flag === "--grep") {
      const [v, j] = value(i, a);
      o.grep = new RegExp(v, /[A-Z]/.test(v) ? "" : "i");
      i = j;
    } else if (a === "-f" || a === "--follow") o.follow = true;
    else if (a === "-e" || a === "--pager-end") o.lines = o.lines ?? 1000;
    else if (a === "-r" || a === "--reverse") o.reverse = true;
    else if (/^-[xfe]+$/.test(a) || /^-[xfe]*u$/.test(a)) {
      // Combined short flags like -xe, -xeu UNIT, -fu UNIT.
      if (a.includes("f")) o.follow = true;
      if (a.includes("e")) o.lines = o.lines ?? 1000;
      if (a.endsWith("u")) {
        o.units.push(unitName(args[i + 1] ?? ""));
        i++;
      }
    } else if (
      [
        "--no-pager",
        "-x",
        "--catalog",
        "-q",
        "--quiet",
        "-l",
        "--full",
        "-a",
        "--all",
        "-b",
        "--boot",
        "-o",
      ].includes(flag)
    ) {
      if (flag === "-o") i++;
    } else return `journalctl: unrecognized option '${a}'`;
  }
  if (o.follow && o.lines === undefined) o.lines = 10;
  return o;
}

export function queryJournal(
  node: SimNode,
  o: Pick<JournalOptions, "units" | "since" | "until" | "grep">,
): JournalEntry[] {
  let entries =
    o.units.length === 0
      ? node.journal.query()
      : node.journal.query().filter((e) => o.units.includes(e.unit));
  entries = entries.filter((e) => {
    const w = node.clock.wallMs(e.t);
    return (
      (o.since === undefined || w >= o.since) &&
      (o.until === undefined || w <= o.until) &&
      (!o.grep || o.grep.test(e.message))
    );
  });
  return entries;
}

export async function runJournalctl(ctx: CommandContext): Promise<CommandResult> {
  const node = ctx.node;
  const o = parseArgs(ctx.args, node.clock.wallMs());
  if (typeof o === "string") return { stdout: "", stderr: `${o}\n`, code: 1 };
  let entries = queryJournal(node, o);
  if (o.lines !== undefined) entries = entries.slice(Math.max(0, entries.length - o.lines));
  if (o.reverse) entries = [...entries].reverse();
  // systemd 252 prints no "Logs begin at" header; an empty result says so.
  const text =
    entries.length === 0 ? "-- No entries --\n" : entries.map((e) => `${journalLine(node, e)}\n`).join("");
  if (!o.follow || !ctx.follow) return { stdout: text, stderr: "", code: 0 };
  const follow = ctx.follow;
  follow.write(entries.length === 0 ? "" : text);
  const off = node.journal.subscribe((e) => {
    if (o.units.length > 0 && !o.units.includes(e.unit)) return;
    if (o.grep && !o.grep.test(e.message)) return;
    follow.write(`${journalLine(node, e)}\n`);
  });
  await follow.interrupted;
  off();
  return { stdout: "", stderr: "", code: 0 };
}

export const journalctlCommand: Command = {
  name: "journalctl",
  summary: "Query the systemd journal (journalctl -u kubelet, -f, -n, --since)",
  run: runJournalctl,
};
