// k8s: pkg/apis/rbac/validation/validation.go (Role, RoleBinding, ClusterRole, ClusterRoleBinding),
// plugin/pkg/auth/authorizer/rbac/rbac.go + pkg/apis/rbac/v1/evaluation_helpers.go (the RBAC authorizer),
// pkg/apis/rbac/v1/helpers (BreakdownRule, CompactRules, SortableRuleSlice) as kubectl describe and
// `auth can-i --list` use them.
import type { ApiServerClient, KubeObject } from "../apiserver/types";
import { type FieldError, GoLiteral, goQuote, invalid, notSupported, required } from "./fieldErrors";
import { validateObjectMeta } from "./nameValidation";

export const RBAC_GROUP = "rbac.authorization.k8s.io";

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}
export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}
export interface RoleObject extends KubeObject {
  rules?: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors?: { matchLabels?: Record<string, string> }[] };
}
export interface BindingObject extends KubeObject {
  roleRef: RoleRef;
  subjects?: Subject[];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === "string") : []);

/** path.IsValidPathSegmentName: RBAC names may hold ':' (system:node) but not '/' or '%'. */
function pathSegmentErrors(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** ValidateObjectMeta with ValidateRBACName (a path segment) for the name. */
function validateRbacMeta(meta: unknown, namespaced: boolean): FieldError[] {
  const m = asObj(meta);
  const name = typeof m.name === "string" ? m.name : "";
  const errs = validateObjectMeta({ ...m, ...(name ? { name: "a" } : {}) }, namespaced, "subdomain");
  for (const msg of pathSegmentErrors(name)) errs.push(invalid("metadata.name", name, msg));
  return errs;
}

function validatePolicyRule(rule: unknown, namespaced: boolean, path: string): FieldError[] {
  const r = asObj(rule);
  const errs: FieldError[] = [];
  if (strings(r.verbs).length === 0)
    errs.push(required(`${path}.verbs`, "verbs must contain at least one value"));
  const urls = strings(r.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced)
      errs.push(
        invalid(
          `${path}.nonResourceURLs`,
          new GoLiteral(`[]string{${urls.map(goQuote).join(", ")}}`),
          "namespaced rules cannot apply to non-resource URLs",
        ),
      );
    if (
      strings(r.apiGroups).length > 0 ||
      strings(r.resources).length > 0 ||
      strings(r.resourceNames).length > 0
    )
      errs.push(
        invalid(
          `${path}.nonResourceURLs`,
          new GoLiteral(`[]string{${urls.map(goQuote).join(", ")}}`),
          "rules cannot apply to both regular resources and non-resource URLs",
        ),
      );
    return errs;
  }
  if (strings(r.apiGroups).length === 0)
    errs.push(required(`${path}.apiGroups`, "resource rules must supply at least one api group"));
  if (strings(r.resources).length === 0)
    errs.push(required(`${path}.resources`, "resource rules must supply at least one resource"));
  return errs;
}

/** ValidateRole / ValidateClusterRole. */
export function validateRole(obj: unknown, namespaced: boolean): FieldError[] {
  const o = asObj(obj);
  const errs = validateRbacMeta(o.metadata, namespaced);
  const rules = Array.isArray(o.rules) ? o.rules : [];
  rules.forEach((r, i) => {
    errs.push(...validatePolicyRule(r, namespaced, `rules[${i}]`));
  });
  return errs;
}

function validateSubject(s: unknown, namespaced: boolean, path: string): FieldError[] {
  const subj = asObj(s);
  const errs: FieldError[] = [];
  const name = typeof subj.name === "string" ? subj.name : "";
  const apiGroup = typeof subj.apiGroup === "string" ? subj.apiGroup : "";
  if (!name) errs.push(required(`${path}.name`));
  switch (subj.kind) {
    case "ServiceAccount":
      if (apiGroup !== "") errs.push(notSupported(`${path}.apiGroup`, apiGroup, [""]));
      if (!namespaced && !subj.namespace) errs.push(required(`${path}.namespace`));
      break;
    case "User":
    case "Group":
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(`${path}.kind`, String(subj.kind ?? ""), ["ServiceAccount", "User", "Group"]));
  }
  return errs;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding. */
