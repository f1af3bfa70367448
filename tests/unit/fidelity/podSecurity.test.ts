// Pod Security admission as a 1.34 API server runs it (built in, no exemptions, privileged:latest by
// default): the docs' tasks/configure-pod-container/enforce-standards-namespace-labels and
// tutorials/security/ns-level-pss replayed, enforce refusals in the check order of
// k8s.io/pod-security-admission, warnings for pods and workload templates, the ReplicaSet's
// FailedCreate, and `kubectl label` dry-running the namespace's pods against a stricter enforce level.
import type { Event } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { docsExample } from "../../../src/shell/kubectl/docsExamples";
import { evaluatePod, forbiddenDetail, policyToEvaluate } from "../../../src/sim/apiserver/podSecurity";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const BASELINE_POD = "https://k8s.io/examples/security/example-baseline-pod.yaml";
const RESTRICTED_WARNING =
  'Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n';

async function run(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}

const privilegedPod = (ns: string) => `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: ${ns}
spec:
  hostNetwork: true
  containers:
  - name: nginx
    image: nginx
    securityContext:
      privileged: true
`;

describe("docs: tutorials/security/ns-level-pss", () => {
  it("serves example-baseline-pod.yaml", () => {
    expect(docsExample(BASELINE_POD)).toBe(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n    - image: nginx\n      name: nginx\n      ports:\n        - containerPort: 80\n",
    );
  });

  it("warns for restricted in the labeled namespace and says nothing in default", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("kubectl create ns example")).toBe("namespace/example created\n");
    expect(
      await sim.exec(
        "kubectl label --overwrite ns example pod-security.kubernetes.io/warn=baseline pod-security.kubernetes.io/warn-version=latest",
      ),
    ).toBe("namespace/example labeled\n");
    expect(
      await sim.exec(
        "kubectl label --overwrite ns example pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/enforce-version=latest pod-security.kubernetes.io/warn=restricted pod-security.kubernetes.io/warn-version=latest pod-security.kubernetes.io/audit=restricted pod-security.kubernetes.io/audit-version=latest",
      ),
    ).toBe("namespace/example labeled\n");
    const created = await run(sim, `kubectl apply -n example -f ${BASELINE_POD}`);
    expect(created).toEqual({ stdout: "pod/nginx created\n", stderr: RESTRICTED_WARNING, code: 0 });
    expect(await run(sim, `kubectl apply -n default -f ${BASELINE_POD}`)).toEqual({
      stdout: "pod/nginx created\n",
      stderr: "",
      code: 0,
    });
  });

  it("prints the warning before the created line", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl create ns example");
    await sim.exec("kubectl label ns example pod-security.kubernetes.io/warn=restricted");
    expect(await sim.exec(`kubectl apply -n example -f ${BASELINE_POD}`)).toBe(
      `${RESTRICTED_WARNING}pod/nginx created\n`,
    );
  });
});

