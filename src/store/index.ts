// The UI's single store instance and a React hook over it.
import { useStore } from "zustand";
import type { SimulationFactory } from "./player";
import { createSimStore, type SimActions, type SimState, type SimStore } from "./simStore";

export type { PaneSizes, Theme, UiLayout } from "./persistence";
export { SPEEDS } from "./persistence";
export type { RemoteStatus, RuntimeChoice } from "./runtime";
export { runtimeFromSearch } from "./runtime";
export type { Selection, SimActions, SimState } from "./simStore";

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
  });
  window.addEventListener("pagehide", () => instance?.flush());
  return instance;
}

export function simStore(): SimStore {
  if (!instance) throw new Error("simStore used before createBrowserStore");
  return instance;
}

export function useSim<T>(selector: (s: SimState & SimActions) => T): T {
  return useStore(simStore(), selector);
}
