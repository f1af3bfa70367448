// The images the docs' task pages and tutorials run (src/sim/registry/docsImages.ts): each pulls,
// its pod reaches Running, and it answers and logs what the page shows — the kubectl patch page's
// node-hello, the basics tutorial's kubernetes-bootcamp (v1 and the update to v2), hello-minikube's
// agnhost netexec, debug-service's serve_hostname, the source-IP tutorial's echoserver, the HPA
// walkthrough's php-apache, busyboxplus:curl as the client, and the tag aliases pages pin.
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { RegistryHub } from "../../../src/sim/registry/registryHub";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const sim1 = (): LiveSimulation => createSimulation({ seed: 1 });

function podNamed(sim: LiveSimulation, prefix: string): Pod {
  const p = sim.node.api
    .list<Pod>("Pod", { namespace: "default" })
    .find((x) => x.metadata?.name?.startsWith(prefix) && !x.metadata?.deletionTimestamp);
  if (!p) throw new Error(`no pod ${prefix}`);
  return p;
}

const name = (p: Pod) => p.metadata?.name ?? "";
const ip = (p: Pod) => p.status?.podIP ?? "";

/** A client pod with curl (the connect-applications page's busyboxplus) to reach the others by IP. */
async function withClient(sim: LiveSimulation): Promise<void> {
  expect(await sim.exec("kubectl run curl --image=radial/busyboxplus:curl --command -- sleep 1d")).toBe(
    "pod/curl created\n",
  );
}

describe("docs images: each resolves in the registry with its tag", () => {
  it("the pages' references pull, and a missing tag still fails as on Docker Hub", () => {
    const hub = new RegistryHub();
    for (const ref of [
      "gcr.io/google-samples/node-hello:1.0",
      "gcr.io/google-samples/kubernetes-bootcamp:v1",
      "docker.io/jocatalin/kubernetes-bootcamp:v2",
      "registry.k8s.io/serve_hostname",
      "registry.k8s.io/echoserver:1.10",
      "registry.k8s.io/hpa-example",
      "radial/busyboxplus:curl",
      "gcr.io/google-containers/busybox",
      "redis:6.0.5",
      "docker.io/redis:6.0.5",
      "mysql:8.0",
    ])
      expect(hub.resolve(ref).ok, ref).toBe(true);
    // the bootcamp's failed-update exercise: v10 was never pushed
    const v10 = hub.resolve("jocatalin/kubernetes-bootcamp:v10");
    expect(v10.ok).toBe(false);
    if (!v10.ok)
      expect(v10.message).toBe(
        'failed to pull and unpack image "docker.io/jocatalin/kubernetes-bootcamp:v10": failed to resolve reference "docker.io/jocatalin/kubernetes-bootcamp:v10": docker.io/jocatalin/kubernetes-bootcamp:v10: not found',
      );
  });

  it("images built on the same base share its blobs (bootcamp v1/v2, gcr.io busybox mirrors)", () => {
    const hub = new RegistryHub();
    const layers = (ref: string) => {
      const r = hub.resolve(ref);
      if (!r.ok) throw new Error(r.message);
      return r.image.layers.map((l) => l.digest);
    };
    const v1 = layers("gcr.io/google-samples/kubernetes-bootcamp:v1");
    const v2 = layers("jocatalin/kubernetes-bootcamp:v2");
    expect(v1.slice(0, -1)).toEqual(v2.slice(0, -1));
    expect(v1.at(-1)).not.toBe(v2.at(-1));
    expect(layers("gcr.io/google-containers/busybox")).toEqual(layers("k8s.gcr.io/busybox"));
    // node-hello and the bootcamp are both FROM buildpack-deps:jessie
    expect(layers("gcr.io/google-samples/node-hello:1.0").slice(0, 4)).toEqual(v1.slice(0, 4));
  });
});

