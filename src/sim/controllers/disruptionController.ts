// k8s: pkg/controller/disruption/disruption.go — kube-controller-manager's disruption controller: for
// each PodDisruptionBudget it counts the matching pods that are healthy (Ready, not being deleted, not
// just evicted), works out how many must stay healthy (minAvailable as is, or a percentage / maxUnavailable
// against the scale of the pods' controllers) and writes currentHealthy, desiredHealthy, expectedPods,
// disruptionsAllowed and the DisruptionAllowed condition — what the eviction subresource then spends.
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { jsonEqual } from "../api/equality";
import { selectorMatches } from "../api/labelSelector";
import {
  conditionsAreUpToDate,
  isPodReady,
  type PdbStatus,
  type PodDisruptionBudget,
  scaledValue,
  statusOf,
  syncFailedCondition,
  updateDisruptionAllowedCondition,
} from "../api/policy";
import type { ApiServer } from "../apiserver/apiServer";
import { RESOURCE } from "../apiserver/registry";
import type { EventRecorder, ObjectKind } from "../apiserver/types";
import type { Clock } from "../clock";
import { parseRfc3339, rfc3339 } from "../clock/time";
import { controllerOf, DelayingQueue, keyOf, objectRef } from "./controllerUtils";

/** The Events' source: NewRecorder(scheme, v1.EventSource{Component: "controllermanager"}). */
export const DISRUPTION_CONTROLLER = "controllermanager";
const ACTOR = "controller-manager" as const;
/** DeletionTimeout: an evicted pod not marked for deletion by then counts again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

export interface DisruptionControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

/** A failed sync: its text goes into the CalculateExpectedPodCountFailed event and the SyncFailed condition. */
class SyncError extends Error {}

const pdbRef = (pdb: PodDisruptionBudget) => objectRef("PodDisruptionBudget", "policy/v1", pdb);
const podRef = (pod: Pod) => objectRef("Pod", "v1", pod);

/** Kinds the simulator stores whose resource has no scale subresource (discovery says so). */
const NO_SCALE: Partial<Record<string, ObjectKind>> = {
  "apps/DaemonSet": "DaemonSet",
  "apps/ControllerRevision": "ControllerRevision",
  "batch/Job": "Job",
  "batch/CronJob": "CronJob",
  "/Pod": "Pod",
  "/Node": "Node",
  "/Service": "Service",
};

