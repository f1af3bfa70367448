// The API server's surface as its clients (kubelet, scheduler, kubectl) see it. In-memory and
// synchronous: the interesting asynchrony of this product lives at the CRI seam.
import type { Event, Node, Pod } from "kubernetes-types/core/v1";
import type { Actor } from "../trace";

export type ObjectKind =
  | "Pod"
  | "Node"
  | "Event"
  | "Namespace"
  | "ConfigMap"
  | "Secret"
  | "ServiceAccount"
  | "Service"
  | "Endpoints"
  | "EndpointSlice"
  | "RuntimeClass"
  | "Lease"
  | "Deployment"
  | "ReplicaSet"
  | "DaemonSet"
  | "StatefulSet"
  | "ReplicationController"
  | "ControllerRevision"
  | "Job"
  | "CronJob"
  | "PersistentVolume"
  | "PersistentVolumeClaim"
  | "StorageClass"
  | "LimitRange"
  | "ResourceQuota"
  | "PodDisruptionBudget"
  | "Role"
  | "RoleBinding"
  | "ClusterRole"
  | "ClusterRoleBinding";

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    generation?: number;
    ownerReferences?: unknown[];
  };
  [key: string]: unknown;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface ListOptions {
  /** Undefined = all namespaces (for namespaced kinds). */
  namespace?: string;
  /** `app=web,tier!=db` */
  labelSelector?: string;
  /** `spec.nodeName=node-1`, `metadata.name=web`, `involvedObject.name=web` */
  fieldSelector?: string;
}

export interface DeleteOptions {
  /** Overrides the object's grace period; 0 with force deletes at once. */
  gracePeriodSeconds?: number;
  /** What happens to dependents (ownerReferences): the garbage collector's policy (default Background). */
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
}

/** An API error as kubectl prints it: `Error from server (NotFound): pods "web" not found`. */
export class ApiError extends Error {
  constructor(
    /** HTTP status: 404, 409, 422, 403, 400 */
    readonly code: number,
    /** StatusReason: NotFound, AlreadyExists, Invalid, Forbidden, BadRequest, Conflict */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiServerClient {
  /** `actor` names the caller in the trace (the kubelet posting a mirror pod); default "user". */
  create<T extends object = KubeObject>(kind: ObjectKind, obj: T, actor?: Actor): T;
  get<T extends object = KubeObject>(kind: ObjectKind, namespace: string | undefined, name: string): T;
  /** Like get, but undefined instead of NotFound. */
  tryGet<T extends object = KubeObject>(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
  ): T | undefined;
  list<T extends object = KubeObject>(kind: ObjectKind, opts?: ListOptions): T[];
  /** `actor` names the caller in the trace (the kubelet renewing its node Lease); default "user". */
  update<T extends object = KubeObject>(
    kind: ObjectKind,
    obj: T,
    actor?: Actor,
    /** dryRun: validation and admission only (`--dry-run=server`), nothing stored. */
    opts?: { dryRun?: boolean },
  ): T;
  /** Replace .status only (the kubelet's status manager writes through this). */
  updateStatus<T extends object = KubeObject>(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
    status: unknown,
  ): T;
  /** Graceful for pods: sets deletionTimestamp; the kubelet finishes it with gracePeriodSeconds 0. */
  delete(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): KubeObject | undefined;
  /** The pods/ephemeralcontainers subresource: set spec.ephemeralContainers (additions only). */
  updateEphemeralContainers?(
    namespace: string,
    name: string,
    ephemeralContainers: import("kubernetes-types/core/v1").EphemeralContainer[],
  ): Pod;
  /** The pods/eviction subresource: checks the pod's PodDisruptionBudget, then a graceful delete marked DisruptionTarget. */
  evict?(namespace: string, name: string, opts?: DeleteOptions): void;
  /** The pods/resize subresource (in-place resize): containers' resources and resizePolicy only. */
  resizePod?(namespace: string, name: string, pod: Pod): Pod;
  /** The serviceaccounts/token subresource (TokenRequest): a signed token for the ServiceAccount. */
  createToken?(
    namespace: string,
    name: string,
    spec: import("./serviceAccountToken").TokenRequestSpec,
  ): import("./serviceAccountToken").TokenRequestStatus;
  /** The handler the user's requests' warnings (`Warning` response headers) go to; undefined clears it. */
  onWarning?(sink: ((warning: string) => void) | undefined): void;
  /** Initial ADDED events for existing objects are sent synchronously, then live events. */
  watch<T extends object = KubeObject>(
    kind: ObjectKind,
    opts: ListOptions,
    listener: (e: WatchEvent<T>) => void,
  ): () => void;
}

export type { Event, Node, Pod };

export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  /** `spec.containers{nginx}` */
  fieldPath?: string;
}

/** client-go's EventRecorder: same object+reason+message within the series → count++ and lastTimestamp. */
export interface EventRecorder {
  event(involved: ObjectReference, type: "Normal" | "Warning", reason: string, message: string): void;
}
