// A visually hidden aria-live region that reads the narration to screen readers, at most every 2s.
import { useEffect, useRef, useState } from "react";
import { useSim } from "../store";
import { narrate, runtimeLabel } from "./narrator/narrate";

export default function LiveRegion() {
  const events = useSim((s) => s.events);
  const liveAfterId = useSim((s) => s.liveAfterId);
  const runtime = runtimeLabel(useSim((s) => s.snapshot?.flavour?.name));
  const [text, setText] = useState("");
  const last = useRef(0);
  useEffect(() => {
    const e = events[events.length - 1];
    if (!e || e.id <= liveAfterId) return;
    const now = performance.now();
    if (now - last.current < 2000) return;
    last.current = now;
    setText(narrate(e, runtime));
  }, [events, liveAfterId, runtime]);
  return (
    <div className="visually-hidden" aria-live="polite" role="status">
      {text}
    </div>
  );
}
