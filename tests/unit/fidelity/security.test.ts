// Security contexts as a real node (kubelet 1.34 + containerd 2.1 + runc) enforces them: the kubelet's
// runAsNonRoot refusals, the identity and capabilities runc gives the process, a read-only rootfs,
// seccomp and AppArmor, containerd's image verifiers, rootless mode, and what `crictl inspect` and
// `kubectl describe` print of it. Sources: kubelet security_context_others.go (verifyRunAsNonRoot),
// containerd internal/cri/server/container_create*.go, contrib/seccomp, transfer/local/pull.go,
// pkg/imageverifier/bindir, the docs' "Configure a Security Context" task, busybox and coreutils.
import { describe, expect, it } from "vitest";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { events, getPod, pod, runPod, status } from "./helpers";

const BUSY = 'image: busybox:1.37\n  command: ["sleep", "3600"]';

async function exec(sim: LiveSimulation, name: string, cmd: string): Promise<string> {
  return sim.exec(`kubectl exec ${name} -- ${cmd}`);
}

function failed(sim: LiveSimulation, name: string): string[] {
  return events(sim, name)
    .filter((e) => e.reason === "Failed")
    .map((e) => e.message ?? "");
}

describe("runAsNonRoot: the kubelet's refusals (CreateContainerConfigError)", () => {
  const CASES: { name: string; spec: string; message: (p: string) => string }[] = [
    {
      name: "root-image",
      spec: `securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: app\n  ${BUSY}`,
      message: (p) => `container has runAsNonRoot and image will run as root (pod: "${p}", container: app)`,
    },
    {
      // podinfo's Dockerfile ends in `USER app`: a name the kubelet cannot check
      name: "named-user",
      spec: "securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: app\n  image: ghcr.io/stefanprodan/podinfo:6.7.1",
      message: (p) =>
        `container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root (pod: "${p}", container: app)`,
    },
    {
      name: "runasuser-zero",
      spec: `securityContext:\n  runAsNonRoot: true\n  runAsUser: 0\ncontainers:\n- name: app\n  ${BUSY}`,
      message: (p) => `container's runAsUser breaks non-root policy (pod: "${p}", container: app)`,
    },
  ];
  for (const c of CASES)
    it(c.name, async () => {
      const sim = await runPod(pod(c.name, c.spec), 20_000);
      const p = getPod(sim, c.name);
      const formatted = `${c.name}_default(${p.metadata?.uid})`;
      expect(await status(sim, c.name)).toBe("CreateContainerConfigError");
      expect(p.status?.containerStatuses?.[0].state?.waiting).toEqual({
        reason: "CreateContainerConfigError",
        message: c.message(formatted),
      });
      expect(failed(sim, c.name)).toEqual([`Error: ${c.message(formatted)}`]);
      expect((events(sim, c.name).find((e) => e.reason === "Failed")?.count ?? 0) >= 2).toBe(true);
    });

  it("passes with a numeric non-root runAsUser, or an image whose USER is numeric", async () => {
    const sim = await runPod(
      pod(
        "fixed",
        `securityContext:\n  runAsNonRoot: true\n  runAsUser: 1000\ncontainers:\n- name: app\n  ${BUSY}`,
      ),
      15_000,
    );
    expect(await status(sim, "fixed")).toBe("Running");
    await sim.apply(
      pod(
        "unpriv",
        "securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: web\n  image: nginxinc/nginx-unprivileged:1.27",
      ),
    );
    await sim.advance(20_000);
    expect(await status(sim, "unpriv")).toBe("Running");
    expect(await exec(sim, "unpriv", "id")).toBe("uid=101(nginx) gid=101(nginx) groups=101(nginx)\n");
  });
});

