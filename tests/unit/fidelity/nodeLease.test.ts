// FIDELITY §12 — node heartbeats as a kubelet ≥ 1.17 does them: the Lease in kube-node-lease (renewed
// every 10 s) and the Node status (posted on a change, else every 5 min), through the headless shell.
import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { rfc1123z } from "../../../src/sim/clock/time";
import { createSimulation } from "../../../src/simulation";

const lease = (sim: ReturnType<typeof createSimulation>) =>
  sim.node.api.get<Lease>("Lease", "kube-node-lease", "node-1");
const node = (sim: ReturnType<typeof createSimulation>) =>
  sim.node.api.get<Node>("Node", undefined, "node-1");

describe("kubectl and the node Lease", () => {
  it("get lease: NAME, HOLDER, AGE; -A adds NAMESPACE; the default namespace has none", async () => {
    const sim = createSimulation({ seed: 1 });
    const age = Math.floor(sim.node.clock.now() / 1000);
    expect(await sim.exec("kubectl get lease -n kube-node-lease")).toBe(
      `NAME     HOLDER   AGE\nnode-1   node-1   ${age}s\n`,
    );
    expect(await sim.exec("kubectl get leases -A")).toBe(
      `NAMESPACE         NAME     HOLDER   AGE\nkube-node-lease   node-1   node-1   ${age}s\n`,
    );
    expect(await sim.exec("kubectl get leases.coordination.k8s.io -n kube-node-lease -o name")).toBe(
      "lease.coordination.k8s.io/node-1\n",
    );
    const none = await sim.run("kubectl get lease");
    expect([none.stdout, none.stderr]).toEqual(["", "No resources found in default namespace.\n"]);
    expect(await sim.exec("kubectl get ns")).toMatch(/^kube-node-lease {3}Active {3}/m);
    expect(await sim.exec("kubectl api-resources")).toMatch(
      /^leases {32}coordination\.k8s\.io\/v1 {9}true {9}Lease$/m,
    );
  });

  it("-o yaml: holder, 40 s duration, renewTime in MicroTime, owned by the Node; renewTime moves every 10 s", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.advance(25_000);
    const l = lease(sim);
    const now = sim.node.clock.now();
    // the kubelet started at virtual 0: the last renewal is the last multiple of 10 s
    const renewed = new Date(sim.node.clock.wallMs(now - (now % 10_000))).toISOString();
    expect(await sim.exec("kubectl get lease -n kube-node-lease node-1 -o yaml")).toBe(
      `apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  creationTimestamp: "2026-01-15T09:00:00Z"
  name: node-1
  namespace: kube-node-lease
  ownerReferences:
  - apiVersion: v1
    kind: Node
    name: node-1
    uid: ${node(sim).metadata?.uid}
  resourceVersion: "${l.metadata?.resourceVersion}"
  uid: ${l.metadata?.uid}
spec:
  holderIdentity: node-1
  leaseDurationSeconds: 40
  renewTime: "${renewed.replace(/\.(\d{3})Z$/, ".$1000Z")}"
`,
    );
    const before = l.spec?.renewTime;
    await sim.advance(10_000);
    expect(Date.parse(lease(sim).spec!.renewTime!) - Date.parse(before!)).toBe(10_000);
  });

  it("describe node shows the Lease block after Unschedulable, RenewTime in RFC1123Z", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.advance(5_000);
    const out = await sim.exec("kubectl describe node node-1");
    const renew = rfc1123z(Date.parse(lease(sim).spec!.renewTime!));
    expect(out).toContain(
      `Unschedulable:      false\nLease:\n  HolderIdentity:  node-1\n  AcquireTime:     <unset>\n  RenewTime:       ${renew}\nConditions:\n`,
    );
  });

  it("describe lease: no describer is registered, so kubectl's generic one prints the object", async () => {
    const sim = createSimulation({ seed: 1 });
    const l = lease(sim);
    expect(await sim.exec("kubectl describe lease node-1 -n kube-node-lease")).toBe(
      `Name:         node-1
Namespace:    kube-node-lease
Labels:       <none>
Annotations:  <none>
API Version:  coordination.k8s.io/v1
Kind:         Lease
Metadata:
  Creation Timestamp:  2026-01-15T09:00:00Z
  Owner References:
    API Version:     v1
    Kind:            Node
    Name:            node-1
    UID:             ${node(sim).metadata?.uid}
  Resource Version:  ${l.metadata?.resourceVersion}
  UID:               ${l.metadata?.uid}
Spec:
  Holder Identity:         node-1
  Lease Duration Seconds:  40
  Renew Time:              ${l.spec?.renewTime}
Events:                    <none>
`,
    );
  });

  it("a deleted Lease is re-created at the next renewal, after five failed updates in the journal", async () => {
    const sim = createSimulation({ seed: 1 });
    const uid = lease(sim).metadata?.uid;
    expect(await sim.exec("kubectl delete lease -n kube-node-lease node-1")).toBe(
      'lease.coordination.k8s.io "node-1" deleted from kube-node-lease namespace\n',
    );
    expect(await sim.exec("kubectl describe node node-1")).toContain(
      'Lease:              Failed to get lease: leases.coordination.k8s.io "node-1" not found\n',
    );
    await sim.advance(10_000);
    expect(lease(sim).metadata?.uid).not.toBe(uid);
    const journal = (await sim.exec("journalctl -u kubelet --no-pager")).split("\n");
    const failed = journal.filter((l) =>
      l.endsWith(
        'controller.go:195] "Failed to update lease" err="leases.coordination.k8s.io \\"node-1\\" not found"',
      ),
    );
    expect(failed).toHaveLength(5);
    expect(
      journal.some((l) =>
        l.endsWith(
          '"failed to update lease using latest lease, fallback to ensure lease" err="failed 5 attempts to update lease"',
        ),
      ),
    ).toBe(true);
  });
});

