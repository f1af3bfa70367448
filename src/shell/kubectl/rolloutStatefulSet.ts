// k8s: staging/src/k8s.io/kubectl/pkg/polymorphichelpers (rollout_status.go StatefulSetStatusViewer,
// history.go StatefulSetHistoryViewer, rollback.go StatefulSetRollbacker) — `kubectl rollout
// status|history|undo` for StatefulSets, read from the ControllerRevisions the controller keeps.
import type { StatefulSet } from "kubernetes-types/apps/v1";
import { jsonEqual } from "../../sim/api/equality";
import type { KubeObject } from "../../sim/apiserver/types";
import {
  statefulSetRevisions,
  statefulSetRevisionTemplate,
} from "../../sim/controllers/statefulSetController";
import type { KubectlContext } from "./common";

/** StatefulSetStatusViewer.Status: the line to print, whether the rollout is done, or its failure. */
export function statefulSetStatusLine(sts: StatefulSet): { text: string; done: boolean; error?: string } {
  const spec = sts.spec;
  if (spec?.updateStrategy?.type !== "RollingUpdate")
    return {
      text: "",
      done: true,
      error: "rollout status is only available for RollingUpdate strategy type",
    };
  const st = sts.status;
  if (!st?.observedGeneration || (sts.metadata?.generation ?? 0) > st.observedGeneration)
    return { text: "Waiting for statefulset spec update to be observed...\n", done: false };
  const replicas = spec.replicas;
  if (replicas !== undefined && (st.readyReplicas ?? 0) < replicas)
    return { text: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const ru = spec.updateStrategy.rollingUpdate;
  if (ru) {
    const updated = st.updatedReplicas ?? 0;
    if (replicas !== undefined && ru.partition !== undefined && updated < replicas - ru.partition)
      return {
        text: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...\n`,
        done: false,
      };
    return { text: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision)
    return {
      text: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`,
      done: false,
    };
  return {
    text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`,
    done: true,
  };
}

/** StatefulSetRollbacker.Rollback: the chosen revision's template patched back onto the StatefulSet. */
export function statefulSetUndo(
  k: KubectlContext,
  sts: StatefulSet,
  toRevision: number,
  dryRun: boolean,
): string {
  const history = statefulSetRevisions(k.node.api, sts).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  if (toRevision === 0 && history.length <= 1) throw new Error("error: no last revision to roll back to");
  const target =
    toRevision === 0 ? history[history.length - 2] : history.find((h) => (h.revision ?? 0) === toRevision);
  if (!target) throw new Error(`error: unable to find specified revision ${toRevision} in history`);
  const template = statefulSetRevisionTemplate(target);
  if (jsonEqual(template, sts.spec?.template))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  if (dryRun) return "rolled back (dry run)";
  k.node.api.update("StatefulSet", { ...sts, spec: { ...sts.spec!, template } } as StatefulSet & KubeObject);
  return "rolled back";
}
