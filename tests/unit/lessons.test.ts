import { describe, expect, it } from "vitest";
import { LESSONS } from "../../src/lessons/catalog";
import { solve } from "./lessonsSolve.helper";

describe("lessons: each is solved by its show-me commands", () => {
  it("covers every seed section 1–15 with 2–5 steps", () => {
    // every section has at least one lesson (some have a deep dive too, e.g. runtime flavours)
    expect([...new Set(LESSONS.map((l) => l.section))].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(2);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(5);
      expect(new Set(l.steps.map((s) => s.id)).size, l.id).toBe(l.steps.length);
    }
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: checks fail before each step and pass after it`, async () => {
      const { run, steps } = await solve(lesson);
      for (const s of steps) {
        const step = lesson.steps.find((x) => x.id === s.id)!;
        expect(s.stateBefore, `${s.id} done before its step`).toBe("current");
        // A prediction step is gated on the prediction; every other step's state must not be met yet.
        if (!step.predict) expect(s.rawBefore, `${s.id} check already true before show-me`).toBe(false);
        else expect(s.predictedCorrect, `${s.id} prediction answer`).toBe(true);
        expect(s.stateAfter, `${s.id}: ${s.whyAfter ?? ""}`).toBe("done");
      }
      expect(run.complete).toBe(true);
    });
  }
});
