// k8s: staging/src/k8s.io/kubectl/pkg/cmd/cmd.go — the `kubectl` command: one table of verbs, each
// with its flags (parsed like cobra/pflag) and its run function; verbs we don't model say so plainly.
import type { Pod } from "kubernetes-types/core/v1";
import { type CompletableCommand, type CompletionRequest, Output } from "../registry";
import type { CommandContext, CommandResult } from "../types";
import { APPLY_FLAGS, runApplyOrCreate } from "./apply";
import { ATTACH_FLAGS, runAttach } from "./attach";
import { AUTH_FLAGS, impersonationDenied, runAuth } from "./auth";
import { apiList, apiTryGet, type KubectlContext, KubectlError, parseVerbFlags } from "./common";
import { CREATE_DEPLOYMENT_FLAGS } from "./createDeployment";
import { CREATE_GENERATED_FLAGS, runCreateGenerated } from "./createGenerated";
import { CREATE_JOB_FLAGS } from "./createJob";
import { CREATE_PDB_FLAGS } from "./createPdb";
import { CREATE_QUOTA_FLAGS } from "./createQuota";
import { CREATE_RBAC_FLAGS, runCreateRbac } from "./createRbac";
import { DEBUG_FLAGS, runDebug } from "./debug";
import { DELETE_FLAGS, runDelete } from "./delete";
import { DESCRIBE_FLAGS, runDescribe } from "./describe";
import { CORDON_FLAGS, DRAIN_FLAGS, runCordon, runDrain } from "./drain";
import { EDIT_FLAGS, runEdit } from "./edit";
import { EVENTS_FLAGS, runEvents } from "./events";
import { EXEC_FLAGS, runExec } from "./exec";
import { EXPLAIN_FLAGS, runExplain } from "./explain";
import { type FlagSpec, GLOBAL_FLAGS } from "./flags";
import { GET_FLAGS, runGet } from "./get";
import { LOGS_FLAGS, runLogs } from "./logs";
import {
  runApiResources,
  runClusterInfo,
  runConfig,
  runLabel,
  runSetImage,
  runTaint,
  runVersion,
} from "./misc";
import { PATCH_FLAGS, runPatch } from "./patch";
import { PROXY_FLAGS, runProxy } from "./proxy";
import { REPLACE_FLAGS, runReplace } from "./replace";
import { allResourceNames, lookupResource } from "./resources";
import { ROLLOUT_FLAGS, runRollout } from "./rollout";
import { RUN_FLAGS, runRun } from "./run";
import { runScale, SCALE_FLAGS } from "./scale";
import { CREATE_TOKEN_FLAGS, runSetServiceAccount } from "./serviceAccounts";
import { CREATE_SERVICE_FLAGS, EXPOSE_FLAGS, runExpose } from "./services";
import { runWait, WAIT_FLAGS } from "./wait";
import { withWarnings } from "./warnings";

export interface Verb {
  name: string;
  summary: string;
  flags: FlagSpec[];
  run(k: KubectlContext): Promise<CommandResult>;
}

