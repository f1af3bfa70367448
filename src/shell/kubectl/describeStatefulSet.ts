// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go describeStatefulSet (+ describeVolumeClaimTemplates)
// and describeReplicationController — `kubectl describe statefulset|replicationcontroller`.
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod, ReplicationController } from "kubernetes-types/core/v1";
import { selectorMatches, selectorString } from "../../sim/api/labelSelector";
import { persistentVolumeClaimClass } from "../../sim/api/storage";
import { parseRfc3339, rfc1123z } from "../../sim/clock/time";
import { rcSelects } from "../../sim/controllers/replicationControllerController";
import { describePodTemplate } from "./describeApps";
import {
  describeEvents,
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";
import { formatLabels } from "./printDaemonSet";

const rfc = (ts: string | undefined) => (ts ? rfc1123z(parseRfc3339(ts)) : "<unset>");

/** getPodStatusForController: the selected pods the controller owns, by phase. */
function podPhases(uid: string | undefined, selects: (p: Pod) => boolean, pods: Pod[]): string {
  const n: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    if (!selects(p)) continue;
    const ref = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== uid) continue;
    const phase = p.status?.phase ?? "";
    if (phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

/** describeVolumeClaimTemplates */
function describeVolumeClaimTemplates(templates: PersistentVolumeClaim[] | undefined, w: PrefixWriter): void {
  if (!templates || templates.length === 0) {
    w.write(0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(0, "Volume Claims:\n");
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata?.name ?? ""}\n`);
    w.write(1, `StorageClass:\t${persistentVolumeClaimClass(pvc)}\n`);
    printLabelsMultiline(w, "  Labels", pvc.metadata?.labels);
    printLabelsMultiline(w, "  Annotations", pvc.metadata?.annotations);
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage === undefined ? "<default>" : String(storage)}\n`);
    // %s of a []PersistentVolumeAccessMode
    w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(" ")}]\n`);
  }
}

export function describeStatefulSet(
  sts: StatefulSet,
  pods: Pod[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = sts.metadata ?? {};
  const spec = sts.spec;
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  w.write(0, `CreationTimestamp:\t${rfc(m.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Replicas:\t${spec?.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec?.updateStrategy?.type ?? ""}\n`);
  const ru = spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  const selects = (p: Pod) => selectorMatches(spec?.selector, p.metadata?.labels);
  w.write(0, `Pods Status:\t${podPhases(m.uid, selects, pods)}\n`);
  describePodTemplate(spec?.template, w);
  describeVolumeClaimTemplates(spec?.volumeClaimTemplates, w);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

export function describeReplicationController(
  rc: ReplicationController,
  pods: Pod[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = rc.metadata ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  w.write(0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
  const selects = (p: Pod) => rcSelects(rc.spec?.selector, p.metadata?.labels);
  w.write(0, `Pods Status:\t${podPhases(m.uid, selects, pods)}\n`);
  describePodTemplate(rc.spec?.template, w);
  const conds = rc.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
