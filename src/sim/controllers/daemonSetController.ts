// k8s: pkg/controller/daemon/daemon_controller.go + update.go + util/daemonset_util.go —
// kube-controller-manager's daemonset-controller: one pod per eligible node. Simplified: its
// informers are the API server itself (no cache lag, so no expectations), the work queue is drained on
// a clock tick after the change, and ControllerRevisions carry the template as their data
// ({"spec":{"template":{…,"$patch":"replace"}}}, as the real controller's getPatch makes it).
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from "kubernetes-types/apps/v1";
import type {
  Node,
  NodeSelectorTerm,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Taint,
  Toleration,
} from "kubernetes-types/core/v1";
import {
  CONTROLLER_REVISION_HASH_LABEL,
  POD_TEMPLATE_GENERATION_LABEL,
  templateGeneration,
} from "../api/daemonSet";
import { jsonEqual } from "../api/equality";
import { selectorMatches } from "../api/labelSelector";
import type { ApiServer } from "../apiserver/apiServer";
import { matchesRequiredAffinity } from "../apiserver/scheduler";
import {
  ApiError,
  type ApiServerClient,
  type EventRecorder,
  type KubeObject,
  type ObjectReference,
} from "../apiserver/types";
import type { Clock } from "../clock";
import { parseRfc3339 } from "../clock/time";
import {
  BURST_REPLICAS,
  claimObjects,
  controllerOf,
  isPodAvailable,
  isPodReady,
  keyOf,
  newControllerRef,
  objectRef,
  ownerKeysFor,
  readySince,
  SLOW_START_INITIAL_BATCH,
  slowStartBatch,
  WorkQueue,
} from "./controllerUtils";
import { computeHash, scaledValue } from "./deploymentUtil";
import { toleratesTaint } from "./tolerations";

/** names.DaemonSetController: its Events' source component. */
export const DAEMONSET_CONTROLLER = "daemonset-controller";

const ACTOR = "controller-manager" as const;

/** The tolerations every daemon pod gets (util.AddOrUpdateDaemonPodTolerations), in the order it adds them. */
export const DAEMON_POD_TOLERATIONS: readonly Toleration[] = [
  // survive the taint-based eviction the node lifecycle controller starts when the node turns not ready
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  // TaintNodesByCondition: daemons run through node pressure and cordons
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];
const NETWORK_UNAVAILABLE: Toleration = {
  key: "node.kubernetes.io/network-unavailable",
  operator: "Exists",
  effect: "NoSchedule",
};

/** The Event's involvedObject: what GetReference makes of a DaemonSet. */
export function daemonSetRef(ds: DaemonSet): ObjectReference {
  return objectRef("DaemonSet", "apps/v1", ds);
}

/** v1helper.AddOrUpdateTolerationInPodSpec: a toleration equal in key, operator, value and effect is replaced. */
function addOrUpdateToleration(spec: PodSpec, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const same = (x: Toleration) =>
    (x.key ?? "") === (t.key ?? "") &&
    (x.operator || "Equal") === t.operator &&
    (x.value ?? "") === (t.value ?? "") &&
    (x.effect ?? "") === (t.effect ?? "");
  const i = list.findIndex(same);
  if (i >= 0) list[i] = { ...t };
  else list.push({ ...t });
  spec.tolerations = list;
}

/** util.AddOrUpdateDaemonPodTolerations */
export function addDaemonPodTolerations(spec: PodSpec): void {
  for (const t of DAEMON_POD_TOLERATIONS) addOrUpdateToleration(spec, t);
  if (spec.hostNetwork) addOrUpdateToleration(spec, NETWORK_UNAVAILABLE);
}

/** util.CreatePodTemplate: the template with the daemon tolerations and the generation and hash labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = structuredClone(ds.spec?.template ?? {});
  t.spec ??= { containers: [] };
  addDaemonPodTolerations(t.spec);
  t.metadata ??= {};
  const labels = { ...(t.metadata.labels ?? {}) };
  const gen = templateGeneration(ds);
  if (gen !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = String(gen);
  if (hash) labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  t.metadata.labels = labels;
  return t;
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become one matchFields on the node's name. */
export function replaceNodeNameAffinity(spec: PodSpec, nodeName: string): void {
  const term: NodeSelectorTerm = {
    matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }],
  };
  const affinity = spec.affinity ?? {};
  const nodeAffinity = affinity.nodeAffinity ?? {};
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    ...(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? {}),
    nodeSelectorTerms: [term],
  };
  affinity.nodeAffinity = nodeAffinity;
  spec.affinity = affinity;
}

