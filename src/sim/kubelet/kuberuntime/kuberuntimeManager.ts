// k8s: pkg/kubelet/kuberuntime/kuberuntime_manager.go — simplified: no in-place resize, no sidecar ordering.
import type { Container, EphemeralContainer, Pod } from "kubernetes-types/core/v1";
import { goDuration } from "../../clock/time";
import { ContainerState, PodSandboxState } from "../../cri";
import { errorText } from "../../cri/errors";
import type { PodSandboxConfig } from "../../cri/types";
import { all, settle, spawn, type Task } from "../../task";
import { containerResizeAction, desiredCpuMemory } from "../allocation/podResize";
import {
  findContainerStatusByName,
  formatPod,
  hashContainer,
  isRestartableInitContainer,
  type RuntimeContainerStatus,
  type RuntimePodStatus,
  shouldContainerBeRestarted,
} from "../container/containerRuntime";
import { PodSyncResult } from "../container/syncResult";
import { EventReason, SyncAction, WaitingReason } from "../events/reasons";
import type { ImageManager } from "../images/imageManager";
import { containerRef, type KubeletDeps, podRef } from "../types";
import type { Backoff } from "../util/backoff";
import { killContainer, startContainer } from "./kuberuntimeContainer";
import { generatePodSandboxConfig } from "./kuberuntimeSandbox";

export interface ContainerToKill {
  id: string;
  name: string;
  container?: Container;
  message: string;
  /** A probe's own terminationGracePeriodSeconds, for liveness/startup kills. */
  probeGrace?: number;
}

/** podActions. */
export interface PodActions {
  killPod: boolean;
  createSandbox: boolean;
  sandboxId: string;
  attempt: number;
  nextInitContainerToStart?: Container;
  containersToStart: Container[];
  /** Ephemeral containers not started yet (they are never restarted). */
  ephemeralContainersToStart: EphemeralContainer[];
  containersToKill: ContainerToKill[];
  /** In-place resize: running containers whose cpu/memory change without a restart (UpdateContainerResources). */
  containersToUpdate?: { id: string; container: Container }[];
}

/** What the prober tells computePodActions: liveness/startup Failure by container ID. */
export interface ProbeResults {
  livenessFailed(containerId: string): boolean;
  startupFailed(containerId: string): boolean;
}

/** PodSandboxChanged: no sandbox, several ready, the newest not ready, or no IP ⇒ a new one (attempt+1). */
export function podSandboxChanged(
  pod: Pod,
  ps: RuntimePodStatus,
): { changed: boolean; attempt: number; sandboxId: string } {
  if (ps.sandboxStatuses.length === 0) return { changed: true, attempt: 0, sandboxId: "" };
  const ready = ps.sandboxStatuses.filter((s) => s.state === PodSandboxState.SANDBOX_READY).length;
  const newest = ps.sandboxStatuses[0];
  const next = { changed: true, attempt: newest.metadata.attempt + 1, sandboxId: newest.id };
  if (ready > 1) return next;
  if (newest.state !== PodSandboxState.SANDBOX_READY) return next;
  if (!pod.spec?.hostNetwork && !newest.network?.ip) return next;
  return { changed: false, attempt: newest.metadata.attempt, sandboxId: newest.id };
}

function isInitContainerFailed(s: RuntimeContainerStatus): boolean {
  return (
    (s.state === ContainerState.CONTAINER_EXITED && s.exitCode !== 0) ||
    s.state === ContainerState.CONTAINER_UNKNOWN
  );
}

