// k8s: staging/src/k8s.io/kubectl/pkg/cmd/rollout/* + polymorphichelpers (rollout_status.go,
// history.go, rollback.go, objectrestarter.go, objectpauser.go, objectresumer.go) — `kubectl rollout
// status|history|undo|restart|pause|resume` for Deployments. `status` watches the Deployment and
// prints a line per change until the rollout is done; here the virtual clock runs meanwhile.
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1";
import { POD_TEMPLATE_HASH_LABEL } from "../../sim/api/apps";
import type { KubeObject } from "../../sim/apiserver/types";
import { parseDuration, rfc3339 } from "../../sim/clock/time";
import {
  CHANGE_CAUSE_ANNOTATION,
  equalIgnoreHash,
  getCondition,
  RESTARTED_AT_ANNOTATION,
  REVISION_ANNOTATION,
  revisionOf,
  skipCopyAnnotation,
  TIMED_OUT_REASON,
} from "../../sim/controllers/deploymentUtil";
import { goTabwrite } from "../format/goTabwriter";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, apiList, type KubectlContext } from "./common";
import { describePodTemplate, replicaSetsOf } from "./describeApps";
import { PrefixWriter } from "./describePod";
import type { FlagSpec } from "./flags";
import { kindQualifier, parseResourceArgs, ResourceArgError, type ResourceType } from "./resources";
import { daemonSetHistory, daemonSetStatusLine, daemonSetUndo } from "./rolloutDaemonSet";
import { statefulSetStatusLine, statefulSetUndo } from "./rolloutStatefulSet";

export const ROLLOUT_FLAGS: FlagSpec[] = [
  { name: "watch", short: "w", type: "bool" },
  { name: "revision", type: "int" },
  { name: "timeout", type: "string" },
  { name: "to-revision", type: "int" },
  { name: "selector", short: "l", type: "string" },
  { name: "filename", short: "f", type: "strings" },
  { name: "output", short: "o", type: "string" },
  { name: "dry-run", type: "string" },
];

const HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SUBCOMMANDS = ["history", "pause", "restart", "resume", "status", "undo"];

/** How long `rollout status` lets the virtual clock run when no --timeout is given (a safety cap). */
const STATUS_CAP_MS = 15 * 60_000;

interface Target {
  type: ResourceType;
  name: string;
}

/** The GroupKind as kubectl prints it in "not implemented" errors: `ReplicaSet.apps`, `Pod`. */
const groupKind = (t: ResourceType) =>
  t.apiVersion.includes("/") ? `${t.kind}.${t.apiVersion.split("/")[0]}` : t.kind;
/** The GroupResource of patch errors: `deployments.apps`. */
const groupResource = (t: ResourceType) =>
  t.apiVersion.includes("/") ? `${t.plural}.${t.apiVersion.split("/")[0]}` : t.plural;

export async function runRollout(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const [sub, ...args] = k.flags.args;
  if (!sub) return out.out(HELP).result(0);
  if (!SUBCOMMANDS.includes(sub))
    return out
      .err(`error: unknown command "${sub}" for "kubectl rollout"\nRun 'kubectl rollout --help' for usage.`)
      .result(1);
  const targets: Target[] = [];
  try {
    for (const ref of parseResourceArgs(args)) {
      if (ref.names.length > 0) targets.push(...ref.names.map((name) => ({ type: ref.type, name })));
      else if (k.flags.str("selector"))
        targets.push(
          ...k.node.api
            .list(ref.type.kind, { namespace: k.namespace, labelSelector: k.flags.str("selector") })
            .map((o) => ({ type: ref.type, name: o.metadata?.name ?? "" })),
        );
      else
        return out
          .err(
            `error: resource(s) were provided, but no name was specified\nSee 'kubectl rollout ${sub} -h' for help and examples`,
          )
          .result(1);
    }
  } catch (e) {
    if (e instanceof ResourceArgError) return out.err(`error: ${e.message}`).result(1);
    throw e;
  }
  if (targets.length === 0 && args.length === 0)
    return out
      .err(`error: Required resource not specified.\nSee 'kubectl rollout ${sub} -h' for help and examples`)
      .result(1);
  if (sub === "status") {
    if (targets.length !== 1)
      return out
        .err(
          `error: rollout status is only supported on individual resources and resource collections, but ${targets.length} resources were found`,
        )
        .result(1);
    return status(k, targets[0], out);
  }
  let code = 0;
  for (const t of targets) {
    try {
      const line = await subcommand(k, sub, t);
      if (line !== undefined) out.out(line);
    } catch (e) {
      out.err(e instanceof RolloutError ? e.message : apiErrorText(e));
      code = 1;
    }
  }
  return out.result(code);
}

