// Docs pages whose manifests are served from ./examples/more: concepts/workloads/pods, the shared-volume
// two-container Pod, taints and tolerations, Redis configured by a ConfigMap, AppArmor and projected
// volumes — each manifest applied from its https://k8s.io/examples URL, then the page's commands and
// the outcome the page documents.
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { MORE_EXAMPLES } from "../../../src/shell/kubectl/examples/more";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { events, getPod } from "./helpers";

const K8S = "https://k8s.io/examples/";
const RAW = "https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/";

const sim1 = (): LiveSimulation => createSimulation({ seed: 1 });

/** A line typed at the terminal, and the prompt shown next (undefined: the node's own shell). */
async function type(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { ...r, next: sim.shell.prompt };
}

async function row(sim: LiveSimulation, name: string): Promise<string> {
  return (await sim.exec(`kubectl get pod ${name}`)).split("\n")[1] ?? "";
}

describe("docs URLs: the built-in examples of more pages", () => {
  it("every example is served under k8s.io and raw GitHub, and parses as kubectl reads it", () => {
    expect(Object.keys(MORE_EXAMPLES).length).toBe(8);
    for (const [path, text] of Object.entries(MORE_EXAMPLES)) {
      expect(docsExample(`${K8S}${path}`)).toBe(text);
      expect(docsExample(`${RAW}${path}`)).toBe(text);
      const d = YAML.parseDocument(text);
      expect(d.errors).toEqual([]);
      expect(d.toJS()).toMatchObject({ apiVersion: "v1", kind: expect.stringMatching(/^(Pod|ConfigMap)$/) });
    }
  });
});

describe("docs: concepts/workloads/pods (pods/simple-pod.yaml)", () => {
  it("creates the nginx:1.14.2 Pod, which runs", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/simple-pod.yaml`)).toBe("pod/nginx created\n");
    await sim.advance(30_000);
    expect(await row(sim, "nginx")).toBe("nginx   1/1     Running   0          30s");
    expect(getPod(sim, "nginx").spec?.containers[0]).toMatchObject({
      image: "nginx:1.14.2",
      ports: [{ containerPort: 80, protocol: "TCP" }],
    });
  });
});

describe("docs: communicate-containers-same-pod-shared-volume (pods/two-container-pod.yaml)", () => {
  it("the debian container terminates, nginx runs and serves the page debian wrote", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/two-container-pod.yaml`)).toBe(
      "pod/two-containers created\n",
    );
    await sim.advance(30_000);
    const statuses = getPod(sim, "two-containers").status?.containerStatuses ?? [];
    const byName = Object.fromEntries(statuses.map((s) => [s.name, s]));
    expect(byName["debian-container"].state?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(byName["nginx-container"].state?.running).toBeDefined();
    const yaml = await sim.exec("kubectl get pod two-containers --output=yaml");
    expect(yaml).toMatch(/name: debian-container\n[\s\S]*terminated:/);
    expect(yaml).toMatch(/name: nginx-container\n[\s\S]*running:/);
    expect((await type(sim, "kubectl exec -it two-containers -c nginx-container -- /bin/bash")).next).toBe(
      "root@two-containers:/# ",
    );
    expect((await type(sim, "curl localhost")).output).toBe("Hello from the debian container\n");
    expect((await type(sim, "exit")).next).toBeUndefined();
  });
});

