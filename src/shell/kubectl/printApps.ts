// k8s: pkg/printers/internalversion/printers.go printDeployment / printReplicaSet — the columns of
// `kubectl get deployments` and `kubectl get replicasets` (-o wide adds CONTAINERS IMAGES SELECTOR).
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { selectorString } from "../../sim/api/labelSelector";
import type { KubeObject } from "../../sim/apiserver/types";
import { ageSince } from "../format/duration";

/** layoutContainerCells: names and images joined with commas. */
function containerCells(t: PodTemplateSpec | undefined): [string, string] {
  const cs = t?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image ?? "").join(",")];
}

export const DEPLOYMENT_PRINTER = {
  headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const d = o as Deployment;
    const st = d.status ?? {};
    const cells = [
      d.metadata?.name ?? "",
      `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0),
      ageSince(d.metadata?.creationTimestamp, now),
    ];
    return wide ? [...cells, ...containerCells(d.spec?.template), selectorString(d.spec?.selector)] : cells;
  },
};

export const REPLICASET_PRINTER = {
  headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const rs = o as ReplicaSet;
    const cells = [
      rs.metadata?.name ?? "",
      String(rs.spec?.replicas ?? 0),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      ageSince(rs.metadata?.creationTimestamp, now),
    ];
    return wide ? [...cells, ...containerCells(rs.spec?.template), selectorString(rs.spec?.selector)] : cells;
  },
};
