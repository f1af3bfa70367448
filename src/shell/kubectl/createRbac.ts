// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_role.go, create_clusterrole.go,
// create_rolebinding.go, create_clusterrolebinding.go — `kubectl create role NAME --verb=get,list
// --resource=pods`, `create rolebinding NAME --role=X --user=Y --serviceaccount=ns:sa`.
import { type PolicyRule, RBAC_GROUP, type Subject } from "../../sim/api/rbac";
import { type CommandResult, fail } from "../types";
import type { KubectlContext } from "./common";
import { create } from "./createGenerated";
import { lookupResource } from "./resources";

export const CREATE_RBAC_FLAGS = [
  { name: "verb", type: "strings" as const },
  { name: "resource", type: "strings" as const },
  { name: "resource-name", type: "strings" as const },
  { name: "non-resource-url", type: "strings" as const },
  { name: "aggregation-rule", type: "string" as const },
  { name: "role", type: "string" as const },
  { name: "clusterrole", type: "string" as const },
  { name: "user", type: "strings" as const },
  { name: "group", type: "strings" as const },
  { name: "serviceaccount", type: "strings" as const },
];

/** create_role.go validResourceVerbs / validNonResourceVerbs */
const RESOURCE_VERBS = [
  "*",
  "get",
  "delete",
  "list",
  "create",
  "update",
  "patch",
  "watch",
  "proxy",
  "deletecollection",
  "use",
  "bind",
  "escalate",
  "impersonate",
];
const NON_RESOURCE_VERBS = ["*", "get", "post", "put", "delete", "patch", "head", "options"];

/** pflag StringSlice: repeated flags and comma lists both add values. */
const slice = (k: KubectlContext, name: string) =>
  k.flags
    .list(name)
    .flatMap((v) => v.split(","))
    .filter(Boolean);

const nameError = (what: string, got: number) =>
  `error: exactly one NAME is required, got ${got}\nSee 'kubectl create ${what} -h' for help and examples`;

/** generateResourcePolicyRules: one rule per API group (sorted), resources mapped to their full names. */
function policyRules(k: KubectlContext, cluster: boolean): PolicyRule[] | string {
  const verbs = slice(k, "verb");
  const resources = slice(k, "resource");
  const names = slice(k, "resource-name");
  const urls = cluster ? slice(k, "non-resource-url") : [];
  if (verbs.length === 0) return "error: at least one verb must be specified";
  if (resources.length === 0 && urls.length === 0)
    return cluster
      ? "error: one of resource or nonResourceURL must be specified"
      : "error: at least one resource must be specified";
  for (const v of verbs) {
    const ok =
      (resources.length > 0 && RESOURCE_VERBS.includes(v)) ||
      (urls.length > 0 && NON_RESOURCE_VERBS.includes(v));
    if (!ok) return `error: invalid verb: '${v}'`;
  }
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    let resource: string;
    let group: string;
    const [typePart, sub] = r.split("/", 2);
    if (typePart === "*") {
      resource = "*";
      group = "";
    } else {
      const rt = lookupResource(typePart);
      if (!rt) return `error: the server doesn't have a resource type "${typePart}"`;
      resource = rt.plural;
      group = rt.apiVersion.includes("/") ? rt.apiVersion.slice(0, rt.apiVersion.indexOf("/")) : "";
    }
    if (sub) resource = `${resource}/${sub}`;
    const list = byGroup.get(group) ?? [];
    if (!list.includes(resource)) list.push(resource);
    byGroup.set(group, list);
  }
  const rules: PolicyRule[] = [...byGroup.keys()].sort().map((g) => ({
    verbs,
    apiGroups: [g],
    resources: byGroup.get(g)!,
    ...(names.length > 0 ? { resourceNames: names } : {}),
  }));
  if (urls.length > 0) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

/** Users, then groups, then ServiceAccounts (`namespace:name`). */
function subjects(k: KubectlContext): Subject[] | string {
  const out: Subject[] = [];
  for (const u of slice(k, "user")) out.push({ kind: "User", apiGroup: RBAC_GROUP, name: u });
  for (const g of slice(k, "group")) out.push({ kind: "Group", apiGroup: RBAC_GROUP, name: g });
  for (const s of slice(k, "serviceaccount")) {
    const parts = s.split(":");
    if (parts.length !== 2 || !parts[0] || !parts[1])
      return `error: serviceaccount must be <namespace>:<name>`;
    out.push({ kind: "ServiceAccount", namespace: parts[0], name: parts[1] });
  }
  return out;
}

/** `kubectl create role|clusterrole|rolebinding|clusterrolebinding …`; undefined for other kinds. */
export function runCreateRbac(k: KubectlContext): CommandResult | undefined {
  const [what, name, ...extra] = k.flags.args;
  const got = name ? extra.length + 1 : 0;
  if (what === "role" || what === "clusterrole") {
    if (!name || extra.length > 0) return fail(nameError(what, got));
    const cluster = what === "clusterrole";
    const aggregation = cluster ? k.flags.str("aggregation-rule") : undefined;
    if (aggregation) {
      const matchLabels: Record<string, string> = {};
      for (const kv of aggregation.split(",")) {
        const [key, value] = kv.split("=", 2);
        matchLabels[key] = value ?? "";
      }
      return create(k, `clusterrole.${RBAC_GROUP}`, {
        apiVersion: `${RBAC_GROUP}/v1`,
        kind: "ClusterRole",
        metadata: { name },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels }] },
        rules: null,
      });
    }
    const rules = policyRules(k, cluster);
    if (typeof rules === "string") return fail(rules);
    return create(k, `${what}.${RBAC_GROUP}`, {
      apiVersion: `${RBAC_GROUP}/v1`,
      kind: cluster ? "ClusterRole" : "Role",
      metadata: cluster ? { name } : { name, namespace: k.namespace },
      rules,
    });
  }
  if (what === "rolebinding" || what === "clusterrolebinding") {
    if (!name || extra.length > 0) return fail(nameError(what, got));
    const cluster = what === "clusterrolebinding";
    const role = cluster ? undefined : k.flags.str("role");
    const clusterRole = k.flags.str("clusterrole");
    if (cluster && !clusterRole) return fail('error: required flag(s) "clusterrole" not set');
    if (!cluster && !!role === !!clusterRole)
      return fail("error: exactly one of clusterrole or role must be specified");
    const subs = subjects(k);
    if (typeof subs === "string") return fail(subs);
    return create(k, `${what}.${RBAC_GROUP}`, {
      apiVersion: `${RBAC_GROUP}/v1`,
      kind: cluster ? "ClusterRoleBinding" : "RoleBinding",
      metadata: cluster ? { name } : { name, namespace: k.namespace },
      roleRef: { apiGroup: RBAC_GROUP, kind: role ? "Role" : "ClusterRole", name: role ?? clusterRole },
      ...(subs.length > 0 ? { subjects: subs } : {}),
    });
  }
  return undefined;
}
