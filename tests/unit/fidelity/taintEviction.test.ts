// kube-controller-manager's taint-eviction-controller (pkg/controller/tainteviction) and the node
// lifecycle controller's NoExecute taints, seen through kubectl: a NoExecute taint a pod does not
// tolerate deletes it at once; tolerationSeconds delays it (the smallest of the tolerations used);
// a toleration without tolerationSeconds keeps it; removing the taint in time cancels. On this
// one-node cluster a stopped kubelet puts the node controller in "master disruption mode": no
// NoExecute taint, no eviction — unless the node is labelled node.kubernetes.io/exclude-disruption.
import type { Node, Taint } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { getPod } from "./helpers";

const TOL_POD = `cat <<EOF >/tmp/tol.yaml
apiVersion: v1
kind: Pod
metadata:
  name: tol
spec:
  tolerations:
  - key: dedicated
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 120
  - key: zone
    operator: Equal
    value: a
    effect: NoExecute
    tolerationSeconds: 60
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  tolerations:
  - key: dedicated
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 120
  - key: zone
    operator: Exists
    effect: NoExecute
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: forever
spec:
  tolerations:
  - operator: Exists
    effect: NoExecute
  containers:
  - name: c
    image: nginx
EOF`;

/** `kubectl get pods` as NAME → STATUS. */
async function podStatuses(sim: LiveSimulation): Promise<Record<string, string>> {
  const out = await sim.exec("kubectl get pods");
  const rows = out.trimEnd().split("\n").slice(1);
  return Object.fromEntries(rows.map((r) => r.split(/\s+/)).map((c) => [c[0], c[2]]));
}

/** The TaintManagerEviction lines of `kubectl get events` for one pod: `<TYPE> <MESSAGE>`. */
async function evictionEvents(sim: LiveSimulation, pod: string): Promise<string[]> {
  const out = await sim.exec(`kubectl get events --field-selector involvedObject.name=${pod}`);
  return out
    .split("\n")
    .filter((l) => /\bTaintManagerEviction\b/.test(l))
    .map((l) => l.replace(/^\S+\s+(\S+)\s+TaintManagerEviction\s+pod\/\S+\s+/, "$1 "));
}

function taints(sim: LiveSimulation): Taint[] {
  return sim.node.api.get<Node>("Node", undefined, "node-1").spec?.taints ?? [];
}

/** Virtual ms of an RFC 3339 time (the clock's calendar starts at wallMs(0)). */
function virtualMs(sim: LiveSimulation, rfc3339: string): number {
  return Date.parse(rfc3339) - sim.node.clock.wallMs(0);
}

describe("taint eviction: a NoExecute taint the pod does not tolerate", () => {
  it("marks the pod for deletion at once: DisruptionTarget, a TaintManagerEviction Event, a graceful delete", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(30_000);
    expect(await sim.exec("kubectl taint nodes node-1 dedicated=gpu:NoExecute")).toBe(
      "node/node-1 tainted\n",
    );
    await sim.advance(10);
    expect(await podStatuses(sim)).toEqual({ web: "Terminating" });
    expect(await evictionEvents(sim, "web")).toEqual(["Normal Marking for deletion Pod default/web"]);
    const pod = getPod(sim, "web");
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(pod.status?.conditions?.find((c) => c.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "DeletionByTaintManager",
      message: "Taint manager: deleting due to NoExecute taint",
    });
    const describe = await sim.exec("kubectl describe pod web");
    expect(describe).toMatch(/\n {2}DisruptionTarget +True \n/);
    expect(describe).toMatch(
      /\n {2}Normal {2}TaintManagerEviction {2}0s {4}taint-eviction-controller {2}Marking for deletion Pod default\/web\n {2}Normal {2}Killing {15}0s {4}kubelet {20}Stopping container web\n$/,
    );
    // the kubelet stops it as for kubectl delete, and the pod is gone
    await sim.advance(5_000);
    expect(await sim.exec("kubectl get pods")).toBe("No resources found in default namespace.\n");
  });

  it("records the controller's decision and its writes as hops from the controller manager", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(30_000);
    const since = sim.trace.lastId;
    await sim.exec("kubectl taint nodes node-1 dedicated=gpu:NoExecute");
    await sim.advance(10);
    const hops = sim.trace
      .since(since)
      .filter((e) => e.from === "controller-manager" || e.to === "controller-manager")
      .map((e) => `${e.from} -> ${e.to} [${e.kind}] ${e.summary}`);
    expect(hops).toEqual([
      "apiserver -> controller-manager [watch] Node node-1 dedicated=gpu:NoExecute: default/web does not tolerate it, delete now",
      "controller-manager -> apiserver [event] Normal TaintManagerEviction pod/web: Marking for deletion Pod default/web",
      "controller-manager -> apiserver [api] update status pods default/web",
      "controller-manager -> apiserver [api] delete pods default/web (grace 30s)",
    ]);
  });
});

