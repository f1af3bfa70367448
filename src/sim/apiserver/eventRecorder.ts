// k8s: staging/src/k8s.io/client-go/tools/record/event.go + events_cache.go — the EventCorrelator:
// aggregation of similar events, counting of identical ones, and the per-object spam filter.
import type { Event } from "kubernetes-types/core/v1";
import type { Clock } from "../clock";
import { rfc3339 } from "../clock/time";
import type { Actor } from "../trace";
import type { ApiServerClient, EventRecorder, KubeObject, ObjectReference } from "./types";

export interface EventSource {
  component: string;
  host?: string;
}

/** An ApiServerClient whose writes may name the caller (ApiServer accepts a trailing actor). */
type ActorApi = ApiServerClient & {
  patchFields?<T extends object = KubeObject>(
    kind: "Event",
    namespace: string | undefined,
    name: string,
    fields: Record<string, unknown>,
    actor?: Actor,
  ): T;
  update<T extends object = KubeObject>(kind: "Event", obj: T, actor?: Actor): T;
};

function actorFor(component: string): Actor {
  if (component.includes("scheduler")) return "scheduler";
  if (component.includes("kubelet")) return "kubelet";
  // node-controller, taint-eviction-controller…: loops of kube-controller-manager
  // (the disruption controller's recorder names itself "controllermanager")
  if (component.endsWith("controller") || component === "controllermanager") return "controller-manager";
  return "apiserver";
}

/** events_cache.go: ≥10 different messages of one reason about one object within 10 minutes are combined. */
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
/** events_cache.go defaultSpamBurst / defaultSpamQPS: 25 events per source+object, then one every 5 minutes. */
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
/** events_cache.go maxLruCacheEntries. */
const CACHE_ENTRIES = 4096;
const COMBINED_PREFIX = "(combined from similar events): ";

/** What the correlator remembers of an event it has seen (eventLogger's cache entry). */
interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
}
/** A token bucket (golang.org/x/time/rate, full at the start) for one source+object. */
interface Bucket {
  tokens: number;
  at: number;
}

/**
 * client-go's recorder and EventCorrelator. A new Event is named `<involved.name>.<unix nanos in hex>`;
 * the same (source, involvedObject incl. fieldPath, type, reason, message) again bumps count and
 * lastTimestamp of that Event (a PATCH); ten different messages of one reason within ten minutes
 * become one "(combined from similar events)" Event; and every source may send 25 events about one
 * object, then one per 5 minutes — the rest are dropped before they reach the API server, though the
 * count keeps growing, so the next one that passes carries it.
 */