export const VERBS: Verb[] = [
  {
    name: "create",
    summary: "Create a resource from a file or from stdin",
    flags: [
      ...APPLY_FLAGS,
      ...CREATE_GENERATED_FLAGS,
      ...CREATE_SERVICE_FLAGS,
      ...CREATE_DEPLOYMENT_FLAGS,
      ...CREATE_JOB_FLAGS,
      ...CREATE_QUOTA_FLAGS,
      ...CREATE_PDB_FLAGS,
      ...CREATE_TOKEN_FLAGS,
      ...CREATE_RBAC_FLAGS,
    ],
    run: async (k) => runCreateRbac(k) ?? runCreateGenerated(k) ?? runApplyOrCreate(k),
  },
  { name: "run", summary: "Run a particular image on the cluster", flags: RUN_FLAGS, run: runRun },
  {
    name: "expose",
    summary:
      "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
    flags: EXPOSE_FLAGS,
    run: runExpose,
  },
  { name: "explain", summary: "Get documentation for a resource", flags: EXPLAIN_FLAGS, run: runExplain },
  { name: "get", summary: "Display one or many resources", flags: GET_FLAGS, run: runGet },
  {
    name: "delete",
    summary: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
    flags: DELETE_FLAGS,
    run: runDelete,
  },
  { name: "cordon", summary: "Mark node as unschedulable", flags: CORDON_FLAGS, run: runCordon },
  { name: "uncordon", summary: "Mark node as schedulable", flags: CORDON_FLAGS, run: runCordon },
  {
    name: "drain",
    summary: "Drain node in preparation for maintenance",
    flags: DRAIN_FLAGS,
    run: runDrain,
  },
  {
    name: "describe",
    summary: "Show details of a specific resource or group of resources",
    flags: DESCRIBE_FLAGS,
    run: runDescribe,
  },
  { name: "logs", summary: "Print the logs for a container in a pod", flags: LOGS_FLAGS, run: runLogs },
  { name: "events", summary: "List events", flags: EVENTS_FLAGS, run: runEvents },
  { name: "exec", summary: "Execute a command in a container", flags: EXEC_FLAGS, run: runExec },
  { name: "attach", summary: "Attach to a running container", flags: ATTACH_FLAGS, run: runAttach },
  {
    name: "debug",
    summary: "Create debugging sessions for troubleshooting workloads and nodes",
    flags: DEBUG_FLAGS,
    run: runDebug,
  },
  {
    name: "apply",
    summary: "Apply a configuration to a resource by file name or stdin",
    flags: APPLY_FLAGS,
    run: runApplyOrCreate,
  },
  {
    name: "patch",
    summary: "Update fields of a resource",
    flags: PATCH_FLAGS,
    run: runPatch,
  },
  {
    name: "replace",
    summary: "Replace a resource by file name or stdin",
    flags: REPLACE_FLAGS,
    run: runReplace,
  },
  { name: "edit", summary: "Edit a resource on the server", flags: EDIT_FLAGS, run: runEdit },
  {
    name: "label",
    summary: "Update the labels on a resource",
    flags: [
      { name: "overwrite", type: "bool" },
      { name: "all", type: "bool" },
      { name: "dry-run", type: "string" },
    ],
    run: runLabel,
  },
  {
    name: "taint",
    summary: "Update the taints on one or more nodes",
    flags: [{ name: "overwrite", type: "bool" }],
    run: runTaint,
  },
  {
    name: "wait",
    summary: "Experimental: Wait for a specific condition on one or many resources",
    flags: WAIT_FLAGS,
    run: runWait,
  },
  {
    name: "set",
    summary: "Set specific features on objects (set image, set serviceaccount)",
    flags: [],
    run: (k) =>
      ["serviceaccount", "sa"].includes(k.flags.args[0] ?? "") ? runSetServiceAccount(k) : runSetImage(k),
  },
  {
    name: "scale",
    summary: "Set a new size for a deployment, replica set, replication controller, or stateful set",
    flags: SCALE_FLAGS,
    run: runScale,
  },
  { name: "rollout", summary: "Manage the rollout of a resource", flags: ROLLOUT_FLAGS, run: runRollout },
  {
    name: "api-resources",
    summary: "Print the supported API resources on the server",
    flags: [
      { name: "namespaced", type: "string" },
      { name: "output", short: "o", type: "string" },
    ],
    run: runApiResources,
  },
  { name: "cluster-info", summary: "Display cluster information", flags: [], run: runClusterInfo },
  { name: "auth", summary: "Inspect authorization", flags: AUTH_FLAGS, run: runAuth },
  { name: "config", summary: "Modify kubeconfig files", flags: [], run: runConfig },
  { name: "proxy", summary: "Run a proxy to the Kubernetes API server", flags: PROXY_FLAGS, run: runProxy },
  {
    name: "version",
    summary: "Print the client and server version information",
    flags: [
      { name: "client", type: "bool" },
      { name: "output", short: "o", type: "string" },
    ],
    run: runVersion,
  },
];

/** Real kubectl verbs the simulator does not model (yet): named so the learner isn't left guessing. */
const NOT_SIMULATED = [
  "autoscale",
  "certificate",
  "top",
  "port-forward",
  "cp",
  "diff",
  "kustomize",
  "annotate",
  "completion",
  "alpha",
  "plugin",
];

function usage(): string {
  const w = Math.max(...VERBS.map((v) => v.name.length)) + 3;
  return `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Commands (simulated by k8s-node-sim):
${VERBS.map((v) => `  ${v.name.padEnd(w)}${v.summary}`).join("\n")}

Not simulated yet: ${NOT_SIMULATED.join(", ")}

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
`;
}

/** Split `kubectl -n x get pods` into the verb and its arguments (global flags may precede the verb). */
function findVerb(args: string[]): { verb?: string; rest: string[] } {
  const valued = new Set(
    GLOBAL_FLAGS.filter((f) => f.type !== "bool").flatMap((f) => [
      `--${f.name}`,
      ...(f.short ? [`-${f.short}`] : []),
    ]),
  );
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-")) return { verb: a, rest: [...args.slice(0, i), ...args.slice(i + 1)] };
    if (valued.has(a)) i++;
  }
  return { rest: args };
}

