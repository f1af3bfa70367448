// k8s: pkg/registry/core/* (resource names, scopes) + apimachinery api/errors — the API server's error texts.
import type { Pod } from "kubernetes-types/core/v1";
import {
  appsDecodeProblem,
  setDeploymentDefaults,
  setReplicaSetDefaults,
  validateAppsUpdate,
  validateDeployment,
  validateReplicaSet,
} from "../api/apps";
import {
  batchDecodeProblem,
  setCronJobDefaults,
  setJobDefaults,
  validateCronJob,
  validateCronJobUpdate,
  validateJob,
  validateJobUpdate,
} from "../api/batch";
import {
  daemonSetDecodeProblem,
  setDaemonSetDefaults,
  validateDaemonSet,
  validateDaemonSetUpdate,
} from "../api/daemonSet";
import {
  admitPodCreate,
  type PodAdmissionOptions,
  podQosClass,
  setNamespaceDefaults,
  setPodDefaults,
  setSecretDefaults,
  setServiceDefaults,
} from "../api/defaults";
import type { FieldError } from "../api/fieldErrors";
import {
  setLimitRangeDefaults,
  setResourceQuotaDefaults,
  validateLimitRange,
  validateResourceQuota,
} from "../api/limitsAndQuotas";
import { podDisruptionBudgetDecodeProblem, validatePodDisruptionBudget } from "../api/policy";
import { QUANTITY_ERROR } from "../api/quantity";
import { validateBinding, validateBindingUpdate, validateRole } from "../api/rbac";
import {
  replicationControllerDecodeProblem,
  setReplicationControllerDefaults,
  validateReplicationController,
} from "../api/replicationController";
import {
  setStatefulSetDefaults,
  statefulSetDecodeProblem,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from "../api/statefulSet";
import {
  isStorageKind,
  setStorageDefaults,
  storageDecodeProblem,
  validateStorageKind,
  validateStorageKindUpdate,
} from "../api/storage";
import { validateObject, validateObjectUpdate } from "../api/validation";
import { ApiError, type KubeObject, type ObjectKind } from "./types";

/** The resource name kubectl prints in errors: `pods "web" not found`. */
export const RESOURCE: Record<ObjectKind, string> = {
  Pod: "pods",
  Node: "nodes",
  Event: "events",
  Namespace: "namespaces",
  ConfigMap: "configmaps",
  Secret: "secrets",
  ServiceAccount: "serviceaccounts",
  Service: "services",
  Endpoints: "endpoints",
  EndpointSlice: "endpointslices.discovery.k8s.io",
  RuntimeClass: "runtimeclasses.node.k8s.io",
  Lease: "leases.coordination.k8s.io",
  Deployment: "deployments.apps",
  ReplicaSet: "replicasets.apps",
  DaemonSet: "daemonsets.apps",
  StatefulSet: "statefulsets.apps",
  ReplicationController: "replicationcontrollers",
  ControllerRevision: "controllerrevisions.apps",
  Job: "jobs.batch",
  CronJob: "cronjobs.batch",
  LimitRange: "limitranges",
  ResourceQuota: "resourcequotas",
  PersistentVolume: "persistentvolumes",
  PersistentVolumeClaim: "persistentvolumeclaims",
  StorageClass: "storageclasses.storage.k8s.io",
  PodDisruptionBudget: "poddisruptionbudgets.policy",
  Role: "roles.rbac.authorization.k8s.io",
  RoleBinding: "rolebindings.rbac.authorization.k8s.io",
  ClusterRole: "clusterroles.rbac.authorization.k8s.io",
  ClusterRoleBinding: "clusterrolebindings.rbac.authorization.k8s.io",
};

export const API_VERSION: Record<ObjectKind, string> = {
  Pod: "v1",
  Node: "v1",
  Event: "v1",
  Namespace: "v1",
  ConfigMap: "v1",
  Secret: "v1",
  ServiceAccount: "v1",
  Service: "v1",
  Endpoints: "v1",
  EndpointSlice: "discovery.k8s.io/v1",
  RuntimeClass: "node.k8s.io/v1",
  Lease: "coordination.k8s.io/v1",
  Deployment: "apps/v1",
  ReplicaSet: "apps/v1",
  DaemonSet: "apps/v1",
  StatefulSet: "apps/v1",
  ReplicationController: "v1",
  ControllerRevision: "apps/v1",
  Job: "batch/v1",
  CronJob: "batch/v1",
  LimitRange: "v1",
  ResourceQuota: "v1",
  PersistentVolume: "v1",
  PersistentVolumeClaim: "v1",
  StorageClass: "storage.k8s.io/v1",
  PodDisruptionBudget: "policy/v1",
  Role: "rbac.authorization.k8s.io/v1",
  RoleBinding: "rbac.authorization.k8s.io/v1",
  ClusterRole: "rbac.authorization.k8s.io/v1",
  ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
};

const CLUSTER_SCOPED: ReadonlySet<ObjectKind> = new Set([
  "Node",
  "Namespace",
  "RuntimeClass",
  "PersistentVolume",
  "StorageClass",
  "ClusterRole",
  "ClusterRoleBinding",
]);
export const isNamespaced = (kind: ObjectKind): boolean => !CLUSTER_SCOPED.has(kind);

/** Kinds whose .status is written only through the status subresource. */
export const HAS_STATUS: ReadonlySet<ObjectKind> = new Set([
  "Pod",
  "ResourceQuota",
  "Node",
  "Namespace",
  "Service",
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "PodDisruptionBudget",
]);

/** Kinds whose metadata.generation counts spec changes (PrepareForCreate sets 1, PrepareForUpdate bumps it). */
export const HAS_GENERATION: ReadonlySet<ObjectKind> = new Set([
  "Pod",
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "PodDisruptionBudget",
]);

export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export const notFound = (kind: ObjectKind, name: string) =>
  new ApiError(404, "NotFound", `${RESOURCE[kind]} "${name}" not found`);
export const alreadyExists = (kind: ObjectKind, name: string) =>
  new ApiError(409, "AlreadyExists", `${RESOURCE[kind]} "${name}" already exists`);
export const conflict = (kind: ObjectKind, name: string) =>
  new ApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${RESOURCE[kind]} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
export const forbiddenError = (kind: ObjectKind, name: string, why: string) =>
  new ApiError(403, "Forbidden", `${RESOURCE[kind]} "${name}" is forbidden: ${why}`);

/** What the decoder says when the body is not a valid object of the kind (HTTP 400). */
export const cannotDecode = (kind: ObjectKind, why: string) =>
  new ApiError(
    400,
    "BadRequest",
    `${kind} in version "${API_VERSION[kind].replace(/^.*\//, "")}" cannot be handled as a ${kind}: ${why}`,
  );
export const quantityDecodeError = (kind: ObjectKind) => cannotDecode(kind, QUANTITY_ERROR);

const typeName = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);

