// k8s: pkg/controller/garbagecollector/garbagecollector.go — kube-controller-manager's garbage
// collector, for the ownership chains of this simulator (Deployment → ReplicaSet → Pod, DaemonSet →
// ControllerRevision + Pod, CronJob → Job → Pod). Simplified:
// instead of a dependency graph built from every resource's informer, it looks dependents up by
// owner UID when an owner goes away or waits behind a finalizer.
// - Background (the default): the owner is gone at once; its dependents are deleted after it.
// - Foreground: the owner waits (finalizer foregroundDeletion) until its blocking dependents are gone.
// - Orphan: the owner waits (finalizer orphan) until its dependents' ownerReferences to it are removed.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { type ApiServer, FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from "../apiserver/apiServer";
import { ApiError, type KubeObject, type ObjectKind } from "../apiserver/types";
import type { Clock } from "../clock";

const ACTOR = "controller-manager" as const;

/** Owners whose dependents the collector follows, and the kinds those dependents are. */
const OWNER_KINDS: ObjectKind[] = [
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "ReplicationController",
  "CronJob",
  "Job",
];
const DEPENDENT_KINDS: ObjectKind[] = ["ReplicaSet", "ControllerRevision", "Job", "Pod"];

const refsOf = (o: KubeObject) => (o.metadata?.ownerReferences ?? []) as OwnerReference[];

type Item = { kind: ObjectKind; namespace: string; name: string; uid: string };

