// k8s: pkg/kubelet/kuberuntime/kuberuntime_container.go — simplified: no ephemeral containers, no termination ordering.

import type { Container, LifecycleHandler, Pod } from "kubernetes-types/core/v1";
import { podQosClass } from "../../api/defaults";
import { toBytes, toMillicores } from "../../api/quantity";
import { ContainerState, KubeletLabels } from "../../cri";
import { errorText, isCriError } from "../../cri/errors";
import type { ContainerConfig, LinuxContainerResources, Mount, PodSandboxConfig } from "../../cri/types";
import { settle, type Task } from "../../task";
import {
  findContainerStatusByName,
  hashContainer,
  type RuntimeContainerStatus,
  type RuntimePodStatus,
} from "../container/containerRuntime";
import { EventReason, WaitingReason } from "../events/reasons";
import { hostsFileContent, podHostsFilePath } from "../hostsFile";
import type { ImageManager } from "../images/imageManager";
import { containerRef, type KubeletDeps, sleep } from "../types";
import { resolveClaimVolume } from "../volumemanager/persistentVolumes";
import { volumeHostPath, volumePluginOf } from "../volumemanager/volumeManager";
import { expand, makeEnvironmentVariables } from "./envVars";
import {
  containerSecurityContext,
  getImageUser,
  type ImageUser,
  verifyRunAsNonRoot,
} from "./securityContext";

/** kubelet: never give a container less than 2 s to stop (minimumGracePeriodInSeconds). */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

export interface StartResult {
  err?: string;
  message: string;
}

/** Recorded as the gRPC status message (`s.Message()`), without the `rpc error: code = …` prefix. */
function grpcMessage(e: unknown): string {
  return isCriError(e) ? e.desc : errorText(e);
}

function containerResources(c: Container, pod: Pod): LinuxContainerResources {
  const r: LinuxContainerResources = { cpuPeriod: 100_000 };
  const lim = c.resources?.limits ?? {};
  const req = c.resources?.requests ?? {};
  try {
    if (lim.memory !== undefined) r.memoryLimitInBytes = toBytes(lim.memory);
    if (lim.cpu !== undefined) r.cpuQuota = Math.floor((toMillicores(lim.cpu) * 100_000) / 1000);
    const cpuReq = req.cpu ?? lim.cpu;
    // MilliCPUToShares: minimum 2.
    r.cpuShares = cpuReq !== undefined ? Math.max(2, Math.floor((toMillicores(cpuReq) * 1024) / 1000)) : 2;
  } catch {
    // Validated by the API server already; ignore a quantity we cannot read.
  }
  const qos = podQosClass(pod.spec);
  r.oomScoreAdj = qos === "Guaranteed" ? -997 : qos === "BestEffort" ? 1000 : 999;
  return r;
}

/** The mounts the kubelet hands the runtime: volumeMounts, /etc/hosts and the termination log. */
function containerMounts(pod: Pod, c: Container, restartCount: number, api: KubeletDeps["api"]): Mount[] {
  const uid = pod.metadata?.uid ?? "";
  // a persistentVolumeClaim volume is mounted as its bound PV's source
  const vols = new Map(
    (pod.spec?.volumes ?? []).map((v) => {
      const r = v.persistentVolumeClaim ? resolveClaimVolume(pod, v, api) : v;
      return [v.name, "error" in r ? v : r];
    }),
  );
  const mounts: Mount[] = [];
  for (const vm of c.volumeMounts ?? []) {
    const v = vols.get(vm.name);
    const plugin = volumePluginOf(v);
    const hostPath = volumeHostPath(pod, v, vm.name);
    // makeMounts: configMap, secret and projected volumes are read-only whatever the volumeMount says
    const roPlugin = plugin === "configmap" || plugin === "secret" || plugin === "projected";
    mounts.push({ containerPath: vm.mountPath, hostPath, readonly: !!vm.readOnly || roPlugin });
  }
  // makeMounts: a managed /etc/hosts for every pod with an IP (hostNetwork: a copy of the node's)
  mounts.push({ containerPath: "/etc/hosts", hostPath: podHostsFilePath(uid) });
  mounts.push({
    containerPath: c.terminationMessagePath ?? "/dev/termination-log",
    hostPath: `/var/lib/kubelet/pods/${uid}/containers/${c.name}/${restartCount}`,
  });
  return mounts;
}

