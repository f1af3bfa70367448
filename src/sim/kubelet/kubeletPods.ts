// k8s: pkg/kubelet/kubelet_pods.go (getPhase, convertToAPIContainerStatuses, generateAPIPodStatus) — simplified: no resize.
import type {
  ContainerState as ApiContainerState,
  Container,
  ContainerStatus,
  Pod,
  PodCondition,
  PodStatus,
} from "kubernetes-types/core/v1";
import { podQosClass } from "../api/defaults";
import { plainClone } from "../api/equality";
import { rfc3339 } from "../clock/time";
import { ContainerState } from "../cri";
import { allocatedPod, pendingResize, resizePendingCondition, statusResources } from "./allocation/podResize";
import {
  isRestartableInitContainer,
  type RuntimeContainerStatus,
  type RuntimePodStatus,
  shouldContainerBeRestarted,
} from "./container/containerRuntime";
import { type PodPhase, WaitingReason } from "./events/reasons";
import { podSandboxChanged } from "./kuberuntime/kuberuntimeManager";
import {
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
  generatePodReadyToStartContainersCondition,
} from "./status/generate";

export interface ReasonEntry {
  err: string;
  message: string;
}

/** What the prober knows: readiness/startup by container ID, and whether a probe of that kind exists. */
export interface ProbeStatus {
  ready(uid: string, container: Container, containerId: string): boolean;
  started(uid: string, container: Container, containerId: string): boolean;
}

export interface GenerateContext {
  /** Virtual ms → RFC3339. */
  time: (virtualMs: number) => string;
  now: number;
  nodeIP: string;
  reasons: Map<string, ReasonEntry> | undefined;
  probes: ProbeStatus;
  /** The node's allocatable resources (in-place resize feasibility). */
  allocatable?: Record<string, unknown>;
}

