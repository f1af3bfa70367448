// Lessons and labs are data: a starting scenario, steps with checks on the simulation's state or
// trace (never on what was typed), hints and "show me" commands. The UI renders them; tests solve them.
import type { LessonView } from "./view";

/** A fault the setup injects after its commands (the same names as `sim fault`). */
export type FaultSpec =
  | { fault: "registryDown"; host?: string }
  | { fault: "registrySlow"; msPerMb: number; host?: string }
  | { fault: "registryRateLimit" }
  | { fault: "stopContainerd" }
  | { fault: "crashContainerd" }
  | { fault: "fillDisk"; percent: number }
  | { fault: "crashContainer"; container: string; exitCode?: number }
  | { fault: "hangContainer"; container: string }
  | { fault: "memoryPressure"; bytes: number };

export interface LessonSetup {
  /** The simulation is reset to this seed before anything else. */
  seed: number;
  /** Node files written before the commands (e.g. a broken config the commands then load). */
  files?: Record<string, string>;
  /** Run through sim.exec before the learner starts (their trace is before the lesson start). */
  commands: string[];
  faults?: FaultSpec[];
  /** Virtual ms to advance after the faults, so the learner meets the settled (broken) state. */
  settleMs?: number;
}

export interface CheckResult {
  ok: boolean;
  /** Why it is (not yet) done, in one line the learner can act on. */
  why?: string;
}

export type Check = (view: LessonView) => boolean | CheckResult;

/** "Predict the next CRI call" — asked before the learner makes it happen. */
export interface Predict {
  question: string;
  choices: string[];
  /** Index into choices. */
  answer: number;
  /** Shown after answering: what really happens and why. */
  explanation: string;
}

export interface LessonStep {
  id: string;
  /** Markdown. */
  text: string;
  hint: string;
  check: Check;
  /** Commands that perform the step (run through sim.exec in order). */
  showMe: string[];
  predict?: Predict;
}

export type LessonKind = "lesson" | "lab";

export interface Lesson {
  id: string;
  title: string;
  /** Seed document section, 1–15. */
  section: number;
  kind: LessonKind;
  /** Markdown shown before the first step. */
  intro: string;
  setup: LessonSetup;
  steps: LessonStep[];
  /** Markdown shown when every step is done; says what a real node does where the sim simplifies. */
  outro?: string;
  /** Labs: commands that look like a fix but are not (tests prove the check still fails after them). */
  wrongFix?: string[];
}

export type StepState = "done" | "current" | "locked";

export interface StepStatus {
  id: string;
  state: StepState;
  /** The check right now (only evaluated for done and current steps). */
  ok: boolean;
  why?: string;
  /** The learner's prediction, when the step has one and it was answered. */
  predicted?: { choice: number; correct: boolean };
}
