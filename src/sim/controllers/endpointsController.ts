// k8s: kube-controller-manager's endpoint, endpointslice and endpointslicemirroring controllers —
// simplified: one control loop. It watches Services, Pods and Endpoints, queues the Services a change
// touches, and on the next tick writes each queued Service's Endpoints and EndpointSlices.
import type { Endpoints, Pod, Service } from "kubernetes-types/core/v1";
import { jsonEqual } from "../api/equality";
import type { ApiServer } from "../apiserver/apiServer";
import type { KubeObject } from "../apiserver/types";
import type { Clock } from "../clock";
import { rfc3339 } from "../clock/time";
import {
  type EndpointSlice,
  endpointsSubsets,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  LABEL_SKIP_MIRROR,
  MIRRORING_CONTROLLER,
  mirroredBodies,
  SLICE_CONTROLLER,
  type SliceEndpoint,
  type SlicePort,
  sliceBodies,
  TRIGGER_TIME_ANNOTATION,
} from "./endpoints";

const ACTOR = "controller-manager" as const;
const key = (ns: string | undefined, name: string | undefined) => `${ns ?? "default"}/${name ?? ""}`;

export class EndpointsController {
  private readonly queue = new Set<string>();
  private scheduled = false;
  private stops: (() => void)[] = [];

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock & { wallMs(at?: number): number },
  ) {}

  start(): void {
    this.stops.push(
      this.api.watch<Service>("Service", {}, (e) =>
        this.enqueue(key(e.object.metadata?.namespace, e.object.metadata?.name)),
      ),
      this.api.watch<Pod>("Pod", {}, (e) => this.podChanged(e.object)),
      this.api.watch<Endpoints>("Endpoints", {}, (e) => {
        // the mirroring controller follows hand-written Endpoints of selector-less Services
        if (e.object.metadata?.labels?.[LABEL_SKIP_MIRROR] === "true") return;
        this.enqueue(key(e.object.metadata?.namespace, e.object.metadata?.name));
      }),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
  }

  private podChanged(pod: Pod): void {
    const ns = pod.metadata?.namespace ?? "default";
    // a pod's labels may have changed: every Service of its namespace looks again (cheap at this size)
    for (const svc of this.api.list<Service>("Service", { namespace: ns }))
      if (svc.spec?.selector && Object.keys(svc.spec.selector).length > 0)
        this.enqueue(key(ns, svc.metadata?.name));
  }

  private enqueue(k: string): void {
    this.queue.add(k);
    if (this.scheduled) return;
    this.scheduled = true;
    // a workqueue: handled after the write that triggered it, at the same virtual instant
    this.clock.setTimer(0, () => this.drain(), "endpoints controller sync");
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.queue].sort();
    this.queue.clear();
    for (const k of keys) this.syncService(k);
  }

  /** One Service: its Endpoints (selector) and EndpointSlices (selector, or mirrored Endpoints). */
  syncService(k: string): void {
    const [ns, name] = k.split("/");
    const svc = this.api.tryGet<Service>("Service", ns, name);
    if (!svc) {
      this.deleteManaged(ns, name);
      return;
    }
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0 || svc.spec?.type === "ExternalName") {
      // no selector: the user (or the API server, for `kubernetes`) writes the Endpoints; mirror them
      const ep = this.api.tryGet<Endpoints>("Endpoints", ns, name);
      if (ep && ep.metadata?.labels?.[LABEL_SKIP_MIRROR] !== "true")
        this.reconcileSlices(svc, mirroredBodies(ep.subsets ?? []), MIRRORING_CONTROLLER);
      else if (!ep) this.reconcileSlices(svc, [], MIRRORING_CONTROLLER, false);
      return;
    }
    const pods = this.api.list<Pod>("Pod", { namespace: ns });
    this.reconcileEndpoints(svc, pods);
    const bodies = sliceBodies(svc, pods);
    this.reconcileSlices(svc, bodies, SLICE_CONTROLLER);
  }

  private now(): string {
    return rfc3339(this.clock.wallMs());
  }

  private reconcileEndpoints(svc: Service, pods: Pod[]): void {
    const ns = svc.metadata?.namespace ?? "default";
    const name = svc.metadata?.name ?? "";
    const subsets = endpointsSubsets(svc, pods);
    const labels = { ...(svc.metadata?.labels ?? {}) };
    if (svc.spec?.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    const old = this.api.tryGet<Endpoints>("Endpoints", ns, name);
    const body: Endpoints = {
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: { [TRIGGER_TIME_ANNOTATION]: this.now() },
      },
    };
    if (subsets.length > 0) body.subsets = subsets;
    if (!old) {
      this.api.create("Endpoints", body, ACTOR);
      return;
    }
    if (jsonEqual(old.subsets ?? [], subsets) && jsonEqual(old.metadata?.labels ?? {}, labels)) return;
    this.api.update("Endpoints", { ...old, ...body, metadata: { ...old.metadata, ...body.metadata } }, ACTOR);
  }

  /** Match existing slices to wanted bodies by port set; create, update or delete the difference. */
  private reconcileSlices(
    svc: Service,
    bodies: { ports: SlicePort[]; endpoints: SliceEndpoint[] }[],
    manager: string,
    placeholder = true,
  ): void {
    const ns = svc.metadata?.namespace ?? "default";
    const name = svc.metadata?.name ?? "";
    const existing = this.api
      .list<EndpointSlice>("EndpointSlice", {
        namespace: ns,
        labelSelector: `${LABEL_SERVICE_NAME}=${name},${LABEL_MANAGED_BY}=${manager}`,
      })
      .slice();
    // a Service with no endpoints still gets one empty "placeholder" slice
    const wanted: { ports: SlicePort[] | null; endpoints: SliceEndpoint[] }[] =
      bodies.length > 0 ? bodies : placeholder ? [{ ports: null, endpoints: [] }] : [];
    const labels: Record<string, string> = {
      ...(svc.metadata?.labels ?? {}),
      [LABEL_MANAGED_BY]: manager,
      [LABEL_SERVICE_NAME]: name,
    };
    if (svc.spec?.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    for (const w of wanted) {
      const i = existing.findIndex((s) => jsonEqual(s.ports ?? null, w.ports));
      const match = i >= 0 ? existing.splice(i, 1)[0] : existing.shift();
      if (
        match &&
        jsonEqual(match.endpoints ?? [], w.endpoints) &&
        jsonEqual(match.ports ?? null, w.ports) &&
        jsonEqual(match.metadata?.labels ?? {}, labels)
      )
        continue;
      const body: EndpointSlice = {
        metadata: {
          ...(match?.metadata ?? { generateName: `${name}-`, namespace: ns }),
          labels,
          annotations: { [TRIGGER_TIME_ANNOTATION]: this.now() },
          ownerReferences: [
            {
              apiVersion: "v1",
              kind: "Service",
              name,
              uid: svc.metadata?.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: "IPv4",
        endpoints: w.endpoints,
        ports: w.ports,
      };
      if (match) this.api.update("EndpointSlice", body as unknown as KubeObject, ACTOR);
      else this.api.create("EndpointSlice", body as unknown as KubeObject, ACTOR);
    }
    for (const s of existing) this.api.delete("EndpointSlice", ns, s.metadata?.name ?? "", {}, ACTOR);
  }

  /** The Service is gone: so are its Endpoints, and its slices (garbage collection, via ownerReferences). */
  private deleteManaged(ns: string, name: string): void {
    if (this.api.tryGet<Endpoints>("Endpoints", ns, name)) this.api.delete("Endpoints", ns, name, {}, ACTOR);
    for (const s of this.api.list<EndpointSlice>("EndpointSlice", {
      namespace: ns,
      labelSelector: `${LABEL_SERVICE_NAME}=${name}`,
    }))
      if (s.metadata?.labels?.[LABEL_MANAGED_BY])
        this.api.delete("EndpointSlice", ns, s.metadata?.name ?? "", {}, ACTOR);
  }
}