function expandAll(words: string[] | undefined, envs: { key: string; value: string }[]): string[] {
  if (!words?.length) return [];
  const vars = new Map(envs.map((e) => [e.key, e.value]));
  return words.map((w) => (w.includes("$") ? expand(w, vars) : w));
}

/** generateContainerConfig; throws an Error whose text becomes CreateContainerConfigError's message. */
export function generateContainerConfig(
  deps: KubeletDeps,
  pod: Pod,
  c: Container,
  restartCount: number,
  imageRef: string,
  podIPs: string[],
  imageUser?: ImageUser,
  /** An ephemeral container's --target: the container whose PID namespace it joins. */
  targetId?: string,
): ContainerConfig {
  const envs = makeEnvironmentVariables(deps, pod, c, podIPs);
  // Verify RunAsNonRoot. Non-root verification only supports numeric user.
  if (imageUser) {
    const err = verifyRunAsNonRoot(pod, c, imageUser);
    if (err) throw new Error(err);
  }
  const annotations: Record<string, string> = {
    [KubeletLabels.containerHash]: hashContainer(c),
    [KubeletLabels.restartCount]: String(restartCount),
    [KubeletLabels.terminationMessagePath]: c.terminationMessagePath ?? "/dev/termination-log",
    "io.kubernetes.container.terminationMessagePolicy": c.terminationMessagePolicy ?? "File",
    [KubeletLabels.terminationGracePeriod]: String(pod.spec?.terminationGracePeriodSeconds ?? 30),
  };
  if (c.ports?.length)
    annotations["io.kubernetes.container.ports"] = JSON.stringify(
      c.ports.map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        containerPort: p.containerPort,
        protocol: p.protocol ?? "TCP",
      })),
    );
  if (c.lifecycle?.preStop)
    annotations["io.kubernetes.container.preStopHandler"] = JSON.stringify(c.lifecycle.preStop);
  const cfg: ContainerConfig = {
    metadata: { name: c.name, attempt: restartCount },
    // kubelet hands the runtime the image ID it resolved, keeping what the user wrote.
    image: { image: imageRef, userSpecifiedImage: c.image ?? "" },
    // kubecontainer.ExpandContainerCommandAndArgs: $(VAR) from the container's environment
    command: expandAll(c.command, envs),
    args: expandAll(c.args, envs),
    workingDir: c.workingDir ?? "",
    envs,
    mounts: containerMounts(pod, c, restartCount, deps.api),
    labels: {
      [KubeletLabels.containerName]: c.name,
      [KubeletLabels.podName]: pod.metadata?.name ?? "",
      [KubeletLabels.podNamespace]: pod.metadata?.namespace ?? "default",
      [KubeletLabels.podUid]: pod.metadata?.uid ?? "",
    },
    annotations,
    // kubelet: buildContainerLogsPath — <containerName>/<restartCount>.log under the sandbox's logDirectory.
    logPath: `${c.name}/${restartCount}.log`,
    stdin: !!c.stdin,
    stdinOnce: !!c.stdinOnce,
    tty: !!c.tty,
    linux: {
      resources: containerResources(c, pod),
      securityContext: containerSecurityContext(pod, c, imageUser, deps.config.seccompDefault),
    },
  };
  // generateLinuxContainerConfig: an ephemeral container with a target shares its PID namespace
  const sc = cfg.linux?.securityContext;
  if (targetId && sc) sc.namespaceOptions = { ...sc.namespaceOptions, pid: "TARGET", targetId };
  return cfg;
}

