// k8s: staging/src/k8s.io/kubectl/pkg/cmd/replace/replace.go — `kubectl replace -f FILE` PUTs each
// object whole (`pod/web replaced`); `--force` deletes it, waits until it is gone, and creates it again.
import { dropUnknownFields } from "../../sim/api/fieldSchema";
import type { KubeObject } from "../../sim/apiserver/types";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, type KubectlContext, KubectlError, parseVerbFlags } from "./common";
import { DELETE_FLAGS, runDelete } from "./delete";
import type { FlagSpec } from "./flags";
import { parseManifests, qualifiedName, readSources } from "./manifest";
import { parseOutput, printObjects } from "./output";

export const REPLACE_FLAGS: FlagSpec[] = [
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "force", type: "bool" },
  { name: "grace-period", type: "int" },
  { name: "cascade", type: "string" },
  { name: "wait", type: "bool" },
  { name: "timeout", type: "string" },
  { name: "output", short: "o", type: "string" },
  { name: "dry-run", type: "string" },
  { name: "validate", type: "string" },
  { name: "save-config", type: "bool" },
  { name: "subresource", type: "string" },
  { name: "field-manager", type: "string" },
];

export async function runReplace(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const files = k.flags.list("filename");
  if (files.length === 0)
    return out
      .err("error: must specify --filename to replace\nSee 'kubectl replace -h' for help and examples")
      .result(1);
  const dryRun = k.flags.str("dry-run") ?? "none";
  if (!["none", "client", "server"].includes(dryRun))
    return out
      .err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
      .result(1);
  const force = k.flags.bool("force");
  if (force && dryRun !== "none")
    return out.err("error: --dry-run can not be used when --force is set").result(1);
  const fmt = parseOutput(k.flags.str("output"));
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  let code = 0;
  if (force) {
    // forceReplace: delete what the files name (ignoring the ones already gone), wait, then create
    const args = [...files.flatMap((f) => ["-f", f]), "--ignore-not-found"];
    if (k.flags.has("grace-period")) args.push(`--grace-period=${k.flags.int("grace-period")}`);
    if (k.flags.has("cascade")) args.push(`--cascade=${k.flags.str("cascade")}`);
    if (k.explicitNamespace) args.push("-n", k.namespace);
    const del = await runDelete(parseVerbFlags(k, "delete", DELETE_FLAGS, args));
    out.out(del.stdout).err(del.stderr);
    if (del.code !== 0) return out.result(del.code);
  }
  const print = (obj: KubeObject, qn: string) =>
    fmt.kind === "table" ? `${qn} replaced${suffix}\n` : printObjects([obj], fmt, true);
  for (const { text, source } of readSources(k.node, files, k.stdin)) {
    for (const m of parseManifests(text, source)) {
      if (m instanceof KubectlError) {
        out.err(m.message);
        code = 1;
        continue;
      }
      const obj = dropUnknownFields(m.type.kind, structuredClone(m.obj));
      obj.metadata = { ...(obj.metadata ?? {}) };
      if (m.type.namespaced) obj.metadata.namespace ||= k.namespace;
      else delete obj.metadata.namespace;
      const name = obj.metadata.name ?? "";
      const qn = qualifiedName(m.type, name);
      try {
        if (force) {
          const created = dryRun === "none" ? k.node.api.create<KubeObject>(m.type.kind, obj) : obj;
          out.out(print(created, qn));
          continue;
        }
        const current = k.node.api.get<KubeObject>(m.type.kind, obj.metadata.namespace, name);
        const stored =
          dryRun === "none" ? k.node.api.update<KubeObject>(m.type.kind, obj) : { ...current, ...obj };
        out.out(print(stored, qn));
      } catch (e) {
        out.err(apiErrorText(e, { verb: force ? "creating" : "replacing", from: source }));
        code = 1;
      }
    }
  }
  return out.result(code);
}
