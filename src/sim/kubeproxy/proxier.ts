// k8s: pkg/proxy/iptables/proxier.go (Proxier: OnServiceUpdate/OnEndpointSliceUpdate → Sync through a
// BoundedFrequencyRunner → syncProxyRules → iptables-restore) — simplified: watches the API server
// directly, always a full sync, and every added or removed rule is a trace event.
import type { Service } from "kubernetes-types/core/v1";
import type { ApiServerClient } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";
import type { EndpointSlice } from "../controllers/endpoints";
import type { TraceLog } from "../trace";
import { BUILTIN_CHAINS, type Chain, type Netfilter, ruleSaveText, type TableName } from "./netfilter";
import { JUMP_RULES, type ProxyConfig, syncProxyRules } from "./proxierRules";

export interface KubeProxyOptions extends ProxyConfig {
  api: ApiServerClient;
  clock: Clock;
  trace: TraceLog;
  netfilter: Netfilter;
  /** iptables.minSyncPeriod (kubeadm's KubeProxyConfiguration: 1s). */
  minSyncPeriodMs?: number;
}

const OWNED_PREFIXES = ["KUBE-SVC-", "KUBE-SEP-", "KUBE-EXT-", "KUBE-SVL-", "KUBE-FW-"];

export class KubeProxy {
  private readonly o: KubeProxyOptions;
  private stops: (() => void)[] = [];
  private timer?: TimerHandle;
  private lastSync = Number.NEGATIVE_INFINITY;
  private initialized = false;
  /** How many syncs ran (tests and the UI read it). */
  syncs = 0;

  constructor(o: KubeProxyOptions) {
    this.o = o;
  }

  start(): void {
    const { api } = this.o;
    this.ensureJumps();
    this.stops.push(
      api.watch("Service", {}, () => this.queueSync()),
      api.watch("EndpointSlice", {}, () => this.queueSync()),
    );
    // OnServiceSynced / OnEndpointSlicesSynced: the first sync runs once both informers listed
    this.initialized = true;
    this.syncNow();
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    if (this.timer !== undefined) this.o.clock.cancel(this.timer);
    this.timer = undefined;
  }

  /** BoundedFrequencyRunner.Run: at once, unless the last sync was less than minSyncPeriod ago. */
  private queueSync(): void {
    if (!this.initialized || this.timer !== undefined) return;
    const min = this.o.minSyncPeriodMs ?? 1000;
    const delay = Math.max(0, this.lastSync + min - this.o.clock.now());
    this.timer = this.o.clock.setTimer(
      delay,
      () => {
        this.timer = undefined;
        this.syncNow();
      },
      "kube-proxy syncProxyRules",
    );
  }

  /** The jump rules from the built-in chains, ensured once at start (EnsureRule Prepend). */
  private ensureJumps(): void {
    const nf = this.o.netfilter;
    for (const j of JUMP_RULES) {
      nf.ensureChain(j.table, j.rule.jump);
      if (nf.ensureRulePrepend(j.table, j.from, j.rule))
        this.record(j.table, j.from, "+", ruleSaveText(j.from, j.rule));
    }
  }

  syncNow(): void {
    const { api } = this.o;
    this.lastSync = this.o.clock.now();
    this.syncs++;
    const services = api.list<Service>("Service");
    const slices = api.list<EndpointSlice>("EndpointSlice");
    const want = syncProxyRules(this.o, services, slices);
    this.restore("filter", want.filter);
    this.restore("nat", want.nat);
  }

  /** iptables-restore --noflush of the owned chains; stale service chains are flushed and deleted. */
  private restore(table: TableName, chains: Chain[]): void {
    const nf = this.o.netfilter;
    const wanted = new Set(chains.map((c) => c.name));
    const stale = nf
      .chainNames(table)
      .filter(
        (n) =>
          !wanted.has(n) && OWNED_PREFIXES.some((p) => n.startsWith(p)) && !BUILTIN_CHAINS[table].includes(n),
      );
    const before = new Map<string, string[] | undefined>();
    for (const name of [...wanted, ...stale])
      before.set(
        name,
        nf.getChain(table, name)?.rules.map((r) => ruleSaveText(name, r)),
      );
    nf.restore(table, chains, stale);
    for (const name of stale) {
      for (const text of before.get(name) ?? []) this.record(table, name, "-", text);
      this.record(table, name, "-", `-X ${name}`);
    }
    for (const c of chains) {
      const old = before.get(c.name);
      if (old === undefined) this.record(table, c.name, "+", `-N ${c.name}`);
      const now = c.rules.map((r) => ruleSaveText(c.name, r));
      for (const text of old ?? []) if (!now.includes(text)) this.record(table, c.name, "-", text);
      for (const text of now) if (!(old ?? []).includes(text)) this.record(table, c.name, "+", text);
    }
  }

  private record(table: TableName, chain: string, op: "+" | "-", rule: string): void {
    const { trace } = this.o;
    if (!trace.enabled) return;
    trace.record({
      from: "kube-proxy",
      to: "kernel",
      kind: "iptables",
      summary: `${op} ${table === "nat" ? "" : `[${table}] `}${rule}`,
      detail: { table, chain, op, rule },
    });
  }
}
