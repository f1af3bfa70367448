// k8s: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go — simplified: one in-memory store, synchronous watch.

import type { DaemonSet } from "kubernetes-types/apps/v1";
import type { Job } from "kubernetes-types/batch/v1";
import type {
  Container,
  EphemeralContainer,
  LimitRange,
  Namespace,
  Pod,
  PodCondition,
  PodStatus,
  ResourceQuota,
  Service,
  ServiceAccount,
} from "kubernetes-types/core/v1";
import { generateJobSelector, setJobDefaults } from "../api/batch";
import { prepareDaemonSet } from "../api/daemonSet";
import { defaultEphemeralContainer } from "../api/defaults";
import { deepFreeze, frozenClone, jsonEqual, plainClone } from "../api/equality";
import { InvalidError } from "../api/fieldErrors";
import { resizedPod, validatePodResize } from "../api/podResize";
import { QuantityError } from "../api/quantity";
import { DEFAULT_SERVICE_ACCOUNT, serviceAccountNotFound } from "../api/serviceAccount";
import { prepareStorageCreate } from "../api/storage";
import { validateEphemeralContainersUpdate } from "../api/validation";
import { type Clock, Rng } from "../clock";
import { parseRfc3339, rfc3339 } from "../clock/time";
import type { Actor, TraceLog } from "../trace";
import { evictPod } from "./eviction";
import { admitLimitRanges, validateLimitRanges } from "./limitRanger";
import { admitNamespace, admitPodSecurity, significantPodUpdate } from "./podSecurity";
import {
  API_VERSION,
  alreadyExists,
  applyDefaults,
  conflict,
  decodeCheck,
  forbiddenError,
  HAS_GENERATION,
  HAS_STATUS,
  isNamespaced,
  notFound,
  preparePodCreate,
  quantityDecodeError,
  RESOURCE,
  SYSTEM_NAMESPACES,
  validateKind,
  validateKindUpdate,
} from "./registry";
import { chargedStatus, checkQuotaRequest } from "./resourceQuotaAdmission";
import { parseFieldSelector, parseLabelSelector } from "./selectors";
import {
  issueServiceAccountToken,
  signingKeyId,
  type TokenRequestSpec,
  type TokenRequestStatus,
} from "./serviceAccountToken";
import { NodePortAllocator, ServiceIpAllocator } from "./serviceIpAllocator";
import {
  allocateServiceCreate,
  keepServiceAllocations,
  releaseService,
  type ServiceAllocators,
} from "./serviceRest";
import {
  ApiError,
  type ApiServerClient,
  type DeleteOptions,
  type KubeObject,
  type ListOptions,
  type ObjectKind,
  type WatchEvent,
  type WatchEventType,
} from "./types";
import { matches, WatchHub } from "./watchHub";

export interface ApiServerOptions {
  /** Virtual time; `wallMs` maps it to the calendar for timestamps (VirtualClock has both). */
  clock: Clock & { wallMs(at?: number): number };
  rng: Rng;
  trace?: TraceLog;
  /** ServiceAccount admission's `kube-api-access-xxxxx` projected volume (+ kube-root-ca.crt ConfigMaps). Default true. */
  serviceAccountTokenVolume?: boolean;
  /**
   * The ServiceAccount admission looks the pod's ServiceAccount up: a missing one refuses the pod, its
   * automountServiceAccountToken and imagePullSecrets apply, mirror pods get none. Needs the
   * serviceaccount controller (controllers/serviceAccountsController.ts) for the `default` ones. Default false.
   */
  serviceAccountLookup?: boolean;
  /** ClusterIP and NodePort allocators (default: kubeadm's 10.96.0.0/12, own seeded RNGs). */
  serviceAllocators?: ServiceAllocators;
}

/** kubeadm's default --service-cluster-ip-range. */
export const SERVICE_CIDR = "10.96.0.0/12";

const ROOT_CA =
  "-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\ncm5ldGVzIChzaW11bGF0ZWQp\n-----END CERTIFICATE-----\n";

/**
 * PrepareForUpdate's generation rule: a spec change; for a Deployment also an annotation change
 * (its annotations are copied onto its ReplicaSets).
 */
