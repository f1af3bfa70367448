// iptables 1.8.10 (nf_tables) output: `iptables -L` (print_header / print_firewall and each match's and
// target's print function), `iptables -S` and `iptables-save` (each one's save function).
import { type Chain, type Rule, ruleSaveText, type TableSnapshot } from "../../sim/kubeproxy/netfilter";

export const IPTABLES_VERSION = "v1.8.10 (nf_tables)";

export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  lineNumbers: boolean;
  /** Reverse lookups for addresses (the node's /etc/hosts). */
  hostName?: (ip: string) => string | undefined;
}

/** /etc/services on the node (netbase): the names `-L` shows for ports unless -n. */
const SERVICES: Record<number, string> = {
  22: "ssh",
  53: "domain",
  80: "http",
  443: "https",
  3306: "mysql",
  5432: "postgresql",
  8080: "http-alt",
};

const port = (p: number, f: ListFormat) => (f.numeric ? String(p) : (SERVICES[p] ?? String(p)));
const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

/** xtables_ipaddr_to_anyname + ipmask_to_numeric: `anywhere`, `10.96.0.1`, `10.244.0.0/16`. */
function address(cidr: string | undefined, f: ListFormat): string {
  if (!cidr) return f.numeric ? "0.0.0.0/0" : "anywhere";
  const [ip, bits] = cidr.split("/");
  const suffix = bits === undefined || bits === "32" ? "" : `/${bits}`;
  if (f.numeric) return ip + suffix;
  return (suffix === "" ? f.hostName?.(ip) : undefined) ?? ip + suffix;
}

/** Each match's print(): a leading space, as libxtables prints them. */
function matchText(r: Rule, f: ListFormat): string {
  let s = "";
  for (const m of r.matches) {
    switch (m.m) {
      case "comment":
        s += ` /* ${m.comment} */`;
        break;
      case "tcp":
      case "udp":
      case "sctp":
        s += ` ${m.m}${m.dport !== undefined ? ` dpt:${port(m.dport, f)}` : ""}`;
        break;
      case "statistic":
        s += ` statistic mode random probability ${(m.probability / 0x80000000).toFixed(11)}`;
        break;
      case "mark":
        s += ` mark match${m.invert ? " !" : ""} ${hex(m.mark)}/${hex(m.mask)}`;
        break;
      case "addrtype":
        s += ` ADDRTYPE match dst-type ${m.dstType}`;
        break;
      case "conntrack":
        s += `${m.invert ? " !" : ""} ctstate ${m.ctstate}`;
        break;
    }
  }
  const t = r.target;
  if (t?.t === "DNAT") s += ` to:${t.to}`;
  else if (t?.t === "MARK") {
    if (t.xmark === t.mask) s += ` MARK or ${hex(t.xmark)}`;
    else if (t.mask === 0) s += ` MARK xor ${hex(t.xmark)}`;
    else if (t.xmark === 0) s += ` MARK and ${hex(~t.mask)}`;
    else s += ` MARK xset ${hex(t.xmark)}/${hex(t.mask)}`;
  } else if (t?.t === "MASQUERADE" && t.randomFully) s += " random-fully";
  else if (t?.t === "REJECT") s += ` reject-with ${t.rejectWith}`;
  return s;
}

function header(chain: Chain, refs: number, f: ListFormat): string {
  let s = `Chain ${chain.name}`;
  s += chain.policy
    ? ` (policy ${chain.policy}${f.verbose ? " 0 packets, 0 bytes" : ""})\n`
    : ` (${refs} references)\n`;
  let h = "";
  if (f.lineNumbers) h += "num  ";
  if (f.verbose) h += " pkts bytes ";
  h += "target     prot opt";
  if (f.verbose) h += ` ${"in".padEnd(6)} ${"out".padEnd(6)} `;
  h += ` ${"source".padEnd(19)}  ${"destination".padEnd(19)} `;
  return `${s}${h}\n`;
}

function ruleLine(r: Rule, n: number, f: ListFormat): string {
  let s = "";
  if (f.lineNumbers) s += `${String(n).padEnd(4)} `;
  if (f.verbose) s += `${"0".padStart(5)} ${"0".padStart(5)} `;
  s += `${r.jump.padEnd(9)} `;
  s += ` ${(r.proto ?? "all").padEnd(5)}`;
  s += "-- ";
  if (f.verbose) {
    const any = f.numeric ? "*" : "any";
    s += ` ${any.padEnd(6)} ${any.padEnd(6)} `;
  }
  s += `${r.srcInvert ? "!" : " "}${address(r.src, f).padEnd(19)} `;
  s += ` ${address(r.dst, f).padEnd(19)} `;
  return `${s}${matchText(r, f)}\n`;
}

/** `iptables -L [chain]`: one block per chain, a blank line between blocks. */
export function listChains(chains: { chain: Chain; refs: number }[], f: ListFormat): string {
  return chains
    .map(
      ({ chain, refs }) => header(chain, refs, f) + chain.rules.map((r, i) => ruleLine(r, i + 1, f)).join(""),
    )
    .join("\n");
}

/** `iptables -S [chain]`: -P / -N lines, then the rules as iptables-save writes them. */
export function specChains(chains: Chain[]): string {
  const heads = chains.map((c) => (c.policy ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`));
  const rules = chains.flatMap((c) => c.rules.map((r) => ruleSaveText(c.name, r)));
  return [...heads, ...rules].map((l) => `${l}\n`).join("");
}

/** C's ctime(): `Thu Jan 15 09:01:00 2026` (UTC on the node). */
export function ctime(epochMs: number): string {
  const d = new Date(epochMs);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** One table as iptables-save prints it (nft variant: a Generated/Completed pair per table). */
export function saveTable(t: TableSnapshot, prog: string, epochMs: number, counters: boolean): string {
  const when = ctime(epochMs);
  let s = `# Generated by ${prog} ${IPTABLES_VERSION} on ${when}\n*${t.name}\n`;
  for (const c of t.chains) s += `:${c.name} ${c.policy ?? "-"} [0:0]\n`;
  for (const c of t.chains)
    for (const r of c.rules) s += `${counters ? "[0:0] " : ""}${ruleSaveText(c.name, r)}\n`;
  return `${s}COMMIT\n# Completed on ${when}\n`;
}
