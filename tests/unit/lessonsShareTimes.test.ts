// Share codes with command times and a final time, and predictions in the progress file.
import { describe, expect, it } from "vitest";
import {
  decodeShareCode,
  emptyProgress,
  encodeShareCode,
  exportProgress,
  importProgress,
  replayShareState,
  withPrediction,
} from "../../src/lessons";
import { createSimulation } from "../../src/simulation";

const bad = (state: object) => {
  try {
    encodeShareCode(state as never);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
};

describe("share codes with times", () => {
  it("round-trip times and t, and refuse inconsistent ones", () => {
    const s = {
      seed: 1,
      commands: ["kubectl run a --image=nginx:1.27", "kubectl get pods"],
      times: [60_000, 72_500.5],
      t: 80_000,
    };
    expect(decodeShareCode(encodeShareCode(s))).toEqual({ ok: true, value: s });
    expect(bad({ ...s, times: [1] })).toMatch(/one time per command/);
    expect(bad({ ...s, times: [5, 4] })).toMatch(/never decrease/);
    expect(bad({ ...s, times: [-1, 4] })).toMatch(/virtual ms/);
    expect(bad({ ...s, t: 70_000 })).toMatch(/before the last command/);
    expect(bad({ seed: 1, commands: Array.from({ length: 400 }, () => "x".repeat(200)) })).toMatch(
      /too long/,
    );
  });

  it("replays each command at its time, then advances to t", async () => {
    const a = createSimulation({ seed: 1 });
    await a.exec("kubectl run web --image=nginx:1.27");
    const t0 = a.node.clock.now();
    await a.advance(12_345);
    await a.exec("kubectl run db --image=redis:7.4");
    await a.advance(30_000);
    const code = encodeShareCode({
      seed: 1,
      commands: ["kubectl run web --image=nginx:1.27", "kubectl run db --image=redis:7.4"],
      times: [t0, t0 + 12_345],
      t: a.node.clock.now(),
    });
    const d = decodeShareCode(code);
    if (!d.ok) throw new Error(d.error);
    const b = createSimulation({ seed: 7 });
    await replayShareState(b, d.value);
    expect(b.node.clock.now()).toBe(a.node.clock.now());
    expect(b.trace.all().map((e) => `${e.t} ${e.summary}`)).toEqual(
      a.trace.all().map((e) => `${e.t} ${e.summary}`),
    );
    expect(await b.exec("kubectl get pods")).toBe(await a.exec("kubectl get pods"));
  });
});

describe("predictions in the progress file", () => {
  it("round-trip, drop unknown lessons and steps with a warning, and refuse bad choices", () => {
    const p = withPrediction(withPrediction(emptyProgress(), "lab-x", "diagnose", 1), "lab-x", "other", 0);
    expect(p.predictions).toEqual({ "lab-x": { diagnose: 1, other: 0 } });
    expect(importProgress(exportProgress(p))).toEqual({ ok: true, value: p, warnings: [] });
    const known = { "lab-x": ["diagnose"] };
    const r = importProgress(exportProgress(withPrediction(p, "gone", "s", 2)), known);
    expect(r.ok && r.value.predictions).toEqual({ "lab-x": { diagnose: 1 } });
    expect(r.ok && r.warnings).toEqual(['predictions for unknown lesson "gone" skipped']);
    const broken = JSON.stringify({ ...p, predictions: { "lab-x": { diagnose: -1 } } });
    expect(importProgress(broken)).toEqual({
      ok: false,
      error: 'predictions["lab-x"] must map step ids to choice numbers (0, 1, …)',
    });
  });
});
