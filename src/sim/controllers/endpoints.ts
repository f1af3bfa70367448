// k8s: pkg/controller/endpoint/endpoints_controller.go + pkg/controller/endpointslice (reconciler,
// utils.go) + staging/src/k8s.io/endpointslice/util — the pure part: which pods back a Service, on
// which ports, ready or not. The watch loop that writes the objects is endpointsController.ts.
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Pod,
  Service,
  ServicePort,
} from "kubernetes-types/core/v1";
import type { KubeObject } from "../apiserver/types";

export const LABEL_SERVICE_NAME = "kubernetes.io/service-name";
export const LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
export const SLICE_CONTROLLER = "endpointslice-controller.k8s.io";
export const MIRRORING_CONTROLLER = "endpointslicemirroring-controller.k8s.io";
export const LABEL_SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";
export const TRIGGER_TIME_ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";

/** A discovery.k8s.io/v1 EndpointSlice endpoint (kubernetes-types has no discovery group). */
export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  /** The pod's hostname when its subdomain names this Service (a StatefulSet's pods): DNS <hostname>.<svc>. */
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
}

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
}

export interface EndpointSlice {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeObject["metadata"];
  addressType: "IPv4" | "IPv6" | "FQDN";
  endpoints?: SliceEndpoint[];
  ports?: SlicePort[] | null;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** endpointsliceutil.ShouldPodBeInEndpoints: not terminal, has an IP, terminating only if asked. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** podutil.FindPort: a number as is; a name looked up among the containers' ports (same protocol). */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === "number") return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === tp && (p.protocol ?? "TCP") === (sp.protocol ?? "TCP")) return p.containerPort;
  return undefined;
}

/** Pods the selector picks, in the Service's namespace. */
export function selectedPods(svc: Service, pods: Pod[]): Pod[] {
  const sel = svc.spec?.selector ?? {};
  const ns = svc.metadata?.namespace ?? "default";
  return pods.filter(
    (p) =>
      (p.metadata?.namespace ?? "default") === ns &&
      Object.entries(sel).every(([k, v]) => p.metadata?.labels?.[k] === v),
  );
}

const byIp = (a: { ip: string }, b: { ip: string }) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

/** The Endpoints controller's subsets: ready pods under addresses, the others under notReadyAddresses. */
export function endpointsSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const groups = new Map<string, EndpointSubset>();
  for (const pod of selectedPods(svc, pods)) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? "TCP" };
      if (sp.name) ep.name = sp.name;
      ports.push(ep);
    }
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    const key = JSON.stringify(ports);
    let ss = groups.get(key);
    if (!ss) {
      ss = ports.length > 0 ? { ports } : {};
      groups.set(key, ss);
    }
    const addr: EndpointAddress = {
      ip: pod.status?.podIP ?? "",
      ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname } : {}),
      nodeName: pod.spec?.nodeName,
      targetRef: {
        kind: "Pod",
        namespace: pod.metadata?.namespace,
        name: pod.metadata?.name ?? "",
        uid: pod.metadata?.uid,
      },
    };
    if (!addr.nodeName) delete addr.nodeName;
    if (publishNotReady || isPodReady(pod)) ss.addresses = [...(ss.addresses ?? []), addr];
    else ss.notReadyAddresses = [...(ss.notReadyAddresses ?? []), addr];
  }
  const out = [...groups.values()];
  for (const ss of out) {
    ss.addresses?.sort(byIp);
    ss.notReadyAddresses?.sort(byIp);
  }
  return out;
}

/** endpointutil.ShouldSetHostname: the pod has a hostname and its subdomain is this Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return (
    !!pod.spec?.hostname &&
    pod.spec.subdomain === svc.metadata?.name &&
    (pod.metadata?.namespace ?? "default") === (svc.metadata?.namespace ?? "default")
  );
}

/** The EndpointSlice controller's view: one slice body per distinct port set, endpoints by IP. */
export function sliceBodies(svc: Service, pods: Pod[]): { ports: SlicePort[]; endpoints: SliceEndpoint[] }[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
  for (const pod of selectedPods(svc, pods)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports: SlicePort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port !== undefined) ports.push({ name: sp.name ?? "", port, protocol: sp.protocol ?? "TCP" });
    }
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) {
      g = { ports, endpoints: [] };
      groups.set(key, g);
    }
    const terminating = !!pod.metadata?.deletionTimestamp;
    const serving = isPodReady(pod);
    // for compatibility, a terminating endpoint is never ready unless publishNotReadyAddresses
    const ready = (publishNotReady || serving) && (!terminating || publishNotReady);
    const ep: SliceEndpoint = {
      addresses: [pod.status?.podIP ?? ""],
      conditions: { ready, serving, terminating },
      ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname } : {}),
      targetRef: {
        kind: "Pod",
        namespace: pod.metadata?.namespace,
        name: pod.metadata?.name ?? "",
        uid: pod.metadata?.uid,
      },
    };
    if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
    g.endpoints.push(ep);
  }
  const out = [...groups.values()];
  for (const g of out) g.endpoints.sort((a, b) => byIp({ ip: a.addresses[0] }, { ip: b.addresses[0] }));
  return out;
}

/** EndpointSlice mirroring: a selector-less Service's hand-written Endpoints, as slice bodies. */
export function mirroredBodies(
  subsets: EndpointSubset[],
): { ports: SlicePort[]; endpoints: SliceEndpoint[] }[] {
  return subsets.map((ss) => ({
    ports: (ss.ports ?? []).map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP" })),
    endpoints: [
      ...(ss.addresses ?? []).map((a) => mirrorEndpoint(a, true)),
      ...(ss.notReadyAddresses ?? []).map((a) => mirrorEndpoint(a, false)),
    ],
  }));
}

function mirrorEndpoint(a: EndpointAddress, ready: boolean): SliceEndpoint {
  const ep: SliceEndpoint = { addresses: [a.ip], conditions: { ready } };
  if (a.nodeName) ep.nodeName = a.nodeName;
  if (a.targetRef?.name)
    ep.targetRef = {
      kind: a.targetRef.kind ?? "Pod",
      namespace: a.targetRef.namespace,
      name: a.targetRef.name,
      uid: a.targetRef.uid,
    };
  return ep;
}
