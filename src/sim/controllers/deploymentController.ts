// k8s: pkg/controller/deployment/{deployment_controller,sync,rolling,recreate,progress}.go —
// kube-controller-manager's deployment-controller. Simplified: the informers are the API server
// itself and the work queue is drained on a clock tick after the change that triggered it; the
// logic of each sync (new ReplicaSet, scaling, rolling update, Recreate, conditions) follows the
// real one step by step.
import type { Deployment, DeploymentStatus, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { POD_TEMPLATE_HASH_LABEL } from "../api/apps";
import { jsonEqual } from "../api/equality";
import { selectorMatches } from "../api/labelSelector";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError, type EventRecorder, type KubeObject, type ObjectReference } from "../apiserver/types";
import type { Clock } from "../clock";
import { parseRfc3339, rfc3339 } from "../clock/time";
import {
  claimObjects,
  controllerOf,
  keyOf,
  newControllerRef,
  objectRef,
  ownerKeysFor,
  WorkQueue,
} from "./controllerUtils";
import {
  activeReplicaSets,
  actualReplicaCount,
  availableReplicaCount,
  byCreation,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  computeHash,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  FAILED_RS_CREATE_REASON,
  FOUND_NEW_RS_REASON,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isSaturated,
  MIN_AVAILABLE_REASON,
  MIN_UNAVAILABLE_REASON,
  maxReplicasAnnotation,
  maxRevision,
  maxSurge,
  maxUnavailable,
  NEW_RS_AVAILABLE_REASON,
  NEW_RS_REASON,
  newDeploymentCondition,
  newRSNewReplicas,
  PAUSED_REASON,
  RESUMED_REASON,
  REVISION_ANNOTATION,
  RS_UPDATED_REASON,
  readyReplicaCount,
  removeDeploymentCondition,
  replicaCount,
  replicaSetToDeploymentCondition,
  replicasAnnotationsNeedUpdate,
  setDeploymentCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  TIMED_OUT_REASON,
} from "./deploymentUtil";

/** names.DeploymentController: its Events' source component. */
export const DEPLOYMENT_CONTROLLER = "deployment-controller";

const ACTOR = "controller-manager" as const;

/** The Event's involvedObject for a Deployment. */
export function deploymentRef(d: Deployment): ObjectReference {
  return objectRef("Deployment", "apps/v1", d);
}

/** A ReplicaSet that failed to sync: the deployment is tried again on the next tick. */
class RequeueError extends Error {}

export interface DeploymentControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
  recorder: EventRecorder;
}

export class DeploymentController {
  private stops: (() => void)[] = [];
  private readonly work: WorkQueue;

  constructor(private readonly o: DeploymentControllerOptions) {
    this.work = new WorkQueue({
      clock: this.o.clock,
      name: "deployment controller",
      sync: (key) => this.syncDeployment(key),
      retryable: (e) => e instanceof RequeueError || e instanceof ApiError,
    });
  }

  start(): void {
    this.stops.push(
      this.o.api.watch<Deployment>("Deployment", {}, (e) => this.work.add(keyOf(e.object))),
      this.o.api.watch<ReplicaSet>("ReplicaSet", {}, (e) =>
        this.replicaSetChanged(e.type === "DELETED", e.object),
      ),
      this.o.api.watch<Pod>("Pod", {}, (e) => {
        if (e.type === "DELETED") this.podDeleted(e.object);
      }),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.work.stop();
  }

  /** addReplicaSet/updateReplicaSet/deleteReplicaSet: its owner, or the Deployments that could adopt it. */
  private replicaSetChanged(deleted: boolean, rs: ReplicaSet): void {
    for (const k of ownerKeysFor(this.o.api, rs, deleted, "Deployment")) this.work.add(k);
  }

  /** deletePod: a Recreate rollout waits for the old pods to be gone. */
  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (ref?.kind !== "ReplicaSet") return;
    const ns = pod.metadata?.namespace ?? "default";
    const rs = this.o.api.tryGet<ReplicaSet>("ReplicaSet", ns, ref.name);
    const owner = rs && controllerOf(rs);
    if (owner?.kind !== "Deployment") return;
    const d = this.o.api.tryGet<Deployment>("Deployment", ns, owner.name);
    if (d?.spec?.strategy?.type === "Recreate") this.work.add(`${ns}/${owner.name}`);
  }

  private nowString(): string {
    return rfc3339(this.o.clock.wallMs());
  }

