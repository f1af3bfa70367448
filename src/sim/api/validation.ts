// k8s: pkg/apis/core/validation/validation.go — simplified: the pod fields learners touch, plus small core kinds.
import {
  duplicate,
  type FieldError,
  forbidden,
  GoLiteral,
  goQuote,
  invalid,
  notFoundField,
  notSupported,
  required,
} from "./fieldErrors";
import { isConfigMapKey, isDns1123Label, validateObjectMeta } from "./nameValidation";
import { compareQuantities, formatQuantity, parseQuantity, type Quantity, QuantityError } from "./quantity";

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PORT_RANGE = "must be between 1 and 65535, inclusive";
const NON_NEGATIVE = "must be greater than or equal to 0";
const NO_PROBES_ON_INIT = "may not be set for init containers without restartPolicy=Always";

/** Thrown when a quantity does not decode: the API server answers 400 before validation. */
export { QuantityError };

function validatePortNumber(field: string, v: unknown, errs: FieldError[]): void {
  if (typeof v === "string") {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(v) || v.length > 15 || !/[a-z]/.test(v))
      errs.push(invalid(field, v, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
  } else if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 65535) {
    errs.push(invalid(field, v, PORT_RANGE));
  }
}

function validateProbe(
  p: unknown,
  field: string,
  kind: "liveness" | "readiness" | "startup",
  errs: FieldError[],
) {
  if (p === undefined || p === null) return;
  const probe = asObj(p);
  const handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter(
    (h) => probe[h] !== undefined && probe[h] !== null,
  );
  if (handlers.length === 0) errs.push(required(field, "must specify a handler type"));
  // validateHandler: the second handler found is the one reported.
  for (const h of handlers.slice(1))
    errs.push(forbidden(`${field}.${h}`, "may not specify more than 1 handler type"));
  if (handlers[0] === "exec" && asArr(asObj(probe.exec).command).length === 0)
    errs.push(required(`${field}.exec.command`));
  if (handlers[0] === "httpGet") validatePortNumber(`${field}.httpGet.port`, asObj(probe.httpGet).port, errs);
  if (handlers[0] === "tcpSocket")
    validatePortNumber(`${field}.tcpSocket.port`, asObj(probe.tcpSocket).port, errs);
  for (const k of [
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
  ]) {
    const v = probe[k];
    if (v !== undefined && (typeof v !== "number" || v < 0))
      errs.push(invalid(`${field}.${k}`, v, NON_NEGATIVE));
  }
  if (kind !== "readiness" && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    errs.push(invalid(`${field}.successThreshold`, probe.successThreshold, "must be 1"));
}

/** Decode-time check: a malformed quantity anywhere in resources fails the whole request. */
function parseResourceList(list: unknown): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const [k, v] of Object.entries(asObj(list))) {
    if (typeof v !== "string" && typeof v !== "number") throw new QuantityError();
    out[k] = parseQuantity(v);
  }
  return out;
}

function validateResources(res: unknown, field: string, errs: FieldError[]): void {
  const r = asObj(res);
  const limits = parseResourceList(r.limits);
  const requests = parseResourceList(r.requests);
  const zero = parseQuantity("0");
  for (const [which, list] of [
    ["limits", limits],
    ["requests", requests],
  ] as const) {
    for (const [name, q] of Object.entries(list))
      if (compareQuantities(q, zero) < 0)
        errs.push(invalid(`${field}.${which}[${name}]`, formatQuantity(q), NON_NEGATIVE));
  }
  for (const name of Object.keys(requests).sort()) {
    const lim = limits[name];
    if (lim && compareQuantities(requests[name], lim) > 0)
      errs.push(
        invalid(
          `${field}.requests`,
          formatQuantity(requests[name]),
          `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`,
        ),
      );
  }
}

