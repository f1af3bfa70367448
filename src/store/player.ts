// The Player maps virtual time to wall time: play/pause, 0.25×–16×, step to the next trace event.
// It owns one Simulation, serialises every operation on it (exec, apply, advance never interleave),
// and records each command so a reload can re-run them from the seed (a run is f(seed, commands)).
// A follow command (`kubectl get pods -w`) holds the queue only until it starts waiting for Ctrl-C,
// so time keeps advancing while it streams. After a rewind, the commands recorded later than the
// moment rewound to wait in `future` and run when the clock reaches them again.
import type { ShellResult } from "../shell/shell";
import type { FollowHost } from "../shell/types";
import type { Simulation } from "../sim/node/types";
import type { PersistedState, RecordedCommand } from "./persistence";
import { SPEEDS } from "./persistence";

export type SimulationFactory = (opts: { seed?: number }) => Simulation;

/** Sets a lesson's scenario up on the simulation as it is (a "lesson" command, live or replayed). */
export type LessonSetUp = (sim: Simulation, lessonId: string) => Promise<void>;

/** What the Player needs from the host to pace itself (requestAnimationFrame in the browser). */
export interface FrameHost {
  requestFrame(cb: (wallMs: number) => void): number;
  cancelFrame(id: number): void;
}

/** Longest wall-clock gap one frame may account for: a hidden tab must not jump hours ahead. */
const MAX_FRAME_MS = 250;
/** Step looks this far ahead for a clock event that records a trace event before giving up. */
const STEP_MAX_EVENTS = 5_000;

/** How the terminal runs a line: colour, width, and (for follow modes) where streamed output goes. */
export interface TerminalIo {
  color?: boolean;
  columns?: number;
  follow?: FollowHost;
}

/** A Simulation that can also run a line with terminal I/O (the LiveSimulation facade). */
type RunnableSimulation = Simulation & {
  run?(line: string, io?: TerminalIo): Promise<ShellResult>;
};

export interface TranscriptEntry {
  kind: "exec" | "apply";
  input: string;
  output: string;
  /** A session in a container is open after this line (`kubectl exec -it`): the prompt it shows. */
  prompt?: string;
}

export class Player {
  sim: RunnableSimulation;
  playing = false;
  speed = 1;
  readonly commands: RecordedCommand[] = [];
  /** Commands recorded after the moment rewound to: they run again when the clock gets there. */
  future: RecordedCommand[] = [];
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
    private readonly setUpLesson?: LessonSetUp,
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

  /** A new command branches the timeline: what was recorded after a rewind is dropped. */
  private record(kind: RecordedCommand["kind"], text: string): void {
    this.future = [];
    this.commands.push({ kind, text, t: this.now() });
  }

  exec(line: string): Promise<string> {
    return this.run(async () => {
      this.record("exec", line);
      return this.execNow(line);
    });
  }

  private async execNow(line: string): Promise<string> {
    const output = await this.sim.exec(line);
    this.transcript.push({ kind: "exec", input: line, output, ...this.sessionPrompt() });
    return output;
  }

  /** The prompt of the container session the shell is in, if it is in one. */
  private sessionPrompt(): { prompt?: string } {
    const shell = (this.sim as { shell?: { prompt?: string } }).shell;
    return shell?.prompt !== undefined ? { prompt: shell.prompt } : {};
  }

  /**
   * Run a line from the terminal: recorded like exec (a replay runs it without follow). A follow
   * command releases the queue as soon as it waits for Ctrl-C (it reads `interrupted`), so played
   * frames advance the clock and its watch callbacks stream through `io.follow.write`; the returned
   * promise settles when the command ends.
   */
  terminal(line: string, io: TerminalIo = {}): Promise<ShellResult> {
    let finished: Promise<ShellResult> | undefined;
    const started = this.run(async () => {
      this.record("exec", line);
      const sim = this.sim;
      if (!sim.run) {
        const output = await this.execNow(line);
        finished = Promise.resolve({ output, stdout: output, stderr: "", code: 0 });
        return;
      }
      let release: () => void = () => {};
      const waiting = new Promise<void>((r) => {
        release = r;
      });
      let streamed = "";
      const outer = io.follow;
      const follow: FollowHost | undefined = outer && {
        write(chunk) {
          streamed += chunk;
          outer.write(chunk);
        },
        get interrupted() {
          release();
          return outer.interrupted;
        },
      };
      finished = sim.run(line, { color: io.color, columns: io.columns, follow }).then((r) => {
        this.transcript.push({
          kind: "exec",
          input: line,
          output: streamed + r.output,
          ...(r.prompt !== undefined ? { prompt: r.prompt } : {}),
        });
        this.onChange();
        return r;
      });
      await Promise.race([finished, waiting]);
    });
    return started.then(() => finished as Promise<ShellResult>);
  }