  /** syncDeployment */
  syncDeployment(key: string): void {
    const [ns, name] = key.split("/");
    const stored = this.o.api.tryGet<Deployment>("Deployment", ns, name);
    if (!stored) return;
    const d = structuredClone(stored) as Deployment;
    d.status ??= {};
    const sel = d.spec?.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.o.recorder.event(
        deploymentRef(d),
        "Warning",
        "SelectingAll",
        "This deployment is selecting all pods. A non-empty selector is required.",
      );
      if ((d.status.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        d.status.observedGeneration = d.metadata?.generation;
        this.writeStatus(d);
      }
      return;
    }
    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata?.deletionTimestamp) {
      const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
      this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
      return;
    }
    this.checkPausedConditions(d);
    if (d.spec?.paused) {
      this.sync(d, rsList);
      return;
    }
    if (this.isScalingEvent(d, rsList)) {
      this.sync(d, this.getReplicaSetsForDeployment(d));
      return;
    }
    if (d.spec?.strategy?.type === "Recreate") this.rolloutRecreate(d, this.getReplicaSetsForDeployment(d));
    else this.rolloutRolling(d, this.getReplicaSetsForDeployment(d));
  }

  /** UpdateStatus of the whole Deployment (status and annotations), keeping `d` current. */
  private writeStatus(d: Deployment): void {
    const { resourceVersion: _rv, ...metadata } = d.metadata ?? {};
    const out = this.o.api.updateStatusObject<Deployment>(
      "Deployment",
      { ...d, metadata } as Deployment & KubeObject,
      ACTOR,
    );
    d.metadata = structuredClone(out.metadata);
    d.status = structuredClone(out.status) ?? {};
  }

  /** getReplicaSetsForDeployment: claim matching ReplicaSets (adopt orphans, release the others). */
  private getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const sets = this.o.api.list<ReplicaSet>("ReplicaSet", { namespace: d.metadata?.namespace });
    return claimObjects(
      this.o.api,
      "ReplicaSet",
      d,
      newControllerRef(d, "apps/v1", "Deployment"),
      sets,
      (rs) => selectorMatches(d.spec?.selector, rs.metadata?.labels),
    );
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and all the old ones. */
  private getAllReplicaSetsAndSyncRevision(
    d: Deployment,
    rsList: ReplicaSet[],
    create: boolean,
  ): [ReplicaSet | undefined, ReplicaSet[]] {
    const current = findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs.metadata?.uid !== current?.metadata?.uid);
    const newRS = this.getNewReplicaSet(d, rsList, oldRSs, create);
    return [newRS, oldRSs];
  }

  /** getNewReplicaSet: sync the new ReplicaSet's revision and annotations, or create it. */
  private getNewReplicaSet(
    d: Deployment,
    rsList: ReplicaSet[],
    oldRSs: ReplicaSet[],
    create: boolean,
  ): ReplicaSet | undefined {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = String(maxRevision(oldRSs) + 1);
    if (existing) {
      const rsCopy = structuredClone(existing) as ReplicaSet;
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (rsCopy.spec?.minReadySeconds ?? 0) !== minReady) {
        if (minReady > 0) rsCopy.spec!.minReadySeconds = minReady;
        else delete rsCopy.spec!.minReadySeconds;
        return this.o.api.update<ReplicaSet>("ReplicaSet", rsCopy as ReplicaSet & KubeObject, ACTOR);
      }
      let needsUpdate = setDeploymentRevision(d, rsCopy.metadata?.annotations?.[REVISION_ANNOTATION] ?? "");
      if (hasProgressDeadline(d) && !getCondition(d.status?.conditions, "Progressing")) {
        setDeploymentCondition(
          d.status!,
          newDeploymentCondition(
            "Progressing",
            "True",
            FOUND_NEW_RS_REASON,
            `Found new replica set "${rsCopy.metadata?.name}"`,
            this.nowString(),
          ),
        );
        needsUpdate = true;
      }
      if (needsUpdate) this.writeStatus(d);
      return rsCopy;
    }
    if (!create) return undefined;

    const template = structuredClone(d.spec?.template ?? {});
    const hash = computeHash(template, d.status?.collisionCount);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
    };
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const rsName = `${d.metadata?.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: rsName,
        namespace: d.metadata?.namespace,
        ownerReferences: [newControllerRef(d, "apps/v1", "Deployment")],
        labels: { ...template.metadata.labels },
      },
      spec: { replicas: 0, selector, template },
    };
    if ((d.spec?.minReadySeconds ?? 0) > 0) newRS.spec!.minReadySeconds = d.spec!.minReadySeconds;
    const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = count;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = this.o.api.create<ReplicaSet>("ReplicaSet", newRS, ACTOR);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const other =
        e.reason === "AlreadyExists"
          ? this.o.api.tryGet<ReplicaSet>("ReplicaSet", d.metadata?.namespace, rsName)
          : undefined;
      if (
        other &&
        controllerOf(other)?.uid === d.metadata?.uid &&
        equalIgnoreHash(d.spec?.template, other.spec?.template)
      ) {
        created = other;
        alreadyExists = true;
      } else if (other) {
        // a hash collision: a different ReplicaSet holds the name; the next hash counts the collision
        d.status!.collisionCount = (d.status?.collisionCount ?? 0) + 1;
        this.writeStatus(d);
        throw new RequeueError(`hash collision for ${rsName}`);
      } else {
        const msg = `Failed to create new replica set "${rsName}": ${e.message}`;
        if (hasProgressDeadline(d)) {
          setDeploymentCondition(
            d.status!,
            newDeploymentCondition("Progressing", "False", FAILED_RS_CREATE_REASON, msg, this.nowString()),
          );
          this.writeStatus(d);
        }
        this.o.recorder.event(deploymentRef(d), "Warning", FAILED_RS_CREATE_REASON, msg);
        throw e;
      }
    }
    if (!alreadyExists && count > 0)
      this.o.recorder.event(
        deploymentRef(d),
        "Normal",
        "ScalingReplicaSet",
        `Scaled up replica set ${rsName} from 0 to ${count}`,
      );
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setDeploymentCondition(
        d.status!,
        newDeploymentCondition(
          "Progressing",
          "True",
          NEW_RS_REASON,
          `Created new replica set "${rsName}"`,
          this.nowString(),
        ),
      );
      needsUpdate = true;
    }
    if (needsUpdate) this.writeStatus(d);
    return created;
  }

  /** checkPausedConditions: Progressing Unknown while paused, so a resumed rollout does not time out. */
  private checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status?.conditions, "Progressing");
    if (cond?.reason === TIMED_OUT_REASON) return;
    const pausedExists = cond?.reason === PAUSED_REASON;
    let reason: string | undefined;
    let message = "";
    if (d.spec?.paused && !pausedExists) {
      reason = PAUSED_REASON;
      message = "Deployment is paused";
    } else if (!d.spec?.paused && pausedExists) {
      reason = RESUMED_REASON;
      message = "Deployment is resumed";
    }
    if (!reason) return;
    setDeploymentCondition(
      d.status!,
      newDeploymentCondition("Progressing", "Unknown", reason, message, this.nowString()),
    );
    this.writeStatus(d);
  }

  /** isScalingEvent: an active ReplicaSet was last sized for another replica count. */
  private isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotation(rs);
      if (desired !== undefined && desired !== specReplicas(d)) return true;
    }
    return false;
  }

  /** sync: scaling events and paused Deployments — resize, no rollout. */
  private sync(d: Deployment, rsList: ReplicaSet[]): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.scale(d, newRS, oldRSs);
    if (d.spec?.paused) this.cleanupDeployment(oldRSs, d);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /** scale: the one active ReplicaSet takes the new size; otherwise sizes change in proportion. */
  private scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const desired = specReplicas(d);
    const activeOrLatest = this.findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (specReplicas(activeOrLatest) === desired) return;
      this.scaleReplicaSetAndRecordEvent(activeOrLatest, desired, d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (d.spec?.strategy?.type !== "RollingUpdate") return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const allowed = desired > 0 ? desired + maxSurge(d) : 0;
    const toAdd = allowed - replicaCount(all);
    let op = "";
    if (toAdd > 0) {
      all.sort(bySizeNewer);
      op = "up";
    } else if (toAdd < 0) {
      all.sort(bySizeOlder);
      op = "down";
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      const n = rs.metadata?.name ?? "";
      if (toAdd !== 0) {
        const proportion = this.proportion(rs, d, toAdd, added);
        sizes.set(n, specReplicas(rs) + proportion);
        added += proportion;
      } else sizes.set(n, specReplicas(rs));
    }
    all.forEach((rs, i) => {
      const n = rs.metadata?.name ?? "";
      if (i === 0 && toAdd !== 0) sizes.set(n, Math.max(0, (sizes.get(n) ?? 0) + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(n) ?? 0, d, op);
    });
  }

  /** GetReplicaSetProportion / getReplicaSetFraction */
  private proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
    if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    let fraction: number;
    if (specReplicas(d) === 0) fraction = -specReplicas(rs);
    else {
      const max = specReplicas(d) + maxSurge(d);
      let before = maxReplicasAnnotation(rs) ?? 0;
      if (!before) before = d.status?.replicas ?? 0;
      fraction = before === 0 ? 0 : Math.round((specReplicas(rs) * max) / before) - specReplicas(rs);
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** FindActiveOrLatest: the single active ReplicaSet, or the newest one when none is active. */
  private findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
    if (!newRS && oldRSs.length === 0) return undefined;
    const sorted = [...oldRSs].sort((a, b) => byCreation(b, a));
    const active = activeReplicaSets([...sorted, newRS]);
    if (active.length === 0) return newRS ?? sorted[0];
    return active.length === 1 ? active[0] : undefined;
  }

  /** scaleReplicaSetAndRecordEvent */
  private scaleReplicaSetAndRecordEvent(
    rs: ReplicaSet,
    newScale: number,
    d: Deployment,
  ): [boolean, ReplicaSet] {
    if (specReplicas(rs) === newScale) return [false, rs];
    return this.scaleReplicaSet(rs, newScale, d, specReplicas(rs) < newScale ? "up" : "down");
  }

  /** scaleReplicaSet: spec.replicas and the desired/max annotations in one update, then the Event. */
  private scaleReplicaSet(
    rs: ReplicaSet,
    newScale: number,
    d: Deployment,
    op: string,
  ): [boolean, ReplicaSet] {
    const desired = specReplicas(d);
    const max = desired + maxSurge(d);
    const sizeChanges = specReplicas(rs) !== newScale;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return [false, rs];
    const oldScale = specReplicas(rs);
    const copy = structuredClone(rs) as ReplicaSet;
    copy.spec!.replicas = newScale;
    setReplicasAnnotations(copy, desired, max);
    const updated = this.o.api.update<ReplicaSet>("ReplicaSet", copy as ReplicaSet & KubeObject, ACTOR);
    if (sizeChanges)
      this.o.recorder.event(
        deploymentRef(d),
        "Normal",
        "ScalingReplicaSet",
        `Scaled ${op} replica set ${rs.metadata?.name} from ${oldScale} to ${newScale}`,
      );
    return [sizeChanges, updated];
  }

  /** rolloutRolling: grow the new ReplicaSet within maxSurge, shrink the old ones within maxUnavailable. */
  private rolloutRolling(d: Deployment, rsList: ReplicaSet[]): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, true);
    if (!newRS) return;
    let allRSs = [...oldRSs, newRS];
    const [scaledUp, newer] = this.reconcileNewReplicaSet(allRSs, newRS, d);
    if (scaledUp) {
      allRSs = [...oldRSs, newer];
      this.syncRolloutStatus(allRSs, newer, d);
      return;
    }
    if (this.reconcileOldReplicaSets(allRSs, activeReplicaSets(oldRSs), newer, d)) {
      this.syncRolloutStatus(this.freshen(allRSs), this.freshen([newer])[0], d);
      return;
    }
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus(allRSs, newer, d);
  }

  /** The stored versions of ReplicaSets this sync wrote (the lister would hand them out next). */
  private freshen(rss: ReplicaSet[]): ReplicaSet[] {
    return rss
      .map(
        (rs) =>
          this.o.api.tryGet<ReplicaSet>("ReplicaSet", rs.metadata?.namespace, rs.metadata?.name ?? "") ?? rs,
      )
      .filter((rs) => !!rs);
  }

  private reconcileNewReplicaSet(
    allRSs: ReplicaSet[],
    newRS: ReplicaSet,
    d: Deployment,
  ): [boolean, ReplicaSet] {
    const desired = specReplicas(d);
    if (specReplicas(newRS) === desired) return [false, newRS];
    if (specReplicas(newRS) > desired) return this.scaleReplicaSetAndRecordEvent(newRS, desired, d);
    return this.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, allRSs, newRS), d);
  }

  private reconcileOldReplicaSets(
    allRSs: ReplicaSet[],
    oldRSs: ReplicaSet[],
    newRS: ReplicaSet,
    d: Deployment,
  ): boolean {
    if (replicaCount(oldRSs) === 0) return false;
    const minAvailable = specReplicas(d) - maxUnavailable(d);
    const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = replicaCount(allRSs) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    const [cleaned, cleanupCount] = this.cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown);
    const scaledDown = this.scaleDownOldReplicaSetsForRollingUpdate([...cleaned, newRS], cleaned, d);
    return cleanupCount + scaledDown > 0;
  }

  /** cleanupUnhealthyReplicas: old replicas that are not available go first. */
  private cleanupUnhealthyReplicas(
    oldRSs: ReplicaSet[],
    d: Deployment,
    maxCleanup: number,
  ): [ReplicaSet[], number] {
    const rss = [...oldRSs].sort(byCreation);
    let total = 0;
    for (let i = 0; i < rss.length; i++) {
      const rs = rss[i];
      if (total >= maxCleanup) break;
      const available = rs.status?.availableReplicas ?? 0;
      if (specReplicas(rs) === 0 || specReplicas(rs) === available) continue;
      const n = Math.min(maxCleanup - total, specReplicas(rs) - available);
      const [, updated] = this.scaleReplicaSetAndRecordEvent(rs, specReplicas(rs) - n, d);
      total += n;
      rss[i] = updated;
    }
    return [rss, total];
  }

  private scaleDownOldReplicaSetsForRollingUpdate(
    allRSs: ReplicaSet[],
    oldRSs: ReplicaSet[],
    d: Deployment,
  ): number {
    const minAvailable = specReplicas(d) - maxUnavailable(d);
    const available = availableReplicaCount(allRSs);
    if (available <= minAvailable) return 0;
    const toScaleDown = available - minAvailable;
    let total = 0;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (total >= toScaleDown) break;
      if (specReplicas(rs) === 0) continue;
      const n = Math.min(specReplicas(rs), toScaleDown - total);
      this.scaleReplicaSetAndRecordEvent(rs, specReplicas(rs) - n, d);
      total += n;
    }
    return total;
  }

  /** rolloutRecreate: all old pods down and gone, then the new ReplicaSet up. */
  private rolloutRecreate(d: Deployment, rsList: ReplicaSet[]): void {
    let [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];
    let scaledDown = false;
    for (const rs of activeReplicaSets(oldRSs)) {
      const [scaled] = this.scaleReplicaSetAndRecordEvent(rs, 0, d);
      if (scaled) scaledDown = true;
    }
    if (scaledDown) {
      this.syncRolloutStatus(this.freshen(allRSs.filter((x): x is ReplicaSet => !!x)), newRS, d);
      return;
    }
    if (this.oldPodsRunning(d, newRS, oldRSs)) {
      this.syncRolloutStatus(allRSs, newRS, d);
      return;
    }
    if (!newRS) {
      [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, true);
      allRSs = [...oldRSs, newRS];
    }
    if (newRS) {
      const [, updated] = this.scaleReplicaSetAndRecordEvent(newRS, specReplicas(d), d);
      newRS = updated;
      allRSs = [...oldRSs, newRS];
    }
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus(allRSs, newRS, d);
  }

  /** oldPodsRunning: an old ReplicaSet still counts replicas, or one of its pods is not finished. */
  private oldPodsRunning(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (actualReplicaCount(oldRSs) > 0) return true;
    const owned = new Set(oldRSs.map((rs) => rs.metadata?.uid));
    for (const p of this.o.api.list<Pod>("Pod", { namespace: d.metadata?.namespace })) {
      if (!selectorMatches(d.spec?.selector, p.metadata?.labels)) continue;
      const ref = controllerOf(p);
      if (!ref || !owned.has(ref.uid) || ref.uid === newRS?.metadata?.uid) continue;
      const phase = p.status?.phase;
      if (phase !== "Failed" && phase !== "Succeeded") return true;
    }
    return false;
  }

  /** cleanupDeployment: old, empty ReplicaSets beyond revisionHistoryLimit are deleted, oldest first. */
  private cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 0);
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if (
        (rs.status?.replicas ?? 0) !== 0 ||
        specReplicas(rs) !== 0 ||
        (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)
      )
        continue;
      try {
        this.o.api.delete("ReplicaSet", rs.metadata?.namespace, rs.metadata?.name ?? "", {}, ACTOR);
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 404) throw e;
      }
    }
  }

  /** calculateStatus */
  private calculateStatus(
    allRSs: (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ): DeploymentStatus {
    const available = availableReplicaCount(allRSs);
    const unavailable = Math.max(0, replicaCount(allRSs) - available);
    const status: DeploymentStatus = {};
    const put = (k: keyof DeploymentStatus, v: number | undefined) => {
      if (v) (status as Record<string, unknown>)[k] = v;
    };
    put("observedGeneration", d.metadata?.generation);
    put("replicas", actualReplicaCount(allRSs));
    put("updatedReplicas", actualReplicaCount([newRS]));
    put("readyReplicas", readyReplicaCount(allRSs));
    put("availableReplicas", available);
    put("unavailableReplicas", unavailable);
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
    const now = this.nowString();
    if (available >= specReplicas(d) - maxUnavailable(d))
      setDeploymentCondition(
        status,
        newDeploymentCondition(
          "Available",
          "True",
          MIN_AVAILABLE_REASON,
          "Deployment has minimum availability.",
          now,
        ),
      );
    else
      setDeploymentCondition(
        status,
        newDeploymentCondition(
          "Available",
          "False",
          MIN_UNAVAILABLE_REASON,
          "Deployment does not have minimum availability.",
          now,
        ),
      );
    return status;
  }

  private syncDeploymentStatus(
    allRSs: (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ): void {
    const status = this.calculateStatus(allRSs, newRS, d);
    if (jsonEqual(d.status ?? {}, status)) return;
    d.status = status;
    this.writeStatus(d);
  }

  /** syncRolloutStatus: the status plus the Progressing condition (complete, progressing, or timed out). */
  private syncRolloutStatus(
    allRSs: (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
    d: Deployment,
  ): void {
    const status = this.calculateStatus(allRSs, newRS, d);
    if (!hasProgressDeadline(d)) removeDeploymentCondition(status, "Progressing");
    const current = getCondition(d.status?.conditions, "Progressing");
    const complete =
      status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
    const name = newRS?.metadata?.name;
    const now = this.nowString();
    if (hasProgressDeadline(d) && !complete) {
      if (deploymentComplete(d, status)) {
        const msg = name
          ? `ReplicaSet "${name}" has successfully progressed.`
          : `Deployment "${d.metadata?.name}" has successfully progressed.`;
        setDeploymentCondition(
          status,
          newDeploymentCondition("Progressing", "True", NEW_RS_AVAILABLE_REASON, msg, now),
        );
      } else if (deploymentProgressing(d, status)) {
        const msg = name
          ? `ReplicaSet "${name}" is progressing.`
          : `Deployment "${d.metadata?.name}" is progressing.`;
        const cond = newDeploymentCondition("Progressing", "True", RS_UPDATED_REASON, msg, now);
        // the same reason again still moves lastUpdateTime: progress was made
        if (current) {
          if (current.status === "True") cond.lastTransitionTime = current.lastTransitionTime;
          removeDeploymentCondition(status, "Progressing");
        }
        setDeploymentCondition(status, cond);
      } else if (deploymentTimedOut(d, status, this.o.clock.wallMs())) {
        const msg = name
          ? `ReplicaSet "${name}" has timed out progressing.`
          : `Deployment "${d.metadata?.name}" has timed out progressing.`;
        setDeploymentCondition(
          status,
          newDeploymentCondition("Progressing", "False", TIMED_OUT_REASON, msg, now),
        );
      }
    }
    const failures = this.replicaFailures(allRSs, newRS);
    if (failures.length > 0) setDeploymentCondition(status, failures[0]);
    else removeDeploymentCondition(status, "ReplicaFailure");
    if (jsonEqual(d.status ?? {}, status)) {
      this.requeueStuckDeployment(d, status);
      return;
    }
    d.status = status;
    this.writeStatus(d);
  }

  /** getReplicaFailures: the new ReplicaSet's ReplicaFailure first, else an old one's. */
  private replicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined) {
    const of = (rs: ReplicaSet | undefined) =>
      (rs?.status?.conditions ?? [])
        .filter((c) => c.type === "ReplicaFailure")
        .map(replicaSetToDeploymentCondition);
    const mine = of(newRS);
    return mine.length > 0 ? mine : allRSs.flatMap(of);
  }

  /** requeueStuckDeployment: look again when the progress deadline would pass. */
  private requeueStuckDeployment(d: Deployment, status: DeploymentStatus): void {
    const cond = getCondition(d.status?.conditions, "Progressing");
    if (!hasProgressDeadline(d) || !cond) return;
    if (deploymentComplete(d, status) || cond.reason === TIMED_OUT_REASON) return;
    const last = cond.lastUpdateTime ? parseRfc3339(cond.lastUpdateTime) : this.o.clock.wallMs();
    const after = last + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - this.o.clock.wallMs();
    // +1 s against millisecond skew, as the real controller adds
    this.work.addAfter(keyOf(d), after < 1000 ? 1000 : after + 1000);
  }
}