/** findNextInitContainerToRun (non-sidecar init containers, run one by one). */
function findNextInitContainerToRun(
  pod: Pod,
  ps: RuntimePodStatus,
): { last?: RuntimeContainerStatus; next?: Container; done: boolean } {
  const inits = (pod.spec?.initContainers ?? []).filter((c) => !isRestartableInitContainer(c));
  if (inits.length === 0) return { done: true };
  // Any regular container already seen means initialization finished before.
  for (const c of pod.spec?.containers ?? [])
    if (findContainerStatusByName(ps, c.name)) return { done: true };
  for (let i = inits.length - 1; i >= 0; i--) {
    const s = findContainerStatusByName(ps, inits[i].name);
    if (s && isInitContainerFailed(s)) return { last: s, next: inits[i], done: false };
  }
  for (let i = inits.length - 1; i >= 0; i--) {
    const s = findContainerStatusByName(ps, inits[i].name);
    if (!s) continue;
    if (s.state === ContainerState.CONTAINER_RUNNING || s.state === ContainerState.CONTAINER_CREATED)
      return { last: s, done: false };
    if (s.state === ContainerState.CONTAINER_EXITED) {
      if (i === inits.length - 1) return { last: s, done: true };
      return { last: s, next: inits[i + 1], done: false };
    }
  }
  return { next: inits[0], done: false };
}

/** computePodActions (FIDELITY §2). */
export function computePodActions(pod: Pod, ps: RuntimePodStatus, probes: ProbeResults): PodActions {
  const sb = podSandboxChanged(pod, ps);
  const policy = pod.spec?.restartPolicy ?? "Always";
  const restartOnFailure = policy !== "Never";
  const a: PodActions = {
    killPod: sb.changed,
    createSandbox: sb.changed,
    sandboxId: sb.sandboxId,
    attempt: sb.attempt,
    containersToStart: [],
    containersToKill: [],
    ephemeralContainersToStart: [],
  };
  const containers = pod.spec?.containers ?? [];
  if (sb.changed) {
    if (!restartOnFailure && sb.attempt !== 0 && ps.containerStatuses.length !== 0) {
      a.createSandbox = false;
      return a;
    }
    const toStart = containers.filter((c) => {
      if (policy !== "OnFailure") return true;
      const s = findContainerStatusByName(ps, c.name);
      return !(s && s.state === ContainerState.CONTAINER_EXITED && s.exitCode === 0);
    });
    if (toStart.length === 0 && (pod.spec?.initContainers ?? []).length === 0) {
      a.createSandbox = false;
      return a;
    }
    if ((pod.spec?.initContainers ?? []).length > 0) {
      a.nextInitContainerToStart = pod.spec!.initContainers![0];
      return a;
    }
    a.containersToStart = toStart;
    return a;
  }
  // Ephemeral containers may be started even if initialization is not yet complete.
  for (const ec of pod.spec?.ephemeralContainers ?? [])
    if (!findContainerStatusByName(ps, ec.name)) a.ephemeralContainersToStart.push(ec);
  const init = findNextInitContainerToRun(pod, ps);
  if (!init.done) {
    if (init.next) {
      const failed = init.last !== undefined && isInitContainerFailed(init.last);
      if (failed && !restartOnFailure) a.killPod = true;
      else {
        if (init.last?.state === ContainerState.CONTAINER_UNKNOWN)
          a.containersToKill.push({
            id: init.last.id,
            name: init.last.name,
            message: 'Container is in "unknown" state, try killing it before restart',
          });
        a.nextInitContainerToStart = init.next;
      }
    }
    return a;
  }
  let keep = 0;
  for (const c of containers) {
    const s = findContainerStatusByName(ps, c.name);
    if (!s || s.state !== ContainerState.CONTAINER_RUNNING) {
      if (shouldContainerBeRestarted(c, pod, ps)) {
        a.containersToStart.push(c);
        if (s?.state === ContainerState.CONTAINER_UNKNOWN)
          a.containersToKill.push({
            id: s.id,
            name: c.name,
            container: c,
            message: 'Container is in "unknown" state, try killing it before restart',
          });
      }
      continue;
    }
    let message: string;
    let restart = restartOnFailure;
    let probeGrace: number | undefined;
    if (s.hash && s.hash !== hashContainer(c)) {
      message = `Container ${c.name} definition changed`;
      restart = true;
    } else if (probes.livenessFailed(s.id)) {
      message = `Container ${c.name} failed liveness probe`;
      probeGrace = c.livenessProbe?.terminationGracePeriodSeconds;
    } else if (probes.startupFailed(s.id)) {
      message = `Container ${c.name} failed startup probe`;
      probeGrace = c.startupProbe?.terminationGracePeriodSeconds;
    } else {
      const resize = containerResizeAction(c, s);
      if (resize === "update") {
        a.containersToUpdate ??= [];
        a.containersToUpdate.push({ id: s.id, container: c });
      }
      if (resize !== "restart") {
        keep++;
        continue;
      }
      // the resize path names its reason without ", will be restarted"
      a.containersToStart.push(c);
      a.containersToKill.push({
        id: s.id,
        name: c.name,
        container: c,
        message: `Container ${c.name} resize requires restart`,
      });
      continue;
    }
    if (restart) {
      message = `${message}, will be restarted`;
      a.containersToStart.push(c);
    }
    a.containersToKill.push({ id: s.id, name: c.name, container: c, message, probeGrace });
  }
  if (keep === 0 && a.containersToStart.length === 0) a.killPod = true;
  return a;
}