describe("taint eviction: tolerationSeconds", () => {
  it("deletes after the smallest tolerationSeconds of the tolerations used; without tolerationSeconds the pod stays", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec(TOL_POD)).toBe("");
    expect(await sim.exec("kubectl apply -f /tmp/tol.yaml")).toBe(
      "pod/tol created\npod/slow created\npod/forever created\n",
    );
    await sim.advance(30_000);
    expect(await sim.exec("kubectl taint nodes node-1 dedicated=gpu:NoExecute zone=a:NoExecute")).toBe(
      "node/node-1 tainted\n",
    );
    await sim.advance(59_000);
    expect(await podStatuses(sim)).toEqual({ forever: "Running", slow: "Running", tol: "Running" });
    expect(await evictionEvents(sim, "tol")).toEqual([]);
    // tol: min(120 s, 60 s)
    await sim.advance(1_000);
    expect((await podStatuses(sim)).tol).toBe("Terminating");
    expect(await evictionEvents(sim, "tol")).toEqual(["Normal Marking for deletion Pod default/tol"]);
    // slow: 120 s (its zone toleration has no tolerationSeconds: it does not count)
    await sim.advance(59_000);
    expect((await podStatuses(sim)).slow).toBe("Running");
    await sim.advance(1_000);
    expect((await podStatuses(sim)).slow).toBe("Terminating");
    // forever: tolerates every NoExecute taint with no tolerationSeconds
    await sim.advance(10 * 60_000);
    expect(await podStatuses(sim)).toEqual({ forever: "Running" });
    expect(await evictionEvents(sim, "forever")).toEqual([]);
  });

  it("removing the taint before the deadline cancels the deletion (Cancelling deletion of Pod …)", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(TOL_POD);
    await sim.exec("kubectl apply -f /tmp/tol.yaml");
    await sim.advance(30_000);
    await sim.exec("kubectl taint nodes node-1 dedicated=gpu:NoExecute");
    await sim.advance(100_000);
    expect(await sim.exec("kubectl taint nodes node-1 dedicated:NoExecute-")).toBe("node/node-1 untainted\n");
    await sim.advance(1_000);
    expect(await evictionEvents(sim, "tol")).toEqual(["Normal Cancelling deletion of Pod default/tol"]);
    expect(await evictionEvents(sim, "slow")).toEqual(["Normal Cancelling deletion of Pod default/slow"]);
    // `forever` never had a deletion scheduled: nothing to cancel
    expect(await evictionEvents(sim, "forever")).toEqual([]);
    await sim.advance(10 * 60_000);
    expect(await podStatuses(sim)).toEqual({ forever: "Running", slow: "Running", tol: "Running" });
    expect(await sim.exec("kubectl describe pod tol")).toMatch(
      /\n {2}Normal {2}TaintManagerEviction {2}10m {3}taint-eviction-controller {2}Cancelling deletion of Pod default\/tol\n$/,
    );
  });
});

