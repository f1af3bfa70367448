// The node-hour bench as a page script for Chromium (built by browser.vite.config.ts, run by
// chromiumBench.ts): the same code the app bundles, timed by the browser's clock.
import { type BenchHost, benchNodeHour, type NodeBenchResult } from "./nodeBench";

declare global {
  interface Window {
    __nodeBench?: { runs: NodeBenchResult[]; error?: string; done: boolean };
    /** How many hours to run (chromiumBench sets it before the script). */
    __nodeBenchRuns?: number;
  }
}

const host: BenchHost = {
  nowMs: () => performance.now(),
  heapUsed: () => {
    // exact only with --js-flags=--expose-gc and --enable-precise-memory-info
    const gc = (globalThis as { gc?: () => void }).gc;
    const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
    if (!gc || !memory) return undefined;
    gc();
    return memory.usedJSHeapSize;
  },
};

async function main(runs: number): Promise<void> {
  const state: NonNullable<Window["__nodeBench"]> = { runs: [], done: false };
  window.__nodeBench = state;
  try {
    for (let i = 0; i < runs; i++) state.runs.push(await benchNodeHour(110, host));
  } catch (e) {
    state.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  state.done = true;
}

void main(window.__nodeBenchRuns ?? 3);
