// The Kubernetes docs' debugging task pages (tasks/debug/debug-application/debug-running-pod,
// get-shell-running-container; debug-cluster/kubectl-node-debug) replayed step by step: what an
// ephemeral container mounts, the --profile values and the --custom profile, and kubectl exec's words.
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const K8S = "https://k8s.io/examples/";
const MYAPP = "kubectl run myapp --image=busybox:1.28 --restart=Never -- sleep 1d";

function pod(sim: LiveSimulation, name: string): Pod {
  return sim.node.api.get<Pod>("Pod", "default", name);
}

async function type(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { ...r, next: sim.shell.prompt };
}

describe("docs: debug-running-pod — ephemeral containers", () => {
  it("describe shows the ephemeral container with Mounts: <none> (no service-account token on update)", async () => {
    const sim = createSimulation({ seed: 21 });
    expect(
      await sim.exec("kubectl run ephemeral-demo --image=registry.k8s.io/pause:3.1 --restart=Never"),
    ).toBe("pod/ephemeral-demo created\n");
    await sim.advance(15_000);
    const open = await type(
      sim,
      "kubectl debug -it ephemeral-demo --image=busybox:1.28 --target=ephemeral-demo",
    );
    const name = /Defaulting debug container name to (debugger-[a-z0-9]{5})\./.exec(open.stdout)?.[1];
    expect(name).toBeDefined();
    expect(open.next).toBe("/ # ");
    // no token in the ephemeral container
    expect((await type(sim, "ls /var/run/secrets")).output).toBe(
      "ls: /var/run/secrets: No such file or directory\n",
    );
    await type(sim, "exit");
    await sim.advance(3_000);
    const describe = await sim.exec("kubectl describe pod ephemeral-demo");
    const ephemeral = describe.slice(
      describe.indexOf("Ephemeral Containers:"),
      describe.indexOf("Conditions:"),
    );
    expect(ephemeral).toMatch(
      new RegExp(
        `^Ephemeral Containers:\\n  ${name}:\\n    Container ID:   containerd://[0-9a-f]{64}\\n    Image:          busybox:1\\.28\\n` +
          "    Image ID:       docker\\.io/library/busybox@sha256:[0-9a-f]{64}\\n    Port:           <none>\\n    Host Port:      <none>\\n" +
          "    State:          Terminated\\n",
      ),
    );
    expect(ephemeral).toMatch(
      /\n {4}Ready: {10}False\n {4}Restart Count: {2}0\n {4}Environment: {4}<none>\n {4}Mounts: {9}<none>\n$/,
    );
    // the pod's own container keeps its token
    expect(describe).toMatch(
      / {4}Mounts:\n {6}\/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-[a-z0-9]{5} \(ro\)\n/,
    );
    expect(pod(sim, "ephemeral-demo").spec?.ephemeralContainers?.[0].volumeMounts).toBeUndefined();
  });
});

describe("docs: debug-running-pod — Applying a Static Profile", () => {
  it("--profile=sysadmin: full capabilities in /proc/$$/status and a privileged ephemeral container", async () => {
    const sim = createSimulation({ seed: 22 });
    await sim.exec(MYAPP);
    await sim.advance(15_000);
    const open = await type(
      sim,
      "kubectl debug -it myapp --image=busybox:1.28 --target=myapp --profile=sysadmin",
    );
    expect(open.stdout).toMatch(
      /^Targeting container "myapp"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\.\nDefaulting debug container name to debugger-[a-z0-9]{5}\.\n$/,
    );
    // no deprecation warning once a profile is named
    expect(open.stderr).not.toContain("--profile=legacy");
    const caps = (await type(sim, "grep Cap /proc/$$/status")).output;
    expect(caps).toContain("CapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n");
    // the shell is not PID 1 here: it lives in the target's PID namespace
    expect((await type(sim, "echo $$")).output).not.toBe("1\n");
    await type(sim, "exit");
    expect(
      await sim.exec("kubectl get pod myapp -o jsonpath='{.spec.ephemeralContainers[0].securityContext}'"),
    ).toBe('{"privileged":true}');
  });

  it("--profile=general adds SYS_PTRACE; legacy (the default) adds nothing and warns", async () => {
    const sim = createSimulation({ seed: 23 });
    await sim.exec(MYAPP);
    await sim.advance(15_000);
    expect(
      await sim.exec("kubectl debug myapp --image=busybox:1.28 -c g --profile=general -- sleep 1d"),
    ).toBe("");
    expect(pod(sim, "myapp").spec?.ephemeralContainers?.[0].securityContext).toEqual({
      capabilities: { add: ["SYS_PTRACE"] },
    });
    const legacy = await sim.run("kubectl debug myapp --image=busybox:1.28 -c l -- sleep 1d");
    expect(legacy.stderr).toBe(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n',
    );
    expect(pod(sim, "myapp").spec?.ephemeralContainers?.[1].securityContext).toBeUndefined();
    expect(await sim.exec("kubectl debug myapp --image=busybox:1.28 --profile=nope")).toBe(
      "error: unknown profile: nope\n",
    );
  });
});

