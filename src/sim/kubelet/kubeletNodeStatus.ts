// k8s: pkg/kubelet/kubelet_node_status.go — registerWithAPIServer + tryUpdateNodeStatus (status computed every 10 s, patched on a change or after nodeStatusReportFrequency); simplified: no images/volumes in the status, no retries.
import type { Node, NodeCondition, NodeStatus } from "kubernetes-types/core/v1";
import { jsonEqual } from "../api/equality";
import { extendedAllocatable } from "../api/extendedResources";
import type { ApiServerClient, EventRecorder } from "../apiserver/types";
import { Rng, type VirtualClock } from "../clock";
import { rfc3339 } from "../clock/time";
import { nodeAllocatable } from "./cm/nodeAllocatable";
import type { KubeletConfig } from "./config";
import { EventReason } from "./events/reasons";
import { DEFAULT_MACHINE, initialNode, type MachineInfo, nodeConditions } from "./nodestatus/setters";
import type { RuntimeState } from "./runtimeState";
import type { Logger } from "./types";

/** The stream delayAfterNodeStatusChange is drawn from: seeded by the node's name, apart from the kubelet's RNG. */
export function nodeStatusReportRng(nodeName: string): Rng {
  let h = 0x811c9dc5;
  for (let i = 0; i < nodeName.length; i++) h = Math.imul(h ^ nodeName.charCodeAt(i), 16777619);
  return new Rng(h >>> 0);
}

export class NodeStatusReporter {
  private lastReady?: boolean;
  /** `<runtime_name>://<version>` from the CRI Version call (semver: no leading "v"). */
  private runtimeVersion?: string;
  /** kl.lastNodeUnschedulable: false when the kubelet starts. */
  private lastUnschedulable = false;
  private conditionEventsSent = false;
  /** lastStatusReportTime (virtual ms): unset until this kubelet process first posts its status. */
  private lastStatusReportMs?: number;
  /** delayAfterNodeStatusChange: a one-time offset on the next report interval, drawn after each change. */
  private delayAfterChangeMs = 0;

  constructor(
    private readonly o: {
      nodeName: string;
      api: ApiServerClient;
      recorder: EventRecorder;
      clock: VirtualClock;
      log: Logger;
      config: () => KubeletConfig;
      machine?: Partial<MachineInfo>;
      runtimeState: RuntimeState;
      /** Draws delayAfterNodeStatusChange. */
      rng: Rng;
    },
  ) {}

  private get ref() {
    return { kind: "Node", name: this.o.nodeName, uid: this.o.nodeName, apiVersion: "v1" };
  }

  /** registerWithAPIServer: create the Node if absent; the Starting event. */
  registerNode(): void {
    const { api, nodeName, log } = this.o;
    log("I", "kubelet_node_status.go:75", "Attempting to register node", [["node", nodeName]]);
    if (!api.tryGet("Node", undefined, nodeName))
      api.create(
        "Node",
        initialNode(nodeName, this.o.config(), { ...DEFAULT_MACHINE, ...(this.o.machine ?? {}) }) as never,
      );
    log("I", "kubelet_node_status.go:78", "Successfully registered node", [["node", nodeName]]);
    this.o.recorder.event(this.ref, "Normal", EventReason.StartingKubelet, "Starting kubelet.");
    this.conditionEventsSent = false;
    this.lastReady = undefined;
    this.lastUnschedulable = false;
  }

  setRuntimeVersion(name: string, version: string): void {
    this.runtimeVersion = `${name}://${version.replace(/^v/, "")}`;
  }

