import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../sim/trace";
import { createSimulation } from "../../simulation";
import { chipLabel, coalesceRuleSyncs, shortChains, syncSummary } from "./chips";

/** The trace of `kubectl expose` followed by a wget through the Service, from a real run. */
async function exposeTrace(): Promise<TraceEvent[]> {
  const sim = createSimulation({ seed: 1 });
  await sim.exec("kubectl run web --image=nginx:1.27");
  await sim.exec("kubectl run client --image=busybox:1.37 -- sleep 3600");
  await sim.advance(30_000);
  const mark = sim.trace.lastId;
  await sim.exec("kubectl expose pod web --port 80");
  await sim.advance(2_000);
  await sim.exec("kubectl exec client -- wget -qO- http://web");
  return sim.trace.since(mark);
}

describe("chips for Services", () => {
  it("merge one kube-proxy sync into one chip naming the new KUBE-SVC chain", async () => {
    const trace = await exposeTrace();
    const rules = trace.filter((e) => e.kind === "iptables");
    expect(rules.length).toBeGreaterThan(3);
    const merged = coalesceRuleSyncs(trace);
    const syncs = merged.filter((e) => e.kind === "iptables");
    expect(syncs).toHaveLength(1);
    expect(syncs[0].summary).toMatch(/^sync rules: \+KUBE-SVC-[A-Z2-7]{16} \(\+\d+ rules\)$/);
    expect(syncs[0].detail?.iptablesRestore).toEqual(rules.map((e) => e.summary));
    expect(chipLabel(syncs[0])).toMatch(/^sync rules: \+KUBE-SVC-[A-Z2-7]{6}… \(\+\d+ rules\)$/);
    // everything else passes through in order
    expect(merged.filter((e) => e.kind !== "iptables")).toEqual(trace.filter((e) => e.kind !== "iptables"));
  });

  it("label the DNS answer and the DNAT path of a connection to the Service", async () => {
    const trace = await exposeTrace();
    const net = trace.filter((e) => e.kind === "net").map(chipLabel);
    expect(net[0]).toMatch(/^A\? web\.default\.svc\.cluster\.local → 10\.\d+\.\d+\.\d+$/);
    expect(net[1]).toMatch(
      /^default\/client → 10\.[\d.]+:80: KUBE-SERVICES → KUBE-SVC-[A-Z2-7]{6}… → KUBE-SEP-[A-Z2-7]{6}… → DNAT 10\.244\.0\.\d+:80$/,
    );
  });

  it("summarise rule changes without new chains by counting them", () => {
    expect(
      syncSummary([
        { op: "+", rule: "-A KUBE-SVC-X -j KUBE-SEP-Y" },
        { op: "-", rule: "-A KUBE-SVC-X -j KUBE-SEP-Z" },
      ]),
    ).toBe("sync rules: +1 −1 rules");
    expect(
      syncSummary([
        { op: "-", rule: "-X KUBE-SEP-AAAAAAAAAAAAAAAA" },
        { op: "-", rule: "-A KUBE-SEP-AAAAAAAAAAAAAAAA -j DNAT" },
      ]),
    ).toBe("sync rules: −KUBE-SEP-AAAAAAAAAAAAAAAA (−1 rule)");
    expect(shortChains("-A KUBE-SERVICES -j KUBE-SVC-LOLE4ISW44XBNF3G")).toBe(
      "-A KUBE-SERVICES -j KUBE-SVC-LOLE4I…",
    );
  });
});
