// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go DaemonSetDescriber — `kubectl describe
// daemonset`: the counts lines are written without tabs, so the tabwriter leaves them unaligned.
import type { DaemonSet } from "kubernetes-types/apps/v1";
import type { Event, Pod } from "kubernetes-types/core/v1";
import { formatLabelSelector, selectorMatches } from "../../sim/api/labelSelector";
import { describePodTemplate } from "./describeApps";
import {
  describeEvents,
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";
import { formatLabels } from "./printDaemonSet";

/** getPodStatusForController: the phases of the pods the selector finds and the DaemonSet controls. */
function podPhases(ds: DaemonSet, pods: Pod[]): string {
  const n: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    if (!selectorMatches(ds.spec?.selector, p.metadata?.labels)) continue;
    const ref = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== ds.metadata?.uid) continue;
    const phase = p.status?.phase ?? "";
    if (phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

export function describeDaemonSet(
  ds: DaemonSet,
  pods: Pod[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = ds.metadata ?? {};
  const st = ds.status;
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podPhases(ds, pods)}\n`);
  describePodTemplate(ds.spec?.template, w);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
