// StatefulSets as a one-node kubeadm cluster (no default StorageClass, no provisioner) runs them: the
// StatefulSet Basics tutorial applied by URL after two (or five) hostPath PVs are made so the claims
// bind — ordered creation, stable hostnames and DNS through the headless Service, scaling up and down,
// the rolling update with its partition, delete and re-create keeping the claims — plus the API's
// defaults and validation, Parallel pod management, claims left Pending without a PV, describe, rollout.
import type { ControllerRevision, StatefulSet } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { STATEFULSET_EXAMPLES } from "../../../src/shell/kubectl/examples/statefulSets";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const K8S = "https://k8s.io/examples/";
const WEB = `${K8S}application/web/web.yaml`;

function pvs(n: number): string {
  return Array.from(
    { length: n },
    (_, i) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-${i}
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/data/pv-${i}
`,
  ).join("---\n");
}

const sts = (sim: LiveSimulation) => sim.node.api.get<StatefulSet>("StatefulSet", "default", "web");
const live = (sim: LiveSimulation) =>
  sim.node.api
    .list<Pod>("Pod", { namespace: "default", labelSelector: "app=nginx" })
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata?.name)
    .sort();
const image = (sim: LiveSimulation, name: string) =>
  sim.node.api.get<Pod>("Pod", "default", name).spec?.containers[0]?.image;

/** `kubectl get … -w` while the clock runs `ms`, then Ctrl-C: every line it printed. */
async function watchWhile(sim: LiveSimulation, line: string, ms: number): Promise<string[]> {
  let text = "";
  let stop!: () => void;
  const interrupted = new Promise<void>((r) => {
    stop = r;
  });
  const done = sim.run(line, {
    follow: {
      write: (c) => {
        text += c;
      },
      interrupted,
    },
  });
  for (let i = 0; i < 20 && text === ""; i++) await Promise.resolve();
  for (let t = 0; t < ms; t += 250) await sim.advance(250);
  stop();
  await done;
  return text.split("\n").filter(Boolean);
}

async function tutorial(nPv: number): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 7 });
  expect(await sim.apply(pvs(nPv))).toMatch(/persistentvolume\/pv-0 created/);
  expect(await sim.exec(`kubectl apply -f ${WEB}`)).toBe(
    "service/nginx created\nstatefulset.apps/web created\n",
  );
  await sim.advance(40_000);
  return sim;
}

describe("docs URLs: the StatefulSet Basics manifests", () => {
  it("web.yaml and web-parallel.yaml are served as kubernetes.io has them, with images the registry has", async () => {
    for (const [path, text] of Object.entries(STATEFULSET_EXAMPLES)) {
      expect(docsExample(`${K8S}${path}`)).toBe(text);
      const img = /image: (\S+)/.exec(text)?.[1] ?? "";
      const sim = createSimulation({ seed: 2 });
      expect(await sim.exec(`crictl pull ${img}`)).toMatch(/^Image is up to date for sha256:/);
    }
    expect(STATEFULSET_EXAMPLES["application/web/web.yaml"]).toContain("registry.k8s.io/nginx-slim:0.21");
  });
});

describe("docs: StatefulSet Basics", () => {
  it("creates the pods in order: web-1 only once web-0 is Running and Ready", async () => {
    const sim = createSimulation({ seed: 7 });
    await sim.apply(pvs(2));
    const watching = watchWhile(sim, "kubectl get pods -w -l app=nginx", 30_000);
    await Promise.resolve();
    await sim.exec(`kubectl apply -f ${WEB}`);
    const lines = await watching;
    expect(lines[0]).toBe("No resources found in default namespace.");
    const rows = lines.filter((l) => /^web-/.test(l));
    const first1 = rows.findIndex((l) => l.startsWith("web-1"));
    const ready0 = rows.findIndex((l) => /^web-0 +1\/1 +Running/.test(l));
    expect(ready0).toBeGreaterThanOrEqual(0);
    expect(first1).toBeGreaterThan(ready0);
    expect(rows[0]).toMatch(/^web-0 +0\/1 +Pending +0 +0s$/);
    expect(rows.some((l) => /^web-0 +0\/1 +ContainerCreating/.test(l))).toBe(true);
    expect(rows.at(-1)).toMatch(/^web-1 +1\/1 +Running +0 /);
    // the controller's events, in the real wording
    const evs = await sim.exec("kubectl get events --field-selector involvedObject.kind=StatefulSet");
    expect(evs).toContain("create Claim www-web-0 Pod web-0 in StatefulSet web success");
    expect(evs).toContain("create Pod web-0 in StatefulSet web successful");
    expect(evs).toContain("create Pod web-1 in StatefulSet web successful");
  });

  it("stable identity: labels, hostname, subdomain, the claims bound, DNS through the headless Service", async () => {
    const sim = await tutorial(2);
    expect(await sim.exec("kubectl get service nginx")).toMatch(
      /^NAME +TYPE +CLUSTER-IP .*\nnginx +ClusterIP +None +<none> +80\/TCP /,
    );
    expect(await sim.exec("kubectl get statefulset web")).toMatch(/^NAME +READY +AGE\nweb +2\/2 +40s\n$/);
    const pod = sim.node.api.get<Pod>("Pod", "default", "web-0");
    expect(pod.metadata?.labels).toMatchObject({
      app: "nginx",
      "apps.kubernetes.io/pod-index": "0",
      "statefulset.kubernetes.io/pod-name": "web-0",
      "controller-revision-hash": sts(sim).status?.updateRevision,
    });
    expect(pod.spec?.hostname).toBe("web-0");
    expect(pod.spec?.subdomain).toBe("nginx");
    expect(pod.spec?.volumes?.[0]).toEqual({
      name: "www",
      persistentVolumeClaim: { claimName: "www-web-0" },
    });
    expect(await sim.exec(`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`)).toBe(
      "web-0\nweb-1\n",
    );
    const pvc = await sim.exec("kubectl get pvc -l app=nginx");
    expect(pvc).toMatch(/\nwww-web-0 +Bound +pv-\d +1Gi +RWO /);
    expect(pvc).toMatch(/\nwww-web-1 +Bound +pv-\d +1Gi +RWO /);
    await sim.exec("kubectl run dns-test --image=busybox:1.28 --restart=Never -- sleep 3600");
    await sim.advance(20_000);
    const ip0 = sim.node.api.get<Pod>("Pod", "default", "web-0").status?.podIP;
    expect(await sim.exec("kubectl exec dns-test -- nslookup web-0.nginx")).toBe(
      `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web-0.nginx\nAddress 1: ${ip0} web-0.nginx.default.svc.cluster.local\n`,
    );
    // the headless Service itself answers with every ready pod
    expect(await sim.exec("kubectl exec dns-test -- nslookup nginx")).toContain(
      `${ip0} web-0.nginx.default.svc.cluster.local`,
    );
    // a deleted pod comes back under the same name, hostname and claim
    expect(await sim.exec("kubectl delete pod -l app=nginx")).toBe(
      'pod "web-0" deleted from default namespace\npod "web-1" deleted from default namespace\n',
    );
    await sim.advance(60_000);
    expect(live(sim)).toEqual(["web-0", "web-1"]);
    expect(await sim.exec(`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`)).toBe(
      "web-0\nweb-1\n",
    );
    expect(
      sim.node.api.list<PersistentVolumeClaim>("PersistentVolumeClaim", { namespace: "default" }),
    ).toHaveLength(2);
  });

  it("scales up in order and down from the highest ordinal; the claims stay", async () => {
    const sim = await tutorial(5);
    expect(await sim.exec("kubectl scale sts web --replicas=5")).toBe("statefulset.apps/web scaled\n");
    await sim.advance(100);
    // one at a time: web-2 first, web-3 only once web-2 is Running and Ready
    expect(live(sim)).toEqual(["web-0", "web-1", "web-2"]);
    await sim.advance(60_000);
    expect(live(sim)).toEqual(["web-0", "web-1", "web-2", "web-3", "web-4"]);
    const lines = await watchWhile(sim, "kubectl get pods -w -l app=nginx", 0);
    expect(lines).toHaveLength(6);
    const scaled = sim.exec(`kubectl patch sts web -p '{"spec":{"replicas":3}}'`);
    expect(await scaled).toBe("statefulset.apps/web patched\n");
    await sim.advance(10);
    expect(sim.node.api.get<Pod>("Pod", "default", "web-4").metadata?.deletionTimestamp).toBeDefined();
    expect(sim.node.api.get<Pod>("Pod", "default", "web-3").metadata?.deletionTimestamp).toBeUndefined();
    await sim.advance(60_000);
    expect(live(sim)).toEqual(["web-0", "web-1", "web-2"]);
    const pvc = await sim.exec("kubectl get pvc -l app=nginx --no-headers");
    expect(
      pvc
        .trim()
        .split("\n")
        .map((l) => l.split(/ +/)[0]),
    ).toEqual(["www-web-0", "www-web-1", "www-web-2", "www-web-3", "www-web-4"]);
  });

  it("rolling update: highest ordinal first, the partition holds lower ones back; rollout status and history", async () => {
    const sim = await tutorial(3);
    await sim.exec("kubectl scale sts web --replicas=3");
    await sim.advance(30_000);
    const rev1 = sts(sim).status?.currentRevision;
    expect(
      await sim.exec(
        `kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'`,
      ),
    ).toBe("statefulset.apps/web patched\n");
    await sim.advance(100);
    // web-2 goes first; web-0 and web-1 still run the old image
    expect(sim.node.api.get<Pod>("Pod", "default", "web-2").metadata?.deletionTimestamp).toBeDefined();
    expect(sim.node.api.get<Pod>("Pod", "default", "web-1").metadata?.deletionTimestamp).toBeUndefined();
    expect(image(sim, "web-0")).toBe("registry.k8s.io/nginx-slim:0.21");
    const status = await sim.exec("kubectl rollout status sts/web");
    expect(status.trim().split("\n").at(-1)).toBe(
      "partitioned roll out complete: 3 new pods have been updated...",
    );
    expect(
      await sim.exec(
        `for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done`,
      ),
    ).toBe("registry.k8s.io/nginx-slim:0.24\n".repeat(3));
    const st = sts(sim).status;
    expect(st?.currentRevision).toBe(st?.updateRevision);
    expect(st?.currentRevision).not.toBe(rev1);
    expect(await sim.exec("kubectl rollout history sts/web")).toBe(
      "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
    );
    // staging an update: partition 3 keeps every pod; a deleted one comes back at the old revision
    await sim.exec(
      `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":3}}}}'`,
    );
    await sim.exec(
      `kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.21"}]'`,
    );
    await sim.exec("kubectl delete pod web-2");
    await sim.advance(30_000);
    expect(image(sim, "web-2")).toBe("registry.k8s.io/nginx-slim:0.24");
    // the canary: partition 2 updates web-2 only
    await sim.exec(
      `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'`,
    );
    await sim.advance(30_000);
    expect(image(sim, "web-2")).toBe("registry.k8s.io/nginx-slim:0.21");
    expect(image(sim, "web-1")).toBe("registry.k8s.io/nginx-slim:0.24");
    expect(await sim.exec("kubectl rollout status sts/web --watch=false")).toBe(
      "partitioned roll out complete: 1 new pods have been updated...\n",
    );
    // phased: partition 0 finishes it
    await sim.exec(
      `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'`,
    );
    await sim.advance(60_000);
    expect(["web-0", "web-1", "web-2"].map((n) => image(sim, n))).toEqual(
      Array(3).fill("registry.k8s.io/nginx-slim:0.21"),
    );
    // OnDelete: a template change waits for the user to delete a pod
    // updateStrategy has no retainKeys: the defaulted rollingUpdate stays and OnDelete refuses it
    expect(
      await sim.exec(`kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'`),
    ).toBe(
      `The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: {"partition":0}: only allowed for updateStrategy 'RollingUpdate'\n`,
    );
    expect(
      await sim.exec(
        `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`,
      ),
    ).toBe("statefulset.apps/web patched\n");
    expect(await sim.exec("kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24")).toBe(
      "statefulset.apps/web image updated\n",
    );
    await sim.advance(30_000);
    expect(image(sim, "web-2")).toBe("registry.k8s.io/nginx-slim:0.21");
    expect(await sim.exec("kubectl rollout status sts/web")).toBe(
      "error: rollout status is only available for RollingUpdate strategy type\n",
    );
    await sim.exec("kubectl delete pod web-1");
    await sim.advance(30_000);
    expect(image(sim, "web-1")).toBe("registry.k8s.io/nginx-slim:0.24");
    expect(sts(sim).status?.updatedReplicas).toBe(1);
  });

  it("rollout undo and restart for a StatefulSet", async () => {
    const sim = await tutorial(2);
    await sim.exec("kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.24");
    await sim.advance(60_000);
    expect(image(sim, "web-0")).toBe("registry.k8s.io/nginx-slim:0.24");
    expect(await sim.exec("kubectl rollout undo sts/web")).toBe("statefulset.apps/web rolled back\n");
    await sim.advance(60_000);
    expect(image(sim, "web-0")).toBe("registry.k8s.io/nginx-slim:0.21");
    const revs = sim.node.api.list<ControllerRevision>("ControllerRevision", { namespace: "default" });
    expect(revs.map((r) => r.revision).sort()).toEqual([2, 3]);
    expect(await sim.exec("kubectl rollout restart sts/web")).toBe("statefulset.apps/web restarted\n");
    await sim.advance(60_000);
    expect(
      sim.node.api.get<Pod>("Pod", "default", "web-0").metadata?.annotations?.[
        "kubectl.kubernetes.io/restartedAt"
      ],
    ).toBeDefined();
    expect(
      sts(sim).spec?.template?.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"],
    ).toBeDefined();
    expect(sts(sim).status?.currentRevision).toBe(sts(sim).status?.updateRevision);
  });

  it("delete (cascading) removes the pods and keeps the claims; re-created, the pods bind the same claims", async () => {
    const sim = await tutorial(2);
    await sim.exec(`kubectl exec web-0 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'`);
    expect(await sim.exec("kubectl delete statefulset web")).toBe(
      'statefulset.apps "web" deleted from default namespace\n',
    );
    await sim.advance(40_000);
    expect(live(sim)).toEqual([]);
    expect(
      sim.node.api
        .list<PersistentVolumeClaim>("PersistentVolumeClaim", { namespace: "default" })
        .map((c) => c.status?.phase),
    ).toEqual(["Bound", "Bound"]);
    expect(await sim.exec(`kubectl apply -f ${WEB}`)).toBe(
      "service/nginx unchanged\nstatefulset.apps/web created\n",
    );
    await sim.advance(40_000);
    expect(live(sim)).toEqual(["web-0", "web-1"]);
    expect(await sim.exec("kubectl exec web-0 -- cat /usr/share/nginx/html/index.html")).toBe("web-0\n");
  });

  it("--cascade=orphan keeps the pods; the re-created StatefulSet adopts them", async () => {
    const sim = await tutorial(2);
    expect(await sim.exec("kubectl delete statefulset web --cascade=orphan")).toBe(
      'statefulset.apps "web" deleted from default namespace\n',
    );
    await sim.advance(5_000);
    expect(live(sim)).toEqual(["web-0", "web-1"]);
    await sim.exec("kubectl delete pod web-0");
    await sim.advance(40_000);
    expect(live(sim)).toEqual(["web-1"]);
    await sim.exec(`kubectl apply -f ${WEB}`);
    await sim.advance(40_000);
    expect(live(sim)).toEqual(["web-0", "web-1"]);
    const owner = sim.node.api.get<Pod>("Pod", "default", "web-1").metadata?.ownerReferences?.[0];
    expect(owner?.uid).toBe(sts(sim).metadata?.uid);
  });
});

