// k8s: staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go — HumanDuration, the AGE column.
import { parseRfc3339 } from "../../sim/clock/time";

/** apimachinery HumanDuration: `45s`, `3m20s`, `25m`, `4h5m`, `20h`, `3d4h`, `45d`, `3y20d`, `9y`. */
export function humanDuration(ms: number): string {
  // Go converts to whole seconds towards zero; up to 1s in the future still reads as "0s".
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** kubectl's translateTimestampSince: `<unknown>` for a missing timestamp. */
export function ageSince(timestamp: string | undefined, nowWallMs: number): string {
  if (!timestamp) return "<unknown>";
  const t = parseRfc3339(timestamp);
  if (Number.isNaN(t)) return "<unknown>";
  return humanDuration(nowWallMs - t);
}
