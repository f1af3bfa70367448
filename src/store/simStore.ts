// The zustand store the UI reads: the Player's state, a throttled snapshot, recent trace events,
// the selection shown in the detail drawer, UI preferences, and the persistence to localStorage.
import { createStore } from "zustand/vanilla";
import type { LessonRun } from "../lessons/engine";
import {
  type ParseResult,
  type Progress,
  importProgress as parseProgress,
  withCompletedSteps,
  withPrediction,
} from "../lessons/progress";
import type { ShellResult } from "../shell/shell";
import type { KubeletSnapshot } from "../sim/kubelet/kubelet";
import type { NodeSnapshot } from "../sim/node/types";
import type { TraceEvent } from "../sim/trace";
import type { LiveSimulation } from "../simulation";
import { uiViews } from "../simulation/uiViews";
import {
  type LessonState,
  loadProgress,
  saveProgress,
  sessionFromShareCode,
  shareCodeOf,
} from "./lessonSession";
import {
  defaultState,
  type KeyValueStorage,
  type LessonRunState,
  type PersistedState,
  parsePersisted,
  STORAGE_KEY,
  serializePersisted,
  type Theme,
  type UiLayout,
} from "./persistence";
import {
  type FrameHost,
  type LessonSetUp,
  Player,
  type SimulationFactory,
  type TerminalIo,
  type TranscriptEntry,
} from "./player";
import {
  type RemoteStateLike,
  type RemoteStatus,
  type RuntimeChoice,
  remoteError,
  remoteStatus,
} from "./runtime";
import { type StatsHistory, sampleStats, type Timelines, updateTimelines } from "./views";

/** How many recent trace events the panels keep. */
export const RECENT_EVENTS = 300;
/** At most this often (wall ms) is a fresh snapshot taken while playing. */
const PUBLISH_EVERY_MS = 100;
const BUSY_PUBLISH_EVERY_MS = 250;
/** CPU/memory are sampled at most once per this much virtual time (sparkline resolution). */
const STATS_EVERY_VMS = 1000;
/** Virtual time is saved at most this often while playing. */
const SAVE_EVERY_MS = 2000;

/** What the detail drawer shows: a trace event, or a box of the diagram. */
export type Selection =
  | { kind: "event"; event: TraceEvent }
  | { kind: "box"; title: string; data: unknown }
  | undefined;

export interface SimState {
  ready: boolean;
  seed: number;
  epochMs: number;
  t: number;
  /** Virtual time when the node had booted (the scrubber's start). */
  startT: number;
  /** The latest virtual time this session reached (the scrubber's end). */
  horizon: number;
  /**
   * Bumped when the node is rebuilt (reset, rewind, a lesson started) or commands ran outside the
   * terminal ("show me"): the terminal redraws its transcript and stops follows.
   */
  generation: number;
  playing: boolean;
  speed: number;
  busy: boolean;
  snapshot: NodeSnapshot | undefined;
  /** The kubelet's view: per-pod back-off deadlines (virtual ms) for live countdowns. */
  kubelet: KubeletSnapshot | undefined;
  /** Each container's state timeline, accumulated from snapshots. */
  timelines: Timelines;
  /** CPU and memory samples per running container (from CRI stats). */
  stats: StatsHistory;
  /** Most recent trace events, oldest first. */
  events: TraceEvent[];
  /** Events with id > this were recorded live (animate them); older ones came from a replay. */
  liveAfterId: number;
  /** The trace event the diagram highlights (last one stepped to or recorded). */
  currentEventId: number | undefined;
  transcript: TranscriptEntry[];
  theme: Theme;
  layout: UiLayout;
  /** A visible message (corrupted saved state, replay failure). */
  notice: string | undefined;
  selection: Selection;
  /** The runtime the kubelet drives (Simulated, or a real containerd behind the backend). */
  runtime: RuntimeChoice;
  /** Real runtime: the connection badge (undefined while simulated). */
  remote: RemoteStatus | undefined;
  /** The active lesson or lab (undefined in the free sandbox). */
  lesson: LessonState | undefined;
  /** Completed steps and predictions of every lesson (its own localStorage entry). */
  progress: Progress;
}

/** What a prediction tells the learner once answered. */
export interface PredictResult {
  correct: boolean;
  answer: string;
  explanation: string;
}