describe("StatefulSet without a PersistentVolume (kubeadm: no provisioner)", () => {
  it("the claim stays Pending and web-0 Pending with the scheduler's message; web-1 is not made; a PV later binds it", async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.exec(`kubectl apply -f ${WEB}`);
    await sim.advance(20_000);
    expect(live(sim)).toEqual(["web-0"]);
    expect(await sim.exec("kubectl get pvc --no-headers")).toMatch(/^www-web-0 +Pending /);
    expect(await sim.exec("kubectl get pod web-0 --no-headers")).toMatch(/^web-0 +0\/1 +Pending /);
    expect(await sim.exec("kubectl describe pod web-0")).toContain(
      "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.",
    );
    await sim.apply(pvs(1));
    await sim.advance(60_000);
    expect(await sim.exec("kubectl get pod web-0 --no-headers")).toMatch(/^web-0 +1\/1 +Running /);
    expect(live(sim)).toEqual(["web-0", "web-1"]);
  });
});

describe("Parallel pod management", () => {
  it("web-parallel.yaml makes both pods at once and deletes at once", async () => {
    const sim = createSimulation({ seed: 4 });
    await sim.apply(pvs(2));
    await sim.exec(`kubectl apply -f ${K8S}application/web/web-parallel.yaml`);
    await sim.advance(1_000);
    const names = sim.node.api.list<Pod>("Pod", { namespace: "default" }).map((p) => p.metadata?.name);
    expect(names.sort()).toEqual(["web-0", "web-1"]);
    await sim.advance(30_000);
    await sim.exec("kubectl scale statefulset/web --replicas=0");
    await sim.advance(10);
    const deleting = sim.node.api
      .list<Pod>("Pod", { namespace: "default" })
      .filter((p) => p.metadata?.deletionTimestamp);
    expect(deleting).toHaveLength(2);
  });
});