describe("docs: Update API Objects in Place Using kubectl patch (node-hello)", () => {
  it("the patched-in node-hello container runs and answers Hello Kubernetes! on 8080", async () => {
    const sim = sim1();
    await withClient(sim);
    expect(await sim.exec("kubectl run node-hello --image=gcr.io/google-samples/node-hello:1.0")).toBe(
      "pod/node-hello created\n",
    );
    await sim.advance(60_000);
    const p = podNamed(sim, "node-hello");
    expect(p.status?.phase).toBe("Running");
    expect(await sim.exec(`kubectl exec curl -- curl -s ${ip(p)}:8080`)).toBe("Hello Kubernetes!");
    // server.js writes nothing to stdout
    expect(await sim.exec("kubectl logs node-hello")).toBe("");
    // no probe: Ready as soon as it runs
    expect(
      await sim.exec("kubectl get pod node-hello -o jsonpath={.status.containerStatuses[0].ready}"),
    ).toBe("true");
  });
});

describe("docs: Learn Kubernetes Basics (kubernetes-bootcamp)", () => {
  it("create deployment, curl from inside the pod, logs, then the rolling update to v2", async () => {
    const sim = sim1();
    expect(
      await sim.exec(
        "kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1",
      ),
    ).toBe("deployment.apps/kubernetes-bootcamp created\n");
    await sim.advance(60_000);
    const p = podNamed(sim, "kubernetes-bootcamp-");
    expect(p.status?.phase).toBe("Running");
    expect(await sim.exec(`kubectl exec ${name(p)} -- curl -s http://localhost:8080`)).toBe(
      `Hello Kubernetes bootcamp! | Running on: ${name(p)} | v=1\n`,
    );
    const logs = (await sim.exec(`kubectl logs ${name(p)}`)).split("\n");
    expect(logs[0]).toMatch(
      new RegExp(
        `^Kubernetes Bootcamp App Started At: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\| Running On:  ${name(p)} $`,
      ),
    );
    expect(logs[1]).toBe("");
    expect(logs[2]).toMatch(
      new RegExp(
        `^Running On: ${name(p)} \\| Total Requests: 1 \\| App Uptime: \\d+(\\.\\d+)? seconds \\| Log Time: \\S+Z$`,
      ),
    );
    const env = await sim.exec(`kubectl exec ${name(p)} -- env`);
    expect(env).toContain("NPM_CONFIG_LOGLEVEL=info\n");
    expect(env).toContain("NODE_VERSION=6.3.1\n");
    expect(env).toContain(`HOSTNAME=${name(p)}\n`);

    expect(
      await sim.exec(
        "kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2",
      ),
    ).toBe("deployment.apps/kubernetes-bootcamp image updated\n");
    await sim.advance(120_000);
    const q = podNamed(sim, "kubernetes-bootcamp-");
    expect(q.spec?.containers[0].image).toBe("docker.io/jocatalin/kubernetes-bootcamp:v2");
    expect(q.status?.phase).toBe("Running");
    expect(await sim.exec(`kubectl exec ${name(q)} -- curl -s localhost:8080`)).toBe(
      `Hello Kubernetes bootcamp! | Running on: ${name(q)} | v=2\n`,
    );
  });
});

describe("docs: Hello Minikube (agnhost netexec)", () => {
  it("logs the two Started lines and serves /, /echo and /hostname", async () => {
    const sim = sim1();
    await withClient(sim);
    expect(
      await sim.exec(
        "kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.39 -- /agnhost netexec --http-port=8080",
      ),
    ).toBe("deployment.apps/hello-node created\n");
    await sim.advance(60_000);
    const p = podNamed(sim, "hello-node-");
    expect(p.status?.phase).toBe("Running");
    const start = (await sim.exec(`kubectl logs ${name(p)}`)).split("\n");
    expect(start[0]).toMatch(
      /^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 log\.go:195\] Started HTTP server on port 8080$/,
    );
    expect(start[1]).toMatch(/ {7}1 log\.go:195\] Started UDP server on port {2}8081$/);
    expect(await sim.exec(`kubectl exec curl -- curl -s ${ip(p)}:8080/`)).toMatch(
      /^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}$/,
    );
    expect(await sim.exec(`kubectl exec curl -- curl -s "${ip(p)}:8080/echo?msg=hello%20world"`)).toBe(
      "hello world",
    );
    expect(await sim.exec(`kubectl exec curl -- curl -s ${ip(p)}:8080/hostname`)).toBe(name(p));
    const after = await sim.exec(`kubectl logs ${name(p)}`);
    expect(after).toMatch(/log\.go:195\] GET \/\n.*GET \/echo\?msg=hello world&code=\n.*GET \/hostname\n$/);
  });
});

