// k8s: staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go + pkg/kubelet/util/nodelease.go (SetNodeOwnerFunc) — simplified: no 4% jitter on the renew interval, no back-off sleep inside a sync (a failed ensure waits for the next tick).

import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node } from "kubernetes-types/core/v1";
import { plainClone } from "../../api/equality";
import { ApiError, type ApiServerClient } from "../../apiserver/types";
import type { VirtualClock } from "../../clock";
import { rfc3339NanoFixed } from "../../clock/time";
import type { Logger } from "../types";

/** corev1.NamespaceNodeLease: where every kubelet keeps the Lease named after its node. */
export const NAMESPACE_NODE_LEASE = "kube-node-lease";
/** renewIntervalFraction: the kubelet renews its Lease every quarter of the lease duration (10 s of 40 s). */
export const RENEW_INTERVAL_FRACTION = 0.25;
/** maxUpdateRetries: immediate retries of a failed renewal before waiting for the next interval. */
const MAX_UPDATE_RETRIES = 5;

/** metav1.MicroTime as it is serialized (RFC3339Micro): 2026-01-15T09:00:10.000000Z. */
export function microTime(epochMs: number): string {
  return `${rfc3339NanoFixed(epochMs).slice(0, 26)}Z`;
}

export interface NodeLeaseOptions {
  nodeName: string;
  api: ApiServerClient;
  clock: VirtualClock;
  log: Logger;
  leaseDurationSeconds: number;
}

/**
 * The kubelet's node lease controller: creates `kube-node-lease/<node>` (holder = the node, owned by
 * the Node object) and renews spec.renewTime; the node lifecycle controller counts a renewal as a
 * heartbeat. The first sync creates the lease; each later one updates the last lease it wrote
 * (no GET), falling back to a GET (and a create) when that fails.
 */
export class NodeLeaseController {
  /** latestLease: the lease as the last successful create/update returned it. */
  private latest?: Lease;

  constructor(private readonly o: NodeLeaseOptions) {}

  get renewIntervalMs(): number {
    return this.o.leaseDurationSeconds * 1000 * RENEW_INTERVAL_FRACTION;
  }

  sync(): void {
    if (this.latest) {
      const err = this.retryUpdateLease(this.latest);
      if (err === undefined) return;
      this.o.log(
        "I",
        "controller.go:115",
        "failed to update lease using latest lease, fallback to ensure lease",
        [["err", err]],
      );
    }
    const ensured = this.ensureLease();
    this.latest = ensured?.lease;
    // a lease just created needs no update
    if (ensured && !ensured.created) {
      const err = this.retryUpdateLease(ensured.lease);
      if (err !== undefined)
        this.o.log("E", "controller.go:123", "Will retry updating lease", [
          ["err", err],
          ["interval", `${this.renewIntervalMs / 1000}s`],
        ]);
    }
  }

  /** ensureLease: GET the lease; create it when it is not there. */
  private ensureLease(): { lease: Lease; created: boolean } | undefined {
    const { api, nodeName } = this.o;
    const found = api.tryGet<Lease>("Lease", NAMESPACE_NODE_LEASE, nodeName);
    if (found) return { lease: found, created: false };
    const fresh = this.newLease(undefined);
    // without the owner reference the lease is not created this time: the next sync tries again
    if (!fresh) return undefined;
    try {
      return { lease: api.create<Lease>("Lease", fresh, "kubelet"), created: true };
    } catch (e) {
      this.o.log("E", "controller.go:145", "Failed to ensure lease exists, will retry", [
        ["err", errText(e)],
        ["interval", "200ms"],
      ]);
      return undefined;
    }
  }

  /** retryUpdateLease: up to 5 PUTs; a conflict re-reads the lease first. Returns the error text, if any. */
  private retryUpdateLease(base: Lease): string | undefined {
    let from: Lease | undefined = base;
    for (let i = 0; i < MAX_UPDATE_RETRIES; i++) {
      const next = from ? this.newLease(from) : undefined;
      if (next) {
        try {
          this.latest = this.o.api.update<Lease>("Lease", next, "kubelet");
          return undefined;
        } catch (e) {
          this.o.log("E", "controller.go:195", "Failed to update lease", [["err", errText(e)]]);
          // OptimisticLockError: get the newer version of the lease and try again
          if (e instanceof ApiError && e.code === 409) from = this.ensureLease()?.lease;
        }
      }
    }
    return `failed ${MAX_UPDATE_RETRIES} attempts to update lease`;
  }

  /** newLease: a fresh lease or a copy of `base`, with the duration and renewTime asserted; then the owner reference. */
  private newLease(base: Lease | undefined): Lease | undefined {
    const { nodeName, clock } = this.o;
    const lease: Lease = base
      ? plainClone(base)
      : {
          apiVersion: "coordination.k8s.io/v1",
          kind: "Lease",
          metadata: { name: nodeName, namespace: NAMESPACE_NODE_LEASE },
          spec: { holderIdentity: nodeName },
        };
    lease.spec ??= {};
    // the duration is asserted on every renewal: the kubelet's config may have changed since creation
    lease.spec.leaseDurationSeconds = this.o.leaseDurationSeconds;
    lease.spec.renewTime = microTime(clock.wallMs());
    return this.setNodeOwner(lease) ? lease : undefined;
  }

  /** SetNodeOwnerFunc: until the lease has one, an owner reference to the Node (its uid needs a GET). */
  private setNodeOwner(lease: Lease): boolean {
    lease.metadata ??= {};
    const meta = lease.metadata;
    if ((meta.ownerReferences?.length ?? 0) > 0) return true;
    const { api, nodeName } = this.o;
    const node = api.tryGet<Node>("Node", undefined, nodeName);
    if (!node) {
      this.o.log(
        "E",
        "nodelease.go:49",
        "Failed to get node when trying to set owner ref to the node lease",
        [
          ["err", `nodes "${nodeName}" not found`],
          ["node", nodeName],
        ],
      );
      return false;
    }
    meta.ownerReferences = [
      { apiVersion: "v1", kind: "Node", name: nodeName, uid: node.metadata?.uid ?? "" },
    ];
    return true;
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
