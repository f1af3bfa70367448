// Presenter mode's lesson column: the lesson's title and only its current step (question, why not
// yet, hint, show me), large enough to read from the back of a room.
import { getLesson } from "../../lessons/catalog";
import { useSim } from "../../store";
import { Step } from "./LessonPlayer";

export default function LessonStrip() {
  const state = useSim((s) => s.lesson);
  const lesson = state ? getLesson(state.id) : undefined;
  if (!state || !lesson) return null;
  const n = state.steps.findIndex((s) => s.state === "current");
  return (
    <div className="lesson lesson-strip" data-testid="lesson-strip">
      <h3 className="lesson-title">{lesson.title}</h3>
      {n < 0 ? (
        <p className="outro-head">✓ Every step is done.</p>
      ) : (
        <ol className="lesson-steps" start={n + 1}>
          <Step
            step={lesson.steps[n]}
            status={state.steps[n]}
            index={n}
            running={state.running === lesson.steps[n].id}
            follow={false}
          />
        </ol>
      )}
    </div>
  );
}