describe("docs: Debug Services (serve_hostname)", () => {
  it("the hostnames pods answer their own name on 9376", async () => {
    const sim = sim1();
    await withClient(sim);
    expect(await sim.exec("kubectl create deployment hostnames --image=registry.k8s.io/serve_hostname")).toBe(
      "deployment.apps/hostnames created\n",
    );
    await sim.advance(60_000);
    const p = podNamed(sim, "hostnames-");
    expect(p.status?.phase).toBe("Running");
    expect(await sim.exec(`kubectl exec curl -- wget -qO- ${ip(p)}:9376`)).toBe(name(p));
    const logs = await sim.exec(`kubectl logs ${name(p)}`);
    expect(logs).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Serving on port 9376\.\n/);
    expect(logs).toMatch(/HTTP request from \S+\n$/);
  });
});

describe("docs: Using Source IP (echoserver)", () => {
  it("source-ip-app echoes the request: client_address, method, path", async () => {
    const sim = sim1();
    await withClient(sim);
    expect(
      await sim.exec("kubectl create deployment source-ip-app --image=registry.k8s.io/echoserver:1.10"),
    ).toBe("deployment.apps/source-ip-app created\n");
    await sim.advance(60_000);
    const p = podNamed(sim, "source-ip-app-");
    expect(p.status?.phase).toBe("Running");
    const out = await sim.exec(`kubectl exec curl -- wget -qO - ${ip(p)}:8080/hi?x=1`);
    expect(out).toContain(`\nHostname: ${name(p)}\n\nPod Information:\n\t-no pod information available-\n`);
    expect(out).toContain("Server values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n");
    expect(out).toMatch(
      /Request Information:\n\tclient_address=\d+\.\d+\.\d+\.\d+\n\tmethod=GET\n\treal path=\/hi\n\tquery=x=1\n/,
    );
    expect(out).toContain("Request Body:\n\t-no body in request-\n");
    const logs = await sim.exec(`kubectl logs ${name(p)}`);
    expect(logs).toContain("Generating self-signed cert\n");
    expect(logs).toContain("Starting nginx\n");
    expect(logs).toMatch(/"GET \/hi\?x=1 HTTP\/1\.1" 200 \d+ "-" "Wget"\n$/);
  });
});

describe("docs: HorizontalPodAutoscaler Walkthrough (php-apache)", () => {
  it("the load generator's wget gets OK!", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl run php-apache --image=registry.k8s.io/hpa-example --port=80")).toBe(
      "pod/php-apache created\n",
    );
    await withClient(sim);
    await sim.advance(60_000);
    const p = podNamed(sim, "php-apache");
    expect(p.status?.phase).toBe("Running");
    expect(await sim.exec(`kubectl exec curl -- wget -q -O- http://${ip(p)}`)).toBe("OK!");
    const logs = await sim.exec("kubectl logs php-apache");
    expect(logs).toContain("AH00094: Command line: 'apache2 -D FOREGROUND'\n");
    expect(logs).toMatch(/"GET \/ HTTP\/1\.1" 200 3 "-" "Wget"\n$/);
  });
});

describe("docs: tag aliases pages pin", () => {
  it("redis:6.0.5 (guestbook leader) and mysql:8.0 (WordPress) start their servers", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl run leader --image=docker.io/redis:6.0.5")).toBe("pod/leader created\n");
    expect(await sim.exec("kubectl run mysql --image=mysql:8.0 --env=MYSQL_ROOT_PASSWORD=password")).toBe(
      "pod/mysql created\n",
    );
    await sim.advance(90_000);
    expect(podNamed(sim, "leader").status?.phase).toBe("Running");
    expect(await sim.exec("kubectl logs leader")).toContain("Redis version=6.0.5, bits=64");
    expect(podNamed(sim, "mysql").status?.phase).toBe("Running");
    expect(await sim.exec("kubectl logs mysql")).toContain("ready for connections. Version: '8.0.40'");
  });
});
