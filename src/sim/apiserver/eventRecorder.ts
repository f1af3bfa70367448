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
  if (component.endsWith("controller")) return "controller-manager";
  return "apiserver";
}

/** events_cache.go: ≥10 different messages of one reason about one object within 10 minutes are combined. */
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
/** events_cache.go defaultSpamBurst / defaultSpamQPS: 25 events per source+object, then one every 5 minutes. */
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
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
  const aggregates = new Map<string, { messages: Set<string>; last: number }>();
  const observed = new Map<string, Observation>();
  const buckets = new Map<string, Bucket>();
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
  function allowed(spamKey: string, at: number): boolean {
    let b = buckets.get(spamKey);
    if (!b) {
      b = { tokens: SPAM_BURST, at };
      buckets.set(spamKey, b);
    }
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
      const objectKey = `${source.component}\u0000${host}\u0000${involved.kind}\u0000${namespace}\u0000${involved.name}\u0000${involved.uid ?? ""}\u0000${involved.apiVersion ?? ""}`;
      // EventAggregatorByReasonFunc: object + type + reason (+ reporting controller/instance).
      const aggregateKey = `${objectKey}\u0000${type}\u0000${reason}`;
      let agg = aggregates.get(aggregateKey);
      if (!agg || at - agg.last > AGGREGATE_INTERVAL_MS) {
        agg = { messages: new Set(), last: at };
        aggregates.set(aggregateKey, agg);
      }
      agg.messages.add(message);
      agg.last = at;
      let key = `${aggregateKey}\u0000${involved.fieldPath ?? ""}\u0000${message}`;
      let shownMessage = message;
      if (agg.messages.size >= AGGREGATE_MAX_EVENTS) {
        // do not grow the set of messages beyond the threshold (PopAny)
        agg.messages.delete(agg.messages.values().next().value as string);
        key = aggregateKey;
        shownMessage = COMBINED_PREFIX + message;
      }
      const wallMs = clock.wallMs();
      const now = rfc3339(wallMs);
      const prior = observed.get(key);
      const obs: Observation = prior
        ? { count: prior.count + 1, firstTimestamp: prior.firstTimestamp, name: prior.name }
        : { count: 1, firstTimestamp: now, name: freshName(involved.name, namespace, wallMs) };
      observed.set(key, obs);
      if (!allowed(objectKey, at)) return;
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
    },
  };
}
