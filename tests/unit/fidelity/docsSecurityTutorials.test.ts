// The docs' security tutorials typed at the node: tutorials/security/apparmor — load the deny-write
// profile with apparmor_parser (a heredoc, or a file with -r -W), see it in securityfs, then the
// hello-apparmor pod runs confined: /proc/1/attr/current names the profile and `touch` is refused.
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";

const PROFILE = `#include <tunables/global>

profile k8s-apparmor-example-deny-write flags=(attach_disconnected) {
  #include <abstractions/base>

  file,

  # Deny all file writes.
  deny /** w,
}
`;
const POD = "https://k8s.io/examples/pods/security/hello-apparmor.yaml";

async function run(sim: LiveSimulation, line: string) {
  const r = await sim.run(line);
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}

describe("docs: tutorials/security/apparmor", () => {
  it("the module is enabled and only containerd's profile is loaded at first", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec("cat /sys/module/apparmor/parameters/enabled")).toBe("Y\n");
    expect(await sim.exec("sudo cat /sys/kernel/security/apparmor/profiles | sort")).toBe(
      "cri-containerd.apparmor.d (enforce)\n",
    );
  });

  it("without the profile, CreateContainer fails; after `apparmor_parser -q <<EOF` the pod runs confined", async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec(`kubectl apply -f ${POD}`)).toBe("pod/hello-apparmor created\n");
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod hello-apparmor --no-headers")).toMatch(/CreateContainerError/);
    expect(await run(sim, `sudo apparmor_parser -q <<EOF\n${PROFILE}EOF`)).toEqual({
      stdout: "",
      stderr: "",
      code: 0,
    });
    expect(await sim.exec("sudo cat /sys/kernel/security/apparmor/profiles | sort")).toBe(
      "cri-containerd.apparmor.d (enforce)\nk8s-apparmor-example-deny-write (enforce)\n",
    );
    // the kubelet retries CreateContainer on its back-off; now containerd finds the profile
    await sim.advance(60_000);
    expect(await sim.exec("kubectl get pod hello-apparmor --no-headers")).toMatch(/1\/1\s+Running/);
    expect(await sim.exec("kubectl exec hello-apparmor -- cat /proc/1/attr/current")).toBe(
      "k8s-apparmor-example-deny-write (enforce)\n",
    );
    // deny /** w: busybox touch reports EACCES, kubectl the exit code
    expect(await run(sim, "kubectl exec hello-apparmor -- touch /tmp/test")).toEqual({
      stdout: "",
      stderr: "touch: /tmp/test: Permission denied\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });

  it("a second add is refused; -r -W from a file replaces; -v reports; -R removes", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(`cat > /etc/apparmor.d/k8s-deny-write <<'EOF'\n${PROFILE}EOF`);
    expect(await run(sim, "apparmor_parser -v /etc/apparmor.d/k8s-deny-write")).toEqual({
      stdout: 'Addition succeeded for "k8s-apparmor-example-deny-write".\n',
      stderr: "",
      code: 0,
    });
    const again = await run(sim, "apparmor_parser /etc/apparmor.d/k8s-deny-write");
    expect(again.stderr).toBe(
      'apparmor_parser: Unable to add "k8s-apparmor-example-deny-write".  Profile already exists\n',
    );
    expect(again.code).not.toBe(0);
    expect((await run(sim, "apparmor_parser -r -W /etc/apparmor.d/k8s-deny-write")).code).toBe(0);
    expect(await run(sim, "apparmor_parser -v -R /etc/apparmor.d/k8s-deny-write")).toMatchObject({
      stdout: 'Removal succeeded for "k8s-apparmor-example-deny-write".\n',
      code: 0,
    });
    expect(await sim.exec("cat /sys/kernel/security/apparmor/profiles")).toBe(
      "cri-containerd.apparmor.d (enforce)\n",
    );
    expect((await run(sim, "apparmor_parser -r /etc/apparmor.d/missing")).stderr).toBe(
      "File /etc/apparmor.d/missing not found, skipping...\n",
    );
  });

  it("a complain-mode profile is listed as such and does not deny the write", async () => {
    const sim = createSimulation({ seed: 1 });
    const complain = PROFILE.replace("flags=(attach_disconnected)", "flags=(attach_disconnected,complain)");
    await run(sim, `apparmor_parser <<EOF\n${complain}EOF`);
    expect(await sim.exec("cat /sys/kernel/security/apparmor/profiles")).toMatch(
      /^k8s-apparmor-example-deny-write \(complain\)$/m,
    );
    await sim.exec(`kubectl apply -f ${POD}`);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl exec hello-apparmor -- cat /proc/1/attr/current")).toBe(
      "k8s-apparmor-example-deny-write (complain)\n",
    );
    expect(await run(sim, "kubectl exec hello-apparmor -- touch /tmp/test")).toEqual({
      stdout: "",
      stderr: "",
      code: 0,
    });
  });
});

