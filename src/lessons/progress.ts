// The learner's progress as plain data: completed steps per lesson, quiz results, best mock
// interview. Exported and imported as JSON text; bad input yields a clear error, never a throw.

export const PROGRESS_VERSION = 1;

export interface QuizRecord {
  attempts: number;
  correct: number;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** Lesson id → completed step ids. */
  lessons: Record<string, string[]>;
  /** Quiz item id → attempts and correct answers. */
  quiz: Record<string, QuizRecord>;
  /** Best mock-interview score in percent, if any. */
  bestInterviewPercent?: number;
  /** Lesson id → step id → the choice the learner predicted (index into the step's choices). */
  predictions?: Record<string, Record<string, number>>;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {}, quiz: {} };
}

/** Record completed steps (merged, without duplicates). Returns a new Progress. */
export function withCompletedSteps(p: Progress, lessonId: string, stepIds: readonly string[]): Progress {
  const prev = p.lessons[lessonId] ?? [];
  const merged = [...prev, ...stepIds.filter((s) => !prev.includes(s))];
  return { ...p, lessons: { ...p.lessons, [lessonId]: merged } };
}

/** Record a prediction (the latest answer for the step). Returns a new Progress. */
export function withPrediction(p: Progress, lessonId: string, stepId: string, choice: number): Progress {
  const prev = p.predictions ?? {};
  return { ...p, predictions: { ...prev, [lessonId]: { ...prev[lessonId], [stepId]: choice } } };
}

export function withQuizAnswer(p: Progress, itemId: string, correct: boolean): Progress {
  const r = p.quiz[itemId] ?? { attempts: 0, correct: 0 };
  return {
    ...p,
    quiz: { ...p.quiz, [itemId]: { attempts: r.attempts + 1, correct: r.correct + (correct ? 1 : 0) } },
  };
}

export function withInterviewScore(p: Progress, percent: number): Progress {
  const best = Math.max(p.bestInterviewPercent ?? 0, percent);
  return { ...p, bestInterviewPercent: best };
}

export function exportProgress(p: Progress): string {
  return JSON.stringify(p, null, 2);
}

export type ParseResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string };

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0;

/**
 * Parse exported progress. `knownLessons` (id → step ids) drops unknown lessons and steps with a
 * warning instead of failing, so progress from an older build still loads.
 */
export function importProgress(text: string, knownLessons?: Record<string, string[]>): ParseResult<Progress> {
  if (typeof text !== "string" || text.trim() === "") return { ok: false, error: "progress file is empty" };
  if (text.length > 1_000_000) return { ok: false, error: "progress file is too large (over 1 MB)" };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      error: `progress file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (!isObject(data)) return { ok: false, error: "progress file must hold a JSON object" };
  if (data.version !== PROGRESS_VERSION)
    return {
      ok: false,
      error: `unsupported progress version ${JSON.stringify(data.version)} (expected ${PROGRESS_VERSION})`,
    };
  if (!isObject(data.lessons))
    return { ok: false, error: '"lessons" must be an object of lesson id → step ids' };
  if (!isObject(data.quiz))
    return { ok: false, error: '"quiz" must be an object of item id → {attempts, correct}' };
  const warnings: string[] = [];
  const out = emptyProgress();
  for (const [id, steps] of Object.entries(data.lessons)) {
    if (!Array.isArray(steps) || !steps.every((s) => typeof s === "string"))
      return { ok: false, error: `lessons["${id}"] must be an array of step ids` };
    const known = knownLessons?.[id];
    if (knownLessons && !known) {
      warnings.push(`unknown lesson "${id}" skipped`);
      continue;
    }
    const kept = [...new Set(steps as string[])].filter((s) => !known || known.includes(s));
    if (known && kept.length < steps.length) warnings.push(`unknown steps of "${id}" skipped`);
    out.lessons[id] = kept;
  }
  for (const [id, r] of Object.entries(data.quiz)) {
    if (!isObject(r) || !isCount(r.attempts) || !isCount(r.correct) || r.correct > r.attempts)
      return { ok: false, error: `quiz["${id}"] must be {attempts, correct} with 0 ≤ correct ≤ attempts` };
    out.quiz[id] = { attempts: r.attempts, correct: r.correct };
  }
  if (data.predictions !== undefined) {
    if (!isObject(data.predictions))
      return { ok: false, error: '"predictions" must be an object of lesson id → {step id: choice}' };
    for (const [id, steps] of Object.entries(data.predictions)) {
      if (!isObject(steps) || !Object.values(steps).every(isCount))
        return { ok: false, error: `predictions["${id}"] must map step ids to choice numbers (0, 1, …)` };
      const known = knownLessons?.[id];
      if (knownLessons && !known) {
        warnings.push(`predictions for unknown lesson "${id}" skipped`);
        continue;
      }
      const kept = Object.entries(steps as Record<string, number>).filter(
        ([s]) => !known || known.includes(s),
      );
      if (kept.length === 0) continue;
      out.predictions ??= {};
      out.predictions[id] = Object.fromEntries(kept);
    }
  }
  if (data.bestInterviewPercent !== undefined) {
    const b = data.bestInterviewPercent;
    if (typeof b !== "number" || !(b >= 0 && b <= 100))
      return { ok: false, error: '"bestInterviewPercent" must be a number from 0 to 100' };
    out.bestInterviewPercent = b;
  }
  return { ok: true, value: out, warnings };
}
