// BIND 9's lookup tools, as Debian's dnsutils (jessie-dnsutils) and Alpine's bind-tools (agnhost)
// install them: nslookup, host and dig. Unlike the libc resolver they never read /etc/hosts; they
// send their own queries to resolv.conf's first nameserver and walk its search list (names with
// fewer dots than ndots get the search domains first; dig only with +search), and print only the
// last reply. The release comes from the image (ProcessContext.bind).
import type { DnsReply, DnsType } from "../../net/types";
import { isIPv4, parseResolvConf, query, type ResolvConf, resolveHost, searchCandidates } from "./resolver";
import type { Gen, Shell, ShellIo } from "./shell";
import { formatDate } from "./shellCommands";
import type { ProcessContext } from "./types";

const TIMED_OUT = ";; connection timed out; no servers could be reached\n";
/** CoreDNS's kubernetes plugin: `ttl 30` in kubeadm's Corefile. */
const TTL = 30;
const TYPES: DnsType[] = ["A", "AAAA", "PTR"];

const arpa = (ip: string) => `${ip.split(".").reverse().join(".")}.in-addr.arpa`;

/** The server a tool asks: its argument (an address, or a name the libc resolver finds), else resolv.conf's. */
function* serverFor(
  ctx: ProcessContext,
  arg: string | undefined,
): Gen<{ label: string; ip: string; conf: ResolvConf } | undefined> {
  const conf = parseResolvConf(ctx.fs.read("/etc/resolv.conf") ?? "");
  if (arg === undefined) {
    const ip = conf.servers[0] ?? "127.0.0.1";
    return { label: ip, ip, conf };
  }
  if (isIPv4(arg)) return { label: arg, ip: arg, conf };
  const found = yield* resolveHost(ctx, arg);
  return found ? { label: arg, ip: found.ip, conf } : undefined;
}

/**
 * One lookup as dighost runs it: each search-list candidate in turn while the answer is NXDOMAIN (or
 * SERVFAIL); the reply that ended it and the name it asked. No reply at all: a timeout.
 */
function* lookup(
  ctx: ProcessContext,
  server: string,
  name: string,
  type: DnsType,
  candidates: string[],
): Gen<{ reply: DnsReply | undefined; asked: string }> {
  let last: { reply: DnsReply | undefined; asked: string } = { reply: undefined, asked: name };
  for (const c of candidates) {
    const reply = yield* query(ctx, server, c, type);
    last = { reply, asked: c };
    if (!reply || (reply.rcode !== "NXDOMAIN" && reply.rcode !== "SERVFAIL")) break;
  }
  return last;
}

const absolute = (name: string) => [name.replace(/\.$/, "")];

/** BIND nslookup NAME [SERVER]: `Server:`/`Address: …#53`, then the answer or `** server can't find`. */
export function* bindNslookup(sh: Shell, args: string[], io: ShellIo): Gen<number> {
  const ctx = sh.ctx;
  let type: DnsType | undefined;
  const words: string[] = [];
  for (const a of args) {
    if (a === "-version") {
      io.out(`nslookup ${ctx.bind}\n`);
      return 0;
    }
    const t = /^-(?:type|querytype|query|q|ty)=(\w+)$/i.exec(a);
    if (t && TYPES.includes(t[1].toUpperCase() as DnsType)) type = t[1].toUpperCase() as DnsType;
    else if (!a.startsWith("-")) words.push(a);
  }
  const [name, serverArg] = words;
  // no name: the interactive mode's prompt, then end of input
  if (name === undefined) {
    io.out("> ");
    return 0;
  }
  const srv = yield* serverFor(ctx, serverArg);
  if (!srv) {
    io.err(`nslookup: couldn't get address for '${serverArg}': not found\n`);
    return 1;
  }
  const reverse = isIPv4(name) && (type === undefined || type === "PTR");
  const qtype = reverse ? "PTR" : (type ?? "A");
  const qname = reverse ? arpa(name) : name;
  const candidates = reverse || name.endsWith(".") ? absolute(qname) : searchCandidates(name, srv.conf);
  const { reply } = yield* lookup(ctx, srv.ip, qname, qtype, candidates);
  if (!reply) {
    io.out(TIMED_OUT);
    return 1;
  }
  io.out(`Server:\t\t${srv.label}\nAddress:\t${srv.ip}#53\n\n`);
  const typed = reverse ? qname : name.replace(/\.$/, "");
  if (reply.rcode !== "NOERROR") {
    io.out(`** server can't find ${typed}: ${reply.rcode}\n\n`);
    return 1;
  }
  if (!reply.authoritative) io.out("Non-authoritative answer:\n");
  if (reply.answers.length === 0) io.out(`*** Can't find ${typed}: No answer\n`);
  for (const a of reply.answers)
    io.out(a.type === "PTR" ? `${a.name}\tname = ${a.data}.\n` : `Name:\t${a.name}\nAddress: ${a.data}\n`);
  io.out("\n");
  return 0;
}