function validateContainer(
  c: unknown,
  field: string,
  names: Set<string>,
  portNames: Set<string>,
  init: boolean,
  errs: FieldError[],
): void {
  const ctr = asObj(c);
  const name = ctr.name;
  if (typeof name !== "string" || name === "") errs.push(required(`${field}.name`));
  else {
    for (const msg of isDns1123Label(name)) errs.push(invalid(`${field}.name`, name, msg));
    if (names.has(name)) errs.push(duplicate(`${field}.name`, name));
    names.add(name);
  }
  const image = ctr.image;
  if (typeof image !== "string" || image === "") errs.push(required(`${field}.image`));
  else if (image.trim() !== image)
    errs.push(invalid(`${field}.image`, image, "must not have leading or trailing whitespace"));
  const ipp = ctr.imagePullPolicy;
  if (ipp === undefined || ipp === "") errs.push(required(`${field}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(ipp as string))
    errs.push(notSupported(`${field}.imagePullPolicy`, ipp, PULL_POLICIES));
  asArr(ctr.ports).forEach((p, i) => {
    const port = asObj(p);
    const pf = `${field}.ports[${i}]`;
    if (typeof port.name === "string" && port.name !== "") {
      if (portNames.has(port.name)) errs.push(duplicate(`${pf}.name`, port.name));
      portNames.add(port.name);
    }
    if (port.containerPort === undefined || port.containerPort === 0)
      errs.push(required(`${pf}.containerPort`));
    else validatePortNumber(`${pf}.containerPort`, port.containerPort, errs);
    if (port.hostPort !== undefined && port.hostPort !== 0)
      validatePortNumber(`${pf}.hostPort`, port.hostPort, errs);
    if (port.protocol === undefined || port.protocol === "") errs.push(required(`${pf}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol as string))
      errs.push(notSupported(`${pf}.protocol`, port.protocol, PROTOCOLS));
  });
  validateResources(ctr.resources, `${field}.resources`, errs);
  const rp = ctr.restartPolicy;
  const sidecar = init && rp === "Always";
  if (rp !== undefined && rp !== null) {
    if (!init) errs.push(forbidden(`${field}.restartPolicy`, "may not be set for non-init containers"));
    else if (rp !== "Always") errs.push(notSupported(`${field}.restartPolicy`, rp, ["Always"]));
  }
  if (init && !sidecar) {
    for (const k of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"])
      if (ctr[k] !== undefined && ctr[k] !== null) errs.push(forbidden(`${field}.${k}`, NO_PROBES_ON_INIT));
    return;
  }
  validateProbe(ctr.livenessProbe, `${field}.livenessProbe`, "liveness", errs);
  validateProbe(ctr.readinessProbe, `${field}.readinessProbe`, "readiness", errs);
  validateProbe(ctr.startupProbe, `${field}.startupProbe`, "startup", errs);
}

