// PodDisruptionBudgets and the Eviction API as a 1.34 cluster has them: the docs' configure-pdb page
// (its zookeeper manifests by URL, get/describe), validation in the API server's words, the disruption
// controller's status (healthy pods, expected pods from the controller's scale, unmanaged pods, a
// DaemonSet without a scale subresource), the eviction subresource (429 with the budget named, two
// budgets → 500, unhealthyPodEvictionPolicy), kubectl create pdb, and kubectl drain retrying every 5 s
// against a budget until its --timeout (tasks/administer-cluster/safely-drain-node).
import type { Pod } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { DISRUPTION_BUDGET_EXAMPLES } from "../../../src/shell/kubectl/examples/disruptionBudgets";
import { EvictionRefused } from "../../../src/sim/apiserver/eviction";
import { ApiError } from "../../../src/sim/apiserver/types";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { pod } from "./helpers";

const K8S = "https://k8s.io/examples/";
const pdbOf = (sim: LiveSimulation, name: string) =>
  sim.node.api.get<PodDisruptionBudget>("PodDisruptionBudget", "default", name);
const livePods = (sim: LiveSimulation, prefix: string) =>
  sim.node.api
    .list<Pod>("Pod", { namespace: "default" })
    .filter((p) => p.metadata?.name?.startsWith(prefix) && !p.metadata?.deletionTimestamp);

function budget(name: string, spec: string): string {
  return `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n${spec
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n")}\n`;
}

/** A bare pod labelled app=web; `ready: false` gives it a readiness probe that always fails. */
function webPod(name: string, ready = true): string {
  const probe = ready ? "" : "\n  readinessProbe:\n    exec:\n      command: ['false']\n    periodSeconds: 1";
  return pod(name, `containers:\n- name: c\n  image: busybox\n  command: ['sleep', '3600']${probe}`).replace(
    `name: ${name}\n`,
    `name: ${name}\n  labels:\n    app: web\n`,
  );
}

async function deployment(replicas: number): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 1 });
  await sim.exec(`kubectl create deployment nginx --image=nginx --replicas=${replicas}`);
  await sim.advance(30_000);
  return sim;
}

describe("docs: tasks/run-application/configure-pdb", () => {
  it("serves both zookeeper manifests by URL; with no matching pods nothing may be disrupted", async () => {
    for (const [path, text] of Object.entries(DISRUPTION_BUDGET_EXAMPLES)) {
      expect(docsExample(`${K8S}${path}`)).toBe(text);
      const sim = createSimulation({ seed: 1 });
      expect(await sim.exec(`kubectl apply -f ${K8S}${path}`)).toBe(
        "poddisruptionbudget.policy/zk-pdb created\n",
      );
      await sim.advance(7_000);
      const min = path.includes("minavailable");
      expect(await sim.exec("kubectl get poddisruptionbudgets")).toBe(
        "NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n" +
          `zk-pdb   ${min ? "2  " : "N/A"}             ${min ? "N/A" : "1  "}               0                     7s\n`,
      );
      const s = pdbOf(sim, "zk-pdb").status;
      expect(s).toMatchObject({
        currentHealthy: 0,
        expectedPods: 0,
        disruptionsAllowed: 0,
        observedGeneration: 1,
      });
      expect(s?.desiredHealthy).toBe(min ? 2 : 0);
      expect(s?.conditions?.[0]).toMatchObject({
        type: "DisruptionAllowed",
        status: "False",
        reason: "InsufficientPods",
        message: "",
      });
    }
  });

  it("describe pdb: the budget, the selector, the counts and the NoPods events", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(`kubectl apply -f ${K8S}policy/zookeeper-pod-disruption-budget-minavailable.yaml`);
    await sim.advance(7_000);
    expect(await sim.exec("kubectl describe pdb zk-pdb")).toBe(
      [
        "Name:           zk-pdb",
        "Namespace:      default",
        "Min available:  2",
        "Selector:       app.kubernetes.io/name=zookeeper",
        "Status:",
        "    Allowed disruptions:  0",
        "    Current:              0",
        "    Desired:              2",
        "    Total:                0",
        "Events:",
        "  Type    Reason  Age              From               Message",
        "  ----    ------  ----             ----               -------",
        "  Normal  NoPods  7s (x2 over 7s)  controllermanager  No matching pods found",
        "",
      ].join("\n"),
    );
    expect(await sim.exec("kubectl api-resources")).toMatch(
      /\npoddisruptionbudgets +pdb +policy\/v1 +true +PodDisruptionBudget\n/,
    );
    expect(await sim.exec("kubectl delete pdb zk-pdb")).toBe(
      'poddisruptionbudget.policy "zk-pdb" deleted from default namespace\n',
    );
    expect((await sim.run("kubectl get pdb zk-pdb")).stderr).toBe(
      'Error from server (NotFound): poddisruptionbudgets.policy "zk-pdb" not found\n',
    );
  });
});

