// k8s: kubectl cmd/version, cmd/clusterinfo, cmd/config, cmd/apiresources, cmd/taint and
// cmd/label, cmd/set/set_image — the small verbs, printed as kubectl 1.34 prints them.
import type { Container, Node, Pod, Taint } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../sim/apiserver/types";
import { toYaml } from "../format/objects";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, apiGet, apiTryGet, type KubectlContext } from "./common";
import { renderTable } from "./printers";
import { kindQualifier, RESOURCES, resourceArgs } from "./resources";
import { flushWarnings } from "./warnings";

export const CLIENT_VERSION = "v1.34.1";
export const KUSTOMIZE_VERSION = "v5.7.1";
export const CONTEXT = "kubernetes-admin@kubernetes";

function theNode(k: KubectlContext): Node | undefined {
  return apiTryGet<Node>(k.node, "Node", undefined, k.node.nodeName);
}

export async function runVersion(k: KubectlContext): Promise<CommandResult> {
  const server = theNode(k)?.status?.nodeInfo?.kubeletVersion || CLIENT_VERSION;
  if (k.flags.bool("client"))
    return new Output()
      .out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`)
      .result(0);
  const fmt = k.flags.str("output");
  if (fmt === "json" || fmt === "yaml") {
    const info = (v: string) => ({
      major: "1",
      minor: v.split(".")[1],
      gitVersion: v,
      platform: "linux/amd64",
    });
    const obj = {
      clientVersion: info(CLIENT_VERSION),
      kustomizeVersion: KUSTOMIZE_VERSION,
      serverVersion: info(server),
    };
    return new Output().out(fmt === "json" ? `${JSON.stringify(obj, null, 4)}\n` : toYaml(obj)).result(0);
  }
  return new Output()
    .out(
      `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\nServer Version: ${server}\n`,
    )
    .result(0);
}

export async function runClusterInfo(k: KubectlContext): Promise<CommandResult> {
  const ip = theNode(k)?.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "10.0.0.10";
  const green = (s: string) => (k.color ? `\x1b[0;32m${s}\x1b[0m` : s);
  const yellow = (s: string) => (k.color ? `\x1b[0;33m${s}\x1b[0m` : s);
  return new Output()
    .out(
      `${green("Kubernetes control plane")} is running at ${yellow(`https://${ip}:6443`)}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    )
    .result(0);
}

export async function runConfig(k: KubectlContext): Promise<CommandResult> {
  const [sub] = k.flags.args;
  const out = new Output();
  switch (sub) {
    case "current-context":
      return out.out(`${CONTEXT}\n`).result(0);
    case "get-contexts":
      return out
        .out(
          renderTable([
            ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"],
            ["*", CONTEXT, "kubernetes", "kubernetes-admin", ""],
          ]),
        )
        .result(0);
    case "view":
      return out
        .out(
          `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://10.0.0.10:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: kubernetes-admin\n  name: ${CONTEXT}\ncurrent-context: ${CONTEXT}\nkind: Config\npreferences: {}\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n`,
        )
        .result(0);
    case undefined:
      return out
        .err("error: Required resource not specified.\nSee 'kubectl config -h' for help and examples")
        .result(1);
    default:
      return out.err(`k8s-node-sim: 'kubectl config ${sub}' is not simulated yet`).result(1);
  }
}

export async function runApiResources(k: KubectlContext): Promise<CommandResult> {
  const rows = [["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]];
  const sorted = [...RESOURCES].sort((a, b) => (a.plural < b.plural ? -1 : 1));
  for (const r of sorted) {
    if (k.flags.str("namespaced") !== undefined && String(r.namespaced) !== k.flags.str("namespaced"))
      continue;
    rows.push([r.plural, r.shortNames.join(","), r.apiVersion, String(r.namespaced), r.kind]);
  }
  return new Output().out(renderTable(rows)).result(0);
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** kubectl taint nodes NAME key[=value]:Effect … and key[:Effect]- to remove (cmd/taint). */
export async function runTaint(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const args = [...k.flags.args];
  let kind = args.shift() ?? "";
  let name: string | undefined;
  if (kind.includes("/")) [kind, name] = kind.split("/", 2);
  else name = args.shift();
  if (!["node", "nodes", "no"].includes(kind) || !name)
    return out
      .err("error: at least one resource name must be specified since 'all' parameter is not set")
      .result(1);
  if (args.length === 0) return out.err("error: at least one taint update is required").result(1);
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const spec of args) {
    if (spec.endsWith("-")) {
      const [key, effect] = spec.slice(0, -1).split(":");
      if (effect && !TAINT_EFFECTS.includes(effect))
        return out.err(`error: invalid taint effect: ${effect}, unsupported taint effect`).result(1);
      remove.push({ key: key.split("=")[0], effect });
      continue;
    }
    const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(spec);
    if (!m) return out.err(`error: invalid taint spec: ${spec}`).result(1);
    if (!TAINT_EFFECTS.includes(m[3]))
      return out.err(`error: invalid taint effect: ${m[3]}, unsupported taint effect`).result(1);
    add.push({ key: m[1], ...(m[2] ? { value: m[2] } : {}), effect: m[3] as Taint["effect"] });
  }
  try {
    const node = apiGet<Node>(k.node, "Node", undefined, name);
    let taints = [...(node.spec?.taints ?? [])];
    for (const r of remove) {
      const kept = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
      if (kept.length === taints.length)
        return out
          .err(`error: taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found`)
          .result(1);
      taints = kept;
    }
    for (const a of add) {
      const same = taints.findIndex((t) => t.key === a.key && t.effect === a.effect);
      if (same >= 0 && !k.flags.bool("overwrite"))
        return out
          .err(
            `error: node ${name} already has ${a.key} taint(s) with same effect(s) and --overwrite is false`,
          )
          .result(1);
      if (same >= 0) taints[same] = a;
      else taints.push(a);
    }
    k.node.api.update("Node", {
      ...node,
      spec: { ...node.spec, taints: taints.length ? taints : undefined },
    } as unknown as KubeObject);
    return out.out(`node/${name} ${add.length > 0 ? "tainted" : "untainted"}\n`).result(0);
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
}

/** kubectl label TYPE NAME k=v [k-] [--overwrite]. */
export async function runLabel(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const args = k.flags.args;
  const changes = args.filter((a) => a.includes("=") || a.endsWith("-"));
  const rest = args.filter((a) => !changes.includes(a));
  const refs = resourceArgs(rest);
  if ("error" in refs) return out.err(refs.error).result(1);
  if (refs.length === 0 || changes.length === 0) {
    return out
      .err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>")
      .result(1);
  }
  const dryRun = k.flags.str("dry-run");
  const suffix = dryRun === "server" ? " (server dry run)" : dryRun === "client" ? " (dry run)" : "";
  let code = 0;
  for (const ref of refs) {
    // --all: every object of the type (in the namespace)
    const names = k.flags.bool("all")
      ? k.node.api
          .list<KubeObject>(ref.type.kind, ref.type.namespaced ? { namespace: k.namespace } : {})
          .map((o) => o.metadata?.name ?? "")
      : ref.names;
    for (const name of names) {
      try {
        const ns = ref.type.namespaced ? k.namespace : undefined;
        const obj = k.node.api.get<KubeObject>(ref.type.kind, ns, name);
        const labels = { ...(obj.metadata?.labels ?? {}) };
        for (const c of changes) {
          if (c.endsWith("-") && !c.includes("=")) delete labels[c.slice(0, -1)];
          else {
            const [lk, lv] = c.split("=");
            if (lk in labels && labels[lk] !== lv && !k.flags.bool("overwrite")) {
              throw new Error(`'${lk}' already has a value (${labels[lk]}), and --overwrite is false`);
            }
            labels[lk] = lv;
          }
        }
        const same = JSON.stringify(labels) === JSON.stringify(obj.metadata?.labels ?? {});
        if (!same && dryRun !== "client")
          k.node.api.update(ref.type.kind, { ...obj, metadata: { ...obj.metadata, labels } }, undefined, {
            dryRun: dryRun === "server",
          });
        flushWarnings(k.node.api, out);
        out.out(`${ref.type.singular}/${name} ${same ? "not labeled" : "labeled"}${suffix}\n`);
      } catch (e) {
        flushWarnings(k.node.api, out);
        out.err(apiErrorText(e));
        code = 1;
      }
    }
  }
  return out.result(code);
}

/**
 * kubectl set image pod/NAME CONTAINER=IMAGE… — a pod's images are the one part of its spec that may
 * change in place; the kubelet sees the container's hash change and restarts it with the new image.
 */
export async function runSetImage(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const [sub, ...args] = k.flags.args;
  if (sub !== "image") return out.err(`error: unknown command "${sub ?? ""}" for "kubectl set"`).result(1);
  const pairs = args.filter((a) => a.includes("="));
  const refs = resourceArgs(args.filter((a) => !a.includes("=")));
  if ("error" in refs) return out.err(refs.error).result(1);
  if (refs.length === 0 || pairs.length === 0)
    return out
      .err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>")
      .result(1);
  let code = 0;
  for (const ref of refs) {
    for (const name of ref.names) {
      const workload = [
        "Deployment",
        "ReplicaSet",
        "DaemonSet",
        "StatefulSet",
        "ReplicationController",
      ].includes(ref.type.kind);
      if (ref.type.kind !== "Pod" && !workload) {
        out.err(
          `error: ${ref.type.singular}/${name} is not simulated by kubectl set image (pods, deployments, replicasets and daemonsets)`,
        );
        code = 1;
        continue;
      }
      try {
        // a Deployment's, ReplicaSet's or DaemonSet's containers are those of its pod template
        const obj = k.node.api.get<KubeObject>(ref.type.kind, k.namespace, name);
        const pod = (workload ? ((obj.spec as { template?: Pod })?.template ?? {}) : obj) as Pod;
        const all: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
        const wanted = new Map(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
        for (const c of wanted.keys())
          if (c !== "*" && !all.some((x) => x.name === c))
            throw new Error(`unable to find container named "${c}"`);
        const swap = (list: Container[] | undefined) =>
          list?.map((c) => {
            const img = wanted.get(c.name) ?? wanted.get("*");
            return img === undefined ? c : { ...c, image: img };
          });
        const spec = {
          ...pod.spec!,
          containers: swap(pod.spec?.containers) ?? [],
          initContainers: swap(pod.spec?.initContainers),
        };
        if (!pod.spec?.initContainers) delete spec.initContainers;
        if (JSON.stringify(spec) !== JSON.stringify(pod.spec)) {
          if (workload) {
            const objSpec = obj.spec as Record<string, unknown>;
            k.node.api.update(ref.type.kind, { ...obj, spec: { ...objSpec, template: { ...pod, spec } } });
          } else k.node.api.update("Pod", { ...pod, spec });
          out.out(`${kindQualifier(ref.type)}/${name} image updated\n`);
        }
      } catch (e) {
        out.err(
          e instanceof Error && e.message.startsWith("unable to find")
            ? `error: ${e.message}`
            : apiErrorText(e),
        );
        code = 1;
      }
    }
  }
  return out.result(code);
}
