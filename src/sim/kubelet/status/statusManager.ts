// k8s: pkg/kubelet/status/status_manager.go — simplified: synchronous writes through ApiServerClient.updateStatus, no versions/retries queue.
import type { Pod, PodStatus } from "kubernetes-types/core/v1";
import { jsonEqual } from "../../api/equality";
import type { ApiServerClient } from "../../apiserver/types";
import { errorText } from "../../cri/errors";
import type { TraceLog } from "../../trace";
import { podKey } from "../container/containerRuntime";
import type { Logger } from "../types";

/** Volatile parts (condition times) do not make a status "changed". */
const VOLATILE = new Set(["lastTransitionTime", "lastProbeTime"]);

export class StatusManager {
  /** Last status written per pod uid. */
  private readonly written = new Map<string, PodStatus>();
  /** Pods whose API object lost its status (a re-created mirror pod): the next status is written even if unchanged. */
  private readonly stale = new Set<string>();

  constructor(
    private readonly api: ApiServerClient,
    private readonly trace: TraceLog,
    private readonly log: Logger,
  ) {}

  get(uid: string): PodStatus | undefined {
    return this.written.get(uid);
  }

  /** SetPodStatus + syncPod: write only when the status changed. Returns the pod as stored, when written. */
  setPodStatus(pod: Pod, status: PodStatus): Pod | undefined {
    const uid = pod.metadata?.uid ?? "";
    const before = this.stale.delete(uid) ? undefined : (this.written.get(uid) ?? pod.status);
    if (jsonEqual(before, status, VOLATILE)) return undefined;
    this.written.set(uid, status);
    const ns = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    this.trace.record({
      from: "kubelet",
      to: "apiserver",
      kind: "status",
      summary: `PATCH pods/${name} status: ${status.phase}${readySummary(status)}`,
      detail: { status: status as unknown as Record<string, unknown> },
      pod: podKey(pod),
    });
    try {
      const stored = this.api.updateStatus<Pod & { metadata?: { name?: string } }>("Pod", ns, name, status);
      this.log("I", "status_manager.go:1004", "Patch status for pod", [
        ["pod", podKey(pod)],
        ["podUID", uid],
      ]);
      return stored as Pod;
    } catch (e) {
      this.log("W", "status_manager.go:919", "Failed to update status for pod", [
        ["pod", podKey(pod)],
        ["err", errorText(e)],
      ]);
      return undefined;
    }
  }

  /** The pod finished terminating on this node: ask the API server to remove it (grace 0). */
  deletePod(pod: Pod): void {
    const ns = pod.metadata?.namespace ?? "default";
    const name = pod.metadata?.name ?? "";
    try {
      this.api.delete("Pod", ns, name, { gracePeriodSeconds: 0 });
      this.log("I", "status_manager.go:1046", "Pod fully terminated and removed from etcd", [
        ["pod", podKey(pod)],
      ]);
    } catch (e) {
      this.log("W", "status_manager.go:1040", "Failed to delete status for pod", [
        ["pod", podKey(pod)],
        ["err", errorText(e)],
      ]);
    }
  }

  forget(uid: string): void {
    this.written.delete(uid);
    this.stale.delete(uid);
  }

  /** The API object's status is gone (a new mirror pod): write the next status whatever it is. */
  markStale(uid: string): void {
    this.stale.add(uid);
  }
}

function readySummary(s: PodStatus): string {
  const cs = s.containerStatuses ?? [];
  const ready = cs.filter((c) => c.ready).length;
  const reasons = cs.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason).filter(Boolean);
  return ` ${ready}/${cs.length} ready${reasons.length ? ` (${[...new Set(reasons)].join(", ")})` : ""}`;
}
