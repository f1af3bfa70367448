// k8s: staging/src/k8s.io/kubectl/pkg/describe/describe.go describePod — sections in kubectl's order,
// written as tab-separated lines and aligned by Go's tabwriter(0, 8, 2, ' ', 0) column blocks.
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Event,
  Pod,
  Probe,
  ResourceFieldSelector,
  Toleration,
  Volume,
} from "kubernetes-types/core/v1";
import { parseQuantity, quantityMilliValue, quantityValue } from "../../sim/api/quantity";
import { parseRfc3339, rfc1123z } from "../../sim/clock/time";
import { ageSince } from "../format/duration";
import { goTabwrite } from "../format/goTabwriter";

/** describe.go's PrefixWriter levels: two spaces per level. */
export class PrefixWriter {
  text = "";
  write(level: number, s: string): void {
    this.text += "  ".repeat(level) + s;
  }
}

export const describeTabwrite = (text: string) => goTabwrite(text, 0, 2);

const rfc = (ts: string | undefined) => (ts ? rfc1123z(parseRfc3339(ts)) : "<unset>");

export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  level = 0,
): void {
  w.write(level, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.text += "<none>\n";
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(level, "\t");
    w.text += `${k}=${labels![k]}\n`;
  });
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const MAX_ANNOTATION_LEN = 140;

export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  ann: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  // describe hides kubectl's own bookkeeping annotation.
  const keys = Object.keys(ann ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.text += "<none>\n";
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, "\t");
    const line = `${k}: ${ann![k]}`;
    w.text += line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`;
  });
}

export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? "HTTP").toLowerCase();
    const host = p.httpGet.host ?? "";
    const port = String(p.httpGet.port ?? "");
    const hostPort = port ? (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`) : host;
    return `http-get ${scheme}://${hostPort}${p.httpGet.path ?? ""} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(w: PrefixWriter, name: string, s: ContainerState | undefined): void {
  if (s?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc(s.running.startedAt)}\n`);
  } else if (s?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (s.waiting.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal && t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc(t.finishedAt)}\n`);
  } else w.write(2, `${name}:\tWaiting\n`);
}

function describeResources(w: PrefixWriter, r: Container["resources"], level: number): void {
  for (const [title, m] of [
    ["Limits", r?.limits],
    ["Requests", r?.requests],
  ] as const) {
    const keys = Object.keys(m ?? {}).sort();
    if (keys.length === 0) continue;
    w.write(level, `${title}:\n`);
    for (const k of keys) w.write(level + 1, `${k}:\t${m![k]}\n`);
  }
}

/** EnvValueRetriever: the downward-API fields a learner is likely to use. */
function fieldRefValue(pod: Pod, path: string): string {
  const v: Record<string, string | undefined> = {
    "metadata.name": pod.metadata?.name,
    "metadata.namespace": pod.metadata?.namespace,
    "metadata.uid": pod.metadata?.uid,
    "spec.nodeName": pod.spec?.nodeName,
    "spec.serviceAccountName": pod.spec?.serviceAccountName,
    "status.podIP": pod.status?.podIP,
    "status.hostIP": pod.status?.hostIP,
  };
  const label = path.match(/^metadata\.(labels|annotations)\['(.+)'\]$/);
  if (label)
    return (label[1] === "labels" ? pod.metadata?.labels : pod.metadata?.annotations)?.[label[2]] ?? "";
  return v[path] ?? "";
}

/**
 * describeContainerEnvVars over kubectl's ExtractContainerResourceValue: the described container's
 * own request or limit, divided by the divisor (default 1) and rounded up — cpu in cores, memory in
 * bytes; an unset cpu/memory limit ("0") reads `node allocatable`.
 */
function resourceFieldValue(c: Container, fs: ResourceFieldSelector): string {
  const [kind, name] = fs.resource.split(/\.(.*)/s, 2);
  const q = (kind === "limits" ? c.resources?.limits : c.resources?.requests)?.[name] ?? "0";
  const divisor = fs.divisor === undefined || String(fs.divisor) === "0" ? "1" : String(fs.divisor);
  let value = "";
  try {
    if (name === "cpu")
      value = String(
        Math.ceil(quantityMilliValue(parseQuantity(String(q))) / quantityMilliValue(parseQuantity(divisor))),
      );
    else if (name === "memory" || name === "ephemeral-storage")
      value = String(
        Math.ceil(quantityValue(parseQuantity(String(q))) / quantityValue(parseQuantity(divisor))),
      );
  } catch {
    value = "";
  }
  return value === "0" && kind === "limits" && (name === "cpu" || name === "memory")
    ? "node allocatable"
    : value;
}

/** `space` is DescribePodTemplate's "  ": the title indented, container names one space in. */
export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] = [],
  pod?: Pod,
  space = "",
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  const byName = new Map(statuses.map((s) => [s.name, s]));
  for (const c of containers) {
    const st = byName.get(c.name);
    w.write(1, `${space ? " " : ""}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ""}\n`);
    w.write(2, `Image:\t${c.image ?? ""}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ""}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(2, ports.includes(",") ? `Ports:\t${ports}\n` : `Port:\t${ports || "<none>"}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(
      2,
      hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || "<none>"}\n`,
    );
    for (const [title, list] of [
      ["Command", c.command],
      ["Args", c.args],
    ] as const) {
      if (!list || list.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const a of list) for (const s of a.split("\n")) w.write(3, `${s}\n`);
    }
    if (st) {
      describeStatus(w, "State", st.state);
      if (st.lastState?.terminated) describeStatus(w, "Last State", st.lastState);
      w.write(2, `Ready:\t${st.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom && c.envFrom.length > 0) {
      w.write(2, "Environment Variables from:\n");
      for (const e of c.envFrom) {
        const [from, ref] = e.configMapRef ? ["ConfigMap", e.configMapRef] : ["Secret", e.secretRef];
        const name = ref?.name ?? "";
        const optional = ref?.optional === true;
        w.write(
          3,
          e.prefix
            ? `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`
            : `${name}\t${from}\tOptional: ${optional}\n`,
        );
      }
    }
    w.write(2, `Environment:${c.env && c.env.length > 0 ? "" : "\t<none>"}\n`);
    for (const e of c.env ?? []) {
      const vf = e.valueFrom;
      if (!vf) {
        for (const [i, s] of (e.value ?? "").split("\n").entries())
          w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
      } else if (vf.fieldRef) {
        const value = pod ? fieldRefValue(pod, vf.fieldRef.fieldPath) : "";
        w.write(3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? "v1"}:${vf.fieldRef.fieldPath})\n`);
      } else if (vf.configMapKeyRef) {
        const r = vf.configMapKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${r.optional === true}\n`,
        );
      } else if (vf.secretKeyRef) {
        const r = vf.secretKeyRef;
        w.write(
          3,
          `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${r.optional === true}\n`,
        );
      } else if (vf.resourceFieldRef) {
        const r = vf.resourceFieldRef.resource;
        w.write(3, `${e.name}:\t${resourceFieldValue(c, vf.resourceFieldRef)} (${r})\n`);
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length > 0 ? "" : "\t<none>"}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? "ro" : "rw", ...(m.subPath ? [`path="${m.subPath}"`] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
    }
  }
}

export function describeVolumes(w: PrefixWriter, volumes: Volume[] | undefined, space = ""): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? " " : ""}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || "<none>"}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      // printPersistentVolumeClaimVolumeSource
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (v.emptyDir) {
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? "<unset>"}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${v.configMap.optional === true}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${v.secret.optional === true}\n`,
      );
    } else if (v.projected) {
      w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
        else if (s.configMap)
          w.write(
            2,
            `ConfigMapName:\t${s.configMap.name}\n    Optional:\t${s.configMap.optional === true}\n`,
          );
        else if (s.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
        else if (s.secret)
          w.write(2, `SecretName:\t${s.secret.name}\n    Optional:\t${s.secret.optional === true}\n`);
      }
    } else if (v.downwardAPI) {
      w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else w.write(2, "<unknown>\n");
  }
}