/** ValidatePodSpec for the fields the simulator models. Throws QuantityError for undecodable quantities. */
export function validatePodSpec(spec: unknown, field = "spec"): FieldError[] {
  const errs: FieldError[] = [];
  const s = asObj(spec);
  const names = new Set<string>();
  const portNames = new Set<string>();
  const volNames = new Set<string>();
  asArr(s.volumes).forEach((v, i) => {
    const n = asObj(v).name;
    if (typeof n !== "string" || n === "") errs.push(required(`${field}.volumes[${i}].name`));
    else {
      for (const msg of isDns1123Label(n)) errs.push(invalid(`${field}.volumes[${i}].name`, n, msg));
      if (volNames.has(n)) errs.push(duplicate(`${field}.volumes[${i}].name`, n));
      volNames.add(n);
    }
  });
  const containers = asArr(s.containers);
  if (containers.length === 0) errs.push(required(`${field}.containers`));
  containers.forEach((c, i) => {
    validateContainer(c, `${field}.containers[${i}]`, names, portNames, false, errs);
  });
  asArr(s.initContainers).forEach((c, i) => {
    validateContainer(c, `${field}.initContainers[${i}]`, names, portNames, true, errs);
  });
  const rp = s.restartPolicy;
  if (rp === undefined || rp === "") errs.push(required(`${field}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(rp as string))
    errs.push(notSupported(`${field}.restartPolicy`, rp, RESTART_POLICIES));
  const dns = s.dnsPolicy;
  if (dns !== undefined && !DNS_POLICIES.includes(dns as string))
    errs.push(notSupported(`${field}.dnsPolicy`, dns, DNS_POLICIES));
  const ads = s.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null && (typeof ads !== "number" || ads < 1 || ads > 2147483647))
    errs.push(invalid(`${field}.activeDeadlineSeconds`, ads, "must be between 1 and 2147483647, inclusive"));
  const tgp = s.terminationGracePeriodSeconds;
  if (tgp !== undefined && tgp !== null && typeof tgp !== "number")
    errs.push(invalid(`${field}.terminationGracePeriodSeconds`, tgp, NON_NEGATIVE));
  const rcn = s.runtimeClassName;
  if (typeof rcn === "string" && rcn !== "")
    for (const msg of isDns1123Label(rcn)) errs.push(invalid(`${field}.runtimeClassName`, rcn, msg));
  return errs;
}

/** ValidatePod: metadata then spec. */
export function validatePod(pod: unknown): FieldError[] {
  const p = asObj(pod);
  return [...validateObjectMeta(p.metadata, true, "subdomain"), ...validatePodSpec(p.spec)];
}

export const POD_UPDATE_FORBIDDEN =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/** Deterministic JSON for deep comparison (key order independent). */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and grace (-1 → 1) may change. */
export function validatePodUpdate(newPod: unknown, oldPod: unknown): FieldError[] {
  const errs = validatePod(newPod);
  const n = asObj(asObj(newPod).spec);
  const o = structuredClone(asObj(asObj(oldPod).spec));
  // Copy what may change from new into a copy of old; whatever still differs is forbidden.
  for (const key of ["containers", "initContainers"]) {
    const nc = asArr(n[key]);
    const oc = asArr(o[key]);
    if (nc.length !== oc.length) continue;
    oc.forEach((c, i) => {
      if (isObj(c)) c.image = asObj(nc[i]).image;
    });
  }
  const oldAds = o.activeDeadlineSeconds;
  const newAds = n.activeDeadlineSeconds;
  if (typeof newAds === "number" && (typeof oldAds !== "number" || newAds <= oldAds))
    o.activeDeadlineSeconds = newAds;
  else if (typeof oldAds === "number" && typeof newAds === "number" && newAds > oldAds)
    errs.push(invalid("spec.activeDeadlineSeconds", newAds, "must be less than or equal to previous value"));
  const oldTol = asArr(o.tolerations).map(stableJson);
  const newTol = asArr(n.tolerations).map(stableJson);
  if (oldTol.every((t) => newTol.includes(t))) o.tolerations = n.tolerations;
  if (
    typeof o.terminationGracePeriodSeconds === "number" &&
    o.terminationGracePeriodSeconds < 0 &&
    n.terminationGracePeriodSeconds === 1
  )
    o.terminationGracePeriodSeconds = 1;
  if (stableJson(o) !== stableJson(n)) errs.push(forbidden("spec", POD_UPDATE_FORBIDDEN));
  return errs;
}

/** Fields an ephemeral container may not set (validateEphemeralContainers). */
const EPHEMERAL_FORBIDDEN = [
  "ports",
  "livenessProbe",
  "readinessProbe",
  "startupProbe",
  "lifecycle",
  "resizePolicy",
];

/**
 * ValidatePodEphemeralContainersUpdate (the pods/ephemeralcontainers subresource): new ephemeral
 * containers may be added, none removed or changed; names are unique in the pod; a target must be
 * one of the pod's containers.
 */
export function validateEphemeralContainersUpdate(newPod: unknown, oldPod: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const n = asObj(asObj(newPod).spec);
  const o = asObj(asObj(oldPod).spec);
  const path = "spec.ephemeralContainers";
  const names = new Set<string>();
  for (const key of ["containers", "initContainers"])
    for (const c of asArr(o[key])) names.add(String(asObj(c).name ?? ""));
  const regular = new Set(names);
  const added = asArr(n.ephemeralContainers);
  added.forEach((raw, i) => {
    const ec = asObj(raw);
    const f = `${path}[${i}]`;
    const name = typeof ec.name === "string" ? ec.name : "";
    if (name === "") errs.push(required(`${f}.name`));
    else {
      for (const msg of isDns1123Label(name)) errs.push(invalid(`${f}.name`, name, msg));
      if (names.has(name)) errs.push(duplicate(`${f}.name`, name));
      names.add(name);
    }
    if (typeof ec.image !== "string" || ec.image === "") errs.push(required(`${f}.image`));
    const target = ec.targetContainerName;
    if (typeof target === "string" && target !== "" && !regular.has(target))
      errs.push(notFoundField(`${f}.targetContainerName`, target));
    for (const k of EPHEMERAL_FORBIDDEN)
      if (ec[k] !== undefined) errs.push(forbidden(`${f}.${k}`, "cannot be set for an Ephemeral Container"));
    const res = asObj(ec.resources);
    if (Object.keys(asObj(res.limits)).length + Object.keys(asObj(res.requests)).length > 0)
      errs.push(forbidden(`${f}.resources`, "cannot be set for an Ephemeral Container"));
  });
  const newByName = new Map(added.map((c, i) => [String(asObj(c).name ?? ""), i]));
  for (const old of asArr(o.ephemeralContainers)) {
    const name = String(asObj(old).name ?? "");
    const i = newByName.get(name);
    if (i === undefined)
      errs.push(forbidden(path, `existing ephemeral containers ${goQuote(name)} may not be removed\n`));
    else if (stableJson(old) !== stableJson(added[i]))
      errs.push(
        forbidden(`${path}[${i}]`, `existing ephemeral containers ${goQuote(name)} may not be changed\n`),
      );
  }
  return errs;
}

function validateDataKeys(obj: Obj, errs: FieldError[]): void {
  const seen = new Set<string>();
  for (const field of ["data", "binaryData", "stringData"]) {
    for (const k of Object.keys(asObj(obj[field]))) {
      for (const msg of isConfigMapKey(k)) errs.push(invalid(`${field}[${k}]`, k, msg));
      if (field !== "stringData" && seen.has(k)) errs.push(duplicate(`${field}[${k}]`, k));
      seen.add(k);
    }
  }
}

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

/** ValidateService (pkg/apis/core/validation): ports, types, affinity, duplicates. */
export function validateService(o: Obj): FieldError[] {
  const errs = validateObjectMeta(o.metadata, true, "dns1035");
  const spec = asObj(o.spec);
  const ports = asArr(spec.ports);
  const headless = spec.clusterIP === "None";
  if (ports.length === 0 && !headless && spec.type !== "ExternalName") errs.push(required("spec.ports"));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const port = asObj(p);
    const f = `spec.ports[${i}]`;
    const name = typeof port.name === "string" ? port.name : "";
    if (ports.length > 1 && name === "") errs.push(required(`${f}.name`));
    if (name !== "") {
      for (const msg of isDns1123Label(name)) errs.push(invalid(`${f}.name`, name, msg));
      if (names.has(name)) errs.push(duplicate(`${f}.name`, name));
      names.add(name);
    }
    validatePortNumber(`${f}.port`, port.port ?? 0, errs);
    if (port.protocol === undefined || port.protocol === "") errs.push(required(`${f}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol as string))
      errs.push(notSupported(`${f}.protocol`, port.protocol, PROTOCOLS));
    if (port.targetPort !== undefined) validatePortNumber(`${f}.targetPort`, port.targetPort, errs);
    if (port.nodePort && spec.type === "ClusterIP")
      errs.push(forbidden(`${f}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
  });
  const affinity = spec.sessionAffinity;
  if (affinity !== undefined && affinity !== "None" && affinity !== "ClientIP")
    errs.push(notSupported("spec.sessionAffinity", affinity, ["ClientIP", "None"]));
  if (spec.type !== undefined && !SERVICE_TYPES.includes(spec.type as string))
    errs.push(notSupported("spec.type", spec.type, SERVICE_TYPES));
  // (protocol, port) pairs must be unique; Go prints the key struct with %#v
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const port = asObj(p);
    const key = `${port.protocol}/${port.port}`;
    if (seen.has(key))
      errs.push(
        duplicate(
          `spec.ports[${i}]`,
          new GoLiteral(
            `core.ServicePort{Name:"", Protocol:${goQuote(String(port.protocol ?? ""))}, AppProtocol:(*string)(nil), Port:${Number(port.port ?? 0)}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
          ),
        ),
      );
    seen.add(key);
  });
  return errs;
}