export interface SimActions {
  exec(line: string): Promise<string>;
  /** A line typed into the terminal: colour, width and follow modes (`-w`, `-f`) stream live. */
  terminal(line: string, io?: TerminalIo): Promise<ShellResult>;
  apply(text: string): Promise<string>;
  /** Tab completion from the node's shell (reads only; nothing is recorded). */
  complete(line: string, cursor: number): string[];
  /** Rewind or fast-forward to virtual time `t`: a deterministic re-run of seed + commands. */
  seek(t: number): Promise<void>;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): Promise<void>;
  faster(): void;
  slower(): void;
  setSpeed(speed: number): void;
  reset(): Promise<void>;
  setTheme(theme: Theme): void;
  setLayout(patch: Partial<UiLayout>): void;
  select(sel: Selection): void;
  dismissNotice(): void;
  /** Switch runtime: a real one starts a fresh node on it; Simulated restores the simulated session. */
  setRuntime(choice: RuntimeChoice): Promise<void>;
  /** A fresh node with the lesson's seed and its scenario set up (recorded); the Learn tab opens. */
  startLesson(id: string): Promise<void>;
  /** Back to the free sandbox: a fresh node, no lesson. */
  leaveLesson(): Promise<void>;
  /** Run a step's "show me" commands through the Player (recorded, shown in the terminal). */
  showMe(stepId: string): Promise<void>;
  /** Answer a step's "predict the next CRI call" (the first answer counts). */
  predict(stepId: string, choice: number): PredictResult | undefined;
  /** Start the lesson and "show me" every step up to and including stepId (the Practice panel's demos). */
  openLessonDemo(lessonId: string, stepId: string): Promise<void>;
  /** A share code for this moment: lesson + seed + commands at their virtual times. Throws when too long. */
  shareCode(): string;
  /** Open a share code (from a #share= link): replays it, or starts fresh with a notice when it is bad. */
  openShare(code: string): Promise<void>;
  /** Progress as JSON text (for a download). */
  exportProgress(): string;
  /** Replace the progress with an exported file's; a bad file changes nothing and says why. */
  importProgress(text: string): Promise<ParseResult<Progress>>;
  /** Replace the progress (e.g. a quiz answer recorded with withQuizAnswer). */
  setProgress(p: Progress): void;
}

/** Builds the real-runtime factory (the default imports src/simulation after the first paint). */
export type RemoteLoader = (remote: { url: string; token: string }) => Promise<SimulationFactory>;

const loadRemoteDefault: RemoteLoader = async (remote) => {
  const { createSimulation } = await import("../simulation");
  return (o) => createSimulation({ seed: o.seed, remote, editorPanel: true });
};

/** The lessons' code (catalog + engine), loaded after the first paint like the simulation's. */
export type LessonsModule = typeof import("../lessons");
const loadLessonsDefault = () => import("../lessons");

/** How start() presents the new node: a restored session, a quiet rebuild (rewind), a fresh start. */
type StartMode = "restore" | "quiet" | "fresh";

/** The RemoteRuntime of a real-mode simulation (LiveSimulation.remote.runtime), if any. */
interface RemoteRuntimeLike {
  state: RemoteStateLike;
  onState(l: (s: RemoteStateLike) => void): () => void;
  ready(): Promise<unknown>;
}

export type SimStore = ReturnType<typeof createSimStore>;

export interface SimStoreOptions {
  /** May also be handed to init() (so the simulation's code can load after the first paint). */
  createSimulation?: SimulationFactory;
  storage?: KeyValueStorage;
  host?: FrameHost;
  /** Wall clock for throttling (performance.now in the browser). */
  wallNow?: () => number;
  schedule?: (fn: () => void, ms: number) => void;
  /** How a real runtime's simulation is built (tests pass a fake). */
  loadRemote?: RemoteLoader;
  /** How the lessons' code is loaded (default: a dynamic import of src/lessons). */
  loadLessons?: () => Promise<LessonsModule>;
  /** A share code from the page's URL: init opens it instead of the saved session. */
  shareCode?: string;
}

