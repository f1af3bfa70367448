// k8s: pkg/controller/nodelifecycle/node_lifecycle_controller.go — simplified: marks a silent node (no
// new Ready heartbeat, no Lease renewal) Unknown after the grace period and keeps the not-ready/
// unreachable taints in step with Ready (doNoScheduleTaintingPass, processTaintBaseEviction +
// doNoExecuteTaintingPass, handleDisruption for one zone, no eviction rate limit). The pods go through
// src/sim/controllers/taintEvictionController.ts.
import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node, NodeCondition, Taint } from "kubernetes-types/core/v1";
import type { ApiServerClient, EventRecorder } from "../../apiserver/types";
import { type Clock, parseRfc3339, rfc3339 } from "../../clock";
import type { Actor } from "../../trace";

/** node-monitor-grace-period (50 s since 1.32) and node-monitor-period (5 s). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** node-startup-grace-period: how long a node that never posted a Ready condition may stay silent. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** corev1.NamespaceNodeLease */
const NAMESPACE_NODE_LEASE = "kube-node-lease";

/** nodeHealthData: what the controller last saw of a node, and when it last saw it move (controller time). */
interface NodeHealth {
  probeTimestamp: number;
  ready?: NodeCondition;
  leaseRenewTime?: string;
}

/** The API server's writes name their caller (the trace shows the controller manager, not the kubelet). */
type ActorApi = ApiServerClient & {
  update<T extends object>(kind: "Node", obj: T, actor?: Actor): T;
  updateStatus<T extends object>(
    kind: "Node",
    namespace: undefined,
    name: string,
    status: unknown,
    actor?: Actor,
  ): T;
};

export interface NodeLifecycleOptions {
  api: ApiServerClient;
  clock: Clock & { wallMs(at?: number): number };
  recorder?: EventRecorder;
  gracePeriodMs?: number;
}

/**
 * Runs on the control plane: every 5 s, any node whose kubelet has not posted status for 50 s gets
 * Unknown conditions; a node not Ready gets the not-ready/unreachable NoSchedule taint at once and the
 * NoExecute one a pass later — unless no node at all is Ready (a one-node cluster): then the
 * controller enters "master disruption mode" and lifts the NoExecute taints instead, so nothing is evicted.
 */
export class NodeLifecycleController {
  private timer: ReturnType<Clock["setTimer"]> | undefined;
  private stopWatch: (() => void) | undefined;
  /** zoneNoExecuteTainter: nodes waiting for their NoExecute taint (a UniqueQueue: `tainted` keeps the ones done). */
  private readonly taintQueue = new Set<string>();
  private readonly tainted = new Set<string>();
  /** Every zone fully disrupted: the tainter's limiter is swapped to 0 (one zone here). */
  private fullDisruption = false;
  /** nodeHealthMap, by node name. */
  private readonly nodeHealth = new Map<string, NodeHealth>();