/** pkg/apis/core/helper/qos GetPodQOS, for pods whose status lacks qosClass. */
export function podQos(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ["cpu", "memory"]) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

function printTolerations(w: PrefixWriter, pod: Pod): void {
  printTolerationsMultiline(w, "Tolerations", pod.spec?.tolerations);
}

/** printPodTolerationsMultiline: `key=value:Effect op=Exists for 300s`, one per line. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  const ts = tolerations ?? [];
  if (ts.length === 0) {
    w.text += "<none>\n";
    return;
  }
  ts.forEach((t, i) => {
    if (i !== 0) w.write(0, "\t");
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.text += `${s}\n`;
  });
}

/** describe.go DescribeEvents: sorted by lastTimestamp; Age `5m` or `2m (x4 over 10m)`. */
export function describeEvents(w: PrefixWriter, events: Event[] | undefined, now: number): void {
  if (!events || events.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => tsOf(a.e.lastTimestamp) - tsOf(b.e.lastTimestamp) || a.i - b.i)
    .map((x) => x.e);
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = e.eventTime ? ageSince(e.eventTime, now) : ageSince(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${ageSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${ageSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || "";
    w.write(1, `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${(e.message ?? "").trim()}\n`);
  }
}

const tsOf = (t: string | undefined) => (t ? parseRfc3339(t) : 0);

export function describePod(pod: Pod, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const st = pod.status ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ""}\n` : "Node:\t<none>\n");
  if (st.startTime) w.write(0, `Start Time:\t${rfc(st.startTime)}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  if (m.deletionTimestamp && st.phase !== "Failed" && st.phase !== "Succeeded") {
    w.write(0, `Status:\tTerminating (lasts ${ageSince(m.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${st.phase ?? ""}\n`);
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  if (spec.securityContext?.seccompProfile) {
    w.write(0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
    if (spec.securityContext.seccompProfile.type === "Localhost")
      w.write(0, `LocalhostProfile:\t${spec.securityContext.seccompProfile.localhostProfile ?? ""}\n`);
  }
  w.write(0, `IP:\t${st.podIP ?? ""}\n`);
  if (!st.podIPs || st.podIPs.length === 0) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of st.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = (m.ownerReferences ?? []).find((o) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) {
    describeContainers(w, "Init Containers", spec.initContainers, st.initContainerStatuses, pod);
  }
  describeContainers(w, "Containers", spec.containers ?? [], st.containerStatuses, pod);
  if (spec.ephemeralContainers && spec.ephemeralContainers.length > 0)
    describeContainers(
      w,
      "Ephemeral Containers",
      spec.ephemeralContainers as Container[],
      st.ephemeralContainerStatuses,
      pod,
    );
  if (spec.readinessGates && spec.readinessGates.length > 0) {
    w.write(0, "Readiness Gates:\n  Type\tStatus\n");
    for (const g of spec.readinessGates) {
      const c = (st.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c?.status ?? "<none>"} \n`);
    }
  }
  if (st.conditions && st.conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes);
  w.write(0, `QoS Class:\t${podQos(pod)}\n`);
  printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
  printTolerations(w, pod);
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}
