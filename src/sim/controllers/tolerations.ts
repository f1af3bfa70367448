// k8s: staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint), pkg/apis/core/v1/helper
// (GetMatchingTolerations) and pkg/controller/tainteviction (getNoExecuteTaints, getMinTolerationTime).
import type { Taint, Toleration } from "kubernetes-types/core/v1";

/** The node's taints with effect NoExecute: the only ones the taint eviction controller acts on. */
export function noExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === "NoExecute");
}

/** Toleration.ToleratesTaint: empty effect or key match any; Exists ignores the value, Equal ("") compares it. */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  if (tol.operator === "Exists") return true;
  if (!tol.operator || tol.operator === "Equal") return (tol.value ?? "") === (taint.value ?? "");
  return false;
}

/**
 * GetMatchingTolerations: every taint must be tolerated; for each taint the first toleration that
 * matches it is "used". Returns undefined when some taint is not tolerated.
 */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const tol = (tolerations ?? []).find((t) => toleratesTaint(t, taint));
    if (!tol) return undefined;
    used.push(tol);
  }
  return used;
}

/**
 * getMinTolerationTime in ms: 0 with no tolerations or any tolerationSeconds ≤ 0, the smallest
 * tolerationSeconds otherwise, or -1 (tolerate forever) when none of them sets tolerationSeconds.
 */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min * 1000;
}

/** `key=value:Effect` / `key:Effect`, as kubectl describe node prints a taint. */
export function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}