describe("user, groups and processes (the docs' security-context.yaml)", () => {
  const DOC = `securityContext:
  runAsUser: 1000
  runAsGroup: 3000
  fsGroup: 2000
volumes:
- name: sec-ctx-vol
  emptyDir: {}
containers:
- name: sec-ctx-demo
  image: busybox:1.28
  command: [ "sh", "-c", "sleep 1h" ]
  volumeMounts:
  - name: sec-ctx-vol
    mountPath: /data/demo
  securityContext:
    allowPrivilegeEscalation: false`;

  it("id, ps and /proc/1/status", async () => {
    const sim = await runPod(pod("security-context-demo", DOC), 20_000);
    expect(await exec(sim, "security-context-demo", "id")).toBe("uid=1000 gid=3000 groups=2000,3000\n");
    expect(await exec(sim, "security-context-demo", "ps")).toMatch(
      // ash exec'd the one command of its -c script, as the page's `1 1000 0:00 sleep 1h` shows
      /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 1000 {6}0:00 sleep 1h\n/,
    );
    expect(await exec(sim, "security-context-demo", "grep NoNewPrivs /proc/1/status")).toBe(
      "NoNewPrivs:\t1\n",
    );
    // the emptyDir is writable, the image's root-owned / is not
    expect(
      await exec(
        sim,
        "security-context-demo",
        "sh -c 'echo hello > /data/demo/testfile && cat /data/demo/testfile'",
      ),
    ).toBe("hello\n");
    expect(await exec(sim, "security-context-demo", "touch /x")).toBe(
      "touch: /x: Permission denied\ncommand terminated with exit code 1\n",
    );
  });

  it("root: busybox adds wheel from its /etc/group; whoami", async () => {
    const sim = await runPod(pod("root", `containers:\n- name: app\n  ${BUSY}`), 15_000);
    expect(await exec(sim, "root", "id")).toBe("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
    expect(await exec(sim, "root", "whoami")).toBe("root\n");
  });
});

describe("readOnlyRootFilesystem", () => {
  it("busybox: writes outside the mounts fail; an emptyDir stays writable", async () => {
    const sim = await runPod(
      pod(
        "ro",
        `containers:\n- name: app\n  ${BUSY}\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: scratch\n    mountPath: /scratch\nvolumes:\n- name: scratch\n  emptyDir: {}`,
      ),
      15_000,
    );
    expect(await exec(sim, "ro", "touch /x")).toBe(
      "touch: /x: Read-only file system\ncommand terminated with exit code 1\n",
    );
    expect(await exec(sim, "ro", "mkdir /tmp/d")).toBe(
      "mkdir: can't create directory '/tmp/d': Read-only file system\ncommand terminated with exit code 1\n",
    );
    expect(await exec(sim, "ro", "touch /scratch/ok")).toBe("");
    // the service account token is a read-only projected volume on any node
    expect(await exec(sim, "ro", "touch /var/run/secrets/kubernetes.io/serviceaccount/x")).toBe(
      "touch: /var/run/secrets/kubernetes.io/serviceaccount/x: Read-only file system\ncommand terminated with exit code 1\n",
    );
  });

  it("nginx cannot create its temp paths and crash-loops; emptyDirs for cache and run fix it", async () => {
    const sim = await runPod(
      pod(
        "web",
        "containers:\n- name: web\n  image: nginx:1.27\n  securityContext:\n    readOnlyRootFilesystem: true",
      ),
      15_000,
    );
    expect(await status(sim, "web")).toMatch(/^(Error|CrashLoopBackOff)$/);
    const logs = await sim.exec("kubectl logs web");
    expect(logs).toContain(
      "10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n",
    );
    expect(logs).toContain(
      'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)\n',
    );
    const fixed = await runPod(
      pod(
        "web2",
        `containers:\n- name: web\n  image: nginx:1.27\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: cache\n    mountPath: /var/cache/nginx\n  - name: run\n    mountPath: /run\nvolumes:\n- name: cache\n  emptyDir: {}\n- name: run\n  emptyDir: {}`,
      ),
      15_000,
    );
    expect(await status(fixed, "web2")).toBe("Running");
  });

  it("nginx as a non-root user: the user directive is ignored, the cache is not writable", async () => {
    const sim = await runPod(
      pod("web", "securityContext:\n  runAsUser: 1000\ncontainers:\n- name: web\n  image: nginx:1.27"),
      15_000,
    );
    const logs = await sim.exec("kubectl logs web");
    expect(logs).toContain(
      'nginx: [warn] the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:2\n',
    );
    expect(logs).toContain(
      'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)\n',
    );
  });
});

describe("capabilities: grep Cap /proc/1/status", () => {
  const CASES: { name: string; sc: string; eff: string; bnd: string }[] = [
    { name: "default", sc: "", eff: "00000000a80425fb", bnd: "00000000a80425fb" },
    // the docs' security-context-4: NET_ADMIN and SYS_TIME set bits 12 and 25
    {
      name: "add",
      sc: 'capabilities:\n      add: ["NET_ADMIN", "SYS_TIME"]',
      eff: "00000000aa0435fb",
      bnd: "00000000aa0435fb",
    },
    {
      name: "drop-all",
      sc: 'capabilities:\n      drop: ["ALL"]',
      eff: "0000000000000000",
      bnd: "0000000000000000",
    },
    { name: "privileged", sc: "privileged: true", eff: "000001ffffffffff", bnd: "000001ffffffffff" },
    // a non-root process keeps the bounding set only: no ambient capabilities in Kubernetes
    {
      name: "non-root-add",
      sc: 'runAsUser: 1000\n    capabilities:\n      add: ["NET_ADMIN"]',
      eff: "0000000000000000",
      bnd: "00000000a80435fb",
    },
  ];
  for (const c of CASES)
    it(c.name, async () => {
      const sc = c.sc ? `\n  securityContext:\n    ${c.sc}` : "";
      const sim = await runPod(pod(c.name, `containers:\n- name: app\n  ${BUSY}${sc}`), 15_000);
      expect(await exec(sim, c.name, "grep Cap /proc/1/status")).toBe(
        `CapInh:\t0000000000000000\nCapPrm:\t${c.eff}\nCapEff:\t${c.eff}\nCapBnd:\t${c.bnd}\nCapAmb:\t0000000000000000\n`,
      );
    });

  it("ip link add needs NET_ADMIN", async () => {
    const sim = await runPod(pod("net", `containers:\n- name: app\n  ${BUSY}`), 15_000);
    expect(await exec(sim, "net", "ip link add dummy0 type dummy")).toBe(
      "ip: RTNETLINK answers: Operation not permitted\ncommand terminated with exit code 2\n",
    );
  });
});

describe("seccomp", () => {
  it("RuntimeDefault: Seccomp 2 and unshare refused; the kubelet's default is Unconfined (Seccomp 0)", async () => {
    const sim = await runPod(
      pod(
        "sc",
        `securityContext:\n  seccompProfile:\n    type: RuntimeDefault\ncontainers:\n- name: app\n  ${BUSY}`,
      ),
      15_000,
    );
    expect(await exec(sim, "sc", "grep Seccomp /proc/1/status")).toBe("Seccomp:\t2\nSeccomp_filters:\t1\n");
    expect(await exec(sim, "sc", "unshare -U true")).toBe(
      "unshare: unshare(0x10000000): Operation not permitted\ncommand terminated with exit code 1\n",
    );
    await sim.apply(pod("plain", `containers:\n- name: app\n  ${BUSY}`));
    await sim.advance(10_000);
    expect(await exec(sim, "plain", "grep Seccomp /proc/1/status")).toBe(
      "Seccomp:\t0\nSeccomp_filters:\t0\n",
    );
    expect(await exec(sim, "plain", "unshare -U true")).toBe("");
  });

  it("Localhost with a missing profile: CreateContainerError with containerd's message; describe names the profile", async () => {
    const sim = await runPod(
      pod(
        "audit",
        `securityContext:\n  seccompProfile:\n    type: Localhost\n    localhostProfile: profiles/audit.json\ncontainers:\n- name: app\n  ${BUSY}`,
      ),
      15_000,
    );
    const f = "/var/lib/kubelet/seccomp/profiles/audit.json";
    const msg = `failed to create containerd container: cannot load seccomp profile "${f}": open ${f}: no such file or directory`;
    expect(await status(sim, "audit")).toBe("CreateContainerError");
    expect(failed(sim, "audit")[0]).toBe(`Error: ${msg}`);
    const d = await sim.exec("kubectl describe pod audit");
    expect(d).toMatch(/^SeccompProfile: +Localhost\nLocalhostProfile: +profiles\/audit\.json\n/m);
    sim.node.fs.write(f, '{"defaultAction":"SCMP_ACT_LOG"}\n');
    await sim.advance(30_000);
    expect(await status(sim, "audit")).toBe("Running");
  });
});

describe("AppArmor (securityContext.appArmorProfile, 1.30+)", () => {
  it("containerd's default profile, and a Localhost profile that is not loaded", async () => {
    const sim = await runPod(pod("aa", `containers:\n- name: app\n  ${BUSY}`), 15_000);
    expect(await exec(sim, "aa", "cat /proc/1/attr/current")).toBe("cri-containerd.apparmor.d (enforce)\n");
    await sim.apply(
      pod(
        "deny",
        `containers:\n- name: app\n  ${BUSY}\n  securityContext:\n    appArmorProfile:\n      type: Localhost\n      localhostProfile: k8s-deny-write`,
      ),
    );
    await sim.advance(15_000);
    // since 1.30 the kubelet no longer rejects the pod (Blocked, "Cannot enforce AppArmor"): containerd fails CreateContainer
    expect(await status(sim, "deny")).toBe("CreateContainerError");
    expect(failed(sim, "deny")[0]).toBe(
      "Error: failed to get container spec opts: failed to generate apparmor spec opts: apparmor profile not found k8s-deny-write",
    );
  });
});

describe("image signature verification (containerd image-verifier bindir plugin)", () => {
  it("an unsigned image from a guarded registry fails with ErrImagePull; a signed one runs", async () => {
    const sim = createSimulation({ seed: 1 });
    sim.node.fs.write(
      "/opt/containerd/image-verifier/bin/cosign-verifier",
      'REGISTRIES="localhost:5000 ghcr.io"\nif ! cosign verify "$NAME"; then\n  echo "no valid signature for $NAME"; exit 1\nfi\n',
    );
    await sim.exec("kubectl run unsigned --image=localhost:5000/myapp:dev");
    await sim.exec("kubectl run signed --image=ghcr.io/stefanprodan/podinfo:6.7.1");
    await sim.advance(5_000);
    expect(await status(sim, "unsigned")).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    const digest = /sha256:[0-9a-f]{64}/;
    const msgs = failed(sim, "unsigned");
    expect(msgs[0]).toMatch(
      new RegExp(
        `^Failed to pull image "localhost:5000/myapp:dev": rpc error: code = Unknown desc = failed to pull and unpack image "localhost:5000/myapp:dev": image verifier bindir blocked pull of localhost:5000/myapp:dev with digest ${digest.source} for reason: verifier cosign-verifier rejected image \\(exit code 1\\): no valid signature for localhost:5000/myapp:dev$`,
      ),
    );
    expect(msgs).toContain("Error: ErrImagePull");
    await sim.advance(10_000);
    expect(await status(sim, "signed")).toBe("Running");
  });
});

describe("rootless containerd", () => {
  it("started by containerd-rootless.sh: containers see rootlesskit's uid map", async () => {
    const sim = createSimulation({ seed: 1 });
    const unit = sim.node.fs.read("/lib/systemd/system/containerd.service") ?? "";
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/containerd$/m);
    sim.node.fs.write(
      "/lib/systemd/system/containerd.service",
      unit.replace(/^ExecStart=.*$/m, "ExecStart=/usr/local/bin/containerd-rootless.sh"),
    );
    await sim.exec("systemctl restart containerd");
    await sim.apply(pod("rl", `containers:\n- name: app\n  ${BUSY}`));
    await sim.advance(20_000);
    expect(await exec(sim, "rl", "cat /proc/self/uid_map")).toBe(
      "         0       1000          1\n         1     100000      65536\n",
    );
  });
});

