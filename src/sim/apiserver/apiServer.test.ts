import fc from "fast-check";
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Rng, VirtualClock } from "../clock";
import { TraceLog } from "../trace";
import { ApiServer } from "./apiServer";
import { ApiError, type KubeObject, type WatchEvent } from "./types";

type P = Pod & KubeObject;
function setup(opts: { tokenVolume?: boolean } = {}) {
  const clock = new VirtualClock();
  const trace = new TraceLog(() => clock.now());
  const api = new ApiServer({
    clock,
    rng: new Rng(7),
    trace,
    serviceAccountTokenVolume: opts.tokenVolume ?? false,
  });
  return { clock, trace, api };
}
const pod = (name: string, extra: Partial<Pod["spec"]> = {}, labels?: Record<string, string>): P => ({
  metadata: { name, labels },
  spec: { containers: [{ name: "app", image: "nginx" }], ...extra },
});
function thrown(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("ApiServer", () => {
  it("starts with the four system namespaces and fills object metadata", () => {
    const { api } = setup();
    expect(api.list("Namespace").map((n) => n.metadata?.name)).toEqual([
      "default",
      "kube-node-lease",
      "kube-public",
      "kube-system",
    ]);
    const p = api.create<P>("Pod", pod("web"));
    expect(p.apiVersion).toBe("v1");
    expect(p.kind).toBe("Pod");
    expect(p.metadata).toMatchObject({
      name: "web",
      namespace: "default",
      creationTimestamp: "2026-01-15T09:00:00Z",
      generation: 1,
    });
    expect(p.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(p.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
    const g = api.create<P>("Pod", { ...pod(""), metadata: { generateName: "web-" } });
    expect(g.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("increments one global resourceVersion across kinds", () => {
    const { api } = setup();
    const a = Number(
      api.create<KubeObject>("ConfigMap", { metadata: { name: "a" } }).metadata?.resourceVersion,
    );
    const b = Number(api.create<P>("Pod", pod("web")).metadata?.resourceVersion);
    const c = Number(
      api.updateStatus<P>("Pod", "default", "web", { phase: "Running" }).metadata?.resourceVersion,
    );
    expect([b - a, c - b]).toEqual([1, 1]);
    // A no-op write does not bump it.
    expect(api.updateStatus<P>("Pod", "default", "web", { phase: "Running" }).metadata?.resourceVersion).toBe(
      String(c),
    );
  });

  it("answers with kubectl's error texts", () => {
    const { api } = setup();
    api.create<P>("Pod", pod("web"));
    expect(thrown(() => api.get("Pod", "default", "nope")).message).toBe('pods "nope" not found');
    expect(thrown(() => api.get("RuntimeClass", undefined, "x")).message).toBe(
      'runtimeclasses.node.k8s.io "x" not found',
    );
    const dup = thrown(() => api.create<P>("Pod", pod("web")));
    expect([dup.code, dup.reason, dup.message]).toEqual([409, "AlreadyExists", 'pods "web" already exists']);
    const ns = thrown(() =>
      api.create<P>("Pod", { ...pod("web"), metadata: { name: "web", namespace: "foo" } }),
    );
    expect([ns.code, ns.message]).toEqual([404, 'namespaces "foo" not found']);
    const inv = thrown(() =>
      api.create<P>("Pod", { metadata: { name: "x" }, spec: { containers: [{ name: "x" }] } } as P),
    );
    expect([inv.code, inv.message]).toEqual([
      422,
      'The Pod "x" is invalid: spec.containers[0].image: Required value',
    ]);
    const q = thrown(() =>
      api.create<P>(
        "Pod",
        pod("q", { containers: [{ name: "a", image: "x", resources: { limits: { memory: "1GB" } } }] }),
      ),
    );
    expect([q.code, q.message]).toEqual([
      400,
      `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  });

  it("rejects stale updates and immutable pod spec changes", () => {
    const { api } = setup();
    const p = api.create<P>("Pod", pod("web"));
    const fresh = api.update<P>("Pod", { ...p, metadata: { ...p.metadata, labels: { app: "web" } } });
    expect(Number(fresh.metadata?.resourceVersion)).toBeGreaterThan(Number(p.metadata?.resourceVersion));
    const stale = thrown(() =>
      api.update<P>("Pod", { ...p, metadata: { ...p.metadata, labels: { app: "x" } } }),
    );
    expect([stale.code, stale.message]).toEqual([
      409,
      'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    ]);
    const img = structuredClone(fresh);
    img.spec!.containers[0].image = "nginx:1.27";
    const updated = api.update<P>("Pod", img);
    expect(updated.spec?.containers[0].image).toBe("nginx:1.27");
    expect(updated.metadata?.generation).toBe(2);
    const bad = structuredClone(updated);
    bad.spec!.restartPolicy = "Never";
    expect(thrown(() => api.update<P>("Pod", bad)).message).toContain(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than',
    );
  });

  it("never lets a caller change the store: writes copy their input, reads are frozen", () => {
    const { api } = setup();
    const input = pod("web", {}, { app: "web" });
    const created = api.create<P>("Pod", input);
    input.metadata!.labels!.app = "changed";
    created.metadata!.labels!.app = "changed";
    const seen: P[] = [];
    api.watch<P>("Pod", {}, (e) => seen.push(e.object));
    expect(() => {
      seen[0].metadata!.labels!.app = "changed";
    }).toThrow(TypeError);
    expect(() => {
      api.list<P>("Pod")[0].metadata!.labels!.app = "changed";
    }).toThrow(TypeError);
    expect(api.get<P>("Pod", "default", "web").metadata?.labels).toEqual({ app: "web" });
  });

  it("lists what every create, update and delete left, in name order, after earlier lists", () => {
    const { api } = setup();
    const names = () => api.list<P>("Pod", { namespace: "default" }).map((p) => p.metadata?.name);
    api.create("Pod", pod("b"));
    expect(names()).toEqual(["b"]);
    api.create("Pod", pod("a"));
    expect(names()).toEqual(["a", "b"]);
    api.updateStatus("Pod", "default", "b", { phase: "Running" });
    expect(api.list<P>("Pod").find((p) => p.metadata?.name === "b")?.status?.phase).toBe("Running");
    api.delete("Pod", "default", "a", { gracePeriodSeconds: 0 });
    expect(names()).toEqual(["b"]);
  });

  it("filters by label and field selectors", () => {
    const { api } = setup();
    api.create<P>("Pod", pod("a", {}, { app: "web", tier: "front" }));
    api.create<P>("Pod", pod("b", {}, { app: "db" }));
    api.create<P>("Pod", pod("c", { nodeName: "node-1" }, { app: "web", legacy: "true" }));
    const names = (o: object) => api.list<P>("Pod", o).map((p) => p.metadata?.name);
    expect(names({ labelSelector: "app=web" })).toEqual(["a", "c"]);
    expect(names({ labelSelector: "app==web,tier!=front" })).toEqual(["c"]);
    expect(names({ labelSelector: "app in (db, cache)" })).toEqual(["b"]);
    expect(names({ labelSelector: "app notin (db)" })).toEqual(["a", "c"]);
    expect(names({ labelSelector: "legacy" })).toEqual(["c"]);
    expect(names({ labelSelector: "!legacy" })).toEqual(["a", "b"]);
    expect(names({ fieldSelector: "spec.nodeName=node-1" })).toEqual(["c"]);
    expect(names({ fieldSelector: "spec.nodeName=" })).toEqual(["a", "b"]);
    expect(names({ fieldSelector: "metadata.name!=a,status.phase=Pending" })).toEqual(["b", "c"]);
    expect(names({ namespace: "kube-system" })).toEqual([]);
    expect(thrown(() => api.list("Pod", { fieldSelector: "spec.image=x" })).message).toBe(
      "field label not supported: spec.image",
    );
  });

  it("watches: initial ADDED, then live events; selector watches see objects enter and leave", () => {
    const { api } = setup();
    api.create<P>("Pod", pod("old"));
    const all: string[] = [];
    const onNode: string[] = [];
    api.watch<P>("Pod", {}, (e) => all.push(`${e.type} ${e.object.metadata?.name}`));
    api.watch<P>("Pod", { fieldSelector: "spec.nodeName=node-1" }, (e) =>
      onNode.push(`${e.type} ${e.object.metadata?.name}`),
    );
    expect(all).toEqual(["ADDED old"]);
    api.create<P>("Pod", pod("web"));
    api.bindPod("default", "web", "node-1");
    api.updateStatus("Pod", "default", "web", { phase: "Running" });
    expect(all).toEqual(["ADDED old", "ADDED web", "MODIFIED web", "MODIFIED web"]);
    expect(onNode).toEqual(["ADDED web", "MODIFIED web"]);
  });

  it("deletes bound pods gracefully: MODIFIED with deletionTimestamp, DELETED when the kubelet finishes", () => {
    const { api, clock } = setup();
    api.create<P>("Pod", pod("web", { terminationGracePeriodSeconds: 30 }));
    api.bindPod("default", "web", "node-1");
    const events: WatchEvent<P>[] = [];
    const stop = api.watch<P>("Pod", { fieldSelector: "metadata.name=web" }, (e) => events.push(e));
    events.length = 0;
    clock.advance(5000);
    const d = api.delete("Pod", "default", "web") as P;
    expect(d.metadata).toMatchObject({
      deletionTimestamp: "2026-01-15T09:00:35Z",
      deletionGracePeriodSeconds: 30,
    });
    expect(api.tryGet("Pod", "default", "web")).toBeDefined();
    // A second delete never lengthens the grace, but may shorten it.
    api.delete("Pod", "default", "web", { gracePeriodSeconds: 60 });
    expect(api.get<P>("Pod", "default", "web").metadata?.deletionGracePeriodSeconds).toBe(30);
    api.delete("Pod", "default", "web", { gracePeriodSeconds: 10 });
    expect(api.get<P>("Pod", "default", "web").metadata).toMatchObject({
      deletionGracePeriodSeconds: 10,
      deletionTimestamp: "2026-01-15T09:00:15Z",
    });
    api.delete("Pod", "default", "web", { gracePeriodSeconds: 0 }, "kubelet");
    expect(events.map((e) => e.type)).toEqual(["MODIFIED", "MODIFIED", "DELETED"]);
    expect(api.tryGet("Pod", "default", "web")).toBeUndefined();
    stop();
  });

  it("deletes unbound pods at once", () => {
    const { api } = setup();
    api.create<P>("Pod", pod("web"));
    const types: string[] = [];
    api.watch("Pod", {}, (e) => types.push(e.type));
    api.delete("Pod", "default", "web");
    expect(types).toEqual(["ADDED", "DELETED"]);
  });

  it("admits pods only with an existing RuntimeClass", () => {
    const { api } = setup();
    const e = thrown(() => api.create<P>("Pod", pod("x", { runtimeClassName: "foo" })));
    expect([e.code, e.reason, e.message]).toEqual([
      403,
      "Forbidden",
      'pods "x" is forbidden: pod rejected: RuntimeClass "foo" not found',
    ]);
    api.create("RuntimeClass", {
      metadata: { name: "foo" },
      handler: "runsc",
      overhead: { podFixed: { memory: "20Mi" } },
    });
    const p = api.create<P>("Pod", pod("x", { runtimeClassName: "foo" }));
    expect(p.spec?.overhead).toEqual({ memory: "20Mi" });
    expect(api.get("RuntimeClass", undefined, "foo").apiVersion).toBe("node.k8s.io/v1");
  });

  it("records api trace events from the caller", () => {
    const { api, trace } = setup();
    api.create<P>("Pod", pod("web"));
    api.updateStatus("Pod", "default", "web", { phase: "Running" }, "kubelet");
    api.delete("Pod", "default", "web");
    const hops = trace.all().filter((t) => t.kind === "api" && t.pod === "default/web");
    expect(hops.map((t) => `${t.from}->${t.to} ${t.summary}`)).toEqual([
      "user->apiserver create pods default/web",
      "kubelet->apiserver update status pods default/web",
      "user->apiserver delete pods default/web (removed)",
    ]);
  });

  it("adds the kube-api-access volume and kube-root-ca.crt when enabled", () => {
    const { api } = setup({ tokenVolume: true });
    expect(api.get("ConfigMap", "default", "kube-root-ca.crt")).toBeDefined();
    const p = api.create<P>("Pod", pod("web"));
    expect(p.spec?.volumes?.[0].name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
  });

  it("terminates a namespace once its pods are gone", () => {
    const { api } = setup();
    api.create("Namespace", { metadata: { name: "demo" } });
    api.create<P>("Pod", {
      ...pod("web", { nodeName: "node-1" }),
      metadata: { name: "web", namespace: "demo" },
    });
    api.delete("Namespace", undefined, "demo");
    expect(api.get("Namespace", undefined, "demo").status).toEqual({ phase: "Terminating" });
    const e = thrown(() => api.create("ConfigMap", { metadata: { name: "c", namespace: "demo" } }));
    expect(e.message).toBe(
      'configmaps "c" is forbidden: unable to create new content in namespace demo because it is being terminated',
    );
    api.delete("Pod", "demo", "web", { gracePeriodSeconds: 0 });
    expect(api.tryGet("Namespace", undefined, "demo")).toBeUndefined();
    expect(thrown(() => api.delete("Namespace", undefined, "default")).message).toBe(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  it("property: random pod objects only ever fail with ApiError", () => {
    const { api } = setup({ tokenVolume: true });
    const anyValue = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -5, max: 70000 }),
      fc.boolean(),
      fc.constant(null),
    );
    const quantity = fc.oneof(
      fc.constantFrom("100Mi", "1", "250m", "-1", "1e3", "bad", ""),
      fc.integer(),
      anyValue,
    );
    const probe = fc.option(
      fc.record(
        {
          exec: fc.option(fc.record({ command: fc.array(fc.string(), { maxLength: 2 }) })),
          httpGet: fc.option(fc.record({ port: anyValue })),
          successThreshold: fc.option(anyValue),
        },
        { requiredKeys: [] },
      ),
    );
    const container = fc.record(
      {
        name: fc.oneof(fc.constantFrom("app", "web", "App", ""), anyValue),
        image: fc.oneof(fc.constantFrom("nginx", "nginx:1.27", " x", ""), anyValue),
        imagePullPolicy: fc.oneof(fc.constantFrom("Always", "Never", "Sometimes"), anyValue),
        restartPolicy: fc.oneof(fc.constantFrom("Always", "Never"), anyValue),
        ports: fc.oneof(
          fc.array(
            fc.record({ containerPort: anyValue, protocol: anyValue, name: anyValue }, { requiredKeys: [] }),
            { maxLength: 2 },
          ),
          anyValue,
        ),
        resources: fc.oneof(
          fc.record(
            {
              limits: fc.dictionary(fc.constantFrom("cpu", "memory"), quantity),
              requests: fc.dictionary(fc.constantFrom("cpu", "memory"), quantity),
            },
            { requiredKeys: [] },
          ),
          anyValue,
        ),
        livenessProbe: probe,
        readinessProbe: fc.oneof(probe, anyValue),
      },
      { requiredKeys: [] },
    );
    const podArb = fc.record(
      {
        metadata: fc.oneof(
          fc.record(
            {
              name: fc.oneof(fc.constantFrom("web", "Web", "a.b"), anyValue),
              labels: fc.oneof(
                fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 })),
                anyValue,
              ),
            },
            { requiredKeys: [] },
          ),
          anyValue,
        ),
        spec: fc.oneof(
          fc.record(
            {
              containers: fc.oneof(fc.array(container, { maxLength: 3 }), anyValue),
              initContainers: fc.oneof(fc.array(container, { maxLength: 2 }), anyValue),
              restartPolicy: anyValue,
              runtimeClassName: anyValue,
              activeDeadlineSeconds: anyValue,
            },
            { requiredKeys: [] },
          ),
          anyValue,
        ),
      },
      { requiredKeys: [] },
    );
    let n = 0;
    fc.assert(
      fc.property(podArb, (p) => {
        try {
          const meta = (p.metadata && typeof p.metadata === "object" ? p.metadata : {}) as { name?: unknown };
          if (typeof meta.name === "string") meta.name = `${meta.name}${n++}`.toLowerCase();
          api.create("Pod", p as KubeObject);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }),
      { numRuns: 400, seed: 42 },
    );
  });
});
