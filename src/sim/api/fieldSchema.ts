// The API server's strict decoding (fieldValidation=Strict, kubectl's default --validate=strict): a
// field the type does not declare is refused with `strict decoding error: unknown field "<path>"`;
// with --validate=warn it comes back as a warning and, like --validate=ignore, is dropped. The known
// fields of the kinds learners write by hand (core/v1 Pod, Service, ConfigMap, Secret, Namespace;
// apps/v1 Deployment, ReplicaSet; node.k8s.io/v1 RuntimeClass), as of Kubernetes 1.34. Free-form maps
// (labels, resources.limits, data) and structures the simulator does not need field by field
// (affinity, securityContext, volumes) are taken as they come.

/** "*" = any value; an object = its known fields; a one-element array = a list of that. */
export type FieldSchema = "*" | { [field: string]: FieldSchema } | [FieldSchema];

const ANY = "*";
const S = "*";

const OBJECT_META: FieldSchema = {
  annotations: ANY,
  creationTimestamp: S,
  deletionGracePeriodSeconds: S,
  deletionTimestamp: S,
  finalizers: ANY,
  generateName: S,
  generation: S,
  labels: ANY,
  managedFields: ANY,
  name: S,
  namespace: S,
  ownerReferences: ANY,
  resourceVersion: S,
  selfLink: S,
  uid: S,
};

const PROBE: FieldSchema = {
  exec: { command: ANY },
  failureThreshold: S,
  grpc: { port: S, service: S },
  httpGet: { host: S, httpHeaders: [{ name: S, value: S }], path: S, port: S, scheme: S },
  initialDelaySeconds: S,
  periodSeconds: S,
  successThreshold: S,
  tcpSocket: { host: S, port: S },
  terminationGracePeriodSeconds: S,
  timeoutSeconds: S,
};

const CONTAINER_FIELDS: Record<string, FieldSchema> = {
  args: ANY,
  command: ANY,
  env: [{ name: S, value: S, valueFrom: ANY }],
  envFrom: ANY,
  image: S,
  imagePullPolicy: S,
  lifecycle: ANY,
  livenessProbe: PROBE,
  name: S,
  ports: [{ containerPort: S, hostIP: S, hostPort: S, name: S, protocol: S }],
  readinessProbe: PROBE,
  resizePolicy: ANY,
  resources: { claims: ANY, limits: ANY, requests: ANY },
  restartPolicy: S,
  restartPolicyRules: ANY,
  securityContext: ANY,
  startupProbe: PROBE,
  stdin: S,
  stdinOnce: S,
  terminationMessagePath: S,
  terminationMessagePolicy: S,
  tty: S,
  volumeDevices: ANY,
  volumeMounts: [
    {
      mountPath: S,
      mountPropagation: S,
      name: S,
      readOnly: S,
      recursiveReadOnly: S,
      subPath: S,
      subPathExpr: S,
    },
  ],
  workingDir: S,
};

const POD_SPEC: FieldSchema = {
  activeDeadlineSeconds: S,
  affinity: ANY,
  automountServiceAccountToken: S,
  containers: [CONTAINER_FIELDS],
  dnsConfig: { nameservers: ANY, options: [{ name: S, value: S }], searches: ANY },
  dnsPolicy: S,
  enableServiceLinks: S,
  ephemeralContainers: [{ ...CONTAINER_FIELDS, targetContainerName: S }],
  hostAliases: [{ hostnames: ANY, ip: S }],
  hostIPC: S,
  hostNetwork: S,
  hostPID: S,
  hostUsers: S,
  hostname: S,
  hostnameOverride: S,
  imagePullSecrets: [{ name: S }],
  initContainers: [CONTAINER_FIELDS],
  nodeName: S,
  nodeSelector: ANY,
  os: { name: S },
  overhead: ANY,
  preemptionPolicy: S,
  priority: S,
  priorityClassName: S,
  readinessGates: [{ conditionType: S }],
  resourceClaims: ANY,
  resources: ANY,
  restartPolicy: S,
  runtimeClassName: S,
  schedulerName: S,
  schedulingGates: [{ name: S }],
  securityContext: ANY,
  serviceAccount: S,
  serviceAccountName: S,
  setHostnameAsFQDN: S,
  shareProcessNamespace: S,
  subdomain: S,
  terminationGracePeriodSeconds: S,
  tolerations: [{ effect: S, key: S, operator: S, tolerationSeconds: S, value: S }],
  topologySpreadConstraints: ANY,
  volumes: ANY,
};