describe("crictl inspect: the runtime spec's identity, namespaces and cgroup", () => {
  it("prints the process user, capabilities, namespaces (joined from the sandbox) and cgroupsPath", async () => {
    const sim = createSimulation({ seed: 1 });
    // runc's systemd driver, matching the kubelet's cgroupDriver: systemd
    await sim.exec("sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml");
    await sim.exec("systemctl restart containerd");
    await sim.apply(
      pod(
        "ins",
        `securityContext:\n  runAsUser: 1000\n  runAsGroup: 3000\n  fsGroup: 2000\ncontainers:\n- name: app\n  ${BUSY}`,
      ),
    );
    await sim.advance(15_000);
    const id = (await sim.exec("crictl ps --name app -q")).trim().split("\n")[0];
    const info = JSON.parse(await sim.exec(`crictl inspect ${id}`));
    expect(info.status.user).toEqual({
      linux: { uid: "1000", gid: "3000", supplementalGroups: ["2000", "3000"] },
    });
    const spec = info.info.runtimeSpec;
    expect(spec.process.user).toEqual({ uid: 1000, gid: 3000, additionalGids: [2000, 3000] });
    expect(spec.process.capabilities.bounding).toHaveLength(14);
    expect(spec.linux.namespaces.map((n: { type: string }) => n.type)).toEqual([
      "pid",
      "ipc",
      "uts",
      "mount",
      "network",
      "cgroup",
    ]);
    const sandboxPid = info.info.runtimeSpec.linux.namespaces[1].path.match(/^\/proc\/(\d+)\/ns\/ipc$/)[1];
    expect(spec.linux.namespaces[4].path).toBe(`/proc/${sandboxPid}/ns/net`);
    const uid = getPod(sim, "ins").metadata?.uid ?? "";
    expect(spec.linux.cgroupsPath).toBe(
      `kubepods-besteffort-pod${uid.replace(/-/g, "_")}.slice:cri-containerd:${id}`,
    );
  });
});

describe("kubectl run --privileged", () => {
  it("writes securityContext.privileged into the container, and the process gets every capability", async () => {
    const sim = createSimulation({ seed: 5 });
    const yaml = await sim.exec("kubectl run q --image=busybox:1.37 --privileged --dry-run=client -o yaml");
    expect(yaml).toContain(
      "    resources: {}\n    securityContext:\n      privileged: true\n  dnsPolicy: ClusterFirst\n",
    );
    await sim.exec("kubectl run p --image=busybox:1.37 --privileged -- sleep 3600");
    await sim.advance(20_000);
    expect(await exec(sim, "p", "grep CapEff /proc/1/status")).toBe("CapEff:\t000001ffffffffff\n");
    expect(await sim.exec("kubectl run d --image=busybox:1.37 --dry-run=client -o yaml")).not.toContain(
      "securityContext",
    );
  });
});
