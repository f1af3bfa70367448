// ReplicationControllers (v1) as a one-node cluster runs them: the controller keeps spec.replicas pods
// <rc>-<5 chars> through an equality-based selector (defaulted from the template's labels), adopts
// matching orphans, and kubectl gets, describes (the debug-pods page's `kubectl describe rc`), scales and
// deletes them.
import type { Pod, ReplicationController } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`;

const pods = (sim: LiveSimulation) =>
  sim.node.api
    .list<Pod>("Pod", { namespace: "default", labelSelector: "app=nginx" })
    .filter((p) => !p.metadata?.deletionTimestamp);

async function started(): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 11 });
  expect(await sim.apply(RC)).toBe("replicationcontroller/nginx created\n");
  await sim.advance(30_000);
  return sim;
}

describe("ReplicationController", () => {
  it("defaults the selector and labels from the template and keeps 3 pods", async () => {
    const sim = await started();
    const rc = sim.node.api.get<ReplicationController>("ReplicationController", "default", "nginx");
    expect(rc.spec?.selector).toEqual({ app: "nginx" });
    expect(rc.metadata?.labels).toEqual({ app: "nginx" });
    expect(pods(sim)).toHaveLength(3);
    for (const p of pods(sim)) {
      expect(p.metadata?.name).toMatch(/^nginx-[a-z0-9]{5}$/);
      expect(p.metadata?.ownerReferences?.[0]).toMatchObject({
        apiVersion: "v1",
        kind: "ReplicationController",
        name: "nginx",
        controller: true,
      });
    }
    expect(await sim.exec("kubectl get rc")).toBe(
      "NAME    DESIRED   CURRENT   READY   AGE\nnginx   3         3         3       30s\n",
    );
    expect(await sim.exec("kubectl get replicationcontrollers -o wide")).toBe(
      "NAME    DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES   SELECTOR\nnginx   3         3         3       30s   nginx        nginx    app=nginx\n",
    );
    expect(await sim.exec("kubectl api-resources")).toMatch(
      /\nreplicationcontrollers +rc +v1 +true +ReplicationController\n/,
    );
    // a deleted pod is replaced
    await sim.exec(`kubectl delete pod ${pods(sim)[0].metadata?.name}`);
    await sim.advance(30_000);
    expect(pods(sim)).toHaveLength(3);
  });

  it("describe rc in kubectl's layout", async () => {
    const sim = await started();
    const d = await sim.exec("kubectl describe rc nginx");
    expect(d).toMatch(
      /^Name: +nginx\nNamespace: +default\nSelector: +app=nginx\nLabels: +app=nginx\nAnnotations: +<none>\nReplicas: +3 current \/ 3 desired\nPods Status: +3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\nPod Template:\n {2}Labels: +app=nginx\n {2}Containers:\n {3}nginx:\n {4}Image: +nginx\n/,
    );
    expect(d).toMatch(
      /Events:\n {2}Type +Reason +Age +From +Message\n {2}---- +------ +---- +---- +-------\n {2}Normal +SuccessfulCreate +30s +replication-controller +Created pod: nginx-[a-z0-9]{5}\n/,
    );
  });

  it("scale rc down removes pods, up adds them; delete cascades", async () => {
    const sim = await started();
    expect(await sim.exec("kubectl scale rc nginx --replicas=1")).toBe(
      "replicationcontroller/nginx scaled\n",
    );
    await sim.advance(40_000);
    expect(pods(sim)).toHaveLength(1);
    expect(await sim.exec("kubectl get rc nginx --no-headers")).toMatch(/^nginx +1 +1 +1 /);
    await sim.exec("kubectl scale replicationcontroller/nginx --replicas=2");
    await sim.advance(30_000);
    expect(pods(sim)).toHaveLength(2);
    expect(await sim.exec("kubectl delete rc nginx")).toBe(
      'replicationcontroller "nginx" deleted from default namespace\n',
    );
    await sim.advance(40_000);
    expect(pods(sim)).toHaveLength(0);
  });

  it("adopts a matching orphan; validation speaks the API server's words", async () => {
    const sim = createSimulation({ seed: 12 });
    await sim.exec("kubectl run lone --image=nginx --labels=app=nginx");
    await sim.apply(RC);
    await sim.advance(30_000);
    expect(pods(sim)).toHaveLength(3);
    const lone = sim.node.api.get<Pod>("Pod", "default", "lone");
    expect(lone.metadata?.ownerReferences?.[0]?.kind).toBe("ReplicationController");
    const bad = RC.replace("  replicas: 3\n", "  replicas: 1\n  selector:\n    app: other\n").replace(
      "name: nginx\nspec",
      "name: bad\nspec",
    );
    expect(await sim.apply(bad)).toBe(
      'The ReplicationController "bad" is invalid: spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`\n',
    );
  });
});