export function createEventRecorder(
  api: ApiServerClient,
  clock: Clock & { wallMs(at?: number): number },
  source: EventSource,
): EventRecorder {
  const a = api as ActorApi;
  const actor = actorFor(source.component);
  const host = source.host ?? "";
  /** Everything the correlator remembers about one involved object (keyed by its uid). */
  interface ObjectRecord {
    bucket: Bucket;
    /** type + reason → the messages seen within the aggregation interval. */
    aggregates: Map<string, { messages: Set<string>; last: number }>;
    /** type + reason + fieldPath + message (or type + reason for a combined event) → observation. */
    observed: Map<string, Observation>;
    /**
     * The last event about the object when it was not combined: the same event again (a pod in
     * back-off reports one every 10–15 s) is counted without building and hashing its keys.
     */
    last?: {
      type: string;
      reason: string;
      fieldPath: string;
      message: string;
      agg: { messages: Set<string>; last: number };
      obs: Observation;
    };
  }
  const objects = new Map<string, ObjectRecord>();
  let lastNanos = 0n;

  function freshName(involvedName: string, namespace: string, wallMs: number): string {
    // Name suffix: UnixNano in hex, made unique when two events share a virtual instant.
    let nanos = BigInt(Math.floor(wallMs * 1e6));
    if (nanos <= lastNanos) nanos = lastNanos + 1n;
    // Another component's recorder may have taken this instant for the same object (the scheduler's
    // Scheduled and the kubelet's first event): real clocks never collide to the nanosecond.
    while (api.tryGet("Event", namespace, `${involvedName}.${nanos.toString(16)}`)) nanos += 1n;
    lastNanos = nanos;
    return `${involvedName}.${nanos.toString(16)}`;
  }

  /** EventSourceObjectSpamFilter: false when this source has used up its allowance for the object. */
  function allowed(b: Bucket, at: number): boolean {
    b.tokens = Math.min(SPAM_BURST, b.tokens + (at - b.at) / SPAM_REFILL_MS);
    b.at = at;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  return {
    event(involved: ObjectReference, type, reason, message) {
      const namespace = involved.namespace || "default";
      const at = clock.now();
      // The spam key (source + object) and the aggregation key (+ type + reason): this recorder is one
      // source, and an object is its uid (kind/namespace/name for the rare reference without one).
      const objectKey = involved.uid || `${involved.kind}/${namespace}/${involved.name}`;
      let rec = objects.get(objectKey);
      if (!rec) {
        // client-go's caches are LRUs of 4096 entries: the oldest object is forgotten.
        if (objects.size >= CACHE_ENTRIES) objects.delete(objects.keys().next().value as string);
        rec = { bucket: { tokens: SPAM_BURST, at }, aggregates: new Map(), observed: new Map() };
        objects.set(objectKey, rec);
      }
      const fieldPath = involved.fieldPath ?? "";
      const last = rec.last;
      if (
        last &&
        last.message === message &&
        last.reason === reason &&
        last.type === type &&
        last.fieldPath === fieldPath &&
        at - last.agg.last <= AGGREGATE_INTERVAL_MS
      ) {
        last.agg.last = at;
        last.obs.count++;
        send(involved, namespace, type, reason, message, last.obs, rec.bucket, at);
        return;
      }
      const aggregateKey = `${type}\u0000${reason}`;
      let agg = rec.aggregates.get(aggregateKey);
      if (!agg || at - agg.last > AGGREGATE_INTERVAL_MS) {
        agg = { messages: new Set(), last: at };
        rec.aggregates.set(aggregateKey, agg);
      }
      agg.messages.add(message);
      agg.last = at;
      let key = `${aggregateKey}\u0000${fieldPath}\u0000${message}`;
      let shownMessage = message;
      const combined = agg.messages.size >= AGGREGATE_MAX_EVENTS;
      if (combined) {
        // do not grow the set of messages beyond the threshold (PopAny)
        agg.messages.delete(agg.messages.values().next().value as string);
        key = aggregateKey;
        shownMessage = COMBINED_PREFIX + message;
      }
      let obs = rec.observed.get(key);
      if (obs) obs.count++;
      else {
        const wallMs = clock.wallMs();
        obs = {
          count: 1,
          firstTimestamp: rfc3339(wallMs),
          name: freshName(involved.name, namespace, wallMs),
        };
        rec.observed.set(key, obs);
      }
      rec.last = combined ? undefined : { type, reason, fieldPath, message, agg, obs };
      send(involved, namespace, type, reason, shownMessage, obs, rec.bucket, at);
    },
  };

  /** Through the spam filter to the API server: a PATCH of the Event sent before, or a new one. */
  function send(
    involved: ObjectReference,
    namespace: string,
    type: "Normal" | "Warning",
    reason: string,
    shownMessage: string,
    obs: Observation,
    bucket: Bucket,
    at: number,
  ): void {
    if (!allowed(bucket, at)) return;
    const now = rfc3339(clock.wallMs());
    if (obs.count > 1 && api.tryGet("Event", namespace, obs.name)) {
      // client-go PATCHes count, lastTimestamp and message of the event it sent before.
      const bump = { count: obs.count, lastTimestamp: now, message: shownMessage };
      if (a.patchFields) a.patchFields("Event", namespace, obs.name, bump, actor);
      else {
        const existing = api.get<Event & KubeObject>("Event", namespace, obs.name);
        a.update("Event", { ...existing, ...bump }, actor);
      }
      return;
    }
    // A first event, or one whose earlier sends were all dropped (or that was deleted): create it,
    // with the count seen so far.
    const ev: Event & KubeObject = {
      metadata: { name: obs.name, namespace },
      involvedObject: { ...involved },
      reason,
      message: shownMessage,
      source: source.host
        ? { component: source.component, host: source.host }
        : { component: source.component },
      firstTimestamp: obs.firstTimestamp,
      lastTimestamp: now,
      count: obs.count,
      type,
      reportingComponent: source.component,
      reportingInstance: host,
    };
    a.create("Event", ev, actor);
  }
}