export class GarbageCollector {
  private readonly queue: Item[] = [];
  private scheduled = false;
  private stops: (() => void)[] = [];

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
  ) {}

  start(): void {
    for (const kind of OWNER_KINDS)
      this.stops.push(
        this.api.watch(kind, {}, (e) => {
          const m = e.object.metadata ?? {};
          if (e.type === "DELETED" || m.deletionTimestamp) this.enqueue(kind, e.object);
        }),
      );
    for (const kind of DEPENDENT_KINDS)
      this.stops.push(
        this.api.watch(kind, {}, (e) => {
          const refs = refsOf(e.object);
          if (refs.length === 0) return;
          // a dependent leaving lets an owner in foreground deletion finish; a new one may dangle
          if (e.type === "DELETED" || e.object.metadata?.deletionTimestamp) {
            for (const r of refs) this.enqueueRef(e.object.metadata?.namespace ?? "default", r);
          } else if (e.type === "ADDED") this.enqueue(kind, e.object);
        }),
      );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
  }

  private enqueue(kind: ObjectKind, o: KubeObject): void {
    this.push({
      kind,
      namespace: o.metadata?.namespace ?? "default",
      name: o.metadata?.name ?? "",
      uid: o.metadata?.uid ?? "",
    });
  }

  private enqueueRef(namespace: string, r: OwnerReference): void {
    if (!OWNER_KINDS.includes(r.kind as ObjectKind)) return;
    this.push({ kind: r.kind as ObjectKind, namespace, name: r.name, uid: r.uid });
  }

  private push(item: Item): void {
    this.queue.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.setTimer(0, () => this.drain(), "garbage collector");
  }

  private drain(): void {
    this.scheduled = false;
    const items = this.queue.splice(0);
    const seen = new Set<string>();
    for (const it of items) {
      const key = `${it.kind}/${it.namespace}/${it.name}/${it.uid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      try {
        this.process(it);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }

  /** The object itself as stored now, if it is still the same one (same UID). */
  private current(it: Item): KubeObject | undefined {
    const o = this.api.tryGet<KubeObject>(it.kind, it.namespace, it.name);
    return o && o.metadata?.uid === it.uid ? o : undefined;
  }

  private dependentsOf(namespace: string, uid: string): { kind: ObjectKind; obj: KubeObject }[] {
    const out: { kind: ObjectKind; obj: KubeObject }[] = [];
    for (const kind of DEPENDENT_KINDS)
      for (const obj of this.api.list<KubeObject>(kind, { namespace }))
        if (refsOf(obj).some((r) => r.uid === uid)) out.push({ kind, obj });
    return out;
  }

  private process(it: Item): void {
    const owner = this.current(it);
    if (owner) {
      const fins = owner.metadata?.finalizers ?? [];
      if (owner.metadata?.deletionTimestamp && fins.includes(ORPHAN_FINALIZER)) this.orphan(it, owner);
      else if (owner.metadata?.deletionTimestamp && fins.includes(FOREGROUND_FINALIZER))
        this.foreground(it, owner);
      // an owner still here that is not waiting: maybe one of its own owners is gone (a dangling ref)
      if (DEPENDENT_KINDS.includes(it.kind)) this.attemptToDelete(it.kind, owner);
      return;
    }
    // the owner is gone (Background): every dependent that has no other live owner goes too
    for (const d of this.dependentsOf(it.namespace, it.uid)) this.attemptToDelete(d.kind, d.obj);
  }

  /** attemptToDeleteItem: delete a dependent whose owners are all gone; drop references to absent owners. */
  private attemptToDelete(kind: ObjectKind, obj: KubeObject): void {
    const refs = refsOf(obj);
    if (refs.length === 0 || obj.metadata?.deletionTimestamp) return;
    const ns = obj.metadata?.namespace ?? "default";
    const absent = refs.filter((r) => {
      if (!OWNER_KINDS.includes(r.kind as ObjectKind)) return false;
      const o = this.api.tryGet<KubeObject>(r.kind as ObjectKind, ns, r.name);
      return !o || o.metadata?.uid !== r.uid;
    });
    if (absent.length === 0) {
      // every owner exists: delete now only for an owner waiting on its dependents (foreground)
      const waiting = refs.some((r) => {
        const o = this.api.tryGet<KubeObject>(r.kind as ObjectKind, ns, r.name);
        return r.blockOwnerDeletion && o?.metadata?.finalizers?.includes(FOREGROUND_FINALIZER);
      });
      if (waiting) this.deleteObject(kind, obj, "Foreground");
      return;
    }
    if (absent.length === refs.length) {
      this.deleteObject(kind, obj, "Background");
      return;
    }
    const keep = refs.filter((r) => !absent.includes(r));
    this.api.update(kind, { ...obj, metadata: { ...obj.metadata, ownerReferences: keep } }, ACTOR);
  }

  private deleteObject(kind: ObjectKind, obj: KubeObject, policy: "Background" | "Foreground"): void {
    this.api.delete(
      kind,
      obj.metadata?.namespace,
      obj.metadata?.name ?? "",
      // a dependent of a foreground deletion is deleted in the foreground too, if it owns others
      { propagationPolicy: kind === "Pod" ? undefined : policy },
      ACTOR,
    );
  }

  /** orphanDependents, then the orphan finalizer is removed and the owner goes. */
  private orphan(it: Item, owner: KubeObject): void {
    for (const d of this.dependentsOf(it.namespace, it.uid)) {
      const keep = refsOf(d.obj).filter((r) => r.uid !== it.uid);
      const metadata: KubeObject["metadata"] = { ...d.obj.metadata, ownerReferences: keep };
      if (keep.length === 0) delete metadata.ownerReferences;
      this.api.update(d.kind, { ...d.obj, metadata }, ACTOR);
    }
    this.removeFinalizer(it.kind, owner, ORPHAN_FINALIZER);
  }

  /** processDeletingDependentsItem: delete the blocking dependents; once none is left, let the owner go. */
  private foreground(it: Item, owner: KubeObject): void {
    const blocking = this.dependentsOf(it.namespace, it.uid).filter((d) =>
      refsOf(d.obj).some((r) => r.uid === it.uid && r.blockOwnerDeletion),
    );
    if (blocking.length === 0) {
      this.removeFinalizer(it.kind, owner, FOREGROUND_FINALIZER);
      return;
    }
    for (const d of blocking) this.attemptToDelete(d.kind, d.obj);
  }

  private removeFinalizer(kind: ObjectKind, owner: KubeObject, finalizer: string): void {
    const finalizers = (owner.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    const metadata = { ...owner.metadata, finalizers };
    if (finalizers.length === 0) delete (metadata as { finalizers?: string[] }).finalizers;
    this.api.update(kind, { ...owner, metadata }, ACTOR);
  }
}
