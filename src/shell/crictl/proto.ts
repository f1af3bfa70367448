// CRI messages as protojson prints them (crictl -o json/yaml, inspect*): proto field order, enum names,
// int64 as strings, EmitDefaultValues (empty strings, 0, {} and [] are written; unset messages are not).
import {
  type Container,
  ContainerState,
  type ContainerStatus,
  type Image,
  type ImageSpec,
  type Mount,
  type PodSandbox,
  PodSandboxState,
  type PodSandboxStatus,
} from "../../sim/cri";
import { GO_ZERO_TIME, int64String, nanosRfc3339Nano } from "./goFormat";

type Json = Record<string, unknown>;

export function imageSpecJson(s: ImageSpec | undefined): Json {
  return {
    image: s?.image ?? "",
    annotations: { ...(s?.annotations ?? {}) },
    userSpecifiedImage: s?.userSpecifiedImage ?? "",
    runtimeHandler: s?.runtimeHandler ?? "",
    imageRef: (s as { imageRef?: string } | undefined)?.imageRef ?? "",
  };
}

export function podSandboxJson(p: PodSandbox): Json {
  return {
    id: p.id,
    metadata: { ...p.metadata },
    state: PodSandboxState[p.state],
    createdAt: int64String(p.createdAt),
    labels: { ...p.labels },
    annotations: { ...p.annotations },
    runtimeHandler: p.runtimeHandler ?? "",
  };
}

export function containerJson(c: Container): Json {
  return {
    id: c.id,
    podSandboxId: c.podSandboxId,
    metadata: { name: c.metadata.name, attempt: c.metadata.attempt },
    image: imageSpecJson(c.image),
    imageRef: c.imageRef,
    state: ContainerState[c.state],
    createdAt: int64String(c.createdAt),
    labels: { ...c.labels },
    annotations: { ...c.annotations },
    imageId: c.imageId ?? "",
  };
}

export function imageJson(i: Image): Json {
  const out: Json = {
    id: i.id,
    repoTags: [...i.repoTags],
    repoDigests: [...i.repoDigests],
    size: String(i.size),
  };
  if (i.uid) out.uid = { value: String(i.uid.value) };
  out.username = i.username ?? "";
  if (i.spec) out.spec = imageSpecJson(i.spec);
  out.pinned = i.pinned;
  return out;
}

function mountJson(m: Mount): Json {
  return {
    containerPath: m.containerPath,
    hostPath: m.hostPath,
    readonly: m.readonly ?? false,
    selinuxRelabel: false,
    propagation: "PROPAGATION_PRIVATE",
    uidMappings: [],
    gidMappings: [],
    recursiveReadOnly: false,
    imageSubPath: "",
  };
}

/** crictl marshalContainerStatus: times become RFC3339Nano; started/finished stay Go's zero time until set. */
export function containerStatusJson(s: ContainerStatus): Json {
  const started = s.state !== ContainerState.CONTAINER_CREATED;
  const finished =
    s.state === ContainerState.CONTAINER_EXITED ||
    (s.state === ContainerState.CONTAINER_UNKNOWN && s.finishedAt > 0);
  const out: Json = {
    id: s.id,
    metadata: { name: s.metadata.name, attempt: s.metadata.attempt },
    state: ContainerState[s.state],
    createdAt: nanosRfc3339Nano(s.createdAt),
    startedAt: started ? nanosRfc3339Nano(s.startedAt) : GO_ZERO_TIME,
    finishedAt: finished ? nanosRfc3339Nano(s.finishedAt) : GO_ZERO_TIME,
    exitCode: s.exitCode,
    image: imageSpecJson(s.image),
    imageRef: s.imageRef,
    reason: s.reason ?? "",
    message: s.message ?? "",
    labels: { ...s.labels },
    annotations: { ...s.annotations },
    mounts: (s.mounts ?? []).map(mountJson),
    logPath: s.logPath ?? "",
  };
  if (s.resources?.linux) out.resources = { linux: linuxResourcesJson(s.resources.linux) };
  out.imageId = s.imageId ?? "";
  if (s.user?.linux) {
    out.user = {
      linux: {
        uid: String(s.user.linux.uid),
        gid: String(s.user.linux.gid),
        supplementalGroups: (s.user.linux.supplementalGroups ?? []).map(String),
      },
    };
  }
  out.stopSignal = s.stopSignal ?? "RUNTIME_DEFAULT";
  return out;
}

function linuxResourcesJson(r: NonNullable<NonNullable<ContainerStatus["resources"]>["linux"]>): Json {
  return {
    cpuPeriod: String(r.cpuPeriod ?? 0),
    cpuQuota: String(r.cpuQuota ?? 0),
    cpuShares: String(r.cpuShares ?? 0),
    memoryLimitInBytes: String(r.memoryLimitInBytes ?? 0),
    oomScoreAdj: String(r.oomScoreAdj ?? 0),
    cpusetCpus: r.cpusetCpus ?? "",
    cpusetMems: "",
    hugepageLimits: [],
    unified: {},
    memorySwapLimitInBytes: String(r.memorySwapLimitInBytes ?? 0),
  };
}

/** crictl marshalPodSandboxStatus: createdAt as RFC3339Nano. */
export function podSandboxStatusJson(s: PodSandboxStatus): Json {
  const out: Json = {
    id: s.id,
    metadata: { ...s.metadata },
    state: PodSandboxState[s.state],
    createdAt: nanosRfc3339Nano(s.createdAt),
  };
  if (s.network) {
    out.network = {
      ip: s.network.ip,
      additionalIps: (s.network.additionalIps ?? []).map((a) => ({ ip: a.ip })),
    };
  }
  if (s.linux) {
    const o = s.linux.namespaces?.options ?? {};
    out.linux = {
      namespaces: {
        options: { network: o.network ?? "POD", pid: o.pid ?? "POD", ipc: o.ipc ?? "POD", targetId: "" },
      },
    };
  }
  out.labels = { ...s.labels };
  out.annotations = { ...s.annotations };
  out.runtimeHandler = s.runtimeHandler ?? "";
  return out;
}

/** crictl outputStatusData: `info` values that look like JSON objects are decoded, others lose their quotes. */
export function statusData(
  status: Json | undefined,
  info: Record<string, string> | undefined,
  extra: Json = {},
): Json {
  const out: Json = {};
  if (status) out.status = status;
  Object.assign(out, extra);
  for (const k of Object.keys(info ?? {}).sort()) {
    const v = info?.[k] ?? "";
    if (v.startsWith("{")) {
      try {
        out[k] = JSON.parse(v);
      } catch {
        out[k] = v;
      }
    } else out[k] = v.replace(/^"+|"+$/g, "");
  }
  return out;
}

/**
 * ListContainerStats / ListPodSandboxStats as protojson: every `timestamp` (int64) and every
 * UInt64Value's `value` is a string.
 */
export function statsJson(v: unknown, key = ""): unknown {
  if (typeof v === "number")
    return key === "timestamp" ? int64String(v) : key === "value" ? String(Math.round(v)) : v;
  if (Array.isArray(v)) return v.map((x) => statsJson(x));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, statsJson(x, k)]));
  return v;
}
