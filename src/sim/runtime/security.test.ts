import { describe, expect, it } from "vitest";
import { CriError } from "../cri/errors";
import type { LinuxContainerSecurityContext, Mount } from "../cri/types";
import { capHex, capMask, DEFAULT_CAPABILITIES, hostUid, withCapabilities } from "./security";
import { containerConfig, makeRuntime, podConfig } from "./testing";

/** A running `sleep 3600` container of `image` with this CRI security context; exec runs a command in it. */
function container(
  sc: LinuxContainerSecurityContext = {},
  image = "busybox:1.37",
  mounts: Mount[] = [],
  /** null: the image's own entrypoint and cmd. */
  command: string[] | null = ["sleep", "3600"],
) {
  const h = makeRuntime();
  const config = podConfig("t");
  const { podSandboxId } = h.settle(h.rt.runPodSandbox({ config }));
  h.settle(h.rt.pullImage({ image: { image } }));
  const cfg = containerConfig("c", image, { command: command ?? undefined, mounts });
  cfg.linux = { securityContext: sc };
  const created = h.rt.createContainer({ podSandboxId, config: cfg, sandboxConfig: config });
  const create = () => h.settle(created);
  return {
    h,
    create,
    start() {
      const { containerId } = create();
      h.settle(h.rt.startContainer({ containerId }));
      return {
        containerId,
        exec: (cmd: string) => h.settle(h.rt.execSync({ containerId, cmd: ["sh", "-c", cmd], timeout: 10 })),
        inspect: () =>
          JSON.parse(h.settle(h.rt.containerStatus({ containerId, verbose: true })).info?.info ?? "{}"),
      };
    },
  };
}

describe("capabilities (containerd's defaults, add/drop, privileged)", () => {
  it("the default set is 14 capabilities: 00000000a80425fb", () => {
    expect(DEFAULT_CAPABILITIES).toHaveLength(14);
    expect(capHex(capMask(DEFAULT_CAPABILITIES))).toBe("00000000a80425fb");
  });

  it.each([
    [{ addCapabilities: ["NET_ADMIN", "SYS_TIME"] }, "00000000aa0435fb"],
    [{ dropCapabilities: ["ALL"] }, "0000000000000000"],
    [{ dropCapabilities: ["ALL"], addCapabilities: ["NET_BIND_SERVICE"] }, "0000000000000400"],
    [{ addCapabilities: ["ALL"], dropCapabilities: ["CHOWN"] }, "000001fffffffffe"],
    [{ dropCapabilities: ["NET_RAW"] }, "00000000a80405fb"],
  ])("%j → %s", (caps, hex) => {
    expect(capHex(withCapabilities(caps))).toBe(hex);
  });

  it("grep Cap /proc/1/status shows the effective set; non-root users keep only the bounding set", () => {
    const root = container().start();
    expect(root.exec("grep Cap /proc/1/status").stdout).toBe(
      "CapInh:\t0000000000000000\nCapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\nCapAmb:\t0000000000000000\n",
    );
    const priv = container({ privileged: true }).start();
    expect(priv.exec("grep CapEff /proc/1/status").stdout).toBe("CapEff:\t000001ffffffffff\n");
    const dropped = container({ capabilities: { dropCapabilities: ["ALL"] } }).start();
    expect(dropped.exec("grep CapEff /proc/self/status").stdout).toBe("CapEff:\t0000000000000000\n");
    const user = container({ runAsUser: { value: 1000 } }).start();
    expect(user.exec("grep -e CapEff -e CapBnd /proc/1/status").stdout).toBe(
      "CapEff:\t0000000000000000\nCapBnd:\t00000000a80425fb\n",
    );
  });

  it("ip link add needs NET_ADMIN", () => {
    const plain = container().start();
    expect(plain.exec("ip link add dummy0 type dummy")).toEqual({
      stdout: "",
      stderr: "ip: RTNETLINK answers: Operation not permitted\n",
      exitCode: 2,
    });
    const admin = container({ capabilities: { addCapabilities: ["NET_ADMIN"] } }).start();
    expect(admin.exec("ip link add dummy0 type dummy").exitCode).toBe(0);
    expect(admin.exec("ip link").stdout).toMatch(
      /^3: dummy0: <BROADCAST,NOARP> mtu 1500 qdisc noop qlen 1000$/m,
    );
  });
});

