// The detail drawer: the selected trace event (with its narration) or diagram box, as JSON.
import { useSim } from "../store";
import { virtualClockText } from "./format";
import { narrate } from "./narrator/narrate";

export default function Drawer() {
  const selection = useSim((s) => s.selection);
  const select = useSim((s) => s.select);
  if (!selection) return null;
  const title =
    selection.kind === "event"
      ? `Trace event #${selection.event.id} at ${virtualClockText(selection.event.t)}`
      : selection.title;
  return (
    <aside className="drawer" aria-label="Details" data-testid="drawer">
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={() => select(undefined)} aria-label="Close details">
          ✕
        </button>
      </header>
      {selection.kind === "event" && (
        <p className="drawer-narration">
          <strong>
            {selection.event.from} → {selection.event.to}
          </strong>{" "}
          [{selection.event.kind}] {narrate(selection.event)}
        </p>
      )}
      <pre>{JSON.stringify(selection.kind === "event" ? selection.event : selection.data, null, 2)}</pre>
    </aside>
  );
}
