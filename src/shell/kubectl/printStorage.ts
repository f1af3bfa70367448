// k8s: pkg/printers/internalversion/printers.go printPersistentVolume, printPersistentVolumeClaim,
// printStorageClass — the columns of `kubectl get pv`, `get pvc` (-o wide adds VOLUMEMODE) and `get sc`.
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { canonicalQuantity } from "../../sim/api/quantity";
import {
  accessModesAsString,
  isDefaultStorageClass,
  persistentVolumeClaimClass,
  persistentVolumeClass,
} from "../../sim/api/storage";
import type { KubeObject } from "../../sim/apiserver/types";
import { ageSince } from "../format/duration";

/** resource.Quantity.String() of a ResourceList's storage (the zero Quantity prints "0"). */
export const storageText = (list: Record<string, unknown> | undefined): string => {
  const v = list?.storage;
  return typeof v === "string" || typeof v === "number" ? canonicalQuantity(v) : "0";
};

export const PERSISTENTVOLUME_PRINTER = {
  headers: [
    "NAME",
    "CAPACITY",
    "ACCESS MODES",
    "RECLAIM POLICY",
    "STATUS",
    "CLAIM",
    "STORAGECLASS",
    "VOLUMEATTRIBUTESCLASS",
    "REASON",
    "AGE",
  ],
  wide: ["VOLUMEMODE"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const pv = o as PersistentVolume;
    const ref = pv.spec?.claimRef;
    const cells = [
      pv.metadata?.name ?? "",
      storageText(pv.spec?.capacity as Record<string, unknown>),
      accessModesAsString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? "",
      pv.metadata?.deletionTimestamp ? "Terminating" : (pv.status?.phase ?? ""),
      ref ? `${ref.namespace ?? ""}/${ref.name ?? ""}` : "",
      persistentVolumeClass(pv),
      pv.spec?.volumeAttributesClassName ?? "<unset>",
      pv.status?.reason ?? "",
      ageSince(pv.metadata?.creationTimestamp, now),
    ];
    return wide ? [...cells, pv.spec?.volumeMode ?? "<unset>"] : cells;
  },
};

export const PERSISTENTVOLUMECLAIM_PRINTER = {
  headers: [
    "NAME",
    "STATUS",
    "VOLUME",
    "CAPACITY",
    "ACCESS MODES",
    "STORAGECLASS",
    "VOLUMEATTRIBUTESCLASS",
    "AGE",
  ],
  wide: ["VOLUMEMODE"],
  row(o: KubeObject, now: number, wide: boolean): string[] {
    const pvc = o as PersistentVolumeClaim;
    const bound = !!pvc.spec?.volumeName;
    const cells = [
      pvc.metadata?.name ?? "",
      pvc.metadata?.deletionTimestamp ? "Terminating" : (pvc.status?.phase ?? ""),
      pvc.spec?.volumeName ?? "",
      bound ? storageText(pvc.status?.capacity as Record<string, unknown>) : "",
      bound ? accessModesAsString(pvc.status?.accessModes) : "",
      persistentVolumeClaimClass(pvc),
      pvc.spec?.volumeAttributesClassName ?? "<unset>",
      ageSince(pvc.metadata?.creationTimestamp, now),
    ];
    return wide ? [...cells, pvc.spec?.volumeMode ?? "<unset>"] : cells;
  },
};

export const STORAGECLASS_PRINTER = {
  headers: ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
  wide: [],
  row(o: KubeObject, now: number): string[] {
    const sc = o as unknown as StorageClass;
    return [
      `${sc.metadata?.name ?? ""}${isDefaultStorageClass(sc) ? " (default)" : ""}`,
      sc.provisioner ?? "",
      sc.reclaimPolicy ?? "Delete",
      sc.volumeBindingMode ?? "Immediate",
      String(sc.allowVolumeExpansion === true),
      ageSince(sc.metadata?.creationTimestamp, now),
    ];
  },
};
