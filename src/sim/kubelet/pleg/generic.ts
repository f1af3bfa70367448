// k8s: pkg/kubelet/pleg/generic.go — simplified: one ListPodSandbox + ListContainers per relist, statuses only for changed pods.
import { goDuration } from "../../clock/time";
import { ContainerState, KubeletLabels, PodSandboxState } from "../../cri";
import { errorText } from "../../cri/errors";
import type { Container, PodSandbox, PodSandboxStatus } from "../../cri/types";
import { settle, spawn, type Task } from "../../task";
import type { PodCache } from "../container/cache";
import {
  fromCriStatus,
  type RuntimeContainerStatus,
  type RuntimePodStatus,
} from "../container/containerRuntime";
import { PodLifeCycleEventType, type PodLifeCycleEventTypeName } from "../events/reasons";
import { terminationMessage } from "../kuberuntime/terminationMessage";
import { type KubeletDeps, sleep } from "../types";

export interface PodLifecycleEvent {
  uid: string;
  type: PodLifeCycleEventTypeName;
  /** Container (or sandbox) ID. */
  data: string;
}

/** kubelet: relist every 1 s; unhealthy when the last relist is older than 3 min. */
export const RELIST_PERIOD_MS = 1000;
export const RELIST_THRESHOLD_MS = 180_000;

type PlegState = "running" | "exited" | "unknown" | "non-existent";

function convertState(s: ContainerState): PlegState {
  if (s === ContainerState.CONTAINER_RUNNING) return "running";
  if (s === ContainerState.CONTAINER_EXITED) return "exited";
  if (s === ContainerState.CONTAINER_CREATED) return "unknown";
  return "unknown";
}