const CUSTOM_PROFILE = `env:
- name: ENV_VAR_1
  value: value_1
- name: ENV_VAR_2
  value: value_2
securityContext:
  capabilities:
    add:
    - NET_ADMIN
    - SYS_TIME

`;

describe("docs: debug-running-pod — Applying Custom Profile", () => {
  it("--custom merges the partial container spec after --profile=general (lists replaced, env by name)", async () => {
    const sim = createSimulation({ seed: 24 });
    sim.node.fs.write("/root/custom-profile.yaml", CUSTOM_PROFILE);
    await sim.exec(MYAPP);
    await sim.advance(15_000);
    const open = await type(
      sim,
      "kubectl debug -it myapp --image=busybox:1.28 --target=myapp --profile=general --custom=custom-profile.yaml",
    );
    expect(open.next).toBe("/ # ");
    expect((await type(sim, "echo $ENV_VAR_1 $ENV_VAR_2")).output).toBe("value_1 value_2\n");
    await type(sim, "exit");
    expect(await sim.exec("kubectl get pod myapp -o jsonpath='{.spec.ephemeralContainers[0].env}'")).toBe(
      '[{"name":"ENV_VAR_1","value":"value_1"},{"name":"ENV_VAR_2","value":"value_2"}]',
    );
    // the profile's SYS_PTRACE is replaced: capabilities.add has no merge strategy
    expect(
      await sim.exec("kubectl get pod myapp -o jsonpath='{.spec.ephemeralContainers[0].securityContext}'"),
    ).toBe('{"capabilities":{"add":["NET_ADMIN","SYS_TIME"]}}');
  });

  it("refuses a custom profile that sets the image, and one that cannot be read", async () => {
    const sim = createSimulation({ seed: 25 });
    sim.node.fs.write("/root/bad.yaml", "image: ubuntu\n");
    await sim.exec(MYAPP);
    await sim.advance(15_000);
    expect(
      await sim.exec("kubectl debug myapp --image=busybox:1.28 --profile=general --custom=bad.yaml"),
    ).toBe(
      "error: name, command, image, lifecycle and volume devices are not modifiable via custom profile\n",
    );
    expect(
      await sim.exec("kubectl debug myapp --image=busybox:1.28 --profile=general --custom=nope.yaml"),
    ).toBe(
      "error: must pass a container spec json file for custom profile: open nope.yaml: no such file or directory\n",
    );
    expect(pod(sim, "myapp").spec?.ephemeralContainers).toBeUndefined();
  });
});

describe("docs: debug-running-pod — copies of the pod", () => {
  it("--set-image=*=ubuntu only: the copy runs ubuntu, nothing is attached", async () => {
    const sim = createSimulation({ seed: 26 });
    await sim.exec(MYAPP);
    await sim.advance(15_000);
    const r = await sim.run("kubectl debug myapp --copy-to=myapp-debug --set-image=*=ubuntu");
    expect(r.stdout).toBe("");
    expect(r.code).toBe(0);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod myapp-debug -o jsonpath={.spec.containers[*].image}")).toBe(
      "ubuntu",
    );
    expect(await sim.exec("kubectl get pod myapp-debug")).toMatch(/myapp-debug {3}1\/1 {5}Running {3}0 /);
  });

  it("--profile=general on a copy drops labels, annotations and probes, adds SYS_PTRACE, shares processes", async () => {
    const sim = createSimulation({ seed: 27 });
    await sim.apply(`apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations: {note: kept-by-legacy}
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      httpGet: {path: /, port: 80}
`);
    await sim.advance(20_000);
    await sim.exec(
      "kubectl debug web --copy-to=web-g --image=busybox:1.28 -c dbg --profile=general -- sleep 1d",
    );
    const g = pod(sim, "web-g");
    expect(g.metadata?.labels).toBeUndefined();
    expect(g.metadata?.annotations).toBeUndefined();
    expect(g.spec?.containers[0].readinessProbe).toBeUndefined();
    expect(g.spec?.containers[1]).toMatchObject({
      name: "dbg",
      securityContext: { capabilities: { add: ["SYS_PTRACE"] } },
    });
    expect(g.spec?.shareProcessNamespace).toBe(true);
    // legacy keeps the annotations and the probes, drops the labels
    await sim.exec("kubectl debug web --copy-to=web-l --image=busybox:1.28 -c dbg -- sleep 1d");
    const l = pod(sim, "web-l");
    expect(l.metadata?.labels).toBeUndefined();
    expect(l.metadata?.annotations).toMatchObject({ note: "kept-by-legacy" });
    expect(l.spec?.containers[0].readinessProbe).toBeDefined();
    expect(l.spec?.shareProcessNamespace).toBe(true);
  });
});

