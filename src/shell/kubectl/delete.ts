// k8s: staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go — delete, then (--wait=true) wait until
// the object is gone, which for a pod takes its grace period while the kubelet stops containers.
import type { KubeObject } from "../../sim/apiserver/types";
import { Deferred } from "../../sim/task";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, byName, type KubectlContext, KubectlError } from "./common";
import type { FlagSpec } from "./flags";
import { parseManifests, readSources } from "./manifest";
import { type ResourceType, resourceArgs } from "./resources";

export const DELETE_FLAGS: FlagSpec[] = [
  { name: "filename", short: "f", type: "strings" },
  { name: "grace-period", type: "int" },
  { name: "force", type: "bool" },
  { name: "now", type: "bool" },
  { name: "wait", type: "bool" },
  { name: "timeout", type: "string" },
  { name: "selector", short: "l", type: "string" },
  { name: "all", type: "bool" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "ignore-not-found", type: "bool" },
  { name: "output", short: "o", type: "string" },
  { name: "cascade", type: "string" },
];

const NO_ARGS = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** How long kubectl waits (virtual time) before giving up: its default is a week; we stop sooner. */
const WAIT_CAP_MS = 10 * 60_000;

interface Target {
  type: ResourceType;
  namespace?: string;
  name: string;
  source?: string;
  /** The deleted object's uid: one made again under the same name (a `default` ServiceAccount) is not it. */
  uid?: string;
}

export async function runDelete(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  let grace = k.flags.int("grace-period") ?? -1;
  const force = k.flags.bool("force");
  if (k.flags.bool("now")) {
    if (grace !== -1)
      return out.err("error: --now and --grace-period cannot be specified together").result(1);
    grace = 1;
  }
  if (force && grace < 0) grace = 0;
  const outFmt = k.flags.str("output");
  // GetCascadingStrategy: background (default), foreground, orphan; true/false are the old spellings
  const cascade = k.flags.str("cascade") ?? "background";
  const policy = (
    {
      background: "Background",
      true: "Background",
      foreground: "Foreground",
      orphan: "Orphan",
      false: "Orphan",
    } as const
  )[cascade as "background"];
  if (!policy)
    return out
      .err(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`)
      .result(1);
  if (outFmt !== undefined && outFmt !== "name") {
    return out.err(`error: unexpected -o output mode: ${outFmt}. We only support '-o name'`).result(1);
  }
  if (grace > 0 && force)
    return out.err("error: --force and --grace-period greater than 0 cannot be specified together").result(1);
  if (grace === 0 && force) {
    out.err(
      "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.",
    );
  }

  const targets: Target[] = [];
  let code = 0;
  const files = k.flags.list("filename");
  if (files.length > 0) {
    for (const { text, source } of readSources(k.node, files, k.stdin)) {
      for (const m of parseManifests(text, source)) {
        if (m instanceof KubectlError) {
          out.err(m.message);
          code = 1;
          continue;
        }
        const ns = m.type.namespaced ? m.obj.metadata?.namespace || k.namespace : undefined;
        targets.push({ type: m.type, namespace: ns, name: m.obj.metadata?.name ?? "", source });
      }
    }
  } else {
    const refs = resourceArgs(k.flags.args);
    if ("error" in refs) return out.err(refs.error).result(1);
    if (refs.length === 0) return out.err(NO_ARGS).result(1);
    const selector = k.flags.str("selector");
    const allNs = k.flags.bool("all-namespaces");
    for (const ref of refs) {
      const ns = ref.type.namespaced ? (allNs ? undefined : k.namespace) : undefined;
      if (ref.names.length > 0) {
        for (const name of ref.names)
          targets.push({
            type: ref.type,
            namespace: ns ?? (ref.type.namespaced ? k.namespace : undefined),
            name,
          });
      } else if (k.flags.bool("all") || selector) {
        const objs = k.node.api.list(ref.type.kind, { namespace: ns, labelSelector: selector }).sort(byName);
        for (const o of objs)
          targets.push({ type: ref.type, namespace: o.metadata?.namespace, name: o.metadata?.name ?? "" });
      } else {
        return out.err("error: resource(s) were provided, but no name was specified").result(1);
      }
    }
    if (targets.length === 0) {
      out.out("No resources found\n");
      return out.result(code);
    }
  }

  const deleted: Target[] = [];
  for (const t of targets) {
    try {
      const existed = k.node.api.tryGet(t.type.kind, t.namespace, t.name);
      if (!existed) {
        if (k.flags.bool("ignore-not-found")) continue;
        k.node.api.get(t.type.kind, t.namespace, t.name); // throws NotFound in the API server's words
        continue;
      }
      k.node.api.delete(t.type.kind, t.namespace, t.name, {
        ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        propagationPolicy: policy,
      });
      deleted.push({ ...t, uid: existed.metadata?.uid });
      const group = t.type.apiVersion.includes("/") ? `.${t.type.apiVersion.split("/")[0]}` : "";
      const kindString = `${t.type.kind.toLowerCase()}${group}`;
      const op = grace === 0 ? "force deleted" : "deleted";
      // kubectl 1.34 names the namespace of namespaced objects.
      if (outFmt === "name") out.out(`${kindString}/${t.name}\n`);
      else out.out(`${kindString} "${t.name}" ${op}${t.namespace ? ` from ${t.namespace} namespace` : ""}\n`);
    } catch (e) {
      out.err(
        e instanceof KubectlError
          ? e.message
          : apiErrorText(e, t.source ? { verb: "deleting", from: t.source } : undefined),
      );
      code = 1;
    }
  }

  const wait = k.flags.has("wait") ? k.flags.bool("wait") : true;
  if (wait && deleted.length > 0) {
    const gone = await waitGone(k, deleted);
    if (!gone) {
      const t = deleted.find((d) => stillThere(k.node.api, d));
      out.err(`error: timed out waiting for the condition on ${t?.type.plural}/${t?.name}`);
      code = 1;
    }
  }
  return out.result(code);
}

/** kubectl's wait for deletion: the object is gone, or another with a new uid took its name. */
function stillThere(api: KubectlContext["node"]["api"], t: Target): boolean {
  const o = api.tryGet<KubeObject>(t.type.kind, t.namespace, t.name);
  return o !== undefined && (t.uid === undefined || o.metadata?.uid === t.uid);
}

/** Run virtual time until every target has disappeared from the API (or the cap passes). */
async function waitGone(k: KubectlContext, targets: Target[]): Promise<boolean> {
  const api = k.node.api;
  const present = () => targets.some((t) => stillThere(api, t));
  if (!present()) return true;
  const done = new Deferred<boolean>();
  const stops = targets.map((t) =>
    api.watch(t.type.kind, { namespace: t.namespace }, (e) => {
      if (e.type === "DELETED" && !present()) done.resolve(true);
    }),
  );
  const timer = k.node.clock.setTimer(
    WAIT_CAP_MS,
    () => done.resolve(!present()),
    "kubectl delete --wait timeout",
  );
  try {
    return await k.node.settle(done);
  } finally {
    k.node.clock.cancel(timer);
    for (const s of stops) s();
  }
}
