// The deployment, replicaset and garbage-collector controllers against a bare API server, with a
// stand-in kubelet that binds each pod and makes it Running+Ready after a delay (or never, for an
// image it "cannot pull"), and finishes a graceful delete after a few seconds.
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Event, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { ApiServer } from "../apiserver/apiServer";
import { createEventRecorder } from "../apiserver/eventRecorder";
import { ApiError, type KubeObject } from "../apiserver/types";
import { Rng, VirtualClock } from "../clock";
import { rfc3339 } from "../clock/time";
import { controllerOf, isPodReady, podsToDelete } from "./controllerUtils";
import { DEPLOYMENT_CONTROLLER, DeploymentController } from "./deploymentController";
import { computeHash, fnv32a, safeEncodeString } from "./deploymentUtil";
import { GarbageCollector } from "./garbageCollector";
import { REPLICASET_CONTROLLER, ReplicaSetController } from "./replicaSetController";

interface Opts {
  /** How long the stand-in kubelet takes to make a pod ready. */
  startMs?: number;
  /** How long a graceful delete takes to finish. */
  stopMs?: number;
}

function setup(o: Opts = {}) {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, rng: new Rng(11), serviceAccountTokenVolume: false });
  // started in createNode's order
  new ReplicaSetController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: REPLICASET_CONTROLLER }),
  }).start();
  new DeploymentController({
    api,
    clock,
    recorder: createEventRecorder(api, clock, { component: DEPLOYMENT_CONTROLLER }),
  }).start();
  new GarbageCollector(api, clock).start();
  const startMs = o.startMs ?? 2000;
  const stopMs = o.stopMs ?? 3000;
  const stopping = new Set<string>();
  api.watch<Pod>("Pod", {}, (e) => {
    const p = e.object;
    const ns = p.metadata?.namespace ?? "default";
    const name = p.metadata?.name ?? "";
    const key = `${ns}/${name}`;
    if (e.type === "ADDED" && !p.spec?.nodeName) {
      clock.setTimer(0, () => {
        if (!api.tryGet("Pod", ns, name)) return;
        api.bindPod(ns, name, "node-1");
        if (p.spec?.containers?.[0]?.image === "broken") return;
        clock.setTimer(startMs, () => {
          const cur = api.tryGet<Pod>("Pod", ns, name);
          if (!cur || cur.metadata?.deletionTimestamp) return;
          const now = rfc3339(clock.wallMs());
          api.updateStatus("Pod", ns, name, {
            ...cur.status,
            phase: "Running",
            conditions: [
              ...(cur.status?.conditions ?? []),
              { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: now },
            ],
          });
        });
      });
    }
    if (e.type === "MODIFIED" && p.metadata?.deletionTimestamp && !stopping.has(key)) {
      stopping.add(key);
      clock.setTimer(stopMs, () => {
        if (api.tryGet("Pod", ns, name)) api.delete("Pod", ns, name, { gracePeriodSeconds: 0 });
      });
    }
  });
  return { clock, api };
}

function deployment(
  name: string,
  replicas: number,
  extra: Record<string, unknown> = {},
): Deployment & KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image: "nginx:1.14.2" }] },
      },
      ...extra,
    },
  };
}

type Api = ApiServer;
const rsOf = (api: Api, d: string) =>
  api.list<ReplicaSet>("ReplicaSet", { namespace: "default" }).filter((rs) => controllerOf(rs)?.name === d);
const podsOf = (api: Api, rs: ReplicaSet) =>
  api.list<Pod>("Pod", { namespace: "default" }).filter((p) => controllerOf(p)?.uid === rs.metadata?.uid);
const live = (pods: Pod[]) => pods.filter((p) => !p.metadata?.deletionTimestamp);
const getD = (api: Api, name: string) => api.get<Deployment>("Deployment", "default", name);
const messages = (api: Api, kind: string, name: string) =>
  api
    .list<Event>("Event", { namespace: "default" })
    .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .map((e) => e.message);