describe("users and groups", () => {
  it("id: runAsUser/runAsGroup, fsGroup and supplementalGroups (the docs' uid=1000 gid=3000 groups=2000,3000)", () => {
    const c = container({
      runAsUser: { value: 1000 },
      runAsGroup: { value: 3000 },
      supplementalGroups: [2000],
    }).start();
    expect(c.exec("id").stdout).toBe("uid=1000 gid=3000 groups=2000,3000\n");
    expect(c.exec("whoami")).toMatchObject({ stderr: "whoami: unknown uid 1000\n", exitCode: 1 });
    expect(c.exec("ps").stdout).toMatch(/^ {4}1 1000 {6}0:00 sleep 3600$/m);
    expect(c.exec("grep -e Uid -e Gid -e Groups /proc/1/status").stdout).toBe(
      "Uid:\t1000\t1000\t1000\t1000\nGid:\t3000\t3000\t3000\t3000\nGroups:\t2000 3000 \n",
    );
    expect(c.inspect().runtimeSpec.process.user).toEqual({
      uid: 1000,
      gid: 3000,
      additionalGids: [2000, 3000],
    });
  });

  it("root in busybox is also in wheel (its /etc/group); debian's coreutils id lists the primary group first", () => {
    expect(container().start().exec("id").stdout).toBe("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
    const nginx = container({ runAsUser: { value: 101 }, supplementalGroups: [2000] }, "nginx:1.27").start();
    expect(nginx.exec("id").stdout).toBe("uid=101(nginx) gid=101(nginx) groups=101(nginx),2000\n");
    expect(nginx.exec("whoami").stdout).toBe("nginx\n");
  });

  it("runAsUser without runAsGroup: gid from the image's passwd, else 0", () => {
    expect(
      container({ runAsUser: { value: 1000 } })
        .start()
        .exec("id").stdout,
    ).toBe("uid=1000 gid=0(root) groups=0(root)\n");
  });
});

describe("readOnlyRootFilesystem and who may write", () => {
  const emptyDir: Mount = {
    containerPath: "/cache",
    hostPath: "/var/lib/kubelet/pods/u/volumes/kubernetes.io~empty-dir/cache",
  };

  it("writes outside the mounts fail with EROFS; an emptyDir stays writable", () => {
    const c = container({ readonlyRootfs: true }, "busybox:1.37", [emptyDir]).start();
    expect(c.exec("touch /x")).toEqual({
      stdout: "",
      stderr: "touch: /x: Read-only file system\n",
      exitCode: 1,
    });
    expect(c.exec("echo hi > /tmp/f")).toMatchObject({
      stderr: "sh: can't create /tmp/f: Read-only file system\n",
      exitCode: 1,
    });
    expect(c.exec("mkdir /data").stderr).toBe(
      "mkdir: can't create directory '/data': Read-only file system\n",
    );
    expect(c.exec("touch /cache/ok && echo hi > /cache/f && cat /cache/f")).toEqual({
      stdout: "hi\n",
      stderr: "",
      exitCode: 0,
    });
    expect(c.inspect().runtimeSpec.root).toEqual({ path: "rootfs", readonly: true });
  });

  it("a non-root user may write /tmp and an emptyDir but not /", () => {
    const c = container({ runAsUser: { value: 1000 } }, "busybox:1.37", [emptyDir]).start();
    expect(c.exec("touch /x").stderr).toBe("touch: /x: Permission denied\n");
    expect(c.exec("touch /tmp/x /cache/x").exitCode).toBe(0);
  });

  it("GNU coreutils words it differently (debian-based nginx image)", () => {
    const c = container({ readonlyRootfs: true }, "nginx:1.27").start();
    expect(c.exec("touch /x").stderr).toBe("touch: cannot touch '/x': Read-only file system\n");
    expect(c.exec("echo > /y")).toMatchObject({
      stderr: "sh: 1: cannot create /y: Read-only file system\n",
      exitCode: 2,
    });
  });

  it("nginx on a read-only rootfs cannot create its temp dirs", () => {
    const h = container({ readonlyRootfs: true }, "nginx:1.27", [], null);
    const { containerId } = h.start();
    h.h.clock.advance(2000);
    const st = h.h.settle(h.h.rt.containerStatus({ containerId })).status;
    expect(st.exitCode).toBe(1);
    const log = h.h.fs.read(st.logPath) ?? "";
    expect(log).toContain(
      "stdout F 10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)",
    );
    expect(log).toMatch(
      /stderr F \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] 1#1: mkdir\(\) "\/var\/cache\/nginx\/client_temp" failed \(30: Read-only file system\)\n/,
    );
    expect(log).toContain(
      'stderr F nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)',
    );
  });
});

