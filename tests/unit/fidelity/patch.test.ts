// kubectl patch and kubectl replace as kubectl 1.34 prints them: the docs page "Update API Objects in
// Place Using kubectl patch" (tasks/manage-kubernetes-objects/update-api-object-kubectl-patch) end to
// end — its manifests served by URL, its patch files written with heredocs — and the errors around it.
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { PATCH_EXAMPLES } from "../../../src/shell/kubectl/examples/patch";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const K8S = "https://k8s.io/examples/";

const deploy = (sim: LiveSimulation, name: string) =>
  sim.node.api.get<Deployment>("Deployment", "default", name);
const livePods = (sim: LiveSimulation) =>
  sim.node.api.list<Pod>("Pod", { namespace: "default" }).filter((p) => !p.metadata?.deletionTimestamp);
const file = (name: string, body: string) => `cat > ${name} <<EOF\n${body}EOF`;

const PATCH_FILE = `spec:
  template:
    spec:
      containers:
      - name: patch-demo-ctr-2
        image: redis
`;

async function patchDemo(): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 1 });
  expect(await sim.exec(`kubectl apply -f ${K8S}application/deployment-patch.yaml`)).toBe(
    "deployment.apps/patch-demo created\n",
  );
  await sim.advance(30_000);
  return sim;
}

describe("docs: update-api-object-kubectl-patch", () => {
  it("serves the page's manifests by URL", () => {
    for (const [path, text] of Object.entries(PATCH_EXAMPLES))
      expect(docsExample(`${K8S}${path}`)).toBe(text);
  });

  it("a strategic merge patch adds a container: two per pod, the new one listed first", async () => {
    const sim = await patchDemo();
    const before = livePods(sim).map((p) => p.metadata?.name);
    expect(before).toHaveLength(2);
    expect(await sim.exec(file("patch-file.yaml", PATCH_FILE))).toBe("");
    expect(await sim.exec("kubectl patch deployment patch-demo --patch-file patch-file.yaml")).toBe(
      "deployment.apps/patch-demo patched\n",
    );
    const yaml = await sim.exec("kubectl get deployment patch-demo --output yaml");
    expect(yaml).toMatch(
      /containers:\n {6}- image: redis\n {8}imagePullPolicy: Always\n {8}name: patch-demo-ctr-2\n[\s\S]*- image: nginx\n {8}imagePullPolicy: Always\n {8}name: patch-demo-ctr\n/,
    );
    await sim.advance(90_000);
    const pods = livePods(sim);
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(before).not.toContain(p.metadata?.name);
      expect(p.spec?.containers.map((c) => c.image)).toEqual(["redis", "nginx"]);
    }
    expect(await sim.exec("kubectl get pods")).toMatch(
      /^NAME +READY +STATUS.*\n(patch-demo-\S+ +2\/2 +Running .*\n){2}$/,
    );
    // the same patch again: the server has nothing to change
    expect(await sim.exec(`kubectl patch deployment patch-demo --patch "$(cat patch-file.yaml)"`)).toBe(
      "deployment.apps/patch-demo patched (no change)\n",
    );
    expect(
      await sim.exec(
        `kubectl patch deployment patch-demo --patch '{"spec": {"template": {"spec": {"containers": [{"name": "patch-demo-ctr-2","image": "redis"}]}}}}'`,
      ),
    ).toBe("deployment.apps/patch-demo patched (no change)\n");
  });

  it("tolerations have no patch strategy: the list is replaced; --type merge replaces containers", async () => {
    const sim = await patchDemo();
    await sim.exec(file("patch-file.yaml", PATCH_FILE));
    await sim.exec("kubectl patch deployment patch-demo --patch-file patch-file.yaml");
    await sim.exec(
      file(
        "patch-file-tolerations.yaml",
        "spec:\n  template:\n    spec:\n      tolerations:\n      - effect: NoSchedule\n        key: disktype\n        value: ssd\n",
      ),
    );
    expect(
      await sim.exec("kubectl patch deployment patch-demo --patch-file patch-file-tolerations.yaml"),
    ).toBe("deployment.apps/patch-demo patched\n");
    expect(deploy(sim, "patch-demo").spec?.template.spec?.tolerations).toEqual([
      { effect: "NoSchedule", key: "disktype", value: "ssd" },
    ]);
    await sim.exec(
      file(
        "patch-file-2.yaml",
        "spec:\n  template:\n    spec:\n      containers:\n      - name: patch-demo-ctr-3\n        image: gcr.io/google-samples/node-hello:1.0\n",
      ),
    );
    expect(
      await sim.exec("kubectl patch deployment patch-demo --type merge --patch-file patch-file-2.yaml"),
    ).toBe("deployment.apps/patch-demo patched\n");
    const containers = deploy(sim, "patch-demo").spec?.template.spec?.containers ?? [];
    expect(containers.map((c) => [c.name, c.image])).toEqual([
      ["patch-demo-ctr-3", "gcr.io/google-samples/node-hello:1.0"],
    ]);
  });

  it("retainKeys: a merge patch to Recreate is invalid, the strategic one with $retainKeys clears rollingUpdate", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec(`kubectl apply -f ${K8S}application/deployment-retainkeys.yaml`)).toBe(
      "deployment.apps/retainkeys-demo created\n",
    );
    await sim.exec(file("patch-file-no-retainkeys.yaml", "spec:\n  strategy:\n    type: Recreate\n"));
    expect(
      await sim.exec(
        "kubectl patch deployment retainkeys-demo --type merge --patch-file patch-file-no-retainkeys.yaml",
      ),
    ).toBe(
      "The Deployment \"retainkeys-demo\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'\n",
    );
    await sim.exec(
      file(
        "patch-file-retainkeys.yaml",
        "spec:\n  strategy:\n    \\$retainKeys:\n    - type\n    type: Recreate\n",
      ),
    );
    expect(
      await sim.exec("kubectl patch deployment retainkeys-demo --patch-file patch-file-retainkeys.yaml"),
    ).toBe("deployment.apps/retainkeys-demo patched\n");
    expect(await sim.exec("kubectl get deployment retainkeys-demo --output yaml")).toContain(
      "spec:\n  progressDeadlineSeconds: 600\n  replicas: 1\n  revisionHistoryLimit: 10\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: nginx\n  strategy:\n    type: Recreate\n  template:\n",
    );
  });

  it("--subresource=scale patches replicas through the Scale object", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(`kubectl apply -f ${K8S}application/deployment.yaml`);
    await sim.advance(30_000);
    expect(
      await sim.exec(
        `kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":3}}'`,
      ),
    ).toBe("scale.autoscaling/nginx-deployment patched\n");
    await sim.advance(30_000);
    expect(livePods(sim).filter((p) => p.status?.phase === "Running")).toHaveLength(3);
    expect(await sim.exec("kubectl patch pod nope --subresource=scale -p '{}'")).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });
});