/** BIND host NAME [SERVER]: one line per record (`has address`, `domain name pointer`). */
export function* host(sh: Shell, args: string[], io: ShellIo): Gen<number> {
  const ctx = sh.ctx;
  let type: DnsType | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-t") {
      const t = (args[++i] ?? "").toUpperCase() as DnsType;
      if (TYPES.includes(t)) type = t;
    } else if (!a.startsWith("-")) words.push(a);
  }
  const [name, serverArg] = words;
  if (name === undefined) {
    io.err(
      "Usage: host [-aCdlriTwv] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] hostname [server]\n",
    );
    return 1;
  }
  const srv = yield* serverFor(ctx, serverArg);
  if (!srv) {
    io.err(`host: couldn't get address for '${serverArg}': not found\n`);
    return 1;
  }
  if (serverArg !== undefined)
    io.out(`Using domain server:\nName: ${srv.label}\nAddress: ${srv.ip}#53\nAliases: \n\n`);
  const reverse = isIPv4(name) && (type === undefined || type === "PTR");
  const qname = reverse ? arpa(name) : name;
  const candidates = reverse || name.endsWith(".") ? absolute(qname) : searchCandidates(name, srv.conf);
  const { reply } = yield* lookup(ctx, srv.ip, qname, reverse ? "PTR" : (type ?? "A"), candidates);
  if (!reply) {
    io.out(TIMED_OUT);
    return 1;
  }
  if (reply.rcode !== "NOERROR") {
    const code = { NXDOMAIN: 3, SERVFAIL: 2, REFUSED: 5 }[reply.rcode];
    io.out(`Host ${reverse ? `${qname}.` : name} not found: ${code}(${reply.rcode})\n`);
    return 1;
  }
  // the default lookups (A, then AAAA and MX) print nothing for the record types a name lacks
  for (const a of reply.answers)
    io.out(
      a.type === "PTR"
        ? `${a.name} domain name pointer ${a.data}.\n`
        : `${a.name} has ${a.type === "AAAA" ? "IPv6 address" : "address"} ${a.data}\n`,
    );
  return 0;
}

/** masterdump.c indent(): tabs (width 8) up to the column, or one blank once past it. */
function column(text: string, pos: number, to: number): { text: string; pos: number } {
  const target = Math.max(to, pos + 1);
  const tabs = Math.floor(target / 8) - Math.floor(pos / 8);
  if (tabs > 0) return { text: `${text}${"\t".repeat(tabs)}${" ".repeat(target % 8)}`, pos: target };
  return { text: `${text}${" ".repeat(target - pos)}`, pos: target };
}

/** One line of dig's output: fields at columns 24 (TTL), 32 (class), 40 (type), 48 (data). */
function rrLine(fields: string[], columns: number[]): string {
  let out = { text: fields[0], pos: fields[0].length };
  fields.slice(1).forEach((f, i) => {
    out = column(out.text, out.pos, columns[i]);
    out = { text: out.text + f, pos: out.pos + f.length };
  });
  return out.text;
}

/** Bytes of a name in wire format (no compression: CoreDNS compresses only replies near the UDP limit). */
const wireName = (name: string) =>
  name === "" ? 1 : name.split(".").reduce((n, label) => n + label.length + 1, 0) + 1;

