import type { Lease } from "kubernetes-types/coordination/v1";
import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { parseRfc3339, rfc3339 } from "../clock/time";
import { DEFAULT_KUBELET_CONFIG_YAML, loadKubeletConfig } from "./config";
import { nodeStatusHasChanged } from "./kubeletNodeStatus";
import { NodeLifecycleController } from "./nodestatus/nodeLifecycleController";
import { testNode } from "./testing/testNode";

/** Every write of the Node and of the node Lease, in virtual ms (the harness has no other writer). */
function recordWrites(n: ReturnType<typeof testNode>) {
  const nodePosts: { t: number; node: Node }[] = [];
  const renewals: { t: number; lease: Lease }[] = [];
  n.api.watch<Node>("Node", {}, (e) => {
    if (e.type === "MODIFIED") nodePosts.push({ t: n.clock.now(), node: e.object });
  });
  n.api.watch<Lease>("Lease", {}, (e) => renewals.push({ t: n.clock.now(), lease: e.object }));
  return { nodePosts, renewals };
}

const ready = (node: Node | undefined) => node?.status?.conditions?.find((c) => c.type === "Ready");
const getNode = (n: ReturnType<typeof testNode>) => n.api.tryGet<Node>("Node", undefined, "node-1");

describe("the node Lease (kube-node-lease/<node>)", () => {
  it("is created at start, owned by the Node, and renewed every 10 s until the kubelet stops", () => {
    const n = testNode();
    const w = recordWrites(n);
    n.kubelet.start();
    const lease = n.api.tryGet<Lease>("Lease", "kube-node-lease", "node-1")!;
    expect(lease.spec).toEqual({
      holderIdentity: "node-1",
      leaseDurationSeconds: 40,
      renewTime: "2026-01-15T09:00:00.000000Z",
    });
    expect(lease.metadata?.ownerReferences).toEqual([
      { apiVersion: "v1", kind: "Node", name: "node-1", uid: getNode(n)!.metadata!.uid },
    ]);
    n.clock.advance(65_000);
    expect(w.renewals.map((r) => r.t)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(w.renewals.at(-1)!.lease.spec?.renewTime).toBe("2026-01-15T09:01:00.000000Z");
    n.kubelet.stop();
    n.clock.advance(120_000);
    expect(w.renewals).toHaveLength(7);
  });

  it("renews every quarter of nodeLeaseDurationSeconds from config.yaml", () => {
    const n = testNode();
    n.files["/var/lib/kubelet/config.yaml"] = `${DEFAULT_KUBELET_CONFIG_YAML}nodeLeaseDurationSeconds: 60\n`;
    const w = recordWrites(n);
    n.kubelet.start();
    n.clock.advance(46_000);
    expect(w.renewals.map((r) => r.t)).toEqual([0, 15_000, 30_000, 45_000]);
    expect(w.renewals.at(-1)!.lease.spec?.leaseDurationSeconds).toBe(60);
  });
});

describe("node status reports (nodeStatusUpdateFrequency 10 s, nodeStatusReportFrequency 5 m)", () => {
  it("posts at start and on changes; an unchanged status only after 5 m ± 50 %, then every 5 m", () => {
    const n = testNode();
    const w = recordWrites(n);
    n.kubelet.start();
    n.clock.advance(30_000);
    // start-up: the first report, then Ready once the runtime answered — and nothing since
    const startPosts = w.nodePosts.length;
    expect(startPosts).toBeGreaterThanOrEqual(1);
    const settled = w.nodePosts.at(-1)!.t;
    expect(settled).toBeLessThan(10_000);
    expect(ready(getNode(n))?.status).toBe("True");
    n.clock.advance(30 * 60_000);
    const periodic = w.nodePosts.slice(startPosts).map((p) => p.t);
    // the first unchanged report comes 2.5–7.5 min after the last change (a one-time random delay),
    expect(periodic[0] - settled).toBeGreaterThanOrEqual(150_000);
    expect(periodic[0] - settled).toBeLessThanOrEqual(450_000 + 10_000);
    // later ones every nodeStatusReportFrequency
    expect(periodic.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < periodic.length; i++) expect(periodic[i] - periodic[i - 1]).toBe(300_000);
    // lastHeartbeatTime moves only when the status is posted
    for (const p of w.nodePosts.slice(startPosts))
      expect(parseRfc3339(ready(p.node)!.lastHeartbeatTime!)).toBe(n.clock.wallMs(p.t));
    const hb = parseRfc3339(ready(getNode(n))!.lastHeartbeatTime!);
    expect(n.clock.wallMs() - hb).toBeGreaterThan(10_000);
    // meanwhile the Lease was renewed every 10 s
    expect(w.renewals.length).toBe(Math.floor(n.clock.now() / 10_000) + 1);
  });

  it("posts a stopped runtime's NotReady at the first sync that sees it, not minutes later", () => {
    const n = testNode();
    const w = recordWrites(n);
    n.kubelet.start();
    n.clock.advance(120_000);
    const before = w.nodePosts.length;
    const down = n.clock.now();
    n.cri.down = true;
    n.clock.advance(60_000);
    const posts = w.nodePosts.slice(before);
    const notReady = posts.find((p) => ready(p.node)?.status === "False")!;
    expect(ready(notReady.node)).toMatchObject({
      reason: "KubeletNotReady",
      message: "container runtime is down",
    });
    // "container runtime is down" after 30 s without a good Status (polled every 5 s), posted within a 10 s sync
    expect(notReady.t - down).toBeGreaterThanOrEqual(30_000);
    expect(notReady.t - down).toBeLessThanOrEqual(45_000);
    // no write between the last start-up report and this change
    expect(posts.indexOf(notReady)).toBe(0);
    n.cri.down = false;
    const back = w.nodePosts.length;
    n.clock.advance(15_000);
    expect(ready(w.nodePosts[back]?.node)?.status).toBe("True");
  });

  it("an explicit nodeStatusUpdateFrequency also becomes the report frequency (SetDefaults)", () => {
    const cfg = (extra: string) =>
      loadKubeletConfig(`${DEFAULT_KUBELET_CONFIG_YAML}${extra}`, undefined).config;
    expect(cfg("").nodeStatusReportFrequencyMs).toBe(300_000);
    const yaml = DEFAULT_KUBELET_CONFIG_YAML.replace(
      "nodeStatusUpdateFrequency: 0s",
      "nodeStatusUpdateFrequency: 20s",
    );
    const c = loadKubeletConfig(yaml, undefined).config;
    expect([c.nodeStatusUpdateFrequencyMs, c.nodeStatusReportFrequencyMs]).toEqual([20_000, 20_000]);
    const both = yaml.replace("nodeStatusReportFrequency: 0s", "nodeStatusReportFrequency: 1m");
    expect(loadKubeletConfig(both, undefined).config.nodeStatusReportFrequencyMs).toBe(60_000);
    expect(cfg("").nodeLeaseDurationSeconds).toBe(40);
  });

  it("nodeStatusHasChanged ignores heartbeat times and condition order, nothing else", () => {
    const c = (type: string, status: string, hb: string) => ({
      type,
      status,
      lastHeartbeatTime: hb,
      lastTransitionTime: "2026-01-15T09:00:00Z",
    });
    const a = { conditions: [c("Ready", "True", "2026-01-15T09:00:00Z"), c("PIDPressure", "False", "x")] };
    const later = {
      conditions: [c("PIDPressure", "False", "y"), c("Ready", "True", "2026-01-15T09:05:00Z")],
    };
    expect(nodeStatusHasChanged(a, later)).toBe(false);
    expect(nodeStatusHasChanged(a, { conditions: [c("Ready", "False", "z"), a.conditions[1]] })).toBe(true);
    expect(nodeStatusHasChanged(a, { ...a, nodeInfo: { kubeletVersion: "v1.35.0" } as never })).toBe(true);
    expect(nodeStatusHasChanged(a, { conditions: [a.conditions[0]] })).toBe(true);
  });
});

describe("the node lifecycle controller watches both heartbeats", () => {
  it("keeps a node Ready on Lease renewals alone, and marks it Unknown 50 s after the kubelet stops", () => {
    const n = testNode();
    const ctl = new NodeLifecycleController({ api: n.api, clock: n.clock, recorder: n.api.recorder });
    ctl.start();
    n.kubelet.start();
    // four minutes: the status was last posted at start-up, far more than 50 s ago
    n.clock.advance(240_000);
    const hb = parseRfc3339(ready(getNode(n))!.lastHeartbeatTime!);
    expect(n.clock.wallMs() - hb).toBeGreaterThan(200_000);
    expect(ready(getNode(n))?.status).toBe("True");
    n.kubelet.stop();
    const stopped = n.clock.now();
    n.clock.advance(45_000);
    expect(ready(getNode(n))?.status).toBe("True");
    n.clock.advance(20_000);
    expect(ready(getNode(n))).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
    // the last renewal was at 240 s; the controller (every 5 s) acts once 50 s have passed since it saw it
    const at = parseRfc3339(ready(getNode(n))!.lastTransitionTime!) - n.clock.wallMs(0);
    expect(at - stopped).toBeGreaterThan(50_000);
    expect(at - stopped).toBeLessThanOrEqual(60_000);
    expect(n.events("NodeNotReady").map((e) => e.message)).toEqual([
      "Node node-1 status is now: NodeNotReady",
    ]);
  });

  it("keeps a node Ready on status heartbeats alone (no Lease), Unknown once they stop", () => {
    const n = testNode();
    const ctl = new NodeLifecycleController({ api: n.api, clock: n.clock, recorder: n.api.recorder });
    const cond = () => ({
      type: "Ready",
      status: "True",
      reason: "KubeletReady",
      message: "kubelet is posting ready status",
      lastHeartbeatTime: rfc3339(n.clock.wallMs()),
      lastTransitionTime: "2026-01-15T09:00:00Z",
    });
    n.api.create("Node", { metadata: { name: "node-1" }, status: { conditions: [cond()] } });
    ctl.start();
    for (let i = 0; i < 12; i++) {
      n.clock.advance(10_000);
      n.api.updateStatus("Node", undefined, "node-1", { conditions: [cond()] });
    }
    expect(ready(getNode(n))?.status).toBe("True");
    n.clock.advance(45_000);
    expect(ready(getNode(n))?.status).toBe("True");
    n.clock.advance(15_000);
    expect(ready(getNode(n))?.status).toBe("Unknown");
  });

  it("gives a node that never posted Ready the 60 s startup grace, then 'Kubelet never posted node status.'", () => {
    const n = testNode();
    n.api.create("Node", {
      metadata: { name: "node-1", creationTimestamp: "2026-01-15T09:00:00Z" },
      status: { conditions: [] },
    });
    new NodeLifecycleController({ api: n.api, clock: n.clock }).start();
    n.clock.advance(60_000);
    expect(getNode(n)?.status?.conditions).toEqual([]);
    n.clock.advance(5_000);
    expect(getNode(n)?.status?.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      "Ready=Unknown/NodeStatusNeverUpdated",
      "MemoryPressure=Unknown/NodeStatusNeverUpdated",
      "DiskPressure=Unknown/NodeStatusNeverUpdated",
      "PIDPressure=Unknown/NodeStatusNeverUpdated",
    ]);
    expect(ready(getNode(n))?.message).toBe("Kubelet never posted node status.");
  });
});