const setImage = (api: Api, name: string, image: string) => {
  const d = getD(api, name);
  const template = structuredClone(d.spec!.template);
  template.spec!.containers[0].image = image;
  api.update("Deployment", { ...d, spec: { ...d.spec!, template } } as Deployment & KubeObject);
};
const scaleTo = (api: Api, name: string, replicas: number) => {
  const d = getD(api, name);
  api.update("Deployment", { ...d, spec: { ...d.spec!, replicas } } as Deployment & KubeObject);
};

describe("pod-template-hash", () => {
  it("is SafeEncodeString of the decimal FNV-32a: only the characters digits map to, stable per template", () => {
    // FNV-1a test vector: "a" → 0xe40c292c
    expect(fnv32a(new TextEncoder().encode("a"))).toBe(0xe40c292c);
    // '0'..'9' are bytes 48..57: alphanums[48 % 27] = '4' … alphanums[57 % 27] = 'f'
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
    const t = {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    };
    const h = computeHash(t);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(structuredClone(t))).toBe(h);
    expect(computeHash({ ...t, spec: { containers: [{ name: "web", image: "nginx:1.16.1" }] } })).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(h);
  });
});

describe("deployment and replicaset controllers", () => {
  it("a new Deployment gets a ReplicaSet <name>-<hash> and its pods <rs>-<5 chars>, owned all the way down", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 3));
    clock.advance(0);
    const [rs] = rsOf(api, "web");
    const d = getD(api, "web");
    const hash = rs.metadata?.labels?.["pod-template-hash"] ?? "";
    expect(rs.metadata?.name).toBe(`web-${hash}`);
    expect(hash).toBe(computeHash(d.spec!.template));
    expect(rs.spec?.selector?.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.metadata?.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "web",
        uid: d.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs.metadata?.annotations).toEqual({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      // 25% surge of 3 rounds up to 1
      "deployment.kubernetes.io/max-replicas": "4",
    });
    const pods = podsOf(api, rs);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata?.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata?.generateName).toBe(`web-${hash}-`);
      expect(p.metadata?.labels).toEqual({ app: "web", "pod-template-hash": hash });
      expect(p.metadata?.ownerReferences).toEqual([
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: rs.metadata?.name,
          uid: rs.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    expect(d.metadata?.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(messages(api, "Deployment", "web")).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(messages(api, "ReplicaSet", `web-${hash}`).sort()).toEqual(
      pods.map((p) => `Created pod: ${p.metadata?.name}`).sort(),
    );
  });

  it("once the pods are ready the status counts them and the conditions say the rollout is complete", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 3));
    clock.advance(0);
    const before = getD(api, "web").status;
    expect(before?.conditions?.find((c) => c.type === "Available")).toMatchObject({
      status: "False",
      reason: "MinimumReplicasUnavailable",
      message: "Deployment does not have minimum availability.",
    });
    clock.advance(5_000);
    const [rs] = rsOf(api, "web");
    expect(rs.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    const st = getD(api, "web").status!;
    expect(st).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(st.unavailableReplicas).toBeUndefined();
    expect(st.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
      [
        "Progressing",
        "True",
        "NewReplicaSetAvailable",
        `ReplicaSet "${rs.metadata?.name}" has successfully progressed.`,
      ],
    ]);
  });

  it("scales up and down through the one active ReplicaSet; scaling down removes the not-ready pods first", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 2));
    clock.advance(5_000);
    const [rs] = rsOf(api, "web");
    const name = rs.metadata?.name;
    scaleTo(api, "web", 5);
    clock.advance(0);
    expect(live(podsOf(api, rs))).toHaveLength(5);
    const young = live(podsOf(api, rs))
      .filter((p) => !isPodReady(p))
      .map((p) => p.metadata?.name)
      .sort();
    expect(young).toHaveLength(3);
    scaleTo(api, "web", 2);
    clock.advance(0);
    // the three new, not yet ready pods go; the two ready ones stay
    expect(
      podsOf(api, rs)
        .filter((p) => p.metadata?.deletionTimestamp)
        .map((p) => p.metadata?.name)
        .sort(),
    ).toEqual(young);
    expect(live(podsOf(api, rs))).toHaveLength(2);
    expect(live(podsOf(api, rs)).every(isPodReady)).toBe(true);
    expect(messages(api, "Deployment", "web")).toEqual([
      `Scaled up replica set ${name} from 0 to 2`,
      `Scaled up replica set ${name} from 2 to 5`,
      `Scaled down replica set ${name} from 5 to 2`,
    ]);
    expect(
      messages(api, "ReplicaSet", name ?? "")
        .filter((m) => m?.startsWith("Deleted pod: "))
        .sort(),
    ).toEqual(young.map((n) => `Deleted pod: ${n}`));
    clock.advance(10_000);
    expect(podsOf(api, rs)).toHaveLength(2);
  });

  it("a deleted pod is replaced at once, while it is still terminating", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 3));
    clock.advance(5_000);
    const [rs] = rsOf(api, "web");
    const victim = podsOf(api, rs)[0].metadata?.name ?? "";
    api.delete("Pod", "default", victim);
    clock.advance(0);
    const pods = podsOf(api, rs);
    expect(pods).toHaveLength(4);
    expect(pods.find((p) => p.metadata?.name === victim)?.metadata?.deletionTimestamp).toBeDefined();
    expect(live(pods)).toHaveLength(3);
    const replacement = live(pods).find((p) => !isPodReady(p))?.metadata?.name;
    expect(messages(api, "ReplicaSet", rs.metadata?.name ?? "")).toContain(`Created pod: ${replacement}`);
    clock.advance(10_000);
    expect(podsOf(api, rs).map((p) => p.metadata?.name)).not.toContain(victim);
    expect(live(podsOf(api, rs)).filter(isPodReady)).toHaveLength(3);
  });

  for (const [surge, unavailable] of [
    [1, 0],
    [0, 2],
    ["25%", "25%"],
  ] as const) {
    it(`a template change rolls out a new ReplicaSet within maxSurge ${surge} and maxUnavailable ${unavailable}`, () => {
      const { clock, api } = setup();
      const replicas = 4;
      api.create(
        "Deployment",
        deployment("web", replicas, {
          strategy: {
            type: "RollingUpdate",
            rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable },
          },
        }),
      );
      clock.advance(5_000);
      const [oldRS] = rsOf(api, "web");
      const maxSurge = typeof surge === "number" ? surge : 1;
      const maxUnavailable = typeof unavailable === "number" ? unavailable : 1;
      let most = 0;
      let fewestAvailable = replicas;
      const stop = api.watch<Pod>("Pod", {}, () => {
        const pods = api.list<Pod>("Pod", { namespace: "default" });
        most = Math.max(most, live(pods).length);
        fewestAvailable = Math.min(fewestAvailable, live(pods).filter(isPodReady).length);
      });
      setImage(api, "web", "nginx:1.16.1");
      clock.advance(60_000);
      stop();
      const rss = rsOf(api, "web");
      expect(rss).toHaveLength(2);
      const newRS = rss.find((rs) => rs.metadata?.uid !== oldRS.metadata?.uid)!;
      expect(newRS.metadata?.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
      expect(api.get<ReplicaSet>("ReplicaSet", "default", oldRS.metadata?.name ?? "").spec?.replicas).toBe(0);
      expect(live(podsOf(api, newRS)).filter(isPodReady)).toHaveLength(replicas);
      expect(podsOf(api, oldRS)).toHaveLength(0);
      // the surge and unavailability budgets are used, and never exceeded
      expect(most).toBe(replicas + maxSurge);
      expect(fewestAvailable).toBe(replicas - maxUnavailable);
      const d = getD(api, "web");
      expect(d.metadata?.generation).toBe(2);
      expect(d.status).toMatchObject({
        observedGeneration: 2,
        replicas,
        updatedReplicas: replicas,
        availableReplicas: replicas,
      });
      expect(d.metadata?.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
      // every step is an event naming the ReplicaSet and its sizes
      for (const m of messages(api, "Deployment", "web").slice(1))
        expect(m).toMatch(/^Scaled (up|down) replica set web-\w+ from \d+ to \d+$/);
    });
  }

  it("Recreate: every old pod is gone from the API before the first new one is created", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 3, { strategy: { type: "Recreate" } }));
    clock.advance(5_000);
    const [oldRS] = rsOf(api, "web");
    const oldUid = oldRS.metadata?.uid;
    let lastOldGone = -1;
    let firstNew = -1;
    api.watch<Pod>("Pod", {}, (e) => {
      const ref = controllerOf(e.object);
      if (e.type === "DELETED" && ref?.uid === oldUid) lastOldGone = clock.now();
      if (e.type === "ADDED" && ref?.uid !== oldUid && firstNew < 0) firstNew = clock.now();
    });
    setImage(api, "web", "nginx:1.16.1");
    clock.advance(30_000);
    expect(lastOldGone).toBeGreaterThan(0);
    expect(firstNew).toBeGreaterThanOrEqual(lastOldGone);
    const newRS = rsOf(api, "web").find((rs) => rs.metadata?.uid !== oldUid)!;
    expect(messages(api, "Deployment", "web")).toEqual([
      `Scaled up replica set ${oldRS.metadata?.name} from 0 to 3`,
      `Scaled down replica set ${oldRS.metadata?.name} from 3 to 0`,
      `Scaled up replica set ${newRS.metadata?.name} from 0 to 3`,
    ]);
    expect(live(podsOf(api, newRS)).filter(isPodReady)).toHaveLength(3);
  });

  it("a rollout that makes no progress for progressDeadlineSeconds is marked ProgressDeadlineExceeded", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 2, { progressDeadlineSeconds: 30 }));
    clock.advance(5_000);
    setImage(api, "web", "broken");
    clock.advance(20_000);
    const progressing = () => getD(api, "web").status?.conditions?.find((c) => c.type === "Progressing");
    expect(progressing()?.reason).toBe("ReplicaSetUpdated");
    clock.advance(20_000);
    const newRS = rsOf(api, "web").find(
      (rs) => rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] === "2",
    );
    expect(progressing()).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "${newRS?.metadata?.name}" has timed out progressing.`,
    });
    // maxUnavailable 0 (25% of 2): the old pods keep serving
    expect(getD(api, "web").status?.availableReplicas).toBe(2);
  });

  it("revisionHistoryLimit: old, empty ReplicaSets beyond the limit are deleted, oldest revision first", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 1, { revisionHistoryLimit: 1 }));
    clock.advance(5_000);
    for (const image of ["nginx:1.16.1", "nginx:1.25.5", "nginx:1.27.3"]) {
      setImage(api, "web", image);
      clock.advance(20_000);
    }
    const revisions = rsOf(api, "web")
      .map((rs) => rs.metadata?.annotations?.["deployment.kubernetes.io/revision"])
      .sort();
    expect(revisions).toEqual(["3", "4"]);
  });

  it("minReadySeconds: a ready pod counts as available only after it stayed ready that long", () => {
    const { clock, api } = setup({ startMs: 1000 });
    api.create("Deployment", deployment("web", 2, { minReadySeconds: 10 }));
    clock.advance(3_000);
    const [rs] = rsOf(api, "web");
    expect(rs.spec?.minReadySeconds).toBe(10);
    expect(rs.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(rs.status?.availableReplicas).toBeUndefined();
    expect(getD(api, "web").status?.availableReplicas).toBeUndefined();
    clock.advance(10_000);
    expect(rsOf(api, "web")[0].status?.availableReplicas).toBe(2);
    expect(getD(api, "web").status?.availableReplicas).toBe(2);
    expect(getD(api, "web").status?.conditions?.find((c) => c.type === "Available")?.status).toBe("True");
  });

  it("a pod that matches a ReplicaSet's selector and has no controller is adopted", () => {
    const { clock, api } = setup();
    api.create("Pod", {
      metadata: { name: "stray", namespace: "default", labels: { tier: "frontend" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    api.create("ReplicaSet", {
      metadata: { name: "frontend", namespace: "default" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { tier: "frontend" } },
        template: {
          metadata: { labels: { tier: "frontend" } },
          spec: { containers: [{ name: "c", image: "nginx" }] },
        },
      },
    });
    clock.advance(0);
    const rs = api.get<ReplicaSet>("ReplicaSet", "default", "frontend");
    const pods = podsOf(api, rs);
    expect(pods.map((p) => p.metadata?.name)).toContain("stray");
    expect(pods).toHaveLength(2);
    expect(messages(api, "ReplicaSet", "frontend")).toHaveLength(1);
  });
});

describe("garbage collection of a deleted Deployment", () => {
  it("Background (the default): the Deployment goes at once, its ReplicaSet and pods after it", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 2));
    clock.advance(5_000);
    const [rs] = rsOf(api, "web");
    api.delete("Deployment", "default", "web");
    expect(api.tryGet("Deployment", "default", "web")).toBeUndefined();
    clock.advance(0);
    expect(api.tryGet("ReplicaSet", "default", rs.metadata?.name ?? "")).toBeUndefined();
    const pods = api.list<Pod>("Pod", { namespace: "default" });
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    clock.advance(10_000);
    expect(api.list("Pod", { namespace: "default" })).toHaveLength(0);
  });

  it("Orphan: the ReplicaSet and pods stay, without the reference to the Deployment", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 2));
    clock.advance(5_000);
    api.delete("Deployment", "default", "web", { propagationPolicy: "Orphan" });
    expect(getD(api, "web").metadata?.finalizers).toEqual(["orphan"]);
    clock.advance(0);
    expect(api.tryGet("Deployment", "default", "web")).toBeUndefined();
    const rss = api.list<ReplicaSet>("ReplicaSet", { namespace: "default" });
    expect(rss).toHaveLength(1);
    expect(rss[0].metadata?.ownerReferences).toBeUndefined();
    expect(live(podsOf(api, rss[0]))).toHaveLength(2);
  });

  it("Foreground: the Deployment waits (foregroundDeletion) until its ReplicaSet and pods are gone", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 2));
    clock.advance(5_000);
    const [rs] = rsOf(api, "web");
    api.delete("Deployment", "default", "web", { propagationPolicy: "Foreground" });
    clock.advance(1_000);
    expect(getD(api, "web").metadata?.finalizers).toEqual(["foregroundDeletion"]);
    expect(
      api.get<ReplicaSet>("ReplicaSet", "default", rs.metadata?.name ?? "").metadata?.finalizers,
    ).toEqual(["foregroundDeletion"]);
    clock.advance(10_000);
    expect(api.list("Pod", { namespace: "default" })).toHaveLength(0);
    expect(api.tryGet("ReplicaSet", "default", rs.metadata?.name ?? "")).toBeUndefined();
    expect(api.tryGet("Deployment", "default", "web")).toBeUndefined();
  });

  it("a pod whose owner does not exist (a dangling reference) is deleted", () => {
    const { clock, api } = setup();
    api.create("Pod", {
      metadata: {
        name: "dangling",
        namespace: "default",
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: "gone", uid: "no-such-uid", controller: true },
        ],
      },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    clock.advance(0);
    // not yet bound to a node: the delete removes it at once
    expect(api.tryGet<Pod>("Pod", "default", "dangling")).toBeUndefined();
  });
});

describe("apps/v1 defaulting and validation", () => {
  const invalid = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ApiError) return e.message;
      throw e;
    }
    throw new Error("accepted");
  };

  it("defaults replicas, strategy, history limit, progress deadline and the template's pod fields", () => {
    const { api } = setup();
    const d = api.create<Deployment>("Deployment", {
      metadata: { name: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "c", image: "nginx" }] },
        },
      },
    });
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.spec?.template.spec).toMatchObject({
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      schedulerName: "default-scheduler",
    });
    expect(d.spec?.template.spec?.containers[0]).toMatchObject({
      imagePullPolicy: "Always",
      terminationMessagePath: "/dev/termination-log",
    });
    expect(d.metadata?.generation).toBe(1);
    expect(d.status).toEqual({});
    const rs = api.create<ReplicaSet>("ReplicaSet", {
      metadata: { name: "rs" },
      spec: {
        selector: { matchLabels: { app: "rs" } },
        template: {
          metadata: { labels: { app: "rs" } },
          spec: { containers: [{ name: "c", image: "nginx" }] },
        },
      },
    });
    expect(rs.spec?.replicas).toBe(1);
  });

  it("refuses a selector that does not select the template, a missing selector and a restartPolicy other than Always", () => {
    const { api } = setup();
    const base = deployment("web", 1);
    expect(
      invalid(() =>
        api.create("Deployment", {
          ...base,
          spec: { ...base.spec!, selector: { matchLabels: { app: "other" } } },
        }),
      ),
    ).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    );
    const noSelector = structuredClone(base);
    delete (noSelector.spec as { selector?: unknown }).selector;
    noSelector.spec!.template.spec!.restartPolicy = "Never";
    expect(invalid(() => api.create("Deployment", noSelector))).toBe(
      'The Deployment "web" is invalid: \n' +
        "* spec.selector: Required value\n" +
        '* spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`\n' +
        '* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it("refuses a change of the selector, and a Recreate strategy that keeps rollingUpdate", () => {
    const { api } = setup();
    api.create("Deployment", deployment("web", 1));
    const d = getD(api, "web");
    const moved = structuredClone(d) as Deployment & KubeObject;
    moved.spec!.selector = { matchLabels: { app: "web", tier: "x" } };
    moved.spec!.template.metadata!.labels = { app: "web", tier: "x" };
    expect(invalid(() => api.update("Deployment", moved))).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    );
    const recreate = structuredClone(d) as Deployment & KubeObject;
    recreate.spec!.strategy = { ...recreate.spec!.strategy, type: "Recreate" };
    expect(invalid(() => api.update("Deployment", recreate))).toBe(
      "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    );
  });

  it("a spec change bumps generation, a status write does not", () => {
    const { clock, api } = setup();
    api.create("Deployment", deployment("web", 1));
    clock.advance(5_000);
    expect(getD(api, "web").metadata?.generation).toBe(1);
    scaleTo(api, "web", 2);
    expect(getD(api, "web").metadata?.generation).toBe(2);
    clock.advance(5_000);
    expect(getD(api, "web").metadata?.generation).toBe(2);
    expect(getD(api, "web").status?.observedGeneration).toBe(2);
  });
});