/** util.GetTargetNodeName: spec.nodeName, else the node the matchFields affinity names. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const t of terms ?? [])
    for (const f of t.matchFields ?? [])
      if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
  return undefined;
}

/** An untolerated taint among those `filter` keeps (v1helper.FindMatchingUntoleratedTaint). */
function untolerated(taints: Taint[], tols: Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  return taints.filter(filter).find((taint) => !tols.some((t) => toleratesTaint(t, taint)));
}

/**
 * NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. nodeName, nodeSelector and required
 * node affinity must fit; an untolerated NoSchedule/NoExecute taint stops new pods, and only an
 * untolerated NoExecute taint removes a running one.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): [boolean, boolean] {
  const spec = structuredClone(ds.spec?.template?.spec ?? { containers: [] });
  addDaemonPodTolerations(spec);
  const name = node.metadata?.name ?? "";
  if (spec.nodeName && spec.nodeName !== name) return [false, false];
  const labels = node.metadata?.labels ?? {};
  const fitsSelector = Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
  if (!fitsSelector || !matchesRequiredAffinity({ spec } as Pod, node)) return [false, false];
  const taints = node.spec?.taints ?? [];
  const tols = spec.tolerations ?? [];
  if (untolerated(taints, tols, (t) => t.effect === "NoSchedule" || t.effect === "NoExecute"))
    return [false, !untolerated(taints, tols, (t) => t.effect === "NoExecute")];
  return [true, true];
}

/** util.IsPodUpdated: the pod carries the current hash or template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches =
    generation !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash.length > 0 && labels[CONTROLLER_REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

const created = (o: { metadata?: { creationTimestamp?: string } }) =>
  o.metadata?.creationTimestamp ? parseRfc3339(o.metadata.creationTimestamp) : 0;

/** podByCreationTimestampAndPhase: scheduled first, then running, then the oldest. */
function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = !!a.spec?.nodeName;
  const sb = !!b.spec?.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ra = a.status?.phase === "Running";
  const rb = b.status?.phase === "Running";
  if (ra !== rb) return ra ? -1 : 1;
  const d = created(a) - created(b);
  if (d !== 0) return d;
  return (a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1;
}

/** The ControllerRevision's data: the DaemonSet's template as a replacing strategic-merge patch. */
function revisionData(ds: DaemonSet): Record<string, unknown> {
  return { spec: { template: { ...structuredClone(ds.spec?.template ?? {}), $patch: "replace" } } };
}

/** The template a ControllerRevision holds (applyDaemonSetHistory). */
export function revisionTemplate(cr: ControllerRevision): PodTemplateSpec {
  const data = (cr.data ?? {}) as { spec?: { template?: PodTemplateSpec & { $patch?: string } } };
  const t = structuredClone(data.spec?.template ?? {});
  delete t.$patch;
  return t;
}

/** The ControllerRevisions a DaemonSet controls. */
export function daemonSetRevisions(api: Pick<ApiServerClient, "list">, ds: DaemonSet): ControllerRevision[] {
  const uid = ds.metadata?.uid;
  return api
    .list<ControllerRevision>("ControllerRevision", { namespace: ds.metadata?.namespace })
    .filter((cr) => controllerOf(cr)?.uid === uid);
}

/** Failed daemon pods are replaced after a back-off of 1 s doubling to 15 min (per node). */
const FAILED_BACKOFF_MS = 1000;
const FAILED_BACKOFF_MAX_MS = 15 * 60_000;

export interface DaemonSetControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

export class DaemonSetController {
  private readonly failedBackoff = new Map<string, { until: number; next: number }>();
  private stops: (() => void)[] = [];
  private readonly work: WorkQueue;

  constructor(private readonly o: DaemonSetControllerOptions) {
    this.work = new WorkQueue({
      clock: this.o.clock,
      name: "daemonset controller",
      sync: (key) => this.syncDaemonSet(key),
    });
  }

