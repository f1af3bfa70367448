// Deployments and ReplicaSets as kubectl shows them: the docs' run-stateless-application-deployment
// and debug-running-pod pages applied by URL, `kubectl create deployment`, get/describe with the real
// columns and layout, scale, rollout status/history/undo/restart, set image, expose, delete.
import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { WORKLOAD_EXAMPLES } from "../../../src/shell/kubectl/examples/workloads";
import { rfc1123z } from "../../../src/sim/clock/time";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const K8S = "https://k8s.io/examples/";

function sim1(): LiveSimulation {
  return createSimulation({ seed: 1 });
}

const deploy = (sim: LiveSimulation, name: string) =>
  sim.node.api.get<Deployment>("Deployment", "default", name);
const replicaSets = (sim: LiveSimulation) =>
  sim.node.api.list<ReplicaSet>("ReplicaSet", { namespace: "default" });
/** The ReplicaSet of a Deployment at a revision. */
const rsAt = (sim: LiveSimulation, revision: number) =>
  replicaSets(sim).find(
    (rs) => rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] === String(revision),
  );
const pods = (sim: LiveSimulation) =>
  sim.node.api.list<Pod>("Pod", { namespace: "default" }).filter((p) => !p.metadata?.deletionTimestamp);
const created = (o: { metadata?: { creationTimestamp?: string } }) =>
  rfc1123z(Date.parse(o.metadata?.creationTimestamp ?? ""));

describe("docs URLs: the built-in Deployment and ReplicaSet examples", () => {
  it("each is served by URL and creates its object, whose pods then run", async () => {
    for (const [path, text] of Object.entries(WORKLOAD_EXAMPLES)) {
      expect(docsExample(`${K8S}${path}`)).toBe(text);
      const sim = sim1();
      const kind = /^kind: (\w+)$/m.exec(text)?.[1] ?? "";
      const name = /^ {2}name: (\S+)$/m.exec(text)?.[1] ?? "";
      const replicas = Number(/^ {2}replicas: (\d+)/m.exec(text)?.[1]);
      expect(await sim.exec(`kubectl apply -f ${K8S}${path}`)).toBe(
        `${kind.toLowerCase()}.apps/${name} created\n`,
      );
      await sim.advance(30_000);
      const running = pods(sim).filter((p) => p.status?.phase === "Running");
      expect(running).toHaveLength(replicas);
    }
  });

  it("the ReplicaSet page: kubectl get rs shows frontend with its three replicas", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}controllers/frontend.yaml`);
    await sim.advance(10_000);
    expect(await sim.exec("kubectl get rs")).toBe(
      "NAME       DESIRED   CURRENT   READY   AGE\nfrontend   3         3         3       10s\n",
    );
    const names = pods(sim).map((p) => p.metadata?.name);
    for (const n of names) expect(n).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe("docs: run-stateless-application-deployment", () => {
  it("kubectl apply of application/deployment.yaml by URL, then describe, get pods -l app=nginx", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}application/deployment.yaml`)).toBe(
      "deployment.apps/nginx-deployment created\n",
    );
    await sim.advance(30_000);
    const rs = rsAt(sim, 1)!;
    const rsName = rs.metadata?.name ?? "";
    const hash = rs.metadata?.labels?.["pod-template-hash"];
    expect(rsName).toBe(`nginx-deployment-${hash}`);
    expect(await sim.exec("kubectl describe deployment nginx-deployment")).toBe(
      [
        "Name:                   nginx-deployment",
        "Namespace:              default",
        `CreationTimestamp:      ${created(deploy(sim, "nginx-deployment"))}`,
        "Labels:                 <none>",
        "Annotations:            deployment.kubernetes.io/revision: 1",
        "Selector:               app=nginx",
        "Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable",
        "StrategyType:           RollingUpdate",
        "MinReadySeconds:        0",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
        "Pod Template:",
        "  Labels:  app=nginx",
        "  Containers:",
        "   nginx:",
        "    Image:         nginx:1.14.2",
        "    Port:          80/TCP",
        "    Host Port:     0/TCP",
        "    Environment:   <none>",
        "    Mounts:        <none>",
        "  Volumes:         <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     <none>",
        "Conditions:",
        "  Type           Status  Reason",
        "  ----           ------  ------",
        "  Available      True    MinimumReplicasAvailable",
        "  Progressing    True    NewReplicaSetAvailable",
        "OldReplicaSets:  <none>",
        `NewReplicaSet:   ${rsName} (2/2 replicas created)`,
        "Events:",
        "  Type    Reason             Age   From                   Message",
        "  ----    ------             ----  ----                   -------",
        `  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set ${rsName} from 0 to 2`,
        "",
      ].join("\n"),
    );
    const out = await sim.exec("kubectl get pods -l app=nginx");
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toBe("NAME                               READY   STATUS    RESTARTS   AGE");
    expect(lines).toHaveLength(3);
    for (const l of lines.slice(1))
      expect(l).toMatch(
        new RegExp(`^${rsName}-[bcdfghjklmnpqrstvwxz2456789]{5}   1/1     Running   0          30s$`),
      );
  });

  it("a Deployment manifest whose selector differs from the running one is refused: the selector is immutable", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}application/deployment.yaml`);
    await sim.advance(10_000);
    const r = await sim.run(`kubectl apply -f ${K8S}application/deployment-update.yaml`);
    expect(r.stderr).toBe(
      'The Deployment "nginx-deployment" is invalid: spec.selector: Invalid value: {"matchLabels":{"app.kubernetes.io/name":"nginx"}}: field is immutable\n',
    );
    expect(r.code).toBe(1);
  });

  it("debug-running-pod: nginx-with-request.yaml's two pods carry the pod-template-hash label and Controlled By", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}application/nginx-with-request.yaml`)).toBe(
      "deployment.apps/nginx-deployment created\n",
    );
    await sim.advance(20_000);
    const rsName = rsAt(sim, 1)?.metadata?.name ?? "";
    const [first] = pods(sim);
    const described = await sim.exec(`kubectl describe pod ${first.metadata?.name}`);
    expect(described).toContain(`Controlled By:  ReplicaSet/${rsName}\n`);
    expect(described).toMatch(/\nLabels: +app=nginx\n +pod-template-hash=\w+\n/);
    expect(described).toContain("QoS Class:                   Guaranteed\n");
  });
});

