// The lesson engine: sets a lesson's scenario up on a simulation, evaluates its steps in order
// (a step is judged only once the ones before it are done, and stays done), runs "show me".
import type { LiveSimulation } from "../simulation";
import type { CheckResult, FaultSpec, Lesson, LessonSetup, LessonStep, StepStatus } from "./types";
import { LessonView } from "./view";

export function applyFault(sim: LiveSimulation, f: FaultSpec): void {
  const faults = sim.node.faults;
  switch (f.fault) {
    case "registryDown":
      faults.registryDown(f.host);
      break;
    case "registrySlow":
      faults.registrySlow(f.msPerMb, f.host);
      break;
    case "registryRateLimit":
      faults.registryRateLimit(true);
      break;
    case "stopContainerd":
      faults.stopContainerd();
      break;
    case "crashContainerd":
      faults.crashContainerd();
      break;
    case "fillDisk":
      faults.fillDisk(f.percent);
      break;
    case "crashContainer":
      faults.crashContainer(f.container, f.exitCode);
      break;
    case "hangContainer":
      faults.hangContainer(f.container);
      break;
    case "memoryPressure":
      faults.memoryPressure(f.bytes);
      break;
  }
}

/** A lesson's scenario on the simulation as it is (no reset): files, commands, faults, settle. */
export async function setUpScenario(sim: LiveSimulation, setup: LessonSetup): Promise<void> {
  for (const [path, content] of Object.entries(setup.files ?? {})) sim.node.fs.write(path, content);
  for (const line of setup.commands) await sim.exec(line);
  for (const f of setup.faults ?? []) applyFault(sim, f);
  if (setup.settleMs) await sim.advance(setup.settleMs);
}

/** Run a check, turning a throw into a failed result (a check must never crash the UI). */
export function runCheck(step: LessonStep, view: LessonView): CheckResult {
  try {
    const r = step.check(view);
    return typeof r === "boolean" ? { ok: r } : r;
  } catch (e) {
    return { ok: false, why: `check error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export interface ShowMeResult {
  command: string;
  output: string;
}

export class LessonRun {
  private sim: LiveSimulation | undefined;
  private viewCache: LessonView | undefined;
  private readonly done = new Set<string>();
  private readonly predictionMap = new Map<string, number>();

  constructor(readonly lesson: Lesson) {}

  /** Reset the simulation to the lesson's seed, then set the scenario up and begin (see setUp, begin). */
  async start(sim: LiveSimulation): Promise<void> {
    sim.reset(this.lesson.setup.seed);
    await this.setUp(sim);
  }

  /**
   * Set the scenario up on the simulation as it is (a replay already created it with the lesson's
   * seed): write its files, run its commands, inject its faults, settle; then begin.
   */
  async setUp(sim: LiveSimulation): Promise<void> {
    await setUpScenario(sim, this.lesson.setup);
    this.begin(sim);
  }

  /** The lesson starts now: its checks see the trace from here on; no step is done yet. */
  begin(sim: LiveSimulation): void {
    this.sim = sim;
    this.viewCache = new LessonView(sim, sim.trace.lastId, sim.node.clock.now());
    this.done.clear();
    this.predictionMap.clear();
  }

  get started(): boolean {
    return this.sim !== undefined;
  }

  get view(): LessonView {
    if (!this.viewCache) throw new Error(`lesson "${this.lesson.id}" has not been started`);
    return this.viewCache;
  }

  step(stepId: string): LessonStep {
    const s = this.lesson.steps.find((x) => x.id === stepId);
    if (!s) throw new Error(`lesson "${this.lesson.id}" has no step "${stepId}"`);
    return s;
  }

  /** Steps in order: done ones stay done; the first not-done one is current; the rest are locked. */
  evaluate(): StepStatus[] {
    const view = this.view;
    const out: StepStatus[] = [];
    let blocked = false;
    for (const s of this.lesson.steps) {
      const predicted = this.predictionOf(s);
      if (blocked) {
        out.push({ id: s.id, state: "locked", ok: false, predicted });
        continue;
      }
      const r = runCheck(s, view);
      // A prediction step counts only once the learner has predicted (before watching).
      const needsPrediction = s.predict !== undefined && !this.predictionMap.has(s.id);
      if (r.ok && !needsPrediction) this.done.add(s.id);
      if (!this.done.has(s.id) && needsPrediction) r.why = "predict first, then watch";
      if (this.done.has(s.id)) out.push({ id: s.id, state: "done", ok: r.ok, why: r.why, predicted });
      else {
        out.push({ id: s.id, state: "current", ok: false, why: r.why, predicted });
        blocked = true;
      }
    }
    return out;
  }

  /** The current step (first not done), or undefined when the lesson is complete. */
  current(): LessonStep | undefined {
    const st = this.evaluate().find((s) => s.state === "current");
    return st ? this.step(st.id) : undefined;
  }

  get complete(): boolean {
    return this.evaluate().every((s) => s.state === "done");
  }

  completedSteps(): string[] {
    return this.lesson.steps.filter((s) => this.done.has(s.id)).map((s) => s.id);
  }

  /** Mark steps done from saved progress (only ids this lesson has). */
  restore(stepIds: readonly string[]): void {
    for (const id of stepIds) if (this.lesson.steps.some((s) => s.id === id)) this.done.add(id);
  }

  /** The learner's predictions so far: step id → chosen index. */
  predictions(): Record<string, number> {
    return Object.fromEntries(this.predictionMap);
  }

  /** Put saved predictions back (only steps that ask one, with a valid choice). */
  restorePredictions(saved: Readonly<Record<string, number>>): void {
    for (const [id, choice] of Object.entries(saved)) {
      const p = this.lesson.steps.find((s) => s.id === id)?.predict;
      if (p && Number.isInteger(choice) && choice >= 0 && choice < p.choices.length)
        this.predictionMap.set(id, choice);
    }
  }

  hint(stepId: string): string {
    return this.step(stepId).hint;
  }

  /** Perform the step: run its commands and return what each printed. */
  async showMe(stepId: string): Promise<ShowMeResult[]> {
    const sim = this.sim;
    if (!sim) throw new Error(`lesson "${this.lesson.id}" has not been started`);
    const results: ShowMeResult[] = [];
    for (const command of this.step(stepId).showMe)
      results.push({ command, output: await sim.exec(command) });
    return results;
  }

  /** Record the learner's prediction for a step; answers once (the first answer counts). */
  predict(stepId: string, choice: number): { correct: boolean; answer: string; explanation: string } {
    const p = this.step(stepId).predict;
    if (!p) throw new Error(`step "${stepId}" asks no prediction`);
    if (!Number.isInteger(choice) || choice < 0 || choice >= p.choices.length)
      throw new Error(`choice must be 0..${p.choices.length - 1}`);
    if (!this.predictionMap.has(stepId)) this.predictionMap.set(stepId, choice);
    return { correct: choice === p.answer, answer: p.choices[p.answer], explanation: p.explanation };
  }

  /** Predictions answered right / asked so far. */
  predictionScore(): { correct: number; answered: number } {
    let correct = 0;
    for (const [id, c] of this.predictionMap) if (this.step(id).predict?.answer === c) correct++;
    return { correct, answered: this.predictionMap.size };
  }

  private predictionOf(s: LessonStep): StepStatus["predicted"] {
    const c = this.predictionMap.get(s.id);
    return c === undefined || !s.predict ? undefined : { choice: c, correct: c === s.predict.answer };
  }
}
