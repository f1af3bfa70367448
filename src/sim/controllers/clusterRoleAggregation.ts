// k8s: pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go — kube-controller-
// manager's clusterrole-aggregation controller: a ClusterRole with an aggregationRule gets the rules of
// every ClusterRole its selectors match (sorted by name, each rule once). That is how admin, edit and
// view grow when a CRD's installer labels a role `rbac.authorization.k8s.io/aggregate-to-view: "true"`.
// The real controller works off a queue; with no time between shell commands it syncs in the watch
// callback, as the ServiceAccounts controller does.
import { type LabelSelector, selectorMatches } from "../api/labelSelector";
import type { PolicyRule, RoleObject } from "../api/rbac";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError } from "../apiserver/types";

const ACTOR = "controller-manager" as const;

export class ClusterRoleAggregationController {
  private stops: (() => void)[] = [];
  private syncing = false;
  private dirty = false;

  constructor(private readonly api: ApiServer) {}

  start(): void {
    this.stops.push(this.api.watch<RoleObject>("ClusterRole", {}, () => this.syncAll()));
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
  }

  /** Every aggregated role again (there are few); repeated until a pass changes nothing. */
  private syncAll(): void {
    if (this.syncing) {
      this.dirty = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.dirty = false;
        for (const role of this.api.list<RoleObject>("ClusterRole"))
          if (role.aggregationRule) this.syncRole(role);
      } while (this.dirty);
    } finally {
      this.syncing = false;
    }
  }

  private syncRole(role: RoleObject): void {
    const all = this.api
      .list<RoleObject>("ClusterRole")
      .sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1));
    const rules: PolicyRule[] = [];
    const seen = new Set<string>();
    for (const sel of role.aggregationRule?.clusterRoleSelectors ?? [])
      for (const r of all) {
        if (r.metadata?.name === role.metadata?.name) continue;
        if (!selectorMatches(sel as LabelSelector, r.metadata?.labels)) continue;
        for (const rule of r.rules ?? []) {
          const key = JSON.stringify(rule);
          if (seen.has(key)) continue;
          seen.add(key);
          rules.push(rule);
        }
      }
    if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return;
    try {
      this.api.update("ClusterRole", { ...role, rules }, ACTOR);
    } catch (e) {
      // a conflict: the next event syncs it again
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