/** dig [@SERVER] NAME [TYPE] [-x ADDR] [+short] [+search]: the full reply, or its data with +short. */
export function* dig(sh: Shell, args: string[], io: ShellIo): Gen<number> {
  const ctx = sh.ctx;
  const release = ctx.bind ?? "9";
  const [major, minor] = release.split(/[.-]/).map(Number);
  const modern = major > 9 || minor >= 16;
  let serverArg: string | undefined;
  let name: string | undefined;
  let type: DnsType | undefined;
  let short = false;
  let useSearch = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("@")) serverArg = a.slice(1);
    else if (a === "+short") short = true;
    else if (a === "+search") useSearch = true;
    else if (a === "+nosearch") useSearch = false;
    else if (a.startsWith("+")) continue;
    else if (a === "-x") {
      name = arpa(args[++i] ?? "");
      type = "PTR";
    } else if (a === "-t") {
      const t = (args[++i] ?? "").toUpperCase() as DnsType;
      if (TYPES.includes(t)) type = t;
    } else if (TYPES.includes(a.toUpperCase() as DnsType) && name !== undefined)
      type = a.toUpperCase() as DnsType;
    else if (!a.startsWith("-")) name = a;
  }
  const qtype = type ?? "A";
  const qname = (name ?? "").replace(/\.$/, "");
  const srv = yield* serverFor(ctx, serverArg);
  if (!srv) {
    io.err(`dig: couldn't get address for '${serverArg}': not found\n`);
    return 10;
  }
  const banner = `\n; <<>> DiG ${release} <<>> ${args.join(" ")}\n;; global options: +cmd\n`;
  const candidates = useSearch && !(name ?? "").endsWith(".") ? searchCandidates(qname, srv.conf) : [qname];
  const { reply, asked } = yield* lookup(ctx, srv.ip, qname, qtype, candidates);
  if (!reply) {
    io.out(short ? TIMED_OUT : banner + TIMED_OUT);
    return 9;
  }
  if (short) {
    for (const a of reply.answers) io.out(a.type === "PTR" ? `${a.data}.\n` : `${a.data}\n`);
    return 0;
  }
  const fqdn = (n: string) => `${n}.`;
  const answers = reply.answers.map((a) =>
    rrLine(
      [fqdn(a.name), String(TTL), "IN", a.type, a.type === "PTR" ? fqdn(a.data) : a.data],
      [24, 32, 40, 48],
    ),
  );
  const soa = reply.soa;
  const authority = soa
    ? [
        rrLine(
          [
            fqdn(soa.zone),
            String(TTL),
            "IN",
            "SOA",
            `ns.dns.${soa.zone}. hostmaster.${soa.zone}. ${soa.serial} 7200 1800 86400 ${TTL}`,
          ],
          [24, 32, 40, 48],
        ),
      ]
    : [];
  const flags = reply.authoritative ? "qr aa rd" : "qr rd ra";
  const udp = modern ? 1232 : 4096;
  let hash = 0;
  for (const ch of `${asked}/${ctx.now()}`) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  const question = wireName(asked) + 4;
  const size =
    12 +
    question +
    reply.answers.reduce(
      (n, a) => n + wireName(a.name) + 10 + (a.type === "A" ? 4 : a.type === "AAAA" ? 16 : wireName(a.data)),
      0,
    ) +
    (soa
      ? wireName(soa.zone) + 10 + wireName(`ns.dns.${soa.zone}`) + wireName(`hostmaster.${soa.zone}`) + 20
      : 0) +
    11;
  const lines = [
    ";; Got answer:",
    `;; ->>HEADER<<- opcode: QUERY, status: ${reply.rcode}, id: ${hash & 0xffff}`,
    `;; flags: ${flags}; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: ${authority.length}, ADDITIONAL: 1`,
    ...(reply.authoritative ? [";; WARNING: recursion requested but not available"] : []),
    "",
    ";; OPT PSEUDOSECTION:",
    `; EDNS: version: 0, flags:; udp: ${udp}`,
    ";; QUESTION SECTION:",
    `;${rrLine([fqdn(asked), "IN", qtype], [32, 40])}`,
    "",
    ...(answers.length ? [";; ANSWER SECTION:", ...answers, ""] : []),
    ...(authority.length ? [";; AUTHORITY SECTION:", ...authority, ""] : []),
    ";; Query time: 0 msec",
    `;; SERVER: ${srv.ip}#53(${srv.ip})${major > 9 || minor >= 18 ? " (UDP)" : ""}`,
    `;; WHEN: ${formatDate(ctx.wallMs())}`,
    `;; MSG SIZE  rcvd: ${size}`,
    "",
  ];
  io.out(`${banner}${lines.join("\n")}\n`);
  return 0;
}
