// Practice sessions as plain data and pure transitions: a quiz (or the "what happens when…"
// drill) and a timed mock interview. Time comes in as `now` (ms); the UI reads its clock.
import {
  checkAnswer,
  createMockInterview,
  getQuizItem,
  type InterviewReview,
  type MockInterview,
  type MockInterviewOptions,
  type QuizAnswer,
  type QuizItem,
  scoreMockInterview,
} from "../../lessons/quiz";

export interface AnswerRecord {
  given: QuizAnswer;
  correct: boolean;
}

export interface QuizSession {
  itemIds: string[];
  /** The question shown; equals itemIds.length when the session is over. */
  index: number;
  answers: Record<string, AnswerRecord>;
}

export function startQuiz(items: readonly QuizItem[]): QuizSession {
  return { itemIds: items.map((q) => q.id), index: 0, answers: {} };
}

export function currentItem(s: QuizSession): QuizItem | undefined {
  const id = s.itemIds[s.index];
  return id === undefined ? undefined : getQuizItem(id);
}

export function quizDone(s: QuizSession): boolean {
  return s.index >= s.itemIds.length;
}

/** An empty answer is no answer: a blank text box or a choice out of range. */
export function isBlank(item: QuizItem, given: QuizAnswer | undefined): boolean {
  if (given === undefined) return true;
  if (typeof given === "string") return given.trim() === "";
  return item.kind !== "choice" || !Number.isInteger(given) || given < 0 || given >= item.choices.length;
}

/**
 * Check the current question's answer. Returns the same session when there is nothing to check
 * (blank answer, already answered, session over), so callers can tell by identity.
 */
export function answerQuiz(s: QuizSession, given: QuizAnswer): QuizSession {
  const item = currentItem(s);
  if (!item || s.answers[item.id] || isBlank(item, given)) return s;
  return { ...s, answers: { ...s.answers, [item.id]: { given, correct: checkAnswer(item, given) } } };
}

/** Move on once the current question is answered. */
export function nextQuestion(s: QuizSession): QuizSession {
  const id = s.itemIds[s.index];
  if (id === undefined || !s.answers[id]) return s;
  return { ...s, index: s.index + 1 };
}

export function quizScore(s: QuizSession): { answered: number; correct: number; total: number } {
  const records = Object.values(s.answers);
  return {
    answered: records.length,
    correct: records.filter((r) => r.correct).length,
    total: s.itemIds.length,
  };
}

/** A new session with only the questions answered wrong, or undefined when all were right. */
export function retryWrong(s: QuizSession): QuizSession | undefined {
  const wrong = s.itemIds.filter((id) => s.answers[id] && !s.answers[id].correct);
  return wrong.length === 0 ? undefined : { itemIds: wrong, index: 0, answers: {} };
}

/** The choice a key picks: 1–9 or a–i, within the item's `count` choices. */
export function choiceForKey(key: string, count: number): number | undefined {
  const k = key.toLowerCase();
  const i = /^[1-9]$/.test(k) ? Number(k) - 1 : /^[a-i]$/.test(k) ? k.charCodeAt(0) - 97 : -1;
  return i >= 0 && i < count ? i : undefined;
}

// ── Mock interview ─────────────────────────────────────────────────────────────────────────────

export interface InterviewSession {
  interview: MockInterview;
  index: number;
  answers: Record<string, QuizAnswer | undefined>;
  /** Seconds each answered question took. */
  elapsed: Record<string, number>;
  /** When the current question appeared (ms, the UI's clock). */
  questionStartedAt: number;
  /** Set when the last question is answered or the learner ends early. */
  review?: InterviewReview;
}

export function startInterview(opts: MockInterviewOptions, now: number): InterviewSession {
  return { interview: createMockInterview(opts), index: 0, answers: {}, elapsed: {}, questionStartedAt: now };
}

export function interviewItem(s: InterviewSession): QuizItem | undefined {
  return s.review ? undefined : s.interview.items[s.index];
}

/** Seconds left for the current question; negative once over time. */
export function secondsLeft(s: InterviewSession, now: number): number {
  return s.interview.secondsPerQuestion - (now - s.questionStartedAt) / 1000;
}

function review(s: InterviewSession): InterviewSession {
  return {
    ...s,
    index: s.interview.items.length,
    review: scoreMockInterview(s.interview, s.answers, s.elapsed),
  };
}

/** Record the current answer (undefined = skipped) with the time it took, and go on. */
export function submitInterviewAnswer(
  s: InterviewSession,
  given: QuizAnswer | undefined,
  now: number,
): InterviewSession {
  const item = interviewItem(s);
  if (!item) return s;
  const next: InterviewSession = {
    ...s,
    index: s.index + 1,
    answers: { ...s.answers, [item.id]: isBlank(item, given) ? undefined : given },
    elapsed: { ...s.elapsed, [item.id]: Math.max(0, (now - s.questionStartedAt) / 1000) },
    questionStartedAt: now,
  };
  return next.index >= s.interview.items.length ? review(next) : next;
}

/** End now: the current and remaining questions count as unanswered. */
export function endInterview(s: InterviewSession, now: number): InterviewSession {
  const item = interviewItem(s);
  if (!item) return s;
  return review({
    ...s,
    elapsed: { ...s.elapsed, [item.id]: Math.max(0, (now - s.questionStartedAt) / 1000) },
  });
}

// ── Formatting ─────────────────────────────────────────────────────────────────────────────────

/** m:ss of a whole number of seconds (rounded up while counting down: 0:01 until it is over). */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The learner's answer as text for feedback and reviews. */
export function givenText(item: QuizItem | undefined, given: QuizAnswer | undefined): string {
  if (given === undefined) return "(no answer)";
  if (typeof given === "string") return given.trim() === "" ? "(no answer)" : given;
  if (item?.kind === "choice") return item.choices[given] ?? "(no answer)";
  return String(given);
}
