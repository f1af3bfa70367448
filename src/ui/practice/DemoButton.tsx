// "Show me" / "Watch it happen": opens the lesson step that shows an answer live on the node.
import { useState } from "react";
import type { DemoRef } from "../../lessons/quiz";
import { useSim } from "../../store";

type DemoOpener = (lessonId: string, stepId: string) => Promise<void>;

/** The store's openLessonDemo (starts the lesson, shows each step up to this one, opens Learn). */
function useDemoOpener(): DemoOpener | undefined {
  // Guarded: a store built without lessons (tests, older builds) leaves the button disabled.
  return useSim((s) => (typeof s.openLessonDemo === "function" ? s.openLessonDemo : undefined));
}

export default function DemoButton({
  demo,
  label = "Show me",
  about,
  primary = false,
}: {
  demo: DemoRef;
  label?: string;
  /** What the demo is about, for the button's accessible name when several are on screen. */
  about?: string;
  primary?: boolean;
}) {
  const open = useDemoOpener();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const onClick = async () => {
    if (!open) return;
    setBusy(true);
    setError(undefined);
    try {
      await open(demo.lessonId, demo.stepId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="demo-button">
      <button
        type="button"
        className={primary ? "primary" : undefined}
        disabled={!open || busy}
        aria-label={about ? `${label}: ${about}` : undefined}
        title={
          open ? "Open the lesson step that shows this on the node" : "The live demo is not available yet"
        }
        data-testid="show-me"
        onClick={() => void onClick()}
      >
        ▶ {busy ? "Opening…" : label}
      </button>
      {error && (
        <span className="practice-error" role="alert">
          Could not open the demo: {error}
        </span>
      )}
    </span>
  );
}