describe("docs: taint-and-toleration (pods/pod-with-toleration.yaml)", () => {
  it("a NoSchedule taint keeps simple-pod Pending; the Pod tolerating example-key schedules and runs", async () => {
    const sim = sim1();
    expect(await sim.exec("kubectl taint nodes node-1 example-key=value1:NoSchedule")).toBe(
      "node/node-1 tainted\n",
    );
    await sim.exec(`kubectl apply -f ${K8S}pods/simple-pod.yaml`);
    await sim.advance(10_000);
    expect(await row(sim, "nginx")).toBe("nginx   0/1     Pending   0          10s");
    expect(events(sim, "nginx").map((e) => e.message)).toContainEqual(
      expect.stringContaining("1 node(s) had untolerated taint {example-key: value1}"),
    );
    await sim.exec("kubectl delete pod nginx");
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/pod-with-toleration.yaml`)).toBe(
      "pod/nginx created\n",
    );
    await sim.advance(30_000);
    expect(await row(sim, "nginx")).toBe("nginx   1/1     Running   0          30s");
    expect(getPod(sim, "nginx").spec?.tolerations).toContainEqual({
      key: "example-key",
      operator: "Exists",
      effect: "NoSchedule",
    });
  });
});

describe("docs: configure-redis-using-configmap (pods/config/*.yaml)", () => {
  async function configGet(sim: LiveSimulation): Promise<string> {
    expect((await type(sim, "kubectl exec -it redis -- redis-cli")).next).toBe("127.0.0.1:6379> ");
    const out =
      (await type(sim, "CONFIG GET maxmemory")).output +
      (await type(sim, "CONFIG GET maxmemory-policy")).output;
    expect((await type(sim, "exit")).next).toBeUndefined();
    return out;
  }

  it("defaults until the Pod is re-created with the updated ConfigMap: then 2097152 and allkeys-lru", async () => {
    const sim = sim1();
    await sim.run(
      'cat <<EOF >./example-redis-config.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: example-redis-config\ndata:\n  redis-config: ""\nEOF',
    );
    expect(await sim.exec("kubectl apply -f example-redis-config.yaml")).toBe(
      "configmap/example-redis-config created\n",
    );
    expect(await sim.exec(`kubectl apply -f ${RAW}pods/config/redis-pod.yaml`)).toBe("pod/redis created\n");
    await sim.advance(8_000);
    expect(await sim.exec("kubectl get pod/redis configmap/example-redis-config")).toBe(
      "NAME        READY   STATUS    RESTARTS   AGE\npod/redis   1/1     Running   0          8s\n\n" +
        "NAME                             DATA   AGE\nconfigmap/example-redis-config   1      8s\n",
    );
    expect(await configGet(sim)).toBe('1) "maxmemory"\n2) "0"\n1) "maxmemory-policy"\n2) "noeviction"\n');

    expect(await sim.exec(`kubectl apply -f ${K8S}pods/config/example-redis-config.yaml`)).toBe(
      "configmap/example-redis-config configured\n",
    );
    expect(await sim.exec("kubectl describe configmap/example-redis-config")).toContain(
      "Data\n====\nredis-config:\n----\nmaxmemory 2mb\nmaxmemory-policy allkeys-lru\n",
    );
    await sim.advance(90_000);
    // the running server read its file at start: the values stay until the Pod restarts
    expect(await configGet(sim)).toBe('1) "maxmemory"\n2) "0"\n1) "maxmemory-policy"\n2) "noeviction"\n');

    await sim.exec("kubectl delete pod redis");
    expect(await sim.exec(`kubectl apply -f ${RAW}pods/config/redis-pod.yaml`)).toBe("pod/redis created\n");
    await sim.advance(10_000);
    expect(await configGet(sim)).toBe(
      '1) "maxmemory"\n2) "2097152"\n1) "maxmemory-policy"\n2) "allkeys-lru"\n',
    );
    // not a terminal: redis-cli prints the raw values
    expect(await sim.exec("kubectl exec redis -- redis-cli CONFIG GET maxmemory")).toBe(
      "maxmemory\n2097152\n",
    );
    expect(await sim.exec("kubectl logs redis")).toMatch(/# Configuration loaded\n/);
    expect(await sim.exec("kubectl delete pod/redis configmap/example-redis-config")).toBe(
      'pod "redis" deleted from default namespace\nconfigmap "example-redis-config" deleted from default namespace\n',
    );
  });

  it("redis-cli answers PING and CONFIG SET, and refuses without a server", async () => {
    const sim = sim1();
    await sim.exec(`kubectl apply -f ${K8S}pods/config/example-redis-config.yaml`);
    await sim.exec(`kubectl apply -f ${K8S}pods/config/redis-pod.yaml`);
    await sim.advance(10_000);
    await type(sim, "kubectl exec -it redis -- redis-cli");
    expect((await type(sim, "PING")).output).toBe("PONG\n");
    expect((await type(sim, "CONFIG SET maxmemory 1mb")).output).toBe("OK\n");
    expect((await type(sim, "CONFIG GET maxmemory")).output).toBe('1) "maxmemory"\n2) "1048576"\n');
    await type(sim, "exit");
    const r = await sim.run("kubectl exec redis -- redis-cli -p 6380 PING");
    expect(r.stderr).toContain("Could not connect to Redis at 127.0.0.1:6380: Connection refused\n");
  });
});

describe("docs: apparmor (pods/security/hello-apparmor.yaml)", () => {
  it("the Localhost profile is not loaded on the node: CreateContainer fails with containerd's error", async () => {
    const sim = sim1();
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/security/hello-apparmor.yaml`)).toBe(
      "pod/hello-apparmor created\n",
    );
    await sim.advance(30_000);
    expect(await row(sim, "hello-apparmor")).toMatch(/^hello-apparmor +0\/1 +CreateContainerError +0 +30s$/);
    expect(events(sim, "hello-apparmor").map((e) => e.message)).toContain(
      "Error: failed to get container spec opts: failed to generate apparmor spec opts: apparmor profile not found k8s-apparmor-example-deny-write",
    );
  });
});

describe("docs: configure-projected-volume-storage (pods/storage/projected.yaml)", () => {
  it("the two Secrets' files appear together under /projected-volume", async () => {
    const sim = sim1();
    await sim.run('echo -n "admin" > ./username.txt');
    await sim.run('echo -n "1f2d1e2e67df" > ./password.txt');
    expect(await sim.exec("kubectl create secret generic user --from-file=./username.txt")).toBe(
      "secret/user created\n",
    );
    expect(await sim.exec("kubectl create secret generic pass --from-file=./password.txt")).toBe(
      "secret/pass created\n",
    );
    expect(await sim.exec(`kubectl apply -f ${K8S}pods/storage/projected.yaml`)).toBe(
      "pod/test-projected-volume created\n",
    );
    await sim.advance(14_000);
    expect(await row(sim, "test-projected-volume")).toBe(
      "test-projected-volume   1/1     Running   0          14s",
    );
    expect((await type(sim, "kubectl exec -it test-projected-volume -- /bin/sh")).next).toBe("/ # ");
    expect((await type(sim, "ls /projected-volume/")).output).toBe("password.txt  username.txt\n");
    expect((await type(sim, "cat /projected-volume/password.txt")).output).toBe("1f2d1e2e67df");
    await type(sim, "exit");
  });
});
