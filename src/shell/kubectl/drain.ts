// k8s: staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go + pkg/drain/{drain,filters,cordon}.go —
// `kubectl cordon`, `uncordon` and `drain`: cordon first, sort the node's pods through the filters
// (DaemonSet, mirror, emptyDir, no controller), then evict each (the pods/eviction subresource, retried
// every 5 s while a PodDisruptionBudget refuses) and poll every second until it is gone. Real kubectl waits in wall time; here the node's virtual clock
// runs while it waits.

import type { Node, Pod } from "kubernetes-types/core/v1";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { ApiError, type KubeObject } from "../../sim/apiserver/types";
import { goDuration, parseDuration } from "../../sim/clock/time";
import { Deferred } from "../../sim/task";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, apiList, type KubectlContext } from "./common";
import type { FlagSpec } from "./flags";

export const CORDON_FLAGS: FlagSpec[] = [
  { name: "dry-run", type: "string" },
  { name: "selector", short: "l", type: "string" },
];

export const DRAIN_FLAGS: FlagSpec[] = [
  ...CORDON_FLAGS,
  { name: "force", type: "bool" },
  { name: "ignore-daemonsets", type: "bool" },
  { name: "delete-local-data", type: "bool" },
  { name: "delete-emptydir-data", type: "bool" },
  { name: "grace-period", type: "int" },
  { name: "timeout", type: "string" },
  { name: "pod-selector", type: "string" },
  { name: "disable-eviction", type: "bool" },
  { name: "skip-wait-for-delete-timeout", type: "int" },
  { name: "chunk-size", type: "int" },
];

// pkg/drain/filters.go
const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";
const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

/** The waitForDelete poll interval. */
const POLL_MS = 1000;
/** evictPods: a refused eviction (429) is tried again after 5 s. */
const EVICTION_RETRY_MS = 5000;
/** Without --timeout kubectl waits for ever; the simulator stops after this much virtual time. */
const WAIT_CAP_MS = 30 * 60_000;

type DryRun = "none" | "client" | "server";

interface PodDeleteStatus {
  delete: boolean;
  reason: "Okay" | "Skip" | "Warning" | "Error";
  message?: string;
}

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  gracePeriodSeconds: number;
  timeoutMs: number;
  podSelector?: string;
  disableEviction: boolean;
  skipWaitForDeleteTimeoutSeconds: number;
  dryRun: DryRun;
}

/** A Go-style aggregate error: one message, or `[a, b]` for several (utilerrors.NewAggregate). */
class Aggregate {
  constructor(readonly errors: string[]) {}
  get message(): string {
    const uniq = [...new Set(this.errors)];
    return uniq.length === 1 ? uniq[0] : `[${uniq.join(", ")}]`;
  }
}

/** A plain error (not an aggregate): CheckErr prints it with `error: `. */
class PlainError {
  constructor(readonly message: string) {}
}

/** The simulator stopped a wait that real kubectl would carry on with (it said so already). */
class Abandoned extends PlainError {}

type DrainError = Aggregate | PlainError;

const ok: PodDeleteStatus = { delete: true, reason: "Okay" };
const skip: PodDeleteStatus = { delete: false, reason: "Skip" };
const warning = (del: boolean, message: string): PodDeleteStatus => ({
  delete: del,
  reason: "Warning",
  message,
});
const fatal = (message: string): PodDeleteStatus => ({ delete: false, reason: "Error", message });

function controllerOf(pod: Pod): OwnerReference | undefined {
  return pod.metadata?.ownerReferences?.find((r) => r.controller === true);
}

