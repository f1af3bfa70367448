// Kubernetes Events as `kubectl describe` lists them: Type Reason Age From Message.
import type { KubeObject } from "../../sim/apiserver/types";
import { useSim } from "../../store";
import { humanDuration } from "../format";

/** A stable empty list: a fresh `[]` from a selector re-renders forever (React error #185). */
const NO_EVENTS: unknown[] = [];

interface EventView {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
}

function ts(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const v = Date.parse(s);
  return Number.isNaN(v) ? undefined : v;
}

/** kubectl describe: `12s`, or `2m (x3 over 5m)` for an aggregated event. */
export function ageText(e: EventView, nowWall: number): string {
  const last = ts(e.lastTimestamp) ?? ts(e.eventTime) ?? ts(e.firstTimestamp);
  if (last === undefined) return "<unknown>";
  const age = humanDuration(nowWall - last);
  const first = ts(e.firstTimestamp);
  if ((e.count ?? 1) > 1 && first !== undefined)
    return `${age} (x${e.count} over ${humanDuration(nowWall - first)})`;
  return age;
}

export default function EventsPanel() {
  const events = useSim((s) => s.snapshot?.events ?? NO_EVENTS) as KubeObject[];
  const nowWall = useSim((s) => s.epochMs + s.t);
  if (events.length === 0) return <p className="empty">No events yet.</p>;
  const sorted = [...events]
    .map((e) => e as unknown as EventView & KubeObject)
    .sort((a, b) => (ts(a.lastTimestamp ?? a.eventTime) ?? 0) - (ts(b.lastTimestamp ?? b.eventTime) ?? 0));
  return (
    <div className="events-panel">
      <table className="events" data-testid="events-table">
        <thead>
          <tr>
            <th>Type</th>
            <th>Reason</th>
            <th>Age</th>
            <th>From</th>
            <th>Object</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((e, i) => (
            <tr key={e.metadata?.name ?? i} className={e.type === "Warning" ? "warning" : undefined}>
              <td>{e.type}</td>
              <td>{e.reason}</td>
              <td className="nowrap">{ageText(e, nowWall)}</td>
              <td>{e.source?.component ?? e.reportingComponent ?? ""}</td>
              <td className="nowrap">
                {e.involvedObject
                  ? `${(e.involvedObject.kind ?? "").toLowerCase()}/${e.involvedObject.name ?? ""}`
                  : ""}
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