describe("kubectl patch: errors and outputs", () => {
  async function web(): Promise<LiveSimulation> {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(20_000);
    return sim;
  }

  it("a Pod's image may change; other spec fields are forbidden in the API server's words", async () => {
    const sim = await web();
    expect(
      await sim.exec(
        `kubectl patch pod web -p '{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}'`,
      ),
    ).toBe("pod/web patched\n");
    expect(sim.node.api.get<Pod>("Pod", "default", "web").spec?.containers[0].image).toBe("nginx:1.27");
    expect(
      await sim.exec(
        `kubectl patch pod web -p '{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80}]}]}}'`,
      ),
    ).toBe(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
    );
    expect(await sim.exec(`kubectl patch pod web -p '{"spec":{"containers":[{"image":"x"}]}}'`)).toBe(
      "Error from server: map: map[image:x] does not contain declared merge key: name\n",
    );
  });

  it("JSON patch, merge patch, -o name, dry runs and flag errors", async () => {
    const sim = await web();
    const labels = () => sim.node.api.get<Pod>("Pod", "default", "web").metadata?.labels;
    expect(
      await sim.exec(
        `kubectl patch pod web --type json -p '[{"op":"add","path":"/metadata/labels/tier","value":"fe"}]'`,
      ),
    ).toBe("pod/web patched\n");
    expect(labels()).toEqual({ run: "web", tier: "fe" });
    expect(await sim.exec(`kubectl patch pod web --type json -p '{"op":"add"}'`)).toBe(
      "Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n",
    );
    expect(
      await sim.exec(`kubectl patch pod web --type=merge -p '{"metadata":{"labels":{"tier":null}}}' -o name`),
    ).toBe("pod/web\n");
    expect(labels()).toEqual({ run: "web" });
    expect(await sim.exec(`kubectl patch pod web --type merge -p '{}'`)).toBe(
      "pod/web patched (no change)\n",
    );
    for (const dry of ["client", "server"]) {
      expect(
        await sim.exec(`kubectl patch pod web -p '{"metadata":{"labels":{"a":"b"}}}' --dry-run=${dry}`),
      ).toBe("pod/web patched\n");
      expect(labels()).toEqual({ run: "web" });
    }
    expect(await sim.exec(`kubectl patch pod web -p '{bad'`)).toBe(
      "Error from server (BadRequest): invalid character 'b' looking for beginning of object key string\n",
    );
    expect(await sim.exec(`kubectl patch deployment nope -p '{}'`)).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(await sim.exec(`kubectl patch pod web --type foo -p '{}'`)).toBe(
      'error: --type must be one of [json merge strategic], not "foo"\n',
    );
    expect(await sim.exec("kubectl patch pod web")).toBe(
      "error: must specify --patch or --patch-file containing the contents of the patch\n",
    );
    expect(await sim.exec("kubectl patch pod web --patch-file nope.yaml")).toBe(
      "error: unable to read patch file: open nope.yaml: no such file or directory\n",
    );
  });
});

describe("kubectl replace", () => {
  it("PUTs the object from a file; --force deletes it and creates it again", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(20_000);
    await sim.exec("kubectl get pod web -o yaml > web.yaml");
    await sim.exec("sed -i 's/image: nginx/image: nginx:1.27/' web.yaml");
    expect(await sim.exec("kubectl replace -f web.yaml")).toBe("pod/web replaced\n");
    expect(sim.node.api.get<Pod>("Pod", "default", "web").spec?.containers[0].image).toBe("nginx:1.27");
    const uid = sim.node.api.get<Pod>("Pod", "default", "web").metadata?.uid;
    expect(await sim.exec("kubectl replace --force -f web.yaml")).toBe(
      'pod "web" deleted from default namespace\npod/web replaced\n',
    );
    expect(sim.node.api.get<Pod>("Pod", "default", "web").metadata?.uid).not.toBe(uid);
    await sim.exec("kubectl delete pod web");
    expect(await sim.exec("kubectl replace -f web.yaml")).toBe(
      'Error from server (NotFound): error when replacing "web.yaml": pods "web" not found\n',
    );
  });
});
