// k8s: pkg/printers/internalversion/printers.go printDaemonSet / printControllerRevision — the columns
// of `kubectl get daemonsets` (-o wide adds CONTAINERS IMAGES SELECTOR) and `kubectl get controllerrevisions`.
import type { ControllerRevision, DaemonSet } from "kubernetes-types/apps/v1";
import { selectorString } from "../../sim/api/labelSelector";
import type { KubeObject } from "../../sim/apiserver/types";
import { controllerOf } from "../../sim/controllers/controllerUtils";
import { ageSince } from "../format/duration";

/** labels.FormatLabels: sorted key=value pairs, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length > 0 ? keys.map((k) => `${k}=${m?.[k]}`).join(",") : "<none>";
}

export const DAEMONSET_PRINTER = {
  headers: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const ds = o as DaemonSet;
    const st = ds.status;
    const cells = [
      ds.metadata?.name ?? "",
      String(st?.desiredNumberScheduled ?? 0),
      String(st?.currentNumberScheduled ?? 0),
      String(st?.numberReady ?? 0),
      String(st?.updatedNumberScheduled ?? 0),
      String(st?.numberAvailable ?? 0),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      ageSince(ds.metadata?.creationTimestamp, now),
    ];
    if (!wide) return cells;
    const cs = ds.spec?.template?.spec?.containers ?? [];
    return [
      ...cells,
      cs.map((c) => c.name).join(","),
      cs.map((c) => c.image ?? "").join(","),
      selectorString(ds.spec?.selector),
    ];
  },
};

export const CONTROLLERREVISION_PRINTER = {
  headers: ["NAME", "CONTROLLER", "REVISION", "AGE"],
  wide: [],
  row(o: KubeObject, now: number): string[] {
    const cr = o as unknown as ControllerRevision;
    const ref = controllerOf(cr);
    // formatResourceName with its kind: `daemonset.apps/NAME`
    const group = ref?.apiVersion.includes("/") ? `.${ref.apiVersion.split("/")[0]}` : "";
    const controller = ref ? `${ref.kind.toLowerCase()}${group}/${ref.name}` : "<none>";
    return [
      cr.metadata?.name ?? "",
      controller,
      String(cr.revision ?? 0),
      ageSince(cr.metadata?.creationTimestamp, now),
    ];
  },
};
