// k8s: pkg/apis/core/v1/defaults.go (+ admission: ServiceAccount, Priority, DefaultTolerationSeconds) — simplified: core kinds only.
import type {
  Container,
  Namespace,
  Pod,
  PodSpec,
  Probe,
  Secret,
  Service,
  ServiceAccount,
  Toleration,
  Volume,
} from "kubernetes-types/core/v1";
import { canonicalQuantity, compareQuantities, isQuantity, parseQuantity, type Quantity } from "./quantity";
import { addServiceAccountPullSecrets, shouldAutomount } from "./serviceAccount";

/** Tag as the defaulter reads it: `latest` when absent, "" when only a digest is given (parsers.ParseImageName). */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > slash) return name.slice(colon + 1);
  return at >= 0 ? "" : "latest";
}

/** SetDefaults_Container: `latest` (or no tag) ⇒ Always, otherwise IfNotPresent. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (/[A-Z\s]/.test(image.split(/[:@]/)[0])) return "IfNotPresent";
  return imageTag(image) === "latest" ? "Always" : "IfNotPresent";
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  // SetDefaults_Probe
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  // SetDefaults_HTTPGetAction
  if (p.httpGet) {
    if (!p.httpGet.path) p.httpGet.path = "/";
    p.httpGet.scheme ??= "HTTP";
  }
}

function defaultContainer(c: Container): void {
  // An unparsable or empty image yields tag "" ⇒ IfNotPresent (the parse error is ignored there).
  if (!c.imagePullPolicy)
    c.imagePullPolicy = typeof c.image === "string" && c.image ? defaultPullPolicy(c.image) : "IfNotPresent";
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.resources ??= {};
  for (const port of c.ports ?? []) port.protocol ??= "TCP";
  for (const env of c.env ?? []) if (env.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ??= "v1";
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) {
    if (h?.httpGet) {
      if (!h.httpGet.path) h.httpGet.path = "/";
      h.httpGet.scheme ??= "HTTP";
    }
  }
}

/**
 * The pods/ephemeralcontainers subresource: an ephemeral container gets a container's defaults only —
 * the ServiceAccount admission mutates pods on create alone ("we only mutate pods during create
 * requests"), so no token is mounted into it (describe shows `Mounts: <none>`).
 */
export function defaultEphemeralContainer(_pod: Pod, c: Container): void {
  defaultContainer(c);
}

/** Quantities decode into resource.Quantity and encode back canonically: `0.5` → `500m`, `1024Mi` → `1Gi`. */
function canonicalResources(
  r: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined,
): void {
  if (!r || typeof r !== "object") return;
  for (const list of [r.requests, r.limits])
    if (list && typeof list === "object")
      for (const [name, q] of Object.entries(list))
        if ((typeof q === "string" || typeof q === "number") && isQuantity(q))
          list[name] = canonicalQuantity(q);
}

/** SetDefaults_Pod: requests default to limits for any resource given only as a limit. */
function defaultRequestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits || Object.keys(limits).length === 0) return;
  const res = c.resources!;
  res.requests ??= {};
  for (const [name, q] of Object.entries(limits))
    if (res.requests[name] === undefined) res.requests[name] = q;
}

function defaultVolume(v: Volume): void {
  // SetDefaults_ConfigMapVolumeSource / Secret / Projected / DownwardAPI: 0644
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  if (v.hostPath) v.hostPath.type ??= "";
}

/** SetDefaults_PodSpec + SetDefaults_Pod + SetDefaults_Container: what decoding fills in. */
export function setPodDefaults(pod: Pod): Pod {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  // v1 conversion: the deprecated serviceAccount names the account only when serviceAccountName is
  // empty, and is written back as a copy of serviceAccountName
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of allContainers(spec)) {
    if (!c || typeof c !== "object") continue;
    defaultContainer(c);
    canonicalResources(c.resources);
    defaultRequestsFromLimits(c);
  }
  // pod-level resources (PodLevelResources, beta in 1.34): not in kubernetes-types yet
  canonicalResources((spec as { resources?: Parameters<typeof canonicalResources>[0] }).resources);
  for (const v of spec.volumes ?? []) if (v && typeof v === "object") defaultVolume(v);
  // SetDefaults_Pod: on the host's network a container port is a host port (not in pod templates)
  if (spec.hostNetwork)
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])])
      for (const port of c?.ports ?? []) if (!port.hostPort) port.hostPort = port.containerPort;
  return pod;
}

function allContainers(spec: PodSpec): Container[] {
  const init = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  const main = Array.isArray(spec.containers) ? spec.containers : [];
  return [...init, ...main];
}

/** DefaultTolerationSeconds admission: tolerate not-ready/unreachable NoExecute for 300s. */
export const DEFAULT_TOLERATIONS: readonly Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
];

/** plugin/pkg/admission/priority: built-in classes. */
const SYSTEM_PRIORITIES: Record<string, number> = {
  "system-node-critical": 2_000_001_000,
  "system-cluster-critical": 2_000_000_000,
};