describe("the API: defaults, validation, kubectl", () => {
  it("defaults the spec as apps/v1 does", async () => {
    const sim = await tutorial(2);
    const spec = sts(sim).spec;
    expect(spec?.podManagementPolicy).toBe("OrderedReady");
    expect(spec?.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { partition: 0 } });
    expect(spec?.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: "Retain",
      whenScaled: "Retain",
    });
    expect(spec?.revisionHistoryLimit).toBe(10);
    const st = sts(sim).status;
    expect(st).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
      collisionCount: 0,
    });
    expect(st?.currentRevision).toMatch(/^web-[a-z0-9]+$/);
  });

  it("refuses changes to fields other than the mutable ones, a selector that misses the labels, a bad name", async () => {
    const sim = await tutorial(2);
    expect(await sim.exec(`kubectl patch sts web -p '{"spec":{"serviceName":"other"}}'`)).toBe(
      `The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n`,
    );
    const bad = STATEFULSET_EXAMPLES["application/web/web.yaml"]
      .split("---\n")[1]
      .replace("name: web\n", "name: Web.x\n")
      .replace("      labels:\n        app: nginx", "      labels:\n        app: other");
    const out = await sim.apply(bad);
    expect(out).toContain(`The StatefulSet "Web.x" is invalid: `);
    expect(out).toContain(
      'metadata.name: Invalid value: "Web.x": a lowercase RFC 1123 label must consist of',
    );
    expect(out).toContain(
      'spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`',
    );
    expect(
      await sim.exec(`kubectl patch sts web -p '{"spec":{"podManagementPolicy":"Sometimes"}}'`),
    ).toContain(`spec.podManagementPolicy: Invalid value: "Sometimes": must be 'OrderedReady' or 'Parallel'`);
  });

  it("get -o wide, describe, api-resources, shortnames, the server errors", async () => {
    const sim = await tutorial(2);
    expect(await sim.exec("kubectl get sts -o wide")).toBe(
      "NAME   READY   AGE   CONTAINERS   IMAGES\nweb    2/2     40s   nginx        registry.k8s.io/nginx-slim:0.21\n",
    );
    for (const n of ["sts", "statefulset", "statefulsets", "statefulsets.apps"])
      expect(await sim.exec(`kubectl get ${n} --no-headers`)).toMatch(/^web +2\/2 /);
    expect(await sim.exec("kubectl api-resources")).toMatch(
      /\nstatefulsets +sts +apps\/v1 +true +StatefulSet\n/,
    );
    expect(await sim.exec("kubectl get sts nope")).toBe(
      'Error from server (NotFound): statefulsets.apps "nope" not found\n',
    );
    const d = await sim.exec("kubectl describe sts web");
    const rev = sts(sim).status?.currentRevision;
    expect(rev).toBeDefined();
    expect(d).toMatch(
      /^Name: +web\nNamespace: +default\nCreationTimestamp: +\w{3}, \d\d \w{3} \d{4} [\d:]+ \+0000\nSelector: +app=nginx\nLabels: +<none>\nAnnotations: +<none>\nReplicas: +2 desired \| 2 total\nUpdate Strategy: +RollingUpdate\n {2}Partition: +0\nPods Status: +2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\nPod Template:\n {2}Labels: +app=nginx\n {2}Containers:\n {3}nginx:\n/,
    );
    expect(d).toContain(
      "Volume Claims:\n  Name:          www\n  StorageClass:  \n  Labels:        <none>\n  Annotations:   <none>\n  Capacity:      1Gi\n  Access Modes:  [ReadWriteOnce]\nEvents:\n",
    );
    expect(d).toMatch(
      /Normal +SuccessfulCreate +\d+s +statefulset-controller +create Pod web-1 in StatefulSet web successful/,
    );
    expect(await sim.exec("kubectl get all --no-headers")).toContain("statefulset.apps/web   2/2   40s");
  });
});