/** The crash-loop back-off key: GetStableKey(pod, container). */
export function crashLoopKey(pod: Pod, c: Container): string {
  // Asked on every sync of a crash-looping pod: remember it per (frozen) container spec.
  const cached = crashLoopKeys.get(c);
  if (cached && cached.pod === pod.metadata) return cached.key;
  const key = `${pod.metadata?.name}_${pod.metadata?.namespace}_${pod.metadata?.uid}_${c.name}_${hashContainer(c)}`;
  if (Object.isFrozen(c)) crashLoopKeys.set(c, { pod: pod.metadata, key });
  return key;
}

const crashLoopKeys = new WeakMap<Container, { pod: Pod["metadata"]; key: string }>();

export class KubeGenericRuntimeManager {
  constructor(
    private readonly deps: KubeletDeps,
    private readonly imageManager: ImageManager,
    readonly crashLoopBackOff: Backoff,
    private readonly probes: ProbeResults,
  ) {}

  private backOffTexts = new Map<string, { period: number; event: string; waiting: string }>();

  /** doBackOff: the newest exited container of that name, measured from its finishedAt. */
  doBackOff(pod: Pod, c: Container, ps: RuntimePodStatus): { inBackOff: boolean; message: string } {
    const s = ps.containerStatuses.find(
      (x) => x.name === c.name && x.state === ContainerState.CONTAINER_EXITED,
    );
    if (!s) return { inBackOff: false, message: "" };
    const key = crashLoopKey(pod, c);
    if (this.crashLoopBackOff.isInBackOffSince(key, s.finishedAt)) {
      // The same texts on every re-sync of the back-off (10–15 s apart): built once per period, so the
      // recorder, the status and the log compare and hash one string.
      const period = this.crashLoopBackOff.get(key);
      let texts = this.backOffTexts.get(key);
      if (!texts || texts.period !== period) {
        const pod_ = formatPod(pod);
        texts = {
          period,
          event: `Back-off restarting failed container ${c.name} in pod ${pod_}`,
          waiting: `back-off ${goDuration(period)} restarting failed container=${c.name} pod=${pod_}`,
        };
        if (this.backOffTexts.size >= 4_096) this.backOffTexts.clear();
        this.backOffTexts.set(key, texts);
      }
      this.deps.recorder.event(
        containerRef(pod, c),
        "Warning",
        EventReason.BackOffStartContainer,
        texts.event,
      );
      return { inBackOff: true, message: texts.waiting };
    }
    this.crashLoopBackOff.next(key, s.finishedAt);
    return { inBackOff: false, message: "" };
  }

  /** When the crash-loop back-off of `c` ends (virtual ms), if it is in back-off now. */
  backOffDeadline(pod: Pod, c: Container, ps: RuntimePodStatus): number | undefined {
    const s = ps.containerStatuses.find(
      (x) => x.name === c.name && x.state === ContainerState.CONTAINER_EXITED,
    );
    if (!s) return undefined;
    const key = crashLoopKey(pod, c);
    if (!this.crashLoopBackOff.isInBackOffSince(key, s.finishedAt)) return undefined;
    return s.finishedAt + this.crashLoopBackOff.get(key);
  }

