// k8s: staging/src/k8s.io/kubectl/pkg/cmd/wait — `kubectl wait --for=condition=Ready pod/web`,
// `--for=delete`, `--for=jsonpath='{.status.phase}'=Running`. Real kubectl blocks in wall time; here the
// node's virtual clock moves forward until the condition holds or --timeout (default 30s) runs out.
import type { KubeObject } from "../../sim/apiserver/types";
import { parseDuration } from "../../sim/clock/time";
import { evalPath } from "../format/jsonpath";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, type KubectlContext } from "./common";
import { kindQualifier, resourceArgs } from "./resources";

export const WAIT_FLAGS = [
  { name: "for", type: "string" as const },
  { name: "timeout", type: "string" as const },
  { name: "all", type: "bool" as const },
  { name: "selector", short: "l", type: "string" as const },
];

type Want =
  | { kind: "condition"; type: string; status: string }
  | { kind: "delete" }
  | { kind: "jsonpath"; path: string; value: string | undefined };

function parseFor(f: string | undefined): Want | string {
  if (!f) return "error: --for must be set";
  if (f === "delete") return { kind: "delete" };
  const c = /^condition=([^=]+)(?:=(.*))?$/i.exec(f);
  if (c) return { kind: "condition", type: c[1], status: c[2] ?? "True" };
  const j = /^jsonpath=(?:'|")?\{(.+)\}(?:'|")?(?:=(.*))?$/.exec(f);
  if (j) return { kind: "jsonpath", path: j[1].startsWith(".") ? j[1] : `.${j[1]}`, value: j[2] };
  return `error: unrecognized condition: "${f}"`;
}

function met(o: KubeObject | undefined, want: Want): boolean {
  if (want.kind === "delete") return o === undefined;
  if (!o) return false;
  if (want.kind === "condition") {
    const conds = ((o as { status?: { conditions?: { type: string; status: string }[] } }).status
      ?.conditions ?? []) as { type: string; status: string }[];
    return conds.some(
      (c) =>
        c.type.toLowerCase() === want.type.toLowerCase() &&
        c.status.toLowerCase() === want.status.toLowerCase(),
    );
  }
  try {
    const v = evalPath(want.path, o);
    return want.value === undefined ? v.length > 0 : v.some((x) => String(x) === want.value);
  } catch {
    return false;
  }
}

export async function runWait(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const want = parseFor(k.flags.str("for"));
  if (typeof want === "string") return out.err(want).result(1);
  const timeoutText = k.flags.str("timeout") ?? "30s";
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined)
    return out
      .err(
        `error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
      )
      .result(1);
  const refs = resourceArgs(k.flags.args);
  if ("error" in refs) return out.err(refs.error).result(1);
  if (refs.length === 0) return out.err("error: resource name may not be empty").result(1);
  const api = k.node.api;
  const targets: { kind: string; label: string; plural: string; name: string; namespace?: string }[] = [];
  for (const r of refs) {
    const ns = r.type.namespaced ? k.namespace : undefined;
    const names =
      r.names.length > 0
        ? r.names
        : api
            .list<KubeObject>(r.type.kind as never, { namespace: ns, labelSelector: k.flags.str("selector") })
            .map((o) => o.metadata?.name ?? "");
    if (names.length === 0) return out.err("error: no matching resources found").result(1);
    for (const name of names) {
      if (want.kind !== "delete" && !api.tryGet(r.type.kind as never, ns, name)) {
        try {
          api.get(r.type.kind as never, ns, name);
        } catch (e) {
          return out.err(apiErrorText(e)).result(1);
        }
      }
      targets.push({
        kind: r.type.kind,
        label: `${kindQualifier(r.type)}/${name}`,
        plural: r.type.plural,
        name,
        namespace: ns,
      });
    }
  }
  const clock = k.node.clock;
  const deadline = clock.now() + timeoutMs;
  let code = 0;
  for (const t of targets) {
    const get = () => api.tryGet<KubeObject>(t.kind as never, t.namespace, t.name);
    // Let the node run in small steps until the condition holds, as the watch would report it.
    while (!met(get(), want) && clock.now() < deadline) clock.advance(Math.min(250, deadline - clock.now()));
    if (met(get(), want)) out.out(`${t.label} condition met\n`);
    else {
      // the mapping's resource (plural, no group): jobs/pi, deployments/web
      out.err(`error: timed out waiting for the condition on ${t.plural}/${t.name}`);
      code = 1;
    }
  }
  return out.result(code);
}
