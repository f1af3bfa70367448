// The node kernel's iptables tables (netfilter), as kube-proxy writes them with iptables-restore and
// `iptables -L` / `iptables-save` read them — simplified: only the matches and targets kube-proxy
// and the kubelet use, IPv4 only, no counters.
import type { Rng } from "../clock";

export type TableName = "filter" | "nat" | "mangle";

export type Match =
  | { m: "comment"; comment: string }
  | { m: "tcp" | "udp" | "sctp"; dport?: number }
  /** `-m statistic --mode random --probability p`: p as the kernel keeps it, a u32 out of 2^31. */
  | { m: "statistic"; probability: number }
  | { m: "mark"; invert?: boolean; mark: number; mask: number }
  | { m: "addrtype"; dstType: string }
  | { m: "conntrack"; invert?: boolean; ctstate: string };

export type Target =
  | { t: "DNAT"; to: string }
  /** MARK --or-mark / --xor-mark are kept (and saved) as --set-xmark value/mask. */
  | { t: "MARK"; xmark: number; mask: number }
  | { t: "MASQUERADE"; randomFully?: boolean }
  | { t: "REJECT"; rejectWith: string };

export interface Rule {
  /** `10.244.0.5/32` */
  src?: string;
  srcInvert?: boolean;
  dst?: string;
  proto?: "tcp" | "udp" | "sctp";
  matches: Match[];
  /** `-j`: a chain or a built-in target (ACCEPT, DROP, RETURN, REJECT, DNAT, MARK, MASQUERADE). */
  jump: string;
  target?: Target;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user chains have none (`-`). */
  policy?: "ACCEPT" | "DROP";
  rules: Rule[];
}

export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
};

/** kube-proxy's probability for the i-th of n endpoints (1/n), stored as the kernel's u32. */
export function probabilityU32(p: number): number {
  return Math.round(p * 0x80000000);
}

/** Go's `%0.10f` of 1/n, as kube-proxy writes it; iptables-save prints the kernel's value with %.11f. */
export const probabilityText = (u32: number): string => (u32 / 0x80000000).toFixed(11);

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

/** libxtables' xtables_save_string: quoted unless only [A-Za-z0-9_-]. */
export function saveString(s: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(s)) return s;
  return `"${s.replace(/(["\\'])/g, "\\$1")}"`;
}

function matchSave(m: Match): string {
  switch (m.m) {
    case "comment":
      return `-m comment --comment ${saveString(m.comment)}`;
    case "tcp":
    case "udp":
    case "sctp":
      return `-m ${m.m}${m.dport !== undefined ? ` --dport ${m.dport}` : ""}`;
    case "statistic":
      return `-m statistic --mode random --probability ${probabilityText(m.probability)}`;
    case "mark":
      return `-m mark ${m.invert ? "! " : ""}--mark ${hex(m.mark)}/${hex(m.mask)}`;
    case "addrtype":
      return `-m addrtype --dst-type ${m.dstType}`;
    case "conntrack":
      return `-m conntrack ${m.invert ? "! " : ""}--ctstate ${m.ctstate}`;
  }
}

function targetSave(r: Rule): string {
  const t = r.target;
  if (!t) return `-j ${r.jump}`;
  switch (t.t) {
    case "DNAT":
      return `-j DNAT --to-destination ${t.to}`;
    case "MARK":
      return `-j MARK --set-xmark ${hex(t.xmark)}/${hex(t.mask)}`;
    case "MASQUERADE":
      return `-j MASQUERADE${t.randomFully ? " --random-fully" : ""}`;
    case "REJECT":
      return `-j REJECT --reject-with ${t.rejectWith}`;
  }
}