/** getPhase (FIDELITY §6). */
export function getPhase(
  pod: Pod,
  info: ContainerStatus[],
  podIsTerminal: boolean,
  podHasInitialized: boolean,
): PodPhase {
  const spec = pod.spec ?? { containers: [] };
  const byName = new Map(info.map((s) => [s.name, s]));
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;
  for (const c of spec.initContainers ?? []) {
    if (isRestartableInitContainer(c)) continue;
    const s = byName.get(c.name);
    if (!s) {
      pendingRegularInit++;
      continue;
    }
    if (s.state?.running) pendingRegularInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInitContainer(c)) continue;
    const s = byName.get(c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (!s.started) pendingRestartableInit++;
      running++;
    } else if (s.state?.terminated) {
      // neither running nor stopped
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) pendingRestartableInit++;
    } else {
      pendingRestartableInit++;
      unknown++;
    }
  }
  for (const c of spec.containers ?? []) {
    const s = byName.get(c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? "Always";
  if (failedInitialization > 0 && policy === "Never") return "Failed";
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !podHasInitialized) || waiting > 0)
    return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? "Succeeded" : "Failed";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function convertContainerStatus(
  cs: RuntimeContainerStatus,
  old: ContainerStatus | undefined,
  ctx: GenerateContext,
): ContainerStatus {
  const cid = `containerd://${cs.id}`;
  const st: ContainerStatus = {
    name: cs.name,
    restartCount: cs.restartCount,
    image: cs.image,
    imageID: cs.imageRef,
    containerID: cid,
    ready: false,
    state: {},
    lastState: {},
  };
  if (cs.state === ContainerState.CONTAINER_RUNNING)
    st.state = { running: { startedAt: ctx.time(cs.startedAt) } };
  else if (cs.state === ContainerState.CONTAINER_CREATED) st.state = { waiting: {} };
  else if (cs.state === ContainerState.CONTAINER_EXITED) {
    const t: NonNullable<ApiContainerState["terminated"]> = {
      exitCode: cs.exitCode,
      reason: cs.reason || undefined,
      message: cs.message || undefined,
      // metav1.NewTime(time.Unix(0, 0)) for a container that never started (StartError): the epoch
      startedAt: cs.startedAt >= 0 ? ctx.time(cs.startedAt) : "1970-01-01T00:00:00Z",
      finishedAt: cs.finishedAt >= 0 ? ctx.time(cs.finishedAt) : undefined,
      containerID: cid,
    };
    st.state = { terminated: stripUndefined(t) };
  } else if (old?.state?.running) {
    st.state = {
      terminated: {
        reason: "ContainerStatusUnknown",
        message: "The container could not be located when the pod was terminated",
        exitCode: 137,
      },
    };
    st.restartCount = (old.restartCount ?? 0) + 1;
  } else st.state = { waiting: {} };
  // convertContainerStatusUser (SupplementalGroupsPolicy, beta and on since 1.33)
  const linux = cs.user?.linux;
  if (linux)
    (st as ContainerStatus & { user?: unknown }).user = {
      linux: { uid: linux.uid, gid: linux.gid, supplementalGroups: [...(linux.supplementalGroups ?? [])] },
    };
  return st;
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** convertToAPIContainerStatuses: defaults, newest runtime container, previous one as lastState, reasonCache waiting. */
export function convertToAPIContainerStatuses(
  pod: Pod,
  ps: RuntimePodStatus,
  previous: ContainerStatus[] | undefined,
  containers: Container[],
  isInit: boolean,
  ctx: GenerateContext,
): ContainerStatus[] {
  const old = new Map((previous ?? []).map((s) => [s.name, s]));
  const hasInit = (pod.spec?.initContainers ?? []).length > 0;
  const defaultWaiting = hasInit ? WaitingReason.PodInitializing : WaitingReason.ContainerCreating;
  const statuses = new Map<string, ContainerStatus>();
  for (const c of containers) {
    let s: ContainerStatus = {
      name: c.name,
      image: c.image ?? "",
      imageID: "",
      ready: false,
      restartCount: 0,
      started: false,
      state: { waiting: { reason: defaultWaiting } },
      lastState: {},
    };
    const o = old.get(c.name);
    if (o) {
      // Shallow copies: what follows replaces fields of a status, never changes the objects under them
      // (the previous status is the API server's frozen object).
      if (o.state?.terminated) s = { ...o };
      else {
        s.restartCount = o.restartCount;
        s.lastState = o.lastState ?? {};
      }
    }
    statuses.set(c.name, s);
  }
  const seen = new Map<string, number>();
  const sorted = [...ps.containerStatuses].sort((a, b) => b.createdAt - a.createdAt);
  for (const cs of sorted) {
    const s = statuses.get(cs.name);
    if (!s) continue;
    const n = seen.get(cs.name) ?? 0;
    if (n >= 2) continue;
    const conv = convertContainerStatus(cs, old.get(cs.name), ctx);
    // InPlacePodVerticalScaling (beta, on): the allocated requests and the resources the runtime enforces
    const spec = containers.find((c) => c.name === cs.name);
    // (a container with no requests or limits shows neither, as the docs' status listings do)
    if (spec && !isInit && (spec.resources?.requests || spec.resources?.limits)) {
      const requests = spec.resources?.requests;
      if (requests) (conv as { allocatedResources?: unknown }).allocatedResources = plainClone(requests);
      (conv as { resources?: unknown }).resources = statusResources(spec, cs);
    }
    if (n === 0) statuses.set(cs.name, conv);
    else statuses.get(cs.name)!.lastState = conv.state;
    seen.set(cs.name, n + 1);
  }
  for (const c of containers) {
    if (isInit) {
      const s = ps.containerStatuses.find((x) => x.name === c.name);
      if (s && s.state === ContainerState.CONTAINER_EXITED && s.exitCode === 0) continue;
    }
    if (!shouldContainerBeRestarted(c, pod, ps)) continue;
    const reason = ctx.reasons?.get(c.name);
    if (!reason) continue;
    const s = statuses.get(c.name)!;
    if (s.state?.terminated) s.lastState = s.state;
    s.state = { waiting: { reason: reason.err, message: reason.message || undefined } };
    stripUndefined(s.state.waiting!);
  }
  // prober: started/ready (UpdatePodStatus); init containers are ready once they exited 0.
  const uid = pod.metadata?.uid ?? "";
  for (const c of containers) {
    const s = statuses.get(c.name)!;
    const id = (s.containerID ?? "").replace(/^containerd:\/\//, "");
    if (isInit && !isRestartableInitContainer(c)) {
      s.started = !!s.state?.running;
      s.ready = !!(s.state?.terminated && s.state.terminated.exitCode === 0);
      continue;
    }
    const started = !!s.state?.running && ctx.probes.started(uid, c, id);
    s.started = started;
    s.ready = started && ctx.probes.ready(uid, c, id);
  }
  const out = containers.map((c) => statuses.get(c.name)!);
  // Regular container statuses are sorted by name (SortedContainerStatuses); init ones keep spec order.
  if (!isInit) out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

/** generateAPIPodStatus: container statuses, phase, then conditions in the kubelet's order. */
export function generateAPIPodStatus(
  pod: Pod,
  ps: RuntimePodStatus,
  podIsTerminal: boolean,
  ctx: GenerateContext,
): PodStatus {
  const old = pod.status ?? {};
  const resizePending = pendingResize(pod, ctx.allocatable);
  pod = allocatedPod(pod, resizePending);
  const inits = pod.spec?.initContainers ?? [];
  const initStatuses = inits.length
    ? convertToAPIContainerStatuses(pod, ps, old.initContainerStatuses, inits, true, ctx)
    : undefined;
  const containerStatuses = convertToAPIContainerStatuses(
    pod,
    ps,
    old.containerStatuses,
    pod.spec?.containers ?? [],
    false,
    ctx,
  );
  const all = [...(initStatuses ?? []), ...containerStatuses];
  const initializedBefore = (old.conditions ?? []).some(
    (c) => c.type === "Initialized" && c.status === "True",
  );
  let phase = getPhase(pod, all, podIsTerminal, initializedBefore);
  // A terminal phase never goes back (status manager: "attempted illegal transition").
  if (old.phase === "Succeeded" || old.phase === "Failed") phase = old.phase;
  const sandboxReady = !podSandboxChanged(pod, ps).changed;
  const conditions: PodCondition[] = [];
  const kubeletTypes = new Set([
    "PodScheduled",
    "Ready",
    "Initialized",
    "ContainersReady",
    "PodReadyToStartContainers",
  ]);
  kubeletTypes.add("PodResizePending");
  if (resizePending) {
    const prev = (old.conditions ?? []).find((x) => x.type === "PodResizePending");
    const cond = resizePendingCondition(resizePending);
    cond.lastProbeTime = null as never;
    cond.lastTransitionTime = prev?.message === cond.message ? prev?.lastTransitionTime : ctx.time(ctx.now);
    conditions.push(cond);
  }
  for (const c of old.conditions ?? []) if (!kubeletTypes.has(c.type)) conditions.push(c);
  // conditions of other writers (DisruptionTarget, readiness gates) are kept as they are
  const foreign = conditions.length;
  conditions.push(generatePodReadyToStartContainersCondition(sandboxReady));
  conditions.push(generatePodInitializedCondition(pod, all, phase));
  conditions.push(generatePodReadyCondition(pod, containerStatuses, phase));
  conditions.push(generateContainersReadyCondition(pod, containerStatuses, phase));
  conditions.push({ type: "PodScheduled", status: "True" });
  for (const c of conditions.slice(foreign)) {
    const prev = (old.conditions ?? []).find((x) => x.type === c.type);
    c.lastProbeTime = null as never;
    c.lastTransitionTime =
      prev && prev.status === c.status && prev.lastTransitionTime
        ? prev.lastTransitionTime
        : ctx.time(ctx.now);
  }
  const ips = pod.spec?.hostNetwork
    ? [ctx.nodeIP]
    : ps.ips.length
      ? ps.ips
      : (old.podIPs ?? []).map((x) => x.ip);
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: ctx.nodeIP,
    hostIPs: [{ ip: ctx.nodeIP }],
    startTime: old.startTime ?? ctx.time(ctx.now),
    containerStatuses,
    qosClass: old.qosClass ?? podQosClass(pod.spec),
  };
  if (ips.length) {
    status.podIP = ips[0];
    status.podIPs = ips.map((ip) => ({ ip }));
  }
  if (initStatuses) status.initContainerStatuses = initStatuses;
  const ephemeral = (pod.spec?.ephemeralContainers ?? []) as Container[];
  if (ephemeral.length > 0) {
    // no probes run for ephemeral containers: never ready, and no `started`
    const ecs = convertToAPIContainerStatuses(pod, ps, old.ephemeralContainerStatuses, ephemeral, false, ctx);
    for (const s of ecs) {
      s.ready = false;
      delete s.started;
    }
    status.ephemeralContainerStatuses = ecs;
  }
  if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
  return status;
}

/** Virtual ms → RFC3339 with the clock's epoch. */
export function timeFormatter(epochMs: number): (virtualMs: number) => string {
  return (t) => rfc3339(epochMs + t);
}
