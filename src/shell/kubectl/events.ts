// k8s: staging/src/k8s.io/kubectl/pkg/cmd/events/{events.go,event_printer.go} — `kubectl events`:
// the events of a namespace (or all, -A), optionally --for one object and --types Normal/Warning,
// oldest first, as `LAST SEEN  TYPE  REASON  OBJECT  MESSAGE` with OBJECT as `Kind/name`; -w keeps
// printing new ones; -o yaml|json prints an EventList.
import type { Event } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../sim/apiserver/types";
import { parseRfc3339 } from "../../sim/clock/time";
import { ageSince } from "../format/duration";
import { GoTemplateError, goTemplate } from "../format/goTemplate";
import { jsonpath } from "../format/jsonpath";
import { toJson, toYaml } from "../format/objects";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiList, type KubectlContext, KubectlError, nowMs } from "./common";
import type { FlagSpec } from "./flags";
import { parseOutput } from "./output";
import { renderTable } from "./printers";
import { lookupResource } from "./resources";

export const EVENTS_FLAGS: FlagSpec[] = [
  { name: "watch", short: "w", type: "bool" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "for", type: "string" },
  { name: "types", type: "strings" },
  { name: "no-headers", type: "bool" },
  { name: "output", short: "o", type: "string" },
  { name: "template", type: "string" },
  { name: "chunk-size", type: "int" },
];

/** getInterval: first seen, or `<last> (xN over <first>)` for a series or a counted event. */
function interval(e: Event, now: number): string {
  const first = e.eventTime ? ageSince(e.eventTime, now) : ageSince(e.firstTimestamp, now);
  if (e.series) return `${ageSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${ageSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** SortableEvents' eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? parseRfc3339(t) : 0;
}

function row(e: Event, now: number, allNs: boolean): string[] {
  const io = e.involvedObject;
  const cells = [
    interval(e, now),
    e.type ?? "",
    e.reason ?? "",
    `${io.kind ?? ""}/${io.name ?? ""}`,
    (e.message ?? "").trim(),
  ];
  return allNs ? [e.metadata?.namespace ?? "", ...cells] : cells;
}

export async function runEvents(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const allNs = k.flags.bool("all-namespaces");
  const types = k.flags
    .list("types")
    .flatMap((t) => t.split(","))
    .filter((t) => t !== "");
  // ToOptions: --for TYPE/NAME through the REST mapper
  let forKind: string | undefined;
  let forName: string | undefined;
  const forArg = k.flags.str("for");
  if (forArg) {
    if (!forArg.includes("/")) return out.err("error: --for must be in resource/name form").result(1);
    const seg = forArg.split("/");
    if (seg.length !== 2)
      return out.err("error: arguments in resource/name form may not have more than one slash").result(1);
    const rt = lookupResource(seg[0]);
    if (!rt) return out.err(`error: the server doesn't have a resource type "${seg[0]}"`).result(1);
    forKind = rt.kind;
    forName = seg[1];
  }
  // Validate
  if (types.some((t) => !/^(normal|warning)$/i.test(t)))
    return out.err("error: valid --types are Normal or Warning").result(1);
  const fmt = parseOutput(k.flags.str("output"), k.flags.str("template"));
  const wanted = (e: Event) =>
    (types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? "").toLowerCase())) &&
    (forKind === undefined || (e.involvedObject.kind === forKind && e.involvedObject.name === forName));
  const ns = allNs ? undefined : k.namespace;
  const events = apiList<Event>(k.node, "Event", { namespace: ns })
    .filter(wanted)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => eventTime(a.e) - eventTime(b.e) || a.i - b.i)
    .map((x) => x.e);
  const now = nowMs(k.node);
  const noHeaders = k.flags.bool("no-headers");
  const table = (list: Event[], headers: boolean): string => {
    const rows = list.map((e) => row(e, now, allNs));
    if (headers)
      rows.unshift([...(allNs ? ["NAMESPACE"] : []), "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
    return renderTable(rows);
  };
  if (k.flags.bool("watch") && k.follow) {
    // runWatch: the watch's initial ADDED events, then each new one as it arrives (deletions are not shown)
    const follow = k.follow;
    let headers = !noHeaders && fmt.kind === "table";
    const stop = k.node.api.watch("Event", { namespace: ns }, (w) => {
      const e = w.object as unknown as Event;
      if (w.type === "DELETED" || !wanted(e)) return;
      follow.write(table([e], headers));
      headers = false;
    });
    await follow.interrupted;
    stop();
    return out.result(0);
  }
  if (events.length === 0) {
    out.err(allNs ? "No events found." : `No events found in ${k.namespace} namespace.`);
    return out.result(0);
  }
  if (fmt.kind === "table") return out.out(table(events, !noHeaders)).result(0);
  const items = events.map((e) => ({ apiVersion: "v1", kind: "Event", ...e }) as unknown as KubeObject);
  const list = { apiVersion: "v1", items, kind: "EventList", metadata: {} };
  try {
    if (fmt.kind === "yaml") return out.out(toYaml(list)).result(0);
    if (fmt.kind === "json") return out.out(toJson(list)).result(0);
    if (fmt.kind === "name")
      return out.out(items.map((o) => `event/${o.metadata?.name}\n`).join("")).result(0);
    if (fmt.kind === "jsonpath")
      return out.out(jsonpath(fmt.template.replace(/^'(.*)'$/s, "$1"), list)).result(0);
    if (fmt.kind === "go-template") return out.out(goTemplate(fmt.template, list)).result(0);
  } catch (e) {
    if (e instanceof GoTemplateError || e instanceof Error) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  return out.err("error: custom-columns is not supported by kubectl events").result(1);
}
