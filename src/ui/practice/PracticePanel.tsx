// Interview practice: quiz, flashcards, mock interview and the "what happens when…" drill.
import "./practice.css";
import { type KeyboardEvent, useRef } from "react";
import Flashcards from "./Flashcards";
import Interview from "./Interview";
import { type PracticeMode, usePractice } from "./practiceStore";
import QuizRunner from "./QuizRunner";
import { progressTotals } from "./storage";

const MODES: { id: PracticeMode; label: string }[] = [
  { id: "quiz", label: "Quiz" },
  { id: "flashcards", label: "Flashcards" },
  { id: "interview", label: "Interview" },
  { id: "drill", label: "What happens when…" },
];

function Summary() {
  const progress = usePractice((s) => s.progress);
  const t = progressTotals(progress);
  return (
    <p className="practice-summary" data-testid="practice-progress">
      {t.attempts === 0 ? (
        "No answers yet"
      ) : (
        <>
          {t.attempts} answer{t.attempts === 1 ? "" : "s"} · {t.correct} right (
          {Math.round((100 * t.correct) / t.attempts)}%)
        </>
      )}
      {progress.bestInterviewPercent !== undefined && <> · best interview {progress.bestInterviewPercent}%</>}
    </p>
  );
}

function ModeTabs() {
  const mode = usePractice((s) => s.mode);
  const setMode = usePractice((s) => s.setMode);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  // Arrow keys move between the modes (and stay away from the player's → step).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = MODES.findIndex((m) => m.id === mode);
    const to =
      e.key === "ArrowRight"
        ? (i + 1) % MODES.length
        : e.key === "ArrowLeft"
          ? (i + MODES.length - 1) % MODES.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? MODES.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    e.stopPropagation();
    setMode(MODES[to].id);
    refs.current[to]?.focus();
  };
  return (
    <div role="tablist" aria-label="Practice modes" className="practice-modes" onKeyDown={onKeyDown}>
      {MODES.map((m, i) => (
        <button
          type="button"
          role="tab"
          key={m.id}
          id={`practice-tab-${m.id}`}
          aria-selected={m.id === mode}
          aria-controls="practice-view"
          tabIndex={m.id === mode ? 0 : -1}
          ref={(el) => {
            refs.current[i] = el;
          }}
          className={m.id === mode ? "selected" : undefined}
          onClick={() => setMode(m.id)}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}

export default function PracticePanel() {
  const mode = usePractice((s) => s.mode);
  const message = usePractice((s) => s.message);
  const dismiss = usePractice((s) => s.dismissMessage);
  return (
    <div className="practice">
      {message && (
        <div className="practice-note" role="alert" data-testid="practice-notice">
          <span>{message}</span>
          <button type="button" onClick={dismiss} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      <div className="practice-head">
        <ModeTabs />
        <Summary />
      </div>
      <div
        role="tabpanel"
        id="practice-view"
        aria-labelledby={`practice-tab-${mode}`}
        className="practice-view"
      >
        {mode === "quiz" && <QuizRunner kind="quiz" />}
        {mode === "drill" && <QuizRunner kind="drill" />}
        {mode === "flashcards" && <Flashcards />}
        {mode === "interview" && <Interview />}
      </div>
    </div>
  );
}