export const SERVICE_ACCOUNT_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

export interface PodAdmissionOptions {
  /** Suffix for the `kube-api-access-xxxxx` volume (rng.suffix(5)); undefined skips the projected token volume. */
  tokenVolumeSuffix?: string;
  /**
   * The ServiceAccount the admission looked up (its automountServiceAccountToken and imagePullSecrets
   * apply); undefined when the API server runs without the lookup.
   */
  serviceAccount?: ServiceAccount;
  /** A mirror pod: the ServiceAccount admission leaves its spec alone (no account, no token). */
  mirrorPod?: boolean;
}

/** Mutating admission on create: ServiceAccount, Priority, DefaultTolerationSeconds. */
export function admitPodCreate(pod: Pod, opts: PodAdmissionOptions = {}): Pod {
  const spec = pod.spec!;
  // ServiceAccount admission
  if (!opts.mirrorPod) {
    spec.serviceAccountName ||= "default";
    spec.serviceAccount = spec.serviceAccountName;
    if (opts.tokenVolumeSuffix && shouldAutomount(opts.serviceAccount, spec))
      addTokenVolume(spec, opts.tokenVolumeSuffix);
    addServiceAccountPullSecrets(opts.serviceAccount, spec);
  }
  // Priority admission
  if (spec.priority === undefined) spec.priority = SYSTEM_PRIORITIES[spec.priorityClassName ?? ""] ?? 0;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
  // DefaultTolerationSeconds: only when the pod does not already tolerate the taint for NoExecute.
  spec.tolerations ??= [];
  for (const t of DEFAULT_TOLERATIONS) {
    const has = spec.tolerations.some(
      (x) =>
        (x.key === t.key || (!x.key && x.operator === "Exists")) && (!x.effect || x.effect === "NoExecute"),
    );
    if (!has) spec.tolerations.push({ ...t });
  }
  return pod;
}

function addTokenVolume(spec: PodSpec, suffix: string): void {
  const containers = allContainers(spec);
  if (containers.some((c) => c.volumeMounts?.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH))) return;
  const name = `kube-api-access-${suffix}`;
  spec.volumes ??= [];
  spec.volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        {
          downwardAPI: {
            items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }],
          },
        },
      ],
    },
  });
  for (const c of containers) {
    c.volumeMounts ??= [];
    c.volumeMounts.push({ name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH });
  }
}

type QosClass = "Guaranteed" | "Burstable" | "BestEffort";

function tryQuantity(v: unknown): Quantity | undefined {
  try {
    return parseQuantity(v as string);
  } catch {
    return undefined;
  }
}

function addQ(a: Quantity | undefined, b: Quantity): Quantity {
  if (!a) return b;
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den, format: a.format };
}

/** pkg/apis/core/helper/qos GetPodQOS: only cpu and memory count; sums over init and regular containers. */
export function podQosClass(spec: PodSpec | undefined): QosClass {
  if (!spec) return "BestEffort";
  const requests: Record<string, Quantity> = {};
  const limits: Record<string, Quantity> = {};
  let guaranteed = true;
  const zero = parseQuantity("0");
  for (const c of allContainers(spec)) {
    for (const [name, v] of Object.entries(c?.resources?.requests ?? {})) {
      const q = tryQuantity(v);
      if ((name === "cpu" || name === "memory") && q && compareQuantities(q, zero) > 0)
        requests[name] = addQ(requests[name], q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(c?.resources?.limits ?? {})) {
      const q = tryQuantity(v);
      if ((name === "cpu" || name === "memory") && q && compareQuantities(q, zero) > 0) {
        found.add(name);
        limits[name] = addQ(limits[name], q);
      }
    }
    if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
  }
  const nReq = Object.keys(requests).length;
  const nLim = Object.keys(limits).length;
  if (nReq === 0 && nLim === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, req] of Object.entries(requests)) {
      if (!limits[name] || compareQuantities(limits[name], req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && nReq === nLim ? "Guaranteed" : "Burstable";
}

/** SetDefaults_Service: ClusterIP, session affinity None, TCP ports, targetPort = port. */
export function setServiceDefaults(svc: Service): Service {
  svc.spec ??= {};
  const spec = svc.spec;
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  spec.internalTrafficPolicy ??= "Cluster";
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") spec.externalTrafficPolicy ??= "Cluster";
  for (const p of spec.ports ?? []) {
    p.protocol ??= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  return svc;
}

/** Namespace: finalizer `kubernetes`, phase Active, and the automatic name label. */
export function setNamespaceDefaults(ns: Namespace): Namespace {
  const name = ns.metadata?.name ?? "";
  ns.metadata ??= {};
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), "kubernetes.io/metadata.name": name };
  ns.spec ??= {};
  ns.spec.finalizers ??= ["kubernetes"];
  ns.status = { phase: ns.status?.phase ?? "Active" };
  return ns;
}

/** SetDefaults_Secret: type Opaque. */
export function setSecretDefaults(secret: Secret): Secret {
  secret.type ??= "Opaque";
  return secret;
}
