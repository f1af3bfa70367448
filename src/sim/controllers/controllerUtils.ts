// k8s: pkg/controller/controller_utils.go + controller_ref_manager.go + api/v1/pod/util.go — what the
// workload controllers share: controller references, active pods, readiness and availability, and the
// order in which a ReplicaSet picks the pods it deletes.
import type { Pod } from "kubernetes-types/core/v1";
import type { LabelSelector, OwnerReference } from "kubernetes-types/meta/v1";
import { selectorMatches } from "../api/labelSelector";
import { ApiError, type ObjectKind, type ObjectReference } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";
import { parseRfc3339 } from "../clock/time";

export type { OwnerReference };

interface Owned {
  metadata?: { ownerReferences?: unknown[] };
}

interface Owner {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; uid?: string };
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion both true. */
export function newControllerRef(owner: Owner, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? "",
    uid: owner.metadata?.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf */
export function controllerOf(o: Owned): OwnerReference | undefined {
  return (o.metadata?.ownerReferences as OwnerReference[] | undefined)?.find((r) => r.controller === true);
}

/** IsPodActive: not Succeeded or Failed, and not being deleted. */
export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !p.metadata?.deletionTimestamp;
}

/** podutil.IsPodReady */
export function isPodReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** When the pod's Ready condition last turned True (epoch ms), if it is True. */
export function readySince(p: Pod): number | undefined {
  const c = (p.status?.conditions ?? []).find((x) => x.type === "Ready" && x.status === "True");
  return c?.lastTransitionTime ? parseRfc3339(c.lastTransitionTime) : undefined;
}

/** podutil.IsPodAvailable: ready, and for at least minReadySeconds (strictly before now). */
export function isPodAvailable(p: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(p)) return false;
  if (minReadySeconds === 0) return true;
  const since = readySince(p);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** LogarithmicScaleDown (on by default): durations compare by their power-of-two bucket. */
function log2Bucket(ms: number): number {
  const ns = ms * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : Number.NEGATIVE_INFINITY;
}

/**
 * ActivePodsWithRanks.Less, for getPodsToDelete: unassigned before assigned, Pending < Unknown <
 * Running, not ready before ready, more pods on its node first, recently ready first (log buckets),
 * more restarts first, newer first (log buckets), then by UID.
 */
export function podsToDelete(pods: Pod[], related: Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return pods.slice(0, count);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? "";
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const rank = (p: Pod) => onNode.get(p.spec?.nodeName ?? "") ?? 0;
  const created = (p: Pod) =>
    p.metadata?.creationTimestamp ? parseRfc3339(p.metadata.creationTimestamp) : 0;
  const less = (a: Pod, b: Pod): number => {
    const na = a.spec?.nodeName ?? "";
    const nb = b.spec?.nodeName ?? "";
    if (na !== nb && (na === "" || nb === "")) return na === "" ? -1 : 1;
    const pa = PHASE_ORDINAL[a.status?.phase ?? ""] ?? 0;
    const pb = PHASE_ORDINAL[b.status?.phase ?? ""] ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a);
    const rb = isPodReady(b);
    if (ra !== rb) return ra ? 1 : -1;
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (ra && rb) {
      const ta = readySince(a) ?? 0;
      const tb = readySince(b) ?? 0;
      if (ta !== tb) {
        const ba = log2Bucket(nowMs - ta);
        const bb = log2Bucket(nowMs - tb);
        if (ba !== bb) return ba - bb;
      }
    }
    const xa = maxRestarts(a);
    const xb = maxRestarts(b);
    if (xa !== xb) return xb - xa;
    const ca = created(a);
    const cb = created(b);
    if (ca !== cb) {
      const ba = log2Bucket(nowMs - ca);
      const bb = log2Bucket(nowMs - cb);
      if (ba !== bb) return ba - bb;
    }
    const ua = a.metadata?.uid ?? "";
    const ub = b.metadata?.uid ?? "";
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  };
  return [...pods].sort(less).slice(0, count);
}

/** slowStartBatch: batches of 1, 2, 4, … until one call fails; the number that succeeded. */
export function slowStartBatch(count: number, initial: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = false;
    for (let i = 0; i < batch; i++) {
      if (fn()) successes++;
      else failed = true;
    }
    if (failed) return successes;
    remaining -= batch;
  }
  return successes;
}

/** SlowStartInitialBatchSize */
export const SLOW_START_INITIAL_BATCH = 1;
/** ReplicaSetController burstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/**
 * client-go's delaying workqueue as the job and cronjob controllers use it (AddAfter): a key runs once,
 * at the earliest time anyone asked for; a sync whose API write failed runs again after `retryMs`.
 */
/**
 * A controller's work queue (workqueue.RateLimitingInterface, simplified): keys added now are synced
 * together on the next clock tick, in sorted order; AddAfter waits (a key already waiting keeps the
 * earlier time); a sync that fails with a retryable error is tried again a second later.
 */
export class WorkQueue {
  private readonly queue = new Set<string>();
  private scheduled = false;
  private readonly later = new Map<string, TimerHandle>();

  constructor(
    private readonly o: {
      clock: Clock;
      /** Its timers' names: `<name> sync`, `<name> requeue`. */
      name: string;
      sync: (key: string) => void;
      /** Which errors mean "try again" (default: the API server's). */
      retryable?: (e: unknown) => boolean;
    },
  ) {}

  add(key: string): void {
    this.queue.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    this.o.clock.setTimer(0, () => this.drain(), `${this.o.name} sync`);
  }

