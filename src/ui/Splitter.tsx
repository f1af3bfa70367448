// A drag handle between two panes (WAI-ARIA "window splitter"): pointer drag or arrow keys on the
// focused handle resize the pane; the size is saved in the store's layout so it survives a reload.
import { type KeyboardEvent, type PointerEvent, useRef } from "react";

export interface SplitterProps {
  /** Accessible name, e.g. "Resize the side panel". */
  label: string;
  /** "vertical": a handle between columns (drag left/right); "horizontal": between rows. */
  orientation: "vertical" | "horizontal";
  value: number;
  min: number;
  max: number;
  /**
   * +1 when moving the handle right/down grows the pane, −1 when it shrinks it (a pane on the
   * right or at the bottom grows as its handle moves left/up).
   */
  direction: 1 | -1;
  /** Live while dragging (not saved). */
  onChange(size: number): void;
  /** Drag ended or a key was pressed: save. */
  onCommit(size: number): void;
  testId?: string;
}

/** Arrow keys move 16 px (Shift: 64 px); Home/End jump to min/max. */
export const KEY_STEP = 16;

export function clampSize(v: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, v)));
}

/** The size after a key press on the focused handle, or undefined for keys it ignores. */
export function sizeAfterKey(
  key: string,
  shift: boolean,
  p: Pick<SplitterProps, "orientation" | "value" | "min" | "max" | "direction">,
): number | undefined {
  const step = shift ? KEY_STEP * 4 : KEY_STEP;
  const [less, more] = p.orientation === "vertical" ? ["ArrowLeft", "ArrowRight"] : ["ArrowUp", "ArrowDown"];
  if (key === "Home") return p.min;
  if (key === "End") return p.max;
  if (key === less) return clampSize(p.value - step * p.direction, p.min, p.max);
  if (key === more) return clampSize(p.value + step * p.direction, p.min, p.max);
  return undefined;
}

export default function Splitter(p: SplitterProps) {
  const drag = useRef<{ start: number; size: number; last: number } | undefined>(undefined);
  const coord = (e: PointerEvent) => (p.orientation === "vertical" ? e.clientX : e.clientY);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be focused and dragged; this is the ARIA window-splitter pattern
    <div
      role="separator"
      tabIndex={0}
      aria-label={p.label}
      // A "vertical" separator sits between columns (ARIA's orientation is the handle's own).
      aria-orientation={p.orientation}
      aria-valuenow={Math.round(p.value)}
      aria-valuemin={p.min}
      aria-valuemax={p.max}
      className={`splitter splitter-${p.orientation}`}
      data-testid={p.testId}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture?.(e.pointerId);
        drag.current = { start: coord(e), size: p.value, last: p.value };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        d.last = clampSize(d.size + (coord(e) - d.start) * p.direction, p.min, p.max);
        p.onChange(d.last);
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = undefined;
        e.currentTarget.releasePointerCapture?.(e.pointerId);
        if (d) p.onCommit(d.last);
      }}
      onPointerCancel={() => {
        const d = drag.current;
        drag.current = undefined;
        if (d) p.onCommit(d.last);
      }}
      onKeyDown={(e: KeyboardEvent) => {
        const next = sizeAfterKey(e.key, e.shiftKey, p);
        if (next === undefined) return;
        // Arrow keys also drive the player (→ steps): a focused handle keeps them.
        e.preventDefault();
        e.stopPropagation();
        p.onChange(next);
        p.onCommit(next);
      }}
    />
  );
}
