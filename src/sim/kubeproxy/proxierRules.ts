// k8s: pkg/proxy/iptables/proxier.go (syncProxyRules, writeServiceToEndpointRules) + pkg/proxy/topology.go
// (CategorizeEndpoints) — the pure part of kube-proxy: Services and EndpointSlices in, the filter and nat
// chains it owns out. Simplified: IPv4, Cluster traffic policies, no session affinity or load balancers.
import type { Service } from "kubernetes-types/core/v1";
import { type EndpointSlice, LABEL_SERVICE_NAME } from "../controllers/endpoints";
import { type Chain, type Match, probabilityU32, type Rule } from "./netfilter";
import { base32, sha256 } from "./sha256";

export const MASQ_MARK = 0x4000;

export interface ProxyConfig {
  /** --cluster-cidr (detect-local-mode ClusterCIDR): traffic from outside it is masqueraded. */
  clusterCIDR: string;
}

export interface ServicePortInfo {
  /** `default/web` or `default/web:http` — proxy.ServicePortName.String(). */
  nameString: string;
  namespace: string;
  name: string;
  portName: string;
  protocol: "tcp" | "udp" | "sctp";
  clusterIP: string;
  port: number;
  nodePort?: number;
  externalIPs: string[];
}

export interface EndpointInfo {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

// every sync names every chain again: remember the hashes (a pure function, so a plain memo)
const hashes = new Map<string, string>();
function hash16(s: string): string {
  let h = hashes.get(s);
  if (h === undefined) {
    h = base32(sha256(s)).slice(0, 16);
    if (hashes.size > 50_000) hashes.clear();
    hashes.set(s, h);
  }
  return h;
}

/** KUBE-SVC-/KUBE-EXT- suffix: base32(sha256(servicePortName + protocol))[:16]. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol);
}

export const serviceChain = (s: ServicePortInfo) => `KUBE-SVC-${portProtoHash(s.nameString, s.protocol)}`;
export const externalChain = (s: ServicePortInfo) => `KUBE-EXT-${portProtoHash(s.nameString, s.protocol)}`;

/** KUBE-SEP- suffix: the same hash over servicePortName + protocol + "ip:port". */
export function endpointChain(s: ServicePortInfo, ep: { ip: string; port: number }): string {
  return `KUBE-SEP-${hash16(`${s.nameString}${s.protocol}${ep.ip}:${ep.port}`)}`;
}

/** The service ports kube-proxy proxies: ClusterIP set and not None, not ExternalName. */
export function servicePorts(services: Service[]): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === "None" || svc.spec?.type === "ExternalName") continue;
    const ns = svc.metadata?.namespace ?? "default";
    const name = svc.metadata?.name ?? "";
    for (const p of svc.spec?.ports ?? []) {
      const portName = p.name ?? "";
      out.push({
        nameString: `${ns}/${name}${portName ? `:${portName}` : ""}`,
        namespace: ns,
        name,
        portName,
        protocol: (p.protocol ?? "TCP").toLowerCase() as ServicePortInfo["protocol"],
        clusterIP: ip,
        port: p.port,
        nodePort: p.nodePort || undefined,
        externalIPs: svc.spec?.externalIPs ?? [],
      });
    }
  }
  // Go ranges over a map (random order); a fixed order keeps runs reproducible
  return out.sort((a, b) => (a.nameString < b.nameString ? -1 : a.nameString > b.nameString ? 1 : 0));
}