/** Validation of the other core kinds the simulator stores (names, required fields). */
export function validateObject(kind: string, obj: unknown): FieldError[] {
  const o = asObj(obj);
  switch (kind) {
    case "Pod":
      return validatePod(o);
    case "Namespace":
      return validateObjectMeta(o.metadata, false, "label");
    case "Node":
      return validateObjectMeta(o.metadata, false, "subdomain");
    case "ConfigMap":
    case "Secret": {
      const errs = validateObjectMeta(o.metadata, true, "subdomain");
      validateDataKeys(o, errs);
      return errs;
    }
    case "Service":
      return validateService(o);
    case "RuntimeClass": {
      const errs = validateObjectMeta(o.metadata, false, "subdomain");
      const h = o.handler;
      if (typeof h !== "string" || h === "") errs.push(required("handler"));
      else for (const msg of isDns1123Label(h)) errs.push(invalid("handler", h, msg));
      return errs;
    }
    case "Event": {
      const errs = validateObjectMeta(o.metadata, true, "subdomain");
      if (!isObj(o.involvedObject)) errs.push(required("involvedObject"));
      return errs;
    }
    default:
      return validateObjectMeta(o.metadata, true, "subdomain");
  }
}

/** Update rules beyond validateObject: pods' immutable spec, RuntimeClass handler. */
export function validateObjectUpdate(kind: string, newObj: unknown, oldObj: unknown): FieldError[] {
  if (kind === "Pod") return validatePodUpdate(newObj, oldObj);
  const errs = validateObject(kind, newObj);
  if (kind === "RuntimeClass") {
    const h = asObj(newObj).handler;
    if (h !== asObj(oldObj).handler) errs.push(invalid("handler", h, "field is immutable"));
  }
  return errs;
}
