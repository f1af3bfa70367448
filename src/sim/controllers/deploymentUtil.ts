// k8s: pkg/controller/deployment/util/deployment_util.go + controller_utils.go ComputeHash — the pure
// rules of a rollout: the pod-template-hash, revisions, surge/unavailable fenceposts, the replicas
// annotations and the Deployment's conditions.
import type {
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  ReplicaSet,
  ReplicaSetCondition,
} from "kubernetes-types/apps/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { POD_TEMPLATE_HASH_LABEL } from "../api/apps";
import { jsonEqual } from "../api/equality";
import { parseRfc3339 } from "../clock/time";

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
/** kubectl rollout restart's template annotation. */
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";
/** kubectl rollout history's CHANGE-CAUSE column. */
export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

// Condition reasons (deployment_util.go)
export const NEW_RS_REASON = "NewReplicaSetCreated";
export const FOUND_NEW_RS_REASON = "FoundNewReplicaSet";
export const RS_UPDATED_REASON = "ReplicaSetUpdated";
export const NEW_RS_AVAILABLE_REASON = "NewReplicaSetAvailable";
export const TIMED_OUT_REASON = "ProgressDeadlineExceeded";
export const PAUSED_REASON = "DeploymentPaused";
export const RESUMED_REASON = "DeploymentResumed";
export const MIN_AVAILABLE_REASON = "MinimumReplicasAvailable";
export const MIN_UNAVAILABLE_REASON = "MinimumReplicasUnavailable";
export const FAILED_RS_CREATE_REASON = "ReplicaSetCreateError";

/** maxRevHistoryLengthInChars */
export const MAX_REV_HISTORY_CHARS = 2000;
const INT32_MAX = 2147483647;

const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** rand.SafeEncodeString: each byte of the string mapped into an alphabet without vowels or 0/1/3. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (const ch of s) out += ALPHANUMS[(ch.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

/** FNV-1a, 32 bits. */
export function fnv32a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

/**
 * controller.ComputeHash: FNV-32a of the template, then of collisionCount (4 bytes little-endian in an
 * 8-byte buffer), as a decimal number encoded with SafeEncodeString. The real controller hashes the
 * template as Go's spew prints the PodTemplateSpec struct (%#v); the simulator hashes its canonical
 * JSON instead, so the value differs from a real cluster's but is stable and has the same alphabet.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  const text = new TextEncoder().encode(JSON.stringify(canonical(template)));
  let bytes = text;
  if (collisionCount !== undefined && collisionCount !== null) {
    bytes = new Uint8Array(text.length + 8);
    bytes.set(text);
    const c = collisionCount >>> 0;
    bytes[text.length] = c & 0xff;
    bytes[text.length + 1] = (c >>> 8) & 0xff;
    bytes[text.length + 2] = (c >>> 16) & 0xff;
    bytes[text.length + 3] = (c >>> 24) & 0xff;
  }
  return safeEncodeString(String(fnv32a(bytes)));
}

/** EqualIgnoreHash: templates equal once the pod-template-hash label is set aside. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined): PodTemplateSpec => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    return { ...t, metadata: { ...(t?.metadata ?? {}), labels } };
  };
  return jsonEqual(strip(a), strip(b));
}

/** deploymentutil.Revision: the revision annotation as a number (0 when absent). */
export function revisionOf(o: { metadata?: { annotations?: Record<string, string> } }): number {
  const v = o.metadata?.annotations?.[REVISION_ANNOTATION];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

export function maxRevision(rss: ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

const created = (o: { metadata?: { creationTimestamp?: string } }) =>
  o.metadata?.creationTimestamp ? parseRfc3339(o.metadata.creationTimestamp) : 0;
const nameOf = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? "";

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0);
}

/** ReplicaSetsByRevision: lowest revision first, ties by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

export const specReplicas = (rs: ReplicaSet | Deployment | undefined): number => rs?.spec?.replicas ?? 0;

/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreation(b, a);
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreation(a, b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** GetScaledValueFromIntOrPercent */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

const isRollingUpdate = (d: Deployment) => d.spec?.strategy?.type === "RollingUpdate";

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 ⇒ unavailable 1. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = specReplicas(d);
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  const desired = specReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired);
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export const replicaCount = (rss: (ReplicaSet | undefined)[]) =>
  rss.reduce((s, rs) => s + (rs ? specReplicas(rs) : 0), 0);
/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export const actualReplicaCount = (rss: (ReplicaSet | undefined)[]) =>
  rss.reduce((s, rs) => s + (rs?.status?.replicas ?? 0), 0);
export const readyReplicaCount = (rss: (ReplicaSet | undefined)[]) =>
  rss.reduce((s, rs) => s + (rs?.status?.readyReplicas ?? 0), 0);
export const availableReplicaCount = (rss: (ReplicaSet | undefined)[]) =>
  rss.reduce((s, rs) => s + (rs?.status?.availableReplicas ?? 0), 0);

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export const activeReplicaSets = (rss: (ReplicaSet | undefined)[]) =>
  rss.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  if (d.spec?.strategy?.type === "Recreate") return specReplicas(d);
  const desired = specReplicas(d);
  const currentPodCount = replicaCount(allRSs);
  const maxTotalPods = desired + maxSurge(d);
  if (currentPodCount >= maxTotalPods) return specReplicas(newRS);
  const scaleUp = Math.min(maxTotalPods - currentPodCount, desired - specReplicas(newRS));
  return specReplicas(newRS) + scaleUp;
}

function annotationInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

export const desiredReplicasAnnotation = (rs: ReplicaSet) => annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
export const maxReplicasAnnotation = (rs: ReplicaSet) => annotationInt(rs, MAX_REPLICAS_ANNOTATION);

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  rs.metadata ??= {};
  rs.metadata.annotations ??= {};
  const ann = rs.metadata.annotations;
  let changed = false;
  if (ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    ann[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (ann[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    ann[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = rs.metadata?.annotations ?? {};
  return ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || ann[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** skipCopyAnnotation: what a Deployment does not hand down to its ReplicaSets. */
const SKIP_COPY = new Set([
  LAST_APPLIED,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  "deprecated.deployment.rollback.to",
]);
export const skipCopyAnnotation = (k: string) => SKIP_COPY.has(k);

/** copyDeploymentAnnotationsToReplicaSet */
function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  rs.metadata ??= {};
  rs.metadata.annotations ??= {};
  const ann = rs.metadata.annotations;
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (skipCopyAnnotation(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/** SetNewReplicaSetAnnotations: the Deployment's annotations, the revision (and its history on a rollback). */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: string,
  exists: boolean,
): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const ann = rs.metadata!.annotations!;
  const oldRevision = ann[REVISION_ANNOTATION];
  const had = oldRevision !== undefined;
  let oldInt = 0;
  if (had) {
    oldInt = Number.parseInt(oldRevision, 10);
    if (!Number.isFinite(oldInt)) {
      if (oldRevision !== "") return false;
      oldInt = 0;
    }
  }
  const newInt = Number.parseInt(newRevision, 10);
  if (oldInt < newInt) {
    ann[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  // rolling back to this ReplicaSet: keep the revisions it had before
  if (had && oldInt < newInt) {
    const history = ann[REVISION_HISTORY_ANNOTATION] ?? "";
    let old = history.split(",");
    if (old[0].length === 0) ann[REVISION_HISTORY_ANNOTATION] = oldRevision;
    else {
      let total = history.length + oldRevision.length + 1;
      let start = 0;
      while (total > MAX_REV_HISTORY_CHARS && start < old.length) {
        total -= old[start].length + 1;
        start++;
      }
      if (total <= MAX_REV_HISTORY_CHARS) {
        old = [...old.slice(start), oldRevision];
        ann[REVISION_HISTORY_ANNOTATION] = old.join(",");
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, specReplicas(d), specReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  d.metadata ??= {};
  d.metadata.annotations ??= {};
  const ann = d.metadata.annotations;
  if (ann[REVISION_ANNOTATION] === revision) return false;
  ann[REVISION_ANNOTATION] = revision;
  return true;
}

export const hasProgressDeadline = (d: Deployment) =>
  d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== INT32_MAX;

export const hasRevisionHistoryLimit = (d: Deployment) =>
  d.spec?.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== INT32_MAX;

export function getCondition<C extends { type: string }>(
  conds: C[] | undefined,
  type: string,
): C | undefined {
  return conds?.find((c) => c.type === type);
}

export function newDeploymentCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** SetDeploymentCondition: same status and reason ⇒ unchanged; same status ⇒ transition time kept; appended last. */
export function setDeploymentCondition(status: DeploymentStatus, c: DeploymentCondition): void {
  const current = getCondition(status.conditions, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next = { ...c };
  if (current && current.status === c.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** ReplicaSetToDeploymentCondition */
export function replicaSetToDeploymentCondition(c: ReplicaSetCondition): DeploymentCondition {
  return {
    type: c.type,
    status: c.status,
    lastTransitionTime: c.lastTransitionTime,
    lastUpdateTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  };
}

/** DeploymentComplete: every desired replica updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const desired = specReplicas(d);
  return (
    (s.updatedReplicas ?? 0) === desired &&
    (s.replicas ?? 0) === desired &&
    (s.availableReplicas ?? 0) === desired &&
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress recorded for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s.conditions, "Progressing");
  if (!c) return false;
  if (c.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (c.reason === TIMED_OUT_REASON) return true;
  const from = c.lastUpdateTime ? parseRfc3339(c.lastUpdateTime) : 0;
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/** IsSaturated: the new ReplicaSet runs every desired replica, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = specReplicas(d);
  return (
    specReplicas(rs) === desired &&
    desiredReplicasAnnotation(rs) === desired &&
    (rs.status?.availableReplicas ?? 0) === desired
  );
}
