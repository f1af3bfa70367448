import { describe, expect, it } from "vitest";
import { fakeSimulation } from "./fakeSimulation.test-helper";
import { memoryStorage, STORAGE_KEY } from "./persistence";
import { createSimStore } from "./simStore";

const now = () => 1e9; // far from lastPublish: every change publishes at once

describe("simStore", () => {
  it("starts fresh with a visible notice when the saved session is corrupt", async () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, "{oops");
    const store = createSimStore({ createSimulation: fakeSimulation, storage, wallNow: now });
    await store.init();
    const s = store.getState();
    expect(s.ready).toBe(true);
    expect(s.notice).toContain("could not be read");
    expect(s.snapshot?.pods).toEqual([]);
    // The bad entry was replaced by a valid one.
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).version).toBe(1);
  });

  it("persists commands and restores them on the next load", async () => {
    const storage = memoryStorage();
    const a = createSimStore({ createSimulation: fakeSimulation, storage, wallNow: now });
    await a.init();
    await a.getState().apply("name: web");
    await a.getState().step(); // the pod turns Running 2s later (first trace event)
    a.getState().setTheme("dark");
    expect(a.getState().snapshot?.pods[0].status).toEqual({ phase: "Running" });

    const b = createSimStore({ createSimulation: fakeSimulation, storage, wallNow: now });
    await b.init();
    const s = b.getState();
    expect(s.snapshot?.pods[0].status).toEqual({ phase: "Running" });
    expect(s.t).toBe(a.getState().t);
    expect(s.theme).toBe("dark");
    expect(s.notice).toContain("Restored 1 command");
    // Replayed events are history, not news: nothing to animate.
    expect(s.liveAfterId).toBe(b.player().sim.trace.lastId);
  });

  it("publishes new trace events and marks the newest as current", async () => {
    const store = createSimStore({ createSimulation: fakeSimulation, wallNow: now });
    await store.init();
    await store.getState().step();
    const s = store.getState();
    expect(s.events.map((e) => e.summary)).toEqual(["ListPodSandbox()"]);
    expect(s.currentEventId).toBe(s.events[0].id);
  });

  it("reset clears commands and the node, keeping the seed", async () => {
    const storage = memoryStorage();
    const store = createSimStore({ createSimulation: fakeSimulation, storage, wallNow: now });
    await store.init(42);
    await store.getState().apply("name: web");
    await store.getState().reset();
    expect(store.getState().snapshot?.pods).toEqual([]);
    expect(store.getState().seed).toBe(42);
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).commands).toEqual([]);
  });
});