describe("docs: tasks/configure-pod-container/enforce-standards-namespace-labels", () => {
  it("a namespace pinned to v1.34: baseline enforced, restricted warned", async () => {
    const sim = createSimulation({ seed: 1 });
    const out = await sim.apply(`apiVersion: v1
kind: Namespace
metadata:
  name: my-baseline-namespace
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.34

    # We are setting these to our _desired_ \`enforce\` level.
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/audit-version: v1.34
    pod-security.kubernetes.io/warn: restricted
    pod-security.kubernetes.io/warn-version: v1.34
`);
    expect(out).toBe("namespace/my-baseline-namespace created\n");
    expect(await sim.apply(privilegedPod("my-baseline-namespace"))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "nginx" is forbidden: violates PodSecurity "baseline:v1.34": host namespaces (hostNetwork=true), privileged (container "nginx" must not set securityContext.privileged=true)\n',
    );
    expect(sim.node.api.tryGet("Pod", "my-baseline-namespace", "nginx")).toBeUndefined();
    const r = await run(sim, `kubectl apply -n my-baseline-namespace -f ${BASELINE_POD}`);
    expect(r.stderr).toBe(RESTRICTED_WARNING.replace('"restricted:latest"', '"restricted:v1.34"'));
  });

  it("labeling an existing namespace warns about the pods that would violate the new enforce level", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl create ns my-existing-namespace");
    await sim.exec("kubectl run nginx --image=nginx -n my-existing-namespace");
    await sim.exec("kubectl run web --image=nginx -n my-existing-namespace");
    expect(
      await run(
        sim,
        "kubectl label --overwrite ns my-existing-namespace pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=v1.34",
      ),
    ).toEqual({
      stdout: "namespace/my-existing-namespace labeled\n",
      stderr:
        'Warning: existing pods in namespace "my-existing-namespace" violate the new PodSecurity enforce level "restricted:v1.34"\n' +
        "Warning: nginx (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n",
      code: 0,
    });
    // relaxing the level (same version) checks nothing; the pods keep running either way
    expect(
      await run(
        sim,
        "kubectl label --overwrite ns my-existing-namespace pod-security.kubernetes.io/enforce=baseline",
      ),
    ).toEqual({ stdout: "namespace/my-existing-namespace labeled\n", stderr: "", code: 0 });
    expect(sim.node.api.list("Pod", { namespace: "my-existing-namespace" })).toHaveLength(2);
  });

  it("--dry-run=server over --all namespaces: the warnings, nothing stored", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl run nginx --image=nginx");
    expect(
      await sim.exec(
        "kubectl label --dry-run=server --overwrite ns --all pod-security.kubernetes.io/enforce=baseline",
      ),
    ).toBe(
      "namespace/default labeled (server dry run)\nnamespace/kube-node-lease labeled (server dry run)\n" +
        "namespace/kube-public labeled (server dry run)\nnamespace/kube-system labeled (server dry run)\n",
    );
    expect(
      await sim.exec(
        "kubectl label --dry-run=server --overwrite ns default pod-security.kubernetes.io/enforce=restricted",
      ),
    ).toBe(
      'Warning: existing pods in namespace "default" violate the new PodSecurity enforce level "restricted:latest"\n' +
        "Warning: nginx: allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n" +
        "namespace/default labeled (server dry run)\n",
    );
    expect(
      await sim.exec(
        "kubectl label --overwrite ns --all pod-security.kubernetes.io/audit=baseline pod-security.kubernetes.io/warn=baseline",
      ),
    ).toBe(
      "namespace/default labeled\nnamespace/kube-node-lease labeled\nnamespace/kube-public labeled\nnamespace/kube-system labeled\n",
    );
    expect(
      await sim.exec("kubectl get namespaces --selector='!pod-security.kubernetes.io/enforce' -o name"),
    ).toBe("namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n");
  });

  it("per-pod warnings name each distinct violation set, sorted", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl create ns x");
    await sim.apply(privilegedPod("x").replace("name: nginx\n  namespace", "name: a-priv\n  namespace"));
    await sim.exec("kubectl run b-plain --image=nginx -n x");
    const r = await run(sim, "kubectl label ns x pod-security.kubernetes.io/enforce=baseline");
    expect(r.stderr).toBe(
      'Warning: existing pods in namespace "x" violate the new PodSecurity enforce level "baseline:latest"\n' +
        "Warning: a-priv: host namespaces, privileged\n",
    );
  });

  it("refuses a bad level label", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl create ns x");
    const r = await run(sim, "kubectl label ns x pod-security.kubernetes.io/enforce=strict");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
    );
  });
});

