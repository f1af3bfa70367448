import { describe, expect, it } from "vitest";
import { fakeSimulation } from "./fakeSimulation.test-helper";
import { memoryStorage, STORAGE_KEY } from "./persistence";
import type { RemoteStateLike } from "./runtime";
import { createSimStore } from "./simStore";

const now = () => 1e9;

/** A fake real-mode simulation whose RemoteRuntime state the test drives. */
function fakeRemote() {
  const listeners = new Set<(s: RemoteStateLike) => void>();
  let closed = 0;
  const rt = {
    state: { connected: false, runtimeUp: false } as RemoteStateLike,
    onState(l: (s: RemoteStateLike) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    ready: () => new Promise<unknown>(() => {}),
    push(s: RemoteStateLike) {
      rt.state = s;
      for (const l of listeners) l(s);
    },
  };
  const factory = (o: { seed?: number }) =>
    Object.assign(fakeSimulation(o), { remote: { runtime: rt }, close: () => void closed++ });
  return { rt, factory, closed: () => closed };
}

describe("simStore runtime switch", () => {
  it("shows the connection state, keeps the simulated session saved, and switches back", async () => {
    const storage = memoryStorage();
    const remote = fakeRemote();
    const store = createSimStore({
      createSimulation: fakeSimulation,
      storage,
      wallNow: now,
      loadRemote: async () => remote.factory,
    });
    await store.init();
    await store.getState().exec("crictl ps");
    await store.getState().setRuntime({ kind: "real", url: "ws://127.0.0.1:7070", token: "t" });
    expect(store.getState().remote?.phase).toBe("connecting");
    remote.rt.push({ connected: true, runtimeUp: false, message: "containerd is not running" });
    expect(store.getState().remote).toEqual({
      phase: "runtime-down",
      text: "runtime down: containerd is not running",
    });
    remote.rt.push({ connected: true, runtimeUp: true });
    expect(store.getState().remote?.phase).toBe("connected");
    // Commands on the real node are not saved over the simulated session.
    await store.getState().exec("crictl images");
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? "{}");
    expect(saved.commands.map((c: { text: string }) => c.text)).toEqual(["crictl ps"]);
    await store.getState().setRuntime({ kind: "simulated" });
    expect(remote.closed()).toBe(1);
    expect(store.getState().remote).toBeUndefined();
    expect(store.getState().runtime).toEqual({ kind: "simulated" });
    expect(store.player().commands.map((c) => c.text)).toEqual(["crictl ps"]);
  });

  it("reports a loader failure plainly and stays on the simulated node", async () => {
    const store = createSimStore({
      createSimulation: fakeSimulation,
      wallNow: now,
      loadRemote: async () => {
        throw new Error("offline");
      },
    });
    await store.init();
    await store.getState().setRuntime({ kind: "real", url: "ws://nowhere:1", token: "" });
    expect(store.getState().remote).toEqual({
      phase: "error",
      text: "could not connect to ws://nowhere:1: offline",
    });
    expect(await store.getState().exec("echo hi")).toContain("ran echo hi");
  });
});
