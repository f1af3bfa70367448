// The detail drawer: a trace event shown as the request and the response it belongs to (a CRI call
// and its answer are two events linked by causeId), a container's or sandbox's isolation, the
// Services boxes' rules, or any other diagram box's data as JSON.
import type { TraceEvent } from "../sim/trace";
import { useSim } from "../store";
import { ContainerIsolationView, SandboxIsolationView } from "./diagram/IsolationPanel";
import { asInspect, type InspectTarget } from "./diagram/inspect";
import { ServicesInspector } from "./diagram/ServicesPanel";
import { virtualClockText } from "./format";
import { narrate, realNodeNote, runtimeLabel } from "./narrator/narrate";

/** The request/response pair an event belongs to, found among the recent events. */
function pairOf(
  e: TraceEvent,
  events: readonly TraceEvent[],
): { request?: TraceEvent; response?: TraceEvent } {
  if (e.causeId !== undefined) return { request: events.find((x) => x.id === e.causeId), response: e };
  if (e.kind === "cri.request") return { request: e, response: events.find((x) => x.causeId === e.id) };
  return {};
}

function Json({ value }: { value: unknown }) {
  return <pre>{JSON.stringify(value, null, 2)}</pre>;
}

/** A live view of what a diagram box stands for (re-read from each snapshot while open). */
function Inspector({ target }: { target: InspectTarget }) {
  if (target.inspect === "container") return <ContainerIsolationView containerId={target.containerId} />;
  if (target.inspect === "sandbox") return <SandboxIsolationView sandboxId={target.sandboxId} />;
  return <ServicesInspector focus={target.focus} />;
}

export default function Drawer() {
  const selection = useSim((s) => s.selection);
  const select = useSim((s) => s.select);
  const events = useSim((s) => s.events);
  const runtime = runtimeLabel(useSim((s) => s.snapshot?.flavour?.name));
  if (!selection) return null;
  const title =
    selection.kind === "event"
      ? `Trace event #${selection.event.id} at ${virtualClockText(selection.event.t)}`
      : selection.title;
  const pair = selection.kind === "event" ? pairOf(selection.event, events) : {};
  const target = selection.kind === "box" ? asInspect(selection.data) : undefined;
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
          [{selection.event.kind}] {narrate(selection.event, runtime)}
        </p>
      )}
      {selection.kind === "event" && realNodeNote(selection.event) && (
        <p className="real-note">{realNodeNote(selection.event)}</p>
      )}
      {selection.kind === "event" && (pair.request || pair.response) ? (
        <>
          <h3>Request {pair.request ? `· ${pair.request.summary}` : ""}</h3>
          {pair.request ? (
            <Json value={pair.request.detail ?? {}} />
          ) : (
            <p className="empty">(older than the recent events)</p>
          )}
          <h3>Response {pair.response ? `· ${pair.response.summary}` : ""}</h3>
          {pair.response ? (
            <Json value={pair.response.detail ?? {}} />
          ) : (
            <p className="empty">No answer yet: the call is still in flight.</p>
          )}
          <details>
            <summary>Raw trace event</summary>
            <Json value={selection.event} />
          </details>
        </>
      ) : target ? (
        <Inspector target={target} />
      ) : (
        <Json value={selection.kind === "event" ? selection.event : selection.data} />
      )}
    </aside>
  );
}
