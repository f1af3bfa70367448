// What survives a reload: the seed, every command the learner ran (with the virtual time it ran at),
// and UI preferences. The simulation itself is never stored: it is re-run from (seed, commands).

export const STORAGE_KEY = "k8s-node-sim:v1";

export type Theme = "light" | "dark";

export interface RecordedCommand {
  /** "lesson": set a lesson's scenario up on the node (its text is the lesson id). */
  kind: "exec" | "apply" | "lesson";
  /** The command line / heredoc block, the YAML text, or the lesson id. */
  text: string;
  /** Virtual ms when it was issued: replay advances the clock to here first. */
  t: number;
}

export interface UiLayout {
  /** Selected tab of the side panel (Pods, Events, Images, YAML). */
  sideTab: string;
  /** Selected template in the YAML editor. */
  template: string;
  /** The editor's text, so an unfinished manifest survives a reload. */
  editorText?: string;
  /** Pane sizes in CSS px set with the drag handles; absent = the stylesheet's default. */
  sizes?: PaneSizes;
  /** Presenter mode: large type, narration beside the diagram, no side tabs. */
  presenter?: boolean;
}

/** The resizable panes: side panel width, bottom row (terminal + narrator) height, narrator width. */
export interface PaneSizes {
  side?: number;
  bottom?: number;
  narrator?: number;
}

export const PANE_NAMES = ["side", "bottom", "narrator"] as const;

export interface PersistedState {
  version: 1;
  seed: number;
  commands: RecordedCommand[];
  /** Virtual time reached when last saved. */
  t: number;
  speed: number;
  theme: Theme;
  layout: UiLayout;
  /** The active lesson's run (the lesson itself is the "lesson" command): what the learner did in it. */
  lessonRun?: LessonRunState;
}

/** Steps done and predictions made in the active lesson, so a reload or rewind keeps them. */
export interface LessonRunState {
  id: string;
  done: string[];
  /** Step id → chosen index. */
  predictions: Record<string, number>;
}

export const DEFAULT_LAYOUT: UiLayout = { sideTab: "pods", template: "nginx" };

export function defaultState(seed = 1): PersistedState {
  return { version: 1, seed, commands: [], t: 0, speed: 1, theme: "light", layout: { ...DEFAULT_LAYOUT } };
}

export type LoadResult =
  | { kind: "empty" }
  | { kind: "ok"; state: PersistedState }
  | { kind: "corrupt"; reason: string };

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Validate what localStorage holds; anything unexpected is "corrupt" so the app starts fresh. */
export function parsePersisted(raw: string | null | undefined): LoadResult {
  if (raw === null || raw === undefined || raw === "") return { kind: "empty" };
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return { kind: "corrupt", reason: `not JSON (${(e as Error).message})` };
  }
  if (typeof v !== "object" || v === null) return { kind: "corrupt", reason: "not an object" };
  const o = v as Record<string, unknown>;
  if (o.version !== 1) return { kind: "corrupt", reason: `unknown version ${String(o.version)}` };
  if (!isNum(o.seed)) return { kind: "corrupt", reason: "seed is not a number" };
  if (!Array.isArray(o.commands)) return { kind: "corrupt", reason: "commands is not a list" };
  const commands: RecordedCommand[] = [];
  for (const c of o.commands) {
    const r = c as Record<string, unknown>;
    if (
      typeof c !== "object" ||
      c === null ||
      (r.kind !== "exec" && r.kind !== "apply" && r.kind !== "lesson") ||
      typeof r.text !== "string" ||
      !isNum(r.t) ||
      r.t < 0
    )
      return { kind: "corrupt", reason: "a recorded command is malformed" };
    commands.push({ kind: r.kind, text: r.text, t: r.t });
  }
  for (let i = 1; i < commands.length; i++)
    if (commands[i].t < commands[i - 1].t) return { kind: "corrupt", reason: "commands out of time order" };
  const t = isNum(o.t) && o.t >= 0 ? o.t : (commands.at(-1)?.t ?? 0);
  const speed = isNum(o.speed) && SPEEDS.includes(o.speed) ? o.speed : 1;
  const theme: Theme = o.theme === "dark" ? "dark" : "light";
  const l = (typeof o.layout === "object" && o.layout !== null ? o.layout : {}) as Record<string, unknown>;
  const layout: UiLayout = {
    sideTab: typeof l.sideTab === "string" ? l.sideTab : DEFAULT_LAYOUT.sideTab,
    template: typeof l.template === "string" ? l.template : DEFAULT_LAYOUT.template,
    editorText: typeof l.editorText === "string" ? l.editorText : undefined,
    sizes: parseSizes(l.sizes),
  };
  if (l.presenter === true) layout.presenter = true;
  const state: PersistedState = {
    version: 1,
    seed: o.seed,
    commands,
    // t may be earlier than the last command after a rewind: those commands wait as "future".
    t,
    speed,
    theme,
    layout,
  };
  const run = parseLessonRun(o.lessonRun);
  if (run) state.lessonRun = run;
  return { kind: "ok", state };
}

/** The lesson run is a convenience: a malformed one is dropped (the lesson still replays). */
function parseLessonRun(v: unknown): LessonRunState | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== "string" || !Array.isArray(o.done) || !o.done.every((d) => typeof d === "string"))
    return undefined;
  const predictions: Record<string, number> = {};
  if (typeof o.predictions === "object" && o.predictions !== null)
    for (const [k, c] of Object.entries(o.predictions as Record<string, unknown>))
      if (typeof c === "number" && Number.isInteger(c) && c >= 0) predictions[k] = c;
  return { id: o.id, done: o.done as string[], predictions };
}

/** Keep only sane pane sizes (finite, 80–4000 px); anything else falls back to the default. */
function parseSizes(v: unknown): PaneSizes | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const out: PaneSizes = {};
  for (const k of PANE_NAMES) {
    const n = o[k];
    if (isNum(n) && n >= 80 && n <= 4000) out[k] = Math.round(n);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function serializePersisted(s: PersistedState): string {
  return JSON.stringify(s);
}

/** Player speeds: 0.25× to 16×, doubling. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16];

/** The minimal Storage surface (localStorage, or a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}