describe("PodSecurity admission", () => {
  it("leaves unlabeled namespaces alone (privileged), kube-system included: no exemptions by default", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.apply(privilegedPod("default"))).toBe("pod/nginx created\n");
    await sim.exec("kubectl label ns kube-system pod-security.kubernetes.io/enforce=baseline");
    expect(await sim.apply(privilegedPod("kube-system"))).toContain(
      'pods "nginx" is forbidden: violates PodSecurity "baseline:latest"',
    );
  });

  it("workload resources get the warning; the ReplicaSet's FailedCreate carries the enforce refusal", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl create ns apps");
    await sim.exec(
      "kubectl label ns apps pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/warn=baseline",
    );
    const r = await sim.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: hostpid
  namespace: apps
spec:
  selector: {matchLabels: {app: h}}
  template:
    metadata: {labels: {app: h}}
    spec:
      hostPID: true
      containers:
      - name: c
        image: nginx
`);
    expect(r).toBe(
      'Warning: would violate PodSecurity "baseline:latest": host namespaces (hostPID=true)\ndeployment.apps/hostpid created\n',
    );
    await sim.advance(3000);
    const failed = sim.node.api
      .list<Event>("Event", { namespace: "apps" })
      .filter((e) => e.reason === "FailedCreate");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toMatch(
      /^Error creating: pods "hostpid-[a-z0-9]+-[a-z0-9]{5}" is forbidden: violates PodSecurity "baseline:latest": host namespaces \(hostPID=true\)$/,
    );
    expect(sim.node.api.list("Pod", { namespace: "apps" })).toHaveLength(0);
  });

  it("host network ports are host ports (defaulted), named in the check order", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl create ns x");
    await sim.exec("kubectl label ns x pod-security.kubernetes.io/enforce=restricted");
    const r = await sim.apply(
      privilegedPod("x").replace(
        "    securityContext:",
        "    ports:\n    - containerPort: 80\n    securityContext:",
      ),
    );
    expect(r).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "nginx" is forbidden: violates PodSecurity "restricted:latest": host namespaces (hostNetwork=true), hostPort (container "nginx" uses hostPort 80), privileged (container "nginx" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n',
    );
  });

  it("a restricted-compliant pod is admitted silently", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec("kubectl create ns x");
    await sim.exec("kubectl label ns x pod-security.kubernetes.io/enforce=restricted");
    const r = await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: ok
  namespace: x
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: c
    image: busybox
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"]
`);
    expect(r).toBe("pod/ok created\n");
  });
});

describe("the checks' texts", () => {
  const check = (level: string, spec: object, meta: object = {}) => {
    const { policy } = policyToEvaluate({ "pod-security.kubernetes.io/enforce": level });
    return forbiddenDetail(evaluatePod(policy.enforce, meta, spec as never));
  };

  it("baseline: capabilities, hostPath, sysctls, seccomp, procMount, SELinux, AppArmor, hostProcess", () => {
    expect(
      check(
        "baseline",
        {
          hostPID: true,
          hostIPC: true,
          securityContext: {
            sysctls: [{ name: "kernel.msgmax" }, { name: "net.ipv4.tcp_syncookies" }],
            seccompProfile: { type: "Unconfined" },
            windowsOptions: { hostProcess: true },
          },
          volumes: [{ name: "host-root", hostPath: { path: "/" } }],
          containers: [
            {
              name: "a",
              securityContext: {
                capabilities: { add: ["SYS_ADMIN", "NET_RAW", "CHOWN"] },
                procMount: "Unmasked",
                seLinuxOptions: { type: "spc_t", user: "system_u" },
              },
            },
            { name: "b", securityContext: { capabilities: { add: ["NET_ADMIN"] } } },
          ],
        },
        { annotations: { "container.apparmor.security.beta.kubernetes.io/a": "unconfined" } },
      ),
    ).toBe(
      'forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/a="unconfined"), ' +
        "host namespaces (hostIPC=true, hostPID=true), " +
        'procMount (container "a" must not set securityContext.procMount to "Unmasked"), ' +
        'seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set), ' +
        "forbidden sysctls (kernel.msgmax), " +
        "hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true), " +
        'non-default capabilities (containers "a", "b" must not include "NET_ADMIN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add), ' +
        'hostPath volumes (volume "host-root"), ' +
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
    );
  });

  it("restricted: volume types, runAsUser=0, capabilities added beyond NET_BIND_SERVICE", () => {
    expect(
      check("restricted", {
        securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } },
        volumes: [
          { name: "data", emptyDir: {} },
          { name: "host", hostPath: { path: "/" } },
          { name: "nfs", nfs: { server: "s", path: "/" } },
        ],
        containers: [
          {
            name: "c",
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ["ALL"], add: ["CHOWN"] },
            },
          },
        ],
      }),
    ).toBe(
      'unrestricted capabilities (container "c" must not include "CHOWN" in securityContext.capabilities.add), ' +
        'restricted volume types (volumes ["host" "nfs"] have restricted types), ' +
        "runAsUser=0 (pod must not set runAsUser=0)",
    );
  });
});