/** One rule as iptables-save prints it: `-A CHAIN [! -s a] [-d b] [-p p] matches… -j target`. */
export function ruleSaveText(chain: string, r: Rule): string {
  const parts = [`-A ${chain}`];
  if (r.src) parts.push(`${r.srcInvert ? "! " : ""}-s ${r.src}`);
  if (r.dst) parts.push(`-d ${r.dst}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches) parts.push(matchSave(m));
  parts.push(targetSave(r));
  return parts.join(" ");
}

export interface TableSnapshot {
  name: TableName;
  chains: Chain[];
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
}

/** Whether `ip` is inside `cidr` (`10.244.0.0/16`, `10.96.0.1/32`). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText ?? 32);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (ipToInt(ip) & mask) >>> 0 === (ipToInt(base) & mask) >>> 0;
}

export interface Packet {
  src: string;
  dst: string;
  proto: "tcp" | "udp";
  dport: number;
  /** The address types the kernel knows as local (the node's own IPs). */
  localAddrs?: string[];
}

/** Where a packet ends up after the nat and filter hooks. */
export interface Verdict {
  /** The rules that matched, in order, as `CHAIN: rule text`. */
  path: { chain: string; rule: Rule }[];
  dnat?: { ip: string; port: number };
  rejected?: { rule: Rule; with: string };
  dropped?: boolean;
  masquerade?: boolean;
}

/**
 * The kernel's tables. kube-proxy replaces whole chains (iptables-restore --noflush); readers get
 * copies. `traverse` walks a packet through nat OUTPUT/PREROUTING and filter FORWARD/OUTPUT.
 */
export class Netfilter {
  private readonly tables = new Map<TableName, Map<string, Chain>>();

  constructor() {
    for (const t of ["mangle", "filter", "nat"] as TableName[]) {
      const chains = new Map<string, Chain>();
      for (const c of BUILTIN_CHAINS[t]) chains.set(c, { name: c, policy: "ACCEPT", rules: [] });
      this.tables.set(t, chains);
    }
  }

  private table(t: TableName): Map<string, Chain> {
    return this.tables.get(t)!;
  }

  ensureChain(t: TableName, name: string): void {
    const chains = this.table(t);
    if (!chains.has(name)) chains.set(name, { name, rules: [] });
  }

  /** EnsureRule(Prepend): insert at the top unless an identical rule is already there. */
  ensureRulePrepend(t: TableName, chain: string, rule: Rule): boolean {
    this.ensureChain(t, chain);
    const c = this.table(t).get(chain)!;
    const text = ruleSaveText(chain, rule);
    if (c.rules.some((r) => ruleSaveText(chain, r) === text)) return false;
    c.rules.unshift(rule);
    return true;
  }

  appendRule(t: TableName, chain: string, rule: Rule): void {
    this.ensureChain(t, chain);
    this.table(t).get(chain)!.rules.push(rule);
  }

  /** iptables-restore --noflush: each listed chain is flushed and refilled; chains in `remove` deleted. */
  restore(t: TableName, chains: Chain[], remove: string[] = []): void {
    const table = this.table(t);
    for (const c of chains) {
      const old = table.get(c.name);
      table.set(c.name, { name: c.name, policy: old?.policy, rules: c.rules.slice() });
    }
    for (const name of remove) if (!BUILTIN_CHAINS[t].includes(name)) table.delete(name);
  }

  chainNames(t: TableName): string[] {
    return [...this.table(t).keys()];
  }

  getChain(t: TableName, name: string): Chain | undefined {
    const c = this.table(t).get(name);
    return c ? { ...c, rules: c.rules.slice() } : undefined;
  }

  /** Built-in chains in hook order, then user chains sorted by name (libiptc's order). */
  snapshot(t: TableName): TableSnapshot {
    const table = this.table(t);
    const builtins = BUILTIN_CHAINS[t];
    const user = [...table.keys()].filter((n) => !builtins.includes(n)).sort();
    return {
      name: t,
      chains: [...builtins, ...user].map((n) => ({ ...table.get(n)!, rules: table.get(n)!.rules.slice() })),
    };
  }

  /** How many rules jump to `chain` (the `(N references)` of `iptables -L`). */
  references(t: TableName, chain: string): number {
    let n = 0;
    for (const c of this.table(t).values()) for (const r of c.rules) if (r.jump === chain) n++;
    return n;
  }

  /**
   * A new connection's first packet: nat (PREROUTING for a pod's packet, OUTPUT for the host's),
   * then filter (FORWARD / OUTPUT). `random` draws for `-m statistic`.
   */
  traverse(p: Packet, fromHost: boolean, random: Rng): Verdict {
    const v: Verdict = { path: [] };
    let mark = 0;
    const walk = (t: TableName, chainName: string, depth: number, pkt: Packet): "done" | "return" => {
      const chain = this.table(t).get(chainName);
      if (!chain || depth > 16) return "return";
      for (const rule of chain.rules) {
        if (!this.matches(rule, pkt, mark, random)) continue;
        if (rule.jump === "RETURN") return "return";
        const tgt = rule.target;
        if (tgt?.t === "MARK") {
          v.path.push({ chain: chainName, rule });
          mark = (mark & ~tgt.mask) ^ tgt.xmark;
          continue;
        }
        if (tgt?.t === "DNAT") {
          v.path.push({ chain: chainName, rule });
          const [ip, port] = tgt.to.split(":");
          v.dnat = { ip, port: Number(port) };
          return "done";
        }
        if (tgt?.t === "REJECT") {
          v.path.push({ chain: chainName, rule });
          v.rejected = { rule, with: tgt.rejectWith };
          return "done";
        }
        if (rule.jump === "DROP") {
          v.path.push({ chain: chainName, rule });
          v.dropped = true;
          return "done";
        }
        if (rule.jump === "ACCEPT") return "done";
        if (tgt?.t === "MASQUERADE") continue;
        if (this.table(t).has(rule.jump)) {
          v.path.push({ chain: chainName, rule });
          if (walk(t, rule.jump, depth + 1, pkt) === "done") return "done";
        }
      }
      return "return";
    };
    walk("nat", fromHost ? "OUTPUT" : "PREROUTING", 0, p);
    const after = v.dnat ? { ...p, dst: v.dnat.ip, dport: v.dnat.port } : p;
    if (!v.rejected) walk("filter", fromHost ? "OUTPUT" : "FORWARD", 0, after);
    v.masquerade = (mark & 0x4000) !== 0;
    return v;
  }

  private matches(r: Rule, p: Packet, mark: number, random: Rng): boolean {
    if (r.src && inCidr(p.src, r.src) === !!r.srcInvert) return false;
    if (r.dst && !inCidr(p.dst, r.dst)) return false;
    if (r.proto && r.proto !== p.proto) return false;
    for (const m of r.matches) {
      switch (m.m) {
        case "tcp":
        case "udp":
        case "sctp":
          if (m.dport !== undefined && m.dport !== p.dport) return false;
          break;
        case "statistic":
          // xt_statistic: (get_random_u32() & 0x7FFFFFFF) < probability
          if ((random.nextUint32() & 0x7fffffff) >= m.probability) return false;
          break;
        case "mark":
          if (((mark & m.mask) === m.mark) === !!m.invert) return false;
          break;
        case "addrtype":
          if (m.dstType === "LOCAL" && !(p.localAddrs ?? []).includes(p.dst)) return false;
          break;
        case "conntrack":
          // The first packet of a connection is NEW and nothing else.
          if ((m.ctstate.split(",").includes("NEW") && !m.ctstate.includes("INVALID")) === !!m.invert)
            return false;
          break;
      }
    }
    return true;
  }
}