function generationChanges(kind: ObjectKind, obj: KubeObject, old: KubeObject): boolean {
  if (!jsonEqual(obj.spec, old.spec)) return true;
  return (
    kind === "Deployment" && !jsonEqual(obj.metadata?.annotations ?? {}, old.metadata?.annotations ?? {})
  );
}

/** Kinds whose dependents the garbage collector handles: Orphan/Foreground deletes park them behind a finalizer. */
const GC_OWNER_KINDS: ReadonlySet<ObjectKind> = new Set([
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "ReplicationController",
  "Job",
  "CronJob",
]);
/** Kinds whose status starts empty on create (PrepareForCreate) and only controllers write. */
const HAS_CONTROLLER_STATUS: ReadonlySet<ObjectKind> = new Set([
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "PodDisruptionBudget",
]);
/** metav1.FinalizerOrphanDependents / FinalizerDeleteDependents */
export const ORPHAN_FINALIZER = "orphan";
export const FOREGROUND_FINALIZER = "foregroundDeletion";

export class ApiServer implements ApiServerClient {
  private readonly store = new Map<ObjectKind, Map<string, KubeObject>>();
  private readonly hub = new WatchHub();
  private rv = 0;
  readonly clock: ApiServerOptions["clock"];
  /** uids and generated names; swapped only by withRng. */
  rng: Rng;
  readonly trace?: TraceLog;
  private readonly tokenVolume: boolean;
  private readonly serviceAccountLookup: boolean;
  readonly serviceAllocators: ServiceAllocators;
  /** Leases' uids: a node heartbeat object does not shift the uids and IDs everything else gets. */
  private readonly leaseRng = new Rng(0x1ea5e);
  /** The client's warning handler: the `Warning` headers of the user's requests (PodSecurity's). */
  private warningSink?: (warning: string) => void;

  constructor(opts: ApiServerOptions) {
    this.clock = opts.clock;
    this.rng = opts.rng;
    this.trace = opts.trace;
    this.tokenVolume = opts.serviceAccountTokenVolume ?? true;
    this.serviceAccountLookup = opts.serviceAccountLookup ?? false;
    // Own RNG streams: allocating a ClusterIP does not shift the uids and IDs the other objects get.
    this.serviceAllocators = opts.serviceAllocators ?? {
      ips: new ServiceIpAllocator(SERVICE_CIDR, new Rng(0x5e41ce)),
      nodePorts: new NodePortAllocator(new Rng(0x9d0e)),
    };
    for (const ns of SYSTEM_NAMESPACES) this.create("Namespace", { metadata: { name: ns } }, "apiserver");
  }

  /**
   * Run `fn` with uids and generated names drawn from another stream: objects a node sets up at boot
   * (kubeadm's addons) then do not shift the IDs everything created later gets.
   */
  withRng<T>(rng: Rng, fn: () => T): T {
    const saved = this.rng;
    this.rng = rng;
    try {
      return fn();
    } finally {
      this.rng = saved;
    }
  }

  /** Current global resourceVersion (the etcd revision). */
  get resourceVersion(): number {
    return this.rv;
  }

  private bucket(kind: ObjectKind): Map<string, KubeObject> {
    let b = this.store.get(kind);
    if (!b) {
      b = new Map();
      this.store.set(kind, b);
    }
    return b;
  }

  private key(kind: ObjectKind, namespace: string | undefined, name: string): string {
    return isNamespaced(kind) ? `${namespace ?? "default"}/${name}` : name;
  }

  private now(offsetMs = 0): string {
    return rfc3339(this.clock.wallMs(this.clock.now() + offsetMs));
  }

  private readonly eventSummaries = new Map<
    string,
    { type?: string; reason?: string; message?: string; text: string }
  >();