describe("validation: what the API server refuses", () => {
  it("minAvailable and maxUnavailable together; bad percents; a negative int; an unknown policy", async () => {
    const sim = createSimulation({ seed: 1 });
    const both = await sim.run(
      `kubectl apply -f - <<'EOF'\n${budget("b", "minAvailable: 1\nmaxUnavailable: 1\nselector:\n  matchLabels:\n    app: web")}EOF`,
    );
    expect(both.stderr).toMatch(
      /^The PodDisruptionBudget "b" is invalid: spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(0xc[0-9a-f]{9}\), Selector:\(\*v1\.LabelSelector\)\(0xc[0-9a-f]{9}\), MaxUnavailable:\(\*intstr\.IntOrString\)\(0xc[0-9a-f]{9}\), UnhealthyPodEvictionPolicy:\(\*policy\.UnhealthyPodEvictionPolicyType\)\(nil\)\}: minAvailable and maxUnavailable cannot be both set\n$/,
    );
    const pct = await sim.run(`kubectl apply -f - <<'EOF'\n${budget("b", "minAvailable: 50x")}EOF`);
    expect(pct.stderr).toBe(
      `The PodDisruptionBudget "b" is invalid: spec.minAvailable: Invalid value: "50x": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')\n`,
    );
    const big = await sim.run(`kubectl apply -f - <<'EOF'\n${budget("b", "maxUnavailable: 120%")}EOF`);
    expect(big.stderr).toBe(
      'The PodDisruptionBudget "b" is invalid: spec.maxUnavailable: Invalid value: "120%": must not be greater than 100%\n',
    );
    const neg = await sim.run(`kubectl apply -f - <<'EOF'\n${budget("b", "minAvailable: -1")}EOF`);
    expect(neg.stderr).toBe(
      'The PodDisruptionBudget "b" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0\n',
    );
    const pol = await sim.run(
      `kubectl apply -f - <<'EOF'\n${budget("b", "minAvailable: 1\nunhealthyPodEvictionPolicy: Sometimes")}EOF`,
    );
    expect(pol.stderr).toBe(
      'The PodDisruptionBudget "b" is invalid: spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"\n',
    );
    expect(sim.node.api.list("PodDisruptionBudget")).toHaveLength(0);
  });
});

describe("kubectl create poddisruptionbudget", () => {
  it("builds the budget from --selector and one of --min-available / --max-unavailable", async () => {
    const sim = createSimulation({ seed: 1 });
    const err = async (line: string) => (await sim.run(line)).stderr;
    expect(await err("kubectl create pdb p --min-available=1")).toBe("error: a selector must be specified\n");
    expect(await err("kubectl create pdb p --selector=app=web")).toBe(
      "error: one of min-available or max-unavailable must be specified\n",
    );
    expect(await err("kubectl create pdb p --selector=app=web --min-available=1 --max-unavailable=1")).toBe(
      "error: min-available and max-unavailable cannot be both specified\n",
    );
    expect(await err("kubectl create pdb p --selector=app=web --min-available=10Gb")).toBe(
      "error: invalid format specified for min-available\n",
    );
    expect(
      await sim.exec("kubectl create poddisruptionbudget p --selector=app=web --max-unavailable=25%"),
    ).toBe("poddisruptionbudget.policy/p created\n");
    expect(pdbOf(sim, "p").spec).toEqual({
      maxUnavailable: "25%",
      selector: { matchLabels: { app: "web" } },
    });
    expect(await sim.exec("kubectl create pdb q --selector=app=web --min-available=2")).toBe(
      "poddisruptionbudget.policy/q created\n",
    );
    expect(pdbOf(sim, "q").spec?.minAvailable).toBe(2);
  });
});

