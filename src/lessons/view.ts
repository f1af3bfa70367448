// What a lesson check may look at: the node's state (pods as `kubectl get` prints them, runtime
// containers and images, node conditions, systemd units, files) and the trace since the lesson start.
// Read-only and synchronous, so the UI can re-evaluate checks on every snapshot.
import type { ContainerStatus, Node, Pod } from "kubernetes-types/core/v1";
import { podRow } from "../shell/kubectl/printPod";
import { parseRfc3339 } from "../sim/clock/time";
import { ContainerState } from "../sim/cri/types";
import type { TraceEvent, TraceKind } from "../sim/trace";
import type { LiveSimulation } from "../simulation";

/** CRI methods by service, as the runtime.v1 proto groups them. */
export const IMAGE_SERVICE_METHODS = [
  "ListImages",
  "ImageStatus",
  "PullImage",
  "RemoveImage",
  "ImageFsInfo",
] as const;

export type CriService = "RuntimeService" | "ImageService";

export function criServiceOf(method: string): CriService {
  return (IMAGE_SERVICE_METHODS as readonly string[]).includes(method) ? "ImageService" : "RuntimeService";
}

export interface ContainerInfo {
  name: string;
  /** running | waiting | terminated | unknown */
  state: string;
  /** Waiting/terminated reason (ImagePullBackOff, OOMKilled, Completed…). */
  reason?: string;
  exitCode?: number;
  restartCount: number;
  ready: boolean;
  /** Virtual ms the current run started, when running. */
  startedAt?: number;
  lastTerminatedReason?: string;
  image: string;
}

export interface PodInfo {
  name: string;
  namespace: string;
  phase: string;
  /** The STATUS column of `kubectl get pods` (Running, ImagePullBackOff, Init:0/1, …). */
  status: string;
  /** READY column: `1/1`. */
  ready: string;
  restarts: number;
  ip?: string;
  containers: ContainerInfo[];
  initContainers: ContainerInfo[];
  spec: Pod["spec"];
}

export interface RuntimeContainerInfo {
  id: string;
  name: string;
  pod: string;
  namespace: string;
  state: "created" | "running" | "exited" | "unknown";
  attempt: number;
}

export interface ImageInfo {
  id: string;
  tags: string[];
  size: number;
  pinned: boolean;
}

export interface TraceQuery {
  kind?: TraceKind | TraceKind[];
  /** Substring or pattern the summary must match. */
  summary?: string | RegExp;
  from?: string;
  to?: string;
  /** `namespace/name` or just the pod name (default namespace). */
  pod?: string;
  /** Include events from before the lesson start (setup). Default false. */
  all?: boolean;
}

export interface CriCall {
  method: string;
  service: CriService;
  target: string;
  pod?: string;
  id: number;
  /** cri.response, cri.error or undefined while pending */
  outcome?: "ok" | "error";
}

const STATE_NAMES: Record<number, RuntimeContainerInfo["state"]> = {
  [ContainerState.CONTAINER_CREATED]: "created",
  [ContainerState.CONTAINER_RUNNING]: "running",
  [ContainerState.CONTAINER_EXITED]: "exited",
  [ContainerState.CONTAINER_UNKNOWN]: "unknown",
};

export class LessonView {
  constructor(
    readonly sim: LiveSimulation,
    /** Trace id of the last event before the lesson started. */
    readonly startTraceId: number,
    /** Virtual ms when the lesson started. */
    readonly startedAt: number,
  ) {}

  /** Virtual ms now. */
  get now(): number {
    return this.sim.node.clock.now();
  }

  get secondsSinceStart(): number {
    return (this.now - this.startedAt) / 1000;
  }

  pods(namespace?: string): PodInfo[] {
    const all = this.sim.node.api.list<Pod>("Pod");
    return all
      .filter((p) => namespace === undefined || p.metadata?.namespace === namespace)
      .map((p) => this.podInfo(p));
  }

  pod(name: string, namespace = "default"): PodInfo | undefined {
    const p = this.sim.node.api.tryGet<Pod>("Pod", namespace, name);
    return p ? this.podInfo(p) : undefined;
  }

  private podInfo(p: Pod): PodInfo {
    const row = podRow(p, this.sim.node.clock.wallMs());
    const st = p.status ?? {};
    return {
      name: p.metadata?.name ?? "",
      namespace: p.metadata?.namespace ?? "default",
      phase: st.phase ?? "",
      status: row.status,
      ready: row.ready,
      restarts: Number.parseInt(row.restarts, 10) || 0,
      ip: st.podIP,
      containers: (st.containerStatuses ?? []).map((c) => this.containerInfo(c)),
      initContainers: (st.initContainerStatuses ?? []).map((c) => this.containerInfo(c)),
      spec: p.spec,
    };
  }

  private containerInfo(c: ContainerStatus): ContainerInfo {
    const s = c.state ?? {};
    const toVirtual = (rfc?: string) => (rfc ? parseRfc3339(rfc) - this.sim.node.clock.wallMs(0) : undefined);
    if (s.running)
      return {
        name: c.name,
        state: "running",
        restartCount: c.restartCount,
        ready: c.ready,
        startedAt: toVirtual(s.running.startedAt),
        lastTerminatedReason: c.lastState?.terminated?.reason,
        image: c.image,
      };
    if (s.terminated)
      return {
        name: c.name,
        state: "terminated",
        reason: s.terminated.reason,
        exitCode: s.terminated.exitCode,
        restartCount: c.restartCount,
        ready: c.ready,
        lastTerminatedReason: c.lastState?.terminated?.reason,
        image: c.image,
      };
    return {
      name: c.name,
      state: s.waiting ? "waiting" : "unknown",
      reason: s.waiting?.reason,
      restartCount: c.restartCount,
      ready: c.ready,
      lastTerminatedReason: c.lastState?.terminated?.reason,
      image: c.image,
    };
  }

