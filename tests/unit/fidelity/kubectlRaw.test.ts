// `kubectl get --raw PATH` and `kubectl proxy` as the docs use them: health endpoints, /version,
// discovery, objects and lists as the API server serializes them, the node proxy to the kubelet's
// own server (/configz as the kubelet-config-file page reads it with curl and jq), the API server's
// 404s in kubectl's words, and jq on the node.
import type { Node, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { RESOURCES } from "../../../src/shell/kubectl/resources";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const sim1 = (): LiveSimulation => createSimulation({ seed: 3 });
const NOT_FOUND = "Error from server (NotFound): the server could not find the requested resource\n";

async function raw(sim: LiveSimulation, path: string) {
  return sim.run(`kubectl get --raw ${path}`);
}

describe("kubectl get --raw", () => {
  it("answers the health endpoints with a bare ok (no newline), as the API server writes it", async () => {
    const sim = sim1();
    for (const p of ["/healthz", "/readyz", "/livez"]) {
      const r = await raw(sim, p);
      expect(r).toMatchObject({ stdout: "ok", stderr: "", code: 0 });
    }
  });

  it("/version is the server half of kubectl version, indented, with no trailing newline", async () => {
    const sim = sim1();
    const r = await raw(sim, "/version");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{\n  "major": "1",\n  "minor": "34",\n')).toBe(true);
    expect(r.stdout.endsWith("}")).toBe(true);
    const v = JSON.parse(r.stdout);
    const kv = JSON.parse(await sim.exec("kubectl version -o json"));
    expect(v.gitVersion).toBe(kv.serverVersion.gitVersion);
    expect(v.gitVersion).toBe(
      sim.node.api.get<Node>("Node", undefined, "node-1").status?.nodeInfo?.kubeletVersion,
    );
    expect(v.platform).toBe("linux/amd64");
  });

  it("serves discovery: /api, /api/v1 and /apis list what the simulator stores", async () => {
    const sim = sim1();
    const api = JSON.parse((await raw(sim, "/api")).stdout);
    expect(api.kind).toBe("APIVersions");
    expect(api.versions).toEqual(["v1"]);
    const v1 = JSON.parse((await raw(sim, "/api/v1")).stdout);
    expect(v1).toMatchObject({ kind: "APIResourceList", groupVersion: "v1" });
    const pods = v1.resources.find((r: { name: string }) => r.name === "pods");
    expect(pods).toMatchObject({ singularName: "pod", namespaced: true, kind: "Pod", shortNames: ["po"] });
    expect(v1.resources.find((r: { name: string }) => r.name === "nodes").namespaced).toBe(false);
    const apis = JSON.parse((await raw(sim, "/apis")).stdout);
    expect(apis.kind).toBe("APIGroupList");
    const names = apis.groups.map((g: { name: string }) => g.name);
    const served = new Set(
      RESOURCES.filter((r) => r.apiVersion.includes("/")).map((r) => r.apiVersion.split("/")[0]),
    );
    expect(new Set(names)).toEqual(served);
    // the apiserver's priority order: apps before batch before discovery.k8s.io
    expect(names.indexOf("apps")).toBeLessThan(names.indexOf("batch"));
    expect(names.indexOf("batch")).toBeLessThan(names.indexOf("discovery.k8s.io"));
    const apps = apis.groups.find((g: { name: string }) => g.name === "apps");
    expect(apps.preferredVersion).toEqual({ groupVersion: "apps/v1", version: "v1" });
    const appsV1 = JSON.parse((await raw(sim, "/apis/apps/v1")).stdout);
    expect(appsV1.resources.map((r: { name: string }) => r.name)).toContain("deployments");
  });

  it("returns a list as the API server serializes it: compact, PodList v1, resourceVersion, typeless items", async () => {
    const sim = sim1();
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(20_000);
    const r = await raw(sim, "/api/v1/namespaces/default/pods");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toHaveLength(2);
    expect(r.stdout.startsWith('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"')).toBe(
      true,
    );
    const list = JSON.parse(r.stdout);
    const rv = Number(list.metadata.resourceVersion);
    const pod = sim.node.api.get<Pod>("Pod", "default", "web");
    expect(rv).toBeGreaterThanOrEqual(Number(pod.metadata?.resourceVersion));
    expect(list.items.map((p: Pod) => p.metadata?.name)).toEqual(["web"]);
    expect(list.items[0].kind).toBeUndefined();
    expect(Object.keys(list.items[0]).slice(0, 3)).toEqual(["metadata", "spec", "status"]);
    expect(list.items[0].metadata.uid).toBe(pod.metadata?.uid);
    expect(list.items[0].status.phase).toBe("Running");
    // all namespaces, and another namespace's empty list
    await sim.exec("kubectl create namespace other");
    await sim.exec("kubectl run db -n other --image=nginx");
    const all = JSON.parse((await raw(sim, "/api/v1/pods")).stdout);
    expect(all.items.map((p: Pod) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toEqual([
      "default/web",
      "other/db",
    ]);
    expect(JSON.parse((await raw(sim, "/api/v1/namespaces/kube-public/pods")).stdout).items).toEqual([]);
  });

  it("returns one object with kind and apiVersion first, and group lists under /apis", async () => {
    const sim = sim1();
    await sim.exec("kubectl create deployment hello --image=nginx");
    const node = JSON.parse((await raw(sim, "/api/v1/nodes/node-1")).stdout);
    expect(Object.keys(node).slice(0, 3)).toEqual(["kind", "apiVersion", "metadata"]);
    expect(node.kind).toBe("Node");
    expect(node.metadata.uid).toBe(sim.node.api.get<Node>("Node", undefined, "node-1").metadata?.uid);
    expect(Object.keys(node.metadata)[0]).toBe("name");
    const deps = JSON.parse((await raw(sim, "/apis/apps/v1/deployments")).stdout);
    expect(deps).toMatchObject({ kind: "DeploymentList", apiVersion: "apps/v1" });
    expect(deps.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toContain("hello");
    const one = JSON.parse((await raw(sim, "/apis/apps/v1/namespaces/default/deployments/hello")).stdout);
    expect(one).toMatchObject({ kind: "Deployment", apiVersion: "apps/v1", metadata: { name: "hello" } });
    const ns = JSON.parse((await raw(sim, "/api/v1/namespaces/default")).stdout);
    expect(ns).toMatchObject({ kind: "Namespace", metadata: { name: "default" } });
  });

  it("prints the API server's 404s in kubectl's words, exit 1", async () => {
    const sim = sim1();
    expect(await raw(sim, "/api/v1/namespaces/default/pods/nope")).toMatchObject({
      stdout: "",
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    for (const p of [
      "/foo",
      "/api/v1/widgets",
      "/apis/nope.example.com/v1",
      "/api/v1/nodes/node-1/proxy/nothing",
    ])
      expect(await raw(sim, p)).toMatchObject({ stdout: "", stderr: NOT_FOUND, code: 1 });
    expect((await raw(sim, "/api/v1/nodes/node-9/proxy/configz")).stderr).toBe(
      'Error from server (NotFound): nodes "node-9" not found\n',
    );
    expect((await sim.run("kubectl get pods --raw /healthz")).stderr).toBe(
      "error: arguments may not be passed when --raw is specified\n",
    );
  });
});

describe("the node proxy to the kubelet", () => {
  it("/configz is the running kubelet's configuration with the defaults filled in", async () => {
    const sim = sim1();
    const r = await raw(sim, "/api/v1/nodes/node-1/proxy/configz");
    expect(r.code).toBe(0);
    // the kubelet's handler writes compact JSON with no newline
    expect(r.stdout.startsWith('{"kubeletconfig":{"enableServer":true,')).toBe(true);
    expect(r.stdout.endsWith("}}")).toBe(true);
    const c = JSON.parse(r.stdout).kubeletconfig;
    // from kubeadm's config.yaml
    expect(c.cgroupDriver).toBe("systemd");
    expect(c.staticPodPath).toBe("/etc/kubernetes/manifests");
    expect(c.clusterDNS).toEqual(["10.96.0.10"]);
    expect(c.clusterDomain).toBe("cluster.local");
    expect(c.authentication.x509.clientCAFile).toBe("/etc/kubernetes/pki/ca.crt");
    // config.yaml's zero durations take the defaults, printed as Go durations
    expect(c.authentication.webhook.cacheTTL).toBe("2m0s");
    expect(c.authorization.webhook).toEqual({ cacheAuthorizedTTL: "5m0s", cacheUnauthorizedTTL: "30s" });
    expect(c.syncFrequency).toBe("1m0s");
    expect(c.streamingConnectionIdleTimeout).toBe("4h0m0s");
    expect(c.imageMinimumGCAge).toBe("2m0s");
    expect(c.nodeStatusReportFrequency).toBe("5m0s");
    expect(c.evictionHard["memory.available"]).toBe("100Mi");
    expect(c.maxPods).toBe(110);
    // from kubeadm-flags.env
    expect(c.containerRuntimeEndpoint).toBe("unix:///run/containerd/containerd.sock");
    expect(c.kind).toBeUndefined();
  });

  it("/configz shows the config the kubelet started with: an edit shows after a restart", async () => {
    const sim = sim1();
    const get = async () =>
      JSON.parse((await raw(sim, "/api/v1/nodes/node-1/proxy/configz")).stdout).kubeletconfig;
    await sim.exec("sed -i 's/^imageMinimumGCAge: 0s/imageMinimumGCAge: 5m/' /var/lib/kubelet/config.yaml");
    await sim.exec("echo 'maxPods: 50' >> /var/lib/kubelet/config.yaml");
    expect((await get()).maxPods).toBe(110);
    await sim.exec("systemctl restart kubelet");
    await sim.advance(5_000);
    const c = await get();
    expect(c.maxPods).toBe(50);
    expect(c.cgroupDriver).toBe("systemd");
    expect(c.imageMinimumGCAge).toBe("5m0s");
  });

  it("/healthz and /pods come from the kubelet; a stopped kubelet cannot be reached", async () => {
    const sim = sim1();
    await sim.exec("kubectl run web --image=nginx");
    await sim.advance(20_000);
    expect((await raw(sim, "/api/v1/nodes/node-1/proxy/healthz")).stdout).toBe("ok");
    const pods = JSON.parse((await raw(sim, "/api/v1/nodes/node-1/proxy/pods")).stdout);
    expect(pods).toMatchObject({ kind: "PodList", apiVersion: "v1" });
    const names = pods.items.map((p: Pod) => p.metadata?.name);
    expect(names).toContain("web");
    expect(names).toEqual(
      sim.node.api
        .list<Pod>("Pod")
        .filter((p) => p.spec?.nodeName === "node-1")
        .map((p) => p.metadata?.name),
    );
    await sim.exec("systemctl stop kubelet");
    expect(await raw(sim, "/api/v1/nodes/node-1/proxy/configz")).toMatchObject({
      stdout: "",
      stderr:
        "Error from server (ServiceUnavailable): the server is currently unable to handle the request\n",
      code: 1,
    });
  });
});

describe("kubectl proxy and curl (kubelet-config-file: Viewing the kubelet configuration)", () => {
  it("the docs' steps: proxy in the background, curl the configz through it into jq, kill the job", async () => {
    const sim = sim1();
    const started = await sim.run("kubectl proxy --port=8001 &");
    expect(started.stdout).toBe("Starting to serve on 127.0.0.1:8001\n");
    expect(started.stderr).toMatch(/^\[1\] \d+\n$/);
    expect(started.code).toBe(0);
    const pid = /\] (\d+)/.exec(started.stderr)?.[1];
    expect(await sim.exec("jobs")).toBe("[1]+  Running                 kubectl proxy --port=8001 &\n");
    expect(await sim.exec("jobs -l")).toBe(
      `[1]+ ${pid}  Running                 kubectl proxy --port=8001 &\n`,
    );
    const shown = await sim.run(
      "curl -s -X GET http://127.0.0.1:8001/api/v1/nodes/node-1/proxy/configz | jq .",
    );
    expect(shown.code).toBe(0);
    expect(
      shown.stdout.startsWith(
        '{\n  "kubeletconfig": {\n    "enableServer": true,\n    "staticPodPath": "/etc/kubernetes/manifests",\n',
      ),
    ).toBe(true);
    const direct = JSON.parse((await raw(sim, "/api/v1/nodes/node-1/proxy/configz")).stdout);
    expect(JSON.parse(shown.stdout)).toEqual(direct);
    expect(shown.stdout).toBe(`${JSON.stringify(direct, null, 2)}\n`);
    expect(
      await sim.exec(
        "curl -s http://localhost:8001/api/v1/nodes/node-1/proxy/configz | jq .kubeletconfig.cgroupDriver",
      ),
    ).toBe('"systemd"\n');
    expect(
      await sim.exec(
        "curl -s http://localhost:8001/api/v1/nodes/node-1/proxy/configz | jq -r .kubeletconfig.cgroupDriver",
      ),
    ).toBe("systemd\n");
    // the API server pretty-prints for curl, with a newline
    expect(await sim.exec("curl -s http://127.0.0.1:8001/healthz")).toBe("ok");
    const status = await sim.exec("curl -s http://127.0.0.1:8001/api/v1/namespaces/default/pods/nope");
    expect(status).toBe(
      `${JSON.stringify(
        {
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message: 'pods "nope" not found',
          reason: "NotFound",
          details: { name: "nope", kind: "pods" },
          code: 404,
        },
        null,
        2,
      )}\n`,
    );
    expect(
      (await sim.exec("curl -s http://127.0.0.1:8001/api/v1/namespaces/default/pods")).startsWith(
        '{\n  "kind": "PodList",\n  "apiVersion": "v1",',
      ),
    ).toBe(true);
    // a second proxy on the same port cannot bind
    expect(await sim.run("kubectl proxy --port=8001")).toMatchObject({
      stderr: "error: listen tcp 127.0.0.1:8001: bind: address already in use\n",
      code: 1,
    });
    expect(await sim.run("kill %1")).toMatchObject({ stdout: "", stderr: "", code: 0 });
    expect(await sim.exec("jobs")).toBe("");
    const gone = await sim.run("curl http://127.0.0.1:8001/healthz");
    expect(gone.code).toBe(7);
    expect(gone.stderr).toBe(
      "curl: (7) Failed to connect to 127.0.0.1 port 8001 after 0 ms: Connection refused\n",
    );
    expect((await sim.run("kill %1")).stderr).toBe("bash: kill: %1: no such job\n");
  });

  it("serves on the default port 8001, and kill PID stops it", async () => {
    const sim = sim1();
    const r = await sim.run("kubectl proxy &");
    expect(r.stdout).toBe("Starting to serve on 127.0.0.1:8001\n");
    expect(await sim.exec("curl -s localhost:8001/api/v1/nodes/node-1/proxy/healthz")).toBe("ok");
    const pid = /\] (\d+)/.exec(r.stderr)?.[1];
    expect(await sim.run(`kill ${pid}`)).toMatchObject({ code: 0, stderr: "" });
    expect((await sim.run("curl -s localhost:8001/healthz")).code).toBe(7);
    expect((await sim.run("kill 4")).stderr).toBe("bash: kill: (4) - No such process\n");
  });
});

describe("jq on the node", () => {
  it("pretty-prints with two spaces, follows paths, prints raw strings with -r", async () => {
    const sim = sim1();
    await sim.exec(`echo '{"a":{"b":[1,"two",{}],"c":null},"e":[]}' > /tmp/x.json`);
    expect(await sim.exec("jq . /tmp/x.json")).toBe(
      '{\n  "a": {\n    "b": [\n      1,\n      "two",\n      {}\n    ],\n    "c": null\n  },\n  "e": []\n}\n',
    );
    expect(await sim.exec("cat /tmp/x.json | jq .a.b[1]")).toBe('"two"\n');
    expect(await sim.exec("jq -r .a.b[1] /tmp/x.json")).toBe("two\n");
    expect(await sim.exec("jq .a.missing /tmp/x.json")).toBe("null\n");
    expect(await sim.exec("jq -c .a /tmp/x.json")).toBe('{"b":[1,"two",{}],"c":null}\n');
    expect(await sim.exec("jq '.a.b[]' /tmp/x.json")).toBe('1\n"two"\n{}\n');
    expect(await sim.exec("jq '.a | keys' /tmp/x.json")).toBe('[\n  "b",\n  "c"\n]\n');
    expect(await sim.exec("jq '.a.b | length' /tmp/x.json")).toBe("3\n");
    const bad = await sim.run("jq .a.b.c /tmp/x.json");
    expect(bad).toMatchObject({ stdout: "", code: 5 });
    expect(bad.stderr).toBe('jq: error (at /tmp/x.json:1): Cannot index array with "c"\n');
    const notJson = await sim.run("echo nope | jq .");
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^parse error: /);
  });

  it("reads kubectl's JSON: the node's name from kubectl get nodes -o json", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl get nodes -o json | jq -r '.items[0].metadata.name'")).toBe("node-1\n");
    expect(await sim.exec("kubectl get --raw /version | jq -r .gitVersion")).toBe(
      `${JSON.parse((await raw(sim, "/version")).stdout).gitVersion}\n`,
    );
  });
});

describe("curl into a pipe", () => {
  it("shows its progress meter on stderr when the body goes to a pipe, as the docs' command does", async () => {
    const sim = sim1();
    await sim.run("kubectl proxy --port=8001 &");
    const r = await sim.run("curl -X GET http://127.0.0.1:8001/api/v1/nodes/node-1/proxy/configz | jq .");
    const size = JSON.stringify(JSON.parse(r.stdout)).length;
    expect(r.stderr.split("\n")[0]).toBe(
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current",
    );
    expect(r.stderr).toContain(`100  ${String(size).padStart(4)}  100  ${String(size).padStart(4)}`);
    expect((await sim.run("curl -s http://127.0.0.1:8001/healthz | cat")).stderr).toBe("");
    expect((await sim.run("curl http://127.0.0.1:8001/healthz")).stderr).toBe("");
  });
});
