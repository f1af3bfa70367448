// DaemonSets as a one-node kubeadm cluster runs them: the docs' update-daemon-set page applied by URL
// (create, the strategy check, apply of the update, set image, rollout status, delete), the
// daemonset-controller (one pod per eligible node, re-created when deleted, kept off by an untolerated
// taint, the automatic tolerations and the node-name affinity), RollingUpdate and OnDelete, history
// and undo from the ControllerRevisions, cascading delete.
import type { ControllerRevision, DaemonSet } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { DAEMONSET_EXAMPLES } from "../../../src/shell/kubectl/examples/daemonSets";
import { rfc1123z } from "../../../src/sim/clock/time";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const K8S = "https://k8s.io/examples/";
const NS = "-n kube-system";
const NAME = "fluentd-elasticsearch";

const sim1 = (): LiveSimulation => createSimulation({ seed: 1 });
const ds = (sim: LiveSimulation) => sim.node.api.get<DaemonSet>("DaemonSet", "kube-system", NAME);
const daemonPods = (sim: LiveSimulation) =>
  sim.node.api
    .list<Pod>("Pod", { namespace: "kube-system" })
    .filter((p) => p.metadata?.name?.startsWith(`${NAME}-`) && !p.metadata?.deletionTimestamp);
const revisions = (sim: LiveSimulation) =>
  sim.node.api.list<ControllerRevision>("ControllerRevision", { namespace: "kube-system" });
const image = (p: Pod) => p.spec?.containers[0]?.image;

describe("docs URLs: the built-in DaemonSet examples", () => {
  it("each is served by URL and creates its DaemonSet, whose one pod then runs", async () => {
    for (const [path, text] of Object.entries(DAEMONSET_EXAMPLES)) {
      expect(docsExample(`${K8S}${path}`)).toBe(text);
      const sim = sim1();
      expect(await sim.exec(`kubectl apply -f ${K8S}${path}`)).toBe(`daemonset.apps/${NAME} created\n`);
      await sim.advance(30_000);
      const running = daemonPods(sim).filter((p) => p.status?.phase === "Running");
      expect(running).toHaveLength(1);
      expect(image(running[0])).toBe(/image: (\S+)/.exec(text)?.[1]);
    }
  });
});

