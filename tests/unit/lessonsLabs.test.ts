import { describe, expect, it } from "vitest";
import { LABS } from "../../src/lessons/catalog";
import { rawOk, solve, startAndRun } from "./lessonsSolve.helper";

describe("troubleshooting labs", () => {
  for (const lab of LABS) {
    it(`${lab.id}: starts broken, the fix passes only after the fix`, async () => {
      const { run, steps } = await solve(lab);
      const [diagnose, fix] = steps;
      expect(diagnose.rawBefore, "the node starts broken").toBe(true);
      expect(diagnose.stateBefore, "diagnosis waits for the prediction").toBe("current");
      expect(fix.rawBefore, "fix check fails on the broken node").toBe(false);
      expect(fix.stateAfter, fix.whyAfter).toBe("done");
      expect(run.complete).toBe(true);
    });

    it(`${lab.id}: a wrong fix leaves the check failing`, async () => {
      expect(lab.wrongFix?.length).toBeGreaterThan(0);
      const run = await startAndRun(lab, lab.wrongFix ?? []);
      expect(rawOk(run, "fix")).toBe(false);
    });
  }
});
