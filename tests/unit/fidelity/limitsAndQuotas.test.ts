// LimitRange and ResourceQuota as a 1.34 API server admits them: the manage-resources docs pages
// applied by URL (defaults with the limit-ranger annotation, min/max refusals, quota charging and
// refusals, the replicaset-controller's FailedCreate), the quota controller's status, and kubectl's
// get/describe/create quota.
import type { Pod, ResourceQuota } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { LIMITS_AND_QUOTAS_EXAMPLES } from "../../../src/shell/kubectl/examples/limitsAndQuotas";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const U = "https://k8s.io/examples/admin/resource/";
const sim1 = (): LiveSimulation => createSimulation({ seed: 1 });
const pod = (sim: LiveSimulation, ns: string, name: string) => sim.node.api.get<Pod>("Pod", ns, name);
const quota = (sim: LiveSimulation, ns: string, name: string) =>
  sim.node.api.get<ResourceQuota>("ResourceQuota", ns, name);

describe("docs URLs", () => {
  it("serves every manage-resources manifest", () => {
    for (const [path, text] of Object.entries(LIMITS_AND_QUOTAS_EXAMPLES))
      expect(docsExample(`https://k8s.io/examples/${path}`)).toBe(text);
  });
});

describe("docs: Configure Default Memory Requests and Limits for a Namespace", () => {
  it("fills requests and limits from the LimitRange and says so in the annotation", async () => {
    const sim = sim1();
    const ns = "--namespace=default-mem-example";
    expect(await sim.exec("kubectl create namespace default-mem-example")).toBe(
      "namespace/default-mem-example created\n",
    );
    expect(await sim.exec(`kubectl apply -f ${U}memory-defaults.yaml ${ns}`)).toBe(
      "limitrange/mem-limit-range created\n",
    );
    await sim.exec(`kubectl apply -f ${U}memory-defaults-pod.yaml ${ns}`);
    const out = await sim.exec(`kubectl get pod default-mem-demo --output=yaml ${ns}`);
    expect(out).toContain(
      "    kubernetes.io/limit-ranger: 'LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr'\n",
    );
    expect(out).toContain(
      "    resources:\n      limits:\n        memory: 512Mi\n      requests:\n        memory: 256Mi\n",
    );
    // a limit but no request: the request defaults to the limit, not to the LimitRange's defaultRequest
    await sim.exec(`kubectl apply -f ${U}memory-defaults-pod-2.yaml ${ns}`);
    expect(pod(sim, "default-mem-example", "default-mem-demo-2").spec?.containers[0].resources).toEqual({
      limits: { memory: "1Gi" },
      requests: { memory: "1Gi" },
    });
    // a request but no limit: the limit comes from the LimitRange
    await sim.exec(`kubectl apply -f ${U}memory-defaults-pod-3.yaml ${ns}`);
    const p3 = pod(sim, "default-mem-example", "default-mem-demo-3");
    expect(p3.spec?.containers[0].resources).toEqual({
      limits: { memory: "512Mi" },
      requests: { memory: "128Mi" },
    });
    expect(p3.metadata?.annotations?.["kubernetes.io/limit-ranger"]).toBe(
      "LimitRanger plugin set: memory limit for container default-mem-demo-3-ctr",
    );
    // pods elsewhere are untouched
    await sim.exec("kubectl run plain --image=nginx");
    expect(pod(sim, "default", "plain").spec?.containers[0].resources).toEqual({});
  });

  it("cpu defaults: 0.5 is stored as 500m", async () => {
    const sim = sim1();
    await sim.exec("kubectl create namespace default-cpu-example");
    await sim.exec(`kubectl apply -f ${U}cpu-defaults.yaml --namespace=default-cpu-example`);
    await sim.exec(`kubectl apply -f ${U}cpu-defaults-pod.yaml --namespace=default-cpu-example`);
    expect(pod(sim, "default-cpu-example", "default-cpu-demo").spec?.containers[0].resources).toEqual({
      limits: { cpu: "1" },
      requests: { cpu: "500m" },
    });
    expect(await sim.exec("kubectl describe limits cpu-limit-range -n default-cpu-example")).toBe(
      [
        "Name:       cpu-limit-range",
        "Namespace:  default-cpu-example",
        "Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio",
        "----        --------  ---  ---  ---------------  -------------  -----------------------",
        "Container   cpu       -    -    500m             1              -",
        "",
      ].join("\n"),
    );
  });
});