describe("docs: Perform a Rolling Update on a DaemonSet", () => {
  it("create, check the strategy, apply the update, set image, watch the rollout, clean up", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl create -f ${K8S}controllers/fluentd-daemonset.yaml`)).toBe(
      `daemonset.apps/${NAME} created\n`,
    );
    const tmpl = `-o go-template='{{.spec.updateStrategy.type}}{{"\\n"}}'`;
    expect(await sim.exec(`kubectl get ds/${NAME} ${tmpl} ${NS}`)).toBe("RollingUpdate\n");
    expect(
      await sim.exec(`kubectl apply -f ${K8S}controllers/fluentd-daemonset.yaml --dry-run=client ${tmpl}`),
    ).toBe("RollingUpdate\n");
    await sim.advance(30_000);
    expect(await sim.exec(`kubectl get ds ${NS}`)).toBe(
      [
        "NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE",
        `${NAME}   1         1         1       1            1           <none>          30s`,
        "",
      ].join("\n"),
    );
    // declarative update: the pod is replaced, one node at a time
    const before = daemonPods(sim)[0].metadata?.name;
    expect(await sim.exec(`kubectl apply -f ${K8S}controllers/fluentd-daemonset-update.yaml`)).toBe(
      `daemonset.apps/${NAME} configured\n`,
    );
    expect(await sim.exec(`kubectl rollout status ds/${NAME} ${NS}`)).toBe(
      [
        `Waiting for daemon set "${NAME}" rollout to finish: 0 out of 1 new pods have been updated...`,
        `Waiting for daemon set "${NAME}" rollout to finish: 0 of 1 updated pods are available...`,
        `daemon set "${NAME}" successfully rolled out`,
        "",
      ].join("\n"),
    );
    const afterApply = daemonPods(sim);
    expect(afterApply).toHaveLength(1);
    expect(afterApply[0].metadata?.name).not.toBe(before);
    expect(afterApply[0].spec?.containers[0].resources?.limits?.memory).toBe("200Mi");
    // imperative update of the image only
    expect(
      await sim.exec(
        `kubectl set image ds/${NAME} fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 ${NS}`,
      ),
    ).toBe(`daemonset.apps/${NAME} image updated\n`);
    expect(await sim.exec(`kubectl rollout status ds/${NAME} ${NS}`)).toMatch(
      new RegExp(`daemon set "${NAME}" successfully rolled out\\n$`),
    );
    const [updated] = daemonPods(sim);
    expect(image(updated)).toBe("quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
    expect(updated.status?.phase).toBe("Running");
    // troubleshooting: the daemon pods and the nodes they run on
    const wide = await sim.exec(`kubectl get pods -l name=${NAME} -o wide ${NS}`);
    expect(wide.split("\n")[1]).toMatch(
      new RegExp(`^${updated.metadata?.name}   1/1     Running   0 .* node-1 `),
    );
    expect(await sim.exec(`kubectl rollout history ds/${NAME} ${NS}`)).toBe(
      `daemonset.apps/${NAME} \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n\n`,
    );
    // clean up: the garbage collector takes the pod and the ControllerRevisions with it
    expect(await sim.exec(`kubectl delete ds ${NAME} ${NS}`)).toBe(
      `daemonset.apps "${NAME}" deleted from kube-system namespace\n`,
    );
    await sim.advance(40_000);
    expect(daemonPods(sim)).toHaveLength(0);
    expect(revisions(sim)).toHaveLength(0);
    expect(
      sim.node.api
        .list<Pod>("Pod", { namespace: "kube-system" })
        .filter((p) => p.metadata?.name?.startsWith(NAME)),
    ).toHaveLength(0);
  });

  it("kubectl describe ds in the real layout, with the controller's events", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}controllers/fluentd-daemonset.yaml`);
    await sim.advance(30_000);
    const pod = daemonPods(sim)[0].metadata?.name;
    const created = rfc1123z(Date.parse(ds(sim).metadata?.creationTimestamp ?? ""));
    expect(created).toBeTruthy();
    expect(await sim.exec(`kubectl describe ds ${NAME} ${NS}`)).toBe(
      [
        `Name:           ${NAME}`,
        "Namespace:      kube-system",
        `Selector:       name=${NAME}`,
        "Node-Selector:  <none>",
        "Labels:         k8s-app=fluentd-logging",
        "Annotations:    deprecated.daemonset.template.generation: 1",
        "Desired Number of Nodes Scheduled: 1",
        "Current Number of Nodes Scheduled: 1",
        "Number of Nodes Scheduled with Up-to-date Pods: 1",
        "Number of Nodes Scheduled with Available Pods: 1",
        "Number of Nodes Misscheduled: 0",
        "Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed",
        "Pod Template:",
        `  Labels:  name=${NAME}`,
        "  Containers:",
        `   ${NAME}:`,
        "    Image:        quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
        "    Port:         <none>",
        "    Host Port:    <none>",
        "    Environment:  <none>",
        "    Mounts:",
        "      /var/lib/docker/containers from varlibdockercontainers (ro)",
        "      /var/log from varlog (rw)",
        "  Volumes:",
        "   varlog:",
        "    Type:          HostPath (bare host directory volume)",
        "    Path:          /var/log",
        "    HostPathType:  <none>",
        "   varlibdockercontainers:",
        "    Type:          HostPath (bare host directory volume)",
        "    Path:          /var/lib/docker/containers",
        "    HostPathType:  <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists",
        "                   node-role.kubernetes.io/master:NoSchedule op=Exists",
        "Events:",
        "  Type    Reason            Age   From                  Message",
        "  ----    ------            ----  ----                  -------",
        `  Normal  SuccessfulCreate  30s   daemonset-controller  Created pod: ${pod}`,
        "",
      ].join("\n"),
    );
  });

  it("kubectl get ds -o wide, the api-resources row and the ds/daemonset/daemonsets names", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}controllers/fluentd-daemonset.yaml`);
    await sim.advance(10_000);
    expect(await sim.exec(`kubectl get daemonsets -o wide ${NS}`)).toBe(
      [
        "NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS              IMAGES                                         SELECTOR",
        `${NAME}   1         1         1       1            1           <none>          10s   fluentd-elasticsearch   quay.io/fluentd_elasticsearch/fluentd:v2.5.2   name=${NAME}`,
        "",
      ].join("\n"),
    );
    expect(await sim.exec(`kubectl get daemonset ${NAME} ${NS} -o name`)).toBe(`daemonset.apps/${NAME}\n`);
    const resources = await sim.exec("kubectl api-resources");
    expect(resources).toMatch(/^daemonsets +ds +apps\/v1 +true +DaemonSet$/m);
    expect(resources).toMatch(/^controllerrevisions +apps\/v1 +true +ControllerRevision$/m);
    expect(await sim.exec(`kubectl get controllerrevisions ${NS}`)).toMatch(
      new RegExp(
        `^${NAME}-[bcdfghjklmnpqrstvwxz2456789]+   daemonset.apps/${NAME}   1          10s\\n$`,
        "m",
      ),
    );
  });
});

describe("the daemonset-controller", () => {
  it("runs one pod per node: named <ds>-xxxxx, labelled, owned, bound through a matchFields node affinity", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}controllers/daemonset.yaml`);
    await sim.advance(20_000);
    const pods = daemonPods(sim);
    expect(pods).toHaveLength(1);
    const [p] = pods;
    const cur = ds(sim);
    const [rev] = revisions(sim);
    const hash = rev.metadata?.labels?.["controller-revision-hash"];
    expect(rev.metadata?.name).toBe(`${NAME}-${hash}`);
    expect(rev.revision).toBe(1);
    expect(p.metadata?.name).toMatch(new RegExp(`^${NAME}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(p.metadata?.labels).toEqual({
      name: NAME,
      "controller-revision-hash": hash,
      "pod-template-generation": "1",
    });
    expect(p.metadata?.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        name: NAME,
        uid: cur.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(p.spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }] },
          ],
        },
      },
    });
    expect(p.spec?.nodeName).toBe("node-1");
    // the template's tolerations, then the daemon ones in the controller's order (no tolerationSeconds)
    expect(p.spec?.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node-role.kubernetes.io/control-plane:NoSchedule",
      "node-role.kubernetes.io/master:NoSchedule",
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule",
      "node.kubernetes.io/pid-pressure:NoSchedule",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
    expect(p.spec?.tolerations?.some((t) => t.tolerationSeconds !== undefined)).toBe(false);
    expect(cur.status).toEqual({
      currentNumberScheduled: 1,
      desiredNumberScheduled: 1,
      numberAvailable: 1,
      numberMisscheduled: 0,
      numberReady: 1,
      observedGeneration: 1,
      updatedNumberScheduled: 1,
    });
    // the fluentd program logs as fluentd does and keeps running
    const logs = await sim.exec(`kubectl logs ${p.metadata?.name} ${NS}`);
    expect(logs).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 \[info\]: parsing config file is succeeded/);
    expect(logs).toContain("[info]: #0 fluentd worker is now running worker=0\n");
  });

  it("re-creates a daemon pod that is deleted, under a new name", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}controllers/daemonset.yaml`);
    await sim.advance(20_000);
    const first = daemonPods(sim)[0].metadata?.name ?? "";
    expect(await sim.exec(`kubectl delete pod ${first} ${NS}`)).toContain(`pod "${first}" deleted`);
    await sim.advance(20_000);
    const now = daemonPods(sim);
    expect(now).toHaveLength(1);
    expect(now[0].metadata?.name).not.toBe(first);
    expect(now[0].status?.phase).toBe("Running");
    const evs = await sim.exec(`kubectl get events ${NS} --field-selector involvedObject.kind=DaemonSet`);
    expect(evs.match(/SuccessfulCreate/g)).toHaveLength(2);
  });

  it("keeps its pod off a node whose NoSchedule taint it does not tolerate; the pod follows once it is lifted", async () => {
    const sim = sim1();
    await sim.exec("kubectl taint nodes node-1 dedicated=infra:NoSchedule");
    await sim.exec(`kubectl apply -f ${K8S}controllers/daemonset.yaml`);
    await sim.advance(20_000);
    expect(daemonPods(sim)).toHaveLength(0);
    expect(ds(sim).status?.desiredNumberScheduled).toBe(0);
    await sim.exec("kubectl taint nodes node-1 dedicated=infra:NoSchedule-");
    await sim.advance(20_000);
    expect(daemonPods(sim)).toHaveLength(1);
    // a NoSchedule taint added later leaves the running pod alone (misscheduled), a NoExecute one removes it
    await sim.exec("kubectl taint nodes node-1 dedicated=infra:NoSchedule");
    await sim.advance(5_000);
    expect(daemonPods(sim)).toHaveLength(1);
    expect(ds(sim).status?.numberMisscheduled).toBe(1);
    await sim.exec("kubectl taint nodes node-1 gone=yes:NoExecute");
    await sim.advance(40_000);
    expect(daemonPods(sim)).toHaveLength(0);
  });

  it("a nodeSelector the node does not match: desired 0, no pod; labelling the node brings it", async () => {
    const sim = sim1();
    const yaml = DAEMONSET_EXAMPLES["controllers/daemonset.yaml"].replace(
      "      tolerations:\n",
      "      nodeSelector:\n        disk: ssd\n      tolerations:\n",
    );
    sim.node.fs.write("/root/ds.yaml", yaml);
    await sim.exec("kubectl apply -f /root/ds.yaml");
    await sim.advance(10_000);
    expect(daemonPods(sim)).toHaveLength(0);
    expect(await sim.exec(`kubectl get ds ${NS}`)).toContain(
      "0         0         0       0            0           disk=ssd",
    );
    await sim.exec("kubectl label nodes node-1 disk=ssd");
    await sim.advance(20_000);
    expect(daemonPods(sim)).toHaveLength(1);
  });
});