function expect(kind: ObjectKind, v: unknown, want: "object" | "array", path: string, goType: string): void {
  if (v === undefined || v === null) return;
  if (want === "array" ? Array.isArray(v) : typeof v === "object" && !Array.isArray(v)) return;
  const js = typeName(v) === "object" ? "object" : typeName(v);
  throw cannotDecode(kind, `json: cannot unmarshal ${js} into Go struct field ${path} of type ${goType}`);
}

/** A shallow structural decode: the shapes our defaulting and validation walk must be objects/arrays. */
export function decodeCheck(kind: ObjectKind, obj: unknown): asserts obj is KubeObject {
  if (!obj || typeof obj !== "object" || Array.isArray(obj))
    throw cannotDecode(kind, `json: cannot unmarshal ${typeName(obj)} into Go value of type v1.${kind}`);
  const o = obj as Record<string, unknown>;
  expect(kind, o.metadata, "object", `${kind}.metadata`, "v1.ObjectMeta");
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  for (const k of ["name", "generateName", "namespace", "resourceVersion"])
    if (meta[k] !== undefined && meta[k] !== null && typeof meta[k] !== "string")
      throw cannotDecode(
        kind,
        `json: cannot unmarshal ${typeName(meta[k])} into Go struct field ObjectMeta.metadata.${k} of type string`,
      );
  expect(kind, meta.labels, "object", "ObjectMeta.metadata.labels", "map[string]string");
  expect(kind, meta.annotations, "object", "ObjectMeta.metadata.annotations", "map[string]string");
  if (kind === "Deployment" || kind === "ReplicaSet") {
    const problem = appsDecodeProblem(kind, o);
    if (problem) throw cannotDecode(kind, problem);
    return;
  }
  if (kind === "DaemonSet") {
    const problem = daemonSetDecodeProblem(o);
    if (problem) throw cannotDecode(kind, problem);
    return;
  }
  if (kind === "StatefulSet") {
    const problem = statefulSetDecodeProblem(o);
    if (problem) throw cannotDecode(kind, problem);
    return;
  }
  if (kind === "ReplicationController") {
    const problem = replicationControllerDecodeProblem(o);
    if (problem) throw cannotDecode(kind, problem);
    return;
  }
  if (kind === "Job" || kind === "CronJob") {
    const problem = batchDecodeProblem(kind, o);
    if (problem) throw cannotDecode(kind, problem);
    return;
  }
  if (kind === "PodDisruptionBudget") {
    const problem = podDisruptionBudgetDecodeProblem(o);
    if (problem) throw cannotDecode(kind, problem);
    return;
  }
  if (isStorageKind(kind)) {
    const problem = storageDecodeProblem(kind, o);
    if (problem) throw cannotDecode(kind, problem);
    return;
  }
  if (kind !== "Pod") return;
  expect(kind, o.spec, "object", "Pod.spec", "v1.PodSpec");
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  for (const list of ["containers", "initContainers", "volumes", "tolerations"]) {
    expect(
      kind,
      spec[list],
      "array",
      `PodSpec.spec.${list}`,
      `[]v1.${list === "volumes" ? "Volume" : list === "tolerations" ? "Toleration" : "Container"}`,
    );
    for (const item of (spec[list] as unknown[] | undefined) ?? []) {
      expect(kind, item, "object", `PodSpec.spec.${list}`, "v1.Container");
      if (item === null)
        throw cannotDecode(kind, `json: cannot unmarshal null into Go struct field PodSpec.spec.${list}`);
      if (list !== "containers" && list !== "initContainers") continue;
      const c = item as Record<string, unknown>;
      for (const k of ["name", "image", "imagePullPolicy", "restartPolicy"])
        if (c[k] !== undefined && c[k] !== null && typeof c[k] !== "string")
          throw cannotDecode(
            kind,
            `json: cannot unmarshal ${typeName(c[k])} into Go struct field Container.spec.${list}.${k} of type string`,
          );
      for (const k of ["ports", "env", "volumeMounts"]) {
        expect(kind, c[k], "array", `Container.spec.${list}.${k}`, "[]v1.ContainerPort");
        for (const e of (c[k] as unknown[] | undefined) ?? [])
          if (!e || typeof e !== "object" || Array.isArray(e))
            throw cannotDecode(
              kind,
              `json: cannot unmarshal ${typeName(e)} into Go struct field Container.spec.${list}.${k}`,
            );
      }
      expect(kind, c.resources, "object", `Container.spec.${list}.resources`, "v1.ResourceRequirements");
      const res = (c.resources ?? {}) as Record<string, unknown>;
      expect(kind, res.limits, "object", "ResourceRequirements.limits", "v1.ResourceList");
      expect(kind, res.requests, "object", "ResourceRequirements.requests", "v1.ResourceList");
      for (const k of ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "securityContext"])
        expect(kind, c[k], "object", `Container.spec.${list}.${k}`, "v1.Probe");
      for (const k of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        const p = (c[k] ?? {}) as Record<string, unknown>;
        for (const h of ["exec", "httpGet", "tcpSocket", "grpc"])
          expect(kind, p[h], "object", `Probe.${k}.${h}`, "v1.Handler");
      }
    }
  }
  for (const k of ["securityContext", "nodeSelector"])
    expect(kind, spec[k], "object", `PodSpec.spec.${k}`, "object");
  expect(kind, o.status, "object", "Pod.status", "v1.PodStatus");
}

