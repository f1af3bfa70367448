// Formatting shared by the panels, following kubectl/crictl so the UI and the terminal agree.

// One implementation each, shared with the terminal: kubectl's HumanDuration and crictl's HumanSize.
export { humanSize } from "../shell/crictl/goFormat";
export { humanDuration } from "../shell/format/duration";

/** Virtual ms as a clock reading for the header: 0:01:23.4 */
export function virtualClockText(ms: number): string {
  const total = Math.max(0, ms);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = (total % 60_000) / 1000;
  return `${h}:${String(m).padStart(2, "0")}:${s.toFixed(1).padStart(4, "0")}`;
}