  private record(actor: Actor, kind: ObjectKind, verb: string, obj: KubeObject, extra = ""): void {
    if (!this.trace?.enabled) return;
    const m = obj.metadata ?? {};
    const ref = isNamespaced(kind) ? `${m.namespace}/${m.name}` : `${m.name}`;
    if (kind === "Event") {
      const e = obj as {
        type?: string;
        reason?: string;
        message?: string;
        involvedObject?: { kind?: string; name?: string };
      };
      // An aggregated Event is written again and again (count, lastTimestamp): reuse its summary.
      const key = `${m.namespace}/${m.name}`;
      let summary = this.eventSummaries.get(key);
      if (
        summary === undefined ||
        summary.type !== e.type ||
        summary.reason !== e.reason ||
        summary.message !== e.message
      ) {
        const about = `${e.involvedObject?.kind?.toLowerCase()}/${e.involvedObject?.name}`;
        summary = {
          type: e.type,
          reason: e.reason,
          message: e.message,
          text: `${e.type} ${e.reason} ${about}: ${e.message}`,
        };
        if (this.eventSummaries.size > 10_000) this.eventSummaries.clear();
        this.eventSummaries.set(key, summary);
      }
      this.trace.record({ from: actor, to: "apiserver", kind: "event", summary: summary.text });
      return;
    }
    this.trace.record({
      from: actor,
      to: "apiserver",
      kind: "api",
      summary: `${verb} ${RESOURCE[kind]} ${ref}${extra}`,
      pod: kind === "Pod" ? ref : undefined,
    });
  }

  create<T extends object = KubeObject>(kind: ObjectKind, input: T, actor: Actor = "user"): T {
    decodeCheck(kind, input);
    const obj = plainClone(input) as KubeObject;
    obj.apiVersion = API_VERSION[kind];
    obj.kind = kind;
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (isNamespaced(kind)) meta.namespace ||= "default";
    else delete meta.namespace;
    // admission errors name the pod as it was asked for: `pods "web-5d4f8-" is forbidden`
    const askedName = meta.name || meta.generateName || "";
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.rng.suffix(5);
    const name = meta.name ?? "";
    if (isNamespaced(kind)) this.checkNamespace(kind, meta.namespace!, name);
    this.decoded(kind, () => {
      applyDefaults(kind, obj);
      // LimitRanger (mutating) runs before the other pod admission plugins
      if (kind === "Pod") admitLimitRanges(obj as Pod, this.limitRangesOf(meta.namespace));
      if (kind === "Pod") this.admitPod(obj as Pod, askedName);
      // the Job strategy's PrepareForCreate needs the UID (FillObjectMetaSystemFields comes first)
      if (kind === "Job") {
        meta.uid = this.rng.uuid();
        generateJobSelector(obj as Job);
      }
      const errs = validateKind(kind, obj);
      if (errs.length > 0) throw new InvalidError(kind, name, errs);
    });
    this.validatingAdmission(kind, obj, askedName, actor);
    const bucket = this.bucket(kind);
    const k = this.key(kind, meta.namespace, name);
    if (bucket.has(k)) throw alreadyExists(kind, name);
    if (kind === "Service") {
      allocateServiceCreate(obj as Service, this.serviceAllocators);
      obj.status = { loadBalancer: {} };
    }
    if (kind !== "Job") meta.uid = (kind === "Lease" ? this.leaseRng : this.rng).uuid();
    meta.creationTimestamp = this.now();
    meta.resourceVersion = String(++this.rv);
    if (HAS_GENERATION.has(kind)) meta.generation = 1;
    // apps and batch PrepareForCreate: the status is the controllers' to write
    if (HAS_CONTROLLER_STATUS.has(kind)) obj.status = {};
    // DefaultStorageClass + StorageObjectInUseProtection admission, the Pending status
    if (kind === "PersistentVolume" || kind === "PersistentVolumeClaim")
      prepareStorageCreate(kind, obj, this.list("StorageClass"), meta.creationTimestamp);
    if (kind === "DaemonSet") prepareDaemonSet(obj as DaemonSet, undefined);
    // a Job read back from storage is defaulted again: without labels of its own it shows its
    // template's, which now carry the generated ones
    if (kind === "Job") setJobDefaults(obj as Job);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    bucket.set(k, deepFreeze(obj));
    this.sortedCache.delete(kind);
    this.record(actor, kind, "create", obj);
    this.emit(kind, "ADDED", undefined, obj);
    if (kind === "Namespace" && this.tokenVolume)
      this.create(
        "ConfigMap",
        { metadata: { name: "kube-root-ca.crt", namespace: name }, data: { "ca.crt": ROOT_CA } },
        "apiserver",
      );
    return plainClone(obj) as T;
  }

  /** A namespace's LimitRanges (the LimitRanger's lister). */
  private limitRangesOf(namespace: string | undefined): LimitRange[] {
    if (!namespace || this.bucket("LimitRange").size === 0) return [];
    return this.list<LimitRange>("LimitRange", { namespace });
  }

