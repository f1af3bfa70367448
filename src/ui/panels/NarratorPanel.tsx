// The narrator: one plain-English sentence per recent trace event, newest first, linked to the event.
import type { TraceEvent } from "../../sim/trace";
import { useSim } from "../../store";
import { virtualClockText } from "../format";
import { narrate, realNodeNote, runtimeLabel } from "../narrator/narrate";

const SHOWN = 40;

/** Consecutive events that read the same (PLEG relists, status checks) fold into one line ×N. */
export function foldRepeats(
  events: TraceEvent[],
  runtime?: string,
): { e: TraceEvent; text: string; count: number; ids: number[] }[] {
  const out: { e: TraceEvent; text: string; count: number; ids: number[] }[] = [];
  for (const e of events) {
    const text = narrate(e, runtime);
    const last = out[out.length - 1];
    if (last && last.text === text) {
      last.e = e;
      last.count++;
      last.ids.push(e.id);
    } else out.push({ e, text, count: 1, ids: [e.id] });
  }
  return out;
}

/** Where the simulator simplifies: a short "on a real node…" aside under the sentence. */
function RealNote({ e }: { e: TraceEvent }) {
  const note = realNodeNote(e);
  return note ? (
    <span className="real-note" data-testid="real-note">
      {note}
    </span>
  ) : null;
}

export default function NarratorPanel() {
  const events = useSim((s) => s.events);
  const current = useSim((s) => s.currentEventId);
  const select = useSim((s) => s.select);
  const runtime = runtimeLabel(useSim((s) => s.snapshot?.flavour?.name));
  const recent = foldRepeats(events.slice(-SHOWN * 4), runtime)
    .slice(-SHOWN)
    .reverse();
  if (recent.length === 0)
    return <p className="empty">Nothing has happened yet. Press ▶ Play or → Step after applying a pod.</p>;
  return (
    <ol className="narration" data-testid="narration">
      {recent.map(({ e, text, count, ids }) => (
        <li
          key={ids[0]}
          className={`${current !== undefined && ids.includes(current) ? "current " : ""}kind-${e.kind.replace(".", "-")}`}
        >
          <button
            type="button"
            className="linklike"
            onClick={() => select({ kind: "event", event: e })}
            title="Show the trace event"
          >
            <span className="t">{virtualClockText(e.t)}</span> <span className="eid">#{e.id}</span>
          </button>{" "}
          {text}
          {count > 1 && <span className="repeat"> (×{count})</span>}
          <RealNote e={e} />
        </li>
      ))}
    </ol>
  );
}