/** Runs a lifecycle handler (exec, httpGet, sleep) — pkg/kubelet/lifecycle/handlers.go. Returns an error text or undefined. */
export function* runHandler(
  deps: KubeletDeps,
  pod: Pod,
  c: Container,
  containerId: string,
  h: LifecycleHandler,
  podIPs: string[],
  timeoutSeconds: number,
): Task<string | undefined> {
  if (h.exec?.command) {
    const r = yield* settle(
      deps.runtime.execSync({ containerId, cmd: h.exec.command, timeout: timeoutSeconds }),
    );
    if (!r.ok) return errorText(r.error);
    if (r.value.exitCode !== 0)
      return `command '${h.exec.command.join(" ")}' exited with ${r.value.exitCode}: ${r.value.stdout}${r.value.stderr}`;
    return undefined;
  }
  if (h.httpGet) {
    const port = resolvePort(h.httpGet.port, c);
    const host = h.httpGet.host || podIPs[0] || "";
    const r = yield* settle(
      deps.network.httpGet({
        host,
        port,
        path: h.httpGet.path ?? "/",
        scheme: h.httpGet.scheme as "HTTP" | "HTTPS" | undefined,
        timeoutMs: timeoutSeconds * 1000,
      }),
    );
    if (!r.ok) return errorText(r.error);
    if (r.value.statusCode < 200 || r.value.statusCode >= 400)
      return `HTTP lifecycle hook (${h.httpGet.path}) for Container "${c.name}" in Pod "${pod.metadata?.name}" failed - error: ${r.value.statusCode}`;
    return undefined;
  }
  if (h.sleep) {
    yield* settle(sleep(deps.clock, h.sleep.seconds * 1000, `sleep hook ${c.name}`));
    return undefined;
  }
  return undefined;
}

/** A probe/hook port: a number, or the name of one of the container's ports. */
export function resolvePort(port: number | string | undefined, c: Container): number {
  if (typeof port === "number") return port;
  if (typeof port === "string") {
    const named = c.ports?.find((p) => p.name === port);
    if (named) return named.containerPort;
    const n = Number.parseInt(port, 10);
    if (Number.isFinite(n)) return n;
  }
  return 0;
}

