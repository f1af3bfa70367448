// k8s: pkg/apis/core/v1/defaults.go (SetDefaults_PersistentVolume, _PersistentVolumeClaim, _HostPathVolumeSource),
// pkg/apis/storage/v1/defaults.go (SetDefaults_StorageClass), pkg/apis/core/validation/validation.go
// (ValidatePersistentVolume[Spec|Update], ValidatePersistentVolumeClaim[Spec|Update]),
// pkg/apis/storage/validation/validation.go (ValidateStorageClass[Update]), pkg/registry/core/persistentvolume
// and persistentvolumeclaim strategy.go (status on create), plugin/pkg/admission/storage (DefaultStorageClass,
// StorageObjectInUseProtection) and component-helpers/storage/volume (the class and access-mode helpers).
import type { PersistentVolume, PersistentVolumeClaim, PersistentVolumeSpec } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { type FieldError, forbidden, GoLiteral, invalid, notSupported, required } from "./fieldErrors";
import { isDns1123Subdomain, isQualifiedName, validateObjectMeta } from "./nameValidation";
import { compareQuantities, parseQuantity, type Quantity } from "./quantity";
import { asObj, isObj } from "./validation";

export type { PersistentVolume, PersistentVolumeClaim, StorageClass };

type Obj = Record<string, unknown>;

/** v1.BetaStorageClassAnnotation: the class before spec.storageClassName existed (still read first). */
export const BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
/** storageutil.IsDefaultStorageClassAnnotation (and its beta spelling). */
export const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
const BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";
/** pv.kubernetes.io/bind-completed: the PV controller finished binding this claim. */
export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
/** pv.kubernetes.io/bound-by-controller: the controller (not the user) set the binding. */
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
/** volume.kubernetes.io/storage-provisioner: the provisioner the claim waits for. */
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
/** StorageObjectInUseProtection's finalizers. */
export const PVC_PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";
export const PV_PROTECTION_FINALIZER = "kubernetes.io/pv-protection";

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"] as const;
const PV_RECLAIM_POLICIES = ["Delete", "Recycle", "Retain"];
const SC_RECLAIM_POLICIES = ["Delete", "Retain"];
const VOLUME_MODES = ["Block", "Filesystem"];
const BINDING_MODES = ["Immediate", "WaitForFirstConsumer"];

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, comma-joined. */
export function accessModesAsString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has("ReadWriteOnce")) out.push("RWO");
  if (set.has("ReadOnlyMany")) out.push("ROX");
  if (set.has("ReadWriteMany")) out.push("RWX");
  if (set.has("ReadWriteOncePod")) out.push("RWOP");
  return out.join(",");
}

/** GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName. */
export function persistentVolumeClass(pv: PersistentVolume): string {
  return pv.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pv.spec?.storageClassName ?? "";
}

/** GetPersistentVolumeClaimClass */
export function persistentVolumeClaimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? "";
}

/** IsDefaultAnnotation: "true" on the GA or beta annotation. */
export function isDefaultStorageClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === "true" || a[BETA_DEFAULT_CLASS_ANNOTATION] === "true";
}

