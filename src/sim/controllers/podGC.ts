// k8s: pkg/controller/podgc/gc_controller.go — kube-controller-manager's pod garbage collector,
// simplified to gcOrphaned: a pod bound to a node that does not exist (a nodeName set by hand, a
// deleted node) is marked Failed with a DisruptionTarget condition and force-deleted once the node
// has stayed missing through the quarantine. gcTerminated (threshold 12500 terminated pods) and the
// out-of-service-taint pass never fire on this one-node cluster.
import type { Node, Pod } from "kubernetes-types/core/v1";
import { updatePodCondition } from "../api/podConditions";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";
import { rfc3339 } from "../clock/time";

/** gcCheckPeriod: how often the controller's loop runs. */
export const GC_CHECK_PERIOD_MS = 20_000;
/** quarantineTime: how long a node may be missing before its pods count as orphaned. */
export const QUARANTINE_MS = 40_000;

const ACTOR = "controller-manager" as const;

export interface PodGCOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
}

export class PodGCController {
  private timer: TimerHandle | undefined;
  /** nodeQueue: a missing node → when its quarantine ends (AddAfter keeps the earliest). */
  private readonly quarantine = new Map<string, number>();

  constructor(private readonly o: PodGCOptions) {}

  start(): void {
    if (this.timer) return;
    // wait.UntilWithContext(gc, gcCheckPeriod): at once, then every 20 s
    const loop = () => {
      this.gc();
      this.timer = this.o.clock.setTimer(GC_CHECK_PERIOD_MS, loop, "pod gc");
    };
    this.timer = this.o.clock.setTimer(0, loop, "pod gc");
  }

  stop(): void {
    this.o.clock.cancel(this.timer);
    this.timer = undefined;
  }

  gc(): void {
    const pods = this.o.api.list<Pod>("Pod");
    const nodes = new Set(this.o.api.list<Node>("Node").map((n) => n.metadata?.name ?? ""));
    const now = this.o.clock.now();
    for (const pod of pods) {
      const node = pod.spec?.nodeName;
      if (node && !nodes.has(node) && !this.quarantine.has(node))
        this.quarantine.set(node, now + QUARANTINE_MS);
    }
    // discoverDeletedNodes: a node out of quarantine is checked with a GET before its pods go
    const deleted = new Set<string>();
    for (const [node, due] of this.quarantine) {
      if (due > now) continue;
      this.quarantine.delete(node);
      if (!this.o.api.tryGet<Node>("Node", undefined, node)) deleted.add(node);
    }
    for (const pod of pods) if (deleted.has(pod.spec?.nodeName ?? "")) this.markFailedAndDelete(pod);
  }

  /** markFailedAndDeletePodWithCondition: no kubelet will ever end the pod, so the controller does. */
  private markFailedAndDelete(pod: Pod): void {
    const namespace = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    try {
      const phase = pod.status?.phase;
      if (phase !== "Succeeded" && phase !== "Failed") {
        const status = updatePodCondition(
          { ...(pod.status ?? {}), phase: "Failed" },
          {
            type: "DisruptionTarget",
            status: "True",
            reason: "DeletionByPodGC",
            message: "PodGC: node no longer exists",
          },
          rfc3339(this.o.clock.wallMs()),
        ) ?? { ...(pod.status ?? {}), phase: "Failed" };
        this.o.api.updateStatus("Pod", namespace, name, status, ACTOR);
      }
      this.o.api.delete("Pod", namespace, name, { gracePeriodSeconds: 0 }, ACTOR);
    } catch (e) {
      // gone already (deleted by hand meanwhile): the next pass has nothing to do
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