class RolloutError extends Error {}

function getDeployment(k: KubectlContext, t: Target): Deployment {
  return k.node.api.get<Deployment>("Deployment", k.namespace, t.name);
}

async function subcommand(k: KubectlContext, sub: string, t: Target): Promise<string | undefined> {
  const label = `${kindQualifier(t.type)}/${t.name}`;
  const isDeployment = t.type.kind === "Deployment";
  if ((t.type.kind === "DaemonSet" || t.type.kind === "StatefulSet") && sub !== "pause" && sub !== "resume")
    return daemonSetSubcommand(k, sub, t, label);
  switch (sub) {
    case "history": {
      if (!isDeployment)
        throw new RolloutError(`error: no history viewer has been implemented for "${groupKind(t.type)}"`);
      return history(k, getDeployment(k, t), label);
    }
    case "undo": {
      if (!isDeployment)
        throw new RolloutError(`error: no rollbacker has been implemented for "${groupKind(t.type)}"`);
      return `${label} ${undo(k, getDeployment(k, t))}\n`;
    }
    case "restart": {
      if (!isDeployment)
        throw new RolloutError(`error: ${groupResource(t.type)} "${t.name}" restarting is not supported`);
      const d = getDeployment(k, t);
      if (d.spec?.paused)
        throw new RolloutError(
          `error: ${groupResource(t.type)} "${t.name}" can't restart paused deployment (run rollout resume first)`,
        );
      const at = rfc3339(k.node.clock.wallMs());
      const template = structuredClone(d.spec!.template);
      template.metadata ??= {};
      // a second restart within the same second makes no patch
      if (template.metadata.annotations?.[RESTARTED_AT_ANNOTATION] === at)
        throw new RolloutError(
          `error: failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
        );
      template.metadata.annotations = {
        ...(template.metadata.annotations ?? {}),
        [RESTARTED_AT_ANNOTATION]: at,
      };
      k.node.api.update("Deployment", { ...d, spec: { ...d.spec!, template } } as Deployment & KubeObject);
      return `${label} restarted\n`;
    }
    case "pause":
    case "resume": {
      const pause = sub === "pause";
      if (!isDeployment)
        throw new RolloutError(
          `error: ${groupResource(t.type)} "${t.name}" ${pause ? "pausing" : "resuming"} is not supported`,
        );
      const d = getDeployment(k, t);
      if (pause === !!d.spec?.paused)
        throw new RolloutError(
          `error: ${groupResource(t.type)} "${t.name}" ${pause ? "is already paused" : "is not paused"}`,
        );
      const spec = { ...d.spec! };
      if (pause) spec.paused = true;
      else delete spec.paused;
      k.node.api.update("Deployment", { ...d, spec } as Deployment & KubeObject);
      return `${label} ${pause ? "paused" : "resumed"}\n`;
    }
  }
  return undefined;
}

/** history, undo and restart of a DaemonSet or StatefulSet (pause and resume are not supported for them). */
function daemonSetSubcommand(k: KubectlContext, sub: string, t: Target, label: string): string | undefined {
  const kind = t.type.kind as "DaemonSet" | "StatefulSet";
  const ds = k.node.api.get<DaemonSet>(kind, k.namespace, t.name);
  try {
    // both history viewers print the owned ControllerRevisions the same way
    if (sub === "history") return daemonSetHistory(k, ds, label, k.flags.int("revision") ?? 0);
    const toRevision = k.flags.int("to-revision") ?? 0;
    const dry = k.flags.str("dry-run") === "client";
    if (sub === "undo" && kind === "StatefulSet")
      return `${label} ${statefulSetUndo(k, ds as StatefulSet, toRevision, dry)}\n`;
    if (sub === "undo") return `${label} ${daemonSetUndo(k, ds, toRevision, dry)}\n`;
  } catch (e) {
    // the viewers' own errors; the API server's go through apiErrorText
    if (e instanceof Error && e.message.startsWith("error: ")) throw new RolloutError(e.message);
    throw e;
  }
  if (sub !== "restart") return undefined;
  const at = rfc3339(k.node.clock.wallMs());
  const template = structuredClone(ds.spec!.template);
  template.metadata ??= {};
  if (template.metadata.annotations?.[RESTARTED_AT_ANNOTATION] === at)
    throw new RolloutError(
      `error: failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    );
  template.metadata.annotations = { ...(template.metadata.annotations ?? {}), [RESTARTED_AT_ANNOTATION]: at };
  k.node.api.update(kind, { ...ds, spec: { ...ds.spec!, template } } as DaemonSet & KubeObject);
  return `${label} restarted\n`;
}

function ownedReplicaSets(k: KubectlContext, d: Deployment): ReplicaSet[] {
  const { newRS, oldRSs } = replicaSetsOf(
    d,
    apiList<ReplicaSet>(k.node, "ReplicaSet", { namespace: d.metadata?.namespace }),
  );
  return newRS ? [...oldRSs, newRS] : oldRSs;
}

/** DeploymentHistoryViewer.ViewHistory, printed behind the NamePrinter's `deployment.apps/NAME`. */
function history(k: KubectlContext, d: Deployment, label: string): string {
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of ownedReplicaSets(k, d)) {
    if (rs.metadata?.annotations?.[REVISION_ANNOTATION] === undefined) continue;
    byRevision.set(revisionOf(rs), rs);
  }
  const revision = k.flags.int("revision") ?? 0;
  let info: string;
  if (byRevision.size === 0) info = "No rollout history found.";
  else if (revision > 0) {
    const rs = byRevision.get(revision);
    if (!rs) throw new RolloutError("error: unable to find the specified revision");
    const template = structuredClone(rs.spec?.template ?? {});
    const cause = rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (cause) {
      template.metadata ??= {};
      template.metadata.annotations = {
        ...(template.metadata.annotations ?? {}),
        [CHANGE_CAUSE_ANNOTATION]: cause,
      };
    }
    // printTemplate: DescribePodTemplate straight into the buffer, tabs left as they are
    const w = new PrefixWriter();
    describePodTemplate(template, w);
    info = w.text;
  } else {
    const rows = ["REVISION\tCHANGE-CAUSE\n"];
    for (const r of [...byRevision.keys()].sort((a, b) => a - b)) {
      const cause = byRevision.get(r)?.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
      rows.push(`${r}\t${cause || "<none>"}\n`);
    }
    info = goTabwrite(rows.join(""), 0, 2);
  }
  const withRevision = revision > 0 ? `with revision #${revision}` : "";
  return `${label} ${withRevision}\n${info}\n`;
}

/** DeploymentRollbacker.Rollback: the chosen revision's template (without its hash) and annotations. */
function undo(k: KubectlContext, d: Deployment): string {
  const toRevision = k.flags.int("to-revision") ?? 0;
  if (d.spec?.paused)
    throw new RolloutError(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  let target: ReplicaSet | undefined;
  let latest = -1;
  let previous = -1;
  let latestRS: ReplicaSet | undefined;
  for (const rs of ownedReplicaSets(k, d)) {
    if (rs.metadata?.annotations?.[REVISION_ANNOTATION] === undefined) continue;
    const v = revisionOf(rs);
    if (toRevision === 0) {
      if (latest < v) {
        previous = latest;
        target = latestRS;
        latest = v;
        latestRS = rs;
      } else if (previous < v) {
        previous = v;
        target = rs;
      }
    } else if (toRevision === v) {
      target = rs;
      break;
    }
  }
  if (!target) {
    if (toRevision > 0)
      throw new RolloutError(`error: unable to find specified revision ${toRevision} in history`);
    throw new RolloutError(`error: no rollout history found for deployment "${d.metadata?.name}"`);
  }
  if (equalIgnoreHash(target.spec?.template, d.spec?.template))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = structuredClone(target.spec?.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  template.metadata = { ...(template.metadata ?? {}), labels };
  const annotations: Record<string, string> = {};
  for (const [key, v] of Object.entries(d.metadata?.annotations ?? {}))
    if (skipCopyAnnotation(key)) annotations[key] = v;
  for (const [key, v] of Object.entries(target.metadata?.annotations ?? {}))
    if (!skipCopyAnnotation(key)) annotations[key] = v;
  if (k.flags.str("dry-run") === "client") return "rolled back (dry run)";
  k.node.api.update("Deployment", {
    ...d,
    metadata: { ...d.metadata, annotations },
    spec: { ...d.spec!, template },
  } as Deployment & KubeObject);
  return "rolled back";
}

/** DeploymentStatusViewer.Status: the line to print, whether the rollout is done, or its failure. */
export function deploymentStatusLine(
  d: Deployment,
  revision: number,
): { text: string; done: boolean; error?: string } {
  const name = d.metadata?.name ?? "";
  if (revision > 0) {
    const current = revisionOf(d);
    if (revision !== current)
      return {
        text: "",
        done: false,
        error: `desired revision (${revision}) is different from the running revision (${current})`,
      };
  }
  const st = d.status ?? {};
  if ((d.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    if (getCondition(st.conditions, "Progressing")?.reason === TIMED_OUT_REASON)
      return { text: "", done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const want = d.spec?.replicas;
    const updated = st.updatedReplicas ?? 0;
    if (want !== undefined && updated < want)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`,
        done: false,
      };
    if ((st.replicas ?? 0) > updated)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
        done: false,
      };
    if ((st.availableReplicas ?? 0) < updated)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { text: "Waiting for deployment spec update to be observed...\n", done: false };
}

/** `rollout status`: one line per watch event on the Deployment until it is rolled out (or fails). */
async function status(k: KubectlContext, t: Target, out: Output): Promise<CommandResult> {
  const kind = t.type.kind;
  if (kind !== "Deployment" && kind !== "DaemonSet" && kind !== "StatefulSet")
    return out.err(`error: no status viewer has been implemented for ${groupKind(t.type)}`).result(1);
  try {
    k.node.api.get(kind, k.namespace, t.name);
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  const revision = k.flags.int("revision") ?? 0;
  const watch = k.flags.has("watch") ? k.flags.bool("watch") : true;
  const timeoutText = k.flags.str("timeout");
  const timeoutMs = timeoutText === undefined ? 0 : parseDuration(timeoutText);
  if (timeoutMs === undefined)
    return out
      .err(
        `error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
      )
      .result(1);
  let finished: { code: number; error?: string } | undefined;
  const show = (obj: Deployment | DaemonSet | StatefulSet) => {
    if (finished) return;
    const s =
      kind === "DaemonSet"
        ? daemonSetStatusLine(obj as DaemonSet)
        : kind === "StatefulSet"
          ? statefulSetStatusLine(obj as StatefulSet)
          : deploymentStatusLine(obj as Deployment, revision);
    if (s.error) {
      finished = { code: 1, error: `error: ${s.error}` };
      return;
    }
    out.out(s.text);
    if (s.done || !watch) finished = { code: 0 };
  };
  // UntilWithSync: the initial list arrives as an ADDED event, then every change
  const stop = k.node.api.watch<Deployment | DaemonSet | StatefulSet>(
    kind,
    { namespace: k.namespace },
    (e) => {
      if (e.object.metadata?.name !== t.name || finished) return;
      if (e.type === "DELETED") finished = { code: 1, error: "error: object has been deleted" };
      else show(e.object);
    },
  );
  const clock = k.node.clock;
  const deadline = clock.now() + (timeoutMs > 0 ? timeoutMs : STATUS_CAP_MS);
  try {
    // the watch reports each change as the node's clock runs, in small steps
    while (!finished && clock.now() < deadline) clock.advance(Math.min(250, deadline - clock.now()));
  } finally {
    stop();
  }
  return finishStatus(out, finished ?? { code: 1, error: "error: timed out waiting for the condition" });
}

function finishStatus(out: Output, f: { code: number; error?: string }): CommandResult {
  if (f.error) out.err(f.error);
  return out.result(f.code);
}
