// k8s: staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go and whoami.go — `kubectl auth can-i VERB
// RESOURCE` (a SelfSubjectAccessReview: yes/no, exit 0/1), `can-i --list` (a SelfSubjectRulesReview
// shown as broken-down, compacted, sorted rules) and `auth whoami` (a SelfSubjectReview); plus the
// impersonation headers (--as, --as-group) the API server authorizes requests with.
import {
  authorizeWithReason,
  displayRules,
  forbiddenMessage,
  impersonatedUser,
  KUBEADM_ADMIN,
  type RequestAttributes,
  ruleRow,
  rulesFor,
  type UserInfo,
} from "../../sim/api/rbac";
import { toJson, toYaml } from "../format/objects";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import type { KubectlContext } from "./common";
import type { FlagSpec } from "./flags";
import { renderTable } from "./printers";
import { lookupResource, type ResourceType } from "./resources";

export const AUTH_FLAGS: FlagSpec[] = [
  { name: "list", type: "bool" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "subresource", type: "string" },
  { name: "no-headers", type: "bool" },
  { name: "output", short: "o", type: "string" },
];

/** The user kubectl's requests run as: the kubeconfig's admin, or the impersonated one. */
export function requestUser(k: KubectlContext): UserInfo {
  const as = k.flags.str("as");
  const groups = k.flags.list("as-group");
  if (!as) return KUBEADM_ADMIN;
  return impersonatedUser(as, groups);
}

const groupOf = (rt: ResourceType) =>
  rt.apiVersion.includes("/") ? rt.apiVersion.slice(0, rt.apiVersion.indexOf("/")) : "";

/** Discovery knows more types than the simulator stores: those can-i is asked about most (plural, group, namespaced). */
const OTHER_TYPES: [string, string, boolean, string[]][] = [
  ["selfsubjectaccessreviews", "authorization.k8s.io", false, []],
  ["selfsubjectrulesreviews", "authorization.k8s.io", true, []],
  ["subjectaccessreviews", "authorization.k8s.io", false, []],
  ["localsubjectaccessreviews", "authorization.k8s.io", true, []],
  ["selfsubjectreviews", "authentication.k8s.io", false, []],
  ["tokenreviews", "authentication.k8s.io", false, []],
  ["certificatesigningrequests", "certificates.k8s.io", false, ["csr"]],
  ["horizontalpodautoscalers", "autoscaling", true, ["hpa"]],
  ["ingresses", "networking.k8s.io", true, ["ing"]],
  ["networkpolicies", "networking.k8s.io", true, ["netpol"]],
  ["bindings", "", true, []],
  ["componentstatuses", "", false, ["cs"]],
  ["csidrivers", "storage.k8s.io", false, []],
  ["csinodes", "storage.k8s.io", false, []],
  ["volumeattachments", "storage.k8s.io", false, []],
];

/** The RESTMapper's answer for `pods`, `deploy`, `deployments.apps`, `ingresses.networking.k8s.io`. */
function resourceFor(arg: string): { resource: string; group: string; namespaced: boolean } | undefined {
  const rt = lookupResource(arg);
  if (rt) return { resource: rt.plural, group: groupOf(rt), namespaced: rt.namespaced };
  const dot = arg.indexOf(".");
  const name = (dot >= 0 ? arg.slice(0, dot) : arg).toLowerCase();
  const group = dot >= 0 ? arg.slice(dot + 1).toLowerCase() : undefined;
  const hit = OTHER_TYPES.find(
    ([plural, g, , short]) =>
      (name === plural || name === plural.replace(/e?s$/, "") || short.includes(name)) &&
      (group === undefined || group === g),
  );
  return hit && { resource: hit[0], group: hit[1], namespaced: hit[2] };
}

/** cani.go resourceVerbs / nonResourceVerbs: anything else gets a warning. */
const RESOURCE_VERBS = [
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
  "use",
  "bind",
  "impersonate",
  "*",
];
const NON_RESOURCE_VERBS = ["get", "put", "post", "head", "options", "delete", "patch", "*"];

