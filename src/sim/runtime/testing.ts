// Test helpers: a runtime on a fresh virtual clock, and pod/container configs like the kubelet sends.
import { Rng, VirtualClock } from "../clock";
import type { ContainerConfig, PodSandboxConfig } from "../cri/types";
import { NodeFs } from "../node/fs";
import { Journal } from "../node/systemd";
import { RegistryHub } from "../registry/registryHub";
import type { Deferred } from "../task";
import { TraceLog } from "../trace";
import { SimRuntime } from "./simRuntime";

export function makeRuntime(seed = 1, opts: { imageFsCapacityBytes?: number } = {}) {
  const clock = new VirtualClock();
  const rng = new Rng(seed);
  const trace = new TraceLog(() => clock.now());
  const fs = new NodeFs();
  const journal = new Journal(clock);
  const registry = new RegistryHub();
  const rt = new SimRuntime({ clock, rng, trace, registry, fs, journal, ...opts });
  /** Run the clock until `d` settles; returns its value or throws its error. */
  const settle = <T>(d: Deferred<T>, maxMs = 600_000): T => {
    clock.runUntil(() => d.settled, maxMs);
    const o = d.outcome;
    if (!o) throw new Error("not settled");
    if (!o.ok) throw o.error;
    return o.value;
  };
  const settleErr = (d: Deferred<unknown>): Error => {
    try {
      settle(d);
    } catch (e) {
      return e as Error;
    }
    throw new Error("expected a rejection");
  };
  return { clock, rng, trace, fs, journal, registry, rt, settle, settleErr };
}

export function podConfig(name: string, uid = `uid-${name}`, ns = "default"): PodSandboxConfig {
  return {
    metadata: { name, uid, namespace: ns, attempt: 0 },
    hostname: name,
    logDirectory: `/var/log/pods/${ns}_${name}_${uid}`,
    labels: {
      "io.kubernetes.pod.name": name,
      "io.kubernetes.pod.namespace": ns,
      "io.kubernetes.pod.uid": uid,
    },
    // The kubelet (systemd cgroup driver) always names the pod's slice; runc needs it.
    linux: { cgroupParent: `kubepods-besteffort-pod${uid.replace(/-/g, "_")}.slice` },
  };
}

export function containerConfig(
  name: string,
  image: string,
  extra: Partial<ContainerConfig> & { memoryLimit?: number } = {},
): ContainerConfig {
  const { memoryLimit, ...rest } = extra;
  return {
    metadata: { name, attempt: 0 },
    image: { image },
    logPath: `${name}/0.log`,
    labels: { "io.kubernetes.container.name": name },
    linux: memoryLimit ? { resources: { memoryLimitInBytes: memoryLimit } } : undefined,
    ...rest,
  };
}