/** The endpoints of one service port, from its EndpointSlices, sorted as kube-proxy's cache sorts them. */
export function endpointsFor(sp: ServicePortInfo, slices: EndpointSlice[]): EndpointInfo[] {
  const seen = new Map<string, EndpointInfo>();
  for (const slice of slices) {
    if (slice.metadata?.namespace !== sp.namespace) continue;
    if (slice.metadata?.labels?.[LABEL_SERVICE_NAME] !== sp.name) continue;
    const port = (slice.ports ?? []).find(
      (p) => (p.name ?? "") === sp.portName && (p.protocol ?? "TCP").toLowerCase() === sp.protocol,
    );
    if (!port?.port) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip) continue;
      const c = ep.conditions ?? {};
      // nil ready means ready; nil serving follows ready
      const ready = c.ready !== false;
      seen.set(`${ip}:${port.port}`, {
        ip,
        port: port.port,
        ready,
        serving: c.serving ?? ready,
        terminating: c.terminating ?? false,
      });
    }
  }
  return [...seen.values()].sort((a, b) => {
    const x = `${a.ip}:${a.port}`;
    const y = `${b.ip}:${b.port}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** CategorizeEndpoints (Cluster policy): ready ones, else serving-and-terminating ones. */
export function clusterEndpoints(eps: EndpointInfo[]): EndpointInfo[] {
  const ready = eps.filter((e) => e.ready);
  return ready.length > 0 ? ready : eps.filter((e) => e.serving && e.terminating);
}

const comment = (c: string): Match => ({ m: "comment", comment: c });
const l4 = (s: ServicePortInfo, dport?: number): Match => ({ m: s.protocol, dport });
const reject = (): Rule["target"] => ({ t: "REJECT", rejectWith: "icmp-port-unreachable" });

export interface ProxyTables {
  nat: Chain[];
  filter: Chain[];
}

/** One full syncProxyRules: every chain kube-proxy owns in the filter and nat tables. */
export function syncProxyRules(cfg: ProxyConfig, services: Service[], slices: EndpointSlice[]): ProxyTables {
  const chain = (name: string): Chain => ({ name, rules: [] });
  const f = {
    services: chain("KUBE-SERVICES"),
    external: chain("KUBE-EXTERNAL-SERVICES"),
    forward: chain("KUBE-FORWARD"),
    nodePorts: chain("KUBE-NODEPORTS"),
    firewall: chain("KUBE-PROXY-FIREWALL"),
  };
  const n = {
    services: chain("KUBE-SERVICES"),
    nodePorts: chain("KUBE-NODEPORTS"),
    postrouting: chain("KUBE-POSTROUTING"),
    markMasq: chain("KUBE-MARK-MASQ"),
  };
  const perService: Chain[] = [];
  const mask = MASQ_MARK;

  n.postrouting.rules.push(
    { matches: [{ m: "mark", invert: true, mark: mask, mask }], jump: "RETURN" },
    { matches: [], jump: "MARK", target: { t: "MARK", xmark: mask, mask: 0 } },
    {
      matches: [comment("kubernetes service traffic requiring SNAT")],
      jump: "MASQUERADE",
      target: { t: "MASQUERADE", randomFully: true },
    },
  );
  n.markMasq.rules.push({ matches: [], jump: "MARK", target: { t: "MARK", xmark: mask, mask } });

  for (const sp of servicePorts(services)) {
    const eps = clusterEndpoints(endpointsFor(sp, slices));
    const hasEndpoints = eps.length > 0;
    const svcChain = serviceChain(sp);
    const extChain = externalChain(sp);
    const clusterIP = `${sp.clusterIP}/32`;
    if (hasEndpoints) {
      n.services.rules.push({
        dst: clusterIP,
        proto: sp.protocol,
        matches: [comment(`${sp.nameString} cluster IP`), l4(sp, sp.port)],
        jump: svcChain,
      });
    } else {
      // no endpoints: nothing in nat, a REJECT in filter (the client sees "connection refused")
      f.services.rules.push({
        dst: clusterIP,
        proto: sp.protocol,
        matches: [comment(`${sp.nameString} has no endpoints`), l4(sp, sp.port)],
        jump: "REJECT",
        target: reject(),
      });
    }
    for (const ext of sp.externalIPs) {
      if (hasEndpoints)
        n.services.rules.push({
          dst: `${ext}/32`,
          proto: sp.protocol,
          matches: [comment(`${sp.nameString} external IP`), l4(sp, sp.port)],
          jump: extChain,
        });
      else
        f.external.rules.push({
          dst: `${ext}/32`,
          proto: sp.protocol,
          matches: [comment(`${sp.nameString} has no endpoints`), l4(sp, sp.port)],
          jump: "REJECT",
          target: reject(),
        });
    }
    if (sp.nodePort) {
      if (hasEndpoints)
        n.nodePorts.rules.push({
          proto: sp.protocol,
          matches: [comment(sp.nameString), l4(sp, sp.nodePort)],
          jump: extChain,
        });
      else
        f.external.rules.push({
          proto: sp.protocol,
          matches: [
            comment(`${sp.nameString} has no endpoints`),
            { m: "addrtype", dstType: "LOCAL" },
            l4(sp, sp.nodePort),
          ],
          jump: "REJECT",
          target: reject(),
        });
    }
    if (!hasEndpoints) continue;

    if (sp.nodePort || sp.externalIPs.length > 0)
      perService.push({
        name: extChain,
        rules: [
          {
            matches: [comment(`masquerade traffic for ${sp.nameString} external destinations`)],
            jump: "KUBE-MARK-MASQ",
          },
          { matches: [], jump: svcChain },
        ],
      });

    const svc: Chain = { name: svcChain, rules: [] };
    // off-cluster sources reaching the ClusterIP are masqueraded (detect-local-mode ClusterCIDR)
    svc.rules.push({
      src: cfg.clusterCIDR,
      srcInvert: true,
      dst: clusterIP,
      proto: sp.protocol,
      matches: [comment(`${sp.nameString} cluster IP`), l4(sp, sp.port)],
      jump: "KUBE-MARK-MASQ",
    });
    eps.forEach((ep, i) => {
      const matches: Match[] = [comment(`${sp.nameString} -> ${ep.ip}:${ep.port}`)];
      // each rule but the last is a probabilistic match: 1/n, 1/(n-1), … so each endpoint gets 1/n
      if (i < eps.length - 1)
        matches.push({
          m: "statistic",
          probability: probabilityU32(Number((1 / (eps.length - i)).toFixed(10))),
        });
      svc.rules.push({ matches, jump: endpointChain(sp, ep) });
    });
    perService.push(svc);
    for (const ep of eps)
      perService.push({
        name: endpointChain(sp, ep),
        rules: [
          { src: `${ep.ip}/32`, matches: [comment(sp.nameString)], jump: "KUBE-MARK-MASQ" },
          {
            proto: sp.protocol,
            matches: [comment(sp.nameString), l4(sp)],
            jump: "DNAT",
            target: { t: "DNAT", to: `${ep.ip}:${ep.port}` },
          },
        ],
      });
  }

  n.services.rules.push({
    matches: [
      comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"),
      { m: "addrtype", dstType: "LOCAL" },
    ],
    jump: "KUBE-NODEPORTS",
  });
  f.forward.rules.push(
    { matches: [{ m: "conntrack", ctstate: "INVALID" }], jump: "DROP" },
    {
      matches: [comment("kubernetes forwarding rules"), { m: "mark", mark: mask, mask }],
      jump: "ACCEPT",
    },
    {
      matches: [
        comment("kubernetes forwarding conntrack rule"),
        { m: "conntrack", ctstate: "RELATED,ESTABLISHED" },
      ],
      jump: "ACCEPT",
    },
  );
  return {
    nat: [n.services, n.nodePorts, n.postrouting, n.markMasq, ...perService],
    filter: [f.services, f.external, f.forward, f.nodePorts, f.firewall, localnetFirewall()],
  };
}

/** KUBE-FIREWALL: the kubelet's anti-martian rule, which kube-proxy (localhostNodePorts) also writes. */
export function localnetFirewall(): Chain {
  return {
    name: "KUBE-FIREWALL",
    rules: [
      {
        src: "127.0.0.0/8",
        srcInvert: true,
        dst: "127.0.0.0/8",
        matches: [
          comment("block incoming localnet connections"),
          { m: "conntrack", invert: true, ctstate: "RELATED,ESTABLISHED,DNAT" },
        ],
        jump: "DROP",
      },
    ],
  };
}

/** The jumps from the built-in chains kube-proxy (and the kubelet) ensure once, in EnsureRule order. */
export const JUMP_RULES: { table: "filter" | "nat"; from: string; rule: Rule }[] = [
  ...(
    [
      ["filter", "KUBE-EXTERNAL-SERVICES", "INPUT", "kubernetes externally-visible service portals", true],
      ["filter", "KUBE-EXTERNAL-SERVICES", "FORWARD", "kubernetes externally-visible service portals", true],
      ["filter", "KUBE-NODEPORTS", "INPUT", "kubernetes health check service ports", false],
      ["filter", "KUBE-SERVICES", "FORWARD", "kubernetes service portals", true],
      ["filter", "KUBE-SERVICES", "OUTPUT", "kubernetes service portals", true],
      ["filter", "KUBE-FORWARD", "FORWARD", "kubernetes forwarding rules", false],
      ["filter", "KUBE-PROXY-FIREWALL", "INPUT", "kubernetes load balancer firewall", true],
      ["filter", "KUBE-PROXY-FIREWALL", "OUTPUT", "kubernetes load balancer firewall", true],
      ["filter", "KUBE-PROXY-FIREWALL", "FORWARD", "kubernetes load balancer firewall", true],
      ["nat", "KUBE-SERVICES", "OUTPUT", "kubernetes service portals", false],
      ["nat", "KUBE-SERVICES", "PREROUTING", "kubernetes service portals", false],
      ["nat", "KUBE-POSTROUTING", "POSTROUTING", "kubernetes postrouting rules", false],
    ] as const
  ).map(([table, dst, from, text, ctNew]) => ({
    table,
    from,
    rule: {
      matches: [...(ctNew ? [{ m: "conntrack", ctstate: "NEW" } as Match] : []), comment(text)],
      jump: dst,
    },
  })),
];
