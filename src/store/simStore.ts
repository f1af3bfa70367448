// The zustand store the UI reads: the Player's state, a throttled snapshot, recent trace events,
// the selection shown in the detail drawer, UI preferences, and the persistence to localStorage.
import { createStore } from "zustand/vanilla";
import type { ShellResult } from "../shell/shell";
import type { KubeletSnapshot } from "../sim/kubelet/kubelet";
import type { NodeSnapshot } from "../sim/node/types";
import type { TraceEvent } from "../sim/trace";
import { uiViews } from "../simulation/uiViews";
import {
  defaultState,
  type KeyValueStorage,
  type PersistedState,
  parsePersisted,
  STORAGE_KEY,
  serializePersisted,
  type Theme,
  type UiLayout,
} from "./persistence";
import {
  type FrameHost,
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
  /** Bumped when the node is rebuilt (reset, rewind): the terminal redraws and stops follows. */
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
}

/** Builds the real-runtime factory (the default imports src/simulation after the first paint). */
export type RemoteLoader = (remote: { url: string; token: string }) => Promise<SimulationFactory>;

const loadRemoteDefault: RemoteLoader = async (remote) => {
  const { createSimulation } = await import("../simulation");
  return (o) => createSimulation({ seed: o.seed, remote });
};

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

  /** A real session is never stored (it cannot be replayed): the simulated one stays saved. */
  const persisted = (s: SimState): PersistedState =>
    simulated
      ? { ...simulated.saved, theme: s.theme, layout: s.layout }
      : player.toPersisted({ version: 1, theme: s.theme, layout: s.layout });

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

    const start = async (state: PersistedState, notice?: string, quiet = false) => {
      player?.dispose();
      // A real node holds a socket and a wall-clock pump: close it (a no-op for the simulated one).
      (player?.sim as { close?(): void } | undefined)?.close?.();
      restoring = true;
      if (!factory) throw new Error("no simulation factory: pass createSimulation to createSimStore or init");
      const p = new Player(factory, state.seed, opts.host, changed);
      const startT = p.now();
      attach(p);
      p.setSpeed(state.speed);
      let problem = notice;
      try {
        await p.replay(state.commands, state.t);
      } catch (e) {
        problem = `Could not restore your session (${(e as Error).message}); started a fresh node.`;
        restoring = false;
        return start(defaultState(state.seed), problem);
      }
      restoring = false;
      lastStatsT = Number.NEGATIVE_INFINITY;
      const trace = p.sim.trace;
      set({
        ready: true,
        generation: get().generation + 1,
        timelines: {},
        stats: {},
        startT,
        horizon: quiet ? Math.max(get().horizon, p.now()) : Math.max(p.now(), state.commands.at(-1)?.t ?? 0),
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
        const state = player.toPersisted({ version: 1, theme: s.theme, layout: s.layout });
        await start({ ...state, t: Math.max(0, Math.min(t, horizon)) }, undefined, true);
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
          await start({ ...back.saved, theme: s.theme, layout: s.layout }, undefined, true);
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
          await start({ ...defaultState(s.seed), theme: s.theme, layout: s.layout }, undefined, true);
        } catch (e) {
          // The node could not even be built: stay usable on the simulated runtime, say why.
          const back = simulated;
          simulated = undefined;
          factory = back.factory;
          await start({ ...back.saved, theme: s.theme, layout: s.layout }, undefined, true);
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
    if (loaded.kind === "ok") return start(loaded.state);
    if (loaded.kind === "corrupt") {
      try {
        storage?.removeItem(STORAGE_KEY);
      } catch {
        // ignore
      }
      return start(
        defaultState(seed),
        `Your saved session could not be read (${loaded.reason}); started a fresh node.`,
      );
    }
    return start(defaultState(seed));
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