describe("docs: min and max constraints", () => {
  it("memory: defaults from max, the Forbidden texts for too much and too little", async () => {
    const sim = sim1();
    const ns = "--namespace=constraints-mem-example";
    await sim.exec("kubectl create namespace constraints-mem-example");
    await sim.exec(`kubectl apply -f ${U}memory-constraints.yaml ${ns}`);
    const lr = await sim.exec(`kubectl get limitrange mem-min-max-demo-lr ${ns} --output=yaml`);
    expect(lr).toContain(
      "  - default:\n      memory: 1Gi\n    defaultRequest:\n      memory: 1Gi\n    max:\n      memory: 1Gi\n    min:\n      memory: 500Mi\n    type: Container\n",
    );
    expect(await sim.exec(`kubectl apply -f ${U}memory-constraints-pod.yaml ${ns}`)).toBe(
      "pod/constraints-mem-demo created\n",
    );
    expect(await sim.exec(`kubectl apply -f ${U}memory-constraints-pod-2.yaml ${ns}`)).toBe(
      `Error from server (Forbidden): error when creating "${U}memory-constraints-pod-2.yaml": pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi\n`,
    );
    expect(await sim.exec(`kubectl apply -f ${U}memory-constraints-pod-3.yaml ${ns}`)).toBe(
      `Error from server (Forbidden): error when creating "${U}memory-constraints-pod-3.yaml": pods "constraints-mem-demo-3" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi\n`,
    );
    await sim.exec(`kubectl apply -f ${U}memory-constraints-pod-4.yaml ${ns}`);
    expect(
      pod(sim, "constraints-mem-example", "constraints-mem-demo-4").spec?.containers[0].resources,
    ).toEqual({
      limits: { memory: "1Gi" },
      requests: { memory: "1Gi" },
    });
  });

  it("cpu: 1.5 is over 800m, 100m under 200m; a ratio and a Pod-type max", async () => {
    const sim = sim1();
    const ns = "--namespace=constraints-cpu-example";
    await sim.exec("kubectl create namespace constraints-cpu-example");
    await sim.exec(`kubectl apply -f ${U}cpu-constraints.yaml ${ns}`);
    expect(await sim.exec(`kubectl apply -f ${U}cpu-constraints-pod-2.yaml ${ns}`)).toContain(
      'pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m\n',
    );
    expect(await sim.exec(`kubectl apply -f ${U}cpu-constraints-pod-3.yaml ${ns}`)).toContain(
      'pods "constraints-cpu-demo-3" is forbidden: minimum cpu usage per Container is 200m, but request is 100m\n',
    );
    await sim.apply({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "ratio", namespace: "default" },
      spec: {
        limits: [
          { type: "Container", maxLimitRequestRatio: { memory: "2" } },
          { type: "Pod", max: { cpu: "1" } },
        ],
      },
    });
    const manifest = (name: string, req: string, lim: string, cpu: string) =>
      sim.apply({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name },
        spec: {
          containers: [
            {
              name,
              image: "nginx",
              resources: { requests: { memory: req, cpu }, limits: { memory: lim, cpu } },
            },
          ],
        },
      });
    expect(await manifest("r1", "100Mi", "300Mi", "500m")).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "r1" is forbidden: memory max limit to request ratio per Container is 2, but provided ratio is 3.000000\n',
    );
    expect(await manifest("r2", "100Mi", "200Mi", "1500m")).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "r2" is forbidden: maximum cpu usage per Pod is 1, but limit is 1500m\n',
    );
    expect(await manifest("r3", "100Mi", "200Mi", "500m")).toBe("pod/r3 created\n");
  });

  it("validates LimitRanges", async () => {
    const sim = sim1();
    const out = await sim.apply({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "bad" },
      spec: { limits: [{ type: "Container", min: { cpu: "2" }, max: { cpu: "1" } }] },
    });
    expect(out).toContain('The LimitRange "bad" is invalid: ');
    expect(out).toContain(
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
    );
  });
});