describe("update strategies, history and undo", () => {
  it("RollingUpdate replaces the pod: the old one is gone before the new one is created", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}controllers/fluentd-daemonset.yaml`);
    await sim.advance(30_000);
    const old = daemonPods(sim)[0];
    await sim.exec(
      `kubectl set image ds/${NAME} fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 ${NS}`,
    );
    await sim.advance(1_000);
    // maxUnavailable 1, maxSurge 0: at most one daemon pod on the node at any time
    const during = sim.node.api
      .list<Pod>("Pod", { namespace: "kube-system" })
      .filter((p) => p.metadata?.name?.startsWith(`${NAME}-`));
    expect(during.map((p) => p.metadata?.name)).toEqual([old.metadata?.name]);
    expect(during[0].metadata?.deletionTimestamp).toBeDefined();
    await sim.advance(30_000);
    const [now] = daemonPods(sim);
    expect(image(now)).toBe("quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
    expect(now.metadata?.labels?.["pod-template-generation"]).toBe("2");
    expect(ds(sim).metadata?.annotations?.["deprecated.daemonset.template.generation"]).toBe("2");
    expect(ds(sim).status?.updatedNumberScheduled).toBe(1);
    // undo goes back to revision 1's template, which becomes revision 3
    expect(await sim.exec(`kubectl rollout undo ds/${NAME} ${NS}`)).toBe(
      `daemonset.apps/${NAME} rolled back\n`,
    );
    await sim.advance(40_000);
    expect(image(daemonPods(sim)[0])).toBe("quay.io/fluentd_elasticsearch/fluentd:v2.5.2");
    expect(
      revisions(sim)
        .map((r) => r.revision)
        .sort(),
    ).toEqual([2, 3]);
    const hist = await sim.exec(`kubectl rollout history ds/${NAME} ${NS} --revision=3`);
    expect(hist).toContain(`daemonset.apps/${NAME} with revision #3\nPod Template:\n`);
    expect(hist).toContain("Image:\tquay.io/fluentd_elasticsearch/fluentd:v2.5.2\n");
  });

  it("OnDelete: a template change waits until the pod is deleted by hand; rollout status refuses it", async () => {
    const sim = sim1();
    const yaml = DAEMONSET_EXAMPLES["controllers/fluentd-daemonset.yaml"].replace(
      "    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1\n",
      "    type: OnDelete\n",
    );
    sim.node.fs.write("/root/ds.yaml", yaml);
    await sim.exec("kubectl apply -f /root/ds.yaml");
    await sim.advance(30_000);
    const first = daemonPods(sim)[0].metadata?.name ?? "";
    await sim.exec(
      `kubectl set image ds/${NAME} fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 ${NS}`,
    );
    await sim.advance(30_000);
    expect(daemonPods(sim).map((p) => p.metadata?.name)).toEqual([first]);
    expect(ds(sim).status?.updatedNumberScheduled).toBeUndefined();
    const r = await sim.run(`kubectl rollout status ds/${NAME} ${NS}`);
    expect(r.stderr).toBe("error: rollout status is only available for RollingUpdate strategy type\n");
    expect(r.code).toBe(1);
    await sim.exec(`kubectl delete pod ${first} ${NS}`);
    await sim.advance(40_000);
    const [now] = daemonPods(sim);
    expect(now.metadata?.name).not.toBe(first);
    expect(image(now)).toBe("quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
  });

  it("validation: the selector must match the template, is immutable, and the strategy must be known", async () => {
    const sim = sim1();
    const bad = DAEMONSET_EXAMPLES["controllers/daemonset.yaml"].replace(
      "      labels:\n        name: fluentd-elasticsearch\n    spec:",
      "      labels:\n        name: other\n    spec:",
    );
    sim.node.fs.write("/root/bad.yaml", bad);
    const r = await sim.run("kubectl apply -f /root/bad.yaml");
    expect(r.stderr).toBe(
      `The DaemonSet "${NAME}" is invalid: spec.template.metadata.labels: Invalid value: {"name":"other"}: \`selector\` does not match template \`labels\`\n`,
    );
    await sim.exec(`kubectl apply -f ${K8S}controllers/fluentd-daemonset.yaml`);
    const moved = DAEMONSET_EXAMPLES["controllers/fluentd-daemonset.yaml"].replaceAll(
      "name: fluentd-elasticsearch\n",
      "app: fluentd\n",
    );
    sim.node.fs.write(
      "/root/moved.yaml",
      moved.replace("app: fluentd\n  namespace", "name: fluentd-elasticsearch\n  namespace"),
    );
    const r2 = await sim.run("kubectl apply -f /root/moved.yaml");
    expect(r2.stderr).toContain(
      `spec.selector: Invalid value: {"matchLabels":{"app":"fluentd"}}: field is immutable`,
    );
  });
});
