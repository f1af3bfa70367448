// The UI's single store instance and a React hook over it.
import { useStore } from "zustand";
import type { SimulationFactory } from "./player";
import { createSimStore, type SimActions, type SimState, type SimStore } from "./simStore";

export type { LessonState } from "./lessonSession";
export type { PaneSizes, Theme, UiLayout } from "./persistence";
export { SPEEDS } from "./persistence";
export type { RemoteStatus, RuntimeChoice } from "./runtime";
export { runtimeFromSearch } from "./runtime";
export type { PredictResult, Selection, SimActions, SimState } from "./simStore";

const SHARE_PREFIX = "#share=";

/** The address that opens this share code (the page's own address with `#share=<code>`). */
export function shareUrl(code: string, location: { origin: string; pathname: string }): string {
  // Not the query: `?runtime=…` names this learner's backend, which the link must not carry.
  return `${location.origin}${location.pathname}${SHARE_PREFIX}${code}`;
}

/** The share code in a `#share=…` hash, if that is what the hash holds. */
export function shareCodeFromHash(hash: string): string | undefined {
  if (!hash.startsWith(SHARE_PREFIX)) return undefined;
  const raw = hash.slice(SHARE_PREFIX.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Take the share code out of the address bar, so a reload continues the session instead. */
function takeShareCode(): string | undefined {
  const code = shareCodeFromHash(window.location.hash);
  if (code !== undefined)
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  return code;
}

let instance: SimStore | undefined;

/** Create the browser's store: localStorage persistence and requestAnimationFrame pacing. */
export function createBrowserStore(createSimulation?: SimulationFactory): SimStore {
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined;
  }
  instance = createSimStore({
    createSimulation,
    storage,
    host: {
      requestFrame: (cb) => window.requestAnimationFrame(cb),
      cancelFrame: (id) => window.cancelAnimationFrame(id),
    },
    wallNow: () => performance.now(),
    schedule: (fn, ms) => void window.setTimeout(fn, ms),
    shareCode: takeShareCode(),
  });
  window.addEventListener("pagehide", () => instance?.flush());
  // A share link pasted into this tab's address bar changes only the hash.
  window.addEventListener("hashchange", () => {
    const code = takeShareCode();
    const store = instance;
    if (code === undefined || !store) return;
    const open = () => void store.getState().openShare(code);
    if (store.getState().ready) open();
    else {
      const off = store.subscribe((st) => {
        if (!st.ready) return;
        off();
        open();
      });
    }
  });
  return instance;
}

export function simStore(): SimStore {
  if (!instance) throw new Error("simStore used before createBrowserStore");
  return instance;
}

export function useSim<T>(selector: (s: SimState & SimActions) => T): T {
  return useStore(simStore(), selector);
}