  /**
   * tryUpdateNodeStatus, every nodeStatusUpdateFrequency: compute the status (conditions stamped with a
   * new lastHeartbeatTime), but PATCH it only when it changed (heartbeat times aside), on this process's
   * first report, or when nodeStatusReportFrequency (+ the one-time delay) has passed since the last
   * report. Between reports the node Lease is the heartbeat. Events are recorded either way.
   */
  syncNodeStatus(): void {
    const { api, nodeName, recorder, clock } = this.o;
    const node = api.tryGet<Node>("Node", undefined, nodeName);
    if (!node) return;
    const readyErr = this.o.runtimeState.readyErrors();
    const conditions = nodeConditions(node.status?.conditions, readyErr, rfc3339(clock.wallMs()));
    const nodeInfo = {
      ...node.status?.nodeInfo,
      kubeletVersion: this.o.config().kubeletVersion,
      ...(this.runtimeVersion ? { containerRuntimeVersion: this.runtimeVersion } : {}),
    };
    // MachineInfo setter: allocatable follows the reservations of the running kubelet's config
    const capacity = (node.status?.capacity ?? {}) as Record<string, string>;
    const allocatable = { ...node.status?.allocatable, ...nodeAllocatable(capacity, this.o.config()) };
    const status = extendedAllocatable({ ...node.status, allocatable, conditions, nodeInfo } as NodeStatus);
    const changed = nodeStatusHasChanged(node.status, status);
    const now = clock.now();
    const first = this.lastStatusReportMs === undefined;
    const reportEveryMs = this.o.config().nodeStatusReportFrequencyMs;
    // calculateDelay: uniform in [-50%, +50%) of the report frequency (kubelet 1.33+)
    if (changed || first) this.delayAfterChangeMs = reportEveryMs * (this.o.rng.next() - 0.5);
    const expired = first || now - this.lastStatusReportMs! >= reportEveryMs + this.delayAfterChangeMs;
    if (changed || expired) {
      api.updateStatus("Node", undefined, nodeName, status);
      this.lastStatusReportMs = now;
      // the one-time delay is spent: unchanged statuses are reported every nodeStatusReportFrequency
      if (!changed && !first) this.delayAfterChangeMs = 0;
    }
    if (!this.conditionEventsSent) {
      this.conditionEventsSent = true;
      for (const r of ["NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"])
        recorder.event(this.ref, "Normal", r, `Node ${nodeName} status is now: ${r}`);
      recorder.event(
        this.ref,
        "Normal",
        EventReason.NodeAllocatableEnforced,
        "Updated Node Allocatable limit across pods",
      );
    }
    const ready = readyErr === undefined;
    // The first report only announces Ready; NotReady is an event only as a transition.
    if (this.lastReady !== ready && (ready || this.lastReady !== undefined)) {
      const reason = ready ? EventReason.NodeReady : EventReason.NodeNotReady;
      recorder.event(this.ref, "Normal", reason, `Node ${nodeName} status is now: ${reason}`);
      if (!ready)
        this.o.log("I", "setters.go:618", "Node became not ready", [
          ["node", nodeName],
          ["condition", conditions[3]],
        ]);
    }
    this.lastReady = ready;
    // recordNodeSchedulableEvent, the last status func: a cordon or uncordon seen since the last sync
    const unschedulable = node.spec?.unschedulable === true;
    if (unschedulable !== this.lastUnschedulable) {
      const reason = unschedulable ? "NodeNotSchedulable" : "NodeSchedulable";
      recorder.event(this.ref, "Normal", reason, `Node ${nodeName} status is now: ${reason}`);
      this.lastUnschedulable = unschedulable;
    }
  }
}

const HEARTBEAT = new Set(["lastHeartbeatTime"]);
const byType = (cs: NodeCondition[] | undefined) =>
  [...(cs ?? [])].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));

/** nodeStatusHasChanged: any difference but the conditions' lastHeartbeatTime (conditions compared by type). */
export function nodeStatusHasChanged(
  original: NodeStatus | undefined,
  status: NodeStatus | undefined,
): boolean {
  if (original === undefined || status === undefined) return original !== status;
  const a = original.conditions ?? [];
  const b = status.conditions ?? [];
  if (a.length !== b.length || !jsonEqual(byType(a), byType(b), HEARTBEAT)) return true;
  return !jsonEqual({ ...original, conditions: undefined }, { ...status, conditions: undefined });
}
