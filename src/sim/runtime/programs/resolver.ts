// A container's name resolution: the libc stub resolver wget uses (resolv.conf's search list and
// ndots, /etc/hosts first) and busybox nslookup — the old getaddrinfo-based one (≤ 1.28) and the one
// that builds its own DNS queries (1.29+: search domains for dotless names only, A then AAAA, one
// reply block per query). Queries go to PodNetwork.dnsQuery; without one, only localhost and the
// pod's own names resolve.
import type { DnsReply, DnsType } from "../../net/types";
import type { Gen, Shell, ShellIo } from "./shell";
import type { ProcessContext } from "./types";

export interface ResolvConf {
  servers: string[];
  search: string[];
  ndots: number;
}

export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { servers: [], search: [], ndots: 1 };
  for (const line of text.split("\n")) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === "nameserver" && rest[0]) conf.servers.push(rest[0]);
    else if (key === "search" || key === "domain") conf.search = rest;
    else if (key === "options")
      for (const o of rest) {
        const m = /^ndots:(\d+)$/.exec(o);
        if (m) conf.ndots = Math.min(15, Number(m[1]));
      }
  }
  return conf;
}

export const isIPv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

/** One question to the first nameserver; undefined when nothing answers (a timeout). */
export function* query(
  ctx: ProcessContext,
  server: string,
  name: string,
  type: DnsType,
): Gen<DnsReply | undefined> {
  if (!ctx.net.dnsQuery) {
    // no cluster DNS modelled (a real runtime's host): nothing answers
    yield { kind: "sleep", ms: 5 };
    return undefined;
  }
  try {
    return (yield {
      kind: "wait",
      d: ctx.net.dnsQuery({ server, name, type, source: ctx.podIp || undefined }),
    }) as DnsReply;
  } catch {
    return undefined;
  }
}

function hostsFile(ctx: ProcessContext, name: string): string | undefined {
  for (const line of (ctx.fs.read("/etc/hosts") ?? "").split("\n")) {
    const [ip, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (ip && names.includes(name) && isIPv4(ip)) return ip;
  }
  return name === "localhost" ? "127.0.0.1" : undefined;
}

/** The candidate names res_search tries: with fewer than ndots dots, the search list first. */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const dots = name.split(".").length - 1;
  const withSearch = conf.search.map((d) => `${name}.${d}`);
  return dots >= conf.ndots ? [name, ...withSearch] : [...withSearch, name];
}

/** getaddrinfo(): an IPv4 address for `name`, or undefined (wget's `bad address`). */
export function* resolveHost(
  ctx: ProcessContext,
  name: string,
): Gen<{ ip: string; fqdn: string } | undefined> {
  if (isIPv4(name)) return { ip: name, fqdn: name };
  const fromHosts = hostsFile(ctx, name);
  if (fromHosts) return { ip: fromHosts, fqdn: name };
  const conf = parseResolvConf(ctx.fs.read("/etc/resolv.conf") ?? "");
  const server = conf.servers[0] ?? "127.0.0.1";
  for (const candidate of searchCandidates(name, conf)) {
    const r = yield* query(ctx, server, candidate, "A");
    if (!r) return undefined;
    const a = r.answers.find((x) => x.type === "A");
    if (r.rcode === "NOERROR" && a) return { ip: a.data, fqdn: candidate };
  }
  return undefined;
}

/** A PTR name for an address (the old nslookup prints it after each address). */
function* reverse(ctx: ProcessContext, server: string, ip: string): Gen<string | undefined> {
  if (ip === "127.0.0.1") return "localhost";
  const ptr = `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
  const r = yield* query(ctx, server, ptr, "PTR");
  return r?.rcode === "NOERROR" ? r.answers.find((a) => a.type === "PTR")?.data : undefined;
}

/** resolv.conf, and the server nslookup asks: its second argument, else the first nameserver. */
function serverOf(ctx: ProcessContext, serverArg: string | undefined): { conf: ResolvConf; server: string } {
  const conf = parseResolvConf(ctx.fs.read("/etc/resolv.conf") ?? "");
  return { conf, server: serverArg ?? conf.servers[0] ?? "127.0.0.1" };
}

/** busybox ≤ 1.28: `Server:`/`Address 1:` from getaddrinfo, reverse names, `can't resolve` on failure. */
export function* nslookupOld(
  sh: Shell,
  name: string,
  serverArg: string | undefined,
  io: ShellIo,
): Gen<number> {
  const ctx = sh.ctx;
  const { server } = serverOf(ctx, serverArg);
  const serverName = yield* reverse(ctx, server, server);
  io.out(`Server:    ${server}\nAddress 1: ${server}${serverName ? ` ${serverName}` : ""}\n\n`);
  const found = yield* resolveHost(ctx, name);
  if (!found) {
    io.err(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  const rev = yield* reverse(ctx, server, found.ip);
  io.out(`Name:      ${name}\nAddress 1: ${found.ip}${rev ? ` ${rev}` : ""}\n`);
  return 0;
}

/** busybox 1.29+: its own queries, printed reply by reply; exit 1 when any came back NXDOMAIN. */
export function* nslookupNew(
  sh: Shell,
  name: string,
  serverArg: string | undefined,
  io: ShellIo,
): Gen<number> {
  const ctx = sh.ctx;
  const { conf, server } = serverOf(ctx, serverArg);
  const queries: { name: string; type: DnsType }[] = [];
  if (isIPv4(name))
    queries.push({ name: `${name.split(".").reverse().join(".")}.in-addr.arpa`, type: "PTR" });
  else
    for (const type of ["A", "AAAA"] as DnsType[]) {
      // add_query_with_search: only a name without a dot gets the search domains
      const names =
        name.includes(".") || conf.search.length === 0 ? [name] : conf.search.map((d) => `${name}.${d}`);
      for (const n of names) queries.push({ name: n, type });
    }
  const replies: (DnsReply | undefined)[] = [];
  for (const q of queries) replies.push(yield* query(ctx, server, q.name, q.type));
  if (replies.every((r) => r === undefined)) {
    io.out(";; connection timed out; no servers could be reached\n\n");
    return 1;
  }
  io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  let code = 0;
  queries.forEach((q, i) => {
    const r = replies[i];
    if (!r) return;
    if (r.rcode !== "NOERROR") {
      io.out(`** server can't find ${q.name}: ${r.rcode}\n\n`);
      code = 1;
      return;
    }
    if (!r.authoritative) io.out("Non-authoritative answer:\n");
    if (r.answers.length === 0) io.out(`*** Can't find ${q.name}: No answer\n`);
    for (const a of r.answers)
      io.out(a.type === "PTR" ? `${a.name}\tname = ${a.data}\n` : `Name:\t${a.name}\nAddress: ${a.data}\n`);
    io.out("\n");
  });
  return code;
}