describe("heartbeats over time", () => {
  it("the Node status is not re-posted every 10 s: lastHeartbeatTime stays while the Lease renews", async () => {
    const sim = createSimulation({ seed: 1 });
    const hb = () => node(sim).status?.conditions?.find((c) => c.type === "Ready")?.lastHeartbeatTime;
    const first = hb();
    await sim.advance(2 * 60_000);
    expect(hb()).toBe(first);
    expect(Date.parse(lease(sim).spec!.renewTime!)).toBeGreaterThan(Date.parse(first!) + 100_000);
    // the trace shows the renewals as the kubelet's requests to the API server
    const renewals = sim.trace
      .all()
      .filter((e) => e.kind === "api" && e.from === "kubelet" && e.summary.startsWith("update leases"));
    expect(renewals.at(-1)?.summary).toBe("update leases.coordination.k8s.io kube-node-lease/node-1");
    expect(renewals.length).toBeGreaterThanOrEqual(12);
    // within 7.5 min an unchanged status has been reported again (5 min ± the one-time 50 % delay)
    await sim.advance(6 * 60_000);
    expect(Date.parse(hb()!)).toBeGreaterThan(Date.parse(first!));
  });

  it("systemctl stop kubelet: renewals stop, the node goes NotReady 50 s later, and back after a start", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.advance(4 * 60_000);
    await sim.exec("systemctl stop kubelet");
    const last = lease(sim).spec?.renewTime;
    await sim.advance(40_000);
    expect(lease(sim).spec?.renewTime).toBe(last);
    expect(await sim.exec("kubectl get nodes")).toMatch(/^node-1 {3}Ready {3}/m);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get nodes")).toMatch(/^node-1 {3}NotReady {3}/m);
    expect(await sim.exec("kubectl describe node node-1")).toMatch(
      /^ {2}Ready {12}Unknown {3}.* {3}NodeStatusUnknown {3}Kubelet stopped posting node status\.$/m,
    );
    await sim.exec("systemctl start kubelet");
    await sim.advance(10_000);
    expect(lease(sim).spec?.renewTime).not.toBe(last);
    expect(await sim.exec("kubectl get nodes")).toMatch(/^node-1 {3}Ready {3}/m);
  });
});