/** Decoding defaults (SetDefaults_*) for a kind; pods also get a fresh Pending status on create. */
export function applyDefaults(kind: ObjectKind, obj: KubeObject): void {
  if (kind === "Pod") setPodDefaults(obj as Pod);
  else if (kind === "Service") setServiceDefaults(obj as never);
  else if (kind === "Namespace") setNamespaceDefaults(obj as never);
  else if (kind === "Secret") setSecretDefaults(obj as never);
  else if (kind === "Deployment") setDeploymentDefaults(obj as never);
  else if (kind === "ReplicaSet") setReplicaSetDefaults(obj as never);
  else if (kind === "DaemonSet") setDaemonSetDefaults(obj as never);
  else if (kind === "StatefulSet") setStatefulSetDefaults(obj as never);
  else if (kind === "ReplicationController") setReplicationControllerDefaults(obj as never);
  else if (kind === "Job") setJobDefaults(obj as never);
  else if (kind === "CronJob") setCronJobDefaults(obj as never);
  else if (kind === "LimitRange") setLimitRangeDefaults(obj as never);
  else if (kind === "ResourceQuota") setResourceQuotaDefaults(obj as never);
  else if (isStorageKind(kind)) setStorageDefaults(kind, obj);
}

/** The strategy's Validate: apps kinds have their own rules (pkg/apis/apps/validation). */
export function validateKind(kind: ObjectKind, obj: KubeObject): FieldError[] {
  if (kind === "Deployment") return validateDeployment(obj);
  if (kind === "ReplicaSet") return validateReplicaSet(obj);
  if (kind === "DaemonSet") return validateDaemonSet(obj);
  if (kind === "StatefulSet") return validateStatefulSet(obj);
  if (kind === "ReplicationController") return validateReplicationController(obj);
  if (kind === "Job") return validateJob(obj);
  if (kind === "CronJob") return validateCronJob(obj);
  if (kind === "LimitRange") return validateLimitRange(obj);
  if (kind === "ResourceQuota") return validateResourceQuota(obj);
  if (isStorageKind(kind)) return validateStorageKind(kind, obj);
  if (kind === "PodDisruptionBudget") return validatePodDisruptionBudget(obj);
  if (kind === "Role" || kind === "ClusterRole") return validateRole(obj, kind === "Role");
  if (kind === "RoleBinding" || kind === "ClusterRoleBinding")
    return validateBinding(obj, kind === "RoleBinding");
  return validateObject(kind, obj);
}

