// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go describePersistentVolume,
// describePersistentVolumeClaim (+ getPodsForPVC, printPodsMultiline) and describeStorageClass.
import type { Event, PersistentVolume, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import {
  accessModesAsString,
  isDefaultStorageClass,
  persistentVolumeClaimClass,
  persistentVolumeClass,
} from "../../sim/api/storage";
import { ageSince } from "../format/duration";
import {
  describeEvents,
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";
import { formatLabels } from "./printDaemonSet";
import { storageText } from "./printStorage";

/** Go's %v of a []string: `[a b]`. */
const goList = (l: string[] | undefined) => `[${(l ?? []).join(" ")}]`;

function status(o: { metadata?: { deletionTimestamp?: string } }, phase: string | undefined, now: number) {
  const del = o.metadata?.deletionTimestamp;
  return del ? `Terminating (lasts ${ageSince(del, now)})` : (phase ?? "");
}

export function describePersistentVolume(
  pv: PersistentVolume,
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = pv.metadata ?? {};
  const spec = pv.spec ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Finalizers:\t${goList(m.finalizers)}\n`);
  w.write(0, `StorageClass:\t${persistentVolumeClass(pv)}\n`);
  w.write(0, `Status:\t${status(pv, pv.status?.phase, now)}\n`);
  const ref = spec.claimRef;
  w.write(0, `Claim:\t${ref ? `${ref.namespace ?? ""}/${ref.name ?? ""}` : ""}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}\n`);
  w.write(0, `Access Modes:\t${accessModesAsString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${storageText(spec.capacity as Record<string, unknown>)}\n`);
  const terms = spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (!spec.nodeAffinity?.required) w.write(0, "Node Affinity:\t<none>\n");
  else {
    w.write(0, "Node Affinity:\t\n");
    w.write(1, `Required Terms:\t${terms?.length ? "" : "<none>"}\n`);
    (terms ?? []).forEach((t, i) => {
      w.write(2, `Term ${i}:\t`);
      const reqs = t.matchExpressions ?? [];
      if (reqs.length === 0) w.text += "<none>\n";
      reqs.forEach((r, j) => {
        if (j !== 0) w.write(2, "\t");
        const values = r.values?.length ? ` [${r.values.join(", ")}]` : "";
        w.text += `${r.key} ${r.operator.toLowerCase()}${values}\n`;
      });
    });
  }
  w.write(0, `Message:\t${pv.status?.message ?? ""}\n`);
  w.write(0, "Source:\n");
  if (spec.hostPath)
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? "<none>"}\n`,
    );
  else if (spec.local)
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`,
    );
  else if (spec.nfs)
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`,
    );
  else w.write(1, "<unknown>\n");
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

/** getPodsForPVC: the pods of the namespace with a volume naming the claim. */
export function podsForClaim(pvc: PersistentVolumeClaim, pods: Pod[]): Pod[] {
  return pods.filter((p) =>
    (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata?.name),
  );
}

export function describePersistentVolumeClaim(
  pvc: PersistentVolumeClaim,
  pods: Pod[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = pvc.metadata ?? {};
  const spec = pvc.spec ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  w.write(0, `StorageClass:\t${persistentVolumeClaimClass(pvc)}\n`);
  w.write(0, `Status:\t${status(pvc, pvc.status?.phase, now)}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ""}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  w.write(0, `Finalizers:\t${goList(m.finalizers)}\n`);
  const bound = !!spec.volumeName;
  w.write(0, `Capacity:\t${bound ? storageText(pvc.status?.capacity as Record<string, unknown>) : ""}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesAsString(pvc.status?.accessModes) : ""}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, "DataSource:\n");
    if (spec.dataSource.apiGroup) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(1, `Name:\t${spec.dataSource.name}\n`);
  }
  // printPodsMultiline: sorted by name, one per line
  const users = [...pods].sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  w.write(0, "Used By:\t");
  if (users.length === 0) w.text += "<none>\n";
  users.forEach((p, i) => {
    if (i !== 0) w.write(0, "\t");
    w.text += `${p.metadata?.name ?? ""}\n`;
  });
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

export function describeStorageClass(sc: StorageClass, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sc.metadata?.name ?? ""}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? "Yes" : "No"}\n`);
  w.write(0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ""}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  const exp = sc.allowVolumeExpansion;
  w.write(0, `AllowVolumeExpansion:\t${exp === undefined ? "<unset>" : exp ? "True" : "False"}\n`);
  if (!sc.mountOptions?.length) w.write(0, "MountOptions:\t<none>\n");
  else {
    w.write(0, "MountOptions:\n");
    for (const o of sc.mountOptions) w.write(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
