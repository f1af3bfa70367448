// k8s: pkg/kubelet/prober/prober_manager.go + worker.go — simplified: one worker per (pod, container, probe type) on the virtual clock.
import type { Container, ContainerStatus, Pod, PodStatus, Probe } from "kubernetes-types/core/v1";
import type { TimerHandle } from "../../clock";
import { parseRfc3339 } from "../../clock/time";
import { spawn } from "../../task";
import { EventReason } from "../events/reasons";
import type { ProbeStatus } from "../kubeletPods";
import { containerRef, type KubeletDeps } from "../types";
import { type ProbeResult, type ProbeType, runProbe } from "./prober";

interface Worker {
  uid: string;
  container: Container;
  type: ProbeType;
  spec: Probe;
  containerId: string;
  lastResult?: ProbeResult;
  resultRun: number;
  onHold: boolean;
  timer?: TimerHandle;
  busy: boolean;
  stopped: boolean;
  /** The worker's timer callback, made once. */
  tick: () => void;
}

const PROBE_LABELS: Record<ProbeType, string> = {
  Liveness: "Liveness probe",
  Readiness: "Readiness probe",
  Startup: "Startup probe",
};

function statusOf(list: ContainerStatus[] | undefined, name: string): ContainerStatus | undefined {
  if (list) for (const s of list) if (s.name === name) return s;
  return undefined;
}

export interface ProberCallbacks {
  /** The pod's current API status (from the status manager). */
  podStatus(uid: string): PodStatus | undefined;
  pod(uid: string): Pod | undefined;
  /** Liveness/startup went to Failure: the pod must be synced (kill + restart). */
  onFailure(uid: string): void;
  /** Readiness/startup changed: regenerate the pod status. */
  onChange(uid: string): void;
}

export class ProberManager implements ProbeStatus {
  private readonly workers = new Map<string, Worker>();
  /** The pod spec whose probe workers addPod set up, per pod uid. */
  private readonly added = new Map<string, Pod["spec"]>();
  /** results.Manager per probe type, keyed by container ID. */
  private readonly results: Record<ProbeType, Map<string, ProbeResult>> = {
    Liveness: new Map(),
    Readiness: new Map(),
    Startup: new Map(),
  };

  constructor(
    private readonly deps: KubeletDeps,
    private readonly cb: ProberCallbacks,
  ) {}

  private key(uid: string, name: string, type: ProbeType): string {
    return `${uid}/${name}/${type}`;
  }