export async function runAuth(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const [sub, ...args] = k.flags.args;
  if (sub === "whoami") return whoami(k, out);
  if (sub === "reconcile")
    return out.err("k8s-node-sim: 'kubectl auth reconcile' is not simulated yet").result(1);
  if (!sub)
    return out
      .out(
        'Inspect authorization.\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n  whoami        Experimental: Check self subject attributes\n\nUsage:\n  kubectl auth [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
      )
      .result(0);
  if (sub !== "can-i") return out.err(`error: unknown command "${sub}" for "kubectl auth"`).result(1);
  const user = requestUser(k);
  const namespace = k.flags.bool("all-namespaces") ? undefined : k.namespace;
  if (k.flags.bool("list")) {
    if (args.length !== 0) return out.err("error: list option must be specified with no arguments").result(1);
    const rows = displayRules(rulesFor(k.node.api, user, namespace ?? "")).map(ruleRow);
    if (!k.flags.bool("no-headers"))
      rows.unshift(["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]);
    return out.out(renderTable(rows)).result(0);
  }
  if (args.length !== 2)
    return out
      .err(
        "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
      )
      .result(1);
  if (k.flags.bool("no-headers"))
    return out.err("error: --no-headers cannot be set without --list specified").result(1);
  const [verb, target] = args;
  const warn = (s: string) => out.err(`Warning: ${s}`);
  let attrs: RequestAttributes;
  if (target.startsWith("/")) {
    if (k.flags.str("subresource"))
      return out.err("error: --subresource can not be used with NonResourceURL").result(1);
    if (!NON_RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    attrs = { verb, path: target };
  } else {
    const slash = target.indexOf("/");
    const typeName = slash >= 0 ? target.slice(0, slash) : target;
    const name = slash >= 0 ? target.slice(slash + 1) : undefined;
    let resource = typeName;
    let apiGroup = "";
    let namespaced = true;
    if (typeName !== "*") {
      const rt = resourceFor(typeName);
      if (rt) {
        resource = rt.resource;
        apiGroup = rt.group;
        namespaced = rt.namespaced;
      } else {
        // resourceFor: an unknown type is checked as typed, after a warning
        const dot = typeName.indexOf(".");
        warn(
          dot >= 0
            ? `the server doesn't have a resource type '${typeName.slice(0, dot)}' in group '${typeName.slice(dot + 1)}'`
            : `the server doesn't have a resource type '${typeName}'`,
        );
      }
    }
    if (!namespaced && namespace !== undefined)
      warn(
        apiGroup
          ? `resource '${resource}' is not namespace scoped in group '${apiGroup}'`
          : `resource '${resource}' is not namespace scoped`,
      );
    if (!RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    attrs = {
      verb,
      namespace,
      apiGroup,
      resource,
      ...(k.flags.str("subresource") ? { subresource: k.flags.str("subresource") } : {}),
      ...(name ? { name } : {}),
    };
  }
  const { allowed, reason } = authorizeWithReason(k.node.api, user, attrs);
  if (!k.flags.bool("quiet")) out.out(allowed ? "yes\n" : reason ? `no - ${reason}\n` : "no\n");
  return out.result(allowed ? 0 : 1);
}

function whoami(k: KubectlContext, out: Output): CommandResult {
  const user = requestUser(k);
  const review = {
    apiVersion: "authentication.k8s.io/v1",
    kind: "SelfSubjectReview",
    metadata: { creationTimestamp: null },
    status: { userInfo: { groups: user.groups, username: user.name } },
  };
  const fmt = k.flags.str("output");
  if (fmt === "yaml") return out.out(toYaml(review)).result(0);
  if (fmt === "json") return out.out(toJson(review)).result(0);
  const rows = [
    ["ATTRIBUTE", "VALUE"],
    ["Username", user.name],
  ];
  if (user.groups.length > 0) rows.push(["Groups", `[${user.groups.join(" ")}]`]);
  return out.out(renderTable(rows)).result(0);
}

/**
 * The API server's authorization of an impersonated request (only when --as is given: the
 * kubeconfig's admin may do everything): the Forbidden error kubectl prints, or undefined.
 */
export function impersonationDenied(k: KubectlContext): CommandResult | undefined {
  if (!k.flags.str("as")) return undefined;
  const user = requestUser(k);
  for (const attrs of requestsOf(k)) {
    const { allowed, reason } = authorizeWithReason(k.node.api, user, attrs);
    if (!allowed) {
      const msg = forbiddenMessage(user, attrs, reason);
      // create configmap / secret generic / serviceaccount wrap the API error
      const [what, sub] = k.flags.args;
      const wrapped =
        k.verb === "create" &&
        (["configmap", "cm", "serviceaccount", "sa"].includes(what) ||
          (what === "secret" && sub === "generic"));
      const singular = what === "cm" ? "configmap" : what === "sa" ? "serviceaccount" : what;
      return new Output()
        .err(
          wrapped ? `error: failed to create ${singular}: ${msg}` : `Error from server (Forbidden): ${msg}`,
        )
        .result(1);
    }
  }
  return undefined;
}

/** The first API requests a verb makes (the ones authorization refuses first); none for verbs not modelled. */
function requestsOf(k: KubectlContext): RequestAttributes[] {
  const args = k.flags.args;
  const ns = k.namespace;
  const core = (verb: string, resource: string, name?: string, subresource?: string): RequestAttributes => ({
    verb,
    namespace: ns,
    apiGroup: "",
    resource,
    ...(subresource ? { subresource } : {}),
    ...(name ? { name } : {}),
  });
  if (k.verb === "run") return [core("create", "pods")];
  // logs and exec read the pod first, then its subresource
  if (k.verb === "logs" && args[0] && !args[0].includes("/"))
    return [core("get", "pods", args[0]), core("get", "pods", args[0], "log")];
  if (k.verb === "exec" && args[0] && !args[0].includes("/"))
    return [core("get", "pods", args[0]), core("create", "pods", args[0], "exec")];
  if (k.verb === "create" && args.length >= 2 && !k.flags.has("filename")) {
    const kind = args[0] === "secret" ? "secrets" : args[0] === "service" ? "services" : args[0];
    const rt = lookupResource(kind);
    if (!rt) return [];
    return [
      {
        verb: "create",
        namespace: rt.namespaced ? ns : undefined,
        apiGroup: groupOf(rt),
        resource: rt.plural,
      },
    ];
  }
  if (!["get", "describe", "delete"].includes(k.verb)) return [];
  const refs: { rt: ResourceType; name?: string }[] = [];
  if (args.some((a) => a.includes("/")))
    for (const a of args) {
      const rt = lookupResource(a.slice(0, a.indexOf("/")));
      if (rt) refs.push({ rt, name: a.slice(a.indexOf("/") + 1) });
    }
  else if (args.length > 0)
    for (const t of args[0].split(",")) {
      const rt = lookupResource(t);
      if (!rt) continue;
      if (args.length > 1) for (const name of args.slice(1)) refs.push({ rt, name });
      else refs.push({ rt });
    }
  const allNs = k.flags.bool("all-namespaces");
  // `delete pods --all` lists first, then deletes each: the list is what is refused first
  return refs.map(({ rt, name }) => ({
    verb: k.verb === "delete" && name ? "delete" : name ? "get" : "list",
    namespace: rt.namespaced && !(allNs && !name) ? ns : undefined,
    apiGroup: groupOf(rt),
    resource: rt.plural,
    ...(name ? { name } : {}),
  }));
}
