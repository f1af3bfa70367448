import { describe, expect, it } from "vitest";
import { fakeSimulation } from "./fakeSimulation.test-helper";
import { type FrameHost, Player } from "./player";

/** A frame host the test drives by hand. */
function manualHost() {
  let cb: ((t: number) => void) | undefined;
  const host: FrameHost = {
    requestFrame: (f) => {
      cb = f;
      return 1;
    },
    cancelFrame: () => {
      cb = undefined;
    },
  };
  return {
    host,
    frame: (t: number) => cb?.(t),
    get pending() {
      return cb !== undefined;
    },
  };
}

describe("Player", () => {
  it("records every command with the virtual time it ran at", async () => {
    const p = new Player(fakeSimulation, 1, undefined);
    await p.exec("crictl ps");
    await p.advance(1500);
    await p.apply("name: web");
    expect(p.commands).toEqual([
      { kind: "exec", text: "crictl ps", t: 0 },
      { kind: "apply", text: "name: web", t: 1500 },
    ]);
    expect(p.transcript.map((t) => t.output)).toEqual(["ran crictl ps at 0\n", "pod/web created\n"]);
  });

  it("turns an apply error into kubectl-like output instead of throwing", async () => {
    const p = new Player(fakeSimulation, 1, undefined);
    expect(await p.apply("kind: Pod")).toBe("error: error validating data: metadata.name is required");
  });

  it("steps over clock events that record nothing, to the next trace event", async () => {
    const p = new Player(fakeSimulation, 1, undefined);
    expect(await p.step()).toBe(true);
    // The relist timer fires every 1s but traces only every third tick.
    expect(p.now()).toBe(3000);
    expect(p.sim.trace.lastId).toBe(1);
    await p.step();
    expect(p.now()).toBe(6000);
  });

  it("steps into a timer due at the current instant (a controller's 0 ms timer)", async () => {
    const p = new Player(fakeSimulation, 1, undefined);
    await p.advance(500);
    p.sim.node.clock.setTimer(0, () =>
      p.sim.trace.record({ from: "apiserver", to: "controller-manager", kind: "watch", summary: "now" }),
    );
    expect(await p.step()).toBe(true);
    expect(p.now()).toBe(500);
    expect(p.sim.trace.all().at(-1)?.summary).toBe("now");
  });

  it("runs operations one at a time in call order", async () => {
    const p = new Player(fakeSimulation, 1, undefined);
    const sim = p.sim as ReturnType<typeof fakeSimulation>;
    void p.exec("a");
    void p.advance(500);
    await p.exec("b");
    expect(sim.log).toEqual(["0 exec a", "500 exec b"]);
  });

  it("maps wall time × speed to virtual time while playing, capping long frames", async () => {
    const m = manualHost();
    const p = new Player(fakeSimulation, 1, m.host);
    p.setSpeed(4);
    p.play();
    m.frame(1000);
    m.frame(1100); // 100 ms wall × 4 = 400 ms virtual
    await p.idle();
    expect(p.now()).toBe(400);
    m.frame(60_000); // a hidden tab: at most 250 ms wall counts
    await p.idle();
    expect(p.now()).toBe(400 + 250 * 4);
    p.pause();
    expect(m.pending).toBe(false);
  });

  it("clamps speeds to the 0.25×–16× ladder", () => {
    const p = new Player(fakeSimulation, 1, undefined);
    for (let i = 0; i < 10; i++) p.faster();
    expect(p.speed).toBe(16);
    for (let i = 0; i < 10; i++) p.slower();
    expect(p.speed).toBe(0.25);
    p.setSpeed(3);
    expect(p.speed).toBe(1);
  });

  it("replays recorded commands to the same state (a run is f(seed, commands))", async () => {
    const a = new Player(fakeSimulation, 1, undefined);
    await a.advance(700);
    await a.apply("name: web");
    await a.advance(5000);
    await a.exec("crictl ps");
    await a.advance(1234);
    const b = new Player(fakeSimulation, 1, undefined);
    await b.replay(a.commands, a.now());
    expect(b.now()).toBe(a.now());
    expect(b.sim.snapshot()).toEqual(a.sim.snapshot());
    expect(b.sim.trace.all()).toEqual(a.sim.trace.all());
    expect(b.transcript).toEqual(a.transcript);
  });

  it("records a lesson as a command whose replay sets the scenario up again", async () => {
    const setUps: string[] = [];
    const setUp = async (
      sim: { exec(l: string): Promise<string>; advance(ms: number): Promise<void> },
      id: string,
    ) => {
      setUps.push(id);
      await sim.exec(`setup ${id}`);
      await sim.advance(2000);
    };
    const a = new Player(fakeSimulation, 1, undefined, () => {}, setUp);
    await a.lesson("lab-x");
    await a.exec("crictl ps");
    expect(a.commands).toEqual([
      { kind: "lesson", text: "lab-x", t: 0 },
      { kind: "exec", text: "crictl ps", t: 2000 },
    ]);
    const b = new Player(fakeSimulation, 1, undefined, () => {}, setUp);
    await b.replay(a.commands, a.now());
    expect(setUps).toEqual(["lab-x", "lab-x"]);
    expect((b.sim as ReturnType<typeof fakeSimulation>).log).toEqual([
      "0 exec setup lab-x",
      "2000 exec crictl ps",
    ]);
    // Without lessons loaded, a lesson command fails plainly.
    const c = new Player(fakeSimulation, 1, undefined);
    await expect(c.lesson("lab-x")).rejects.toThrow('cannot start lesson "lab-x": no lessons loaded');
  });
});