  /**
   * SyncPod's step 1 without a task: the result at once when the runtime has nothing to do (every
   * container to start is in back-off, or none is to start), else the actions for syncPod.
   */
  planSync(
    pod: Pod,
    ps: RuntimePodStatus,
  ): { result: PodSyncResult } | { result?: undefined; actions: PodActions } {
    const actions = computePodActions(pod, ps, this.probes);
    if (
      actions.killPod ||
      actions.createSandbox ||
      actions.containersToKill.length > 0 ||
      actions.ephemeralContainersToStart.length > 0 ||
      (actions.containersToUpdate?.length ?? 0) > 0
    )
      return { actions };
    const toStart = actions.nextInitContainerToStart
      ? [actions.nextInitContainerToStart]
      : actions.containersToStart;
    for (const c of toStart) if (this.backOffDeadline(pod, c, ps) === undefined) return { actions };
    // Only back-offs: what syncPod would record for each (the BackOff event, the waiting reason).
    const result = new PodSyncResult();
    for (const c of toStart) {
      const r = result.add(SyncAction.StartContainer, c.name);
      const bo = this.doBackOff(pod, c, ps);
      PodSyncResult.fail(r, WaitingReason.CrashLoopBackOff, bo.message);
    }
    return { result };
  }

  /** SyncPod: 1 compute actions, 2 kill pod if the sandbox changed, 3 kill unwanted containers, 4 sandbox, 6 init, 8 containers. */
  *syncPod(
    pod: Pod,
    ps: RuntimePodStatus,
    onStep: (s: string) => void,
    planned?: PodActions,
  ): Task<PodSyncResult> {
    const result = new PodSyncResult();
    const actions = planned ?? computePodActions(pod, ps, this.probes);
    const runtimeHandler = this.runtimeHandler(pod);
    if (actions.createSandbox && actions.attempt > 0 && actions.sandboxId)
      this.deps.recorder.event(
        podRef(pod),
        "Normal",
        EventReason.SandboxChanged,
        "Pod sandbox changed, it will be killed and re-created.",
      );
    if (actions.killPod) {
      onStep("KillPod");
      const killed = yield* this.killPodWithSyncResult(pod, ps, undefined);
      result.results.push(...killed.results);
      if (killed.error() || !actions.createSandbox) return result;
    } else {
      for (const k of actions.containersToKill) {
        onStep(`KillContainer ${k.name}`);
        const r = result.add(SyncAction.KillContainer, k.name);
        const err = yield* killContainer(
          this.deps,
          pod,
          k.container,
          k.id,
          k.message,
          undefined,
          k.probeGrace,
          ps.ips,
        );
        if (err) {
          PodSyncResult.fail(r, "KillContainerError", err);
          return result;
        }
      }
    }
    let sandboxId = actions.sandboxId;
    let podIPs = ps.ips;
    // Built when first needed: a sync that only finds its container in back-off starts nothing.
    let sandboxConfig: PodSandboxConfig | undefined;
    const config = () => (sandboxConfig ??= generatePodSandboxConfig(pod, actions.attempt, this.deps.config));
    if (actions.createSandbox) {
      onStep("RunPodSandbox");
      const r = result.add(SyncAction.CreatePodSandbox, pod.metadata?.name ?? "");
      const run = yield* settle(this.deps.runtime.runPodSandbox({ config: config(), runtimeHandler }));
      if (!run.ok) {
        const msg = `Failed to create pod sandbox: ${errorText(run.error)}`;
        this.deps.recorder.event(podRef(pod), "Warning", EventReason.FailedCreatePodSandBox, msg);
        PodSyncResult.fail(r, WaitingReason.CreatePodSandboxError, msg);
        return result;
      }
      sandboxId = run.value.podSandboxId;
      onStep("PodSandboxStatus");
      const st = yield* settle(this.deps.runtime.podSandboxStatus({ podSandboxId: sandboxId }));
      if (!st.ok) {
        const msg = `Unable to get pod sandbox status: ${errorText(st.error)}`;
        this.deps.recorder.event(podRef(pod), "Warning", EventReason.FailedStatusPodSandBox, msg);
        result.syncError = msg;
        return result;
      }
      const net = st.value.status.network;
      podIPs = pod.spec?.hostNetwork
        ? [this.deps.config.nodeIP]
        : net?.ip
          ? [net.ip, ...(net.additionalIps ?? []).map((x) => x.ip)]
          : [];
    }
    // StartContainer's result, or undefined when the container is in back-off: decided without a
    // task, since crash-looping pods re-sync every 10 s and almost always stop here.
    const begin = (c: Container) => {
      const r = result.add(SyncAction.StartContainer, c.name);
      const bo = this.doBackOff(pod, c, ps);
      if (!bo.inBackOff) return r;
      PodSyncResult.fail(r, WaitingReason.CrashLoopBackOff, bo.message);
      return undefined;
    };
    const startAfterBackOff = function* (
      this: KubeGenericRuntimeManager,
      c: Container,
      r: ReturnType<PodSyncResult["add"]>,
      targetName?: string,
    ): Task {
      const res = yield* startContainer(
        this.deps,
        this.imageManager,
        pod,
        sandboxId,
        config(),
        c,
        ps,
        podIPs,
        runtimeHandler,
        onStep,
        targetName,
      );
      if (res.err) PodSyncResult.fail(r, res.err, res.message);
    };
    // Step 5: ephemeral containers (a debugging container joins a running pod)
    for (const ec of actions.ephemeralContainersToStart) {
      const r = begin(ec as Container);
      if (r) yield* startAfterBackOff.call(this, ec as Container, r, ec.targetContainerName || undefined);
    }
    if (actions.nextInitContainerToStart) {
      // Init containers run one at a time; a failure aborts this sync.
      const r = begin(actions.nextInitContainerToStart);
      if (r) yield* startAfterBackOff.call(this, actions.nextInitContainerToStart, r);
      return result;
    }
    // Step 7: in-place resize of running containers
    for (const u of actions.containersToUpdate ?? []) {
      onStep(`UpdateContainerResources ${u.container.name}`);
      yield* settle(
        this.deps.runtime.updateContainerResources({
          containerId: u.id,
          linux: desiredCpuMemory(u.container),
        }),
      );
    }
    for (const c of actions.containersToStart) {
      const r = begin(c);
      if (r) yield* startAfterBackOff.call(this, c, r);
    }
    return result;
  }