  /** Set a lesson's scenario up now, recorded as a "lesson" command so a replay does it again. */
  lesson(id: string): Promise<void> {
    return this.run(async () => {
      this.record("lesson", id);
      await this.lessonNow(id);
    });
  }

  private async lessonNow(id: string): Promise<void> {
    if (!this.setUpLesson) throw new Error(`cannot start lesson "${id}": no lessons loaded`);
    await this.setUpLesson(this.sim, id);
  }

  apply(text: string): Promise<string> {
    return this.run(async () => {
      this.record("apply", text);
      return this.applyNow(text);
    });
  }

  private async applyNow(text: string): Promise<string> {
    let output: string;
    try {
      output = await this.sim.apply(text);
    } catch (e) {
      // kubectl prints validation/parse failures; the core may throw them instead of returning text.
      output = `error: ${(e as Error).message}`;
    }
    this.transcript.push({ kind: "apply", input: text, output });
    return output;
  }

  advance(ms: number): Promise<void> {
    return this.run(() => this.advanceTo(this.now() + ms));
  }

  /** Move the clock to `t`, running each future command when its time comes (inside the queue). */
  private async advanceTo(t: number): Promise<void> {
    while (this.future.length > 0 && this.future[0].t <= t) {
      const c = this.future.shift() as RecordedCommand;
      if (c.t > this.now()) await this.sim.advance(c.t - this.now());
      await this.runRecorded(c);
    }
    if (t > this.now()) await this.sim.advance(t - this.now());
  }

  /** Re-run a recorded command (headless: follow commands print once). */
  private async runRecorded(c: RecordedCommand): Promise<void> {
    this.commands.push(c);
    if (c.kind === "exec") await this.execNow(c.text);
    else if (c.kind === "lesson") await this.lessonNow(c.text);
    else await this.applyNow(c.text);
  }

  /** Advance clock event by clock event until one records a trace event (or the clock is idle). */
  step(): Promise<boolean> {
    return this.run(async () => {
      const clock = this.sim.node.clock;
      const before = this.sim.trace.lastId;
      for (let i = 0; i < STEP_MAX_EVENTS; i++) {
        const next = clock.peekTime();
        const cmd = this.future[0];
        if (cmd && (next === undefined || cmd.t <= next)) await this.advanceTo(cmd.t);
        else if (next === undefined) return false;
        // A timer due at the current instant fires on a zero advance (advanceTo(now) moves nothing).
        else if (next <= clock.now()) await this.sim.advance(0);
        else await this.advanceTo(next);
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
    return {
      ...base,
      seed: this.seed,
      commands: [...this.commands, ...this.future],
      t: this.now(),
      speed: this.speed,
    };
  }

  /**
   * Re-run recorded commands headlessly up to `untilT`: advance to each command's time, run it,
   * then advance to `untilT`. Deterministic, so the node ends in the state it had at that moment;
   * commands recorded later wait in `future`.
   */
  async replay(commands: RecordedCommand[], untilT: number): Promise<void> {
    this.future = commands.filter((c) => c.t > untilT);
    const now = commands.filter((c) => c.t <= untilT);
    await this.run(async () => {
      for (const c of now) {
        if (c.t > this.now()) await this.sim.advance(c.t - this.now());
        await this.runRecorded(c);
      }
      if (untilT > this.now()) await this.sim.advance(untilT - this.now());
    });
  }
}
