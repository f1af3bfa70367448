// k8s: staging/src/k8s.io/kubectl/pkg/polymorphichelpers (rollout_status.go DaemonSetStatusViewer,
// history.go DaemonSetHistoryViewer, rollback.go DaemonSetRollbacker) — `kubectl rollout
// status|history|undo` for DaemonSets, read from the ControllerRevisions the controller keeps.
import type { ControllerRevision, DaemonSet } from "kubernetes-types/apps/v1";
import { jsonEqual } from "../../sim/api/equality";
import type { KubeObject } from "../../sim/apiserver/types";
import { daemonSetRevisions, revisionTemplate } from "../../sim/controllers/daemonSetController";
import { CHANGE_CAUSE_ANNOTATION } from "../../sim/controllers/deploymentUtil";
import { goTabwrite } from "../format/goTabwriter";
import type { KubectlContext } from "./common";
import { describePodTemplate } from "./describeApps";
import { PrefixWriter } from "./describePod";

/** DaemonSetStatusViewer.Status: the line to print, whether the rollout is done, or its failure. */
export function daemonSetStatusLine(ds: DaemonSet): { text: string; done: boolean; error?: string } {
  if (ds.spec?.updateStrategy?.type !== "RollingUpdate")
    return {
      text: "",
      done: true,
      error: "rollout status is only available for RollingUpdate strategy type",
    };
  const name = ds.metadata?.name ?? "";
  const st = ds.status;
  if ((ds.metadata?.generation ?? 0) <= (st?.observedGeneration ?? 0)) {
    const desired = st?.desiredNumberScheduled ?? 0;
    const updated = st?.updatedNumberScheduled ?? 0;
    if (updated < desired)
      return {
        text: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
        done: false,
      };
    const available = st?.numberAvailable ?? 0;
    if (available < desired)
      return {
        text: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`,
        done: false,
      };
    return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  return { text: "Waiting for daemon set spec update to be observed...\n", done: false };
}

/** DaemonSetHistoryViewer.ViewHistory (printHistory), behind the NamePrinter's `daemonset.apps/NAME`. */
export function daemonSetHistory(k: KubectlContext, ds: DaemonSet, label: string, revision: number): string {
  const byRevision = new Map<number, ControllerRevision>();
  for (const cr of daemonSetRevisions(k.node.api, ds)) byRevision.set(cr.revision ?? 0, cr);
  let info: string;
  if (byRevision.size === 0) info = "No rollout history found.";
  else if (revision > 0) {
    const cr = byRevision.get(revision);
    if (!cr) throw new Error("error: unable to find the specified revision");
    const w = new PrefixWriter();
    describePodTemplate(revisionTemplate(cr), w);
    info = w.text;
  } else {
    const rows = ["REVISION\tCHANGE-CAUSE\n"];
    for (const r of [...byRevision.keys()].sort((a, b) => a - b)) {
      const cause = byRevision.get(r)?.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
      rows.push(`${r}\t${cause || "<none>"}\n`);
    }
    info = goTabwrite(rows.join(""), 0, 2);
  }
  const withRevision = revision > 0 ? `with revision #${revision}` : "";
  return `${label} ${withRevision}\n${info}\n`;
}

/** DaemonSetRollbacker.Rollback: the chosen revision's template patched back onto the DaemonSet. */
export function daemonSetUndo(k: KubectlContext, ds: DaemonSet, toRevision: number, dryRun: boolean): string {
  const history = daemonSetRevisions(k.node.api, ds).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  if (toRevision === 0 && history.length <= 1) throw new Error("error: no last revision to roll back to");
  const target =
    toRevision === 0 ? history[history.length - 2] : history.find((h) => (h.revision ?? 0) === toRevision);
  if (!target) throw new Error(`error: unable to find specified revision ${toRevision} in history`);
  const template = revisionTemplate(target);
  if (jsonEqual(template, ds.spec?.template))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  if (dryRun) return "rolled back (dry run)";
  k.node.api.update("DaemonSet", { ...ds, spec: { ...ds.spec!, template } } as DaemonSet & KubeObject);
  return "rolled back";
}
