// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go describeDeployment, describeReplicaSet and
// DescribePodTemplate — `kubectl describe deployment|replicaset` (and `rollout history --revision`).
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Event, Pod, PodTemplateSpec } from "kubernetes-types/core/v1";
import { formatLabelSelector, selectorMatches, selectorString } from "../../sim/api/labelSelector";
import { parseRfc3339, rfc1123z } from "../../sim/clock/time";
import { equalIgnoreHash } from "../../sim/controllers/deploymentUtil";
import {
  describeContainers,
  describeEvents,
  describeTabwrite,
  describeVolumes,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from "./describePod";

const rfc = (ts: string | undefined) => (ts ? rfc1123z(parseRfc3339(ts)) : "<unset>");

/** DescribePodTemplate: written into `w` (the caller decides whether a tabwriter aligns it). */
export function describePodTemplate(t: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(0, "Pod Template:\n");
  if (!t) {
    w.write(1, "<unset>");
    return;
  }
  const spec = t.spec ?? { containers: [] };
  printLabelsMultiline(w, "  Labels", t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0)
    printAnnotationsMultiline(w, "  Annotations", t.metadata?.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0)
    describeContainers(w, "Init Containers", spec.initContainers ?? [], [], undefined, "  ");
  describeContainers(w, "Containers", spec.containers ?? [], [], undefined, "  ");
  describeVolumes(w, spec.volumes, "  ");
  const tscs = [...(spec.topologySpreadConstraints ?? [])].sort((a, b) =>
    a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0,
  );
  tscs.forEach((c, i) => {
    w.write(0, i === 0 ? "  Topology Spread Constraints:\t" : "  \t");
    const sel = c.labelSelector ? ` for selector ${formatLabelSelector(c.labelSelector)}` : "";
    w.text += `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded${sel}\n`;
  });
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}

/** printReplicaSetsByLabels: `name (status/spec replicas created)`, comma-joined, or `<none>`. */
function replicaSetsText(rss: ReplicaSet[]): string {
  return (
    rss
      .map(
        (rs) =>
          `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`,
      )
      .join(", ") || "<none>"
  );
}

/**
 * kubectl's deploymentutil.GetAllReplicaSets: the ReplicaSets the Deployment controls, split into the
 * new one (same template, oldest first) and every old one, in creation order.
 */
export function replicaSetsOf(
  d: Deployment,
  all: ReplicaSet[],
): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const uid = d.metadata?.uid;
  const owned = all
    .filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === uid))
    .sort((a, b) => {
      const ta = parseRfc3339(a.metadata?.creationTimestamp ?? "") || 0;
      const tb = parseRfc3339(b.metadata?.creationTimestamp ?? "") || 0;
      const na = a.metadata?.name ?? "";
      const nb = b.metadata?.name ?? "";
      return ta - tb || (na < nb ? -1 : na > nb ? 1 : 0);
    });
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) };
}

export function describeDeployment(
  d: Deployment,
  rss: ReplicaSet[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = d.metadata ?? {};
  const st = d.status ?? {};
  const spec = d.spec;
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  w.write(0, `CreationTimestamp:\t${rfc(m.creationTimestamp)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec?.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec?.strategy?.type ?? ""}\n`);
  w.write(0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
  const ru = spec?.strategy?.rollingUpdate;
  if (ru)
    w.write(
      0,
      `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ""} max unavailable, ${ru.maxSurge ?? ""} max surge\n`,
    );
  describePodTemplate(spec?.template, w);
  const conds = st.conditions ?? [];
  if (conds.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  const { newRS, oldRSs } = replicaSetsOf(d, rss);
  if (newRS || oldRSs.length > 0) {
    w.write(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetsText(newRS ? [newRS] : [])}\n`);
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

/** getPodStatusForController: the pods the ReplicaSet controls, by phase. */
function podPhases(rs: ReplicaSet, pods: Pod[]): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods) {
    if (!selectorMatches(rs.spec?.selector, p.metadata?.labels)) continue;
    const ref = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== rs.metadata?.uid) continue;
    const phase = p.status?.phase ?? "";
    if (phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

export function describeReplicaSet(
  rs: ReplicaSet,
  pods: Pod[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = rs.metadata ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  const owner = (m.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(0, `Pods Status:\t${podPhases(rs, pods)}\n`);
  describePodTemplate(rs.spec?.template, w);
  const conds = rs.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