describe("docs: kubectl-node-debug — kubectl debug node/NAME and the profiles", () => {
  it("the default (legacy) and general mount / at /host in the node's namespaces; netadmin only the namespaces; baseline neither", async () => {
    const sim = createSimulation({ seed: 28 });
    const podOf = async (flags: string) => {
      const out = await sim.exec(`kubectl debug node/node-1 --image=busybox:1.28 ${flags} -- sleep 1d`);
      const name =
        /Creating debugging pod (node-debugger-node-1-[a-z0-9]{5}) with container debugger on node node-1\./.exec(
          out,
        )?.[1];
      expect(name).toBeDefined();
      return pod(sim, name ?? "");
    };
    const legacy = await podOf("");
    expect(legacy.spec).toMatchObject({ hostNetwork: true, hostPID: true, hostIPC: true });
    expect(legacy.spec?.volumes?.[0]).toEqual({ name: "host-root", hostPath: { path: "/", type: "" } });
    const general = await podOf("--profile=general");
    expect(general.spec?.containers[0].volumeMounts?.[0]).toEqual({ name: "host-root", mountPath: "/host" });
    expect(general.spec?.hostPID).toBe(true);
    const netadmin = await podOf("--profile=netadmin");
    expect(netadmin.spec).toMatchObject({ hostNetwork: true, hostPID: true, hostIPC: true });
    expect(netadmin.spec?.volumes?.some((v) => v.name === "host-root")).toBe(false);
    expect(netadmin.spec?.containers[0].securityContext).toEqual({
      capabilities: { add: ["NET_ADMIN", "NET_RAW"] },
    });
    const baseline = await podOf("--profile=baseline");
    expect(baseline.spec?.hostNetwork).toBeFalsy();
    expect(baseline.spec?.volumes?.some((v) => v.name === "host-root")).toBe(false);
    const restricted = await podOf("--profile=restricted");
    expect(restricted.spec?.containers[0].securityContext).toEqual({
      capabilities: { drop: ["ALL"] },
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      seccompProfile: { type: "RuntimeDefault" },
    });
    const sysadmin = await podOf("--profile=sysadmin");
    expect(sysadmin.spec?.containers[0].securityContext).toEqual({ privileged: true });
    expect(sysadmin.spec?.containers[0].volumeMounts?.[0]).toEqual({ name: "host-root", mountPath: "/host" });
  });

  it("the page's session: ubuntu on the node, its hostname, /host holds the node's files; clean-up with --now", async () => {
    const sim = createSimulation({ seed: 29 });
    const open = await type(sim, "kubectl debug node/node-1 -it --image=ubuntu");
    const name = /Creating debugging pod (node-debugger-node-1-[a-z0-9]{5}) /.exec(open.stdout)?.[1] ?? "";
    expect(open.stdout).toBe(`Creating debugging pod ${name} with container debugger on node node-1.\n`);
    expect(open.next).toBe("root@node-1:/# ");
    expect((await type(sim, "cat /host/etc/hostname")).output).toBe("node-1\n");
    await type(sim, "exit");
    expect(await sim.exec(`kubectl delete pod ${name} --now`)).toBe(
      `pod "${name}" deleted from default namespace\n`,
    );
  });
});

describe("docs: get-shell-running-container — Running individual commands", () => {
  it("`kubectl exec shell-demo env` is the removed form; a missing program is the streaming server's error", async () => {
    const sim = createSimulation({ seed: 30 });
    await sim.exec(`kubectl apply -f ${K8S}application/shell-demo.yaml`);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl exec shell-demo env")).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(await sim.exec("kubectl exec shell-demo -- env")).toContain("HOSTNAME=node-1\n");
    // the nginx image has no ps (the page installs procps first)
    expect(await sim.exec("kubectl exec shell-demo -- ps aux")).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown\n$/,
    );
  });
});
