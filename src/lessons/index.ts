// Lessons, labs and interview practice: headless (no DOM); the UI renders them.
import type { LiveSimulation } from "../simulation";
import { getLesson } from "./catalog";
import { LessonRun } from "./engine";
import type { ShareState } from "./share";

export { ALL_LESSONS, getLesson, LABS, LESSONS, lessonsForSection } from "./catalog";
export { applyFault, LessonRun, runCheck, type ShowMeResult, setUpScenario } from "./engine";
export { matchShortAnswer, normalizeAnswer, type ShortAnswerSpec } from "./match";
export * from "./progress";
export * from "./quiz";
export * from "./share";
export type * from "./types";
export * from "./view";

/**
 * Rebuild the state a share code describes: the lesson's setup (or a plain reset to the seed),
 * then the commands (each at its time, when the code has times). Returns the started LessonRun when the code names a lesson.
 */
export async function replayShareState(
  sim: LiveSimulation,
  state: ShareState,
): Promise<LessonRun | undefined> {
  let run: LessonRun | undefined;
  if (state.lesson !== undefined) {
    const lesson = getLesson(state.lesson);
    if (!lesson) throw new Error(`unknown lesson "${state.lesson}"`);
    run = new LessonRun({ ...lesson, setup: { ...lesson.setup, seed: state.seed } });
    await run.start(sim);
  } else sim.reset(state.seed);
  const at = async (t: number | undefined) => {
    const now = sim.node.clock.now();
    if (t !== undefined && t > now) await sim.advance(t - now);
  };
  for (const [i, c] of state.commands.entries()) {
    await at(state.times?.[i]);
    await sim.exec(c);
  }
  await at(state.t);
  return run;
}
