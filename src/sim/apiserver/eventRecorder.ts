// k8s: staging/src/k8s.io/client-go/tools/record/event.go + events_cache.go — simplified: identical events aggregate, no spam filter.
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

/**
 * client-go's recorder: a new Event is named `<involved.name>.<unix nanos in hex>`; the same
 * (source, involvedObject incl. fieldPath, type, reason, message) again bumps count and
 * lastTimestamp on the existing Event instead (EventCorrelator's aggregation of identical events).
 */
export function createEventRecorder(
  api: ApiServerClient,
  clock: Clock & { wallMs(at?: number): number },
  source: EventSource,
): EventRecorder {
  const seen = new Map<string, { namespace: string; name: string }>();
  const a = api as ActorApi;
  const actor = actorFor(source.component);
  let lastNanos = 0n;

  return {
    event(involved: ObjectReference, type, reason, message) {
      const namespace = involved.namespace || "default";
      const key = [
        source.component,
        source.host ?? "",
        involved.kind,
        namespace,
        involved.name,
        involved.fieldPath ?? "",
        involved.uid ?? "",
        involved.apiVersion ?? "",
        type,
        reason,
        message,
      ].join("\u0000");
      const now = rfc3339(clock.wallMs());
      const prior = seen.get(key);
      if (prior) {
        const existing = api.tryGet<Event & KubeObject>("Event", prior.namespace, prior.name);
        if (existing) {
          const bump = { count: (existing.count ?? 1) + 1, lastTimestamp: now };
          // client-go PATCHes count and lastTimestamp of the aggregated event.
          if (a.patchFields) a.patchFields("Event", prior.namespace, prior.name, bump, actor);
          else a.update("Event", { ...existing, ...bump }, actor);
          return;
        }
      }
      // Name suffix: UnixNano in hex, made unique when two events share a virtual instant.
      let nanos = BigInt(Math.floor(clock.wallMs() * 1e6));
      if (nanos <= lastNanos) nanos = lastNanos + 1n;
      // Another component's recorder may have taken this instant for the same object (the scheduler's
      // Scheduled and the kubelet's first event): real clocks never collide to the nanosecond.
      while (api.tryGet("Event", namespace, `${involved.name}.${nanos.toString(16)}`)) nanos += 1n;
      lastNanos = nanos;
      const name = `${involved.name}.${nanos.toString(16)}`;
      const ev: Event & KubeObject = {
        metadata: { name, namespace },
        involvedObject: { ...involved },
        reason,
        message,
        source: source.host
          ? { component: source.component, host: source.host }
          : { component: source.component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        reportingComponent: source.component,
        reportingInstance: source.host ?? "",
      };
      a.create("Event", ev, actor);
      seen.set(key, { namespace, name });
    },
  };
}