  /** killPodWithSyncResult: stop running containers in parallel, then every sandbox of the pod. */
  *killPodWithSyncResult(
    pod: Pod,
    ps: RuntimePodStatus,
    gracePeriodOverride: number | undefined,
  ): Task<PodSyncResult> {
    const result = new PodSyncResult();
    const running = ps.containerStatuses.filter(
      (s) => s.state === ContainerState.CONTAINER_RUNNING || s.state === ContainerState.CONTAINER_UNKNOWN,
    );
    const specs = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
      ...((pod.spec?.ephemeralContainers ?? []) as Container[]),
    ];
    const kills = running.map((s) => {
      const r = result.add(SyncAction.KillContainer, s.name);
      const spec = specs.find((c) => c.name === s.name);
      return spawn(
        killContainer(this.deps, pod, spec, s.id, undefined, gracePeriodOverride, undefined, ps.ips),
      ).map((err) => {
        if (err) PodSyncResult.fail(r, "KillContainerError", err);
        return err;
      });
    });
    yield* settle(all(kills));
    if (result.error()) return result;
    for (const sb of ps.sandboxStatuses) {
      const r = result.add(SyncAction.KillPodSandbox, pod.metadata?.uid ?? "");
      const st = yield* settle(this.deps.runtime.stopPodSandbox({ podSandboxId: sb.id }));
      if (!st.ok) PodSyncResult.fail(r, WaitingReason.KillPodSandboxError, errorText(st.error));
    }
    return result;
  }

  private runtimeHandler(pod: Pod): string | undefined {
    const rc = pod.spec?.runtimeClassName;
    if (!rc) return undefined;
    const obj = this.deps.api.tryGet<{ handler?: string }>("RuntimeClass", undefined, rc);
    return obj?.handler;
  }
}
