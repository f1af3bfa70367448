// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_pdb.go — `kubectl create poddisruptionbudget
// NAME --selector=SELECTOR --min-available=N|--max-unavailable=N` (alias pdb).
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1";

export const CREATE_PDB_FLAGS = [
  { name: "min-available", type: "string" as const },
  { name: "max-unavailable", type: "string" as const },
  { name: "selector", type: "string" as const },
];

/** Split on commas outside parentheses: `a=b,env in (x,y)`. */
function splitRequirements(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((r) => r.trim()).filter(Boolean);
}

/** metav1.ParseToLabelSelector: equality requirements become matchLabels, the rest matchExpressions. */
export function parseToLabelSelector(text: string): LabelSelector | string {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const req of splitRequirements(text)) {
    let m = /^([^\s!=(),]+)\s*(?:==|=)\s*([^\s!=(),]*)$/.exec(req);
    if (m) {
      matchLabels[m[1]] = m[2];
      continue;
    }
    m = /^([^\s!=(),]+)\s*!=\s*([^\s!=(),]*)$/.exec(req);
    if (m) {
      matchExpressions.push({ key: m[1], operator: "NotIn", values: [m[2]] });
      continue;
    }
    m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req);
    if (m) {
      const values = m[3]
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      matchExpressions.push({ key: m[1], operator: m[2] === "in" ? "In" : "NotIn", values });
      continue;
    }
    m = /^(!?)([^\s!=(),]+)$/.exec(req);
    if (m) {
      matchExpressions.push({ key: m[2], operator: m[1] ? "DoesNotExist" : "Exists" });
      continue;
    }
    return `unable to parse requirement: found '${req}', expected: ',', '!=', '==', '=', 'in', 'notin'`;
  }
  const sel: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) sel.matchLabels = matchLabels;
  if (matchExpressions.length > 0) sel.matchExpressions = matchExpressions;
  return sel;
}

/** intstr.Parse: a number when it parses as an int, else the string. */
const intstrParse = (v: string): number | string => (/^-?\d+$/.test(v) ? Number.parseInt(v, 10) : v);

/** Complete + Validate + createPodDisruptionBudgets: the object the command sends, or kubectl's error text. */
export function pdbObject(
  name: string | undefined,
  extraArgs: number,
  namespace: string,
  selector: string | undefined,
  minAvailable: string | undefined,
  maxUnavailable: string | undefined,
): { kind: string; metadata: { name: string; namespace: string }; [k: string]: unknown } | string {
  if (!name || extraArgs > 0)
    return `error: exactly one NAME is required, got ${name ? extraArgs + 1 : 0}\nSee 'kubectl create poddisruptionbudget -h' for help and examples`;
  if (!selector) return "error: a selector must be specified";
  if (!maxUnavailable && !minAvailable)
    return "error: one of min-available or max-unavailable must be specified";
  if (maxUnavailable && minAvailable)
    return "error: min-available and max-unavailable cannot be both specified";
  // 10, 20, 30%, 50% (number and percentage) but not 10Gb, 20Mb
  if (minAvailable && !/^[0-9]+%?$/.test(minAvailable))
    return "error: invalid format specified for min-available";
  if (maxUnavailable && !/^[0-9]+%?$/.test(maxUnavailable))
    return "error: invalid format specified for max-unavailable";
  const sel = parseToLabelSelector(selector);
  if (typeof sel === "string") return `error: ${sel}`;
  const spec: Record<string, unknown> = {};
  if (minAvailable) spec.minAvailable = intstrParse(minAvailable);
  spec.selector = sel;
  if (maxUnavailable) spec.maxUnavailable = intstrParse(maxUnavailable);
  return { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace }, spec };
}