describe("the disruption controller", () => {
  it("a Deployment's pods against minAvailable 2: 3 healthy, 2 desired, 1 disruption allowed", async () => {
    const sim = await deployment(3);
    expect(await sim.exec("kubectl create pdb nginx-pdb --selector=app=nginx --min-available=2")).toBe(
      "poddisruptionbudget.policy/nginx-pdb created\n",
    );
    await sim.advance(1_000);
    const s = pdbOf(sim, "nginx-pdb").status;
    expect(s).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 });
    expect(s?.conditions?.[0]).toMatchObject({
      status: "True",
      reason: "SufficientPods",
      observedGeneration: 1,
    });
    expect(await sim.exec("kubectl get pdb")).toMatch(/\nnginx-pdb {3}2 {15}N\/A {15}1 /);
  });

  it("maxUnavailable and percentages scale against the Deployment's replicas, rounding up", async () => {
    const sim = await deployment(3);
    await sim.exec("kubectl create pdb a --selector=app=nginx --max-unavailable=1");
    await sim.advance(1_000);
    expect(pdbOf(sim, "a").status).toMatchObject({
      expectedPods: 3,
      desiredHealthy: 2,
      disruptionsAllowed: 1,
    });
    await sim.exec("kubectl delete pdb a");
    await sim.exec("kubectl create pdb b --selector=app=nginx --min-available=50%");
    await sim.advance(1_000);
    expect(pdbOf(sim, "b").status).toMatchObject({
      expectedPods: 3,
      desiredHealthy: 2,
      disruptionsAllowed: 1,
    });
    // scaling the Deployment down changes the expected count the percentage is taken from
    await sim.exec("kubectl scale deployment nginx --replicas=1");
    await sim.advance(40_000);
    expect(pdbOf(sim, "b").status).toMatchObject({ expectedPods: 1, desiredHealthy: 1, currentHealthy: 1 });
  });

  it("bare pods with a percentage are unmanaged: a Warning, and they count for nothing", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(webPod("w1") + "---\n" + webPod("w2"));
    await sim.apply(budget("web", "minAvailable: 50%\nselector:\n  matchLabels:\n    app: web"));
    await sim.advance(20_000);
    expect(pdbOf(sim, "web").status).toMatchObject({
      expectedPods: 0,
      desiredHealthy: 0,
      currentHealthy: 2,
      disruptionsAllowed: 0,
    });
    expect(await sim.exec("kubectl describe pdb web")).toContain("Warning  UnmanagedPods  ");
    expect(
      await sim.exec(
        "kubectl get events --field-selector reason=UnmanagedPods -o jsonpath='{.items[0].message}'",
      ),
    ).toBe(
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
  });

  it("DaemonSet pods have no scale subresource: the sync fails safe", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(`kubectl apply -f ${K8S}controllers/daemonset.yaml`);
    await sim.advance(30_000);
    await sim.apply(
      budget("ds", "maxUnavailable: 1\nselector:\n  matchLabels:\n    name: fluentd-elasticsearch").replace(
        "name: ds\n",
        "name: ds\n  namespace: kube-system\n",
      ),
    );
    await sim.advance(1_000);
    const p = sim.node.api.get<PodDisruptionBudget>("PodDisruptionBudget", "kube-system", "ds");
    expect(p.status?.disruptionsAllowed).toBe(0);
    expect(p.status?.conditions?.[0]).toMatchObject({
      type: "DisruptionAllowed",
      status: "False",
      reason: "SyncFailed",
      message: "daemonsets.apps does not implement the scale subresource",
    });
    expect(await sim.exec("kubectl describe pdb ds -n kube-system")).toContain(
      "Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource",
    );
  });
});