  start(): void {
    this.stops.push(
      this.o.api.watch<DaemonSet>("DaemonSet", {}, (e) => this.work.add(keyOf(e.object))),
      this.o.api.watch<Pod>("Pod", {}, (e) => this.podChanged(e.type === "DELETED", e.object)),
      // a node's labels, taints or existence change which daemons belong on it
      this.o.api.watch<Node>("Node", {}, () => {
        for (const ds of this.o.api.list<DaemonSet>("DaemonSet")) this.work.add(keyOf(ds));
      }),
      this.o.api.watch<ControllerRevision>("ControllerRevision", {}, (e) => {
        const ref = controllerOf(e.object);
        if (ref?.kind === "DaemonSet") this.work.add(`${e.object.metadata?.namespace}/${ref.name}`);
      }),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.work.stop();
  }

  /** addPod/updatePod/deletePod: the owning DaemonSet, or (an orphan) every one whose selector matches. */
  private podChanged(deleted: boolean, pod: Pod): void {
    for (const k of ownerKeysFor(this.o.api, pod, deleted, "DaemonSet")) this.work.add(k);
  }

  /** syncDaemonSet: history, then manage (create/delete per node), the rolling update, history cleanup, status. */
  syncDaemonSet(key: string): void {
    const [ns, name] = key.split("/");
    const ds = this.o.api.tryGet<DaemonSet>("DaemonSet", ns, name);
    if (!ds || ds.metadata?.deletionTimestamp) return;
    const nodes = this.o.api.list<Node>("Node");
    const { cur, old } = this.constructHistory(ds);
    const hash = cur.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? "";
    this.manage(ds, nodes, hash);
    if (ds.spec?.updateStrategy?.type === "RollingUpdate") this.rollingUpdate(ds, nodes, hash);
    this.cleanupHistory(ds, old);
    this.updateStatus(ds, nodes, hash);
  }

  /** The pods this DaemonSet owns (claimPods: adopting matching orphans, releasing pods that stopped matching). */
  private daemonPods(ds: DaemonSet): Pod[] {
    const pods = this.o.api.list<Pod>("Pod", { namespace: ds.metadata?.namespace });
    return claimObjects(this.o.api, "Pod", ds, newControllerRef(ds, "apps/v1", "DaemonSet"), pods, (pod) =>
      selectorMatches(ds.spec?.selector, pod.metadata?.labels),
    );
  }

  /** getNodesToDaemonPods: the owned pods by the node they are on or meant for (deleted terminal pods left out). */
  private nodeToDaemonPods(ds: DaemonSet): Map<string, Pod[]> {
    const m = new Map<string, Pod[]>();
    for (const pod of this.daemonPods(ds)) {
      const phase = pod.status?.phase;
      if ((phase === "Succeeded" || phase === "Failed") && pod.metadata?.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      m.set(node, [...(m.get(node) ?? []), pod]);
    }
    return m;
  }

  /** constructHistory: the revision matching the template (renumbered to the newest), or a new snapshot. */
  private constructHistory(ds: DaemonSet): { cur: ControllerRevision; old: ControllerRevision[] } {
    const histories = daemonSetRevisions(this.o.api, ds);
    const data = revisionData(ds);
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (const h of histories) (jsonEqual(h.data, data) ? current : old).push(h);
    const next = Math.max(0, ...old.map((h) => h.revision ?? 0)) + 1;
    if (current.length === 0) return { cur: this.snapshot(ds, data, next), old };
    // dedupCurHistories: keep the newest revision
    current.sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0));
    for (const dup of current.slice(1))
      this.o.api.delete("ControllerRevision", dup.metadata?.namespace, dup.metadata?.name ?? "", {}, ACTOR);
    let cur = current[0];
    if ((cur.revision ?? 0) < next)
      cur = this.o.api.update<ControllerRevision>(
        "ControllerRevision",
        { ...cur, revision: next } as ControllerRevision & KubeObject,
        ACTOR,
      );
    return { cur, old };
  }

