// k8s: pkg/controller/serviceaccount/serviceaccounts_controller.go — kube-controller-manager's
// serviceaccount-controller: every active namespace has a ServiceAccount named `default`; one that is
// deleted is made again. It records no events.
// The real controller works off a queue a few milliseconds behind the namespace; the ServiceAccount
// admission waits for `default` (ten lookups ~100 ms apart), so a pod created right after its
// namespace is admitted. With no time between two shell commands here, the account is made in the
// watch callback itself, on its own RNG stream so the uids of everything else stay as they were.
import type { Namespace, ServiceAccount } from "kubernetes-types/core/v1";
import { DEFAULT_SERVICE_ACCOUNT } from "../api/serviceAccount";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError } from "../apiserver/types";
import { Rng } from "../clock";

export const SERVICEACCOUNT_CONTROLLER = "serviceaccount-controller";
const ACTOR = "controller-manager" as const;

export class ServiceAccountsController {
  private stops: (() => void)[] = [];
  private readonly rng: Rng;

  constructor(
    private readonly api: ApiServer,
    seed = 0x5e41ac,
  ) {
    this.rng = new Rng(seed);
  }

  start(): void {
    this.stops.push(
      this.api.watch<Namespace>("Namespace", {}, (e) => {
        if (e.type !== "DELETED") this.syncNamespace(e.object.metadata?.name ?? "");
      }),
      this.api.watch<ServiceAccount>("ServiceAccount", {}, (e) => {
        if (e.type === "DELETED" && e.object.metadata?.name === DEFAULT_SERVICE_ACCOUNT)
          this.syncNamespace(e.object.metadata.namespace ?? "");
      }),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
  }

  /** syncNamespace: an active namespace without `default` gets one (a terminating one does not). */
  private syncNamespace(name: string): void {
    const ns = this.api.tryGet<Namespace>("Namespace", undefined, name);
    if (!ns || ns.metadata?.deletionTimestamp || ns.status?.phase === "Terminating") return;
    if (this.api.tryGet("ServiceAccount", name, DEFAULT_SERVICE_ACCOUNT)) return;
    try {
      this.api.withRng(this.rng, () =>
        this.api.create<ServiceAccount>(
          "ServiceAccount",
          { metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: name } },
          ACTOR,
        ),
      );
    } catch (e) {
      // AlreadyExists / a namespace being terminated: nothing to do, as the controller ignores them
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