export function createSimStore(opts: SimStoreOptions) {
  const storage = opts.storage;
  const wallNow = opts.wallNow ?? (() => 0);
  const schedule = opts.schedule ?? ((fn: () => void, ms: number) => void setTimeout(fn, ms));
  let player: Player;
  let unsubscribeTrace: (() => void) | undefined;
  let buffered: TraceEvent[] = [];
  let lastPublish = Number.NEGATIVE_INFINITY;
  let publishQueued = false;
  let lastSave = Number.NEGATIVE_INFINITY;
  let lastStatsT = Number.NEGATIVE_INFINITY;
  /** Theme or layout changed before the saved session was restored: those choices win. */
  let themeTouched = false;
  let layoutTouched = false;
  let restoring = false;
  let factory = opts.createSimulation;
  /** While a real runtime is attached: the simulated factory and session to come back to. */
  let simulated: { factory: SimulationFactory | undefined; saved: PersistedState } | undefined;
  let offRemote: (() => void) | undefined;
  // Commands typed before the simulation's code has loaded wait for the node to be ready.
  let markReady: () => void = () => {};
  const whenReady = new Promise<void>((r) => {
    markReady = r;
  });
  /** The active lesson's run: set by the "lesson" command (live or replayed), cleared by start(). */
  let run: LessonRun | undefined;
  let lessonsMod: LessonsModule | undefined;
  const lessons = async (): Promise<LessonsModule> =>
    (lessonsMod ??= await (opts.loadLessons ?? loadLessonsDefault)());
  /** Checks are re-run only when the node moved (time, trace, a command ran) or the learner predicted. */
  let evalKey = "";
  let predictionsMade = 0;
  const initialProgress = loadProgress(storage);
  /** Lesson-level operations (start, leave, demo, open a link) run one after another. */
  let lessonOps: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = lessonOps.then(fn);
    lessonOps = p.catch(() => {});
    return p;
  };

  /** The "lesson" command: the scenario on the node as it is, then the run begins. */
  const setUpLesson: LessonSetUp = async (sim, id) => {
    const m = await lessons();
    const lesson = m.getLesson(id);
    if (!lesson) throw new Error(`unknown lesson "${id}"`);
    const r = new m.LessonRun(lesson);
    await r.setUp(sim as LiveSimulation);
    run = r;
  };

  const runState = (): LessonRunState | undefined =>
    run?.started
      ? { id: run.lesson.id, done: run.completedSteps(), predictions: run.predictions() }
      : undefined;

  /** A real session is never stored (it cannot be replayed): the simulated one stays saved. */
  const persisted = (s: SimState): PersistedState =>
    simulated
      ? { ...simulated.saved, theme: s.theme, layout: s.layout }
      : player.toPersisted({ version: 1, theme: s.theme, layout: s.layout, lessonRun: runState() });

  const store = createStore<SimState & SimActions>()((set, get) => {
    const save = () => {
      if (!storage || restoring || !player) return;
      const s = get();
      const state = persisted(s);
      try {
        storage.setItem(STORAGE_KEY, serializePersisted(state));
      } catch {
        // Quota or private mode: the session still works, it just won't survive a reload.
      }
      lastSave = wallNow();
    };

    /**
     * Re-evaluate the active lesson's steps when the node moved; newly completed steps go into the
     * progress (saved) and the session (so a reload keeps them).
     */
    const lessonUpdate = (force = false): Partial<SimState> => {
      const r = run;
      if (!r?.started) {
        evalKey = "";
        return get().lesson ? { lesson: undefined } : {};
      }
      // A command may change the node without time passing or a trace event (sed on a file).
      const ran = player.transcript.length;
      const key = `${r.lesson.id}:${player.now()}:${player.sim.trace.lastId}:${ran}:${predictionsMade}`;
      if (!force && key === evalKey && get().lesson?.id === r.lesson.id) return {};
      evalKey = key;
      const steps = r.evaluate();
      const prev = get().lesson;
      const lesson: LessonState = {
        id: r.lesson.id,
        steps,
        complete: steps.every((x) => x.state === "done"),
        running: prev?.id === r.lesson.id ? prev.running : undefined,
      };
      const out: Partial<SimState> = { lesson };
      const done = r.completedSteps();
      const had = get().progress.lessons[r.lesson.id] ?? [];
      if (done.some((id) => !had.includes(id))) {
        out.progress = withCompletedSteps(get().progress, r.lesson.id, done);
        saveProgress(storage, out.progress);
      }
      const doneBefore = prev?.id === r.lesson.id ? prev.steps.filter((x) => x.state === "done").length : -1;
      if (doneBefore >= 0 && done.length !== doneBefore) save();
      return out;
    };

    const publish = () => {
      publishQueued = false;
      lastPublish = wallNow();
      const s = get();
      const fresh = buffered;
      buffered = [];
      let events = s.events;
      if (fresh.length > 0) {
        events = events.concat(fresh);
        if (events.length > RECENT_EVENTS) events = events.slice(events.length - RECENT_EVENTS);
      }
      let snapshot = s.snapshot;
      try {
        snapshot = player.sim.snapshot();
      } catch (e) {
        set({ notice: `Could not read the node's state: ${(e as Error).message}` });
      }
      const views = uiViews(player.sim.node as Parameters<typeof uiViews>[0]);
      const now = player.now();
      let stats = s.stats;
      if (now - lastStatsT >= STATS_EVERY_VMS) {
        lastStatsT = now;
        stats = sampleStats(stats, views.stats);
      }
      set({
        kubelet: views.kubelet,
        stats,
        timelines: snapshot ? updateTimelines(s.timelines, snapshot.pods, now) : s.timelines,
        t: player.now(),
        horizon: Math.max(s.horizon, player.now()),
        playing: player.playing,
        speed: player.speed,
        busy: player.busy,
        snapshot,
        events,
        currentEventId: fresh.length > 0 ? fresh[fresh.length - 1].id : s.currentEventId,
        transcript: [...player.transcript],
        ...lessonUpdate(),
      });
      if (player.playing && wallNow() - lastSave > SAVE_EVERY_MS) save();
    };

    /** Throttled: the Player calls this after every operation and every played frame. */
    const changed = () => {
      if (restoring) return;
      const since = wallNow() - lastPublish;
      // A busy node (dozens of pods) is redrawn less often so frames stay within budget.
      const every = (get().snapshot?.pods.length ?? 0) > 40 ? BUSY_PUBLISH_EVERY_MS : PUBLISH_EVERY_MS;
      if (since >= every) publish();
      else if (!publishQueued) {
        publishQueued = true;
        schedule(publish, every - since);
      }
    };

    const attach = (p: Player) => {
      unsubscribeTrace?.();
      player = p;
      buffered = [];
      unsubscribeTrace = p.sim.trace.subscribe((e) => {
        if (!restoring) buffered.push(e);
      });
    };

    const start = async (state: PersistedState, notice?: string, mode: StartMode = "restore") => {
      const quiet = mode !== "restore";
      player?.dispose();
      // A real node holds a socket and a wall-clock pump: close it (a no-op for the simulated one).
      (player?.sim as { close?(): void } | undefined)?.close?.();
      restoring = true;
      if (!factory) throw new Error("no simulation factory: pass createSimulation to createSimStore or init");
      const p = new Player(factory, state.seed, opts.host, changed, setUpLesson);
      const startT = p.now();
      attach(p);
      p.setSpeed(state.speed);
      run = undefined;
      evalKey = "";
      let problem = notice;
      try {
        await p.replay(state.commands, state.t);
      } catch (e) {
        problem = `Could not restore your session (${(e as Error).message}); started a fresh node.`;
        restoring = false;
        return start({ ...defaultState(state.seed), theme: state.theme, layout: state.layout }, problem);
      }
      // What the learner did in the lesson (steps done, predictions) comes back with it.
      const saved = state.lessonRun;
      // (set by the "lesson" command during the replay)
      const replayed = run as LessonRun | undefined;
      if (replayed && saved && saved.id === replayed.lesson.id) {
        replayed.restorePredictions(saved.predictions);
        replayed.restore(saved.done);
      }
      restoring = false;
      lastStatsT = Number.NEGATIVE_INFINITY;
      const trace = p.sim.trace;
      set({
        ready: true,
        // The terminal redraws on a new generation: give it this run's transcript at the same time.
        transcript: [...p.transcript],
        generation: get().generation + 1,
        timelines: {},
        stats: {},
        startT,
        horizon:
          mode === "quiet"
            ? Math.max(get().horizon, p.now())
            : Math.max(p.now(), state.commands.at(-1)?.t ?? 0),
        seed: state.seed,
        epochMs: p.sim.node.clock.epochMs,
        theme: themeTouched ? get().theme : state.theme,
        layout: layoutTouched ? get().layout : state.layout,
        events: trace.since(Math.max(0, trace.lastId - RECENT_EVENTS)),
        liveAfterId: trace.lastId,
        currentEventId: undefined,
        notice:
          problem ??
          (quiet
            ? undefined
            : state.commands.length > 0
              ? `Restored ${state.commands.length} command(s) from your last visit.`
              : undefined),
        selection: undefined,
        lesson: undefined,
      });
      publish();
      save();
      markReady();
    };

    return {
      ready: false,
      seed: 1,
      epochMs: 0,
      t: 0,
      startT: 0,
      horizon: 0,
      generation: 0,
      playing: false,
      speed: 1,
      busy: false,
      snapshot: undefined,
      kubelet: undefined,
      timelines: {},
      stats: {},
      events: [],
      liveAfterId: 0,
      currentEventId: undefined,
      transcript: [],
      theme: "light",
      layout: defaultState().layout,
      notice: undefined,
      selection: undefined,
      runtime: { kind: "simulated" },
      remote: undefined,
      lesson: undefined,
      progress: initialProgress.progress,

      async exec(line) {
        await whenReady;
        const out = await player.exec(line);
        // An explicit action shows its effect at once; only played frames are throttled.
        publish();
        save();
        return out;
      },
      async terminal(line, io) {
        await whenReady;
        const p = player;
        const started = p.terminal(line, io);
        // Publish once the command ran (a follow command keeps running: publish when it began).
        void Promise.race([started, p.idle()]).then(() => {
          if (player !== p) return;
          publish();
          save();
        });
        return started;
      },
      complete(line, cursor) {
        if (!player) return [];
        const shell = (player.sim as { shell?: { complete(l: string, c: number): string[] } }).shell;
        return shell ? shell.complete(line, cursor) : [];
      },
      async seek(t) {
        const s = get();
        if (s.runtime.kind === "real") {
          set({ notice: "A real runtime cannot be rewound: the timeline works in Simulated mode." });
          return;
        }
        const wasPlaying = player.playing;
        const horizon = Math.max(s.horizon, player.now());
        const state = persisted(s);
        await start({ ...state, t: Math.max(0, Math.min(t, horizon)) }, undefined, "quiet");
        set({ horizon: Math.max(get().horizon, horizon) });
        if (wasPlaying) player.play();
      },
      async apply(text) {
        await whenReady;
        const out = await player.apply(text);
        publish();
        save();
        return out;
      },
      play: () => player?.play(),
      pause: () => {
        if (!player) return;
        player.pause();
        save();
      },
      togglePlay: () => (player?.playing ? get().pause() : get().play()),
      async step() {
        if (!player) return;
        await player.step();
        publish();
        save();
      },
      faster: () => player?.faster(),
      slower: () => player?.slower(),
      setSpeed: (s) => player?.setSpeed(s),
      async reset() {
        const s = get();
        await start({ ...defaultState(s.seed), theme: s.theme, layout: s.layout });
        set({ notice: undefined, transcript: [] });
      },
      setTheme(theme) {
        if (!player) themeTouched = true;
        set({ theme });
        save();
      },
      setLayout(patch) {
        if (!player) layoutTouched = true;
        set({ layout: { ...get().layout, ...patch } });
        save();
      },
      select: (selection) => set({ selection }),
      dismissNotice: () => set({ notice: undefined }),
      async setRuntime(choice) {
        const s = get();
        offRemote?.();
        offRemote = undefined;
        if (choice.kind === "simulated") {
          if (!simulated) return;
          const back = simulated;
          simulated = undefined;
          factory = back.factory;
          set({
            runtime: choice,
            remote: { phase: "connecting", text: "switching back to the simulated runtime…" },
          });
          await start({ ...back.saved, theme: s.theme, layout: s.layout }, undefined, "quiet");
          // The badge goes once the simulated node is back (until then the old one is showing).
          set({ remote: undefined });
          return;
        }
        set({ runtime: choice, remote: remoteStatus(choice.url, undefined, false) });
        let real: SimulationFactory;
        try {
          real = await (opts.loadRemote ?? loadRemoteDefault)({ url: choice.url, token: choice.token });
        } catch (e) {
          set({ remote: remoteError(choice.url, e) });
          return;
        }
        simulated ??= { factory, saved: persisted(s) };
        factory = real;
        try {
          await start({ ...defaultState(s.seed), theme: s.theme, layout: s.layout }, undefined, "quiet");
        } catch (e) {
          // The node could not even be built: stay usable on the simulated runtime, say why.
          const back = simulated;
          simulated = undefined;
          factory = back.factory;
          await start({ ...back.saved, theme: s.theme, layout: s.layout }, undefined, "quiet");
          set({ runtime: { kind: "simulated" }, remote: remoteError(choice.url, e) });
          return;
        }
        const rt = (player.sim as { remote?: { runtime?: RemoteRuntimeLike } }).remote?.runtime;
        if (!rt) return;
        let hello = false;
        const show = (st: RemoteStateLike) => {
          hello ||= st.connected;
          if (get().runtime === choice) set({ remote: remoteStatus(choice.url, st, hello) });
        };
        offRemote = rt.onState(show);
        show(rt.state);
        rt.ready().catch((e: unknown) => {
          if (get().runtime === choice && !rt.state.connected)
            set({
              remote: { phase: "disconnected", text: `not connected: ${(e as Error).message} (retrying)` },
            });
        });
      },
      startLesson: (id) =>
        serial(async () => {
          await whenReady;
          if (get().runtime.kind === "real") {
            set({ notice: "Lessons run on the simulated node: switch the runtime to Simulated first." });
            return;
          }
          let lesson: { setup: { seed: number } } | undefined;
          try {
            lesson = (await lessons()).getLesson(id);
          } catch (e) {
            set({ notice: `The lessons could not be loaded: ${(e as Error).message}` });
            return;
          }
          if (!lesson) {
            set({ notice: `There is no lesson "${id}".` });
            return;
          }
          const s = get();
          const layout = { ...s.layout, sideTab: "lesson" };
          await start(
            {
              ...defaultState(lesson.setup.seed),
              speed: s.speed,
              theme: s.theme,
              layout,
              commands: [{ kind: "lesson", text: id, t: 0 }],
            },
            undefined,
            "fresh",
          );
          set({ layout: { ...get().layout, sideTab: "lesson" } });
          save();
        }),
      leaveLesson: () =>
        serial(async () => {
          await whenReady;
          const s = get();
          await start(
            { ...defaultState(s.seed), speed: s.speed, theme: s.theme, layout: s.layout },
            undefined,
            "fresh",
          );
        }),
      async showMe(stepId) {
        await whenReady;
        const r = run;
        const step = r?.lesson.steps.find((x) => x.id === stepId);
        if (!r || !step) {
          set({ notice: r ? `This lesson has no step "${stepId}".` : "No lesson is active." });
          return;
        }
        const p = player;
        const mark = (running: string | undefined) => {
          const l = get().lesson;
          if (l && l.id === r.lesson.id) set({ lesson: { ...l, running } });
        };
        mark(stepId);
        try {
          for (const line of step.showMe) {
            await p.exec(line);
            // The learner left or restarted the lesson meanwhile: stop.
            if (player !== p || run !== r) return;
            publish();
          }
        } finally {
          if (player === p && run === r) {
            mark(undefined);
            publish();
            // The terminal shows what "show me" ran (it redraws from the published transcript).
            set({ generation: get().generation + 1 });
            save();
          }
        }
      },
      predict(stepId, choice) {
        const r = run;
        if (!r) return undefined;
        let result: PredictResult;
        try {
          result = r.predict(stepId, choice);
        } catch (e) {
          set({ notice: (e as Error).message });
          return undefined;
        }
        const chosen = r.predictions()[stepId] ?? choice;
        const progress = withPrediction(get().progress, r.lesson.id, stepId, chosen);
        saveProgress(storage, progress);
        predictionsMade++;
        set({ progress, ...lessonUpdate(true) });
        save();
        return result;
      },
      openLessonDemo: async (lessonId, stepId) => {
        await get().startLesson(lessonId);
        await serial(async () => {
          const r = run;
          if (!r || r.lesson.id !== lessonId) return;
          const upTo = r.lesson.steps.findIndex((x) => x.id === stepId);
          if (upTo < 0) {
            set({ notice: `Lesson "${lessonId}" has no step "${stepId}".` });
            return;
          }
          const m = await lessons();
          for (const step of r.lesson.steps.slice(0, upTo + 1)) {
            await get().showMe(step.id);
            if (run !== r) return;
            // A demo watches without predicting: a prediction step counts once its check holds.
            if (step.predict && !(step.id in r.predictions()) && m.runCheck(step, r.view).ok)
              r.restore([step.id]);
            set(lessonUpdate(true));
          }
          save();
        });
      },
      shareCode: () => shareCodeOf(player.seed, player.commands, player.now()),
      openShare: (code) =>
        serial(async () => {
          const s = get();
          const base = { ...defaultState(s.seed), theme: s.theme, layout: s.layout, speed: s.speed };
          const fresh = (why: string) =>
            start(base, `This share link could not be opened (${why}); started a fresh node.`, "fresh");
          const opened = sessionFromShareCode(code, base);
          if (!opened.ok) return fresh(opened.error);
          const id = opened.share.lesson;
          let title: string | undefined;
          if (id !== undefined) {
            try {
              title = (await lessons()).getLesson(id)?.title;
            } catch (e) {
              return fresh(`the lessons could not be loaded: ${(e as Error).message}`);
            }
            if (!title) return fresh(`it names an unknown lesson "${id}"`);
          }
          const n = opened.share.commands.length;
          const what = title ? `“${title}”` : `seed ${opened.share.seed}`;
          await start(
            {
              ...opened.state,
              layout: title ? { ...opened.state.layout, sideTab: "lesson" } : opened.state.layout,
            },
            `Opened a shared link: ${what} with ${n} command(s).`,
          );
        }),
      exportProgress: () => JSON.stringify(get().progress, null, 2),
      async importProgress(text) {
        let known: Record<string, string[]> | undefined;
        try {
          known = Object.fromEntries(
            (await lessons()).ALL_LESSONS.map((l) => [l.id, l.steps.map((x) => x.id)]),
          );
        } catch {
          known = undefined;
        }
        const r = parseProgress(text, known);
        if (r.ok) {
          saveProgress(storage, r.value);
          set({ progress: r.value });
          evalKey = "";
          set(lessonUpdate(true));
        }
        return r;
      },
      setProgress(progress) {
        saveProgress(storage, progress);
        set({ progress });
      },
      /** @internal used by init */
      _start: start,
    } as SimState & SimActions & { _start: typeof start };
  });

  /** Load the saved session (or start fresh, with a notice when the saved one is unreadable). */
  async function init(seed = 1, createSimulation?: SimulationFactory): Promise<void> {
    if (createSimulation) factory = createSimulation;
    const start = (
      store.getState() as unknown as { _start: (s: PersistedState, n?: string) => Promise<void> }
    )._start;
    let raw: string | null = null;
    try {
      raw = storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      raw = null;
    }
    const loaded = parsePersisted(raw);
    if (opts.shareCode !== undefined) {
      // A shared link replaces the session; the learner's theme and layout stay.
      if (loaded.kind === "ok" && !themeTouched && !layoutTouched)
        store.setState({ theme: loaded.state.theme, layout: loaded.state.layout });
      await store.getState().openShare(opts.shareCode);
    } else if (loaded.kind === "ok") await start(loaded.state);
    else if (loaded.kind === "corrupt") {
      try {
        storage?.removeItem(STORAGE_KEY);
      } catch {
        // ignore
      }
      await start(
        defaultState(seed),
        `Your saved session could not be read (${loaded.reason}); started a fresh node.`,
      );
    } else await start(defaultState(seed));
    const problem = initialProgress.problem;
    if (problem) store.setState({ notice: [store.getState().notice, problem].filter(Boolean).join(" ") });
  }

  return Object.assign(store, {
    init,
    /** The Player (for tests and the dev console). */
    player: () => player,
    /** Persist now (page hide). */
    flush: () => {
      if (!player || !storage) return;
      const s = store.getState();
      try {
        storage.setItem(STORAGE_KEY, serializePersisted(persisted(s)));
      } catch {
        // ignore
      }
    },
  });
}
