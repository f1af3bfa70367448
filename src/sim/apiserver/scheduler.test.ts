import type { Event, Node, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Rng, VirtualClock } from "../clock";
import { ApiServer } from "./apiServer";
import { createEventRecorder } from "./eventRecorder";
import { startScheduler } from "./scheduler";
import type { KubeObject } from "./types";

type P = Pod & KubeObject;
type E = Event & KubeObject;

function setup() {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, rng: new Rng(1), serviceAccountTokenVolume: false });
  const recorder = createEventRecorder(api, clock, { component: "default-scheduler" });
  const stop = startScheduler(api, clock, recorder, { delayMs: 10 });
  return { clock, api, stop };
}
const readyNode = (name: string, extra: Partial<Node> = {}): Node & KubeObject => ({
  metadata: { name, labels: { "kubernetes.io/hostname": name } },
  status: {
    conditions: [
      { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
    ],
    allocatable: { cpu: "2", memory: "4Gi", pods: "110" },
  },
  ...extra,
});
const pod = (name: string, extra: Partial<Pod["spec"]> = {}): P => ({
  metadata: { name },
  spec: { containers: [{ name: "app", image: "nginx" }], ...extra },
});
const events = (api: ApiServer, name: string) =>
  api
    .list<E>("Event", { fieldSelector: `involvedObject.name=${name}` })
    .map((e) => `${e.type} ${e.reason} x${e.count} ${e.message}`);

describe("event recorder", () => {
  it("creates core/v1 Events and aggregates identical ones", () => {
    const clock = new VirtualClock();
    const api = new ApiServer({ clock, rng: new Rng(1), serviceAccountTokenVolume: false });
    const rec = createEventRecorder(api, clock, { component: "kubelet", host: "node-1" });
    const ref = {
      kind: "Pod",
      namespace: "default",
      name: "web",
      uid: "u1",
      apiVersion: "v1",
      fieldPath: "spec.containers{app}",
    };
    rec.event(ref, "Normal", "Pulling", 'Pulling image "nginx"');
    clock.advance(10_000);
    rec.event(ref, "Normal", "Pulling", 'Pulling image "nginx"');
    rec.event({ ...ref, fieldPath: "spec.containers{other}" }, "Normal", "Pulling", 'Pulling image "nginx"');
    const list = api.list<E>("Event");
    expect(list).toHaveLength(2);
    const first = list.find((e) => e.involvedObject.fieldPath === "spec.containers{app}")!;
    expect(first).toMatchObject({
      count: 2,
      firstTimestamp: "2026-01-15T09:00:00Z",
      lastTimestamp: "2026-01-15T09:00:10Z",
      source: { component: "kubelet", host: "node-1" },
      reportingComponent: "kubelet",
      reportingInstance: "node-1",
      type: "Normal",
      reason: "Pulling",
    });
    expect(first.metadata?.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(first.metadata?.namespace).toBe("default");
  });
});

describe("default-scheduler", () => {
  it("binds a pending pod to the ready node after a small delay and records Scheduled", () => {
    const { api, clock } = setup();
    api.create("Node", readyNode("node-1"));
    api.create<P>("Pod", pod("web"));
    expect(api.get<P>("Pod", "default", "web").spec?.nodeName).toBeUndefined();
    clock.advance(10);
    const p = api.get<P>("Pod", "default", "web");
    expect(p.spec?.nodeName).toBe("node-1");
    expect(p.status?.conditions).toEqual([
      {
        type: "PodScheduled",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: "2026-01-15T09:00:00Z",
      },
    ]);
    expect(events(api, "web")).toEqual(["Normal Scheduled x1 Successfully assigned default/web to node-1"]);
    const ev = api.list<E>("Event")[0];
    expect(ev.source).toEqual({ component: "default-scheduler" });
  });

  it("leaves a pod Pending with no nodes, then schedules it when a node becomes ready", () => {
    const { api, clock } = setup();
    api.create<P>("Pod", pod("web"));
    clock.advance(10);
    let p = api.get<P>("Pod", "default", "web");
    expect(p.status?.phase).toBe("Pending");
    expect(p.status?.conditions?.[0]).toMatchObject({
      type: "PodScheduled",
      status: "False",
      reason: "Unschedulable",
      message: "no nodes available to schedule pods",
    });
    expect(events(api, "web")).toEqual(["Warning FailedScheduling x1 no nodes available to schedule pods"]);
    // A node that is not Ready carries the not-ready taint.
    const n = api.create(
      "Node",
      readyNode("node-1", { status: { conditions: [{ type: "Ready", status: "False" }] } }),
    );
    clock.advance(10);
    const msg =
      "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
    expect(api.get<P>("Pod", "default", "web").status?.conditions?.[0].message).toBe(msg);
    api.updateStatus("Node", undefined, "node-1", readyNode("node-1").status);
    expect(n).toBeDefined();
    clock.advance(10);
    p = api.get<P>("Pod", "default", "web");
    expect(p.spec?.nodeName).toBe("node-1");
    expect(p.status?.conditions?.find((c) => c.type === "PodScheduled")?.status).toBe("True");
  });

  it("reports insufficient resources and retries every 5 minutes, aggregating the event", () => {
    const { api, clock } = setup();
    api.create("Node", readyNode("node-1"));
    api.create<P>(
      "Pod",
      pod("big", { containers: [{ name: "a", image: "x", resources: { requests: { cpu: "3" } } }] }),
    );
    clock.advance(10);
    const msg =
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";
    expect(events(api, "big")).toEqual([`Warning FailedScheduling x1 ${msg}`]);
    clock.advance(300_000);
    expect(events(api, "big")).toEqual([`Warning FailedScheduling x2 ${msg}`]);
  });

  it("ignores pods for other schedulers and stops cleanly", () => {
    const { api, clock, stop } = setup();
    api.create("Node", readyNode("node-1"));
    api.create<P>("Pod", pod("mine", { schedulerName: "my-scheduler" }));
    clock.advance(10);
    expect(api.get<P>("Pod", "default", "mine").spec?.nodeName).toBeUndefined();
    stop();
    api.create<P>("Pod", pod("later"));
    clock.advance(10);
    expect(api.get<P>("Pod", "default", "later").spec?.nodeName).toBeUndefined();
    expect(clock.pending()).toBe(0);
  });
});