/** startContainer: EnsureImageExists → CreateContainer (Created) → StartContainer (Started) → PostStart hook. */
export function* startContainer(
  deps: KubeletDeps,
  imageManager: ImageManager,
  pod: Pod,
  podSandboxId: string,
  sandboxConfig: PodSandboxConfig,
  c: Container,
  podStatus: RuntimePodStatus,
  podIPs: string[],
  runtimeHandler: string | undefined,
  onStep: (step: string) => void,
  /** Ephemeral containers: the targetContainerName whose processes it should see. */
  targetName?: string,
): Task<StartResult> {
  const ref = containerRef(pod, c);
  // startSpec.getTargetID: the target must be running now
  let targetId: string | undefined;
  if (targetName) {
    const t = findContainerStatusByName(podStatus, targetName);
    if (!t || t.state !== ContainerState.CONTAINER_RUNNING) {
      const msg = `unable to find target container ${targetName}`;
      deps.recorder.event(ref, "Warning", EventReason.FailedToCreateContainer, `Error: ${msg}`);
      return { err: WaitingReason.CreateContainerConfigError, message: msg };
    }
    targetId = t.id;
  }
  onStep(`EnsureImageExists ${c.name}`);
  const img = yield* imageManager.ensureImageExists(pod, c, sandboxConfig, runtimeHandler);
  if (img.err) {
    deps.recorder.event(ref, "Warning", EventReason.FailedToCreateContainer, `Error: ${img.err}`);
    return { err: img.err, message: img.message };
  }
  // restartCount: one more than the newest container of that name (the annotation the kubelet wrote).
  const prev: RuntimeContainerStatus | undefined = findContainerStatusByName(podStatus, c.name);
  const restartCount = prev ? prev.restartCount + 1 : 0;
  let config: ContainerConfig;
  // generateContainerConfig → getImageUser: one more ImageStatus, for the user the image runs as
  const imageUser = yield* getImageUser(deps, c.image ?? "");
  // makeMounts → makeHostsMount: ensureHostsFile writes the pod's /etc/hosts before each container
  deps.writeFile?.(
    podHostsFilePath(pod.metadata?.uid ?? ""),
    hostsFileContent(pod, podIPs, deps.config.clusterDomain, deps.readFile?.("/etc/hosts")),
  );
  try {
    if (imageUser.err !== undefined) throw new Error(imageUser.err);
    config = generateContainerConfig(
      deps,
      pod,
      c,
      restartCount,
      img.imageRef,
      podIPs,
      imageUser.user,
      targetId,
    );
  } catch (e) {
    const msg = errorText(e);
    deps.recorder.event(ref, "Warning", EventReason.FailedToCreateContainer, `Error: ${msg}`);
    return { err: WaitingReason.CreateContainerConfigError, message: msg };
  }
  onStep(`CreateContainer ${c.name}`);
  const created = yield* settle(deps.runtime.createContainer({ podSandboxId, config, sandboxConfig }));
  if (!created.ok) {
    const msg = grpcMessage(created.error);
    deps.recorder.event(ref, "Warning", EventReason.FailedToCreateContainer, `Error: ${msg}`);
    return { err: WaitingReason.CreateContainerError, message: msg };
  }
  const containerId = created.value.containerId;
  deps.recorder.event(ref, "Normal", EventReason.CreatedContainer, `Created container: ${c.name}`);
  onStep(`StartContainer ${c.name}`);
  const started = yield* settle(deps.runtime.startContainer({ containerId }));
  if (!started.ok) {
    const msg = grpcMessage(started.error);
    deps.recorder.event(ref, "Warning", EventReason.FailedToStartContainer, `Error: ${msg}`);
    return { err: WaitingReason.RunContainerError, message: msg };
  }
  deps.recorder.event(ref, "Normal", EventReason.StartedContainer, `Started container ${c.name}`);
  const postStart = c.lifecycle?.postStart;
  if (postStart) {
    onStep(`PostStartHook ${c.name}`);
    const err = yield* runHandler(
      deps,
      pod,
      c,
      containerId,
      postStart,
      podIPs,
      pod.spec?.terminationGracePeriodSeconds ?? 30,
    );
    if (err !== undefined) {
      deps.recorder.event(ref, "Warning", EventReason.FailedPostStartHook, "PostStartHook failed");
      yield* killContainer(deps, pod, c, containerId, "FailedPostStartHook", undefined);
      return { err: WaitingReason.PostStartHookError, message: err };
    }
  }
  return { message: "" };
}

/** killContainer: Killing event, preStop hook within the grace period, then StopContainer(timeout ≥ 2 s). */
export function* killContainer(
  deps: KubeletDeps,
  pod: Pod,
  c: Container | undefined,
  containerId: string,
  message: string | undefined,
  gracePeriodOverride: number | undefined,
  probeGrace?: number,
  podIPs: string[] = [],
): Task<string | undefined> {
  // setTerminationGracePeriod: the deletion grace, else the spec's (or a probe's own) grace.
  let grace =
    pod.metadata?.deletionGracePeriodSeconds ?? probeGrace ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (c)
    deps.recorder.event(
      containerRef(pod, c),
      "Normal",
      EventReason.KillingContainer,
      message || `Stopping container ${c.name}`,
    );
  const preStop = c?.lifecycle?.preStop;
  if (c && preStop && grace > 0) {
    const start = deps.clock.now();
    const err = yield* runHandler(deps, pod, c, containerId, preStop, podIPs, grace);
    if (err !== undefined)
      deps.recorder.event(
        containerRef(pod, c),
        "Warning",
        EventReason.FailedPreStopHook,
        "PreStopHook failed",
      );
    grace -= Math.floor((deps.clock.now() - start) / 1000);
  }
  if (grace < MINIMUM_GRACE_PERIOD_SECONDS) grace = MINIMUM_GRACE_PERIOD_SECONDS;
  if (gracePeriodOverride !== undefined) grace = gracePeriodOverride;
  const r = yield* settle(deps.runtime.stopContainer({ containerId, timeout: grace }));
  if (!r.ok) return errorText(r.error);
  return undefined;
}
