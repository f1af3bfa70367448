// k8s: pkg/controller/nodelifecycle/node_lifecycle_controller.go — simplified: marks a silent node Unknown after the grace period.
import type { Node } from "kubernetes-types/core/v1";
import type { ApiServerClient, EventRecorder } from "../../apiserver/types";
import { type Clock, parseRfc3339, rfc3339 } from "../../clock";

/** node-monitor-grace-period (50 s since 1.32) and node-monitor-period (5 s). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_MONITOR_PERIOD_MS = 5_000;

export interface NodeLifecycleOptions {
  api: ApiServerClient;
  clock: Clock & { wallMs(at?: number): number };
  recorder?: EventRecorder;
  gracePeriodMs?: number;
}

/** Runs on the control plane: every 5 s, any node whose kubelet has not posted status for 50 s gets Unknown conditions. */
export class NodeLifecycleController {
  private timer: ReturnType<Clock["setTimer"]> | undefined;

  constructor(private readonly opts: NodeLifecycleOptions) {}

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.monitorNodeHealth();
      this.timer = this.opts.clock.setTimer(NODE_MONITOR_PERIOD_MS, loop, "node lifecycle");
    };
    this.timer = this.opts.clock.setTimer(NODE_MONITOR_PERIOD_MS, loop, "node lifecycle");
  }

  stop(): void {
    this.opts.clock.cancel(this.timer);
    this.timer = undefined;
  }

  monitorNodeHealth(): void {
    const grace = this.opts.gracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS;
    const nowWall = this.opts.clock.wallMs();
    for (const node of this.opts.api.list<Node & { metadata?: { name?: string } }>("Node")) {
      const conds = node.status?.conditions ?? [];
      const ready = conds.find((c) => c.type === "Ready");
      if (!ready || ready.status === "Unknown") continue;
      const last = parseRfc3339(ready.lastHeartbeatTime ?? "");
      if (!(nowWall - last > grace)) continue;
      const now = rfc3339(nowWall);
      const next = conds.map((c) => ({
        ...c,
        status: "Unknown",
        reason: "NodeStatusUnknown",
        message: "Kubelet stopped posting node status.",
        lastTransitionTime: now,
      }));
      this.opts.api.updateStatus("Node", undefined, node.metadata!.name!, {
        ...node.status,
        conditions: next,
      });
      this.opts.recorder?.event(
        { kind: "Node", name: node.metadata!.name!, uid: node.metadata!.name!, apiVersion: "v1" },
        "Normal",
        "NodeNotReady",
        `Node ${node.metadata!.name} status is now: NodeNotReady`,
      );
    }
  }
}