describe("taint eviction: static pods", () => {
  it("a mirror pod tolerates every NoExecute taint and stays; a plain pod next to it goes", async () => {
    const sim = createSimulation({ seed: 2 });
    await sim.exec(`cat <<EOF >/etc/kubernetes/manifests/static-web.yaml
apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
    - name: web
      image: nginx
EOF`);
    await sim.exec("kubectl run plain --image=nginx");
    await sim.advance(40_000);
    expect(await podStatuses(sim)).toEqual({ plain: "Running", "static-web-node-1": "Running" });
    expect(await sim.exec("kubectl describe pod static-web-node-1")).toMatch(
      /\nTolerations: +:NoExecute op=Exists\n/,
    );
    await sim.exec("kubectl taint nodes node-1 maintenance=true:NoExecute");
    await sim.advance(10 * 60_000);
    expect(await podStatuses(sim)).toEqual({ "static-web-node-1": "Running" });
    expect(await evictionEvents(sim, "static-web-node-1")).toEqual([]);
  });
});

describe("taint eviction: a stopped kubelet (node-monitor-grace-period, then the not-ready/unreachable taints)", () => {
  it("on this one-node cluster no node is Ready: master disruption mode, no NoExecute taint, no eviction", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(30_000);
    await sim.exec("systemctl stop kubelet");
    await sim.advance(70_000);
    expect(await sim.exec("kubectl get nodes")).toMatch(/\nnode-1 {3}NotReady {3}/);
    expect(await sim.exec("kubectl describe node node-1")).toMatch(
      /\nTaints: +node\.kubernetes\.io\/unreachable:NoSchedule\nUnschedulable: +false\n/,
    );
    await sim.advance(15 * 60_000);
    expect(taints(sim).map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/unreachable:NoSchedule",
    ]);
    expect(await podStatuses(sim)).toEqual({ web: "Running" });
    expect(await evictionEvents(sim, "web")).toEqual([]);
  });

  it("with the node excluded from disruption checks: unreachable:NoExecute 5 s after Unknown, eviction 300 s later, Terminating until the kubelet returns", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("kubectl label node node-1 node.kubernetes.io/exclude-disruption=")).toBe(
      "node/node-1 labeled\n",
    );
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(30_000);
    await sim.exec("systemctl stop kubelet");
    await sim.advance(70_000);
    expect(await sim.exec("kubectl describe node node-1")).toMatch(
      /\nTaints: +node\.kubernetes\.io\/unreachable:NoSchedule\n +node\.kubernetes\.io\/unreachable:NoExecute\n/,
    );
    const [noSchedule, noExecute] = taints(sim);
    const unknownAt = virtualMs(sim, noSchedule.timeAdded ?? "");
    const taintedAt = virtualMs(sim, noExecute.timeAdded ?? "");
    // the NoExecute taint comes with the next node monitor pass (node-monitor-period 5 s)
    expect(taintedAt - unknownAt).toBe(5_000);
    // DefaultTolerationSeconds: node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
    await sim.advance(taintedAt + 299_000 - sim.node.clock.now());
    expect(await podStatuses(sim)).toEqual({ web: "Running" });
    expect(await evictionEvents(sim, "web")).toEqual([]);
    await sim.advance(1_000);
    expect(await podStatuses(sim)).toEqual({ web: "Terminating" });
    expect(await evictionEvents(sim, "web")).toEqual(["Normal Marking for deletion Pod default/web"]);
    // no kubelet to stop it: the container runs on and the pod stays Terminating
    await sim.advance(10 * 60_000);
    expect(await podStatuses(sim)).toEqual({ web: "Terminating" });
    expect(await sim.exec("crictl ps --name web -q")).toMatch(/^[0-9a-f]{64}\n$/);
    await sim.exec("systemctl start kubelet");
    await sim.advance(15_000);
    expect(await sim.exec("kubectl get pods")).toBe("No resources found in default namespace.\n");
    expect(await sim.exec("crictl ps --name web -q")).toBe("");
    expect(taints(sim)).toEqual([]);
  });
});