export function validateBinding(obj: unknown, namespaced: boolean): FieldError[] {
  const o = asObj(obj);
  const errs = validateRbacMeta(o.metadata, namespaced);
  const ref = asObj(o.roleRef);
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  const kind = typeof ref.kind === "string" ? ref.kind : "";
  if (!kinds.includes(kind)) errs.push(notSupported("roleRef.kind", kind, kinds));
  const name = typeof ref.name === "string" ? ref.name : "";
  if (!name) errs.push(required("roleRef.name"));
  else for (const msg of pathSegmentErrors(name)) errs.push(invalid("roleRef.name", name, msg));
  const group = typeof ref.apiGroup === "string" ? ref.apiGroup : "";
  if (group !== RBAC_GROUP) errs.push(notSupported("roleRef.apiGroup", group, [RBAC_GROUP]));
  const subjects = Array.isArray(o.subjects) ? o.subjects : [];
  subjects.forEach((s, i) => {
    errs.push(...validateSubject(s, namespaced, `subjects[${i}]`));
  });
  return errs;
}

/** ValidateRoleBindingUpdate: `cannot change roleRef` (the internal rbac.RoleRef printed with %#v). */
export function validateBindingUpdate(obj: unknown, old: unknown, namespaced: boolean): FieldError[] {
  const errs = validateBinding(obj, namespaced);
  const ref = asObj(asObj(obj).roleRef);
  const prev = asObj(asObj(old).roleRef);
  if (ref.apiGroup !== prev.apiGroup || ref.kind !== prev.kind || ref.name !== prev.name)
    errs.push(
      invalid(
        "roleRef",
        new GoLiteral(
          `rbac.RoleRef{APIGroup:${goQuote(String(ref.apiGroup ?? ""))}, Kind:${goQuote(String(ref.kind ?? ""))}, Name:${goQuote(String(ref.name ?? ""))}}`,
        ),
        "cannot change roleRef",
      ),
    );
  return errs;
}

// ---- the authorizer ----------------------------------------------------------------------------

export interface UserInfo {
  name: string;
  groups: string[];
}

/** The request attributes the RBAC authorizer sees. */
export interface RequestAttributes {
  verb: string;
  namespace?: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** A non-resource request: `/healthz`. */
  path?: string;
}

/** kubeadm's admin.conf client certificate: CN=kubernetes-admin, O=kubeadm:cluster-admins (1.29+). */
export const KUBEADM_ADMIN: UserInfo = {
  name: "kubernetes-admin",
  groups: ["kubeadm:cluster-admins", "system:authenticated"],
};

/** The impersonation filter: a ServiceAccount user gets its groups; everyone but anonymous is authenticated. */
export function impersonatedUser(name: string, groups: string[]): UserInfo {
  const g = [...groups];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  if (g.length === 0 && sa) g.push("system:serviceaccounts", `system:serviceaccounts:${sa[1]}`);
  if (name !== "system:anonymous" && !g.includes("system:authenticated")) g.push("system:authenticated");
  return { name, groups: g };
}

function appliesTo(user: UserInfo, s: Subject, bindingNamespace: string): boolean {
  if (s.kind === "User") return user.name === s.name;
  if (s.kind === "Group") return user.groups.includes(s.name);
  if (s.kind === "ServiceAccount")
    return user.name === `system:serviceaccount:${s.namespace || bindingNamespace}:${s.name}`;
  return false;
}

const has = (list: string[] | undefined, v: string) => !!list && (list.includes("*") || list.includes(v));

function ruleAllows(a: RequestAttributes, r: PolicyRule): boolean {
  if (!has(r.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (r.nonResourceURLs ?? []).some(
      (u) => u === "*" || u === a.path || (u.endsWith("*") && a.path!.startsWith(u.slice(0, -1))),
    );
  }
  if (!has(r.apiGroups, a.apiGroup ?? "")) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : (a.resource ?? "");
  const resOk = (r.resources ?? []).some(
    (res) => res === "*" || res === combined || (a.subresource !== undefined && res === `*/${a.subresource}`),
  );
  if (!resOk) return false;
  return !r.resourceNames || r.resourceNames.length === 0 || (!!a.name && r.resourceNames.includes(a.name));
}

/** The rules that apply to the user in a namespace (cluster-wide ones always), and the bindings' dangling roleRefs. */
export function resolveRules(
  api: ApiServerClient,
  user: UserInfo,
  namespace: string | undefined,
): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  const roleRules = (kind: "Role" | "ClusterRole", ns: string | undefined, name: string) => {
    const role = api.tryGet<RoleObject>(kind, ns, name);
    // the listers' NotFound: `clusterrole.rbac.authorization.k8s.io "x" not found`
    if (!role) errors.push(`${kind.toLowerCase()}.${RBAC_GROUP} "${name}" not found`);
    else rules.push(...(role.rules ?? []));
  };
  for (const b of api.list<BindingObject>("ClusterRoleBinding"))
    if ((b.subjects ?? []).some((s) => appliesTo(user, s, "")))
      roleRules("ClusterRole", undefined, b.roleRef?.name);
  if (namespace)
    for (const b of api.list<BindingObject>("RoleBinding", { namespace }))
      if ((b.subjects ?? []).some((s) => appliesTo(user, s, namespace)))
        roleRules(
          b.roleRef?.kind === "Role" ? "Role" : "ClusterRole",
          b.roleRef?.kind === "Role" ? namespace : undefined,
          b.roleRef?.name,
        );
  return { rules, errors };
}

