// The practice panel's own state (a small zustand store, kept while the side tab changes):
// sessions from session.ts/flashcards.ts, and progress saved to localStorage on every answer.
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { type Progress, withInterviewScore, withQuizAnswer } from "../../lessons/progress";
import { FLASHCARDS, type QuizAnswer } from "../../lessons/quiz";
import * as deck from "./flashcards";
import { itemsForSections, sectionsWithItems } from "./sections";
import * as session from "./session";
import { loadProgress, type ProgressStorage, saveProgress } from "./storage";

export type PracticeMode = "quiz" | "flashcards" | "interview" | "drill";
/** The two question-by-question modes. */
export type QuizKind = "quiz" | "drill";

export interface InterviewSettings {
  count: number;
  secondsPerQuestion: number;
  seed: number;
}

export interface PracticeState {
  mode: PracticeMode;
  /** Seed sections chosen for the quiz and the interview. */
  sections: number[];
  quiz?: session.QuizSession;
  drill?: session.QuizSession;
  deck: deck.Deck;
  interview?: session.InterviewSession;
  settings: InterviewSettings;
  progress: Progress;
  /** Best interview percent before the last interview (to say "new best"). */
  previousBest?: number;
  /** A problem with saved progress (unreadable, not saved), shown until dismissed. */
  message?: string;
}

export interface PracticeActions {
  setMode(mode: PracticeMode): void;
  setSections(sections: number[]): void;
  startQuiz(kind: QuizKind): void;
  answer(kind: QuizKind, given: QuizAnswer): void;
  next(kind: QuizKind): void;
  retryWrong(kind: QuizKind): void;
  stopQuiz(kind: QuizKind): void;
  flip(): void;
  stepCard(delta: number): void;
  knewIt(): void;
  again(): void;
  resetDeck(): void;
  setSettings(patch: Partial<InterviewSettings>): void;
  startInterview(now: number): void;
  submitInterview(given: QuizAnswer | undefined, now: number): void;
  endInterview(now: number): void;
  closeInterview(): void;
  dismissMessage(): void;
  /** Take quiz results and the best interview score from an imported progress file. */
  replaceProgress(p: Pick<Progress, "quiz" | "bestInterviewPercent">): void;
}

export type PracticeStore = ReturnType<typeof createPracticeStore>;

export interface PracticeStoreOptions {
  storage?: ProgressStorage;
  /** A fresh interview seed (Math.random in the browser; fixed in tests). */
  randomSeed?: () => number;
}

export const DEFAULT_SETTINGS: Omit<InterviewSettings, "seed"> = { count: 5, secondsPerQuestion: 60 };

export function createPracticeStore(opts: PracticeStoreOptions = {}) {
  const randomSeed = opts.randomSeed ?? (() => 1 + Math.floor(Math.random() * 9999));
  const loaded = loadProgress(opts.storage);
  return createStore<PracticeState & PracticeActions>()((set, get) => {
    const saveWith = (progress: Progress, patch: Partial<PracticeState> = {}) => {
      const err = saveProgress(opts.storage, progress);
      set({ ...patch, progress, ...(err ? { message: err } : {}) });
    };
    const setQuiz = (kind: QuizKind, s: session.QuizSession | undefined) =>
      set(kind === "quiz" ? { quiz: s } : { drill: s });
    return {
      mode: "quiz",
      sections: sectionsWithItems(),
      deck: deck.newDeck(FLASHCARDS.map((c) => c.id)),
      settings: { ...DEFAULT_SETTINGS, seed: randomSeed() },
      progress: loaded.progress,
      message: loaded.error
        ? `Saved practice progress could not be read (${loaded.error}); starting fresh.`
        : undefined,

      setMode: (mode) => set({ mode }),
      setSections: (sections) => set({ sections: [...new Set(sections)].sort((a, b) => a - b) }),
      startQuiz(kind) {
        const items =
          kind === "drill"
            ? itemsForSections(sectionsWithItems(), { drillOnly: true })
            : itemsForSections(get().sections);
        if (items.length > 0) setQuiz(kind, session.startQuiz(items));
      },
      answer(kind, given) {
        const s = get()[kind];
        if (!s) return;
        const after = session.answerQuiz(s, given);
        if (after === s) return;
        const id = s.itemIds[s.index];
        setQuiz(kind, after);
        saveWith(withQuizAnswer(get().progress, id, after.answers[id].correct));
      },
      next(kind) {
        const s = get()[kind];
        if (s) setQuiz(kind, session.nextQuestion(s));
      },
      retryWrong(kind) {
        const s = get()[kind];
        if (s) setQuiz(kind, session.retryWrong(s));
      },
      stopQuiz: (kind) => setQuiz(kind, undefined),

      flip: () => set({ deck: deck.flip(get().deck) }),
      stepCard: (delta) => set({ deck: deck.step(get().deck, delta) }),
      knewIt: () => set({ deck: deck.markKnown(get().deck) }),
      again: () => set({ deck: deck.markAgain(get().deck) }),
      resetDeck: () => set({ deck: deck.newDeck(FLASHCARDS.map((c) => c.id)) }),

      setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
      startInterview(now) {
        const { settings, sections } = get();
        const s = session.startInterview({ ...settings, sections }, now);
        if (s.interview.items.length > 0) set({ interview: s });
      },
      submitInterview(given, now) {
        const s = get().interview;
        if (s) finish(session.submitInterviewAnswer(s, given, now));
      },
      endInterview(now) {
        const s = get().interview;
        if (s) finish(session.endInterview(s, now));
      },
      closeInterview: () =>
        set({ interview: undefined, settings: { ...get().settings, seed: randomSeed() } }),
      dismissMessage: () => set({ message: undefined }),
      replaceProgress: (p) =>
        saveWith({ ...get().progress, quiz: p.quiz, bestInterviewPercent: p.bestInterviewPercent }),
    };

    /** Store the session; once it has a review, record every answer and the score. */
    function finish(s: session.InterviewSession) {
      if (!s.review) {
        set({ interview: s });
        return;
      }
      let p = get().progress;
      const previousBest = p.bestInterviewPercent;
      for (const e of s.review.entries) p = withQuizAnswer(p, e.id, e.correct);
      saveWith(withInterviewScore(p, s.review.percent), { interview: s, previousBest });
    }
  });
}

let instance: PracticeStore | undefined;

/** The browser's store, created on first use with localStorage. */
export function practiceStore(): PracticeStore {
  if (!instance) {
    let storage: Storage | undefined;
    try {
      storage = window.localStorage;
    } catch {
      storage = undefined;
    }
    instance = createPracticeStore({ storage });
  }
  return instance;
}

export function usePractice<T>(selector: (s: PracticeState & PracticeActions) => T): T {
  return useStore(practiceStore(), selector);
}