describe("podsToDelete", () => {
  const p = (
    name: string,
    o: { node?: string; phase?: string; ready?: boolean; created: number; restarts?: number },
  ): Pod => ({
    metadata: { name, uid: name, creationTimestamp: rfc3339(o.created) },
    spec: { nodeName: o.node, containers: [] },
    status: {
      phase: o.phase ?? "Running",
      conditions: o.ready
        ? [{ type: "Ready", status: "True", lastTransitionTime: rfc3339(o.created + 1000) }]
        : [],
      containerStatuses: [
        { name: "c", image: "", imageID: "", ready: !!o.ready, restartCount: o.restarts ?? 0 },
      ],
    },
  });
  it("unassigned, then pending, then not ready, then more restarts, then newer go first", () => {
    const now = 10_000_000_000;
    const pods = [
      p("ready-old", { node: "n", ready: true, created: now - 3_600_000 }),
      p("pending", { node: "n", phase: "Pending", created: now - 1000 }),
      p("unassigned", { phase: "Pending", created: now - 5000 }),
      p("notready", { node: "n", created: now - 7200_000 }),
      p("restarts", { node: "n", created: now - 3_600_000, restarts: 4 }),
    ];
    expect(podsToDelete(pods, pods, 4, now).map((x) => x.metadata?.name)).toEqual([
      "unassigned",
      "pending",
      "restarts",
      "notready",
    ]);
  });
});
