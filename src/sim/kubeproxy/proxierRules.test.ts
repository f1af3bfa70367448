import type { Service } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Rng } from "../clock";
import type { EndpointSlice } from "../controllers/endpoints";
import { Netfilter, ruleSaveText } from "./netfilter";
import { syncProxyRules } from "./proxierRules";

const svc = (name: string, ip: string, extra: Partial<NonNullable<Service["spec"]>> = {}): Service => ({
  metadata: { name, namespace: "default" },
  spec: {
    clusterIP: ip,
    ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }],
    selector: { app: name },
    ...extra,
  },
});

const slice = (
  svcName: string,
  eps: { ip: string; ready?: boolean; terminating?: boolean; serving?: boolean }[],
): EndpointSlice => ({
  metadata: {
    name: `${svcName}-abcde`,
    namespace: "default",
    labels: { "kubernetes.io/service-name": svcName },
  },
  addressType: "IPv4",
  ports: [{ name: "", port: 8080, protocol: "TCP" }],
  endpoints: eps.map((e) => ({
    addresses: [e.ip],
    conditions: {
      ready: e.ready ?? true,
      serving: e.serving ?? e.ready ?? true,
      terminating: e.terminating ?? false,
    },
  })),
});

/** The kube-proxy chains of a table, as iptables-save lists their rules (chains sorted by name).
 * Chain hashes checked against Go's crypto/sha256 + base32 (the same values node:crypto gives). */
function save(chains: { name: string; rules: Parameters<typeof ruleSaveText>[1][] }[]): string {
  return [...chains]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((c) => c.rules.map((r) => ruleSaveText(c.name, r)))
    .join("\n");
}

const CFG = { clusterCIDR: "10.244.0.0/16" };

