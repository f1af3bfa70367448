// k8s: pkg/controller/resourcequota/resource_quota_controller.go — kube-controller-manager's
// resource-quota controller: a new or changed ResourceQuota gets status.hard (= spec.hard) and
// status.used counted from what its namespace stores; deletions and pods turning terminal replenish
// the quota (the replenishment controller), and every quota is recounted each resync period.
import type { Pod, ResourceQuota } from "kubernetes-types/core/v1";
import { jsonEqual } from "../api/equality";
import {
  addLists,
  decodeList,
  encodeList,
  maskList,
  type ResourceList,
  zeroQuantity,
} from "../api/resourceList";
import type { ApiServer } from "../apiserver/apiServer";
import { matchesScopes, matchingResources, objectUsage, podCharged } from "../apiserver/quotaUsage";
import { RESOURCE } from "../apiserver/registry";
import { ApiError, type ObjectKind } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";

const ACTOR = "controller-manager" as const;
/** --resource-quota-sync-period default. */
export const QUOTA_RESYNC_MS = 5 * 60_000;

/** The kinds whose objects a quota can count (the rest of the store is not watched). */
const COUNTED: readonly ObjectKind[] = [
  "Pod",
  "Service",
  "ConfigMap",
  "Secret",
  "ResourceQuota",
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "LimitRange",
];

/** Which kinds a quota's resource names count. */
function kindsFor(names: readonly string[]): ObjectKind[] {
  const out = new Set<ObjectKind>();
  for (const kind of COUNTED) if (matchingResources(kind, names).length > 0) out.add(kind);
  for (const n of names)
    if (n.startsWith("count/")) {
      const kind = (Object.keys(RESOURCE) as ObjectKind[]).find((k) => `count/${RESOURCE[k]}` === n);
      if (kind && kind !== "Event") out.add(kind);
    }
  return [...out];
}

export interface ResourceQuotaControllerOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
}

export class ResourceQuotaController {
  private stops: (() => void)[] = [];
  private readonly pending = new Set<string>();
  private timer: TimerHandle | undefined;
  private resync: TimerHandle | undefined;

  constructor(private readonly o: ResourceQuotaControllerOptions) {}

  start(): void {
    this.stops.push(
      this.o.api.watch<ResourceQuota>("ResourceQuota", {}, (e) => {
        const rq = e.object;
        const ns = rq.metadata?.namespace ?? "default";
        // the namespaces with quotas: other objects' events elsewhere cost one lookup
        if (e.type === "ADDED") this.quotaCount.set(ns, (this.quotaCount.get(ns) ?? 0) + 1);
        if (e.type === "DELETED") {
          const left = (this.quotaCount.get(ns) ?? 1) - 1;
          if (left > 0) this.quotaCount.set(ns, left);
          else this.quotaCount.delete(ns);
          return;
        }
        // a quota whose status does not yet reflect its spec is synced at once
        if (!jsonEqual(rq.status?.hard ?? {}, rq.spec?.hard ?? {}) || !rq.status?.used)
          this.enqueue(rq.metadata?.namespace ?? "default");
      }),
    );
    for (const kind of COUNTED) {
      if (kind === "ResourceQuota") continue;
      this.stops.push(
        this.o.api.watch(kind, {}, (e) => {
          const ns = e.object.metadata?.namespace;
          if (!ns || !this.hasQuota(ns)) return;
          if (e.type === "DELETED") this.enqueue(ns);
          // a pod that stops being charged (terminal, or past its deletion grace) gives its share back
          else if (
            kind === "Pod" &&
            e.type === "MODIFIED" &&
            !podCharged(e.object as Pod, this.o.clock.wallMs())
          )
            this.enqueue(ns);
        }),
      );
    }
    const loop = () => {
      for (const rq of this.o.api.list<ResourceQuota>("ResourceQuota"))
        this.enqueue(rq.metadata?.namespace ?? "");
      this.resync = this.o.clock.setTimer(QUOTA_RESYNC_MS, loop, "resourcequota resync");
    };
    this.resync = this.o.clock.setTimer(QUOTA_RESYNC_MS, loop, "resourcequota resync");
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.o.clock.cancel(this.timer);
    this.o.clock.cancel(this.resync);
    this.timer = undefined;
  }

  private readonly quotaCount = new Map<string, number>();

  private hasQuota(ns: string): boolean {
    return this.quotaCount.has(ns);
  }

  private enqueue(ns: string): void {
    this.pending.add(ns);
    if (this.timer) return;
    this.timer = this.o.clock.setTimer(
      0,
      () => {
        this.timer = undefined;
        const namespaces = [...this.pending];
        this.pending.clear();
        for (const n of namespaces) this.syncNamespace(n);
      },
      "resourcequota sync",
    );
  }

  /** syncResourceQuota for each quota of the namespace. */
  private syncNamespace(ns: string): void {
    const now = this.o.clock.wallMs();
    for (const rq of this.o.api.list<ResourceQuota>("ResourceQuota", { namespace: ns })) {
      const hard = decodeList(rq.spec?.hard);
      const names = [...hard.keys()];
      // CalculateUsageStats: each tracked resource starts at zero
      let used: ResourceList = new Map(names.map((n) => [n, zeroQuantity()]));
      for (const kind of kindsFor(names)) {
        const matching = matchingResources(kind, names);
        if (matching.length === 0) continue;
        for (const obj of this.o.api.list(kind, { namespace: ns })) {
          if (!matchesScopes(rq, kind, obj)) continue;
          used = addLists(used, maskList(objectUsage(kind, obj, now), matching));
        }
      }
      const status = { hard: encodeList(hard), used: encodeList(maskList(used, names)) };
      if (jsonEqual(status, rq.status)) continue;
      try {
        this.o.api.updateStatus("ResourceQuota", ns, rq.metadata?.name ?? "", status, ACTOR);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
}
