// One lesson: its intro, the steps (done ✓ / current / locked) with the current step's live
// "why not yet", a hint, "show me", and "predict the next CRI call" asked before watching; the
// outro and the next lesson once every step is done.
import { useEffect, useRef, useState } from "react";
import { ALL_LESSONS } from "../../lessons/catalog";
import type { Lesson, LessonStep, StepStatus } from "../../lessons/types";
import { simStore, useSim } from "../../store";
import Markdown from "./Markdown";

const STATE_LABEL = { done: "done", current: "current step", locked: "locked" } as const;

function PredictBox({ step, status }: { step: LessonStep; status: StepStatus }) {
  const p = step.predict;
  if (!p) return null;
  const answered = status.predicted;
  const qid = `predict-${step.id}`;
  if (!answered)
    return (
      <fieldset className="predict" aria-labelledby={qid} data-testid="predict">
        <p id={qid} className="predict-question">
          <strong>Predict first:</strong> {p.question}
        </p>
        <div className="predict-choices">
          {p.choices.map((c, i) => (
            <button
              type="button"
              key={c}
              className="predict-choice"
              onClick={() => simStore().getState().predict(step.id, i)}
            >
              {c}
            </button>
          ))}
        </div>
      </fieldset>
    );
  return (
    <div className={`predict-result ${answered.correct ? "right" : "wrong"}`} data-testid="predict-result">
      <p>
        {answered.correct ? "✓ Right: " : "✗ Not quite: "}
        you predicted <strong>{p.choices[answered.choice]}</strong>
        {answered.correct ? (
          "."
        ) : (
          <>
            ; the answer is <strong>{p.choices[p.answer]}</strong>.
          </>
        )}
      </p>
      <Markdown text={p.explanation} />
    </div>
  );
}

function CurrentStepTools({
  step,
  status,
  running,
}: {
  step: LessonStep;
  status: StepStatus;
  running: boolean;
}) {
  const [hint, setHint] = useState(false);
  const needsPrediction = step.predict !== undefined && !status.predicted;
  return (
    <>
      <PredictBox step={step} status={status} />
      <p className="step-why" data-testid="step-why">
        <span className="why-label">Not done yet:</span> {status.why ?? "the check does not hold yet"}
      </p>
      <div className="step-actions">
        <button
          type="button"
          aria-expanded={hint}
          aria-controls={`hint-${step.id}`}
          onClick={() => setHint((h) => !h)}
        >
          {hint ? "Hide hint" : "Hint"}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="show-me"
          disabled={running || needsPrediction}
          title={needsPrediction ? "Answer the prediction first, then watch" : "Run this step's commands"}
          onClick={() => void simStore().getState().showMe(step.id)}
        >
          {running ? "Running…" : "Show me"}
        </button>
      </div>
      {hint && (
        <p className="step-hint" id={`hint-${step.id}`} data-testid="hint">
          <span className="why-label">Hint:</span> <code>{step.hint}</code>
        </p>
      )}
    </>
  );
}

export function Step({
  step,
  status,
  index,
  running,
  follow = true,
}: {
  step: LessonStep;
  status: StepStatus;
  index: number;
  running: boolean;
  /** Scroll the step into view when it becomes the current one. */
  follow?: boolean;
}) {
  const ref = useRef<HTMLLIElement>(null);
  const current = status.state === "current";
  // The new current step scrolls into view when the one before it turns done.
  useEffect(() => {
    if (current && follow) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [current, follow]);
  return (
    <li
      ref={ref}
      className={`lesson-step ${status.state}`}
      data-testid={`step-${step.id}`}
      data-state={status.state}
      aria-current={current ? "step" : undefined}
    >
      <div className="step-head">
        <span className="step-mark" aria-hidden="true">
          {status.state === "done" ? "✓" : current ? "▶" : "○"}
        </span>
        <span className="step-num">Step {index + 1}</span>
        <span className="visually-hidden">({STATE_LABEL[status.state]})</span>
      </div>
      <Markdown text={step.text} className="step-text" />
      {current && <CurrentStepTools step={step} status={status} running={running} />}
      {status.state === "done" && status.predicted && <PredictBox step={step} status={status} />}
      {status.state === "done" && step.predict && (
        // A diagnosis may be done as soon as it is predicted: its commands can still be watched.
        <div className="step-actions">
          <button
            type="button"
            data-testid="show-me"
            disabled={running}
            onClick={() => void simStore().getState().showMe(step.id)}
          >
            {running ? "Running…" : "Show me"}
          </button>
        </div>
      )}
    </li>
  );
}

export default function LessonPlayer({ lesson, onBrowse }: { lesson: Lesson; onBrowse(): void }) {
  const state = useSim((s) => s.lesson);
  const actions = simStore().getState();
  if (!state || state.id !== lesson.id) return <p className="empty">Setting the lesson up…</p>;
  const i = ALL_LESSONS.findIndex((l) => l.id === lesson.id);
  const next = ALL_LESSONS[i + 1];
  const done = state.steps.filter((s) => s.state === "done").length;
  return (
    <article className="lesson" aria-labelledby="lesson-title" data-testid="lesson">
      <div className="lesson-bar">
        <button type="button" onClick={onBrowse}>
          ← All lessons
        </button>
        <button
          type="button"
          title="Set the lesson up again on a fresh node"
          onClick={() => void actions.startLesson(lesson.id)}
        >
          Restart
        </button>
        {/* Announced when a step turns done (the live "why" line would chatter). */}
        <span className="lesson-count" role="status" data-testid="lesson-count">
          {done}/{state.steps.length} steps
        </span>
      </div>
      <h3 id="lesson-title" className="lesson-title">
        <span className="lesson-kind">
          {lesson.kind === "lab" ? "Lab" : "Lesson"} · §{lesson.section}
        </span>{" "}
        {lesson.title.replace(/^Lab: /, "")}
      </h3>
      <Markdown text={lesson.intro} className="lesson-intro" />
      <ol className="lesson-steps" aria-label="Steps">
        {lesson.steps.map((step, n) => {
          const status = state.steps.find((s) => s.id === step.id);
          return status ? (
            <Step key={step.id} step={step} status={status} index={n} running={state.running === step.id} />
          ) : null;
        })}
      </ol>
      {state.complete && (
        <section className="lesson-outro" aria-label="Lesson complete" data-testid="lesson-complete">
          <p className="outro-head">✓ {lesson.kind === "lab" ? "Lab" : "Lesson"} complete.</p>
          {lesson.outro && <Markdown text={lesson.outro} />}
          {next ? (
            <button type="button" className="primary" onClick={() => void actions.startLesson(next.id)}>
              Next: {next.title} →
            </button>
          ) : (
            <button type="button" onClick={onBrowse}>
              All lessons
            </button>
          )}
        </section>
      )}
    </article>
  );
}
