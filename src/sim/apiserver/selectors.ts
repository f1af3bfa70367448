// k8s: staging/src/k8s.io/apimachinery/pkg/labels/selector.go + fields/selector.go — simplified parsers and matchers.
import { ApiError, type KubeObject, type ObjectKind } from "./types";

/** One term of a label selector (labels.Requirement); `=` and `!=` compare with values[0]. */
export interface LabelRequirement {
  op: "=" | "!=" | "in" | "notin" | "exists" | "!";
  key: string;
  values: readonly string[];
}

/** labels.Selector.Matches: every requirement holds for these labels. */
export function requirementsMatch(
  reqs: readonly LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    switch (r.op) {
      case "=":
        return has && l[r.key] === r.values[0];
      case "!=":
        return !has || l[r.key] !== r.values[0];
      case "in":
        return has && r.values.includes(l[r.key]);
      case "notin":
        return !has || !r.values.includes(l[r.key]);
      case "exists":
        return has;
      case "!":
        return !has;
      default:
        return false;
    }
  });
}

export type LabelSelector = (labels: Record<string, string> | undefined) => boolean;
export type FieldSelector = (obj: KubeObject) => boolean;

const badRequest = (msg: string) => new ApiError(400, "BadRequest", msg);
const KEY = /^([a-z0-9A-Z][-a-z0-9A-Z_./]*)?[a-z0-9A-Z]$/;

/** Split on commas outside parentheses: `a in (x,y),b` → [`a in (x,y)`, `b`]. */
function splitTerms(s: string): string[] {
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
  return out.map((t) => t.trim()).filter((t) => t !== "");
}

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key))
    throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${selector}"`);
  return key;
}

function parseRequirement(term: string): LabelRequirement {
  let m = /^!\s*(\S+)$/.exec(term);
  if (m) return { op: "!", key: checkKey(m[1], term), values: [] };
  m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    const values = m[3]
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    return { op: m[2] as "in" | "notin", key: checkKey(m[1], term), values };
  }
  m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (m) return { op: m[2] === "!=" ? "!=" : "=", key: checkKey(m[1], term), values: [m[3]] };
  if (/^\S+$/.test(term)) return { op: "exists", key: checkKey(term, term), values: [] };
  throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
}

/** `app=web,tier!=db,env in (a,b),!legacy,canary` → matcher. Throws ApiError 400 on bad syntax. */
export function parseLabelSelector(selector: string | undefined): LabelSelector {
  if (!selector || selector.trim() === "") return () => true;
  const reqs = splitTerms(selector).map(parseRequirement);
  return (labels) => requirementsMatch(reqs, labels);
}

const COMMON_FIELDS = ["metadata.name", "metadata.namespace"];
/** Field labels each kind supports (pkg/registry/core/*\/strategy.go ToSelectableFields). */
const FIELDS: Partial<Record<ObjectKind, string[]>> = {
  Pod: [
    ...COMMON_FIELDS,
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  Event: [
    ...COMMON_FIELDS,
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  Node: [...COMMON_FIELDS, "spec.unschedulable"],
  Namespace: [...COMMON_FIELDS, "status.phase"],
  Secret: [...COMMON_FIELDS, "type"],
};

function fieldValue(obj: KubeObject, path: string): string {
  if (path === "source") return String((obj.source as { component?: string } | undefined)?.component ?? "");
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (!cur || typeof cur !== "object") return "";
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null)
    return path === "spec.hostNetwork" || path === "spec.unschedulable" ? "false" : "";
  return String(cur);
}

/** `spec.nodeName=node-1,status.phase!=Failed`; an empty value matches an unset field (`spec.nodeName=`). */
export function parseFieldSelector(kind: ObjectKind, selector: string | undefined): FieldSelector {
  if (!selector || selector.trim() === "") return () => true;
  const allowed = FIELDS[kind] ?? COMMON_FIELDS;
  const reqs = splitTerms(selector).map((term) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const key = m[1].trim();
    if (!allowed.includes(key)) throw badRequest(`field label not supported: ${key}`);
    return { key, neg: m[2] === "!=", value: m[3].trim() };
  });
  return (obj) => reqs.every((r) => (fieldValue(obj, r.key) === r.value) !== r.neg);
}