const finished = (pod: Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
const podKey = (p: Pod) => `${p.metadata?.namespace}/${p.metadata?.name}`;

/** cordon.go + RunCordonOrUncordon: `node/NAME cordoned`, `already cordoned`, with the dry-run suffix. */
function cordonOrUncordon(
  k: KubectlContext,
  nodes: Node[],
  desired: boolean,
  dry: DryRun,
  out: Output,
): void {
  const verb = desired ? "cordon" : "uncordon";
  const suffix = dryRunSuffix(dry);
  for (const node of nodes) {
    const name = node.metadata?.name ?? "";
    if (Boolean(node.spec?.unschedulable) === desired) {
      out.out(`node/${name} already ${verb}ed${suffix}\n`);
      continue;
    }
    if (dry === "none") {
      try {
        const fresh = k.node.api.get<Node>("Node", undefined, name);
        k.node.api.update("Node", {
          ...fresh,
          spec: { ...fresh.spec, unschedulable: desired ? true : undefined },
        } as unknown as KubeObject);
      } catch (e) {
        out.err(`error: unable to ${verb} node "${name}": ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
    }
    out.out(`node/${name} ${verb}ed${suffix}\n`);
  }
}

function dryRunSuffix(dry: DryRun): string {
  return dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
}

/** Complete(): the nodes named (node/NAME accepted) or chosen by --selector, in the API's words on failure. */
function resolveNodes(k: KubectlContext, out: Output): { nodes: Node[]; dry: DryRun } | CommandResult {
  const args = k.flags.args;
  const selector = k.flags.str("selector");
  if (args.length === 0 && selector === undefined)
    return out
      .err(`error: USAGE: ${k.verb} NODE [flags]\nSee 'kubectl ${k.verb} -h' for help and examples`)
      .result(1);
  if (args.length > 0 && selector)
    return out
      .err(
        `error: cannot specify both a node name and a --selector option\nSee 'kubectl ${k.verb} -h' for help and examples`,
      )
      .result(1);
  const dryText = k.flags.str("dry-run") ?? "none";
  if (!["none", "client", "server"].includes(dryText))
    return out
      .err(`error: Invalid dry-run value (${dryText}). Must be "none", "server", or "client".`)
      .result(1);
  const nodes: Node[] = [];
  if (args.length > 0) {
    for (const a of args) {
      const name = a.replace(/^(nodes?|no)\//, "");
      try {
        nodes.push(k.node.api.get<Node>("Node", undefined, name));
      } catch (e) {
        return out.err(apiErrorText(e)).result(1);
      }
    }
  } else {
    try {
      nodes.push(...apiList<Node>(k.node, "Node", { labelSelector: selector }));
    } catch (e) {
      return out.err(apiErrorText(e)).result(1);
    }
  }
  return { nodes, dry: dryText as DryRun };
}

/** kubectl cordon / uncordon NODE. */
export async function runCordon(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const r = resolveNodes(k, out);
  if ("code" in r) return r;
  cordonOrUncordon(k, r.nodes, k.verb === "cordon", r.dry, out);
  return out.result(0);
}

/** kubectl drain NODE: cordon, evict (or delete) what the filters allow, wait until it is gone. */
export async function runDrain(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  // pflag announces a deprecated flag as it parses it
  if (k.flags.has("delete-local-data"))
    out.err(
      "Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.",
    );
  const timeoutText = k.flags.str("timeout") ?? "0s";
  const timeoutMs = parseGoDuration(timeoutText);
  if (typeof timeoutMs === "string")
    return out
      .err(
        `error: invalid argument "${timeoutText}" for "--timeout" flag: ${timeoutMs}\nSee 'kubectl drain --help' for usage.`,
      )
      .result(1);
  const r = resolveNodes(k, out);
  if ("code" in r) return r;
  const podSelector = k.flags.str("pod-selector");
  if (podSelector) {
    try {
      k.node.api.list("Pod", { labelSelector: podSelector, namespace: "default" });
    } catch {
      return out.err("error: --pod-selector=<pod_selector> must be a valid label selector").result(1);
    }
  }
  const opts: DrainOptions = {
    force: k.flags.bool("force"),
    ignoreDaemonSets: k.flags.bool("ignore-daemonsets"),
    deleteEmptyDirData: k.flags.bool("delete-emptydir-data") || k.flags.bool("delete-local-data"),
    gracePeriodSeconds: k.flags.int("grace-period") ?? -1,
    timeoutMs,
    podSelector,
    disableEviction: k.flags.bool("disable-eviction"),
    skipWaitForDeleteTimeoutSeconds: k.flags.int("skip-wait-for-delete-timeout") ?? 0,
    dryRun: r.dry,
  };
  cordonOrUncordon(k, r.nodes, true, r.dry, out);

  const fatals: DrainError[] = [];
  const remaining: string[] = [];
  for (const node of r.nodes) {
    const name = node.metadata?.name ?? "";
    const err = await deleteOrEvictPodsSimple(k, name, opts, out);
    if (err instanceof Abandoned) return out.result(1);
    if (!err) {
      out.out(`node/${name} drained${dryRunSuffix(r.dry)}\n`);
      continue;
    }
    out.err(`error: unable to drain node "${name}" due to error: ${err.message}, continuing command...`);
    fatals.push(err);
    remaining.push(name);
  }
  if (remaining.length === 0) return out.result(0);
  out.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join("")}`);
  // cmdutil.CheckErr: an aggregate of one is unwrapped; an aggregate prints one line per error,
  // anything else gets the `error: ` prefix.
  const last = fatals.length === 1 ? fatals[0] : new Aggregate(fatals.map((f) => f.message));
  if (last instanceof Aggregate) out.err(last.errors.map((e) => `${e}\n`).join(""));
  else out.err(last.message.startsWith("error: ") ? last.message : `error: ${last.message}`);
  return out.result(1);
}

/** GetPodsForDeletion: the pods bound to the node, each through the filters; errors grouped by message. */
function podsForDeletion(
  k: KubectlContext,
  nodeName: string,
  opts: DrainOptions,
): { items: { pod: Pod; status: PodDeleteStatus }[]; errors?: Aggregate } {
  const pods = apiList<Pod>(k.node, "Pod", {
    fieldSelector: `spec.nodeName=${nodeName}`,
    labelSelector: opts.podSelector || undefined,
  });
  const filters = [
    (p: Pod) => skipDeletedFilter(k, p, opts),
    (p: Pod) => daemonSetFilter(k, p, opts),
    mirrorPodFilter,
    (p: Pod) => localStorageFilter(p, opts),
    (p: Pod) => unreplicatedFilter(p, opts),
  ];
  const items = pods.map((pod) => {
    let status: PodDeleteStatus = ok;
    for (const f of filters) {
      status = f(pod);
      if (!status.delete) break;
    }
    return { pod, status };
  });
  const failed = new Map<string, string[]>();
  for (const { pod, status } of items)
    if (status.reason === "Error") {
      const msg = status.message || "unexpected error";
      failed.set(msg, [...(failed.get(msg) ?? []), podKey(pod)]);
    }
  if (failed.size === 0) return { items };
  const errors = [...failed].map(([msg, keys]) =>
    msg.toLowerCase().startsWith("cannot delete")
      ? `${msg}: ${keys.join(", ")}`
      : `cannot delete ${msg}: ${keys.join(", ")}`,
  );
  return { items, errors: new Aggregate(errors) };
}

/** PodDeleteList.Warnings(): `message: ns/a, ns/b`, joined by `; `. */
function warningsOf(items: { pod: Pod; status: PodDeleteStatus }[]): string {
  const byMsg = new Map<string, string[]>();
  for (const { pod, status } of items)
    if (status.reason === "Warning") {
      const msg = status.message ?? "";
      byMsg.set(msg, [...(byMsg.get(msg) ?? []), podKey(pod)]);
    }
  return [...byMsg].map(([msg, keys]) => `${msg}: ${keys.join(", ")}`).join("; ");
}

function shouldSkipPod(k: KubectlContext, pod: Pod, seconds: number): boolean {
  const ts = pod.metadata?.deletionTimestamp;
  return seconds > 0 && !!ts && Math.trunc((k.node.clock.wallMs() - Date.parse(ts)) / 1000) > seconds;
}

function skipDeletedFilter(k: KubectlContext, pod: Pod, opts: DrainOptions): PodDeleteStatus {
  return shouldSkipPod(k, pod, opts.skipWaitForDeleteTimeoutSeconds) ? skip : ok;
}

/** DaemonSet pods stay (the controller ignores cordons); an orphan whose DaemonSet is gone goes only with --force. */
function daemonSetFilter(k: KubectlContext, pod: Pod, opts: DrainOptions): PodDeleteStatus {
  const ref = controllerOf(pod);
  if (ref?.kind !== "DaemonSet") return ok;
  if (finished(pod)) return ok;
  const lookup = daemonSetLookup(k, pod.metadata?.namespace ?? "default", ref.name);
  if (lookup) {
    // remove orphaned pods with a warning if --force is used
    if (opts.force) return warning(true, lookup);
    return fatal(lookup);
  }
  if (!opts.ignoreDaemonSets) return fatal(DAEMONSET_FATAL);
  return warning(false, DAEMONSET_WARNING);
}

/** The DaemonSets GET: an error text, or undefined when the DaemonSet exists. */
function daemonSetLookup(k: KubectlContext, namespace: string, name: string): string | undefined {
  return k.node.api.tryGet("DaemonSet", namespace, name) ? undefined : `daemonsets.apps "${name}" not found`;
}

function mirrorPodFilter(pod: Pod): PodDeleteStatus {
  return pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined ? skip : ok;
}

function localStorageFilter(pod: Pod, opts: DrainOptions): PodDeleteStatus {
  if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined)) return ok;
  if (finished(pod)) return ok;
  if (!opts.deleteEmptyDirData) return fatal(LOCAL_STORAGE_FATAL);
  return warning(true, LOCAL_STORAGE_WARNING);
}

function unreplicatedFilter(pod: Pod, opts: DrainOptions): PodDeleteStatus {
  if (finished(pod)) return ok;
  if (controllerOf(pod)) return ok;
  if (opts.force) return warning(true, UNMANAGED_WARNING);
  return fatal(UNMANAGED_FATAL);
}

/** deleteOrEvictPodsSimple: undefined when the node's pods are gone (or there were none to move). */
async function deleteOrEvictPodsSimple(
  k: KubectlContext,
  nodeName: string,
  opts: DrainOptions,
  out: Output,
): Promise<DrainError | undefined> {
  const list = podsForDeletion(k, nodeName, opts);
  if (list.errors) return list.errors;
  const warnings = warningsOf(list.items);
  if (warnings) out.err(`${k.color ? "\x1b[33;1mWarning:\x1b[0m" : "Warning:"} ${warnings}`);
  const pods = list.items.filter((i) => i.status.delete).map((i) => i.pod);
  if (opts.dryRun === "client") {
    for (const p of pods) out.out(`evicting pod ${podKey(p)} (dry run)\n`);
    return undefined;
  }
  const err = await deleteOrEvictPods(k, pods, opts, out);
  if (!err || err instanceof Abandoned) return err;
  const pending = podsForDeletion(k, nodeName, opts);
  const left = pending.items.filter((i) => i.status.delete).map((i) => i.pod);
  if (left.length > 0) {
    out.err(`There are pending pods in node "${nodeName}" when an error occurred: ${err.message}`);
    for (const p of left) out.err(`pod/${p.metadata?.name}`);
  }
  if (pending.errors)
    out.err(`Following errors occurred while getting the list of pods to delete:\n${pending.errors.message}`);
  return err;
}

/** DeleteOrEvictPods: the eviction API (policy/v1), or plain DELETEs with --disable-eviction. */
async function deleteOrEvictPods(
  k: KubectlContext,
  pods: Pod[],
  opts: DrainOptions,
  out: Output,
): Promise<DrainError | undefined> {
  if (pods.length === 0) return undefined;
  const api = k.node.api;
  const deleteOptions = opts.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {};
  const evicting = !opts.disableEviction && api.evict !== undefined;
  if (evicting && opts.dryRun !== "server") return evictPods(k, pods, opts, deleteOptions, out);
  const errors: string[] = [];
  const waiting: Pod[] = [];
  for (const pod of pods) {
    const ns = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    if (evicting) {
      if (opts.dryRun === "server") {
        out.out(`evicting pod ${ns}/${name} (server dry run)\n`);
        continue;
      }
      out.out(`evicting pod ${ns}/${name}\n`);
    }
    try {
      if (evicting) api.evict!(ns, name, deleteOptions);
      else if (opts.dryRun !== "server") api.delete("Pod", ns, name, deleteOptions);
      waiting.push(pod);
    } catch (e) {
      if (e instanceof ApiError && e.reason === "NotFound") continue;
      const why = e instanceof Error ? e.message : String(e);
      if (!evicting) return new PlainError(why);
      errors.push(`error when evicting pods/"${name}" -n "${ns}": ${why}`);
    }
  }
  if (opts.dryRun === "server") return errors.length > 0 ? new Aggregate(errors) : undefined;
  const verb = evicting ? "evicted" : "deleted";
  const gone = (p: Pod) => {
    const now = api.tryGet<Pod>("Pod", p.metadata?.namespace, p.metadata?.name ?? "");
    return !now || now.metadata?.uid !== p.metadata?.uid;
  };
  const clock = k.node.clock;
  const start = clock.now();
  let pending = waiting;
  // wait.PollImmediate: look at once, then every second
  for (;;) {
    const still: Pod[] = [];
    for (const p of pending) {
      if (gone(p)) out.out(`pod/${p.metadata?.name} ${verb}\n`);
      else {
        const fresh = api.tryGet<Pod>("Pod", p.metadata?.namespace, p.metadata?.name ?? "");
        if (fresh && shouldSkipPod(k, fresh, opts.skipWaitForDeleteTimeoutSeconds)) {
          out.out(
            `pod "${p.metadata?.name}" has DeletionTimestamp older than ${opts.skipWaitForDeleteTimeoutSeconds} seconds, skipping\n`,
          );
          continue;
        }
        still.push(p);
      }
    }
    pending = still;
    if (pending.length === 0) break;
    const waited = clock.now() - start;
    if (opts.timeoutMs > 0 && waited >= opts.timeoutMs) {
      const reached = `global timeout reached: ${goDuration(opts.timeoutMs)}`;
      // the eviction path reports each pod's wait; plain deletes poll until PollImmediate's own timeout
      if (!evicting) return new PlainError("timed out waiting for the condition");
      for (const p of pending)
        errors.push(
          `error when waiting for pod "${p.metadata?.name}" in namespace "${p.metadata?.namespace}" to terminate: ${reached}`,
        );
      break;
    }
    if (waited >= WAIT_CAP_MS) {
      out.err(
        `k8s-node-sim: stopped waiting after ${goDuration(WAIT_CAP_MS)} of virtual time (kubectl drain without --timeout waits as long as it takes)`,
      );
      return new Abandoned("");
    }
    await sleep(k, POLL_MS);
  }
  return errors.length > 0 ? new Aggregate(errors) : undefined;
}

/** One pod's goroutine in evictPods: evicting (retried while the budget says no), then waiting for it to go. */
interface EvictionWorker {
  pod: Pod;
  phase: "evict" | "wait" | "done";
  /** Virtual time of its next step. */
  at: number;
}

/**
 * evictPods: one goroutine per pod, all at once. Each prints `evicting pod ns/name` and asks the
 * eviction subresource; a 429 (the pod's disruption budget allows no disruption now) is reported and
 * retried after 5 s until the global --timeout; once accepted, the pod is polled every second until it
 * is gone. The goroutines run here in pod order on the virtual clock.
 */
async function evictPods(
  k: KubectlContext,
  pods: Pod[],
  opts: DrainOptions,
  deleteOptions: { gracePeriodSeconds?: number },
  out: Output,
): Promise<DrainError | undefined> {
  const api = k.node.api;
  const clock = k.node.clock;
  const start = clock.now();
  const reached = `global timeout reached: ${goDuration(opts.timeoutMs)}`;
  const timedOut = (now: number) => opts.timeoutMs > 0 && now - start >= opts.timeoutMs;
  const errors: string[] = [];
  const workers: EvictionWorker[] = pods.map((pod) => ({ pod, phase: "evict", at: start }));
  for (;;) {
    const now = clock.now();
    for (const w of workers) {
      if (w.phase === "done" || w.at > now) continue;
      const ns = w.pod.metadata?.namespace ?? "default";
      const name = w.pod.metadata?.name ?? "";
      if (w.phase === "evict") {
        out.out(`evicting pod ${ns}/${name}\n`);
        if (timedOut(now)) {
          errors.push(`error when evicting pods/"${name}" -n "${ns}": ${reached}`);
          w.phase = "done";
          continue;
        }
        try {
          api.evict!(ns, name, deleteOptions);
          // waitForDelete: wait.PollImmediate, every second
          w.phase = "wait";
        } catch (e) {
          if (e instanceof ApiError && e.reason === "NotFound") w.phase = "done";
          else if (e instanceof ApiError && e.code === 429) {
            out.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${e.message}`);
            w.at = now + EVICTION_RETRY_MS;
          } else {
            errors.push(
              `error when evicting pods/"${name}" -n "${ns}": ${e instanceof Error ? e.message : String(e)}`,
            );
            w.phase = "done";
          }
          continue;
        }
      }
      const fresh = api.tryGet<Pod>("Pod", ns, name);
      if (!fresh || fresh.metadata?.uid !== w.pod.metadata?.uid) {
        out.out(`pod/${name} evicted\n`);
        w.phase = "done";
      } else if (shouldSkipPod(k, fresh, opts.skipWaitForDeleteTimeoutSeconds)) {
        out.out(
          `pod "${name}" has DeletionTimestamp older than ${opts.skipWaitForDeleteTimeoutSeconds} seconds, skipping\n`,
        );
        w.phase = "done";
      } else if (timedOut(now)) {
        errors.push(`error when waiting for pod "${name}" in namespace "${ns}" to terminate: ${reached}`);
        w.phase = "done";
      } else w.at = now + POLL_MS;
    }
    const pending = workers.filter((w) => w.phase !== "done");
    if (pending.length === 0) break;
    if (clock.now() - start >= WAIT_CAP_MS) {
      out.err(
        `k8s-node-sim: stopped waiting after ${goDuration(WAIT_CAP_MS)} of virtual time (kubectl drain without --timeout waits as long as it takes)`,
      );
      return new Abandoned("");
    }
    const next = Math.min(...pending.map((w) => w.at));
    await sleep(k, Math.max(0, next - clock.now()));
  }
  return errors.length > 0 ? new Aggregate(errors) : undefined;
}

/** Let the node run for `ms` of virtual time (real mode: wait while the pump moves the clock). */
function sleep(k: KubectlContext, ms: number): Promise<void> {
  const d = new Deferred<void>();
  k.node.clock.setTimer(ms, () => d.resolve(), "kubectl drain: poll");
  return k.node.settle(d);
}

/** Go's time.ParseDuration as pflag's DurationVar uses it: ms, or the error text. */
function parseGoDuration(text: string): number | string {
  if (/^[+-]?\d+(\.\d+)?$/.test(text) && Number(text) !== 0)
    return `time: missing unit in duration "${text}"`;
  const unit = /[a-zµ]+/i.exec(text.replace(/^[+-]?[\d.]+/, ""))?.[0];
  if (unit && !["ns", "us", "µs", "ms", "s", "m", "h"].includes(unit))
    return `time: unknown unit "${unit}" in duration "${text}"`;
  const ms = parseDuration(text);
  return ms === undefined ? `time: invalid duration "${text}"` : ms;
}