describe("docs: Configure Memory and CPU Quotas for a Namespace", () => {
  it("charges the pod, refuses the second with the exceeded-quota text", async () => {
    const sim = sim1();
    const ns = "--namespace=quota-mem-cpu-example";
    await sim.exec("kubectl create namespace quota-mem-cpu-example");
    expect(await sim.exec(`kubectl apply -f ${U}quota-mem-cpu.yaml ${ns}`)).toBe(
      "resourcequota/mem-cpu-demo created\n",
    );
    const before = await sim.exec(`kubectl get resourcequota mem-cpu-demo ${ns} --output=yaml`);
    expect(before).toContain(
      'status:\n  hard:\n    limits.cpu: "2"\n    limits.memory: 2Gi\n    requests.cpu: "1"\n    requests.memory: 1Gi\n  used:\n    limits.cpu: "0"\n    limits.memory: "0"\n    requests.cpu: "0"\n    requests.memory: "0"\n',
    );
    await sim.exec(`kubectl apply -f ${U}quota-mem-cpu-pod.yaml ${ns}`);
    const after = await sim.exec(`kubectl get resourcequota mem-cpu-demo ${ns} --output=yaml`);
    expect(after).toContain(
      "  used:\n    limits.cpu: 800m\n    limits.memory: 800Mi\n    requests.cpu: 400m\n    requests.memory: 600Mi\n",
    );
    expect(await sim.exec(`kubectl apply -f ${U}quota-mem-cpu-pod-2.yaml ${ns}`)).toBe(
      `Error from server (Forbidden): error when creating "${U}quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n`,
    );
    expect(await sim.exec(`kubectl get quota ${ns}`)).toBe(
      [
        "NAME           AGE   REQUEST                                            LIMIT",
        "mem-cpu-demo   0s    requests.cpu: 400m/1, requests.memory: 600Mi/1Gi   limits.cpu: 800m/2, limits.memory: 800Mi/2Gi",
        "",
      ].join("\n"),
    );
    expect(await sim.exec(`kubectl describe quota mem-cpu-demo ${ns}`)).toBe(
      [
        "Name:            mem-cpu-demo",
        "Namespace:       quota-mem-cpu-example",
        "Resource         Used   Hard",
        "--------         ----   ----",
        "limits.cpu       800m   2",
        "limits.memory    800Mi  2Gi",
        "requests.cpu     400m   1",
        "requests.memory  600Mi  1Gi",
        "",
      ].join("\n"),
    );
    // a pod naming no cpu/memory is refused by name of each missing resource
    expect(await sim.exec(`kubectl run bare --image=nginx ${ns}`)).toBe(
      'Error from server (Forbidden): pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: bare; limits.memory for: bare; requests.cpu for: bare; requests.memory for: bare\n',
    );
    // deleting the pod gives its share back (the controller recounts)
    await sim.exec(`kubectl delete pod quota-mem-cpu-demo ${ns} --grace-period=0 --force`);
    await sim.advance(1_000);
    expect(quota(sim, "quota-mem-cpu-example", "mem-cpu-demo").status?.used).toEqual({
      "limits.cpu": "0",
      "limits.memory": "0",
      "requests.cpu": "0",
      "requests.memory": "0",
    });
  });
});

