import type { Endpoints, Pod, Service } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { ApiServer } from "../apiserver/apiServer";
import { Rng, VirtualClock } from "../clock";
import { type EndpointSlice, endpointsSubsets, sliceBodies } from "./endpoints";
import { EndpointsController } from "./endpointsController";

const pod = (
  name: string,
  ip: string | undefined,
  opts: {
    ready?: boolean;
    labels?: Record<string, string>;
    phase?: string;
    deleting?: boolean;
    ports?: { name: string; containerPort: number }[];
  } = {},
): Pod => ({
  metadata: {
    name,
    namespace: "default",
    uid: `uid-${name}`,
    labels: opts.labels ?? { app: "web" },
    ...(opts.deleting ? { deletionTimestamp: "2026-01-15T09:00:00Z" } : {}),
  },
  spec: { nodeName: "node-1", containers: [{ name: "c", image: "nginx", ports: opts.ports }] },
  status: {
    phase: opts.phase ?? "Running",
    podIP: ip,
    conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True" }],
  },
});

const web: Service = {
  metadata: { name: "web", namespace: "default" },
  spec: { selector: { app: "web" }, ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }] },
};

describe("endpoints (pure)", () => {
  it("puts ready pods under addresses, unready under notReadyAddresses; skips no-IP, terminal, other-label and terminating pods", () => {
    const pods = [
      pod("b", "10.244.0.6"),
      pod("a", "10.244.0.5"),
      pod("slow", "10.244.0.7", { ready: false }),
      pod("pending", undefined),
      pod("done", "10.244.0.8", { phase: "Succeeded" }),
      pod("db", "10.244.0.9", { labels: { app: "db" } }),
      pod("leaving", "10.244.0.10", { deleting: true }),
    ];
    const [ss] = endpointsSubsets(web, pods);
    expect(ss.addresses?.map((a) => a.ip)).toEqual(["10.244.0.5", "10.244.0.6"]);
    expect(ss.notReadyAddresses?.map((a) => a.ip)).toEqual(["10.244.0.7"]);
    expect(ss.ports).toEqual([{ port: 8080, protocol: "TCP" }]);
    expect(ss.addresses?.[0]).toEqual({
      ip: "10.244.0.5",
      nodeName: "node-1",
      targetRef: { kind: "Pod", namespace: "default", name: "a", uid: "uid-a" },
    });
    // slices keep terminating pods, not ready but still serving
    const [body] = sliceBodies(web, pods);
    expect(body.endpoints.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ["10.244.0.10", { ready: false, serving: true, terminating: true }],
      ["10.244.0.5", { ready: true, serving: true, terminating: false }],
      ["10.244.0.6", { ready: true, serving: true, terminating: false }],
      ["10.244.0.7", { ready: false, serving: false, terminating: false }],
    ]);
    expect(body.ports).toEqual([{ name: "", port: 8080, protocol: "TCP" }]);
  });

  it("resolves a named targetPort per pod; a pod without that port is left out", () => {
    const named: Service = {
      ...web,
      spec: { ...web.spec, ports: [{ port: 80, protocol: "TCP", targetPort: "http" }] },
    };
    const subsets = endpointsSubsets(named, [
      pod("a", "10.244.0.5", { ports: [{ name: "http", containerPort: 8080 }] }),
      pod("b", "10.244.0.6", { ports: [{ name: "http", containerPort: 9090 }] }),
      pod("c", "10.244.0.7"),
    ]);
    expect(subsets.map((s) => [s.ports?.[0].port, s.addresses?.map((a) => a.ip)])).toEqual([
      [8080, ["10.244.0.5"]],
      [9090, ["10.244.0.6"]],
    ]);
  });
});

describe("EndpointsController", () => {
  function setup() {
    const clock = new VirtualClock();
    const api = new ApiServer({ clock, rng: new Rng(3), serviceAccountTokenVolume: false });
    const ctl = new EndpointsController(api, clock);
    ctl.start();
    return { clock, api };
  }
  const apiPod = (api: ApiServer, name: string, ready: boolean) => {
    api.create("Pod", {
      metadata: { name, labels: { app: "web" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    api.updateStatus("Pod", "default", name, {
      phase: "Running",
      podIP: name === "a" ? "10.244.0.5" : "10.244.0.6",
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    });
  };
  const slices = (api: ApiServer) =>
    api.list<EndpointSlice>("EndpointSlice", { labelSelector: "kubernetes.io/service-name=web" });

  it("writes Endpoints and an EndpointSlice for a selector, and follows readiness and deletion", () => {
    const { clock, api } = setup();
    api.create("Service", web);
    clock.advance(1);
    // no pods yet: an Endpoints without subsets and one placeholder slice
    expect(api.get<Endpoints>("Endpoints", "default", "web").subsets).toBeUndefined();
    expect(slices(api).map((s) => [s.metadata?.name, s.ports, s.endpoints])).toEqual([
      [expect.stringMatching(/^web-[a-z0-9]{5}$/), null, []],
    ]);
    apiPod(api, "a", true);
    apiPod(api, "b", false);
    clock.advance(1);
    const ep = api.get<Endpoints>("Endpoints", "default", "web");
    expect(ep.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(["10.244.0.5"]);
    expect(ep.subsets?.[0].notReadyAddresses?.map((a) => a.ip)).toEqual(["10.244.0.6"]);
    const [s] = slices(api);
    expect(s.metadata?.labels).toEqual({
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      "kubernetes.io/service-name": "web",
    });
    expect(s.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: "Service", name: "web", controller: true, blockOwnerDeletion: true }),
    ]);
    expect(s.endpoints?.map((e) => [e.addresses[0], e.conditions.ready])).toEqual([
      ["10.244.0.5", true],
      ["10.244.0.6", false],
    ]);
    // b turns ready
    api.updateStatus("Pod", "default", "b", {
      phase: "Running",
      podIP: "10.244.0.6",
      conditions: [{ type: "Ready", status: "True" }],
    });
    clock.advance(1);
    expect(
      api.get<Endpoints>("Endpoints", "default", "web").subsets?.[0].addresses?.map((a) => a.ip),
    ).toEqual(["10.244.0.5", "10.244.0.6"]);
    // the Service goes: so do its Endpoints and slices
    api.delete("Service", "default", "web");
    clock.advance(1);
    expect(api.tryGet("Endpoints", "default", "web")).toBeUndefined();
    expect(slices(api)).toEqual([]);
  });

  it("mirrors hand-written Endpoints of a selector-less Service into a slice", () => {
    const { clock, api } = setup();
    api.create("Service", { metadata: { name: "web" }, spec: { ports: [{ port: 80 }] } });
    clock.advance(1);
    expect(api.tryGet("Endpoints", "default", "web")).toBeUndefined();
    expect(slices(api)).toEqual([]);
    api.create("Endpoints", {
      metadata: { name: "web" },
      subsets: [{ addresses: [{ ip: "192.168.1.20" }], ports: [{ port: 80 }] }],
    });
    clock.advance(1);
    const [s] = slices(api);
    expect(s.metadata?.labels?.["endpointslice.kubernetes.io/managed-by"]).toBe(
      "endpointslicemirroring-controller.k8s.io",
    );
    expect(s.endpoints).toEqual([{ addresses: ["192.168.1.20"], conditions: { ready: true } }]);
  });
});
