// k8s: pkg/kubelet/kubelet_node_status.go — registerWithAPIServer + tryUpdateNodeStatus; simplified: status posted every 10 s (no Lease).
import type { Node } from "kubernetes-types/core/v1";
import type { ApiServerClient, EventRecorder } from "../apiserver/types";
import type { VirtualClock } from "../clock";
import { rfc3339 } from "../clock/time";
import type { KubeletConfig } from "./config";
import { EventReason } from "./events/reasons";
import { DEFAULT_MACHINE, initialNode, type MachineInfo, nodeConditions } from "./nodestatus/setters";
import type { RuntimeState } from "./runtimeState";
import type { Logger } from "./types";

export class NodeStatusReporter {
  private lastReady?: boolean;
  /** `<runtime_name>://<version>` from the CRI Version call (semver: no leading "v"). */
  private runtimeVersion?: string;
  /** kl.lastNodeUnschedulable: false when the kubelet starts. */
  private lastUnschedulable = false;
  private conditionEventsSent = false;

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

  /** tryUpdateNodeStatus: conditions + heartbeat; NodeReady/NodeNotReady events on transitions. */
  syncNodeStatus(): void {
    const { api, nodeName, recorder } = this.o;
    const node = api.tryGet<Node>("Node", undefined, nodeName);
    if (!node) return;
    const readyErr = this.o.runtimeState.readyErrors();
    const conditions = nodeConditions(node.status?.conditions, readyErr, rfc3339(this.o.clock.wallMs()));
    const nodeInfo = {
      ...node.status?.nodeInfo,
      kubeletVersion: this.o.config().kubeletVersion,
      ...(this.runtimeVersion ? { containerRuntimeVersion: this.runtimeVersion } : {}),
    };
    api.updateStatus("Node", undefined, nodeName, { ...node.status, conditions, nodeInfo });
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
