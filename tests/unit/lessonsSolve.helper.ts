// Shared by the lesson and lab solve suites: run a lesson's "show me" step by step and record
// what the checks said before and after each step.
import { LessonRun } from "../../src/lessons/engine";
import type { Lesson } from "../../src/lessons/types";
import { createSimulation } from "../../src/simulation";

export interface StepTrace {
  id: string;
  stateBefore: string;
  rawBefore: boolean;
  predictedCorrect?: boolean;
  stateAfter: string;
  whyAfter?: string;
}

export function rawOk(run: LessonRun, stepId: string): boolean {
  const r = run.step(stepId).check(run.view);
  return typeof r === "boolean" ? r : r.ok;
}

export async function solve(lesson: Lesson): Promise<{ run: LessonRun; steps: StepTrace[] }> {
  const sim = createSimulation({ seed: 1 });
  const run = new LessonRun(lesson);
  await run.start(sim);
  const steps: StepTrace[] = [];
  for (const step of lesson.steps) {
    const stateBefore = run.evaluate().find((s) => s.id === step.id)!.state;
    const rawBefore = rawOk(run, step.id);
    const predictedCorrect = step.predict ? run.predict(step.id, step.predict.answer).correct : undefined;
    await run.showMe(step.id);
    const after = run.evaluate().find((s) => s.id === step.id)!;
    steps.push({
      id: step.id,
      stateBefore,
      rawBefore,
      predictedCorrect,
      stateAfter: after.state,
      whyAfter: after.why,
    });
  }
  return { run, steps };
}

/** Start a lesson on a fresh simulation and run commands (a wrong fix); return the run. */
export async function startAndRun(lesson: Lesson, commands: string[]): Promise<LessonRun> {
  const sim = createSimulation({ seed: 1 });
  const run = new LessonRun(lesson);
  await run.start(sim);
  for (const c of commands) await sim.exec(c);
  return run;
}