  /** Containers as the runtime (crictl ps -a) sees them. */
  containers(): RuntimeContainerInfo[] {
    return this.sim.node.runtime.listContainersNow().map((c) => ({
      id: c.id,
      name: c.metadata.name,
      pod: c.labels["io.kubernetes.pod.name"] ?? "",
      namespace: c.labels["io.kubernetes.pod.namespace"] ?? "",
      state: STATE_NAMES[c.state] ?? "unknown",
      attempt: c.metadata.attempt,
    }));
  }

  /** Pod sandboxes with their IPs (crictl pods). */
  sandboxes(): { name: string; ready: boolean; ip?: string; netns?: string }[] {
    return this.sim.node.runtime.listSandboxViews().map((v) => ({
      name: v.sandbox.metadata.name,
      ready: v.sandbox.state === 0,
      ip: v.ip,
      netns: v.netns,
    }));
  }

  images(): ImageInfo[] {
    return this.sim.node.runtime
      .listImagesNow()
      .map((i) => ({ id: i.id, tags: i.repoTags, size: i.size, pinned: i.pinned }));
  }

  hasImage(ref: string): boolean {
    return this.images().some((i) => i.tags.some((t) => t === ref || t.endsWith(`/${ref}`)));
  }

  /** Image filesystem use in percent (0–100). */
  imageFsPercent(): number {
    const u = this.sim.node.runtime.imageFsUsage();
    return u.capacityBytes > 0 ? (100 * u.usedBytes) / u.capacityBytes : 0;
  }

  node(): Node | undefined {
    return this.sim.node.api.list<Node>("Node")[0];
  }

  nodeCondition(type: string): { status: string; reason?: string; message?: string } | undefined {
    const c = (this.node()?.status?.conditions ?? []).find((x) => x.type === type);
    return c ? { status: c.status, reason: c.reason, message: c.message } : undefined;
  }

  nodeReady(): boolean {
    return this.nodeCondition("Ready")?.status === "True";
  }

  unit(name: "containerd" | "kubelet"): string {
    return this.sim.node.units[name].state;
  }

  file(path: string): string | undefined {
    return this.sim.node.fs.read(path);
  }

  /** Node file paths under a prefix (e.g. `/var/log/pods/`). */
  files(prefix: string): string[] {
    return this.sim.node.fs.paths().filter((p) => p.startsWith(prefix));
  }

  /** Journal lines of a unit since the lesson start. */
  journal(unit: string): string[] {
    return this.sim.node.journal
      .query(unit)
      .filter((e) => e.t >= this.startedAt)
      .map((e) => e.message);
  }

  /** Kubernetes Events (reason, message, object name) since the lesson start. */
  events(reason?: string): { reason: string; message: string; object: string; type: string }[] {
    const start = this.sim.node.clock.wallMs(this.startedAt);
    return this.sim.node.api
      .list<{
        reason?: string;
        message?: string;
        type?: string;
        involvedObject?: { name?: string };
        lastTimestamp?: string;
        eventTime?: string;
      }>("Event")
      .filter((e) => {
        const ts = e.lastTimestamp ?? e.eventTime;
        return !ts || parseRfc3339(ts) >= start;
      })
      .filter((e) => reason === undefined || e.reason === reason)
      .map((e) => ({
        reason: e.reason ?? "",
        message: e.message ?? "",
        object: e.involvedObject?.name ?? "",
        type: e.type ?? "",
      }));
  }

  trace(q: TraceQuery = {}): TraceEvent[] {
    const src = q.all ? this.sim.trace.all() : this.sim.trace.since(this.startTraceId);
    const kinds = q.kind === undefined ? undefined : Array.isArray(q.kind) ? q.kind : [q.kind];
    const pod = q.pod === undefined ? undefined : q.pod.includes("/") ? q.pod : `default/${q.pod}`;
    return src.filter(
      (e) =>
        (kinds === undefined || kinds.includes(e.kind)) &&
        (q.from === undefined || e.from === q.from) &&
        (q.to === undefined || e.to === q.to) &&
        (pod === undefined || e.pod === pod || e.summary.includes(` ${pod}`)) &&
        (q.summary === undefined ||
          (typeof q.summary === "string" ? e.summary.includes(q.summary) : q.summary.test(e.summary))),
    );
  }

  /** CRI requests the kubelet made since the lesson start, in order, with their outcome. */
  criCalls(pod?: string): CriCall[] {
    const calls: CriCall[] = [];
    const byId = new Map<number, CriCall>();
    for (const e of this.trace({ kind: ["cri.request", "cri.response", "cri.error"] })) {
      if (e.kind === "cri.request") {
        const m = /^(\w+)\((.*)\)$/.exec(e.summary);
        if (!m) continue;
        const call: CriCall = {
          method: m[1],
          service: criServiceOf(m[1]),
          target: m[2],
          pod: e.pod,
          id: e.id,
        };
        calls.push(call);
        byId.set(e.id, call);
      } else if (e.causeId !== undefined) {
        const call = byId.get(e.causeId);
        if (call) call.outcome = e.kind === "cri.response" ? "ok" : "error";
      }
    }
    const key = pod === undefined ? undefined : pod.includes("/") ? pod : `default/${pod}`;
    return key === undefined ? calls : calls.filter((c) => c.pod === key);
  }

  /** The methods of the kubelet's CRI calls for one pod, without the periodic relist noise. */
  criSequence(pod: string): string[] {
    return this.criCalls(pod)
      .filter((c) => c.outcome === "ok")
      .map((c) => c.method)
      .filter((m, i, a) => !(m.endsWith("Status") && a[i - 1] === m));
  }
}
