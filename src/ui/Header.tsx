// Title, player controls (Space play/pause, → step, +/− speed), share, presenter mode (P), theme
// toggle, reset. In presenter mode one key press (→ or Space) steps to the next trace event.
import { useEffect, useRef, useState } from "react";
import { SPEEDS, simStore, useSim } from "../store";
import { virtualClockText } from "./format";
import ShareButton from "./lessons/ShareButton";
import RuntimeSwitch from "./RuntimeSwitch";

/** Keys go to the player unless the learner is typing (terminal, editor, inputs). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || !!el.closest?.(".xterm")
  );
}

/**
 * The timeline scrubber: drag to any moment between boot and the furthest time reached; letting go
 * re-runs seed + commands to there (deterministic), so rewinding and replaying land on the same state.
 */
function Scrubber() {
  const t = useSim((s) => s.t);
  const startT = useSim((s) => s.startT);
  const horizon = useSim((s) => s.horizon);
  const [drag, setDrag] = useState<number | undefined>();
  const [seeking, setSeeking] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const seekTo = (v: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      setSeeking(true);
      try {
        await simStore().getState().seek(v);
      } finally {
        setSeeking(false);
        setDrag(undefined);
      }
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const max = Math.max(horizon, t, startT + 1000);
  const value = drag ?? t;
  return (
    <label className="scrubber" title="Drag to rewind or replay to any moment">
      <span className="visually-hidden">Timeline</span>
      <input
        type="range"
        min={startT}
        max={max}
        step={100}
        value={value}
        aria-valuetext={`t = ${virtualClockText(value)}`}
        data-testid="scrubber"
        onChange={(e) => {
          const v = Number(e.target.value);
          setDrag(v);
          seekTo(v);
        }}
      />
      {seeking && <span className="seeking">replaying…</span>}
    </label>
  );
}

export default function Header() {
  const playing = useSim((s) => s.playing);
  const speed = useSim((s) => s.speed);
  const t = useSim((s) => s.t);
  const theme = useSim((s) => s.theme);
  const seed = useSim((s) => s.seed);
  const presenter = useSim((s) => s.layout.presenter === true);
  // A real runtime cannot be rewound (time follows the wall clock): no scrubber then.
  const simulated = useSim((s) => s.runtime.kind === "simulated");
  // Actions never change identity in the store: read them once, not via a subscription.
  const actions = simStore().getState();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      // Space on a focused button already clicks it: don't toggle twice.
      if (e.key === " " && (e.target as HTMLElement | null)?.closest?.("button, a, summary")) return;
      const presenting = simStore().getState().layout.presenter === true;
      if (e.key === " " && !presenting) {
        e.preventDefault();
        actions.togglePlay();
      } else if (e.key === "ArrowRight" || e.key === " ") {
        e.preventDefault();
        void actions.step();
      } else if (e.key === "+" || e.key === "=") actions.faster();
      else if (e.key === "-" || e.key === "_") actions.slower();
      else if (e.key === "p" || e.key === "P") actions.setLayout({ presenter: !presenting });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [actions]);

  return (
    <header className="app-header">
      <h1>k8s-node-sim</h1>
      <span className="subtitle">
        one Kubernetes node: API server → kubelet → CRI → containerd → containers
      </span>
      <div className="player" role="toolbar" aria-label="Player">
        <button
          type="button"
          onClick={actions.togglePlay}
          aria-keyshortcuts="Space"
          data-testid="play"
          title="Play / pause (Space)"
        >
          {playing ? "❚❚ Pause" : "▶ Play"}
        </button>
        <button
          type="button"
          onClick={() => void actions.step()}
          aria-keyshortcuts="ArrowRight"
          data-testid="step"
          title="Step to the next trace event (→)"
        >
          → Step
        </button>
        <button
          type="button"
          onClick={actions.slower}
          aria-label="Slower"
          title="Slower (−)"
          disabled={speed === SPEEDS[0]}
        >
          −
        </button>
        <span className="speed" aria-live="off" data-testid="speed">
          {speed}×
        </span>
        <button
          type="button"
          onClick={actions.faster}
          aria-label="Faster"
          title="Faster (+)"
          disabled={speed === SPEEDS[SPEEDS.length - 1]}
        >
          +
        </button>
        <span className="clock" title="Virtual time since the node started" data-testid="clock">
          t = {virtualClockText(t)}
        </span>
        {simulated && <Scrubber />}
      </div>
      <div className="header-right">
        <RuntimeSwitch />
        <span className="seed" title="The seed: same seed + same commands = same run">
          seed {seed}
        </span>
        <ShareButton />
        <button
          type="button"
          aria-pressed={presenter}
          aria-keyshortcuts="P"
          data-testid="presenter"
          title="Presenter mode (P): large type, narration beside the diagram; → or Space steps"
          onClick={() => actions.setLayout({ presenter: !presenter })}
        >
          Present
        </button>
        <button
          type="button"
          onClick={() => actions.setTheme(theme === "dark" ? "light" : "dark")}
          aria-label="Toggle light/dark theme"
        >
          {theme === "dark" ? "☀ Light" : "☾ Dark"}
        </button>
        <button
          type="button"
          onClick={() => {
            if (window.confirm("Reset the node? Pods, images and your command history are cleared."))
              void actions.reset();
          }}
        >
          Reset
        </button>
      </div>
    </header>
  );
}
