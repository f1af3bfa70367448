// k8s: pkg/printers/internalversion/printers.go printPodDisruptionBudget — the columns of
// `kubectl get poddisruptionbudgets`: NAME, MIN AVAILABLE, MAX UNAVAILABLE, ALLOWED DISRUPTIONS, AGE.
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { intOrStringText } from "../../sim/api/policy";
import type { KubeObject } from "../../sim/apiserver/types";
import { ageSince } from "../format/duration";

/** IntOrString.String() of a set budget, `N/A` for the one left out. */
const budget = (v: number | string | undefined | null) =>
  v === undefined || v === null ? "N/A" : intOrStringText(v);

export const PDB_PRINTER = {
  headers: ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
  wide: [],
  row(o: KubeObject, now: number): string[] {
    const pdb = o as PodDisruptionBudget;
    return [
      pdb.metadata?.name ?? "",
      budget(pdb.spec?.minAvailable),
      budget(pdb.spec?.maxUnavailable),
      String(pdb.status?.disruptionsAllowed ?? 0),
      ageSince(pdb.metadata?.creationTimestamp, now),
    ];
  },
};