describe("syncProxyRules (iptables mode)", () => {
  it("writes KUBE-SERVICES → KUBE-SVC → KUBE-SEP with 1/n probabilities for two endpoints", () => {
    const out = syncProxyRules(
      CFG,
      [svc("web", "10.96.100.7")],
      [slice("web", [{ ip: "10.244.0.6" }, { ip: "10.244.0.5" }])],
    );
    expect(save(out.nat)).toBe(
      [
        "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000",
        "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
        "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0",
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
        '-A KUBE-SEP-5ORQWIE3QG6L2KWO -s 10.244.0.5/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-5ORQWIE3QG6L2KWO -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.0.5:8080',
        '-A KUBE-SEP-GXIHJEETW6REKY4G -s 10.244.0.6/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-GXIHJEETW6REKY4G -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.0.6:8080',
        '-A KUBE-SERVICES -d 10.96.100.7/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G',
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
        '-A KUBE-SVC-LOLE4ISW44XBNF3G ! -s 10.244.0.0/16 -d 10.96.100.7/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
        '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.0.5:8080" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-5ORQWIE3QG6L2KWO',
        '-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.0.6:8080" -j KUBE-SEP-GXIHJEETW6REKY4G',
      ].join("\n"),
    );
    // with endpoints, nothing for the service in the filter table
    expect(save(out.filter)).not.toContain("default/web");
  });

  it("gives three endpoints 1/3, then 1/2, then the rest (the kernel's rounded u32 printed with %.11f)", () => {
    const out = syncProxyRules(
      CFG,
      [svc("web", "10.96.100.7")],
      [slice("web", [{ ip: "10.244.0.5" }, { ip: "10.244.0.6" }, { ip: "10.244.0.7" }])],
    );
    const rules = save(out.nat)
      .split("\n")
      .filter((l) => l.includes("-> 10.244"));
    expect(rules.map((l) => /--probability (\S+)/.exec(l)?.[1] ?? "-")).toEqual([
      "0.33333333349",
      "0.50000000000",
      "-",
    ]);
  });

  it("rejects in the filter table when no endpoint is ready, and skips not-ready ones", () => {
    const none = syncProxyRules(
      CFG,
      [svc("web", "10.96.100.7")],
      [slice("web", [{ ip: "10.244.0.5", ready: false }])],
    );
    expect(save(none.filter)).toContain(
      '-A KUBE-SERVICES -d 10.96.100.7/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    );
    expect(save(none.nat)).not.toContain("default/web");
    const one = syncProxyRules(
      CFG,
      [svc("web", "10.96.100.7")],
      [slice("web", [{ ip: "10.244.0.5", ready: false }, { ip: "10.244.0.6" }])],
    );
    expect(save(one.nat)).toContain("-j DNAT --to-destination 10.244.0.6:8080");
    expect(save(one.nat)).not.toContain("10.244.0.5");
    // only terminating-but-serving endpoints left: kube-proxy falls back to them
    const terminating = syncProxyRules(
      CFG,
      [svc("web", "10.96.100.7")],
      [slice("web", [{ ip: "10.244.0.5", ready: false, serving: true, terminating: true }])],
    );
    expect(save(terminating.nat)).toContain("-j DNAT --to-destination 10.244.0.5:8080");
  });

  it("skips headless and ExternalName Services; NodePorts go through KUBE-NODEPORTS and KUBE-EXT", () => {
    const out = syncProxyRules(
      CFG,
      [
        svc("headless", "None"),
        {
          metadata: { name: "ext", namespace: "default" },
          spec: { type: "ExternalName", externalName: "example.com" },
        },
        svc("np", "10.96.100.8", {
          type: "NodePort",
          ports: [{ port: 80, protocol: "TCP", targetPort: 8080, nodePort: 30080 }],
        }),
      ],
      [slice("np", [{ ip: "10.244.0.9" }]), slice("headless", [{ ip: "10.244.0.5" }])],
    );
    const nat = save(out.nat);
    expect(nat).not.toContain("headless");
    expect(nat).not.toContain("default/ext");
    expect(nat).toMatch(
      /-A KUBE-NODEPORTS -p tcp -m comment --comment "default\/np" -m tcp --dport 30080 -j (KUBE-EXT-\w+)/,
    );
    const ext = /-j (KUBE-EXT-\w+)/.exec(nat)![1];
    expect(nat).toContain(
      `-A ${ext} -m comment --comment "masquerade traffic for default/np external destinations" -j KUBE-MARK-MASQ`,
    );
    expect(nat).toMatch(new RegExp(`-A ${ext} -j KUBE-SVC-\\w+`));
  });
});

describe("Netfilter.traverse", () => {
  it("DNATs a pod's connection to one endpoint, picked by the statistic match", () => {
    const nf = new Netfilter();
    const out = syncProxyRules(
      CFG,
      [svc("web", "10.96.100.7")],
      [slice("web", [{ ip: "10.244.0.5" }, { ip: "10.244.0.6" }])],
    );
    nf.ensureRulePrepend("nat", "PREROUTING", { matches: [], jump: "KUBE-SERVICES" });
    nf.ensureRulePrepend("filter", "FORWARD", { matches: [], jump: "KUBE-SERVICES" });
    nf.restore("nat", out.nat);
    nf.restore("filter", out.filter);
    const rng = new Rng(7);
    const seen = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const v = nf.traverse({ src: "10.244.0.9", dst: "10.96.100.7", proto: "tcp", dport: 80 }, false, rng);
      const to = `${v.dnat?.ip}:${v.dnat?.port}`;
      seen.set(to, (seen.get(to) ?? 0) + 1);
      expect(v.masquerade).toBe(false);
    }
    expect([...seen.keys()].sort()).toEqual(["10.244.0.5:8080", "10.244.0.6:8080"]);
    expect(seen.get("10.244.0.5:8080")!).toBeGreaterThan(150);
    expect(seen.get("10.244.0.6:8080")!).toBeGreaterThan(150);
    // another port of the ClusterIP matches nothing; a pod reaching itself is masqueraded (hairpin)
    expect(
      nf.traverse({ src: "10.244.0.9", dst: "10.96.100.7", proto: "tcp", dport: 81 }, false, rng).dnat,
    ).toBeUndefined();
    const single = new Netfilter();
    const one = syncProxyRules(CFG, [svc("web", "10.96.100.7")], [slice("web", [{ ip: "10.244.0.5" }])]);
    single.ensureRulePrepend("nat", "PREROUTING", { matches: [], jump: "KUBE-SERVICES" });
    single.restore("nat", one.nat);
    expect(
      single.traverse({ src: "10.244.0.5", dst: "10.96.100.7", proto: "tcp", dport: 80 }, false, rng)
        .masquerade,
    ).toBe(true);
  });

  it("REJECTs in the filter table when the Service has no endpoints", () => {
    const nf = new Netfilter();
    const out = syncProxyRules(CFG, [svc("web", "10.96.100.7")], []);
    nf.ensureRulePrepend("filter", "FORWARD", {
      matches: [{ m: "conntrack", ctstate: "NEW" }],
      jump: "KUBE-SERVICES",
    });
    nf.restore("nat", out.nat);
    nf.restore("filter", out.filter);
    const v = nf.traverse(
      { src: "10.244.0.9", dst: "10.96.100.7", proto: "tcp", dport: 80 },
      false,
      new Rng(1),
    );
    expect(v.dnat).toBeUndefined();
    expect(v.rejected?.with).toBe("icmp-port-unreachable");
  });
});