  constructor(private readonly opts: NodeLifecycleOptions) {}

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.monitorNodeHealth();
      this.timer = this.opts.clock.setTimer(NODE_MONITOR_PERIOD_MS, loop, "node lifecycle");
    };
    this.timer = this.opts.clock.setTimer(NODE_MONITOR_PERIOD_MS, loop, "node lifecycle");
    // nodeUpdateQueue → doNoScheduleTaintingPass: a node's conditions change, its NoSchedule taints follow
    this.stopWatch = this.opts.api.watch<Node>("Node", {}, (e) => {
      if (e.type !== "DELETED")
        this.syncNoScheduleTaints(e.object.metadata?.name ?? "", this.opts.clock.wallMs());
    });
  }

  stop(): void {
    this.opts.clock.cancel(this.timer);
    this.timer = undefined;
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  monitorNodeHealth(): void {
    const grace = this.opts.gracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS;
    const nowWall = this.opts.clock.wallMs();
    const nodes = this.opts.api.list<Node & { metadata?: { name?: string } }>("Node");
    // a deleted node is forgotten (nodeHealthMap.delete in the controller's deleteNode handler)
    for (const name of this.nodeHealth.keys())
      if (!nodes.some((n) => n.metadata?.name === name)) this.nodeHealth.delete(name);
    const zoneReady: (string | undefined)[] = [];
    for (const node of nodes) {
      const name = node.metadata?.name ?? "";
      // the Ready condition as the informer last saw it, before this pass marks the node Unknown
      const observed = readyStatus(node);
      this.markSilentNode(node, grace, nowWall);
      this.syncNoScheduleTaints(name, nowWall);
      this.processTaintBaseEviction(name, observed, nowWall);
      if (node.metadata?.labels?.[LABEL_EXCLUDE_DISRUPTION] === undefined)
        zoneReady.push(readyStatus(this.opts.api.tryGet<Node>("Node", undefined, name)));
    }
    this.handleDisruption(
      zoneReady,
      nodes.map((n) => n.metadata?.name ?? ""),
      nowWall,
    );
    // doNoExecuteTaintingPass runs every 100 ms on its own: here, right after this pass
    if (this.taintQueue.size > 0) this.doNoExecuteTaintingPass(nowWall);
  }

  /**
   * doNoScheduleTaintingPass: Ready False ⇒ node.kubernetes.io/not-ready:NoSchedule, Unknown ⇒
   * node.kubernetes.io/unreachable:NoSchedule, True ⇒ neither; spec.unschedulable ⇒
   * node.kubernetes.io/unschedulable:NoSchedule. Added taints carry timeAdded.
   */
  private syncNoScheduleTaints(name: string, nowWall: number): void {
    const node = this.opts.api.tryGet<Node>("Node", undefined, name);
    if (!node) return;
    const ready = readyStatus(node);
    const key = ready === "False" ? NOT_READY_TAINT : ready === "Unknown" ? UNREACHABLE_TAINT : undefined;
    // node.Spec.Unschedulable (a cordon) maps to node.kubernetes.io/unschedulable:NoSchedule
    const want = [key, node.spec?.unschedulable ? UNSCHEDULABLE_TAINT : undefined].filter(
      (k): k is string => k !== undefined,
    );
    const current = node.spec?.taints ?? [];
    const isControllerTaint = (t: Taint) =>
      t.effect === "NoSchedule" &&
      (t.key === NOT_READY_TAINT || t.key === UNREACHABLE_TAINT || t.key === UNSCHEDULABLE_TAINT);
    const add = want.filter((k) => !current.some((t) => isControllerTaint(t) && t.key === k));
    const remove = current.filter((t) => isControllerTaint(t) && !want.includes(t.key));
    if (add.length > 0 || remove.length > 0)
      this.swapTaints(
        node,
        add.map((k) => ({ key: k, effect: "NoSchedule" as const })),
        remove,
        nowWall,
      );
  }

  /** processTaintBaseEviction, from the Ready status seen at the start of the pass. */
  private processTaintBaseEviction(name: string, observed: string | undefined, nowWall: number): void {
    const node = this.opts.api.tryGet<Node>("Node", undefined, name);
    if (!node) return;
    const has = (key: string) =>
      (node.spec?.taints ?? []).some((t) => t.key === key && t.effect === "NoExecute");
    if (observed === "False" || observed === "Unknown") {
      const [want, opposite] =
        observed === "False" ? [NOT_READY_TAINT, UNREACHABLE_TAINT] : [UNREACHABLE_TAINT, NOT_READY_TAINT];
      // already tainted the other way: swap at once
      if (has(opposite))
        this.swapTaints(
          node,
          [{ key: want, effect: "NoExecute" }],
          [{ key: opposite, effect: "NoExecute" }],
          nowWall,
        );
      else if (!this.tainted.has(name)) {
        this.taintQueue.add(name);
        this.tainted.add(name);
      }
    } else if (observed === "True") this.markNodeAsReachable(name, nowWall);
  }

  /** markNodeAsReachable: lift both NoExecute taints and drop the node from the tainter's queue. */
  private markNodeAsReachable(name: string, nowWall: number): void {
    this.taintQueue.delete(name);
    this.tainted.delete(name);
    const node = this.opts.api.tryGet<Node>("Node", undefined, name);
    if (!node) return;
    const gone = (node.spec?.taints ?? []).filter(
      (t) => t.effect === "NoExecute" && (t.key === NOT_READY_TAINT || t.key === UNREACHABLE_TAINT),
    );
    if (gone.length > 0) this.swapTaints(node, [], gone, nowWall);
  }

  /**
   * handleDisruption for one zone: when no node that takes part is Ready any more, "Controller detected
   * that all Nodes are not-Ready. Entering master disruption mode" — NoExecute taints lifted, tainting
   * stopped until some node is Ready again. A node labelled node.kubernetes.io/exclude-disruption does
   * not take part; with none taking part the zone state is forgotten and tainting goes on.
   */
  private handleDisruption(ready: (string | undefined)[], names: string[], nowWall: number): void {
    if (ready.length === 0) {
      this.fullDisruption = false;
      return;
    }
    const allDown = ready.every((s) => s !== "True");
    if (allDown && !this.fullDisruption) {
      for (const name of names) this.markNodeAsReachable(name, nowWall);
      this.fullDisruption = true;
    } else if (!allDown && this.fullDisruption) this.fullDisruption = false;
  }

  /** doNoExecuteTaintingPass: the node's NoExecute taint follows its Ready status (limiter 0 in full disruption). */
  private doNoExecuteTaintingPass(nowWall: number): void {
    if (this.fullDisruption) return;
    for (const name of [...this.taintQueue]) {
      this.taintQueue.delete(name);
      const node = this.opts.api.tryGet<Node>("Node", undefined, name);
      if (!node) continue;
      const ready = readyStatus(node);
      if (ready === "False")
        this.swapTaints(
          node,
          [{ key: NOT_READY_TAINT, effect: "NoExecute" }],
          [{ key: UNREACHABLE_TAINT, effect: "NoExecute" }],
          nowWall,
        );
      else if (ready === "Unknown")
        this.swapTaints(
          node,
          [{ key: UNREACHABLE_TAINT, effect: "NoExecute" }],
          [{ key: NOT_READY_TAINT, effect: "NoExecute" }],
          nowWall,
        );
    }
  }

  /** SwapNodeControllerTaint: add (stamped with timeAdded, unless one with that key and effect is there), remove. */
  private swapTaints(node: Node, add: Taint[], remove: Taint[], nowWall: number): void {
    const current = node.spec?.taints ?? [];
    const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
    let next = current.filter((t) => !remove.some((r) => same(r, t)));
    for (const a of add)
      if (!next.some((t) => same(t, a))) next = [...next, { ...a, timeAdded: rfc3339(nowWall) }];
    if (next.length === current.length && next.every((t, i) => t === current[i])) return;
    (this.opts.api as ActorApi).update<Node>(
      "Node",
      { ...node, spec: { ...node.spec, taints: next.length > 0 ? next : undefined } },
      "controller-manager",
    );
  }

  /**
   * tryUpdateNodeHealth: the node is alive while its Ready condition's heartbeat moves or its Lease's
   * renewTime advances (each resets probeTimestamp to now); with neither for the grace period, every
   * condition the kubelet owns becomes Unknown "Kubelet stopped posting node status.".
   */
  private markSilentNode(node: Node, grace: number, nowWall: number): void {
    const name = node.metadata?.name ?? "";
    const conds = node.status?.conditions ?? [];
    const ready = conds.find((c) => c.type === "Ready");
    const created = parseRfc3339(node.metadata?.creationTimestamp ?? "");
    let health = this.nodeHealth.get(name);
    // a node that never posted Ready gets node-startup-grace-period, counted from its creation
    const period = ready ? grace : NODE_STARTUP_GRACE_PERIOD_MS;
    if (!health) health = { probeTimestamp: ready || Number.isNaN(created) ? nowWall : created };
    else if (ready ? health.ready?.lastHeartbeatTime !== ready.lastHeartbeatTime : health.ready)
      health.probeTimestamp = nowWall;
    health.ready = ready;
    // Always update the probe time if the node lease is renewed.
    const renew = this.opts.api.tryGet<Lease>("Lease", NAMESPACE_NODE_LEASE, name)?.spec?.renewTime;
    if (
      renew &&
      (health.leaseRenewTime === undefined || parseRfc3339(health.leaseRenewTime) < parseRfc3339(renew))
    ) {
      health.leaseRenewTime = renew;
      health.probeTimestamp = nowWall;
    }
    this.nodeHealth.set(name, health);
    if (!(nowWall > health.probeTimestamp + period)) return;
    const now = rfc3339(nowWall);
    const next: NodeCondition[] = conds.map((c) => {
      if (!OWNED_CONDITIONS.includes(c.type) || c.status === "Unknown") return c;
      return {
        ...c,
        status: "Unknown",
        reason: "NodeStatusUnknown",
        message: "Kubelet stopped posting node status.",
        lastTransitionTime: now,
      };
    });
    // conditions the kubelet never posted
    for (const type of OWNED_CONDITIONS)
      if (!conds.some((c) => c.type === type))
        next.push({
          type,
          status: "Unknown",
          reason: "NodeStatusNeverUpdated",
          message: "Kubelet never posted node status.",
          lastHeartbeatTime: node.metadata?.creationTimestamp,
          lastTransitionTime: now,
        });
    // the status is written when the Ready condition changed
    if (ready?.status === "Unknown") return;
    const updated = (this.opts.api as ActorApi).updateStatus<Node>(
      "Node",
      undefined,
      name,
      { ...node.status, conditions: next },
      "controller-manager",
    );
    health.ready = updated.status?.conditions?.find((c) => c.type === "Ready");
    // RecordNodeStatusChange: only a node seen Ready is announced NotReady
    if (ready?.status === "True")
      this.opts.recorder?.event(
        { kind: "Node", name, uid: name, apiVersion: "v1" },
        "Normal",
        "NodeNotReady",
        `Node ${name} status is now: NodeNotReady`,
      );
  }
}

/** The conditions the controller turns Unknown (NetworkUnavailable belongs to the control plane). */
const OWNED_CONDITIONS = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

export const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
export const UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
/** UnschedulableTaintTemplate: the taint a cordoned node carries (TaintNodesByCondition). */
export const UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";
/** labelNodeDisruptionExclusion: the node does not count when the controller looks for a full disruption. */
export const LABEL_EXCLUDE_DISRUPTION = "node.kubernetes.io/exclude-disruption";

function readyStatus(node: Node | undefined): string | undefined {
  return node?.status?.conditions?.find((c) => c.type === "Ready")?.status;
}