  addAfter(key: string, ms: number): void {
    const at = this.o.clock.now() + ms;
    const prev = this.later.get(key);
    if (prev && prev.at <= at) return;
    this.o.clock.cancel(prev);
    this.later.set(
      key,
      this.o.clock.setTimer(
        ms,
        () => {
          this.later.delete(key);
          this.add(key);
        },
        `${this.o.name} requeue`,
      ),
    );
  }

  stop(): void {
    for (const t of this.later.values()) this.o.clock.cancel(t);
    this.later.clear();
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.queue].sort();
    this.queue.clear();
    const retryable = this.o.retryable ?? ((e: unknown) => e instanceof ApiError);
    for (const k of keys) {
      try {
        this.o.sync(k);
      } catch (e) {
        if (!retryable(e)) throw e;
        this.addAfter(k, 1000);
      }
    }
  }
}

export class DelayingQueue {
  private readonly due = new Map<string, { at: number; timer: TimerHandle }>();

  constructor(
    private readonly clock: Clock,
    private readonly sync: (key: string) => void,
    private readonly retryMs: number,
    private readonly label: string,
  ) {}

  add(key: string, delayMs: number): void {
    const at = this.clock.now() + Math.max(0, delayMs);
    const cur = this.due.get(key);
    if (cur && cur.at <= at) return;
    if (cur) this.clock.cancel(cur.timer);
    const timer = this.clock.setTimer(
      Math.max(0, delayMs),
      () => {
        this.due.delete(key);
        try {
          this.sync(key);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          this.add(key, this.retryMs);
        }
      },
      this.label,
    );
    this.due.set(key, { at, timer });
  }

  stop(): void {
    for (const d of this.due.values()) this.clock.cancel(d.timer);
    this.due.clear();
  }
}

/** What a controller claims: pods, or a Deployment's ReplicaSets. */
interface Claimable {
  metadata?: {
    uid?: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
    ownerReferences?: OwnerReference[];
  };
}

/**
 * ControllerRefManager.ClaimObject over a list: the owner's own objects that still match stay, those that
 * stopped matching are released (not while the owner is being deleted), matching orphans that are not
 * being deleted are adopted — each release or adoption a write of the object's ownerReferences.
 */
export function claimObjects<T extends Claimable>(
  api: { update<U extends object>(kind: ObjectKind, input: U, actor: "controller-manager"): U },
  kind: ObjectKind,
  owner: { metadata?: { uid?: string; deletionTimestamp?: string } },
  ownerRef: OwnerReference,
  objects: readonly T[],
  matches: (o: T) => boolean,
): T[] {
  const uid = owner.metadata?.uid;
  const deleting = !!owner.metadata?.deletionTimestamp;
  const patchOwners = (o: T, refs: OwnerReference[]): T | undefined => {
    const metadata = { ...o.metadata, ownerReferences: refs };
    if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
    try {
      return api.update<T>(kind, { ...o, metadata }, "controller-manager");
    } catch (e) {
      if (e instanceof ApiError) return undefined;
      throw e;
    }
  };
  const claimed: T[] = [];
  for (const o of objects) {
    const ref = controllerOf(o);
    const match = matches(o);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (match) claimed.push(o);
      else if (!deleting)
        patchOwners(
          o,
          (o.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid),
        );
      continue;
    }
    if (deleting || !match || o.metadata?.deletionTimestamp) continue;
    const adopted = patchOwners(o, [...(o.metadata?.ownerReferences ?? []), ownerRef]);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** cache.MetaNamespaceKeyFunc: `namespace/name`, the work queues' key. */
export const keyOf = (o: { metadata?: { namespace?: string; name?: string } }): string =>
  `${o.metadata?.namespace ?? "default"}/${o.metadata?.name ?? ""}`;

/**
 * Which owners of `ownerKind` must look at an owned object that changed: its controller when it has
 * one of that kind, else (an orphan, not being deleted) every owner in its namespace whose selector
 * matches its labels — they may adopt it.
 */
export function ownerKeysFor(
  api: { list<T extends object>(kind: ObjectKind, opts?: { namespace?: string }): T[] },
  obj: Owned & {
    metadata?: { namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string };
  },
  deleted: boolean,
  ownerKind: "Deployment" | "ReplicaSet" | "ReplicationController" | "DaemonSet" | "StatefulSet",
  /** Whether an owner's selector takes these labels (a ReplicationController's is a plain map). */
  selects: (selector: unknown, labels: Record<string, string> | undefined) => boolean = (sel, labels) =>
    selectorMatches(sel as LabelSelector | undefined, labels),
): string[] {
  const ns = obj.metadata?.namespace ?? "default";
  const ref = controllerOf(obj);
  if (ref) return ref.kind === ownerKind ? [`${ns}/${ref.name}`] : [];
  if (deleted || obj.metadata?.deletionTimestamp) return [];
  const out: string[] = [];
  for (const o of api.list<{
    metadata?: { namespace?: string; name?: string };
    spec?: { selector?: unknown };
  }>(ownerKind, { namespace: ns }))
    if (selects(o.spec?.selector, obj.metadata?.labels)) out.push(keyOf(o));
  return out;
}

/** reference.GetReference: the involvedObject of an Event about a controller's object. */
export function objectRef(
  kind: string,
  apiVersion: string,
  o: { metadata?: { namespace?: string; name?: string; uid?: string; resourceVersion?: string } },
): ObjectReference {
  return {
    kind,
    namespace: o.metadata?.namespace,
    name: o.metadata?.name ?? "",
    uid: o.metadata?.uid,
    apiVersion,
    resourceVersion: o.metadata?.resourceVersion,
  };
}
