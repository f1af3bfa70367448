// Every lesson (one per seed section) then the troubleshooting labs, with ✓ for the ones done,
// "Free sandbox" to leave lessons behind, and the progress file (export / import).
import { LABS, LESSONS } from "../../lessons/catalog";
import type { Lesson } from "../../lessons/types";
import { simStore, useSim } from "../../store";
import ProgressFile from "./ProgressFile";

function doneCount(lesson: Lesson, completed: readonly string[] | undefined): number {
  return lesson.steps.filter((s) => completed?.includes(s.id)).length;
}

/** Starting a lesson rebuilds the node: ask first when the sandbox holds the learner's own work. */
function mayLeaveSandbox(): boolean {
  const s = simStore().getState();
  const typed = simStore().player()?.commands.length ?? 0;
  if (s.lesson || typed === 0) return true;
  return window.confirm("Start the lesson on a fresh node? The commands you ran in the sandbox are cleared.");
}

function Entry({ lesson, active, onPicked }: { lesson: Lesson; active: boolean; onPicked(): void }) {
  const completed = useSim((s) => s.progress.lessons[lesson.id]);
  const n = doneCount(lesson, completed);
  const total = lesson.steps.length;
  const done = n === total;
  const status = done ? "done" : n > 0 ? `${n} of ${total} steps done` : "not started";
  return (
    <li className={`lesson-entry${active ? " active" : ""}`} data-testid={`pick-${lesson.id}`}>
      <button
        type="button"
        className="linklike"
        aria-label={`${lesson.title} (§${lesson.section}, ${status}${active ? ", open now" : ""})`}
        aria-current={active ? "true" : undefined}
        onClick={() => {
          if (!mayLeaveSandbox()) return;
          onPicked();
          void simStore().getState().startLesson(lesson.id);
        }}
      >
        <span className="lesson-section">§{lesson.section}</span>
        <span>{lesson.title}</span>
      </button>
      <span className={`lesson-done${done ? " all" : ""}`} aria-hidden="true" data-testid="done-mark">
        {done ? "✓" : n > 0 ? `${n}/${total}` : ""}
      </span>
    </li>
  );
}

export default function LessonPicker({
  activeId,
  onBack,
  onPicked,
}: {
  activeId?: string;
  onBack?: () => void;
  onPicked(): void;
}) {
  const lessons = [...LESSONS].sort((a, b) => a.section - b.section);
  const labs = [...LABS].sort((a, b) => a.section - b.section);
  return (
    <nav className="lesson-picker" aria-label="Lessons and labs" data-testid="lesson-picker">
      <div className="lesson-bar">
        {onBack && (
          <button type="button" onClick={onBack}>
            ← Back to the lesson
          </button>
        )}
        {activeId ? (
          <button
            type="button"
            data-testid="free-sandbox"
            title="Leave the lesson for a fresh node with no lesson: try anything"
            onClick={() => {
              onPicked();
              void simStore().getState().leaveLesson();
            }}
          >
            Free sandbox
          </button>
        ) : (
          <span className="hint" data-testid="in-sandbox">
            You are in the free sandbox.
          </span>
        )}
      </div>
      <p className="hint">
        Each lesson follows a section of the study notes: do each step in the terminal (or press “Show me”),
        and the check turns ✓ when the node is in the right state.
      </p>
      <h3>Lessons</h3>
      <ol className="lesson-list">
        {lessons.map((l) => (
          <Entry key={l.id} lesson={l} active={l.id === activeId} onPicked={onPicked} />
        ))}
      </ol>
      <h3>Troubleshooting labs</h3>
      <p className="hint">The node starts broken: find out why, then fix it.</p>
      <ul className="lesson-list">
        {labs.map((l) => (
          <Entry key={l.id} lesson={l} active={l.id === activeId} onPicked={onPicked} />
        ))}
      </ul>
      <ProgressFile />
    </nav>
  );
}
