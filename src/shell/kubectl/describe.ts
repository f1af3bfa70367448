// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go — `kubectl describe` for pods, nodes and
// the simple kinds (ConfigMap, Namespace, …), with the object's events at the end.
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1";
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { Lease } from "kubernetes-types/coordination/v1";
import type {
  ConfigMap,
  Endpoints,
  Event,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ReplicationController,
  ResourceQuota,
  Service,
  ServiceAccount,
} from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import type { BindingObject, RoleObject } from "../../sim/api/rbac";
import type { KubeObject } from "../../sim/apiserver/types";
import { parseRfc3339, rfc1123z } from "../../sim/clock/time";
import type { EndpointSlice } from "../../sim/controllers/endpoints";
import { ageSince } from "../format/duration";
import { formatBytes, formatCpu, parseQuantity } from "../format/quantity";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, apiList, byName, type KubectlContext, nowMs } from "./common";
import { describeDeployment, describeReplicaSet } from "./describeApps";
import { describeCronJob, describeJob } from "./describeBatch";
import { describeDaemonSet } from "./describeDaemonSet";
import { describePodDisruptionBudget } from "./describePdb";
import {
  describeEvents,
  describePod,
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";
import { describeLimitRange, describeNamespaceWithQuotas, describeResourceQuota } from "./describeQuota";
import { describeRole, describeRoleBinding } from "./describeRbac";
import { describeReplicationController, describeStatefulSet } from "./describeStatefulSet";
import {
  describePersistentVolume,
  describePersistentVolumeClaim,
  describeStorageClass,
  podsForClaim,
} from "./describeStorage";
import type { FlagSpec } from "./flags";
import { ENDPOINTS_DEPRECATED } from "./get";
import { type ResourceType, resourceArgs } from "./resources";
import { describeServiceAccount, secretsFor } from "./serviceAccounts";
import { describeEndpointSlice, describeEndpoints, describeService, slicesOf } from "./services";

export const DESCRIBE_FLAGS: FlagSpec[] = [
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "show-events", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
];

const rfc = (ts: string | undefined) => (ts ? rfc1123z(parseRfc3339(ts)) : "<unset>");

function eventsFor(k: KubectlContext, o: KubeObject): Event[] {
  const name = o.metadata?.name ?? "";
  const evs = apiList<Event>(k.node, "Event", {
    namespace: o.metadata?.namespace || (o.kind === "Node" ? undefined : "default"),
    fieldSelector: `involvedObject.name=${name}`,
  });
  // describe node searches with the node's name as UID: the kubelet's node events carry it
  const uid = o.kind === "Node" ? name : o.metadata?.uid;
  return evs.filter(
    (e) =>
      e.involvedObject.name === name &&
      (!e.involvedObject.kind || e.involvedObject.kind === o.kind) &&
      (!e.involvedObject.uid || !uid || e.involvedObject.uid === uid),
  );
}

function nodeRolesOf(n: Node): string {
  const roles = Object.keys(n.metadata?.labels ?? {})
    .filter((k) => k.startsWith("node-role.kubernetes.io/"))
    .map((k) => k.slice("node-role.kubernetes.io/".length));
  return roles.sort().join(",") || "<none>";
}

/**
 * `lease`: the node's Lease in kube-node-lease, or the text of the error getting it (describeNodeLease);
 * undefined prints no Lease block.
 */
export function describeNode(
  n: Node,
  pods: Pod[],
  events: Event[] | undefined,
  now: number,
  lease?: Lease | string,
): string {
  const w = new PrefixWriter();
  const m = n.metadata ?? {};
  const st = n.status ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Roles:\t${nodeRolesOf(n)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `CreationTimestamp:\t${rfc(m.creationTimestamp)}\n`);
  const taints = n.spec?.taints ?? [];
  w.write(0, "Taints:\t");
  if (taints.length === 0) w.text += "<none>\n";
  taints.forEach((t, i) => {
    if (i > 0) w.write(0, "\t");
    w.text += `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}\n`;
  });
  w.write(0, `Unschedulable:\t${n.spec?.unschedulable === true}\n`);
  if (typeof lease === "string") w.write(0, `Lease:\tFailed to get lease: ${lease}\n`);
  else if (lease) {
    w.write(0, "Lease:\n");
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? "<unset>"}\n`);
    w.write(1, `AcquireTime:\t${rfc(lease.spec?.acquireTime)}\n`);
    w.write(1, `RenewTime:\t${rfc(lease.spec?.renewTime)}\n`);
  }
  const conds = st.conditions ?? [];
  if (conds.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conds) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc(c.lastHeartbeatTime)} \t${rfc(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
    }
  }
  w.write(0, "Addresses:\n");
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, res] of [
    ["Capacity", st.capacity],
    ["Allocatable", st.allocatable],
  ] as const) {
    if (!res || Object.keys(res).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(res).sort()) w.write(1, `${k}:\t${res[k]}\n`);
  }
  const info = st.nodeInfo;
  if (info) {
    w.write(0, "System Info:\n");
    w.write(1, `Machine ID:\t${info.machineID}\n`);
    w.write(1, `System UUID:\t${info.systemUUID}\n`);
    w.write(1, `Boot ID:\t${info.bootID}\n`);
    w.write(1, `Kernel Version:\t${info.kernelVersion}\n`);
    w.write(1, `OS Image:\t${info.osImage}\n`);
    w.write(1, `Operating System:\t${info.operatingSystem}\n`);
    w.write(1, `Architecture:\t${info.architecture}\n`);
    w.write(1, `Container Runtime Version:\t${info.containerRuntimeVersion}\n`);
    w.write(1, `Kubelet Version:\t${info.kubeletVersion}\n`);
  }
  if (n.spec?.podCIDR) w.write(0, `PodCIDR:\t${n.spec.podCIDR}\n`);
  if (n.spec?.podCIDRs && n.spec.podCIDRs.length > 0) w.write(0, `PodCIDRs:\t${n.spec.podCIDRs.join(",")}\n`);
  if (n.spec?.providerID) w.write(0, `ProviderID:\t${n.spec.providerID}\n`);
  const live = pods.filter((p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  const alloc = st.allocatable ?? {};
  const pct = (v: number, total: number) => (total > 0 ? Math.trunc((v / total) * 100) : 0);
  const sum = (p: Pod, kind: "requests" | "limits", r: string) =>
    (p.spec?.containers ?? []).reduce(
      (s, c) => s + parseQuantity(c.resources?.[kind]?.[r] as string | undefined),
      0,
    );
  const fmt = (r: string, v: number) => (r === "cpu" ? formatCpu(v) : formatBytes(v));
  const allocOf = (r: string) => parseQuantity(alloc[r] as string | undefined);
  w.write(0, `Non-terminated Pods:\t(${live.length} in total)\n`);
  // describeNodeResource: an empty column after Name ("Name\t\t")
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  for (const p of live) {
    const cells = [p.metadata?.namespace ?? "", p.metadata?.name ?? "", ""];
    for (const [r, kind] of [
      ["cpu", "requests"],
      ["cpu", "limits"],
      ["memory", "requests"],
      ["memory", "limits"],
    ] as const) {
      const v = sum(p, kind, r);
      cells.push(`${fmt(r, v)} (${pct(v, allocOf(r))}%)`);
    }
    cells.push(ageSince(p.metadata?.creationTimestamp, now));
    w.write(1, `${cells.join("\t")}\n`);
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    const req = live.reduce((s, p) => s + sum(p, "requests", r), 0);
    const lim = live.reduce((s, p) => s + sum(p, "limits", r), 0);
    w.write(
      1,
      `${r}\t${fmt(r, req)} (${pct(req, allocOf(r))}%)\t${fmt(r, lim)} (${pct(lim, allocOf(r))}%)\n`,
    );
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

function describeGeneric(
  o: KubeObject,
  type: ResourceType,
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name ?? ""}\n`);
  // genericDescriber (no describer of its own: leases, runtimeclasses) prints Namespace even when empty
  const generic = type.kind === "Lease" || type.kind === "RuntimeClass";
  if (type.namespaced || generic) w.write(0, `Namespace:\t${o.metadata?.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", o.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", o.metadata?.annotations);
  if (type.kind === "ConfigMap") {
    const cm = o as ConfigMap;
    w.text += "\nData\n====\n";
    for (const k of Object.keys(cm.data ?? {}).sort()) w.text += `${k}:\n----\n${cm.data![k]}\n\n`;
    w.text += `\nBinaryData\n====\n\n`;
  } else if (type.kind === "Secret") {
    w.write(0, `\nType:\t${(o.type as string) ?? "Opaque"}\n\nData\n====\n`);
    const data = (o.data as Record<string, string>) ?? {};
    for (const k of Object.keys(data).sort()) w.write(0, `${k}:\t${atobLen(data[k])} bytes\n`);
    // SecretDescriber prints no events
    return describeTabwrite(w.text);
  } else if (type.kind === "Namespace") {
    w.write(
      0,
      `Status:\t${(o.status as { phase?: string })?.phase ?? "Active"}\n\nNo resource quota.\n\nNo LimitRange resource.\n`,
    );
    return describeTabwrite(w.text);
  } else if (generic) {
    // no describer is registered for leases: kubectl's genericDescriber prints the whole object
    const { name: _n, namespace: _ns, labels: _l, annotations: _a, ...meta } = o.metadata ?? {};
    printUnstructuredContent(w, 0, { ...o, metadata: meta });
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

/** describe.go printUnstructuredContent: fields sorted, maps and lists of maps nested one level deeper. */
function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>): void {
  for (const field of Object.keys(content).sort()) {
    const v = content[field];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of v)
        if (child && typeof child === "object")
          printUnstructuredContent(w, level + 1, child as Record<string, unknown>);
        else w.write(level + 1, `${String(child)}\n`);
    } else if (typeof v === "object") {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, v as Record<string, unknown>);
    } else w.write(level, `${smartLabelFor(field)}:\t${String(v)}\n`);
  }
}

/** describe.go smartLabelFor: `leaseDurationSeconds` → `Lease Duration Seconds`, `uid` → `UID`. */
function smartLabelFor(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  // camelcase.Split: a new word at each lower→upper change and before the last capital of a run
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z-]+|[A-Z]+/g) ?? [field];
  return parts
    .map((p) =>
      ["API", "URL", "UID", "OSB", "GUID"].includes(p.toUpperCase())
        ? p.toUpperCase()
        : p.charAt(0).toUpperCase() + p.slice(1),
    )
    .join(" ");
}

function atobLen(b64: string): number {
  const clean = b64.replace(/=+$/, "");
  return Math.floor((clean.length * 3) / 4);
}

export async function runDescribe(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const refs = resourceArgs(k.flags.args);
  if ("error" in refs) return out.err(refs.error).result(1);
  if (refs.length === 0) {
    return out
      .err(
        `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl describe -h' for help and examples`,
      )
      .result(1);
  }
  const now = nowMs(k.node);
  const showEvents = k.flags.has("show-events") ? k.flags.bool("show-events") : true;
  const allNs = k.flags.bool("all-namespaces");
  let code = 0;
  // kubectl prints what it found first and the aggregated errors last.
  const errors: string[] = [];
  const docs: string[] = [];
  for (const ref of refs) {
    const ns = ref.type.namespaced ? (allNs ? undefined : k.namespace) : undefined;
    if (ref.type.kind === "Endpoints") out.err(ENDPOINTS_DEPRECATED);
    let objs: KubeObject[] = [];
    if (ref.names.length === 0) {
      objs = k.node.api
        .list(ref.type.kind, { namespace: ns, labelSelector: k.flags.str("selector") })
        .sort(byName);
      if (objs.length === 0) {
        out.err(
          ref.type.namespaced && !allNs
            ? `No resources found in ${k.namespace} namespace.`
            : "No resources found",
        );
      }
    } else {
      for (const name of ref.names) {
        try {
          objs.push(k.node.api.get(ref.type.kind, ns, name));
        } catch (e) {
          errors.push(apiErrorText(e));
          code = 1;
        }
      }
    }
    for (const o of objs) {
      const obj = { ...o, kind: o.kind ?? ref.type.kind };
      const evs = showEvents ? eventsFor(k, obj) : undefined;
      if (ref.type.kind === "Pod") docs.push(describePod(obj as Pod, evs, now));
      else if (ref.type.kind === "Service")
        docs.push(describeService(obj as Service, slicesOf(k, obj), evs, now));
      else if (ref.type.kind === "Endpoints") docs.push(describeEndpoints(obj as Endpoints, evs, now));
      else if (ref.type.kind === "Deployment") {
        const rss = apiList<ReplicaSet>(k.node, "ReplicaSet", { namespace: obj.metadata?.namespace });
        docs.push(describeDeployment(obj as Deployment, rss, evs, now));
      } else if (ref.type.kind === "ReplicaSet") {
        const pods = apiList<Pod>(k.node, "Pod", { namespace: obj.metadata?.namespace });
        docs.push(describeReplicaSet(obj as ReplicaSet, pods, evs, now));
      } else if (ref.type.kind === "DaemonSet") {
        const pods = apiList<Pod>(k.node, "Pod", { namespace: obj.metadata?.namespace });
        docs.push(describeDaemonSet(obj as DaemonSet, pods, evs, now));
      } else if (ref.type.kind === "StatefulSet" || ref.type.kind === "ReplicationController") {
        const pods = apiList<Pod>(k.node, "Pod", { namespace: obj.metadata?.namespace });
        docs.push(
          ref.type.kind === "StatefulSet"
            ? describeStatefulSet(obj as StatefulSet, pods, evs, now)
            : describeReplicationController(obj as ReplicationController, pods, evs, now),
        );
      } else if (ref.type.kind === "PersistentVolume")
        docs.push(describePersistentVolume(obj as PersistentVolume, evs, now));
      else if (ref.type.kind === "PersistentVolumeClaim") {
        const pods = apiList<Pod>(k.node, "Pod", { namespace: obj.metadata?.namespace });
        const pvc = obj as PersistentVolumeClaim;
        docs.push(describePersistentVolumeClaim(pvc, podsForClaim(pvc, pods), evs, now));
      } else if (ref.type.kind === "StorageClass")
        docs.push(describeStorageClass(obj as unknown as StorageClass, evs, now));
      else if (ref.type.kind === "Job") docs.push(describeJob(obj as Job, evs, now));
      else if (ref.type.kind === "CronJob") docs.push(describeCronJob(obj as CronJob, evs, now));
      else if (ref.type.kind === "PodDisruptionBudget")
        docs.push(describePodDisruptionBudget(obj as PodDisruptionBudget, evs, now));
      else if (ref.type.kind === "Role" || ref.type.kind === "ClusterRole")
        docs.push(describeRole(obj as RoleObject));
      else if (ref.type.kind === "RoleBinding" || ref.type.kind === "ClusterRoleBinding")
        docs.push(describeRoleBinding(obj as BindingObject));
      else if (ref.type.kind === "LimitRange") docs.push(describeLimitRange(obj as LimitRange));
      else if (ref.type.kind === "ResourceQuota") docs.push(describeResourceQuota(obj as ResourceQuota));
      else if (ref.type.kind === "Namespace") {
        const ns = obj.metadata?.name;
        docs.push(
          describeNamespaceWithQuotas(
            obj as Namespace,
            apiList<ResourceQuota>(k.node, "ResourceQuota", { namespace: ns }),
            apiList<LimitRange>(k.node, "LimitRange", { namespace: ns }),
          ),
        );
      } else if (ref.type.kind === "ServiceAccount")
        docs.push(describeServiceAccount(obj as ServiceAccount, secretsFor(k, obj), evs, now));
      else if (ref.type.kind === "EndpointSlice")
        docs.push(describeEndpointSlice(obj as unknown as EndpointSlice, evs, now));
      else if (ref.type.kind === "Node") {
        const pods = apiList<Pod>(k.node, "Pod", {
          fieldSelector: `spec.nodeName=${obj.metadata?.name}`,
        }).sort((a, b) => byName(a as KubeObject, b as KubeObject));
        let lease: Lease | string;
        try {
          lease = k.node.api.get<Lease>("Lease", "kube-node-lease", obj.metadata?.name ?? "");
        } catch (e) {
          lease = (e as Error).message;
        }
        docs.push(describeNode(obj as Node, pods, evs, now, lease));
      } else docs.push(describeGeneric(obj, ref.type, evs, now));
    }
  }
  // kubectl separates several descriptions with a blank line.
  if (docs.length > 0) out.out(docs.join("\n\n"));
  for (const e of errors) out.err(e);
  return out.result(code);
}
