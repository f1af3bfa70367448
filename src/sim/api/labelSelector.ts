// k8s: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector +
// pkg/labels/selector.go — a metav1.LabelSelector (matchLabels + matchExpressions) as a matcher and as
// the text `app=nginx,tier in (a,b)` that kubectl prints.
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1";
import { requirementsMatch } from "../apiserver/selectors";

export type { LabelSelector, LabelSelectorRequirement };

interface Requirement {
  key: string;
  op: "=" | "in" | "notin" | "exists" | "!";
  values: string[];
}

/** The selector's requirements sorted by key, as labels.NewSelector().Add does; undefined = Nothing. */
function requirements(sel: LabelSelector | null | undefined): Requirement[] | undefined {
  if (!sel) return undefined;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {}))
    reqs.push({ key, op: "=", values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    if (e.operator === "In") reqs.push({ key: e.key, op: "in", values });
    else if (e.operator === "NotIn") reqs.push({ key: e.key, op: "notin", values });
    else if (e.operator === "Exists") reqs.push({ key: e.key, op: "exists", values: [] });
    else if (e.operator === "DoesNotExist") reqs.push({ key: e.key, op: "!", values: [] });
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** LabelSelectorAsSelector(sel).Matches(labels): a nil selector matches nothing, an empty one everything. */
export function selectorMatches(
  sel: LabelSelector | null | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const reqs = requirements(sel);
  return reqs !== undefined && requirementsMatch(reqs, labels);
}

/** selector.Empty(): no requirement at all (a nil selector is Nothing, which is not empty). */
export function selectorIsEmpty(sel: LabelSelector | null | undefined): boolean {
  const reqs = requirements(sel);
  return reqs !== undefined && reqs.length === 0;
}

/** labels.Selector.String(): `app=nginx,pod-template-hash=7c5ddbdf54`, `env in (a,b)`, `!legacy`. */
export function selectorString(sel: LabelSelector | null | undefined): string {
  return (requirements(sel) ?? [])
    .map((r) => {
      switch (r.op) {
        case "=":
          return `${r.key}=${r.values[0]}`;
        case "in":
          return `${r.key} in (${r.values.join(",")})`;
        case "notin":
          return `${r.key} notin (${r.values.join(",")})`;
        case "exists":
          return r.key;
        default:
          return `!${r.key}`;
      }
    })
    .join(",");
}

/** metav1.FormatLabelSelector: the selector's text, `<none>` when it has no requirement. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  return selectorString(sel) || "<none>";
}