/** The storage quantity of a ResourceList (capacity, requests), or undefined. */
export function storageOf(list: Record<string, unknown> | undefined): Quantity | undefined {
  const v = list?.storage;
  if (typeof v !== "string" && typeof v !== "number") return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

export function setPersistentVolumeDefaults(pv: PersistentVolume): void {
  pv.spec ??= {};
  pv.spec.persistentVolumeReclaimPolicy ||= "Retain";
  pv.spec.volumeMode ??= "Filesystem";
  // SetDefaults_HostPathVolumeSource: HostPathUnset
  if (pv.spec.hostPath) pv.spec.hostPath.type ??= "";
}

export function setPersistentVolumeClaimDefaults(pvc: PersistentVolumeClaim): void {
  pvc.spec ??= {};
  pvc.spec.volumeMode ??= "Filesystem";
}

export function setStorageClassDefaults(sc: StorageClass): void {
  sc.reclaimPolicy ??= "Delete";
  sc.volumeBindingMode ??= "Immediate";
}

/**
 * What the API server does on create besides decoding: the DefaultStorageClass admission plugin fills an
 * unset class of a claim with the default one (the newest when several), StorageObjectInUseProtection adds
 * the protection finalizer, and the strategies' PrepareForCreate start the status at Pending (a PV also
 * records when its phase last changed).
 */
export function prepareStorageCreate(
  kind: "PersistentVolume" | "PersistentVolumeClaim",
  obj: Obj,
  classes: readonly StorageClass[],
  now: string,
): void {
  obj.metadata ??= {};
  const meta = obj.metadata as { finalizers?: string[]; annotations?: Record<string, string> };
  const finalizer = kind === "PersistentVolume" ? PV_PROTECTION_FINALIZER : PVC_PROTECTION_FINALIZER;
  if (!(meta.finalizers ?? []).includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
  if (kind === "PersistentVolume") {
    obj.status = { phase: "Pending", lastPhaseTransitionTime: now };
    return;
  }
  const pvc = obj as PersistentVolumeClaim;
  const spec = pvc.spec ?? {};
  if (
    spec.storageClassName === undefined &&
    meta.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] === undefined
  ) {
    const defaults = classes
      .filter(isDefaultStorageClass)
      .sort(
        (a, b) =>
          (b.metadata?.creationTimestamp ?? "").localeCompare(a.metadata?.creationTimestamp ?? "") ||
          (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""),
      );
    if (defaults.length > 0) spec.storageClassName = defaults[0].metadata?.name;
  }
  obj.status = { phase: "Pending" };
}

/** Go's %#v of a ResourceList the validator could not accept. */
function resourceListLiteral(list: unknown): GoLiteral {
  const keys = isObj(list) ? Object.keys(list) : [];
  if (keys.length === 0) return new GoLiteral("core.ResourceList(nil)");
  return new GoLiteral(`core.ResourceList{${keys.map((k) => `"${k}":resource.Quantity{…}`).join(", ")}}`);
}

function validateAccessModes(
  modes: unknown,
  field: string,
  requiredDetail: string,
  errs: FieldError[],
): void {
  const list = Array.isArray(modes) ? modes : [];
  if (list.length === 0) errs.push(required(field, requiredDetail || undefined));
  let rwop = false;
  let other = false;
  for (const m of list) {
    if (!(ACCESS_MODES as readonly unknown[]).includes(m)) errs.push(notSupported(field, m, ACCESS_MODES));
    if (m === "ReadWriteOncePod") rwop = true;
    else if ((ACCESS_MODES as readonly unknown[]).includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(field, "may not use ReadWriteOncePod with other access modes"));
}

/** ValidatePositiveQuantityValue (the quantity is parsed here: a bad one fails decoding, 400). */
function positiveQuantity(v: unknown, field: string, errs: FieldError[]): void {
  const q = parseQuantity(v as string | number);
  if (compareQuantities(q, { num: 0n, den: 1n, format: "DecimalSI" }) <= 0)
    errs.push(invalid(field, String(v), "must be greater than zero"));
}

function validateClassName(v: unknown, field: string, errs: FieldError[]): void {
  if (typeof v !== "string" || v === "") return;
  for (const msg of isDns1123Subdomain(v)) errs.push(invalid(field, v, msg));
}

/** The volume sources a PV may name (one of them). */
const PV_SOURCES = [
  "hostPath",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "glusterfs",
  "flocker",
  "nfs",
  "rbd",
  "quobyte",
  "cephfs",
  "iscsi",
  "cinder",
  "fc",
  "flexVolume",
  "azureFile",
  "vsphereVolume",
  "photonPersistentDisk",
  "portworxVolume",
  "azureDisk",
  "scaleIO",
  "local",
  "storageos",
  "csi",
];

/** ValidatePersistentVolume: metadata (DNS subdomain, cluster-scoped), then ValidatePersistentVolumeSpec. */
export function validatePersistentVolume(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, false, "subdomain");
  const spec = asObj(o.spec);
  validateAccessModes(spec.accessModes, "spec.accessModes", "", errs);
  const capacity = spec.capacity;
  const capKeys = isObj(capacity) ? Object.keys(capacity) : [];
  if (capKeys.length === 0) errs.push(required("spec.capacity"));
  if (!capKeys.includes("storage") || capKeys.length > 1)
    errs.push(notSupported("spec.capacity", resourceListLiteral(capacity), ["storage"]));
  for (const k of capKeys) positiveQuantity(asObj(capacity)[k], `spec.capacity[${k}]`, errs);
  const policy = spec.persistentVolumeReclaimPolicy;
  if (typeof policy === "string" && policy !== "" && !PV_RECLAIM_POLICIES.includes(policy))
    errs.push(notSupported("spec.persistentVolumeReclaimPolicy", policy, PV_RECLAIM_POLICIES));
  let sources = 0;
  for (const s of PV_SOURCES) {
    if (spec[s] === undefined || spec[s] === null) continue;
    if (sources > 0) {
      errs.push(forbidden(`spec.${s}`, "may not specify more than 1 volume type"));
      continue;
    }
    sources++;
    if (s === "hostPath") {
      const path = asObj(spec.hostPath).path;
      if (typeof path !== "string" || path === "") errs.push(required("spec.hostPath.path"));
      else if (path.split("/").includes(".."))
        errs.push(invalid("spec.hostPath.path", path, "must not contain '..'"));
    }
    if (s === "local") {
      const path = asObj(spec.local).path;
      if (typeof path !== "string" || path === "") errs.push(required("spec.local.path"));
      if (!isObj(spec.nodeAffinity))
        errs.push(required("spec.nodeAffinity", "Local volume requires node affinity"));
    }
  }
  if (sources === 0) errs.push(required("spec", "must specify a volume type"));
  const hostPath = asObj(spec.hostPath).path;
  if (
    typeof hostPath === "string" &&
    hostPath.replace(/\/+$/, "") === "" &&
    hostPath.startsWith("/") &&
    policy === "Recycle"
  )
    errs.push(
      forbidden("spec.persistentVolumeReclaimPolicy", "may not be 'recycle' for a hostPath mount of '/'"),
    );
  validateClassName(spec.storageClassName, "spec.storageClassName", errs);
  const mode = spec.volumeMode;
  if (typeof mode === "string" && !VOLUME_MODES.includes(mode))
    errs.push(notSupported("spec.volumeMode", mode, VOLUME_MODES));
  const vac = spec.volumeAttributesClassName;
  if (typeof vac === "string") {
    if (vac === "") errs.push(required("spec.volumeAttributesClassName", "an empty string is disallowed"));
    else validateClassName(vac, "spec.volumeAttributesClassName", errs);
    if (!isObj(spec.csi))
      errs.push(required("spec.csi", "has to be specified when using volumeAttributesClassName"));
  }
  return errs;
}

const sourceOf = (spec: Obj): Obj => {
  const out: Obj = {};
  for (const s of PV_SOURCES) if (spec[s] !== undefined) out[s] = spec[s];
  return out;
};

/** ValidatePersistentVolumeUpdate: the volume source and volumeMode are immutable. */
export function validatePersistentVolumeUpdate(obj: unknown, old: unknown): FieldError[] {
  const errs = validatePersistentVolume(obj);
  const spec = asObj(asObj(obj).spec);
  const oldSpec = asObj(asObj(old).spec);
  // the real message carries a cmp.Diff of the two sources after this line
  if (JSON.stringify(sourceOf(spec)) !== JSON.stringify(sourceOf(oldSpec)))
    errs.push(
      forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation"),
    );
  if (spec.volumeMode !== oldSpec.volumeMode)
    errs.push(invalid("volumeMode", spec.volumeMode, "field is immutable"));
  return errs;
}

/** ValidatePersistentVolumeClaim: metadata, then ValidatePersistentVolumeClaimSpec. */
export function validatePersistentVolumeClaim(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, true, "subdomain");
  const spec = asObj(o.spec);
  validateAccessModes(spec.accessModes, "spec.accessModes", "at least 1 access mode is required", errs);
  const requests = asObj(asObj(spec.resources).requests);
  if (requests.storage === undefined || requests.storage === null)
    errs.push(required("spec.resources[storage]"));
  else positiveQuantity(requests.storage, "spec.resources[storage]", errs);
  validateClassName(spec.storageClassName, "spec.storageClassName", errs);
  const mode = spec.volumeMode;
  if (typeof mode === "string" && !VOLUME_MODES.includes(mode))
    errs.push(notSupported("spec.volumeMode", mode, VOLUME_MODES));
  validateClassName(spec.volumeAttributesClassName, "spec.volumeAttributesClassName", errs);
  return errs;
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is immutable but for volumeName (set once), a class
 * filled in where there was none, and for a bound claim its storage request (expansion).
 */
export function validatePersistentVolumeClaimUpdate(obj: unknown, old: unknown): FieldError[] {
  const errs = validatePersistentVolumeClaim(obj);
  const next = structuredClone(asObj(asObj(obj).spec));
  const prev = structuredClone(asObj(asObj(old).spec));
  if (!prev.volumeName) prev.volumeName = next.volumeName;
  if (prev.storageClassName === undefined && next.storageClassName !== undefined)
    prev.storageClassName = next.storageClassName;
  const phase = asObj(asObj(old).status).phase;
  const nextReq = asObj(asObj(next.resources).requests);
  const prevReq = asObj(asObj(prev.resources).requests);
  if (phase === "Bound" && isObj(asObj(next.resources).requests)) nextReq.storage = prevReq.storage;
  next.volumeAttributesClassName = prev.volumeAttributesClassName;
  if (JSON.stringify(sortDeep(next)) !== JSON.stringify(sortDeep(prev)))
    // the real message continues with a cmp.Diff of the two specs
    errs.push(
      forbidden(
        "spec",
        "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
      ),
    );
  const newSize = storageOf(asObj(asObj(asObj(obj).spec).resources).requests as Obj);
  const oldSize = storageOf(asObj(asObj(asObj(old).spec).resources).requests as Obj);
  const statusSize = storageOf(asObj(asObj(old).status).capacity as Obj);
  // RecoverVolumeExpansionFailure (GA 1.34): shrink down to, not below, the status capacity
  if (
    newSize &&
    oldSize &&
    compareQuantities(newSize, oldSize) < 0 &&
    statusSize &&
    compareQuantities(newSize, statusSize) <= 0
  )
    errs.push(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
  const nextMode = asObj(asObj(obj).spec).volumeMode;
  const prevMode = asObj(asObj(old).spec).volumeMode;
  if (nextMode !== prevMode) errs.push(invalid("volumeMode", nextMode, "field is immutable"));
  return errs;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortDeep(v[k]);
  return out;
}

/** ValidateStorageClass */
export function validateStorageClass(obj: unknown): FieldError[] {
  const o = asObj(obj);
  const errs = validateObjectMeta(o.metadata, false, "subdomain");
  const p = o.provisioner;
  if (typeof p !== "string" || p === "") errs.push(required("provisioner"));
  else for (const msg of isQualifiedName(p.toLowerCase())) errs.push(invalid("provisioner", p, msg));
  const policy = o.reclaimPolicy;
  if (typeof policy === "string" && !SC_RECLAIM_POLICIES.includes(policy))
    errs.push(notSupported("reclaimPolicy", policy, SC_RECLAIM_POLICIES));
  const mode = o.volumeBindingMode;
  if (mode === undefined || mode === null || mode === "") errs.push(required("volumeBindingMode"));
  else if (typeof mode !== "string" || !BINDING_MODES.includes(mode))
    errs.push(notSupported("volumeBindingMode", mode, BINDING_MODES));
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner, reclaimPolicy and volumeBindingMode stay. */
export function validateStorageClassUpdate(obj: unknown, old: unknown): FieldError[] {
  const errs = validateStorageClass(obj);
  const n = asObj(obj);
  const o = asObj(old);
  if (JSON.stringify(sortDeep(n.parameters ?? {})) !== JSON.stringify(sortDeep(o.parameters ?? {})))
    errs.push(forbidden("parameters", "updates to parameters are forbidden."));
  if (n.provisioner !== o.provisioner)
    errs.push(forbidden("provisioner", "updates to provisioner are forbidden."));
  if (n.reclaimPolicy !== o.reclaimPolicy)
    errs.push(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
  if (n.volumeBindingMode !== o.volumeBindingMode)
    errs.push(invalid("volumeBindingMode", n.volumeBindingMode, "field is immutable"));
  return errs;
}

/** Decode-time shape checks (json: cannot unmarshal …). */
export function storageDecodeProblem(kind: string, obj: Obj): string | undefined {
  const spec = obj.spec;
  if (kind === "StorageClass") {
    for (const k of ["provisioner", "reclaimPolicy", "volumeBindingMode"]) {
      const v = obj[k];
      if (v !== undefined && v !== null && typeof v !== "string")
        return `json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go struct field StorageClass.${k} of type string`;
    }
    return undefined;
  }
  if (spec === undefined || spec === null) return undefined;
  const specType = kind === "PersistentVolume" ? "v1.PersistentVolumeSpec" : "v1.PersistentVolumeClaimSpec";
  if (!isObj(spec))
    return `json: cannot unmarshal ${Array.isArray(spec) ? "array" : typeof spec} into Go struct field ${kind}.spec of type ${specType}`;
  const modes = spec.accessModes;
  if (modes !== undefined && modes !== null && !Array.isArray(modes))
    return `json: cannot unmarshal ${typeof modes} into Go struct field ${specType.slice(3)}.spec.accessModes of type []v1.PersistentVolumeAccessMode`;
  return undefined;
}

/** The whole PersistentVolumeSpec source check the kubelet needs: the PV's hostPath, if that is its source. */
export function hostPathOf(spec: PersistentVolumeSpec | undefined): string | undefined {
  return spec?.hostPath?.path;
}

/** The storage kinds this file serves (the registry's dispatch). */
export type StorageKind = "PersistentVolume" | "PersistentVolumeClaim" | "StorageClass";
export const isStorageKind = (kind: string): kind is StorageKind =>
  kind === "PersistentVolume" || kind === "PersistentVolumeClaim" || kind === "StorageClass";

export function setStorageDefaults(kind: StorageKind, obj: unknown): void {
  if (kind === "PersistentVolume") setPersistentVolumeDefaults(obj as PersistentVolume);
  else if (kind === "PersistentVolumeClaim") setPersistentVolumeClaimDefaults(obj as PersistentVolumeClaim);
  else setStorageClassDefaults(obj as StorageClass);
}

export function validateStorageKind(kind: StorageKind, obj: unknown): FieldError[] {
  if (kind === "PersistentVolume") return validatePersistentVolume(obj);
  if (kind === "PersistentVolumeClaim") return validatePersistentVolumeClaim(obj);
  return validateStorageClass(obj);
}

export function validateStorageKindUpdate(kind: StorageKind, obj: unknown, old: unknown): FieldError[] {
  if (kind === "PersistentVolume") return validatePersistentVolumeUpdate(obj, old);
  if (kind === "PersistentVolumeClaim") return validatePersistentVolumeClaimUpdate(obj, old);
  return validateStorageClassUpdate(obj, old);
}