  /** snapshot: a ControllerRevision `<ds>-<hash>` with the template's labels plus the hash, the DaemonSet's annotations. */
  private snapshot(ds: DaemonSet, data: Record<string, unknown>, revision: number): ControllerRevision {
    let collisionCount = ds.status?.collisionCount;
    for (;;) {
      const hash = computeHash(ds.spec?.template ?? {}, collisionCount);
      const name = `${ds.metadata?.name}-${hash}`;
      const cr: ControllerRevision = {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: {
          name,
          namespace: ds.metadata?.namespace,
          labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
          annotations: { ...(ds.metadata?.annotations ?? {}) },
          ownerReferences: [newControllerRef(ds, "apps/v1", "DaemonSet")],
        },
        data,
        revision,
      };
      try {
        return this.o.api.create<ControllerRevision>("ControllerRevision", cr, ACTOR);
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 409) throw e;
        const existing = this.o.api.get<ControllerRevision>(
          "ControllerRevision",
          ds.metadata?.namespace,
          name,
        );
        if (controllerOf(existing)?.uid === ds.metadata?.uid && jsonEqual(existing.data, data))
          return existing;
        // a hash collision: count it in the status and try the next name
        collisionCount = (collisionCount ?? 0) + 1;
        this.o.api.updateStatus(
          "DaemonSet",
          ds.metadata?.namespace,
          ds.metadata?.name ?? "",
          {
            ...(ds.status ?? {}),
            collisionCount,
          },
          ACTOR,
        );
      }
    }
  }

  /** cleanupHistory: old revisions beyond revisionHistoryLimit that no live pod uses, oldest first. */
  private cleanupHistory(ds: DaemonSet, old: ControllerRevision[]): void {
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    const toKill = old.length - limit;
    if (toKill <= 0) return;
    const live = new Set<string>();
    for (const pods of this.nodeToDaemonPods(ds).values())
      for (const p of pods) {
        const h = p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
        if (h) live.add(h);
      }
    let killed = 0;
    for (const h of [...old].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0))) {
      if (killed >= toKill) break;
      if (live.has(h.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? "")) continue;
      this.o.api.delete("ControllerRevision", h.metadata?.namespace, h.metadata?.name ?? "", {}, ACTOR);
      killed++;
    }
  }

  /** manage + podsShouldBeOnNode: which nodes need a daemon pod, which pods must go. */
  private manage(ds: DaemonSet, nodes: Node[], hash: string): void {
    const byNode = this.nodeToDaemonPods(ds);
    const create: string[] = [];
    const remove: Pod[] = [];
    const now = this.o.clock.now();
    const key = keyOf(ds);
    for (const node of nodes) {
      const nodeName = node.metadata?.name ?? "";
      const [shouldRun, shouldContinueRunning] = nodeShouldRunDaemonPod(node, ds);
      const pods = byNode.get(nodeName) ?? [];
      if (shouldRun && pods.length === 0) {
        create.push(nodeName);
        continue;
      }
      if (!shouldContinueRunning) {
        remove.push(...pods.filter((p) => !p.metadata?.deletionTimestamp));
        continue;
      }
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata?.deletionTimestamp) continue;
        if (pod.status?.phase === "Failed") {
          // a failed daemon pod is killed and replaced, with a back-off per node
          const bk = `${key}/${nodeName}`;
          const b = this.failedBackoff.get(bk);
          if (b && now < b.until) {
            this.work.addAfter(key, b.until - now);
            continue;
          }
          const next = b ? Math.min(b.next * 2, FAILED_BACKOFF_MAX_MS) : FAILED_BACKOFF_MS;
          this.failedBackoff.set(bk, { until: now + next, next });
          this.o.recorder.event(
            daemonSetRef(ds),
            "Warning",
            "FailedDaemonPod",
            `Found failed daemon pod ${pod.metadata?.namespace}/${pod.metadata?.name} on node ${nodeName}, will try to kill it`,
          );
          remove.push(pod);
          continue;
        }
        running.push(pod);
      }
      // no surge: more than one running pod on a node keeps the oldest
      if (running.length > 1) remove.push(...running.sort(byCreationAndPhase).slice(1));
    }
    // unscheduled pods whose node is gone
    const names = new Set(nodes.map((n) => n.metadata?.name ?? ""));
    for (const [nodeName, pods] of byNode)
      if (!names.has(nodeName))
        remove.push(...pods.filter((p) => !p.spec?.nodeName && !p.metadata?.deletionTimestamp));
    this.syncNodes(ds, remove, create, hash);
  }

  /** syncNodes: delete, then create pods (slow start), recording the events the pod control records. */
  private syncNodes(ds: DaemonSet, remove: Pod[], create: string[], hash: string): void {
    const ref = daemonSetRef(ds);
    const template = daemonPodTemplate(ds, hash);
    for (const p of remove.slice(0, BURST_REPLICAS)) {
      const podName = p.metadata?.name ?? "";
      try {
        this.o.api.delete("Pod", p.metadata?.namespace, podName, {}, ACTOR);
        this.o.recorder.event(ref, "Normal", "SuccessfulDelete", `Deleted pod: ${podName}`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 404) continue;
        this.o.recorder.event(ref, "Warning", "FailedDelete", `Error deleting: ${e.message}`);
      }
    }
    let i = 0;
    const nodesToCreate = create.slice(0, BURST_REPLICAS);
    slowStartBatch(nodesToCreate.length, SLOW_START_INITIAL_BATCH, () => {
      const nodeName = nodesToCreate[i++];
      try {
        const pod = this.o.api.create<Pod>("Pod", this.podFor(ds, template, nodeName), ACTOR);
        this.o.recorder.event(ref, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata?.name}`);
        return true;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.o.recorder.event(ref, "Warning", "FailedCreate", `Error creating: ${e.message}`);
        return false;
      }
    });
  }

  /** GetPodFromTemplate with the node-name affinity: the scheduler binds it to its node. */
  private podFor(ds: DaemonSet, t: PodTemplateSpec, nodeName: string): Pod {
    const metadata: NonNullable<Pod["metadata"]> = {
      generateName: `${ds.metadata?.name}-`,
      namespace: ds.metadata?.namespace,
    };
    const labels = t.metadata?.labels;
    if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
    const annotations = t.metadata?.annotations;
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
    if (t.metadata?.finalizers?.length) metadata.finalizers = [...t.metadata.finalizers];
    metadata.ownerReferences = [newControllerRef(ds, "apps/v1", "DaemonSet")];
    const spec = structuredClone(t.spec) ?? { containers: [] };
    replaceNodeNameAffinity(spec, nodeName);
    return { apiVersion: "v1", kind: "Pod", metadata, spec };
  }

  /**
   * rollingUpdate without surge: old pods that are not available go at once; available ones as long
   * as fewer than maxUnavailable nodes are without an available daemon. The manage loop of the next
   * sync creates the new pod once the old one is gone.
   */
  private rollingUpdate(ds: DaemonSet, nodes: Node[], hash: string): void {
    const byNode = this.nodeToDaemonPods(ds);
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds)[0]).length;
    const ru = ds.spec?.updateStrategy?.rollingUpdate;
    const maxSurge = scaledValue(ru?.maxSurge ?? 0, desired, true);
    let maxUnavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true);
    if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const gen = templateGeneration(ds);
    const min = ds.spec?.minReadySeconds ?? 0;
    const now = this.o.clock.wallMs();
    let numUnavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const nodeName of [...byNode.keys()].sort()) {
      let newPod: Pod | undefined;
      let oldPod: Pod | undefined;
      let ok = true;
      for (const p of byNode.get(nodeName) ?? []) {
        if (p.metadata?.deletionTimestamp) continue;
        if (isPodUpdated(p, hash, gen)) {
          if (newPod) ok = false;
          newPod = p;
        } else {
          if (oldPod) ok = false;
          oldPod = p;
        }
      }
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
      else if (newPod) {
        if (!isPodAvailable(newPod, min, now)) numUnavailable++;
      } else if (oldPod) {
        if (!isPodAvailable(oldPod, min, now)) replace.push(oldPod);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    const remove = [...replace, ...candidates.slice(0, remaining)];
    if (remove.length > 0) this.syncNodes(ds, remove, [], hash);
  }

  /** updateDaemonSetStatus: the counts per node that should run the daemon. */
  private updateStatus(ds: DaemonSet, nodes: Node[], hash: string): void {
    const current = this.o.api.tryGet<DaemonSet>(
      "DaemonSet",
      ds.metadata?.namespace,
      ds.metadata?.name ?? "",
    );
    if (!current) return;
    const byNode = this.nodeToDaemonPods(current);
    const gen = templateGeneration(current);
    const min = current.spec?.minReadySeconds ?? 0;
    const now = this.o.clock.wallMs();
    let desired = 0;
    let scheduled = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    let nextAvailableCheck = Number.POSITIVE_INFINITY;
    for (const node of nodes) {
      const pods = [...(byNode.get(node.metadata?.name ?? "") ?? [])];
      const [shouldRun] = nodeShouldRunDaemonPod(node, current);
      if (!shouldRun) {
        if (pods.length > 0) misscheduled++;
        continue;
      }
      desired++;
      if (pods.length === 0) continue;
      scheduled++;
      const pod = pods.sort(byCreationAndPhase)[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, min, now)) available++;
        else {
          const since = readySince(pod) ?? now;
          nextAvailableCheck = Math.min(nextAvailableCheck, Math.max(1, since + min * 1000 + 1 - now));
        }
      }
      if (isPodUpdated(pod, hash, gen)) updated++;
    }
    const status: DaemonSetStatus = {
      ...(current.status ?? {}),
      currentNumberScheduled: scheduled,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: current.metadata?.generation ?? 1,
    };
    // omitempty: zero counts are not sent
    const set = (k: "updatedNumberScheduled" | "numberAvailable" | "numberUnavailable", v: number) => {
      if (v > 0) status[k] = v;
      else delete status[k];
    };
    set("updatedNumberScheduled", updated);
    set("numberAvailable", available);
    set("numberUnavailable", desired - available);
    if (!jsonEqual(status, current.status))
      this.o.api.updateStatus(
        "DaemonSet",
        current.metadata?.namespace,
        current.metadata?.name ?? "",
        status,
        ACTOR,
      );
    // Resync after minReadySeconds so that updates are reflected in the status
    if (min > 0 && ready !== available && Number.isFinite(nextAvailableCheck))
      this.work.addAfter(keyOf(current), nextAvailableCheck);
  }
}
