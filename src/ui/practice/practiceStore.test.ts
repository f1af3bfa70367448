import { describe, expect, it } from "vitest";
import { emptyProgress, exportProgress } from "../../lessons/progress";
import { FLASHCARDS, getQuizItem } from "../../lessons/quiz";
import { rightAnswer } from "./answers.test-helper";
import { createPracticeStore } from "./practiceStore";
import { sectionsWithItems } from "./sections";
import { loadProgress, PRACTICE_KEY, progressTotals, saveProgress } from "./storage";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe("practice progress in storage", () => {
  it("round-trips through localStorage's key and totals the answers", () => {
    const storage = memoryStorage();
    const p = {
      ...emptyProgress(),
      quiz: { a: { attempts: 3, correct: 1 }, b: { attempts: 1, correct: 1 } },
    };
    expect(saveProgress(storage, p)).toBeUndefined();
    expect(storage.data.has(PRACTICE_KEY)).toBe(true);
    expect(loadProgress(storage)).toEqual({ progress: p });
    expect(progressTotals(p)).toEqual({ attempts: 4, correct: 2, questions: 2 });
  });

  it("a corrupted or invalid entry starts fresh with the reason, never throws", () => {
    for (const bad of [
      "{not json",
      "[]",
      '{"version":2,"lessons":{},"quiz":{}}',
      '{"version":1,"lessons":{},"quiz":{"x":{"attempts":1,"correct":5}}}',
    ]) {
      const r = loadProgress(memoryStorage({ [PRACTICE_KEY]: bad }));
      expect(r.progress).toEqual(emptyProgress());
      expect(r.error, bad).toMatch(/./);
    }
    const throwing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota exceeded");
      },
    };
    expect(loadProgress(throwing).error).toContain("denied");
    expect(saveProgress(throwing, emptyProgress())).toContain("quota exceeded");
  });
});

describe("practice store", () => {
  it("records quiz answers in progress and saves them", () => {
    const storage = memoryStorage();
    const store = createPracticeStore({ storage, randomSeed: () => 7 });
    const a = store.getState();
    a.setSections([14]);
    a.startQuiz("quiz");
    const first = store.getState().quiz?.itemIds[0];
    expect(getQuizItem(first ?? "")?.section).toBe(14);
    a.answer("quiz", "certainly not this");
    a.answer("quiz", "again"); // the same question is answered once
    expect(store.getState().progress.quiz[first ?? ""]).toEqual({ attempts: 1, correct: 0 });
    const saved = loadProgress(storage).progress;
    expect(saved.quiz[first ?? ""]).toEqual({ attempts: 1, correct: 0 });
  });

  it("keeps the best interview score across interviews and reloads", () => {
    const storage = memoryStorage();
    const store = createPracticeStore({ storage, randomSeed: () => 7 });
    const run = (answerRight: boolean) => {
      store.getState().setSettings({ count: 3, secondsPerQuestion: 60 });
      store.getState().startInterview(0);
      for (const q of store.getState().interview?.interview.items ?? []) {
        store.getState().submitInterview(answerRight ? rightAnswer(q) : undefined, 1_000);
      }
      const review = store.getState().interview?.review;
      store.getState().closeInterview();
      return review;
    };
    expect(run(true)?.percent).toBe(100);
    expect(store.getState().progress.bestInterviewPercent).toBe(100);
    expect(run(false)?.percent).toBe(0);
    expect(store.getState().previousBest).toBe(100);
    expect(store.getState().progress.bestInterviewPercent).toBe(100);
    const reloaded = createPracticeStore({ storage });
    expect(reloaded.getState().progress.bestInterviewPercent).toBe(100);
    expect(progressTotals(reloaded.getState().progress)).toEqual({ attempts: 6, correct: 3, questions: 3 });
  });

  it("says so when saved progress could not be read, and starts fresh", () => {
    const store = createPracticeStore({ storage: memoryStorage({ [PRACTICE_KEY]: "{oops" }) });
    expect(store.getState().message).toMatch(/could not be read .*not valid JSON.*starting fresh/);
    expect(store.getState().progress).toEqual(emptyProgress());
    store.getState().dismissMessage();
    expect(store.getState().message).toBeUndefined();
  });

  it("starts with every section that has questions, the full deck and a seed", () => {
    const s = createPracticeStore({ randomSeed: () => 1234 }).getState();
    expect(s.sections).toEqual(sectionsWithItems());
    expect(s.deck.order).toEqual(FLASHCARDS.map((c) => c.id));
    expect(s.settings.seed).toBe(1234);
  });

  it("does not start a quiz without questions", () => {
    const store = createPracticeStore({
      storage: memoryStorage({ [PRACTICE_KEY]: exportProgress(emptyProgress()) }),
    });
    store.getState().setSections([]);
    store.getState().startQuiz("quiz");
    expect(store.getState().quiz).toBeUndefined();
    store.getState().startInterview(0);
    expect(store.getState().interview).toBeUndefined();
  });
});