// tutorials/security/seccomp on this node: the profiles go straight under the kubelet's seccomp root
// (the page mounts ./profiles there through kind), then the GA pods.
async function seccompNode(): Promise<LiveSimulation> {
  const sim = createSimulation({ seed: 1 });
  await sim.exec("mkdir -p /var/lib/kubelet/seccomp/profiles");
  for (const f of ["audit.json", "violation.json"])
    await sim.exec(
      `curl -sL -o /var/lib/kubelet/seccomp/profiles/${f} https://k8s.io/examples/pods/security/seccomp/profiles/${f}`,
    );
  return sim;
}
const GA = "https://k8s.io/examples/pods/security/seccomp/ga";

describe("docs: tutorials/security/seccomp", () => {
  it("curl -L -o fetches the example profiles", async () => {
    const sim = await seccompNode();
    expect(await sim.exec("ls /var/lib/kubelet/seccomp/profiles")).toBe("audit.json  violation.json\n");
    expect(await sim.exec("cat /var/lib/kubelet/seccomp/profiles/violation.json")).toBe(
      '{\n    "defaultAction": "SCMP_ACT_ERRNO"\n}',
    );
  });

  it("default-pod (RuntimeDefault) and audit-pod (SCMP_ACT_LOG) run http-echo", async () => {
    const sim = await seccompNode();
    await sim.exec(`kubectl apply -f ${GA}/default-pod.yaml`);
    await sim.exec(`kubectl apply -f ${GA}/audit-pod.yaml`);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod default-pod audit-pod --no-headers")).toMatch(
      /^default-pod\s+1\/1\s+Running\s+0\s.*\naudit-pod\s+1\/1\s+Running\s+0\s/s,
    );
    // Go's log package: date, time, then http-echo's message
    expect(await sim.exec("kubectl logs audit-pod")).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[INFO\] server is listening on :5678\n$/,
    );
  });

  it("violation-pod: a profile that errors on every syscall keeps the container from starting", async () => {
    const sim = await seccompNode();
    await sim.exec(`kubectl apply -f ${GA}/violation-pod.yaml`);
    await sim.advance(30_000);
    expect(await sim.exec("kubectl get pod/violation-pod --no-headers")).toMatch(
      /^violation-pod\s+0\/1\s+CrashLoopBackOff\s+[1-9]/,
    );
    expect(await sim.exec("kubectl describe pod violation-pod")).toContain(
      "exec /http-echo: operation not permitted",
    );
  });

  it("fine-pod's profile was not downloaded: CreateContainer cannot load it", async () => {
    const sim = await seccompNode();
    await sim.exec(`kubectl apply -f ${GA}/fine-pod.yaml`);
    await sim.advance(20_000);
    expect(await sim.exec("kubectl get pod fine-pod --no-headers")).toMatch(/CreateContainerError/);
  });
});
