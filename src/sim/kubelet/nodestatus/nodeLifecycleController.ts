// k8s: pkg/controller/nodelifecycle/node_lifecycle_controller.go — simplified: marks a silent node
// Unknown after the grace period and keeps the not-ready/unreachable taints in step with Ready
// (doNoScheduleTaintingPass + doNoExecuteTaintingPass); the taint-eviction of pods is not modelled.
import type { Node, Taint } from "kubernetes-types/core/v1";
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
      this.markSilentNode(node, grace, nowWall);
      this.syncConditionTaints(node.metadata?.name ?? "", nowWall);
    }
  }

  /**
   * Ready False ⇒ node.kubernetes.io/not-ready, Ready Unknown ⇒ node.kubernetes.io/unreachable, each
   * as NoSchedule and NoExecute (the NoExecute one stamped with timeAdded); Ready True ⇒ neither.
   */
  private syncConditionTaints(name: string, nowWall: number): void {
    const node = this.opts.api.tryGet<Node>("Node", undefined, name);
    if (!node) return;
    const ready = node.status?.conditions?.find((c) => c.type === "Ready")?.status;
    const key = ready === "False" ? NOT_READY_TAINT : ready === "Unknown" ? UNREACHABLE_TAINT : undefined;
    const current = node.spec?.taints ?? [];
    const others = current.filter((t) => t.key !== NOT_READY_TAINT && t.key !== UNREACHABLE_TAINT);
    const want: Taint[] = key
      ? [
          current.find((t) => t.key === key && t.effect === "NoSchedule") ?? { key, effect: "NoSchedule" },
          current.find((t) => t.key === key && t.effect === "NoExecute") ?? {
            key,
            effect: "NoExecute",
            timeAdded: rfc3339(nowWall),
          },
        ]
      : [];
    const next = [...others, ...want];
    if (next.length === current.length && next.every((t, i) => t === current[i])) return;
    this.opts.api.update<Node>("Node", {
      ...node,
      spec: { ...node.spec, taints: next.length > 0 ? next : undefined },
    });
  }

  private markSilentNode(node: Node, grace: number, nowWall: number): void {
    const conds = node.status?.conditions ?? [];
    const ready = conds.find((c) => c.type === "Ready");
    if (!ready || ready.status === "Unknown") return;
    const last = parseRfc3339(ready.lastHeartbeatTime ?? "");
    if (!(nowWall - last > grace)) return;
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

const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
const UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