/** generateEvents: old → new state of one container. */
function generateEvents(uid: string, id: string, oldS: PlegState, newS: PlegState): PodLifecycleEvent[] {
  if (oldS === newS) return [];
  switch (newS) {
    case "running":
      return [{ uid, type: PodLifeCycleEventType.ContainerStarted, data: id }];
    case "exited":
      return [{ uid, type: PodLifeCycleEventType.ContainerDied, data: id }];
    case "unknown":
      return [{ uid, type: PodLifeCycleEventType.ContainerChanged, data: id }];
    case "non-existent":
      if (oldS === "exited") return [{ uid, type: PodLifeCycleEventType.ContainerRemoved, data: id }];
      return [
        { uid, type: PodLifeCycleEventType.ContainerDied, data: id },
        { uid, type: PodLifeCycleEventType.ContainerRemoved, data: id },
      ];
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NO_STATES: ReadonlyMap<string, PlegState> = new Map();

export class GenericPLEG {
  /** Last seen state per pod uid, per container/sandbox ID. */
  private old = new Map<string, Map<string, PlegState>>();
  private relistTime: number | undefined;
  private lastSandboxes: readonly PodSandbox[] = [];
  private lastContainers: readonly Container[] = [];
  /** The last relist's sandboxes and containers per pod uid, by ID; dirtyAt: the relist that changed them. */
  private pods = new Map<
    string,
    { sandboxes: Map<string, PodSandbox>; containers: Map<string, Container>; dirtyAt: number }
  >();
  /** Every listed sandbox and container by ID: its object, pod, and the relist that last saw it. */
  private items = new Map<
    string,
    { item: PodSandbox | Container; uid: string; gen: number; sandbox: boolean }
  >();
  private generation = 0;
  private running = false;
  private stopped = true;
  private listener: (e: PodLifecycleEvent) => void = () => {};
  /** Called after the first successful relist (the kubelet then reports the node Ready at once). */
  onFirstRelist?: () => void;

  constructor(
    private readonly deps: KubeletDeps,
    readonly cache: PodCache,
  ) {}

  watch(listener: (e: PodLifecycleEvent) => void): void {
    this.listener = listener;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    spawn(this.loop());
  }

  stop(): void {
    this.stopped = true;
  }

  get lastRelist(): number | undefined {
    return this.relistTime;
  }

  /** The last relist's sandboxes and containers (what the runtime cache's GetPods answers from). */
  get relisted(): { sandboxes: readonly PodSandbox[]; containers: readonly Container[] } {
    return { sandboxes: this.lastSandboxes, containers: this.lastContainers };
  }

  /** Healthy(): `pleg was last seen active 3m0.5s ago; threshold is 3m0s`. */
  healthy(): { ok: boolean; error?: string } {
    if (this.relistTime === undefined) return { ok: false, error: "pleg has yet to be successful" };
    const elapsed = this.deps.clock.now() - this.relistTime;
    if (elapsed > RELIST_THRESHOLD_MS)
      return {
        ok: false,
        error: `pleg was last seen active ${goDuration(elapsed)} ago; threshold is ${goDuration(RELIST_THRESHOLD_MS)}`,
      };
    return { ok: true };
  }

  private *loop(): Task {
    while (!this.stopped) {
      yield* this.relist();
      // wait.Until with sliding: the next relist starts a period after this one ended.
      yield* settle(sleep(this.deps.clock, RELIST_PERIOD_MS, "pleg relist"));
    }
  }

  /** One relist; returns false when the runtime could not be listed. */
  *relist(): Task<boolean> {
    if (this.running) return false;
    this.running = true;
    try {
      const timestamp = this.deps.clock.now();
      const sbs = yield* settle(this.deps.runtime.listPodSandbox({}));
      const ctrs = sbs.ok ? yield* settle(this.deps.runtime.listContainers({})) : undefined;
      if (!sbs.ok || !ctrs?.ok) {
        const err = !sbs.ok ? sbs.error : ctrs && !ctrs.ok ? ctrs.error : undefined;
        this.deps.log("E", "generic.go:254", "GenericPLEG: Unable to retrieve pods", [
          ["err", errorText(err)],
        ]);
        return false;
      }
      const first = this.relistTime === undefined;
      this.relistTime = timestamp;
      if (first) this.onFirstRelist?.();
      // Nothing changed since the last relist (SimRuntime answers with the same frozen objects while a
      // sandbox or container keeps its state): no events, only the cache's timestamp moves.
      if (
        sameItems(sbs.value.items, this.lastSandboxes) &&
        sameItems(ctrs.value.containers, this.lastContainers)
      ) {
        this.cache.updateTime(timestamp);
        return true;
      }
      this.lastSandboxes = sbs.value.items;
      this.lastContainers = ctrs.value.containers;
      // Which pods have a sandbox or container that is not the very object of the last relist (or that
      // is gone): only those are compared and asked for their status.
      const gen = ++this.generation;
      const dirty: string[] = [];
      const markDirty = (uid: string) => {
        const g = this.pods.get(uid);
        if (g && g.dirtyAt !== gen) {
          g.dirtyAt = gen;
          dirty.push(uid);
        }
      };
      const track = (id: string, uid: string, item: PodSandbox | Container, sandbox: boolean) => {
        const e = this.items.get(id);
        if (e && e.item === item) {
          e.gen = gen;
          return;
        }
        let g = this.pods.get(uid);
        if (!g) {
          g = { sandboxes: new Map(), containers: new Map(), dirtyAt: 0 };
          this.pods.set(uid, g);
        }
        if (e) {
          e.item = item;
          e.gen = gen;
        } else this.items.set(id, { item, uid, gen, sandbox });
        if (sandbox) g.sandboxes.set(id, item as PodSandbox);
        else g.containers.set(id, item as Container);
        markDirty(uid);
      };
      for (const sb of sbs.value.items)
        track(sb.id, sb.metadata.uid || sb.labels[KubeletLabels.podUid] || "", sb, true);
      for (const c of ctrs.value.containers) track(c.id, c.labels[KubeletLabels.podUid] ?? "", c, false);
      if (this.items.size !== sbs.value.items.length + ctrs.value.containers.length)
        for (const [id, e] of this.items) {
          if (e.gen === gen) continue;
          this.items.delete(id);
          const g = this.pods.get(e.uid);
          if (!g) continue;
          if (e.sandbox) g.sandboxes.delete(id);
          else g.containers.delete(id);
          markDirty(e.uid);
        }
      const events: PodLifecycleEvent[] = [];
      const changed = new Set<string>();
      // Pods in the order the last relist knew them, then new ones in the order they were listed.
      const order: string[] = [];
      for (const uid of this.old.keys()) if (this.pods.get(uid)?.dirtyAt === gen) order.push(uid);
      for (const uid of dirty) if (!this.old.has(uid)) order.push(uid);
      for (const uid of order) {
        const g = this.pods.get(uid);
        const now = new Map<string, PlegState>();
        for (const [id, sb] of g?.sandboxes ?? [])
          now.set(id, sb.state === PodSandboxState.SANDBOX_READY ? "running" : "exited");
        for (const [id, c] of g?.containers ?? []) now.set(id, convertState(c.state));
        const before = this.old.get(uid) ?? NO_STATES;
        // Union of old then new IDs, without building the union.
        for (const [id, oldState] of before) {
          const evs = generateEvents(uid, id, oldState, now.get(id) ?? "non-existent");
          if (evs.length) {
            changed.add(uid);
            events.push(...evs);
          }
        }
        for (const [id, newState] of now) {
          if (before.has(id)) continue;
          const evs = generateEvents(uid, id, "non-existent", newState);
          if (evs.length) {
            changed.add(uid);
            events.push(...evs);
          }
        }
        if (now.size) this.old.set(uid, now);
        else this.old.delete(uid);
      }
      for (const uid of changed) {
        const g = this.pods.get(uid);
        const status = yield* this.getPodStatus(
          uid,
          g ? [...g.sandboxes.values()] : [],
          g ? [...g.containers.values()] : [],
        );
        this.cache.set(uid, status, timestamp);
      }
      for (const uid of order) {
        const g = this.pods.get(uid);
        if (g && g.sandboxes.size === 0 && g.containers.size === 0) this.pods.delete(uid);
      }
      this.cache.updateTime(timestamp);
      for (const e of events) this.listener(e);
      return true;
    } finally {
      this.running = false;
    }
  }

  /** GetPodStatus: PodSandboxStatus per sandbox, ContainerStatus per container; newest first. */
  private *getPodStatus(
    uid: string,
    sandboxes: PodSandbox[],
    containers: Container[],
  ): Task<RuntimePodStatus> {
    const sandboxStatuses: PodSandboxStatus[] = [];
    const ordered = [...sandboxes].sort((a, b) => b.createdAt - a.createdAt);
    for (const sb of ordered) {
      const r = yield* settle(this.deps.runtime.podSandboxStatus({ podSandboxId: sb.id }));
      if (r.ok) sandboxStatuses.push(r.value.status);
    }
    const statuses: RuntimeContainerStatus[] = [];
    for (const c of [...containers].sort((a, b) => b.createdAt - a.createdAt)) {
      const r = yield* settle(this.deps.runtime.containerStatus({ containerId: c.id }));
      if (!r.ok) continue;
      const st = fromCriStatus(r.value.status, c.podSandboxId, this.deps.clock.epochMs);
      if (st.state === ContainerState.CONTAINER_EXITED) {
        // Enrich the runtime's message with what the container left in its termination log.
        const t = terminationMessage(r.value.status, this.deps.readFile);
        if (t) st.message = st.message ? `${st.message}: ${t}` : t;
      }
      statuses.push(st);
    }
    const meta = ordered[0]?.metadata;
    const newest = sandboxStatuses[0];
    const ips: string[] = [];
    if (newest?.state === PodSandboxState.SANDBOX_READY && newest.network?.ip) {
      ips.push(newest.network.ip, ...(newest.network.additionalIps ?? []).map((x) => x.ip));
    }
    return {
      uid,
      name: meta?.name ?? containers[0]?.labels[KubeletLabels.podName] ?? "",
      namespace: meta?.namespace ?? containers[0]?.labels[KubeletLabels.podNamespace] ?? "",
      ips,
      sandboxStatuses,
      containerStatuses: statuses,
    };
  }
}
