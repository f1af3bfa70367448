// The mock interview: seeded questions, a countdown per question (answers after it still count,
// flagged "over time"), then the score and a review of every answer. The best score is kept.
import { useEffect, useId, useRef, useState } from "react";
import { getQuizItem } from "../../lessons/quiz";
import { useClock, useNow } from "./clock";
import DemoButton from "./DemoButton";
import { usePractice } from "./practiceStore";
import QuestionCard from "./QuestionCard";
import SectionPicker from "./SectionPicker";
import { itemsForSections, sectionTitle } from "./sections";
import { clockText, givenText, type InterviewSession, interviewItem, secondsLeft } from "./session";

const COUNTS = [3, 5, 10, 15, 20];
const SECONDS = [30, 60, 90, 120, 180];

function NumberSelect(props: {
  label: string;
  options: number[];
  value: number;
  testId: string;
  onChange(n: number): void;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        data-testid={props.testId}
      >
        {props.options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function Setup() {
  const settings = usePractice((s) => s.settings);
  const setSettings = usePractice((s) => s.setSettings);
  const sections = usePractice((s) => s.sections);
  const best = usePractice((s) => s.progress.bestInterviewPercent);
  const start = usePractice((s) => s.startInterview);
  const clock = useClock();
  const helpId = useId();
  const [seedText, setSeedText] = useState(String(settings.seed));
  useEffect(() => setSeedText(String(settings.seed)), [settings.seed]);
  const seedValid = /^\d{1,9}$/.test(seedText.trim());
  const available = itemsForSections(sections).length;
  return (
    <div className="practice-setup">
      <p>
        A timed interview: questions picked by the seed, a countdown for each, the answers only at the end.
        {best !== undefined && (
          <>
            {" "}
            Your best score: <strong data-testid="best-score">{best}%</strong>.
          </>
        )}
      </p>
      <SectionPicker />
      <div className="interview-settings">
        <NumberSelect
          label="Questions"
          options={COUNTS}
          value={settings.count}
          testId="interview-count"
          onChange={(count) => setSettings({ count })}
        />
        <NumberSelect
          label="Seconds per question"
          options={SECONDS}
          value={settings.secondsPerQuestion}
          testId="interview-seconds"
          onChange={(secondsPerQuestion) => setSettings({ secondsPerQuestion })}
        />
        <label>
          Seed
          <input
            type="text"
            inputMode="numeric"
            value={seedText}
            aria-invalid={!seedValid}
            aria-describedby={helpId}
            data-testid="interview-seed"
            onChange={(e) => {
              setSeedText(e.target.value);
              if (/^\d{1,9}$/.test(e.target.value.trim()))
                setSettings({ seed: Number(e.target.value.trim()) });
            }}
          />
        </label>
      </div>
      <p id={helpId} className={seedValid ? "hint" : "practice-error"}>
        {seedValid
          ? "The same seed gives the same questions: share it with a class."
          : "The seed must be a whole number (up to 9 digits)."}
      </p>
      <button
        type="button"
        className="primary"
        disabled={!seedValid || available === 0}
        onClick={() => start(clock.now())}
      >
        Start mock interview ({Math.min(settings.count, available)} questions, {settings.secondsPerQuestion} s
        each)
      </button>
    </div>
  );
}

function Countdown({ s }: { s: InterviewSession }) {
  const now = useNow(true);
  const left = secondsLeft(s, now);
  const over = left <= 0;
  const fraction = Math.max(0, Math.min(1, left / s.interview.secondsPerQuestion));
  return (
    <div className={`countdown${over ? " over" : left <= 10 ? " low" : ""}`}>
      <span className="countdown-label">{over ? "Over time" : "Time left"}</span>
      <span
        role="timer"
        className="countdown-time"
        aria-label="Time left for this question"
        data-testid="countdown"
      >
        {over ? `+${clockText(-left)}` : clockText(left)}
      </span>
      <span className="countdown-bar" aria-hidden="true">
        <span style={{ width: `${fraction * 100}%` }} />
      </span>
      {over && (
        <span className="time-up" role="status">
          Time is up: answer when ready, the review marks it over time.
        </span>
      )}
    </div>
  );
}

function Review({ s }: { s: InterviewSession }) {
  const best = usePractice((st) => st.progress.bestInterviewPercent);
  const previousBest = usePractice((st) => st.previousBest);
  const setSettings = usePractice((st) => st.setSettings);
  const start = usePractice((st) => st.startInterview);
  const close = usePractice((st) => st.closeInterview);
  const clock = useClock();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const r = s.review;
  if (!r) return null;
  const overTime = r.entries.filter((e) => e.overTime).length;
  const newBest = previousBest !== undefined && r.percent > previousBest;
  return (
    <div className="interview-review">
      <h3 ref={heading} tabIndex={-1} data-testid="interview-score">
        Score: {r.score} / {r.total} ({r.percent}%)
      </h3>
      <p>
        {newBest ? (
          <strong>New best score! (was {previousBest}%)</strong>
        ) : (
          <>Best score: {best ?? r.percent}%</>
        )}
        {" · "}
        {overTime === 0 ? "every answer in time" : `${overTime} answered over time`}
        {" · seed "}
        {s.interview.seed}
      </p>
      {r.weakSections.length > 0 && (
        <p className="weak">
          Revisit:{" "}
          {r.weakSections.map((n, i) => (
            <span key={n}>
              {i > 0 && ", "}§{n} {sectionTitle(n)}
            </span>
          ))}
        </p>
      )}
      <ol className="review-list">
        {r.entries.map((e) => (
          <li key={e.id} className={e.correct ? "ok" : "wrong"} data-testid="review-entry">
            <p className="review-prompt">
              <span className={`badge ${e.correct ? "ok" : "wrong"}`}>
                {e.correct ? "✓ right" : "✗ wrong"}
              </span>
              {e.overTime && (
                <span className="badge over">over time ({clockText(s.elapsed[e.id] ?? 0)})</span>
              )}{" "}
              {e.prompt}
            </p>
            <p>
              Your answer: <q>{givenText(getQuizItem(e.id), e.given)}</q>
            </p>
            <p>
              Expected: <strong>{e.expected}</strong>
            </p>
            <p className="explanation">{e.explanation}</p>
            {e.reality && (
              <div className="reality">
                <strong>On a real node…</strong> {e.reality}
              </div>
            )}
            {e.demo && <DemoButton demo={e.demo} about={e.prompt} />}
          </li>
        ))}
      </ol>
      <div className="feedback-actions">
        <button type="button" className="primary" onClick={close}>
          New interview
        </button>
        <button
          type="button"
          onClick={() => {
            setSettings({ seed: s.interview.seed });
            start(clock.now());
          }}
        >
          Same questions again
        </button>
      </div>
    </div>
  );
}

export default function Interview() {
  const s = usePractice((st) => st.interview);
  const submit = usePractice((st) => st.submitInterview);
  const end = usePractice((st) => st.endInterview);
  const clock = useClock();
  if (!s) return <Setup />;
  if (s.review) return <Review s={s} />;
  const item = interviewItem(s);
  if (!item) return null;
  return (
    <div className="interview-run">
      <div className="interview-bar">
        <Countdown s={s} />
        <button type="button" className="linklike" onClick={() => end(clock.now())}>
          End interview
        </button>
      </div>
      <QuestionCard
        key={item.id}
        item={item}
        position={s.index + 1}
        total={s.interview.items.length}
        variant="interview"
        onSubmit={(given) => submit(given, clock.now())}
        onSkip={() => submit(undefined, clock.now())}
      />
    </div>
  );
}