describe("seccomp and AppArmor", () => {
  it("RuntimeDefault installs a filter that refuses unshare; Unconfined lets a user namespace through", () => {
    const def = container({ seccomp: { profileType: "RuntimeDefault" } }).start();
    expect(def.exec("grep Seccomp /proc/1/status").stdout).toBe("Seccomp:\t2\nSeccomp_filters:\t1\n");
    expect(def.exec("unshare -U true")).toEqual({
      stdout: "",
      stderr: "unshare: unshare(0x10000000): Operation not permitted\n",
      exitCode: 1,
    });
    const unconfined = container({ seccomp: { profileType: "Unconfined" } }).start();
    expect(unconfined.exec("grep Seccomp: /proc/1/status").stdout).toBe("Seccomp:\t0\n");
    expect(unconfined.exec("unshare -U true").exitCode).toBe(0);
    // other namespaces still need CAP_SYS_ADMIN, which the default set lacks
    expect(unconfined.exec("unshare -m true").stderr).toBe(
      "unshare: unshare(0x20000): Operation not permitted\n",
    );
    expect(container({ privileged: true }).start().exec("unshare -m true").exitCode).toBe(0);
  });

  it("a missing Localhost seccomp profile fails CreateContainer with containerd's words", () => {
    const path = "/var/lib/kubelet/seccomp/profiles/audit.json";
    const c = container({ seccomp: { profileType: "Localhost", localhostRef: path } });
    expect(() => c.create()).toThrow(CriError);
    expect(() => container({ seccomp: { profileType: "Localhost", localhostRef: path } }).create()).toThrow(
      `failed to create containerd container: cannot load seccomp profile "${path}": open ${path}: no such file or directory`,
    );
    const ok = container({ seccomp: { profileType: "Localhost", localhostRef: path } });
    ok.h.fs.write(path, '{"defaultAction":"SCMP_ACT_LOG"}');
    expect(ok.start().exec("grep Seccomp: /proc/1/status").stdout).toBe("Seccomp:\t2\n");
  });

  it("AppArmor: containerd's default profile, unconfined, and a Localhost profile that must be loaded", () => {
    expect(container().start().exec("cat /proc/1/attr/current").stdout).toBe(
      "cri-containerd.apparmor.d (enforce)\n",
    );
    expect(container({ privileged: true }).start().exec("cat /proc/self/attr/current").stdout).toBe(
      "unconfined\n",
    );
    const missing = container({ apparmor: { profileType: "Localhost", localhostRef: "k8s-deny-write" } });
    expect(() => missing.create()).toThrow(
      "failed to get container spec opts: failed to generate apparmor spec opts: apparmor profile not found k8s-deny-write",
    );
    const loaded = container({ apparmor: { profileType: "Localhost", localhostRef: "k8s-deny-write" } });
    loaded.h.fs.write(
      "/sys/kernel/security/apparmor/profiles",
      "cri-containerd.apparmor.d (enforce)\nk8s-deny-write (enforce)\n",
    );
    expect(loaded.start().exec("cat /proc/1/attr/current").stdout).toBe("k8s-deny-write (enforce)\n");
  });
});

describe("rootless: host uids", () => {
  it("container root is the unprivileged user; other uids map into /etc/subuid's range", () => {
    expect([hostUid(0, false), hostUid(1000, false)]).toEqual([0, 1000]);
    expect([hostUid(0, true), hostUid(1, true), hostUid(1000, true)]).toEqual([1000, 100000, 100999]);
  });
});

describe("crictl inspect: namespaces and cgroup", () => {
  it("joins the sandbox's ipc/uts/net namespaces, owns pid/mount/cgroup, and names its cgroup", () => {
    const c = container({ namespaceOptions: { network: "POD", pid: "CONTAINER", ipc: "POD" } }).start();
    const spec = c.inspect().runtimeSpec;
    const ns = spec.linux.namespaces as { type: string; path?: string }[];
    expect(ns.map((n) => n.type)).toEqual(["pid", "ipc", "uts", "mount", "network", "cgroup"]);
    expect(ns.find((n) => n.type === "network")?.path).toMatch(/^\/proc\/\d+\/ns\/net$/);
    expect(ns.find((n) => n.type === "pid")?.path).toBeUndefined();
    // A *.slice cgroup parent (systemd driver): runc's "slice:prefix:name" form.
    expect(spec.linux.cgroupsPath).toMatch(
      /^kubepods-besteffort-poduid_t\.slice:cri-containerd:[0-9a-f]{64}$/,
    );
    expect(c.exec("cat /proc/self/uid_map").stdout).toBe("         0          0 4294967295\n");
  });
});