describe("docs: Configure a Pod Quota for a Namespace", () => {
  it("a Deployment of 3 gets 2 pods; the ReplicaSet reports FailedCreate with the quota text", async () => {
    const sim = sim1();
    const ns = "--namespace=quota-pod-example";
    await sim.exec("kubectl create namespace quota-pod-example");
    await sim.exec(`kubectl apply -f ${U}quota-pod.yaml ${ns}`);
    expect(await sim.exec(`kubectl get resourcequota pod-demo ${ns} --output=yaml`)).toContain(
      'status:\n  hard:\n    pods: "2"\n  used:\n    pods: "0"\n',
    );
    await sim.exec(`kubectl apply -f ${U}quota-pod-deployment.yaml ${ns}`);
    await sim.advance(20_000);
    const dep = await sim.exec(`kubectl get deployment pod-quota-demo ${ns} --output=yaml`);
    expect(dep).toMatch(
      /message: 'pods "pod-quota-demo-[a-z0-9]+-" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2'\n {4}reason: FailedCreate\n/,
    );
    expect(dep).toContain("  availableReplicas: 2\n");
    expect(quota(sim, "quota-pod-example", "pod-demo").status?.used).toEqual({ pods: "2" });
    const events = await sim.exec(`kubectl get events ${ns} --field-selector reason=FailedCreate`);
    expect(events).toMatch(
      /replicaset\/pod-quota-demo-[a-z0-9]+ +Error creating: pods "pod-quota-demo-[a-z0-9]+-" is forbidden: exceeded quota: pod-demo/,
    );
    // the quota stays full: the REQUEST column shows it
    expect(await sim.exec(`kubectl get quota ${ns}`)).toContain("pod-demo   20s   pods: 2/2   ");
  });

  it("terminal pods are not counted", async () => {
    const sim = sim1();
    await sim.exec("kubectl create quota one --hard=pods=1");
    await sim.exec("kubectl run done --image=busybox --restart=Never -- true");
    await sim.advance(30_000);
    expect(pod(sim, "default", "done").status?.phase).toBe("Succeeded");
    await sim.advance(1_000);
    expect(quota(sim, "default", "one").status?.used).toEqual({ pods: "0" });
    expect(await sim.exec("kubectl run next --image=nginx")).toBe("pod/next created\n");
    expect(await sim.exec("kubectl run third --image=nginx")).toBe(
      'Error from server (Forbidden): pods "third" is forbidden: exceeded quota: one, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
  });
});

describe("kubectl for quotas and limit ranges", () => {
  it("create quota, object counts, get/describe, api-resources, describe namespace", async () => {
    const sim = sim1();
    expect(
      await sim.exec("kubectl create quota q --hard=configmaps=2,count/deployments.apps=1,services=5"),
    ).toBe("resourcequota/q created\n");
    expect(await sim.exec("kubectl get quota")).toBe(
      [
        "NAME   AGE   REQUEST                                                       LIMIT",
        "q      0s    configmaps: 1/2, count/deployments.apps: 0/1, services: 1/5   ",
        "",
      ].join("\n"),
    );
    await sim.exec("kubectl create configmap a --from-literal=k=v");
    expect(await sim.exec("kubectl create configmap b --from-literal=k=v")).toBe(
      'error: failed to create configmap: configmaps "b" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=2, limited: configmaps=2\n',
    );
    await sim.exec("kubectl create deployment web --image=nginx");
    expect(await sim.exec("kubectl create deployment web2 --image=nginx")).toContain(
      'deployments.apps "web2" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    expect(await sim.exec("kubectl api-resources")).toMatch(/\nlimitranges +limits +v1 +true +LimitRange\n/);
    expect(await sim.exec("kubectl api-resources")).toMatch(
      /\nresourcequotas +quota +v1 +true +ResourceQuota\n/,
    );
    expect(await sim.exec("kubectl get limits")).toBe("No resources found in default namespace.\n");
    const ns = await sim.exec("kubectl describe namespace default");
    expect(ns).toContain(
      "Resource Quotas\n  Name:                   q\n  Resource                Used  Hard\n  --------                ---   ---\n  configmaps              2     2\n",
    );
    expect(ns).toContain("\nNo LimitRange resource.\n");
  });
});
