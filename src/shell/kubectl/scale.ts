// k8s: staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go — `kubectl scale deployment/X --replicas=N`
// through the scale subresource: spec.replicas changes, the controllers do the rest.
import type { KubeObject } from "../../sim/apiserver/types";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, byName, type KubectlContext } from "./common";
import type { FlagSpec } from "./flags";
import { parseManifests, readSources } from "./manifest";
import { kindQualifier, type ResourceType, resourceArgs } from "./resources";

export const SCALE_FLAGS: FlagSpec[] = [
  { name: "replicas", type: "int" },
  { name: "current-replicas", type: "int" },
  { name: "resource-version", type: "string" },
  { name: "timeout", type: "string" },
  { name: "selector", short: "l", type: "string" },
  { name: "all", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
  { name: "output", short: "o", type: "string" },
  { name: "dry-run", type: "string" },
];

/** Kinds with a scale subresource among those the simulator stores. */
const SCALABLE = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export async function runScale(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  if (!k.flags.has("replicas")) return out.err(`error: required flag(s) "replicas" not set`).result(1);
  const replicas = k.flags.int("replicas") ?? -1;
  if (replicas < 0)
    return out
      .err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
      .result(1);
  const targets: { type: ResourceType; name: string; namespace?: string }[] = [];
  const files = k.flags.list("filename");
  if (files.length > 0) {
    for (const { text, source } of readSources(k.node, files, k.stdin))
      for (const m of parseManifests(text, source)) {
        if (m instanceof Error) return out.err(m.message).result(1);
        targets.push({
          type: m.type,
          name: m.obj.metadata?.name ?? "",
          namespace: m.obj.metadata?.namespace,
        });
      }
  } else {
    const refs = resourceArgs(k.flags.args);
    if ("error" in refs) return out.err(refs.error).result(1);
    if (refs.length === 0) return out.err(NO_RESOURCES).result(1);
    for (const ref of refs) {
      if (ref.names.length > 0) {
        for (const name of ref.names) targets.push({ type: ref.type, name });
        continue;
      }
      if (!k.flags.bool("all") && !k.flags.str("selector"))
        return out.err("error: resource(s) were provided, but no name was specified").result(1);
      const objs = k.node.api
        .list(ref.type.kind, { namespace: k.namespace, labelSelector: k.flags.str("selector") })
        .sort(byName);
      for (const o of objs) targets.push({ type: ref.type, name: o.metadata?.name ?? "" });
    }
  }
  const dry = k.flags.str("dry-run");
  let code = 0;
  for (const t of targets) {
    const ns = t.namespace || k.namespace;
    if (!SCALABLE.has(t.type.kind)) {
      out.err("Error from server (NotFound): the server could not find the requested resource");
      code = 1;
      continue;
    }
    try {
      const obj = k.node.api.get<KubeObject>(t.type.kind, ns, t.name);
      const spec = (obj.spec ?? {}) as { replicas?: number };
      const current = k.flags.int("current-replicas") ?? -1;
      if (current !== -1 && (spec.replicas ?? 0) !== current) {
        out.err(`error: Expected replicas to be ${current}, was ${spec.replicas ?? 0}`);
        code = 1;
        continue;
      }
      if (dry !== "client") k.node.api.update(t.type.kind, { ...obj, spec: { ...spec, replicas } });
      const label = `${kindQualifier(t.type)}/${t.name}`;
      out.out(
        k.flags.str("output") === "name"
          ? `${label}\n`
          : `${label} scaled${dry === "client" ? " (dry run)" : ""}\n`,
      );
    } catch (e) {
      out.err(apiErrorText(e));
      code = 1;
    }
  }
  return out.result(code);
}