async function runKubectl(ctx: CommandContext): Promise<CommandResult> {
  const { verb, rest } = findVerb(ctx.args);
  if (!verb) {
    if (rest.some((a) => a === "-h" || a === "--help") || rest.length === 0)
      return new Output().out(usage()).result(0);
    const bad = rest.find((a) => a.startsWith("-"));
    return new Output().err(`error: unknown flag: ${bad}\nSee 'kubectl --help' for usage.`).result(1);
  }
  const v = VERBS.find((x) => x.name === verb);
  // A kubeadm cluster has no metrics-server until one is installed: kubectl top says so.
  if (verb === "top" && !rest.some((a) => a === "-h" || a === "--help"))
    return new Output().err("error: Metrics API not available").result(1);
  if (!v) {
    if (NOT_SIMULATED.includes(verb))
      return new Output().err(`k8s-node-sim: 'kubectl ${verb}' is not simulated yet`).result(1);
    const close = VERBS.map((x) => x.name).filter((n) => n.startsWith(verb) || levenshtein(n, verb) <= 2);
    const hint = close.length > 0 ? `\n\nDid you mean this?\n${close.map((n) => `\t${n}`).join("\n")}` : "";
    return new Output().err(`error: unknown command "${verb}" for "kubectl"${hint}`).result(1);
  }
  try {
    const k = parseVerbFlags(ctx, verb, v.flags, rest);
    if (k.flags.bool("help")) {
      return new Output()
        .out(
          `${v.summary}.\n\nUsage:\n  kubectl ${verb} [options]\n\nOptions:\n${v.flags.map((f) => `    ${f.short ? `-${f.short}, ` : ""}--${f.name}`).join("\n")}\n`,
        )
        .result(0);
    }
    const denied = impersonationDenied(k);
    if (denied) return denied;
    return await withWarnings(k.node.api, () => v.run(k));
  } catch (e) {
    if (e instanceof KubectlError) return new Output().err(e.message).result(e.exit);
    throw e;
  }
}

/** cobra's suggestion distance (SuggestionsMinimumDistance 2). */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

const OUTPUTS = ["json", "yaml", "wide", "name", "jsonpath=", "custom-columns="];

/** Tab completion for kubectl: verbs, flags, resource types, object names, namespaces, containers. */
function completeKubectl(req: CompletionRequest): string[] {
  const { words, current, node } = req;
  const { verb, rest } = findVerb(words);
  const prev = words[words.length - 1];
  if (prev === "-n" || prev === "--namespace")
    return node.api.list("Namespace").map((n) => n.metadata?.name ?? "");
  if (prev === "-o" || prev === "--output") return OUTPUTS;
  if (!verb)
    return current.startsWith("-") ? GLOBAL_FLAGS.map((f) => `--${f.name}`) : VERBS.map((v) => v.name);
  const v = VERBS.find((x) => x.name === verb);
  if (!v) return [];
  if (current.startsWith("-")) return [...v.flags, ...GLOBAL_FLAGS].map((f) => `--${f.name}`);
  const nsIdx = words.findIndex((w) => w === "-n" || w === "--namespace");
  const ns = nsIdx >= 0 ? words[nsIdx + 1] : "default";
  const positional = rest.filter(
    (w, i) =>
      !w.startsWith("-") &&
      !(
        i > 0 && /^(-n|--namespace|-o|--output|-c|--container|-l|--selector|-f|--filename)$/.test(rest[i - 1])
      ),
  );
  const podNames = () => apiList<Pod>(node, "Pod", { namespace: ns }).map((p) => p.metadata?.name ?? "");
  if (prev === "-c" || prev === "--container") {
    const pod = positional[0] ? apiTryGet<Pod>(node, "Pod", ns, positional[0]) : undefined;
    return [...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])].map((c) => c.name);
  }
  if (prev === "-f" || prev === "--filename") return [];
  if (["logs", "exec"].includes(verb)) return positional.length === 0 ? podNames() : [];
  if (verb === "expose") {
    if (positional.length === 0) return ["deployment", "pod", "replicaset", "service"];
    const rt = lookupResource(positional[0]);
    if (positional.length === 1 && rt && ["Pod", "Service", "Deployment", "ReplicaSet"].includes(rt.kind))
      return node.api.list(rt.kind, { namespace: ns }).map((o) => o.metadata?.name ?? "");
    return [];
  }
  if (verb === "create" && positional.length === 0)
    return [
      "clusterrole",
      "clusterrolebinding",
      "configmap",
      "cronjob",
      "deployment",
      "job",
      "namespace",
      "role",
      "rolebinding",
      "secret",
      "service",
    ];
  if (verb === "rollout") {
    if (positional.length === 0) return ["history", "pause", "restart", "resume", "status", "undo"];
    if (positional.length === 1) return ["deployment"];
    return positional.length === 2 && lookupResource(positional[1])?.kind === "Deployment"
      ? node.api.list("Deployment", { namespace: ns }).map((o) => o.metadata?.name ?? "")
      : [];
  }
  if (verb === "create" && positional[0] === "service" && positional.length === 1)
    return ["clusterip", "externalname", "loadbalancer", "nodeport"];
  if (["get", "describe", "delete", "explain", "label", "scale", "patch", "edit"].includes(verb)) {
    if (positional.length === 0) return allResourceNames();
    const rt = lookupResource(positional[0]);
    if (!rt) return [];
    return node.api
      .list(rt.kind, { namespace: rt.namespaced ? ns : undefined })
      .map((o) => o.metadata?.name ?? "");
  }
  if (["cordon", "uncordon", "drain"].includes(verb))
    return node.api.list("Node").map((n) => n.metadata?.name ?? "");
  if (verb === "config") return ["current-context", "get-contexts", "view"];
  return [];
}

export const kubectlCommand: CompletableCommand = {
  name: "kubectl",
  summary: "the Kubernetes command-line tool (get, describe, logs, apply, delete, run, exec, …)",
  run: runKubectl,
  complete: completeKubectl,
};
