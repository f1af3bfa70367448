// The Player maps virtual time to wall time: play/pause, 0.25×–16×, step to the next trace event.
// It owns one Simulation, serialises every operation on it (exec, apply, advance never interleave),
// and records each command so a reload can re-run them from the seed (a run is f(seed, commands)).
import type { Simulation } from "../sim/node/types";
import type { PersistedState, RecordedCommand } from "./persistence";
import { SPEEDS } from "./persistence";

export type SimulationFactory = (opts: { seed?: number }) => Simulation;

/** What the Player needs from the host to pace itself (requestAnimationFrame in the browser). */
export interface FrameHost {
  requestFrame(cb: (wallMs: number) => void): number;
  cancelFrame(id: number): void;
}

/** Longest wall-clock gap one frame may account for: a hidden tab must not jump hours ahead. */
const MAX_FRAME_MS = 250;
/** Step looks this far ahead for a clock event that records a trace event before giving up. */
const STEP_MAX_EVENTS = 5_000;

export interface TranscriptEntry {
  kind: "exec" | "apply";
  input: string;
  output: string;
}

export class Player {
  sim: Simulation;
  playing = false;
  speed = 1;
  readonly commands: RecordedCommand[] = [];
  /** What the terminal and editor showed, so a reload can show it again. */
  readonly transcript: TranscriptEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private frameId: number | undefined;
  private lastWall: number | undefined;
  private owedWallMs = 0;
  private advancing = false;

  constructor(
    factory: SimulationFactory,
    readonly seed: number,
    private readonly host: FrameHost | undefined,
    /** Called after anything that changes what the UI shows. */
    private readonly onChange: () => void = () => {},
  ) {
    this.sim = factory({ seed });
  }

  /** Virtual ms now. */
  now(): number {
    return this.sim.node.clock.now();
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Run operations on the simulation one at a time, in call order. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const p = this.queue.then(fn);
    this.queue = p.then(
      () => this.settle(),
      () => this.settle(),
    );
    return p;
  }

  private settle(): void {
    this.pending--;
    this.onChange();
  }

  exec(line: string): Promise<string> {
    return this.run(async () => {
      this.commands.push({ kind: "exec", text: line, t: this.now() });
      const output = await this.sim.exec(line);
      this.transcript.push({ kind: "exec", input: line, output });
      return output;
    });
  }

  apply(text: string): Promise<string> {
    return this.run(async () => {
      this.commands.push({ kind: "apply", text, t: this.now() });
      let output: string;
      try {
        output = await this.sim.apply(text);
      } catch (e) {
        // kubectl prints validation/parse failures; the core may throw them instead of returning text.
        output = `error: ${(e as Error).message}`;
      }
      this.transcript.push({ kind: "apply", input: text, output });
      return output;
    });
  }

  advance(ms: number): Promise<void> {
    return this.run(() => this.sim.advance(ms));
  }

  /** Advance clock event by clock event until one records a trace event (or the clock is idle). */
  step(): Promise<boolean> {
    return this.run(async () => {
      const clock = this.sim.node.clock;
      const before = this.sim.trace.lastId;
      for (let i = 0; i < STEP_MAX_EVENTS; i++) {
        const next = clock.peekTime();
        if (next === undefined) return false;
        await this.sim.advance(Math.max(0, next - clock.now()));
        if (this.sim.trace.lastId !== before) return true;
      }
      return false;
    });
  }

  play(): void {
    if (this.playing || !this.host) return;
    this.playing = true;
    this.lastWall = undefined;
    this.owedWallMs = 0;
    this.frameId = this.host.requestFrame(this.frame);
    this.onChange();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    if (this.frameId !== undefined) this.host?.cancelFrame(this.frameId);
    this.frameId = undefined;
    this.onChange();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.speed = SPEEDS.includes(speed) ? speed : 1;
    this.onChange();
  }

  faster(): void {
    const i = SPEEDS.indexOf(this.speed);
    this.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]);
  }

  slower(): void {
    const i = SPEEDS.indexOf(this.speed);
    this.setSpeed(SPEEDS[Math.max(0, i - 1)]);
  }

  /** One animation frame: turn elapsed wall time × speed into virtual time. */
  private frame = (wallMs: number): void => {
    if (!this.playing) return;
    if (this.lastWall !== undefined)
      this.owedWallMs += Math.min(MAX_FRAME_MS, Math.max(0, wallMs - this.lastWall));
    this.lastWall = wallMs;
    // A command (e.g. a pull that settles the clock) may hold the queue: owe the time, don't stack advances.
    if (!this.advancing && !this.busy && this.owedWallMs > 0) {
      const virtualMs = this.owedWallMs * this.speed;
      this.owedWallMs = 0;
      this.advancing = true;
      void this.advance(virtualMs).finally(() => {
        this.advancing = false;
      });
    }
    this.owedWallMs = Math.min(this.owedWallMs, 1000);
    if (this.host) this.frameId = this.host.requestFrame(this.frame);
  };

  /** Wait until every queued operation has finished. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  dispose(): void {
    this.pause();
  }

  toPersisted(base: Omit<PersistedState, "seed" | "commands" | "t" | "speed">): PersistedState {
    return { ...base, seed: this.seed, commands: [...this.commands], t: this.now(), speed: this.speed };
  }

  /**
   * Re-run recorded commands headlessly: advance to each command's time, run it, then advance to
   * the saved time. Deterministic, so the node ends in the state the learner left it in.
   */
  async replay(commands: RecordedCommand[], untilT: number): Promise<void> {
    for (const c of commands) {
      const gap = c.t - this.now();
      if (gap > 0) await this.advance(gap);
      if (c.kind === "exec") await this.exec(c.text);
      else await this.apply(c.text);
    }
    const rest = untilT - this.now();
    if (rest > 0) await this.advance(rest);
  }
}
