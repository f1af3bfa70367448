// k8s: pkg/printers/internalversion/printers.go printStatefulSet / printReplicationController — the
// columns of `kubectl get statefulsets` (-o wide adds CONTAINERS IMAGES) and `kubectl get
// replicationcontrollers` (-o wide adds CONTAINERS IMAGES SELECTOR).
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { PodTemplateSpec, ReplicationController } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../sim/apiserver/types";
import { ageSince } from "../format/duration";
import { formatLabels } from "./printDaemonSet";

/** layoutContainerCells: names and images joined with commas. */
function containerCells(t: PodTemplateSpec | undefined): [string, string] {
  const cs = t?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image ?? "").join(",")];
}

export const STATEFULSET_PRINTER = {
  headers: ["NAME", "READY", "AGE"],
  wide: ["CONTAINERS", "IMAGES"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const sts = o as StatefulSet;
    const cells = [
      sts.metadata?.name ?? "",
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`,
      ageSince(sts.metadata?.creationTimestamp, now),
    ];
    return wide ? [...cells, ...containerCells(sts.spec?.template)] : cells;
  },
};

export const REPLICATIONCONTROLLER_PRINTER = {
  headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const rc = o as ReplicationController;
    const cells = [
      rc.metadata?.name ?? "",
      String(rc.spec?.replicas ?? 0),
      String(rc.status?.replicas ?? 0),
      String(rc.status?.readyReplicas ?? 0),
      ageSince(rc.metadata?.creationTimestamp, now),
    ];
    return wide ? [...cells, ...containerCells(rc.spec?.template), formatLabels(rc.spec?.selector)] : cells;
  },
};
