// k8s: pkg/printers/internalversion/printers.go — the columns `kubectl get` shows per kind
// (server-side Table printing), plus -A's NAMESPACE column and --show-labels' LABELS column.
import type { Lease } from "kubernetes-types/coordination/v1";
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  Secret,
  Service,
} from "kubernetes-types/core/v1";
import type { RuntimeClass } from "kubernetes-types/node/v1";
import type { KubeObject, ObjectKind } from "../../sim/apiserver/types";
import { parseRfc3339 } from "../../sim/clock/time";
import type { EndpointSlice } from "../../sim/controllers/endpoints";
import { ageSince } from "../format/duration";
import { goTabwrite } from "../format/goTabwriter";
import { DEPLOYMENT_PRINTER, REPLICASET_PRINTER } from "./printApps";
import { CRONJOB_PRINTER, JOB_PRINTER } from "./printBatch";
import { CONTROLLERREVISION_PRINTER, DAEMONSET_PRINTER } from "./printDaemonSet";
import { PDB_PRINTER } from "./printPdb";
import { podRow } from "./printPod";
import { LIMITRANGE_PRINTER, RESOURCEQUOTA_PRINTER } from "./printQuota";
import { ROLE_PRINTER, ROLEBINDING_PRINTER } from "./printRbac";
import { REPLICATIONCONTROLLER_PRINTER, STATEFULSET_PRINTER } from "./printStatefulSet";
import {
  PERSISTENTVOLUME_PRINTER,
  PERSISTENTVOLUMECLAIM_PRINTER,
  STORAGECLASS_PRINTER,
} from "./printStorage";
import { SERVICEACCOUNT_PRINTER } from "./serviceAccounts";

export interface TablePrinter {
  headers: string[];
  wide: string[];
  row(obj: KubeObject, now: number, wide: boolean): string[];
}

const labelsText = (o: KubeObject) => {
  const l = o.metadata?.labels ?? {};
  const keys = Object.keys(l).sort();
  return keys.length === 0 ? "<none>" : keys.map((k) => `${k}=${l[k]}`).join(",");
};

const age = (o: KubeObject, now: number) => ageSince(o.metadata?.creationTimestamp, now);

function nodeRoles(n: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata?.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role") roles.add(v);
  }
  return [...roles].sort().join(",") || "<none>";
}

export function nodeStatus(n: Node): string {
  const status: string[] = [];
  const ready = (n.status?.conditions ?? []).find((c) => c.type === "Ready");
  // printNode: anything but True reads NotReady; only a missing Ready condition reads Unknown.
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (n.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

function servicePorts(s: Service): string {
  const ports = s.spec?.ports ?? [];
  if (ports.length === 0) return "<none>";
  return ports
    .map((p) => {
      const base = `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`;
      return base;
    })
    .join(",");
}

/** printers.go listWithMoreString: the first 3, then `+ N more...`; `<unset>` when empty. */
function listWithMore(list: string[], max = 3): string {
  if (list.length > max) return `${list.slice(0, max).join(",")} + ${list.length - max} more...`;
  return list.join(",") || "<unset>";
}

/**
 * printers.go formatEndpoints: ready addresses as ip:port (3 at most, then `+ N more...`); `<none>`
 * without subsets, an empty cell when every address is not ready. Pass `portName` for one port only.
 */
export function formatEndpoints(ep: Endpoints, portName?: string): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      count += addrs.length;
      for (const a of addrs) if (list.length < 3) list.push(a.ip);
      continue;
    }
    for (const p of ss.ports ?? []) {
      if (portName !== undefined && (p.name ?? "") !== portName) continue;
      count += addrs.length;
      for (const a of addrs) if (list.length < 3) list.push(`${a.ip}:${p.port}`);
    }
  }
  return count > 3 ? `${list.join(",")} + ${count - 3} more...` : list.join(",");
}