const TEMPLATE: FieldSchema = { metadata: OBJECT_META, spec: POD_SPEC };

const top = (fields: Record<string, FieldSchema>): FieldSchema => ({
  apiVersion: S,
  kind: S,
  metadata: OBJECT_META,
  ...fields,
});

const SCHEMAS: Record<string, FieldSchema> = {
  Pod: top({ spec: POD_SPEC, status: ANY }),
  Deployment: top({
    spec: {
      minReadySeconds: S,
      paused: S,
      progressDeadlineSeconds: S,
      replicas: S,
      revisionHistoryLimit: S,
      selector: ANY,
      strategy: ANY,
      template: TEMPLATE,
    },
    status: ANY,
  }),
  ReplicaSet: top({
    spec: { minReadySeconds: S, replicas: S, selector: ANY, template: TEMPLATE },
    status: ANY,
  }),
  Service: top({
    spec: {
      allocateLoadBalancerNodePorts: S,
      clusterIP: S,
      clusterIPs: ANY,
      externalIPs: ANY,
      externalName: S,
      externalTrafficPolicy: S,
      healthCheckNodePort: S,
      internalTrafficPolicy: S,
      ipFamilies: ANY,
      ipFamilyPolicy: S,
      loadBalancerClass: S,
      loadBalancerIP: S,
      loadBalancerSourceRanges: ANY,
      ports: [{ appProtocol: S, name: S, nodePort: S, port: S, protocol: S, targetPort: S }],
      publishNotReadyAddresses: S,
      selector: ANY,
      sessionAffinity: S,
      sessionAffinityConfig: ANY,
      trafficDistribution: S,
      type: S,
    },
    status: ANY,
  }),
  ConfigMap: top({ binaryData: ANY, data: ANY, immutable: S }),
  Secret: top({ data: ANY, immutable: S, stringData: ANY, type: S }),
  ServiceAccount: top({
    automountServiceAccountToken: S,
    imagePullSecrets: [{ name: S }],
    secrets: [{ apiVersion: S, fieldPath: S, kind: S, name: S, namespace: S, resourceVersion: S, uid: S }],
  }),
  Namespace: top({ spec: ANY, status: ANY }),
  RuntimeClass: top({ handler: S, overhead: ANY, scheduling: ANY }),
};

/** The undeclared fields of an object, as the strict decoder names them, in sorted-key order (the JSON kubectl sends). */
export function unknownFields(kind: string, obj: unknown): string[] {
  const schema = SCHEMAS[kind];
  if (!schema) return [];
  const out: string[] = [];
  walk(schema, obj, "", out, false);
  return out;
}

/** The object without its undeclared fields (what the server keeps with --validate=warn or ignore). */
export function dropUnknownFields<T>(kind: string, obj: T): T {
  const schema = SCHEMAS[kind];
  if (!schema) return obj;
  const copy = structuredClone(obj);
  walk(schema, copy, "", [], true);
  return copy;
}

function walk(schema: FieldSchema, value: unknown, path: string, out: string[], drop: boolean): void {
  if (schema === "*" || value === null || value === undefined) return;
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) walk(schema[0], value[i], `${path}[${i}]`, out, drop);
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) return;
  const rec = value as Record<string, unknown>;
  for (const key of Object.keys(rec).sort()) {
    const field = path ? `${path}.${key}` : key;
    const sub = schema[key];
    if (sub === undefined) {
      out.push(field);
      if (drop) delete rec[key];
      continue;
    }
    walk(sub, rec[key], field, out, drop);
  }
}