  /**
   * Validating admission on create: LimitRanger's min/max/ratio checks for pods, then ResourceQuota,
   * which charges the namespace's quotas (status.used) before the object is stored. Errors name the
   * object as asked for: `pods "web-5d4f8-" is forbidden: exceeded quota: …`.
   */
  private validatingAdmission(kind: ObjectKind, obj: KubeObject, name: string, actor: Actor = "user"): void {
    const namespace = obj.metadata?.namespace;
    if (kind === "ResourceQuota") obj.status = {};
    if (kind === "Pod") {
      const why = validateLimitRanges(obj as Pod, this.limitRangesOf(namespace));
      if (why) throw forbiddenError(kind, name, why);
    }
    // PodSecurity names the object as stored: its generated name is set by now
    this.podSecurity(kind, obj, undefined, obj.metadata?.name ?? name, actor);
    if (!namespace || this.bucket("ResourceQuota").size === 0) return;
    const quotas = this.list<ResourceQuota>("ResourceQuota", { namespace });
    if (quotas.length === 0) return;
    const result = checkQuotaRequest(quotas, kind, obj, this.clock.wallMs());
    if ("error" in result) throw forbiddenError(kind, name, result.error);
    for (const c of result.charges)
      this.updateStatus(
        "ResourceQuota",
        namespace,
        c.quota.metadata?.name ?? "",
        chargedStatus(c),
        "apiserver",
      );
  }

  /** Set (or clear) the handler the user's requests' warnings go to: kubectl prints them as `Warning: …`. */
  onWarning(sink: ((warning: string) => void) | undefined): void {
    this.warningSink = sink;
  }

  /**
   * PodSecurity admission (podSecurity.ts): pods against the namespace's enforce level (Forbidden) and
   * warn level (warnings), pod templates against warn, namespace labels checked and, when enforce gets
   * stricter, the namespace's pods dry-run against it. A pod update is checked only if significant.
   */
  private podSecurity(
    kind: ObjectKind,
    obj: KubeObject,
    old: KubeObject | undefined,
    name: string,
    actor: Actor,
  ): void {
    const warn = (ws: string[]) => {
      if (actor === "user") for (const w of ws) this.warningSink?.(w);
    };
    if (kind === "Namespace") {
      const r = admitNamespace(obj as Namespace, old as Namespace | undefined, () =>
        this.list<Pod>("Pod", { namespace: name }),
      );
      if (r.errors.length > 0) throw new InvalidError(kind, name, r.errors);
      warn(r.warnings);
      return;
    }
    if (kind === "Pod" && old && !significantPodUpdate(obj as Pod, old as Pod)) return;
    const ns = this.bucket("Namespace").get(obj.metadata?.namespace ?? "") as Namespace | undefined;
    const r = admitPodSecurity(ns, kind, obj);
    if (r.denied) throw forbiddenError(kind, name, r.denied);
    warn(r.warnings);
  }

