// Answers built from a quiz item's own data, for tests (unit and e2e) that answer on purpose.
import type { QuizItem } from "../../lessons/quiz";

/** An answer checkAnswer accepts: the right choice, or the first accepted text / keywords. */
export function rightAnswer(q: QuizItem): number | string {
  if (q.kind === "choice") return q.answer;
  return q.accepted[0] ?? (q.keywords ?? []).map((g) => g[0]).join(" ");
}

/** An answer checkAnswer refuses. */
export function wrongAnswer(q: QuizItem): number | string {
  return q.kind === "choice" ? (q.answer + 1) % q.choices.length : "no idea at all";
}
