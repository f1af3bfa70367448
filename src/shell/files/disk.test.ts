import { describe, expect, it } from "vitest";
import { createSimulation } from "../../simulation";
import { humanCeil } from "./disk";

const HEADER = "Filesystem      Size  Used Avail Use% Mounted on";

describe("df", () => {
  it("lays the table out like GNU coreutils, the runtime's disk moving with pulls, the fault and rmi", async () => {
    const sim = createSimulation({ seed: 5 });
    const df = async () => (await sim.run("df -h /var/lib/containerd")).stdout;
    expect((await sim.run("df -h")).stdout.split("\n").slice(0, 3)).toEqual([
      HEADER,
      "tmpfs           796M  1.2M  795M   1% /run",
      "/dev/sda1        20G  2.5G   17G  13% /",
    ]);
    expect((await sim.run("df /")).stdout).toBe(
      "Filesystem     1K-blocks    Used Available Use% Mounted on\n/dev/sda1       20971520 2579497  17343448  13% /\n",
    );
    const before = await df();
    expect(before.split("\n")[0]).toBe(HEADER);
    expect(before).toMatch(/^\/dev\/sdb +20G +\S+ +\S+ +\d+% \/var\/lib\/containerd$/m);
    await sim.run("crictl pull redis:latest");
    const pulled = await df();
    expect(pulled).not.toBe(before);
    // Used is what the runtime reports for its image filesystem, the number the kubelet's GC reads.
    const used = sim.snapshot().imageFs.usedBytes;
    expect(pulled.split("\n")[1].split(/\s+/)[2]).toBe(humanCeil(used));
    await sim.run("sim fault fill-disk 90");
    expect(await df()).toMatch(/^\/dev\/sdb +20G +19G +2\.0G +91% \/var\/lib\/containerd$/m);
    await sim.run("crictl rmi --prune");
    expect((await df()).split("\n")[1].split(/\s+/)[4]).not.toBe("91%");
  });

  it("shows each pod's token tmpfs, sandbox shm and overlay rootfs; 1K blocks without -h; errors", async () => {
    const sim = createSimulation({ seed: 5 });
    await sim.run("kubectl run web --image=nginx:1.27");
    await sim.advance(30_000);
    const [sandbox] = (await sim.run("crictl pods -q")).stdout.trim().split("\n");
    const [ctr] = (await sim.run("crictl ps -q")).stdout.trim().split("\n");
    const lines = (await sim.run("df -h")).stdout.trim().split("\n");
    expect(lines.slice(-4).map((l) => l.split(/\s+/)[0])).toEqual(["tmpfs", "shm", "overlay", "overlay"]);
    expect(lines.at(-4)).toMatch(/kubernetes\.io~projected\/kube-api-access-\w{5}$/);
    expect(lines.at(-3)).toBe(
      `shm              64M     0   64M   0% /run/containerd/io.containerd.grpc.v1.cri/sandboxes/${sandbox}/shm`,
    );
    expect(lines.at(-2)).toMatch(
      new RegExp(`^overlay +20G .* /run/containerd/io.containerd.runtime.v2.task/k8s.io/${sandbox}/rootfs$`),
    );
    expect(lines.at(-1)).toMatch(new RegExp(`/k8s.io/${ctr}/rootfs$`));
    expect(await sim.run("df -h /nope")).toMatchObject({
      stderr: "df: /nope: No such file or directory\n",
      code: 1,
    });
    expect((await sim.run("df -z")).stderr).toBe(
      "df: invalid option -- 'z'\nTry 'df --help' for more information.\n",
    );
    expect((await sim.run("du -sh /var/lib/containerd")).stdout).toBe(
      `${humanCeil(sim.snapshot().imageFs.usedBytes)}\t/var/lib/containerd\n`,
    );
  });

  it("rounds up like gnulib's human_readable", () => {
    expect(humanCeil(0)).toBe("0");
    expect(humanCeil(12 * 1024)).toBe("12K");
    expect(humanCeil(1_236_992)).toBe("1.2M");
    expect(humanCeil(1024 * 1024 * 1024 * 2)).toBe("2.0G");
    expect(humanCeil(2 * 1024 ** 3 + 1)).toBe("2.1G");
    expect(humanCeil(9.96 * 1024 ** 3)).toBe("10G");
    expect(humanCeil(20 * 1024 ** 3)).toBe("20G");
  });
});