/** The strategy's ValidateUpdate. */
export function validateKindUpdate(kind: ObjectKind, obj: KubeObject, old: KubeObject): FieldError[] {
  if (kind === "Deployment" || kind === "ReplicaSet") return validateAppsUpdate(kind, obj, old);
  if (kind === "DaemonSet") return validateDaemonSetUpdate(obj, old);
  if (kind === "StatefulSet") return validateStatefulSetUpdate(obj, old);
  if (kind === "ReplicationController") return validateReplicationController(obj);
  if (kind === "Job") return validateJobUpdate(obj, old);
  if (kind === "CronJob") return validateCronJobUpdate(obj, old);
  if (kind === "LimitRange") return validateLimitRange(obj);
  if (kind === "ResourceQuota") return validateResourceQuota(obj);
  if (isStorageKind(kind)) return validateStorageKindUpdate(kind, obj, old);
  if (kind === "PodDisruptionBudget") return validatePodDisruptionBudget(obj);
  if (kind === "Role" || kind === "ClusterRole") return validateRole(obj, kind === "Role");
  if (kind === "RoleBinding" || kind === "ClusterRoleBinding")
    return validateBindingUpdate(obj, old, kind === "RoleBinding");
  return validateObjectUpdate(kind, obj, old);
}

/** PodStrategy.PrepareForCreate + mutating admission. */
export function preparePodCreate(
  pod: Pod,
  tokenVolumeSuffix: string | undefined,
  serviceAccount?: Pick<PodAdmissionOptions, "serviceAccount" | "mirrorPod">,
): void {
  admitPodCreate(pod, { tokenVolumeSuffix, ...serviceAccount });
  (pod as { status?: unknown }).status = { phase: "Pending", qosClass: podQosClass(pod.spec) };
}
