// The quiz and the "what happens when…" drill: set up, answer one question at a time with
// feedback, then a summary with a retry of the wrong ones.
import { QUIZ_ITEMS } from "../../lessons/quiz";
import { type QuizKind, usePractice } from "./practiceStore";
import QuestionCard, { Feedback } from "./QuestionCard";
import SectionPicker from "./SectionPicker";
import { itemsForSections, sectionsWithItems } from "./sections";
import { currentItem, quizDone, quizScore } from "./session";

const DRILL_COUNT = QUIZ_ITEMS.filter((q) => q.drill).length;

function Setup({ kind }: { kind: QuizKind }) {
  const sections = usePractice((s) => s.sections);
  const start = usePractice((s) => s.startQuiz);
  if (kind === "drill") {
    return (
      <div className="practice-setup">
        <p>
          {DRILL_COUNT} scenarios. For each one, <strong>predict</strong> what the node does, then{" "}
          <strong>watch it happen</strong> in the live lesson.
        </p>
        <button type="button" className="primary" onClick={() => start("drill")}>
          Start the drill
        </button>
      </div>
    );
  }
  const count = itemsForSections(sections).length;
  const all = sectionsWithItems().every((n) => sections.includes(n));
  return (
    <div className="practice-setup">
      <SectionPicker />
      <button type="button" className="primary" disabled={count === 0} onClick={() => start("quiz")}>
        Start quiz ({count} question{count === 1 ? "" : "s"}
        {all ? ", all sections" : ""})
      </button>
    </div>
  );
}

export default function QuizRunner({ kind }: { kind: QuizKind }) {
  const s = usePractice((st) => st[kind]);
  const answer = usePractice((st) => st.answer);
  const next = usePractice((st) => st.next);
  const retryWrong = usePractice((st) => st.retryWrong);
  const stop = usePractice((st) => st.stopQuiz);
  const start = usePractice((st) => st.startQuiz);
  if (!s) return <Setup kind={kind} />;
  const score = quizScore(s);
  const scoreLine = (
    <p className="score" data-testid="quiz-score" aria-live="polite">
      Score: {score.correct} / {score.answered}
      {score.answered < score.total && <span className="muted"> · {score.total - score.answered} to go</span>}
    </p>
  );
  if (quizDone(s)) {
    const wrong = score.answered - score.correct;
    const percent = score.total === 0 ? 0 : Math.round((100 * score.correct) / score.total);
    return (
      <div className="quiz-summary">
        <h3>
          {kind === "drill" ? "Drill done" : "Quiz done"}: {score.correct} of {score.total} right ({percent}%)
        </h3>
        {scoreLine}
        <div className="feedback-actions">
          {wrong > 0 && (
            <button type="button" className="primary" onClick={() => retryWrong(kind)}>
              Retry the {wrong} wrong one{wrong === 1 ? "" : "s"}
            </button>
          )}
          <button type="button" onClick={() => (kind === "drill" ? start("drill") : stop(kind))}>
            {kind === "drill" ? "Start over" : "New quiz"}
          </button>
        </div>
      </div>
    );
  }
  const item = currentItem(s);
  if (!item) return <p className="practice-error">This question is no longer available.</p>;
  const record = s.answers[item.id];
  const last = s.index === s.itemIds.length - 1;
  return (
    <div className="quiz-run">
      <div className="quiz-bar">
        {scoreLine}
        <button type="button" className="linklike" onClick={() => stop(kind)}>
          {kind === "drill" ? "Leave the drill" : "Change sections"}
        </button>
      </div>
      <QuestionCard
        key={item.id}
        item={item}
        position={s.index + 1}
        total={s.itemIds.length}
        record={record}
        variant={kind}
        onSubmit={(given) => answer(kind, given)}
      />
      {record && (
        <Feedback
          key={`fb-${item.id}`}
          item={item}
          record={record}
          variant={kind}
          nextLabel={last ? "See the result" : "Next question"}
          onNext={() => next(kind)}
        />
      )}
    </div>
  );
}