describe("kubectl create deployment, get, scale", () => {
  it("create deployment NAME --image --replicas --port: labels app=NAME, one container named after the image", async () => {
    const sim = sim1();
    expect(
      await sim.exec("kubectl create deployment nginx --image=nginx:1.14.2 --replicas=3 --port=80"),
    ).toBe("deployment.apps/nginx created\n");
    const d = deploy(sim, "nginx");
    expect(d.metadata?.labels).toEqual({ app: "nginx" });
    expect(d.spec?.selector).toEqual({ matchLabels: { app: "nginx" } });
    expect(d.spec?.replicas).toBe(3);
    expect(d.spec?.template.spec?.containers).toMatchObject([
      { name: "nginx", image: "nginx:1.14.2", ports: [{ containerPort: 80, protocol: "TCP" }] },
    ]);
    // the controllers acted at once (the ReplicaSet and its pods exist); nothing is ready yet
    expect(await sim.exec("kubectl get deploy")).toBe(
      "NAME    READY   UP-TO-DATE   AVAILABLE   AGE\nnginx   0/3     3            0           0s\n",
    );
    await sim.advance(30_000);
    const rsName = rsAt(sim, 1)?.metadata?.name ?? "";
    const hash = rsName.slice("nginx-".length);
    expect(await sim.exec("kubectl get deployments -o wide")).toBe(
      "NAME    READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR\n" +
        "nginx   3/3     3            3           30s   nginx        nginx:1.14.2   app=nginx\n",
    );
    const w = rsName.length + 3;
    expect(await sim.exec("kubectl get rs")).toBe(
      `${"NAME".padEnd(w)}DESIRED   CURRENT   READY   AGE\n${rsName.padEnd(w)}3         3         3       30s\n`,
    );
    expect(await sim.exec("kubectl get replicaset -o wide")).toBe(
      `${"NAME".padEnd(w)}DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES         SELECTOR\n` +
        `${rsName.padEnd(w)}3         3         3       30s   nginx        nginx:1.14.2   app=nginx,pod-template-hash=${hash}\n`,
    );
    expect(await sim.exec("kubectl scale deployment nginx --replicas=5")).toBe(
      "deployment.apps/nginx scaled\n",
    );
    await sim.advance(10_000);
    expect(pods(sim)).toHaveLength(5);
    expect(await sim.exec("kubectl scale deploy/nginx --replicas=1")).toBe("deployment.apps/nginx scaled\n");
    await sim.advance(40_000);
    expect(pods(sim)).toHaveLength(1);
    const events = await sim.exec("kubectl get events --field-selector involvedObject.kind=Deployment");
    expect(events).toContain(`Scaled up replica set ${rsName} from 3 to 5`);
    expect(events).toContain(`Scaled down replica set ${rsName} from 5 to 1`);
  });

  it("refuses what kubectl refuses", async () => {
    const sim = sim1();
    expect((await sim.run("kubectl create deployment nginx")).stderr).toBe(
      'error: required flag(s) "image" not set\n',
    );
    expect((await sim.run("kubectl create deployment --image=nginx")).stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    expect((await sim.run("kubectl scale deployment nginx")).stderr).toBe(
      'error: required flag(s) "replicas" not set\n',
    );
    expect((await sim.run("kubectl scale deployment nginx --replicas=2")).stderr).toBe(
      'Error from server (NotFound): deployments.apps "nginx" not found\n',
    );
    expect((await sim.run("kubectl rollout status deployment/nginx")).stderr).toBe(
      'Error from server (NotFound): deployments.apps "nginx" not found\n',
    );
    expect((await sim.run("kubectl get deployments")).stderr).toBe(
      "No resources found in default namespace.\n",
    );
  });

  it("a deleted pod is replaced by its ReplicaSet under a new name", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx --replicas=2");
    await sim.advance(20_000);
    const before = pods(sim).map((p) => p.metadata?.name ?? "");
    const victim = before[0];
    expect(await sim.exec(`kubectl delete pod ${victim}`)).toBe(
      `pod "${victim}" deleted from default namespace\n`,
    );
    await sim.advance(10_000);
    const names = pods(sim).map((p) => p.metadata?.name ?? "");
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim);
    const replacement = names.find((n) => !before.includes(n)) ?? "";
    const rsName = rsAt(sim, 1)?.metadata?.name ?? "";
    expect(replacement).toMatch(new RegExp(`^${rsName}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(await sim.exec(`kubectl describe rs ${rsName}`)).toContain(
      `  Normal  SuccessfulCreate  10s   replicaset-controller  Created pod: ${replacement}\n`,
    );
  });
});

describe("kubectl rollout", () => {
  it("status prints a line per change until the rollout is done; history, undo, restart", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx:1.14.2 --replicas=3");
    const status = await sim.run("kubectl rollout status deployment/web");
    const lines = status.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...',
    );
    expect(lines).toContain(
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...',
    );
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    expect(status.code).toBe(0);

    expect(await sim.exec("kubectl set image deployment/web nginx=nginx:1.16.1")).toBe(
      "deployment.apps/web image updated\n",
    );
    const update = (await sim.exec("kubectl rollout status deploy/web")).trimEnd().split("\n");
    expect(update).toContain(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    expect(update).toContain(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(update[update.length - 1]).toBe('deployment "web" successfully rolled out');
    expect(await sim.exec("kubectl rollout status deployment/web --watch=false")).toBe(
      'deployment "web" successfully rolled out\n',
    );

    expect(await sim.exec("kubectl rollout history deployment/web")).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
    );
    const rev2 = rsAt(sim, 2)!;
    expect(await sim.exec("kubectl rollout history deployment/web --revision=2")).toBe(
      "deployment.apps/web with revision #2\n" +
        "Pod Template:\n" +
        `  Labels:\tapp=web\n\tpod-template-hash=${rev2.metadata?.labels?.["pod-template-hash"]}\n` +
        "  Containers:\n" +
        "   nginx:\n" +
        "    Image:\tnginx:1.16.1\n" +
        "    Port:\t<none>\n" +
        "    Host Port:\t<none>\n" +
        "    Environment:\t<none>\n" +
        "    Mounts:\t<none>\n" +
        "  Volumes:\t<none>\n" +
        "  Node-Selectors:\t<none>\n" +
        "  Tolerations:\t<none>\n\n",
    );
    expect((await sim.run("kubectl rollout history deployment/web --revision=7")).stderr).toBe(
      "error: unable to find the specified revision\n",
    );

    const rev1 = rsAt(sim, 1)!;
    expect(await sim.exec("kubectl rollout undo deployment/web")).toBe("deployment.apps/web rolled back\n");
    await sim.advance(30_000);
    // revision 1's ReplicaSet is back in charge, as revision 3
    expect(rsAt(sim, 3)?.metadata?.name).toBe(rev1.metadata?.name);
    expect(rsAt(sim, 3)?.metadata?.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
    expect(deploy(sim, "web").spec?.template.spec?.containers[0].image).toBe("nginx:1.14.2");
    expect(await sim.exec("kubectl rollout history deployment/web")).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n",
    );
    expect(await sim.exec("kubectl rollout undo deployment/web --to-revision=3")).toBe(
      "deployment.apps/web skipped rollback (current template already matches revision 3)\n",
    );

    expect(await sim.exec("kubectl rollout restart deployment/web")).toBe("deployment.apps/web restarted\n");
    const at = deploy(sim, "web").spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"];
    expect(at).toMatch(/^2026-01-15T09:\d\d:\d\dZ$/);
    expect((await sim.run("kubectl rollout restart deployment/web")).stderr).toBe(
      "error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n",
    );
    await sim.advance(30_000);
    expect(rsAt(sim, 4)?.spec?.template?.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBe(
      at,
    );
    // a spec change the controller has not observed yet (written straight to the API server)
    const d = deploy(sim, "web");
    sim.node.api.update("Deployment", {
      ...d,
      spec: { ...d.spec, template: { ...d.spec?.template, metadata: { labels: { app: "web", v: "2" } } } },
    });
    const observed = await sim.run("kubectl rollout status deployment/web");
    expect(observed.stdout.split("\n")[0]).toBe("Waiting for deployment spec update to be observed...");
    expect(observed.stdout.trimEnd().split("\n").at(-1)).toBe('deployment "web" successfully rolled out');
  });

  it("pause and resume; a paused Deployment cannot be rolled back", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx:1.14.2");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl rollout pause deployment/web")).toBe("deployment.apps/web paused\n");
    expect((await sim.run("kubectl rollout pause deployment/web")).stderr).toBe(
      'error: deployments.apps "web" is already paused\n',
    );
    await sim.exec("kubectl set image deployment/web nginx=nginx:1.16.1");
    await sim.advance(10_000);
    // paused: the new template waits, no new ReplicaSet
    expect(replicaSets(sim)).toHaveLength(1);
    expect(deploy(sim, "web").status?.conditions?.find((c) => c.type === "Progressing")).toMatchObject({
      status: "Unknown",
      reason: "DeploymentPaused",
      message: "Deployment is paused",
    });
    expect((await sim.run("kubectl rollout undo deployment/web")).stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    expect(await sim.exec("kubectl rollout resume deployment/web")).toBe("deployment.apps/web resumed\n");
    expect((await sim.exec("kubectl rollout status deployment/web")).trimEnd().split("\n").pop()).toBe(
      'deployment "web" successfully rolled out',
    );
    expect(replicaSets(sim)).toHaveLength(2);
  });

  it("status gives up when the rollout exceeds its progress deadline", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx:1.14.2");
    await sim.advance(20_000);
    await sim.exec("kubectl set image deployment/web nginx=nginx:no-such-tag");
    const r = await sim.run("kubectl rollout status deployment/web");
    expect(r.stdout.trimEnd().split("\n").pop()).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(r.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
    expect(r.code).toBe(1);
    const newRS = rsAt(sim, 2)?.metadata?.name;
    expect(
      await sim.exec(
        "kubectl get deploy web -o jsonpath='{.status.conditions[?(@.type==\"Progressing\")].message}'",
      ),
    ).toBe(`ReplicaSet "${newRS}" has timed out progressing.`);
  });
});

describe("describe replicaset, expose, delete", () => {
  it("describe rs shows the selector, the controller, the pod counts and the template", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx:1.14.2 --replicas=2");
    await sim.advance(20_000);
    const rs = rsAt(sim, 1)!;
    const name = rs.metadata?.name ?? "";
    const hash = rs.metadata?.labels?.["pod-template-hash"];
    const [a, b] = pods(sim)
      .map((p) => p.metadata?.name ?? "")
      .sort();
    const out = await sim.exec(`kubectl describe replicaset ${name}`);
    expect(out).toBe(
      [
        `Name:           ${name}`,
        "Namespace:      default",
        `Selector:       app=web,pod-template-hash=${hash}`,
        "Labels:         app=web",
        `                pod-template-hash=${hash}`,
        "Annotations:    deployment.kubernetes.io/desired-replicas: 2",
        "                deployment.kubernetes.io/max-replicas: 3",
        "                deployment.kubernetes.io/revision: 1",
        "Controlled By:  Deployment/web",
        "Replicas:       2 current / 2 desired",
        "Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed",
        "Pod Template:",
        "  Labels:  app=web",
        `           pod-template-hash=${hash}`,
        "  Containers:",
        "   nginx:",
        "    Image:         nginx:1.14.2",
        "    Port:          <none>",
        "    Host Port:     <none>",
        "    Environment:   <none>",
        "    Mounts:        <none>",
        "  Volumes:         <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     <none>",
        "Events:",
        "  Type    Reason            Age   From                   Message",
        "  ----    ------            ----  ----                   -------",
        `  Normal  SuccessfulCreate  20s   replicaset-controller  Created pod: ${a}`,
        `  Normal  SuccessfulCreate  20s   replicaset-controller  Created pod: ${b}`,
        "",
      ].join("\n"),
    );
  });

  it("expose deployment takes the selector and the container ports; get all lists deployments and replica sets", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx:1.14.2 --port=80");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl expose deployment web --port=8080 --target-port=80")).toBe(
      "service/web exposed\n",
    );
    const svc = sim.node.api.get<{ spec: { selector: unknown; ports: unknown } }>(
      "Service",
      "default",
      "web",
    );
    expect(svc.spec.selector).toEqual({ app: "web" });
    expect(svc.spec.ports).toEqual([{ port: 8080, protocol: "TCP", targetPort: 80 }]);
    expect(await sim.exec("kubectl expose deploy web --name=web2")).toBe("service/web2 exposed\n");
    await sim.advance(1_000);
    const all = await sim.exec("kubectl get all");
    const rsName = rsAt(sim, 1)?.metadata?.name;
    expect(all).toContain(
      "\nNAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   1/1     1            1           21s\n",
    );
    expect(all).toContain(`\nreplicaset.apps/${rsName}   1         1         1       21s\n`);
    expect(all.indexOf("pod/")).toBeLessThan(all.indexOf("service/"));
    expect(all.indexOf("service/")).toBeLessThan(all.indexOf("deployment.apps/"));
  });

  it("delete deployment: the ReplicaSet and its pods follow (background); --cascade=orphan keeps them", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment web --image=nginx:1.14.2 --replicas=2");
    await sim.exec("kubectl create deployment keep --image=nginx:1.14.2");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl delete deployment web")).toBe(
      'deployment.apps "web" deleted from default namespace\n',
    );
    await sim.advance(40_000);
    expect(await sim.exec("kubectl get deploy,rs -o name")).toMatch(
      /^deployment\.apps\/keep\nreplicaset\.apps\/keep-\w+\n$/,
    );
    expect(pods(sim).map((p) => p.metadata?.name)).toEqual([expect.stringMatching(/^keep-/)]);
    expect(await sim.exec("kubectl delete deploy keep --cascade=orphan")).toBe(
      'deployment.apps "keep" deleted from default namespace\n',
    );
    await sim.advance(5_000);
    const [rs] = replicaSets(sim);
    expect(rs.metadata?.ownerReferences).toBeUndefined();
    expect(pods(sim)).toHaveLength(1);
    expect((await sim.run("kubectl delete deploy x --cascade=sideways")).stderr).toBe(
      'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n',
    );
  });

  it("api-resources lists deployments and replicasets under apps/v1", async () => {
    const sim = sim1();
    const out = await sim.exec("kubectl api-resources");
    expect(out).toMatch(/\ndeployments +deploy +apps\/v1 +true +Deployment\n/);
    expect(out).toMatch(/\nreplicasets +rs +apps\/v1 +true +ReplicaSet\n/);
  });
});