  /** Quantities fail at decode time (400), before validation. */
  private decoded(kind: ObjectKind, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof QuantityError) throw quantityDecodeError(kind);
      throw e;
    }
  }

  private checkNamespace(kind: ObjectKind, namespace: string, name: string): void {
    const ns = this.bucket("Namespace").get(namespace);
    if (!ns) throw notFound("Namespace", namespace);
    if (ns.metadata?.deletionTimestamp)
      throw forbiddenError(
        kind,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
  }

  /** Admission: ServiceAccount (it must exist), RuntimeClass (it must exist, its overhead is copied), Priority, tolerations. */
  private admitPod(pod: Pod, name: string): void {
    const mirrorPod = pod.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined;
    let serviceAccount: ServiceAccount | undefined;
    if (this.serviceAccountLookup && !mirrorPod && pod.spec) {
      const ns = pod.metadata?.namespace ?? "default";
      const saName = pod.spec.serviceAccountName || DEFAULT_SERVICE_ACCOUNT;
      serviceAccount = this.bucket("ServiceAccount").get(this.key("ServiceAccount", ns, saName)) as
        | ServiceAccount
        | undefined;
      if (!serviceAccount) throw forbiddenError("Pod", name, serviceAccountNotFound(ns, saName));
    }
    const rcName = pod.spec?.runtimeClassName;
    if (rcName) {
      const rc = this.bucket("RuntimeClass").get(rcName) as
        | { overhead?: { podFixed?: Record<string, string> } }
        | undefined;
      if (!rc) throw forbiddenError("Pod", name, `pod rejected: RuntimeClass "${rcName}" not found`);
      if (rc.overhead?.podFixed && pod.spec) pod.spec.overhead = { ...rc.overhead.podFixed };
    }
    preparePodCreate(pod, this.tokenVolume ? this.rng.suffix(5) : undefined, {
      serviceAccount,
      mirrorPod: this.serviceAccountLookup && mirrorPod,
    });
  }

  get<T extends object = KubeObject>(kind: ObjectKind, namespace: string | undefined, name: string): T {
    const obj = this.bucket(kind).get(this.key(kind, namespace, name));
    if (!obj) throw notFound(kind, name);
    return obj as T;
  }

  tryGet<T extends object = KubeObject>(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    const obj = this.bucket(kind).get(this.key(kind, namespace, name));
    return obj as T | undefined;
  }

  list<T extends object = KubeObject>(kind: ObjectKind, opts: ListOptions = {}): T[] {
    const labels = parseLabelSelector(opts.labelSelector);
    const fields = parseFieldSelector(kind, opts.fieldSelector);
    return this.sorted(kind)
      .filter((o) => matches(o, kind, opts.namespace, labels, fields))
      .map((o) => o as T);
  }

  /** Each kind's objects in key order, kept until the next write to that kind (never mutated). */
  private sortedCache = new Map<ObjectKind, readonly KubeObject[]>();

  private sorted(kind: ObjectKind): readonly KubeObject[] {
    let out = this.sortedCache.get(kind);
    if (!out) {
      out = [...this.bucket(kind).entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, o]) => o);
      this.sortedCache.set(kind, out);
    }
    return out;
  }

  update<T extends object = KubeObject>(
    kind: ObjectKind,
    input: T,
    actor: Actor = "user",
    opts: { dryRun?: boolean } = {},
  ): T {
    decodeCheck(kind, input);
    const name = input.metadata?.name ?? "";
    const k = this.key(kind, input.metadata?.namespace || undefined, name);
    const old = this.bucket(kind).get(k);
    if (!old) throw notFound(kind, name);
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== old.metadata?.resourceVersion) throw conflict(kind, name);
    const obj = plainClone(input) as KubeObject;
    obj.apiVersion = API_VERSION[kind];
    obj.kind = kind;
    obj.metadata ??= {};
    const meta = obj.metadata;
    const om = old.metadata ?? {};
    // Fields the server owns survive any update (PrepareForUpdate / BeforeUpdate).
    Object.assign(meta, {
      namespace: om.namespace,
      uid: om.uid,
      creationTimestamp: om.creationTimestamp,
      generation: om.generation,
      deletionTimestamp: om.deletionTimestamp,
      deletionGracePeriodSeconds: om.deletionGracePeriodSeconds,
    });
    for (const f of ["namespace", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"] as const)
      if (meta[f] === undefined) delete meta[f];
    if (HAS_STATUS.has(kind)) obj.status = plainClone(old.status);
    this.decoded(kind, () => {
      applyDefaults(kind, obj);
      if (kind === "Namespace") obj.status = plainClone(old.status);
      if (kind === "Service") keepServiceAllocations(obj as Service, old as Service);
      if (kind === "DaemonSet") prepareDaemonSet(obj as DaemonSet, old as DaemonSet);
      const errs = validateKindUpdate(kind, obj, old);
      if (errs.length > 0) throw new InvalidError(kind, name, errs);
    });
    meta.resourceVersion = om.resourceVersion;
    if (jsonEqual(obj, old)) return old as T;
    this.podSecurity(kind, obj, old, name, actor);
    // dryRun=All: admission ran (its warnings and refusals), nothing is stored
    if (opts.dryRun) return plainClone(obj) as T;
    if (HAS_GENERATION.has(kind) && generationChanges(kind, obj, old))
      meta.generation = (om.generation ?? 1) + 1;
    if (
      meta.deletionTimestamp &&
      (meta.finalizers?.length ?? 0) === 0 &&
      meta.deletionGracePeriodSeconds === 0
    ) {
      this.remove(kind, k, obj, actor);
      return plainClone(obj) as T;
    }
    return this.store1(kind, k, old, obj, actor, "update");
  }

  private store1<T>(
    kind: ObjectKind,
    k: string,
    old: KubeObject,
    obj: KubeObject,
    actor: Actor,
    verb: string,
    extra = "",
  ): T {
    obj.metadata!.resourceVersion = String(++this.rv);
    this.bucket(kind).set(k, deepFreeze(obj));
    this.sortedCache.delete(kind);
    // a node Lease renewal is the kubelet's heartbeat: a hop worth showing
    if (verb !== "update" || kind === "Event" || kind === "Lease") this.record(actor, kind, verb, obj, extra);
    this.emit(kind, "MODIFIED", old, obj);
    // Writers get the stored (frozen) object back, as watchers do: no copy on the hot path.
    return obj as T;
  }

  /**
   * A merge patch of top-level fields (not metadata, not spec): how client-go bumps an aggregated
   * Event's count and lastTimestamp. No defaulting or update validation: only these fields change.
   */
  patchFields<T extends object = KubeObject>(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
    fields: Record<string, unknown>,
    actor: Actor = "user",
  ): T {
    const k = this.key(kind, namespace, name);
    const old = this.bucket(kind).get(k);
    if (!old) throw notFound(kind, name);
    const obj: KubeObject = { ...old, ...plainClone(fields), metadata: { ...old.metadata } };
    return this.store1(kind, k, old, obj, actor, kind === "Event" ? "update" : "patch");
  }

  updateStatus<T extends object = KubeObject>(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
    status: unknown,
    actor: Actor = "kubelet",
  ): T {
    const k = this.key(kind, namespace, name);
    const old = this.bucket(kind).get(k);
    if (!old) throw notFound(kind, name);
    if (jsonEqual(status, old.status)) return old as T;
    const next = frozenClone(status);
    // Stored objects are frozen: share what did not change, copy what store1 stamps (metadata).
    const obj = { ...old, metadata: { ...old.metadata }, status: next };
    return this.store1(kind, k, old, obj, actor, "update status");
  }

  /**
   * UpdateStatus with the whole object, as the apps controllers send it: the status strategy keeps the
   * stored spec and labels, takes .status and the annotations (the deployment controller writes
   * deployment.kubernetes.io/revision this way, without a new generation).
   */
  updateStatusObject<T extends object = KubeObject>(kind: ObjectKind, input: T, actor: Actor = "user"): T {
    const inObj = input as KubeObject;
    const name = inObj.metadata?.name ?? "";
    const k = this.key(kind, inObj.metadata?.namespace || undefined, name);
    const old = this.bucket(kind).get(k);
    if (!old) throw notFound(kind, name);
    const rv = inObj.metadata?.resourceVersion;
    if (rv && rv !== old.metadata?.resourceVersion) throw conflict(kind, name);
    const annotations = inObj.metadata?.annotations;
    const sameAnnotations = jsonEqual(annotations ?? {}, old.metadata?.annotations ?? {});
    if (sameAnnotations && jsonEqual(inObj.status, old.status)) return old as T;
    const metadata = { ...old.metadata };
    if (!sameAnnotations) {
      if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
      else delete metadata.annotations;
    }
    const obj = { ...old, metadata, status: frozenClone(inObj.status) };
    return this.store1(kind, k, old, obj, actor, "update status");
  }

  /**
   * The pods/ephemeralcontainers subresource (kubectl debug's PATCH): only spec.ephemeralContainers
   * changes, by additions; each new one gets a container's defaults and the service-account token.
   */
  updateEphemeralContainers(
    namespace: string,
    name: string,
    ephemeralContainers: EphemeralContainer[],
    actor: Actor = "user",
  ): Pod {
    const k = this.key("Pod", namespace, name);
    const old = this.bucket("Pod").get(k) as Pod | undefined;
    if (!old) throw notFound("Pod", name);
    const pod = plainClone(old) as Pod;
    const spec = pod.spec!;
    const before = new Set((old.spec?.ephemeralContainers ?? []).map((c) => c.name));
    spec.ephemeralContainers = plainClone(ephemeralContainers);
    for (const ec of spec.ephemeralContainers)
      if (!before.has(ec.name)) defaultEphemeralContainer(pod, ec as Container);
    const errs = validateEphemeralContainersUpdate(pod, old);
    if (errs.length > 0) throw new InvalidError("Pod", name, errs);
    if (jsonEqual(pod, old)) return old;
    return this.store1("Pod", k, old as KubeObject, pod as KubeObject, actor, "update ephemeralcontainers");
  }

  /** The pods/resize subresource (in-place resize): only the containers' resources and resizePolicy change. */
  resizePod(namespace: string, name: string, requested: Pod, actor: Actor = "user"): Pod {
    const k = this.key("Pod", namespace, name);
    const old = this.bucket("Pod").get(k) as Pod | undefined;
    if (!old) throw notFound("Pod", name);
    const pod = resizedPod(old, requested);
    this.decoded("Pod", () => {
      applyDefaults("Pod", pod as KubeObject);
      const errs = validatePodResize(pod, old);
      if (errs.length > 0) throw new InvalidError("Pod", name, errs);
    });
    if (jsonEqual(pod, old)) return old;
    pod.metadata = { ...pod.metadata, generation: (old.metadata?.generation ?? 1) + 1 };
    return this.store1("Pod", k, old as KubeObject, pod as KubeObject, actor, "update resize");
  }

  /** The pods/eviction subresource (policy/v1 Eviction): DisruptionTarget, then a graceful delete. */
  evict(namespace: string, name: string, opts: DeleteOptions = {}, actor: Actor = "user"): void {
    evictPod(this, namespace, name, opts, this.clock.wallMs(), actor);
  }

  /** The serviceaccounts/token subresource (TokenRequest): kubectl create token. */
  createToken(namespace: string, name: string, spec: TokenRequestSpec = {}): TokenRequestStatus {
    const sa = this.get<ServiceAccount>("ServiceAccount", namespace, name);
    this.tokenSigning ??= { rng: new Rng(0x70c3e5), keyId: "" };
    this.tokenSigning.keyId ||= signingKeyId(this.tokenSigning.rng);
    const { rng, keyId } = this.tokenSigning;
    return issueServiceAccountToken(sa, spec, this.clock.wallMs(), rng, keyId);
  }

  /** The token signer's own RNG stream and key ID (made on the first TokenRequest). */
  private tokenSigning?: { rng: Rng; keyId: string };

  /** The pods/binding subresource: the scheduler's only way to set spec.nodeName. */
  bindPod(namespace: string, name: string, nodeName: string, actor: Actor = "scheduler"): Pod {
    const k = this.key("Pod", namespace, name);
    const old = this.bucket("Pod").get(k) as Pod | undefined;
    if (!old) throw notFound("Pod", name);
    if (old.spec?.nodeName)
      throw new ApiError(
        409,
        "Conflict",
        `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${old.spec.nodeName}"`,
      );
    if (old.metadata?.deletionTimestamp)
      throw new ApiError(
        409,
        "Conflict",
        `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`,
      );
    const pod = plainClone(old);
    pod.spec!.nodeName = nodeName;
    const cond: PodCondition = {
      type: "PodScheduled",
      status: "True",
      lastProbeTime: null as never,
      lastTransitionTime: this.now(),
    };
    const status: PodStatus = { ...(pod.status ?? {}) };
    status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== "PodScheduled"), cond];
    (pod as { status?: PodStatus }).status = status;
    return this.store1("Pod", k, old as KubeObject, pod as KubeObject, actor, "bind", ` to ${nodeName}`);
  }

  delete(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
    actor: Actor = "user",
  ): KubeObject | undefined {
    const k = this.key(kind, namespace, name);
    const old = this.bucket(kind).get(k);
    if (!old) throw notFound(kind, name);
    if (kind === "Namespace") return this.deleteNamespace(name, old, actor);
    let grace = 0;
    if (kind === "Pod") {
      const pod = old as Pod;
      grace = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      // CheckGracefulDelete: unscheduled or terminal pods go at once.
      const phase = pod.status?.phase;
      if (!pod.spec?.nodeName || phase === "Succeeded" || phase === "Failed") grace = 0;
      grace = Math.max(0, grace);
    }
    const meta = old.metadata ?? {};
    // Orphan / Foreground: the object waits behind a finalizer while the garbage collector orphans
    // or deletes its dependents (Background, the default, removes it now and lets the GC follow).
    // batch/v1 Jobs keep OrphanDependents as their default for backward compatibility.
    const policy = opts.propagationPolicy ?? (kind === "Job" ? "Orphan" : undefined);
    if (
      GC_OWNER_KINDS.has(kind) &&
      (policy === "Orphan" || policy === "Foreground") &&
      !meta.deletionTimestamp
    ) {
      const finalizer = policy === "Orphan" ? ORPHAN_FINALIZER : FOREGROUND_FINALIZER;
      const obj = plainClone(old);
      const m = obj.metadata!;
      m.finalizers = [...(m.finalizers ?? []).filter((f) => f !== finalizer), finalizer];
      m.deletionTimestamp = this.now();
      m.deletionGracePeriodSeconds = 0;
      return this.store1(kind, k, old, obj, actor, "delete", ` (${policy.toLowerCase()})`);
    }
    if (meta.deletionTimestamp) {
      // BeforeDelete: a second delete may shorten the grace period, never lengthen it.
      const current = meta.deletionGracePeriodSeconds ?? 0;
      if (grace >= current) return plainClone(old);
      if (grace === 0 && (meta.finalizers?.length ?? 0) === 0) {
        this.remove(kind, k, old, actor);
        return plainClone(old);
      }
      const obj = plainClone(old);
      const at = parseRfc3339(meta.deletionTimestamp) - (current - grace) * 1000;
      obj.metadata!.deletionTimestamp = rfc3339(at);
      obj.metadata!.deletionGracePeriodSeconds = grace;
      return this.store1(kind, k, old, obj, actor, "delete", ` (grace ${grace}s)`);
    }
    if (grace === 0 && (meta.finalizers?.length ?? 0) === 0) {
      this.remove(kind, k, old, actor);
      return plainClone(old);
    }
    const obj = plainClone(old);
    obj.metadata!.deletionTimestamp = this.now(grace * 1000);
    obj.metadata!.deletionGracePeriodSeconds = grace;
    return this.store1(kind, k, old, obj, actor, "delete", ` (grace ${grace}s)`);
  }

  private remove(kind: ObjectKind, k: string, obj: KubeObject, actor: Actor): void {
    this.bucket(kind).delete(k);
    this.sortedCache.delete(kind);
    if (kind === "Service") releaseService(obj as Service, this.serviceAllocators);
    this.rv++;
    this.record(actor, kind, "delete", obj, " (removed)");
    this.emit(kind, "DELETED", undefined, obj);
    const ns = obj.metadata?.namespace;
    if (kind === "Pod" && ns) this.finishNamespace(ns);
  }

  /** Namespace deletion: Terminating, its content deleted (pods gracefully), removed once empty of pods. */
  private deleteNamespace(name: string, old: KubeObject, actor: Actor): KubeObject {
    if (SYSTEM_NAMESPACES.includes(name))
      throw forbiddenError("Namespace", name, "this namespace may not be deleted");
    if (!old.metadata?.deletionTimestamp) {
      const obj = plainClone(old);
      obj.metadata!.deletionTimestamp = this.now();
      obj.metadata!.deletionGracePeriodSeconds = 0;
      obj.status = { phase: "Terminating" };
      this.store1("Namespace", name, old, obj, actor, "delete");
      for (const kind of this.store.keys()) {
        if (!isNamespaced(kind)) continue;
        for (const o of this.list(kind, { namespace: name }))
          if (!o.metadata?.deletionTimestamp) this.delete(kind, name, o.metadata!.name!, {}, "apiserver");
      }
    }
    this.finishNamespace(name);
    return plainClone(this.bucket("Namespace").get(name) ?? old);
  }

  private finishNamespace(name: string): void {
    const ns = this.bucket("Namespace").get(name);
    if (!ns?.metadata?.deletionTimestamp) return;
    for (const [kind, b] of this.store) {
      if (!isNamespaced(kind)) continue;
      for (const o of b.values()) if (o.metadata?.namespace === name) return;
    }
    this.remove("Namespace", name, ns, "apiserver");
  }

  watch<T extends object = KubeObject>(
    kind: ObjectKind,
    opts: ListOptions,
    listener: (e: WatchEvent<T>) => void,
  ): () => void {
    return this.hub.watch(kind, opts, listener as (e: WatchEvent) => void, this.rv, this.sorted(kind));
  }

  private emit(kind: ObjectKind, type: WatchEventType, old: KubeObject | undefined, obj: KubeObject): void {
    this.hub.emit({ kind, type, old, obj, rv: this.rv });
  }
}