  /** AddPod: a worker for each probe of each container (regular and sidecar). */
  addPod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? "";
    // Every sync asks: a spec whose workers were already set up has nothing to add.
    if (this.added.get(uid) === pod.spec) return;
    this.added.set(uid, pod.spec);
    const containers = [
      ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always"),
      ...(pod.spec?.containers ?? []),
    ];
    for (const c of containers) {
      const probes: [ProbeType, Probe | undefined][] = [
        ["Startup", c.startupProbe],
        ["Readiness", c.readinessProbe],
        ["Liveness", c.livenessProbe],
      ];
      for (const [type, spec] of probes) {
        if (!spec) continue;
        const k = this.key(uid, c.name, type);
        if (this.workers.has(k)) continue;
        const w: Worker = {
          uid,
          container: c,
          type,
          spec,
          containerId: "",
          resultRun: 0,
          onHold: false,
          busy: false,
          stopped: false,
          tick: () => this.tick(w),
        };
        this.workers.set(k, w);
        this.tick(w);
      }
    }
  }

  removePod(uid: string): void {
    this.added.delete(uid);
    for (const [k, w] of this.workers)
      if (w.uid === uid) {
        w.stopped = true;
        this.deps.clock.cancel(w.timer);
        this.workers.delete(k);
        for (const r of Object.values(this.results)) r.delete(w.containerId);
      }
  }

  stopAll(): void {
    for (const uid of new Set([...this.workers.values()].map((w) => w.uid))) this.removePod(uid);
  }

  livenessFailed(containerId: string): boolean {
    return this.results.Liveness.get(containerId) === "Failure";
  }

  startupFailed(containerId: string): boolean {
    return this.results.Startup.get(containerId) === "Failure";
  }

  started(uid: string, c: Container, containerId: string): boolean {
    const r = this.results.Startup.get(containerId);
    if (r !== undefined) return r === "Success";
    return !this.workers.has(this.key(uid, c.name, "Startup"));
  }

  ready(uid: string, c: Container, containerId: string): boolean {
    const r = this.results.Readiness.get(containerId);
    if (r === "Success") return true;
    const w = this.workers.get(this.key(uid, c.name, "Readiness"));
    if (!w) return true;
    // Trigger an immediate run of the readiness probe for a container it has not seen yet.
    if (r === undefined && w.containerId !== containerId && !w.busy) {
      this.deps.clock.cancel(w.timer);
      w.timer = this.deps.clock.setTimer(0, () => this.tick(w), "readiness probe");
    }
    return false;
  }

  private schedule(w: Worker): void {
    if (w.stopped) return;
    w.timer = this.deps.clock.setTimer((w.spec.periodSeconds ?? 10) * 1000, w.tick, PROBE_LABELS[w.type]);
  }

  private tick(w: Worker): void {
    if (w.stopped || w.busy) return;
    w.busy = true;
    spawn(this.doProbe(w)).onSettle((r) => {
      w.busy = false;
      if (r.ok && r.value) this.schedule(w);
      else if (!r.ok) this.schedule(w);
    });
  }

  private setResult(w: Worker, result: ProbeResult): void {
    const m = this.results[w.type];
    const before = m.get(w.containerId);
    m.set(w.containerId, result);
    if (before === result) return;
    if (result === "Failure" && w.type !== "Readiness") this.cb.onFailure(w.uid);
    else this.cb.onChange(w.uid);
  }

  /** worker.doProbe: returns false when the worker should stop. */
  private *doProbe(w: Worker): Generator<import("../../task").Deferred<unknown>, boolean, unknown> {
    const pod = this.cb.pod(w.uid);
    const status = this.cb.podStatus(w.uid);
    if (!pod) return false;
    if (!status) return true;
    if (status.phase === "Failed" || status.phase === "Succeeded") return false;
    const cs =
      statusOf(status.containerStatuses, w.container.name) ??
      statusOf(status.initContainerStatuses, w.container.name);
    const cid = cs?.containerID ?? "";
    const id = cid.startsWith("containerd://") ? cid.slice(13) : cid;
    if (!cs || !id) return true;
    if (w.containerId !== id) {
      if (w.containerId) for (const r of Object.values(this.results)) r.delete(w.containerId);
      w.containerId = id;
      w.onHold = false;
      w.resultRun = 0;
      w.lastResult = undefined;
      // Initial values: liveness Success, readiness Failure, startup Unknown (no entry).
      if (w.type === "Liveness") this.results.Liveness.set(id, "Success");
      if (w.type === "Readiness") this.results.Readiness.set(id, "Failure");
    }
    if (w.onHold) return true;
    if (!cs.state?.running) {
      if (w.type === "Readiness" && this.results.Readiness.get(id) !== "Failure")
        this.setResult(w, "Failure");
      return !(cs.state?.terminated && pod.spec?.restartPolicy === "Never");
    }
    if (pod.metadata?.deletionTimestamp && w.type !== "Readiness") return true;
    const startedAt = parseRfc3339(cs.state.running.startedAt ?? "");
    const sinceStartS = Math.floor((this.deps.clock.wallMs() - startedAt) / 1000);
    if (sinceStartS < (w.spec.initialDelaySeconds ?? 0)) return true;
    if (w.type !== "Startup" && !cs.started) return true;
    if (w.type === "Startup" && cs.started) return true;
    const out = yield* runProbe(this.deps, pod, w.container, id, w.spec, status.podIP ?? "");
    // The probe ran against a container that may have changed meanwhile.
    if (w.stopped || w.containerId !== id) return !w.stopped;
    if (out.result !== "Success") {
      const ref = containerRef(pod, w.container);
      if (out.result === "Failure")
        this.deps.recorder.event(
          ref,
          "Warning",
          EventReason.ContainerUnhealthy,
          `${w.type} probe failed: ${out.output}`,
        );
      else if (out.result === "Warning")
        this.deps.recorder.event(
          ref,
          "Warning",
          EventReason.ContainerProbeWarning,
          `${w.type} probe warning: ${out.output}`,
        );
      else if (out.result === "Unknown")
        this.deps.recorder.event(
          ref,
          "Warning",
          EventReason.ContainerUnhealthy,
          `${w.type} probe errored and resulted in unknown state: ${out.output}`,
        );
    }
    if (out.result === "Unknown") return true;
    const result: ProbeResult = out.result === "Warning" ? "Success" : out.result;
    if (w.lastResult === result) w.resultRun++;
    else {
      w.lastResult = result;
      w.resultRun = 1;
    }
    if (
      (result === "Failure" && w.resultRun < (w.spec.failureThreshold ?? 3)) ||
      (result === "Success" && w.resultRun < (w.spec.successThreshold ?? 1))
    )
      return true;
    this.setResult(w, result);
    if (result === "Failure" && w.type !== "Readiness") {
      // Stop probing until the container restarts.
      w.onHold = true;
      w.resultRun = 0;
    }
    return true;
  }
}
