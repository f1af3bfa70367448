// Interview practice: quiz items (multiple choice and short answers with tolerant matching),
// flashcards, and a seeded mock interview that scores answers and produces a review.
import { Rng } from "../sim/clock/rng";
import { FLASHCARDS, QUIZ_ITEMS } from "./content/quizItems";
import { matchShortAnswer } from "./match";

export interface DemoRef {
  lessonId: string;
  stepId: string;
}

interface QuizItemBase {
  id: string;
  /** Seed section 1–15. */
  section: number;
  prompt: string;
  explanation: string;
  /** What really happens where the seed simplifies. */
  reality?: string;
  /** The lesson step that shows it live. */
  demo?: DemoRef;
  /** Part of the "what happens when…" drill. */
  drill?: boolean;
}

export interface ChoiceItem extends QuizItemBase {
  kind: "choice";
  choices: string[];
  answer: number;
}

export interface ShortItem extends QuizItemBase {
  kind: "short";
  accepted: string[];
  keywords?: string[][];
  needed?: number;
}

export type QuizItem = ChoiceItem | ShortItem;

export interface Flashcard {
  id: string;
  front: string;
  back: string;
  demo?: DemoRef;
}

export { FLASHCARDS, QUIZ_ITEMS };

/** A learner's answer: a choice index for multiple choice, text for short answers. */
export type QuizAnswer = number | string;

export function getQuizItem(id: string): QuizItem | undefined {
  return QUIZ_ITEMS.find((q) => q.id === id);
}

/** The text of the expected answer, for reviews. */
export function expectedAnswer(item: QuizItem): string {
  return item.kind === "choice" ? item.choices[item.answer] : (item.accepted[0] ?? item.explanation);
}

export function checkAnswer(item: QuizItem, answer: QuizAnswer | undefined): boolean {
  if (answer === undefined) return false;
  if (item.kind === "choice") {
    if (typeof answer === "number") return answer === item.answer;
    // A typed answer to a choice item: accept the choice's text or its letter (a, b, c…).
    const t = answer.trim().toLowerCase();
    if (/^[a-z]$/.test(t)) return t.charCodeAt(0) - 97 === item.answer;
    return matchShortAnswer(answer, { accepted: [item.choices[item.answer]] });
  }
  return typeof answer === "string" && matchShortAnswer(answer, item);
}

export interface MockInterviewOptions {
  seed: number;
  count: number;
  /** Only these seed sections (default: all). */
  sections?: number[];
  /** Only the "what happens when…" drill. */
  drillOnly?: boolean;
  /** Suggested time per question, seconds (the UI runs the timer). */
  secondsPerQuestion?: number;
}

export interface MockInterview {
  seed: number;
  items: QuizItem[];
  secondsPerQuestion: number;
}

/** Pick `count` distinct questions with a seeded shuffle: same seed → same interview. */
export function createMockInterview(opts: MockInterviewOptions): MockInterview {
  const pool = QUIZ_ITEMS.filter(
    (q) => (!opts.sections || opts.sections.includes(q.section)) && (!opts.drillOnly || q.drill),
  );
  const rng = new Rng(opts.seed);
  const order = pool.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const n = Math.max(0, Math.min(Math.floor(opts.count), order.length));
  return { seed: opts.seed, items: order.slice(0, n), secondsPerQuestion: opts.secondsPerQuestion ?? 60 };
}

export interface ReviewEntry {
  id: string;
  prompt: string;
  given?: QuizAnswer;
  correct: boolean;
  expected: string;
  explanation: string;
  reality?: string;
  demo?: DemoRef;
  /** Answered after the suggested time. */
  overTime: boolean;
}

export interface InterviewReview {
  score: number;
  total: number;
  percent: number;
  entries: ReviewEntry[];
  /** Sections with a wrong answer, to revisit. */
  weakSections: number[];
}

/**
 * Score the answers (by item id). `elapsedSeconds` per item id marks answers given after the
 * suggested time; they still count, the review flags them.
 */
export function scoreMockInterview(
  interview: MockInterview,
  answers: Record<string, QuizAnswer | undefined>,
  elapsedSeconds: Record<string, number> = {},
): InterviewReview {
  const entries: ReviewEntry[] = interview.items.map((item) => {
    const given = answers[item.id];
    return {
      id: item.id,
      prompt: item.prompt,
      given,
      correct: checkAnswer(item, given),
      expected: expectedAnswer(item),
      explanation: item.explanation,
      reality: item.reality,
      demo: item.demo,
      overTime: (elapsedSeconds[item.id] ?? 0) > interview.secondsPerQuestion,
    };
  });
  const score = entries.filter((e) => e.correct).length;
  const total = entries.length;
  const weak = new Set(interview.items.filter((_, i) => !entries[i].correct).map((q) => q.section));
  return {
    score,
    total,
    percent: total === 0 ? 0 : Math.round((100 * score) / total),
    entries,
    weakSections: [...weak].sort((a, b) => a - b),
  };
}
