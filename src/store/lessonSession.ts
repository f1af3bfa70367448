// What the store keeps about lessons besides the Player: the learner's progress in its own
// localStorage entry (validated by src/lessons/progress), and the translation between a recorded
// session and a share code (lesson + seed + commands at their virtual times).
import { applyYaml } from "../lessons/content/yaml";
import { emptyProgress, importProgress, type Progress } from "../lessons/progress";
import { decodeShareCode, encodeShareCode, type ShareState } from "../lessons/share";
import type { StepStatus } from "../lessons/types";
import type { KeyValueStorage, PersistedState, RecordedCommand } from "./persistence";

/** The learner's lesson progress (completed steps, predictions, quiz), apart from the session. */
export const PROGRESS_KEY = "k8s-node-sim:progress:v1";

/** What the lesson panel shows about the active lesson. */
export interface LessonState {
  id: string;
  /** Each step: done / current / locked, the live "why not yet" and the prediction made. */
  steps: StepStatus[];
  complete: boolean;
  /** The step whose "show me" commands are running. */
  running?: string;
}

/** Read saved progress; a damaged entry is dropped with a message (never a crash). */
export function loadProgress(storage: KeyValueStorage | undefined): { progress: Progress; problem?: string } {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    raw = null;
  }
  if (raw === null || raw === "") return { progress: emptyProgress() };
  const r = importProgress(raw);
  if (r.ok) return { progress: r.value };
  try {
    storage?.removeItem(PROGRESS_KEY);
  } catch {
    // ignore
  }
  return {
    progress: emptyProgress(),
    problem: `Your saved lesson progress could not be read (${r.error}); it starts empty.`,
  };
}

export function saveProgress(storage: KeyValueStorage | undefined, p: Progress): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // Quota or private mode: progress lasts for this visit only.
  }
}

/**
 * The share state of a recorded session: a leading "lesson" command becomes the lesson, YAML
 * applied from the editor becomes the same `kubectl apply -f - <<'EOF'` the facade runs.
 */
export function shareStateOf(seed: number, commands: readonly RecordedCommand[], now: number): ShareState {
  let rest = commands;
  let lesson: string | undefined;
  if (rest[0]?.kind === "lesson") {
    lesson = rest[0].text;
    rest = rest.slice(1);
  }
  if (rest.some((c) => c.kind === "lesson"))
    throw new Error("a lesson started in the middle of a session cannot be shared");
  const state: ShareState = {
    seed,
    commands: rest.map((c) => (c.kind === "apply" ? applyYaml(c.text) : c.text)),
    times: rest.map((c) => c.t),
    t: Math.max(now, rest.at(-1)?.t ?? 0),
  };
  if (lesson !== undefined) state.lesson = lesson;
  return state;
}

export function shareCodeOf(seed: number, commands: readonly RecordedCommand[], now: number): string {
  return encodeShareCode(shareStateOf(seed, commands, now));
}

/** The session a share code describes (to replay like a saved one), or why it cannot be opened. */
export function sessionFromShareCode(
  code: string,
  base: PersistedState,
): { ok: true; state: PersistedState; share: ShareState } | { ok: false; error: string } {
  const d = decodeShareCode(code);
  if (!d.ok) return d;
  const v = d.value;
  const commands: RecordedCommand[] = [];
  if (v.lesson !== undefined) commands.push({ kind: "lesson", text: v.lesson, t: 0 });
  // Without times (a hand-made code) each command runs right after the one before it.
  for (const [i, text] of v.commands.entries()) commands.push({ kind: "exec", text, t: v.times?.[i] ?? 0 });
  const t = v.t ?? commands.at(-1)?.t ?? 0;
  const { lessonRun: _dropped, ...rest } = base;
  return { ok: true, state: { ...rest, seed: v.seed, commands, t }, share: v };
}
