import type { Service } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Rng, VirtualClock } from "../clock";
import { ApiServer } from "./apiServer";
import { ensureKubernetesService } from "./kubernetesService";
import { NodePortAllocator, ServiceIpAllocator } from "./serviceIpAllocator";
import { ApiError } from "./types";

function setup() {
  const clock = new VirtualClock();
  return new ApiServer({ clock, rng: new Rng(7), serviceAccountTokenVolume: false });
}
const svc = (name: string, spec: Service["spec"]): Service => ({ metadata: { name }, spec });
function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
  throw new Error("did not throw");
}
const toInt = (ip: string) => ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);

describe("ServiceIpAllocator (10.96.0.0/12, KEP-3070 bands)", () => {
  it("hands out random addresses from the upper band, never twice, and takes static ones", () => {
    const a = new ServiceIpAllocator("10.96.0.0/12", new Rng(3));
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const ip = a.allocateNext();
      expect(seen.has(ip)).toBe(false);
      seen.add(ip);
      // above the 256 addresses kept for static choices, inside 10.96.0.0–10.111.255.255
      expect(toInt(ip)).toBeGreaterThan(toInt("10.96.1.0"));
      expect(toInt(ip)).toBeLessThan(toInt("10.112.0.0"));
    }
    a.allocate("10.96.0.10");
    expect(() => a.allocate("10.96.0.10")).toThrow("provided IP is already allocated");
    expect(() => a.allocate("10.0.0.5")).toThrow(
      "the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
    );
    expect(() => a.allocate("10.96.0.0")).toThrow("not in the valid range");
    a.release("10.96.0.10");
    a.allocate("10.96.0.10");
  });

  it("is reproducible from its seed", () => {
    const run = (seed: number) => {
      const a = new ServiceIpAllocator("10.96.0.0/12", new Rng(seed));
      return [a.allocateNext(), a.allocateNext(), a.allocateNext()];
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("NodePorts come from 30000-32767", () => {
    const n = new NodePortAllocator(new Rng(1));
    for (let i = 0; i < 50; i++) {
      const p = n.allocateNext();
      expect(p).toBeGreaterThanOrEqual(30086);
      expect(p).toBeLessThanOrEqual(32767);
    }
    expect(() => n.allocate(8080)).toThrow(
      "provided port is not in the valid range. The range of valid ports is 30000-32767",
    );
  });
});

describe("Service REST storage", () => {
  it("allocates a ClusterIP and fills the single-stack fields and defaults on create", () => {
    const api = setup();
    const s = api.create<Service>("Service", svc("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    expect(s.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(s.spec?.clusterIPs).toEqual([s.spec?.clusterIP]);
    expect(s.spec).toMatchObject({
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
    });
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it("refuses a taken or out-of-range ClusterIP in the API server's words", () => {
    const api = setup();
    ensureKubernetesService(api, "192.168.49.2");
    expect(api.get<Service>("Service", "default", "kubernetes").spec?.clusterIP).toBe("10.96.0.1");
    expect(
      message(() => api.create("Service", svc("a", { clusterIP: "10.96.0.1", ports: [{ port: 80 }] }))),
    ).toBe(
      'The Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
    expect(
      message(() => api.create("Service", svc("b", { clusterIP: "10.0.0.5", ports: [{ port: 80 }] }))),
    ).toBe(
      'The Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    // a failed create gives its address back: the next one may take it
    api.create("Service", svc("c", { clusterIP: "10.96.0.50", ports: [{ port: 80 }] }));
    expect(
      message(() => api.create("Service", svc("c", { clusterIP: "10.96.0.51", ports: [{ port: 80 }] }))),
    ).toBe('services "c" already exists');
    api.create("Service", svc("d", { clusterIP: "10.96.0.51", ports: [{ port: 80 }] }));
  });

  it("validates ports, types and names with the real messages", () => {
    const api = setup();
    expect(message(() => api.create("Service", svc("x", { selector: { app: "x" } })))).toBe(
      'The Service "x" is invalid: spec.ports: Required value',
    );
    expect(message(() => api.create("Service", svc("x", { ports: [{ port: 80 }, { port: 81 }] })))).toBe(
      'The Service "x" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value',
    );
    // targetPort defaults to the port, so it is reported too
    expect(message(() => api.create("Service", svc("x", { ports: [{ port: 70000 }] })))).toBe(
      'The Service "x" is invalid: \n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(
      message(() => api.create("Service", svc("x", { type: "Cluster" as never, ports: [{ port: 80 }] }))),
    ).toBe(
      'The Service "x" is invalid: spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(
      message(() =>
        api.create(
          "Service",
          svc("x", {
            ports: [
              { name: "a", port: 80 },
              { name: "b", port: 80 },
            ],
          }),
        ),
      ),
    ).toBe(
      'The Service "x" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
    expect(message(() => api.create("Service", svc("Web", { ports: [{ port: 80 }] })))).toMatch(
      /^The Service "Web" is invalid: metadata.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters/,
    );
  });

  it("keeps the ClusterIP across an update that omits it, refuses to change it, and frees it on delete", () => {
    const api = setup();
    const s = api.create<Service>("Service", svc("web", { ports: [{ port: 80 }] }));
    const ip = s.spec!.clusterIP!;
    const updated = api.update<Service>("Service", {
      metadata: { name: "web", namespace: "default" },
      spec: { ports: [{ port: 8080 }] },
    });
    expect(updated.spec?.clusterIP).toBe(ip);
    expect(updated.spec?.ports?.[0].port).toBe(8080);
    expect(
      message(() =>
        api.update("Service", {
          metadata: { name: "web", namespace: "default" },
          spec: { clusterIP: "10.96.0.99", ports: [{ port: 80 }] },
        }),
      ),
    ).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
    );
    api.delete("Service", "default", "web");
    api.create("Service", svc("again", { clusterIP: ip, ports: [{ port: 80 }] }));
  });

  it("gives NodePort Services a node port and headless ones no ClusterIP", () => {
    const api = setup();
    const np = api.create<Service>("Service", svc("np", { type: "NodePort", ports: [{ port: 80 }] }));
    expect(np.spec?.ports?.[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(np.spec?.externalTrafficPolicy).toBe("Cluster");
    const headless = api.create<Service>(
      "Service",
      svc("db", { clusterIP: "None", ports: [{ port: 5432 }] }),
    );
    expect(headless.spec?.clusterIPs).toEqual(["None"]);
  });
});
