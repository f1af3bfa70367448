// Histories the panels draw that no single snapshot holds: each container's state timeline
// (waiting reason → running → terminated with exit code) and CPU/memory samples for sparklines.
import type { KubeObject } from "../sim/apiserver/types";
import type { ContainerStats } from "../sim/cri/types";

export interface TimelineStep {
  /** "waiting" | "running" | "terminated" */
  state: "waiting" | "running" | "terminated";
  /** Waiting or terminated reason (ContainerCreating, ErrImagePull, Error, OOMKilled…). */
  reason?: string;
  exitCode?: number;
  /** Virtual ms when this state was first seen. */
  t: number;
}

/** Timelines keyed `namespace/pod/container` (init containers too). */
export type Timelines = Record<string, TimelineStep[]>;

const MAX_STEPS = 12;

interface StateView {
  waiting?: { reason?: string };
  running?: unknown;
  terminated?: { reason?: string; exitCode?: number };
}
interface StatusView {
  name: string;
  restartCount?: number;
  state?: StateView;
  lastState?: StateView;
}

function stepOf(s: StateView | undefined, t: number): TimelineStep | undefined {
  if (!s) return undefined;
  if (s.waiting) return { state: "waiting", reason: s.waiting.reason, t };
  if (s.running) return { state: "running", t };
  if (s.terminated)
    return { state: "terminated", reason: s.terminated.reason, exitCode: s.terminated.exitCode, t };
  return undefined;
}

const same = (a: TimelineStep, b: TimelineStep) =>
  a.state === b.state && a.reason === b.reason && a.exitCode === b.exitCode;

/** Extend each container's timeline with its current state (a new step only when it changed). */
export function updateTimelines(prev: Timelines, pods: readonly KubeObject[], t: number): Timelines {
  let next: Timelines | undefined;
  const live = new Set<string>();
  for (const pod of pods) {
    const key = `${pod.metadata?.namespace ?? "default"}/${pod.metadata?.name ?? ""}`;
    const st = (pod.status ?? {}) as {
      containerStatuses?: StatusView[];
      initContainerStatuses?: StatusView[];
    };
    for (const c of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) {
      const id = `${key}/${c.name}`;
      live.add(id);
      const step = stepOf(c.state, t);
      if (!step) continue;
      const old = prev[id];
      if (old && same(old[old.length - 1], step)) continue;
      next ??= { ...prev };
      let steps = old ? [...old] : [];
      // First sight of a container that already restarted: show how its last run ended.
      const last = old ? undefined : stepOf(c.lastState, t);
      if (last) steps.push(last);
      steps.push(step);
      if (steps.length > MAX_STEPS) steps = steps.slice(steps.length - MAX_STEPS);
      next[id] = steps;
    }
  }
  for (const id of Object.keys(next ?? prev))
    if (!live.has(id)) {
      next ??= { ...prev };
      delete next[id];
    }
  return next ?? prev;
}

export interface StatsSeries {
  pod: string;
  container: string;
  /** Working set bytes, oldest first. */
  memory: number[];
  /** CPU in millicores, oldest first. */
  cpu: number[];
}

export type StatsHistory = Record<string, StatsSeries>;

export const STATS_POINTS = 40;

/** Append one sample per running container; containers that stopped keep their series until gone. */
export function sampleStats(prev: StatsHistory, stats: readonly ContainerStats[]): StatsHistory {
  const next: StatsHistory = {};
  for (const s of stats) {
    const md = s.attributes.metadata;
    const labels = s.attributes.labels;
    const pod = labels["io.kubernetes.pod.name"] ?? "";
    const key = `${pod}/${md.name}`;
    const old = prev[key];
    const push = (arr: number[] | undefined, v: number) => {
      const a = arr ? [...arr, v] : [v];
      return a.length > STATS_POINTS ? a.slice(a.length - STATS_POINTS) : a;
    };
    next[key] = {
      pod,
      container: md.name,
      memory: push(old?.memory, s.memory.workingSetBytes.value),
      cpu: push(old?.cpu, Math.round((s.cpu.usageNanoCores?.value ?? 0) / 1e6)),
    };
  }
  return next;
}
