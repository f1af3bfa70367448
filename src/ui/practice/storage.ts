// Practice progress in localStorage, validated with importProgress: a corrupted entry means a
// fresh start with a message, never a crash.
import { emptyProgress, exportProgress, importProgress, type Progress } from "../../lessons/progress";

export const PRACTICE_KEY = "k8s-node-sim:practice:v1";

export type ProgressStorage = Pick<Storage, "getItem" | "setItem">;

export interface LoadedProgress {
  progress: Progress;
  /** Why the saved entry was dropped, when it was. */
  error?: string;
}

export function loadProgress(storage: ProgressStorage | undefined): LoadedProgress {
  let text: string | null;
  try {
    text = storage?.getItem(PRACTICE_KEY) ?? null;
  } catch (e) {
    return { progress: emptyProgress(), error: `storage is not available: ${message(e)}` };
  }
  if (text === null) return { progress: emptyProgress() };
  const r = importProgress(text);
  return r.ok ? { progress: r.value } : { progress: emptyProgress(), error: r.error };
}

/** Save; returns an error message when the browser refuses (private mode, quota). */
export function saveProgress(storage: ProgressStorage | undefined, p: Progress): string | undefined {
  if (!storage) return undefined;
  try {
    storage.setItem(PRACTICE_KEY, exportProgress(p));
    return undefined;
  } catch (e) {
    return `progress could not be saved: ${message(e)}`;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Totals over every question answered so far. */
export function progressTotals(p: Progress): { attempts: number; correct: number; questions: number } {
  let attempts = 0;
  let correct = 0;
  for (const r of Object.values(p.quiz)) {
    attempts += r.attempts;
    correct += r.correct;
  }
  return { attempts, correct, questions: Object.keys(p.quiz).length };
}