/** metav1.LabelSelector's String() (gogo-protobuf), as the UnmanagedPods event prints it with %v. */
function selectorGoString(sel: LabelSelector | undefined): string {
  if (!sel) return "nil";
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels?.[k]},`)
    .join("");
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(" ")}],},`,
    )
    .join("");
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export class DisruptionController {
  private readonly queue: DelayingQueue;
  private stops: (() => void)[] = [];

  constructor(private readonly o: DisruptionControllerOptions) {
    // processNextWorkItem: a failed write is requeued (rate limited); the simulator retries after 1 s
    this.queue = new DelayingQueue(o.clock, (key) => this.sync(key), 1000, "disruption controller sync");
  }

  start(): void {
    this.stops.push(
      this.o.api.watch<PodDisruptionBudget>("PodDisruptionBudget", {}, (e) =>
        this.queue.add(keyOf(e.object), 0),
      ),
      this.o.api.watch<Pod>("Pod", {}, (e) => this.podChanged(e.object)),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.queue.stop();
  }

  /** addPod / updatePod / deletePod → getPdbForPod: the first matching budget (a Warning when several). */
  private podChanged(pod: Pod): void {
    const ns = pod.metadata?.namespace ?? "default";
    const pdbs = this.o.api
      .list<PodDisruptionBudget>("PodDisruptionBudget", { namespace: ns })
      .filter((b) => selectorMatches(b.spec?.selector, pod.metadata?.labels));
    if (pdbs.length === 0) return;
    if (pdbs.length > 1 && this.o.api.tryGet("Pod", ns, pod.metadata?.name ?? ""))
      this.o.recorder.event(
        podRef(pod),
        "Warning",
        "MultiplePodDisruptionBudgets",
        `Pod "${ns}"/"${pod.metadata?.name}" matches multiple PodDisruptionBudgets.  Chose "${pdbs[0].metadata?.name}" arbitrarily.`,
      );
    this.queue.add(keyOf(pdbs[0]), 0);
  }

  private now(): number {
    return this.o.clock.wallMs();
  }

  /** sync: trySync, and on any error but a conflict the failSafe (no disruption allowed, SyncFailed). */
  private sync(key: string): void {
    const [ns, name] = key.split("/");
    const pdb = this.o.api.tryGet<PodDisruptionBudget>("PodDisruptionBudget", ns, name);
    if (!pdb) return;
    try {
      this.trySync(pdb);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      const status = syncFailedCondition(statusOf(pdb), e.message, rfc3339(this.now()));
      this.o.api.updateStatus("PodDisruptionBudget", ns, name, status, ACTOR);
    }
  }

  private trySync(pdb: PodDisruptionBudget): void {
    const ns = pdb.metadata?.namespace ?? "default";
    // getPodsForPdb: LabelSelectorAsSelector (a nil selector selects nothing, an empty one everything)
    const pods = this.o.api
      .list<Pod>("Pod", { namespace: ns })
      .filter((p) => selectorMatches(pdb.spec?.selector, p.metadata?.labels));
    if (pods.length === 0) this.o.recorder.event(pdbRef(pdb), "Normal", "NoPods", "No matching pods found");
    let expected: { expectedCount: number; desiredHealthy: number; unmanaged: string[] };
    try {
      expected = this.expectedPodCount(pdb, pods);
    } catch (e) {
      if (e instanceof SyncError)
        this.o.recorder.event(
          pdbRef(pdb),
          "Warning",
          "CalculateExpectedPodCountFailed",
          `Failed to calculate the number of expected pods: ${e.message}`,
        );
      throw e;
    }
    if (expected.unmanaged.length > 0)
      this.o.recorder.event(
        pdbRef(pdb),
        "Warning",
        "UnmanagedPods",
        `Pods selected by this PodDisruptionBudget (selector: ${selectorGoString(pdb.spec?.selector as LabelSelector | undefined)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    const now = this.now();
    const { disrupted, recheckAt } = this.buildDisruptedPodMap(pods, pdb, now);
    const currentHealthy = countHealthyPods(pods, disrupted, now);
    this.updatePdbStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disrupted);
    if (recheckAt !== undefined) this.queue.add(keyOf(pdb), recheckAt - now);
  }

  /** getExpectedPodCount: maxUnavailable and percentages scale against the controllers; an int minAvailable counts the pods. */
  private expectedPodCount(
    pdb: PodDisruptionBudget,
    pods: Pod[],
  ): { expectedCount: number; desiredHealthy: number; unmanaged: string[] } {
    const spec = pdb.spec ?? {};
    if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
      const { expectedCount, unmanaged } = this.expectedScale(pods);
      const maxUnavailable = scaledValue(spec.maxUnavailable, expectedCount);
      return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable), unmanaged };
    }
    if (typeof spec.minAvailable === "number")
      return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
    if (typeof spec.minAvailable === "string") {
      const { expectedCount, unmanaged } = this.expectedScale(pods);
      return { expectedCount, desiredHealthy: scaledValue(spec.minAvailable, expectedCount), unmanaged };
    }
    return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the scales of the pods' controllers (each counted once); pods without one are unmanaged. */
  private expectedScale(pods: Pod[]): { expectedCount: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata?.name ?? "");
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.controllerScale(ref, pod.metadata?.namespace ?? "default");
      if (!found) throw new SyncError(`found no controllers for pod "${pod.metadata?.name}"`);
      scales.set(found.uid, found.scale);
    }
    let expectedCount = 0;
    for (const s of scales.values()) expectedCount += s;
    return { expectedCount, unmanaged };
  }

  /** The finders in order: a Deployment through its ReplicaSet, a bare ReplicaSet, then the scale subresource. */
  private controllerScale(
    ref: { apiVersion: string; kind: string; name: string; uid: string },
    ns: string,
  ): { uid: string; scale: number } | undefined {
    const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
    const api = this.o.api;
    if (ref.kind === "ReplicaSet" && (group === "apps" || group === "extensions")) {
      const rs = api.tryGet<ReplicaSet>("ReplicaSet", ns, ref.name);
      if (rs && rs.metadata?.uid === ref.uid) {
        const owner = controllerOf(rs);
        if (owner?.kind === "Deployment") {
          const d = api.tryGet<Deployment>("Deployment", ns, owner.name);
          if (d && d.metadata?.uid === owner.uid) return { uid: owner.uid, scale: d.spec?.replicas ?? 1 };
        } else return { uid: ref.uid, scale: rs.spec?.replicas ?? 1 };
      }
    }
    // getScaleController: the RESTMapper, then GET <resource>/scale
    if ((ref.kind === "ReplicaSet" || ref.kind === "Deployment") && group === "apps") {
      const o = api.tryGet<ReplicaSet | Deployment>(ref.kind, ns, ref.name);
      if (o && o.metadata?.uid === ref.uid) return { uid: ref.uid, scale: o.spec?.replicas ?? 1 };
      return undefined;
    }
    const kind = NO_SCALE[`${group}/${ref.kind}`];
    if (kind) throw new SyncError(`${RESOURCE[kind]} does not implement the scale subresource`);
    throw new SyncError(`no matches for kind "${ref.kind}" in group "${group}"`);
  }

  /** buildDisruptedPodMap: evicted pods not yet being deleted stay listed until DeletionTimeout. */
  private buildDisruptedPodMap(
    pods: Pod[],
    pdb: PodDisruptionBudget,
    now: number,
  ): { disrupted: Record<string, string>; recheckAt?: number } {
    const listed = pdb.status?.disruptedPods ?? {};
    const disrupted: Record<string, string> = {};
    let recheckAt: number | undefined;
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const at = listed[pod.metadata?.name ?? ""];
      if (!at) continue;
      const expectedDeletion = parseRfc3339(at) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        // (the real message names the budget's namespace twice)
        this.o.recorder.event(
          podRef(pod),
          "Warning",
          "NotDeleted",
          `Pod was expected by PDB ${pdb.metadata?.namespace}/${pdb.metadata?.namespace} to be deleted but it wasn't`,
        );
      } else {
        if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
        disrupted[pod.metadata?.name ?? ""] = at;
      }
    }
    return { disrupted, recheckAt };
  }

  /** updatePdbStatus: no disruption while no pod is expected; written only when something changed. */
  private updatePdbStatus(
    pdb: PodDisruptionBudget,
    currentHealthy: number,
    desiredHealthy: number,
    expectedCount: number,
    disrupted: Record<string, string>,
  ): void {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const s = statusOf(pdb);
    const generation = pdb.metadata?.generation ?? 0;
    if (
      (s.currentHealthy ?? 0) === currentHealthy &&
      (s.desiredHealthy ?? 0) === desiredHealthy &&
      (s.expectedPods ?? 0) === expectedCount &&
      (s.disruptionsAllowed ?? 0) === disruptionsAllowed &&
      jsonEqual(s.disruptedPods ?? {}, disrupted) &&
      (s.observedGeneration ?? 0) === generation &&
      conditionsAreUpToDate(pdb)
    )
      return;
    let status: PdbStatus = {
      currentHealthy,
      desiredHealthy,
      expectedPods: expectedCount,
      disruptionsAllowed,
      observedGeneration: generation,
      conditions: s.conditions,
    };
    if (Object.keys(disrupted).length > 0) status.disruptedPods = disrupted;
    status = updateDisruptionAllowedCondition(status, rfc3339(this.now()));
    this.o.api.updateStatus(
      "PodDisruptionBudget",
      pdb.metadata?.namespace ?? "default",
      pdb.metadata?.name ?? "",
      status,
      ACTOR,
    );
  }
}

/** countHealthyPods: Ready, not being deleted, not on the disrupted list. */
function countHealthyPods(pods: Pod[], disrupted: Record<string, string>, now: number): number {
  let n = 0;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const at = disrupted[pod.metadata?.name ?? ""];
    if (at && parseRfc3339(at) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) n++;
  }
  return n;
}