describe("the eviction subresource", () => {
  it("spends the budget, then answers 429 naming the budget; the evicted pod is listed as disrupted", async () => {
    const sim = await deployment(3);
    await sim.exec("kubectl create pdb nginx-pdb --selector=app=nginx --min-available=2");
    await sim.advance(1_000);
    const [a, b] = livePods(sim, "nginx-").map((p) => p.metadata?.name ?? "");
    sim.node.api.evict!("default", a, {});
    const after = pdbOf(sim, "nginx-pdb").status;
    expect(after?.disruptionsAllowed).toBe(0);
    expect(Object.keys(after?.disruptedPods ?? {})).toEqual([a]);
    expect(after?.conditions?.[0]).toMatchObject({ status: "False", reason: "InsufficientPods" });
    let refused: unknown;
    try {
      sim.node.api.evict!("default", b, {});
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(EvictionRefused);
    const r = refused as EvictionRefused;
    expect([r.code, r.reason, r.message]).toEqual([
      429,
      "TooManyRequests",
      "Cannot evict pod as it would violate the pod's disruption budget.",
    ]);
    expect(r.details.causes).toEqual([
      // the handler read the status the controller last wrote (it has not seen the eviction yet)
      {
        reason: "DisruptionBudget",
        message: "The disruption budget nginx-pdb needs 2 healthy pods and has 3 currently",
      },
    ]);
    expect(livePods(sim, b)).toHaveLength(1);
  });

  it("a pod matched by two budgets cannot be evicted (500)", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(webPod("w1"));
    await sim.apply(budget("one", "minAvailable: 0\nselector:\n  matchLabels:\n    app: web"));
    await sim.apply(budget("two", "maxUnavailable: 1\nselector: {}"));
    await sim.advance(20_000);
    let err: unknown;
    try {
      sim.node.api.evict!("default", "w1", {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect([(err as ApiError).code, (err as ApiError).message]).toEqual([
      500,
      "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
    ]);
  });

  it("unhealthy pods: IfHealthyBudget lets one go while the rest are healthy enough, AlwaysAllow always", async () => {
    for (const [policy, minAvailable, evicted] of [
      ["IfHealthyBudget", 2, true],
      ["IfHealthyBudget", 3, false],
      ["AlwaysAllow", 3, true],
    ] as const) {
      const sim = createSimulation({ seed: 1 });
      await sim.apply(`${webPod("w1")}---\n${webPod("w2")}---\n${webPod("sick", false)}`);
      await sim.apply(
        budget(
          "web",
          `minAvailable: ${minAvailable}\nunhealthyPodEvictionPolicy: ${policy}\nselector:\n  matchLabels:\n    app: web`,
        ),
      );
      await sim.advance(20_000);
      expect(pdbOf(sim, "web").status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
      const r = await sim.run("kubectl drain node-1 --force --timeout=3s");
      expect(r.stderr.includes(`error when evicting pods/"sick" -n "default" (will retry after 5s)`)).toBe(
        !evicted,
      );
      // the healthy pods are protected either way
      expect(r.stderr).toContain(
        `error when evicting pods/"w1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
      );
      expect(sim.node.api.get<Pod>("Pod", "default", "sick").metadata?.deletionTimestamp !== undefined).toBe(
        evicted,
      );
    }
  });
});

describe("docs: tasks/administer-cluster/safely-drain-node with a PodDisruptionBudget", () => {
  it("drain retries every 5 s while the budget refuses, then gives up at --timeout", async () => {
    const sim = await deployment(3);
    await sim.exec("kubectl create pdb nginx-pdb --selector=app=nginx --min-available=2");
    await sim.advance(1_000);
    const names = livePods(sim, "nginx-").map((p) => p.metadata?.name ?? "");
    const t0 = sim.node.clock.now();
    const r = await sim.run("kubectl drain node-1 --timeout=30s");
    expect(r.code).toBe(1);
    expect(sim.node.clock.now() - t0).toBe(30_000);
    const [gone, ...kept] = names;
    const evictLines = (n: string) =>
      r.stdout.split("\n").filter((l) => l === `evicting pod default/${n}`).length;
    // one eviction is allowed; its replacement stays Pending on the cordoned node
    expect(evictLines(gone)).toBe(1);
    expect(r.stdout).toContain(`pod/${gone} evicted\n`);
    for (const n of kept) {
      expect(evictLines(n)).toBe(7); // at 0, 5, …, 30 s
      const retry = `error when evicting pods/"${n}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
      expect(r.stderr.split("\n").filter((l) => l === retry)).toHaveLength(6);
    }
    const errs = kept.map((n) => `error when evicting pods/"${n}" -n "default": global timeout reached: 30s`);
    expect(r.stderr).toContain(
      `There are pending pods in node "node-1" when an error occurred: [${errs.join(", ")}]\n` +
        kept.map((n) => `pod/${n}\n`).join("") +
        `error: unable to drain node "node-1" due to error: [${errs.join(", ")}], continuing command...\n` +
        "There are pending nodes to be drained:\n node-1\n" +
        errs.map((e) => `${e}\n`).join(""),
    );
    expect(r.stderr.endsWith(`${errs[1]}\n`)).toBe(true);
    expect(pdbOf(sim, "nginx-pdb").status).toMatchObject({
      currentHealthy: 2,
      disruptionsAllowed: 0,
      expectedPods: 3,
    });
  });

  it("with 2 replicas and minAvailable 2 nothing is evicted at all", async () => {
    const sim = await deployment(2);
    await sim.exec("kubectl create pdb nginx-pdb --selector=app=nginx --min-available=2");
    await sim.advance(1_000);
    const r = await sim.run("kubectl drain node-1 --timeout=10s");
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("evicted");
    expect(livePods(sim, "nginx-")).toHaveLength(2);
    expect(r.stderr).toMatch(/global timeout reached: 10s\n$/);
  });
});
