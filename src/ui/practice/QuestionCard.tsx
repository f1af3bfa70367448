// One question: radio choices (keys 1–9 or a–i pick, Enter checks) or a short text answer
// (Enter checks), and after a quiz answer the verdict, expected answer, explanation and reality.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { expectedAnswer, type QuizAnswer, type QuizItem } from "../../lessons/quiz";
import DemoButton from "./DemoButton";
import { sectionTitle } from "./sections";
import { type AnswerRecord, choiceForKey, givenText, isBlank } from "./session";

export type QuestionVariant = "quiz" | "drill" | "interview";

const SUBMIT: Record<QuestionVariant, string> = {
  quiz: "Check",
  drill: "Lock in my prediction",
  interview: "Submit answer",
};

export default function QuestionCard({
  item,
  position,
  total,
  record,
  variant,
  onSubmit,
  onSkip,
}: {
  item: QuizItem;
  position: number;
  total: number;
  /** Set once answered (quiz and drill): the inputs lock and show what was right. */
  record?: AnswerRecord;
  variant: QuestionVariant;
  onSubmit(given: QuizAnswer): void;
  onSkip?(): void;
}) {
  const promptId = useId();
  const [choice, setChoice] = useState<number | undefined>(
    typeof record?.given === "number" ? record.given : undefined,
  );
  const [text, setText] = useState(typeof record?.given === "string" ? record.given : "");
  const [blank, setBlank] = useState(false);
  const radios = useRef<(HTMLInputElement | null)[]>([]);
  const textRef = useRef<HTMLInputElement>(null);
  const answered = record !== undefined;

  // A new question takes the focus, so the keys work at once.
  useEffect(() => {
    if (answered) return;
    if (item.kind === "choice") radios.current[0]?.focus();
    else textRef.current?.focus();
  }, [item, answered]);

  const submit = () => {
    const given = item.kind === "choice" ? choice : text;
    if (given === undefined || isBlank(item, given)) {
      setBlank(true);
      return;
    }
    onSubmit(given);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (answered || item.kind !== "choice" || e.ctrlKey || e.metaKey || e.altKey) return;
    const i = choiceForKey(e.key, item.choices.length);
    if (i !== undefined) {
      e.preventDefault();
      e.stopPropagation();
      setChoice(i);
      setBlank(false);
      radios.current[i]?.focus();
    } else if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
      e.preventDefault();
      submit();
    }
  };

  const meta = variant === "drill" ? "What happens when…" : `§${item.section} ${sectionTitle(item.section)}`;
  return (
    <form
      className="question"
      aria-labelledby={promptId}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="question-meta">
        <span>
          Question {position} of {total}
        </span>
        <span className="question-section">{meta}</span>
      </p>
      <h3 id={promptId} className="prompt">
        {item.prompt}
      </h3>
      {variant === "drill" && !answered && (
        <p className="hint">Predict first: what will the node do? Then watch it happen.</p>
      )}
      {item.kind === "choice" ? (
        <fieldset className="choices" aria-labelledby={promptId} disabled={answered}>
          {item.choices.map((c, i) => {
            const state = !answered
              ? ""
              : i === item.answer
                ? "right"
                : i === record.given
                  ? "wrong"
                  : "other";
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: choices are fixed per item
              <label key={i} className={`choice ${state} ${choice === i ? "chosen" : ""}`}>
                <input
                  type="radio"
                  name={`choice-${item.id}`}
                  checked={choice === i}
                  ref={(el) => {
                    radios.current[i] = el;
                  }}
                  onChange={() => {
                    setChoice(i);
                    setBlank(false);
                  }}
                />
                <span className="choice-key" aria-hidden="true">
                  {String.fromCharCode(97 + i)}
                </span>
                <span className="choice-text">{c}</span>
                {state === "right" && <span className="mark">✓ right answer</span>}
                {state === "wrong" && <span className="mark">✗ your answer</span>}
              </label>
            );
          })}
        </fieldset>
      ) : (
        <label className="short-answer">
          <span>Your answer</span>
          <input
            ref={textRef}
            type="text"
            value={text}
            disabled={answered}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              setBlank(false);
            }}
          />
        </label>
      )}
      {!answered && (
        <div className="question-actions">
          <button type="submit" className="primary">
            {SUBMIT[variant]}
          </button>
          {onSkip && (
            <button type="button" onClick={onSkip}>
              Skip
            </button>
          )}
          <span className="hint keys">
            {item.kind === "choice"
              ? `Keys 1–${item.choices.length} or a–${String.fromCharCode(96 + item.choices.length)} pick · Enter ${variant === "interview" ? "submits" : "checks"}`
              : `Enter ${variant === "interview" ? "submits" : "checks"} · wording, case and small typos don't matter`}
          </span>
        </div>
      )}
      {blank && (
        <p className="practice-error" role="alert">
          {item.kind === "choice" ? "Pick an answer first." : "Type an answer first."}
        </p>
      )}
    </form>
  );
}

/** After a quiz or drill answer: right or wrong, the expected answer, why, and the real node. */
export function Feedback({
  item,
  record,
  variant,
  nextLabel,
  onNext,
}: {
  item: QuizItem;
  record: AnswerRecord;
  variant: "quiz" | "drill";
  nextLabel: string;
  onNext(): void;
}) {
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    nextRef.current?.focus();
  }, []);
  const verdict =
    variant === "drill"
      ? record.correct
        ? "Your prediction was right."
        : "Not what happens."
      : record.correct
        ? "Right!"
        : "Not quite.";
  return (
    <section className={`feedback ${record.correct ? "ok" : "wrong"}`} aria-label="Answer feedback">
      <p className="verdict" role="status" data-testid="verdict">
        <span aria-hidden="true">{record.correct ? "✓ " : "✗ "}</span>
        {verdict}
      </p>
      {item.kind === "short" && (
        <p className="given">
          You answered: <q>{givenText(item, record.given)}</q>
        </p>
      )}
      <p className="expected">
        {record.correct ? "Answer" : "Expected"}: <strong>{expectedAnswer(item)}</strong>
      </p>
      <p className="explanation">{item.explanation}</p>
      {item.reality && (
        <div className="reality">
          <strong>On a real node…</strong> {item.reality}
        </div>
      )}
      <div className="feedback-actions">
        <button type="button" ref={nextRef} onClick={onNext}>
          {nextLabel} →
        </button>
        {item.demo && (
          <DemoButton
            demo={item.demo}
            label={variant === "drill" ? "Watch it happen" : "Show me"}
            primary={variant === "drill"}
          />
        )}
      </div>
    </section>
  );
}