export const rulesFor = (api: ApiServerClient, user: UserInfo, namespace: string | undefined): PolicyRule[] =>
  resolveRules(api, user, namespace).rules;

/**
 * RBACAuthorizer.Authorize: allowed when any bound rule covers the request (RBAC has no deny rules);
 * a denial's reason names the roles bindings point at that do not exist (`RBAC: role… not found`).
 */
export function authorizeWithReason(
  api: ApiServerClient,
  user: UserInfo,
  a: RequestAttributes,
): { allowed: boolean; reason: string } {
  const { rules, errors } = resolveRules(api, user, a.path === undefined ? a.namespace : undefined);
  if (rules.some((r) => ruleAllows(a, r))) return { allowed: true, reason: "" };
  // utilerrors.NewAggregate: one error as itself, several as [a, b]
  const agg = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${agg}` : "" };
}

export const authorize = (api: ApiServerClient, user: UserInfo, a: RequestAttributes): boolean =>
  authorizeWithReason(api, user, a).allowed;

/** The Forbidden text the API server returns: `pods is forbidden: User "x" cannot list resource …`. */
export function forbiddenMessage(user: UserInfo, a: RequestAttributes, reason = ""): string {
  // errors.NewForbidden names the group-qualified resource: `roles.rbac.authorization.k8s.io "x"`
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : (a.resource ?? "");
  const what = a.name ? `${qualified} "${a.name}"` : qualified;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : "at the cluster scope";
  return `${what} is forbidden: User "${user.name}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup ?? ""}" ${scope}${reason ? `: ${reason}` : ""}`;
}

// ---- rule display helpers (kubectl describe role, auth can-i --list) ---------------------------

/** BreakdownRule: one rule per group × resource × resourceName, one per non-resource URL. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? []) {
      if ((rule.resourceNames ?? []).length > 0)
        for (const name of rule.resourceNames ?? [])
          out.push({ verbs: rule.verbs, apiGroups: [group], resources: [resource], resourceNames: [name] });
      else out.push({ verbs: rule.verbs, apiGroups: [group], resources: [resource] });
    }
  for (const url of rule.nonResourceURLs ?? []) out.push({ verbs: rule.verbs, nonResourceURLs: [url] });
  return out;
}

/** CompactRules: simple resource rules (one group, one resource, at most one name) merge their verbs. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      (r.nonResourceURLs ?? []).length === 0 &&
      (r.apiGroups ?? []).length === 1 &&
      (r.resources ?? []).length === 1 &&
      (r.resourceNames ?? []).length <= 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = `${r.apiGroups![0]}\u0000${r.resources![0]}\u0000${r.resourceNames?.[0] ?? "\u0001"}`;
    const prev = simple.get(key);
    if (prev) prev.verbs = [...prev.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

const goList = (v: string[] | undefined) => `[${(v ?? []).join(" ")}]`;
/** PolicyRule.String() (the generated protobuf text) that SortableRuleSlice compares. */
const ruleString = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** Breakdown, compact and sort: the rows kubectl prints. */
export function displayRules(rules: PolicyRule[]): PolicyRule[] {
  const out = compactRules(rules.flatMap(breakdownRule));
  const keyed = out.map((r) => ({ r, k: ruleString(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.r);
}

/** CombineResourceGroup: `pods`, `deployments.apps`, `*.*`. */
export function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources || resources.length === 0) return "";
  const parts = resources[0].split("/");
  let combine = parts[0];
  if (groups && groups.length > 0 && groups[0] !== "") combine = `${combine}.${groups[0]}`;
  if (parts.length === 2) combine = `${combine}/${parts[1]}`;
  return combine;
}

/** The four cells of a PolicyRule row: Resources, Non-Resource URLs, Resource Names, Verbs. */
export const ruleRow = (r: PolicyRule): string[] => [
  combineResourceGroup(r.resources, r.apiGroups),
  goList(r.nonResourceURLs),
  goList(r.resourceNames),
  goList(r.verbs),
];