export function eventTimes(e: Event, now: number): { last: string; first: string; count: number } {
  const firstTs = e.firstTimestamp ?? e.eventTime;
  const first = ageSince(firstTs, now);
  let last = e.lastTimestamp ? ageSince(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) {
    last = ageSince(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) count = 1;
  return { last, first, count };
}

/** The instant an event was last seen (for sorting, as kubectl's SortableEvents does). */
export function eventLastMs(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return t ? parseRfc3339(t) : 0;
}

export const PRINTERS: Record<ObjectKind, TablePrinter> = {
  Pod: {
    headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
    wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    row(o, now, wide) {
      const r = podRow(o as Pod, now);
      const cells = [r.name, r.ready, r.status, r.restarts, r.age];
      return wide ? [...cells, r.ip, r.node, r.nominatedNode, r.readinessGates] : cells;
    },
  },
  Node: {
    headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    wide: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    row(o, now, wide) {
      const n = o as Node;
      const info = n.status?.nodeInfo;
      const cells = [
        n.metadata?.name ?? "",
        nodeStatus(n),
        nodeRoles(n),
        age(o, now),
        info?.kubeletVersion ?? "",
      ];
      if (!wide) return cells;
      const addr = (t: string) => (n.status?.addresses ?? []).find((a) => a.type === t)?.address ?? "<none>";
      return [
        ...cells,
        addr("InternalIP"),
        addr("ExternalIP"),
        info?.osImage || "<unknown>",
        info?.kernelVersion || "<unknown>",
        info?.containerRuntimeVersion || "<unknown>",
      ];
    },
  },
  Event: {
    headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
    wide: [],
    row(o, now) {
      const e = o as unknown as Event;
      const io = e.involvedObject;
      const target = io.name ? `${(io.kind ?? "").toLowerCase()}/${io.name}` : (io.kind ?? "").toLowerCase();
      return [eventTimes(e, now).last, e.type ?? "", e.reason ?? "", target, (e.message ?? "").trim()];
    },
  },
  Namespace: {
    headers: ["NAME", "STATUS", "AGE"],
    wide: [],
    row: (o, now) => [o.metadata?.name ?? "", (o as Namespace).status?.phase ?? "Active", age(o, now)],
  },
  ConfigMap: {
    headers: ["NAME", "DATA", "AGE"],
    wide: [],
    row(o, now) {
      const c = o as ConfigMap;
      const n = Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length;
      return [o.metadata?.name ?? "", String(n), age(o, now)];
    },
  },
  Secret: {
    headers: ["NAME", "TYPE", "DATA", "AGE"],
    wide: [],
    row(o, now) {
      const s = o as Secret;
      const n = Object.keys(s.data ?? {}).length + Object.keys(s.stringData ?? {}).length;
      return [o.metadata?.name ?? "", s.type ?? "Opaque", String(n), age(o, now)];
    },
  },
  Service: {
    headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
    wide: ["SELECTOR"],
    row(o, now, wide) {
      const s = o as Service;
      // getServiceExternalIP: ExternalName shows its name; a LoadBalancer without an address is <pending>
      const ext =
        s.spec?.type === "ExternalName"
          ? (s.spec.externalName ?? "")
          : s.spec?.externalIPs?.join(",") || (s.spec?.type === "LoadBalancer" ? "<pending>" : "<none>");
      const cells = [
        o.metadata?.name ?? "",
        s.spec?.type ?? "ClusterIP",
        s.spec?.clusterIP || "<none>",
        ext,
        servicePorts(s),
        age(o, now),
      ];
      if (!wide) return cells;
      const sel = s.spec?.selector ?? {};
      const keys = Object.keys(sel).sort();
      return [...cells, keys.length ? keys.map((k) => `${k}=${sel[k]}`).join(",") : "<none>"];
    },
  },
  Endpoints: {
    headers: ["NAME", "ENDPOINTS", "AGE"],
    wide: [],
    row: (o, now) => [o.metadata?.name ?? "", formatEndpoints(o as unknown as Endpoints), age(o, now)],
  },
  EndpointSlice: {
    headers: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
    wide: [],
    row(o, now) {
      const s = o as unknown as EndpointSlice;
      const ports = (s.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name || "*"));
      const addrs = (s.endpoints ?? []).flatMap((e) => e.addresses ?? []);
      return [
        o.metadata?.name ?? "",
        s.addressType ?? "",
        listWithMore(ports),
        listWithMore(addrs),
        age(o, now),
      ];
    },
  },
  RuntimeClass: {
    headers: ["NAME", "HANDLER", "AGE"],
    wide: [],
    row: (o, now) => [o.metadata?.name ?? "", (o as unknown as RuntimeClass).handler ?? "", age(o, now)],
  },
  // printLease: the holder is empty when spec.holderIdentity is unset
  Lease: {
    headers: ["NAME", "HOLDER", "AGE"],
    wide: [],
    row: (o, now) => [
      o.metadata?.name ?? "",
      (o as unknown as Lease).spec?.holderIdentity ?? "",
      age(o, now),
    ],
  },
  ServiceAccount: SERVICEACCOUNT_PRINTER,
  Deployment: DEPLOYMENT_PRINTER,
  ReplicaSet: REPLICASET_PRINTER,
  DaemonSet: DAEMONSET_PRINTER,
  StatefulSet: STATEFULSET_PRINTER,
  ReplicationController: REPLICATIONCONTROLLER_PRINTER,
  ControllerRevision: CONTROLLERREVISION_PRINTER,
  Job: JOB_PRINTER,
  CronJob: CRONJOB_PRINTER,
  PersistentVolume: PERSISTENTVOLUME_PRINTER,
  PersistentVolumeClaim: PERSISTENTVOLUMECLAIM_PRINTER,
  StorageClass: STORAGECLASS_PRINTER,
  LimitRange: LIMITRANGE_PRINTER,
  ResourceQuota: RESOURCEQUOTA_PRINTER,
  PodDisruptionBudget: PDB_PRINTER,
  Role: ROLE_PRINTER,
  ClusterRole: ROLE_PRINTER,
  RoleBinding: ROLEBINDING_PRINTER,
  ClusterRoleBinding: ROLEBINDING_PRINTER,
};

export interface TableOptions {
  wide: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  noHeaders?: boolean;
  /** `pod/web` names when several kinds share a table. */
  kindPrefix?: string;
}

/** Rows for a table (header first unless noHeaders). */
export function tableRows(kind: ObjectKind, objs: KubeObject[], now: number, opts: TableOptions): string[][] {
  const p = PRINTERS[kind];
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    const h = [...p.headers, ...(opts.wide ? p.wide : [])];
    if (opts.withNamespace) h.unshift("NAMESPACE");
    if (opts.showLabels) h.push("LABELS");
    rows.push(h);
  }
  for (const o of objs) {
    const cells = p.row(o, now, opts.wide);
    if (opts.kindPrefix && kind !== "Event") cells[0] = `${opts.kindPrefix}/${cells[0]}`;
    if (opts.withNamespace) cells.unshift(o.metadata?.namespace ?? "");
    if (opts.showLabels) cells.push(labelsText(o));
    rows.push(cells);
  }
  return rows;
}

/** kubectl's printers.GetNewTabWriter: tabwriter(0, 8, 3, ' ', 0). */
export function renderTable(rows: string[][]): string {
  return goTabwrite(rows.map((r) => `${r.join("\t")}\n`).join(""), 0, 3);
}
