import { describe, expect, it } from "vitest";
import { LOCKED_POD_YAML } from "../../tests/helpers/securityPods";
import { createSimulation } from ".";

const HOSTNET = `apiVersion: v1
kind: Pod
metadata: {name: hostnet}
spec:
  hostNetwork: true
  containers:
  - {name: sh, image: busybox:1.37, command: [sleep, "3600"]}
`;

async function node() {
  const sim = createSimulation({ seed: 3 });
  await sim.apply(LOCKED_POD_YAML);
  await sim.apply(HOSTNET);
  await sim.exec("kubectl run web --image=nginx:1.27");
  await sim.advance(30_000);
  return sim;
}

const containerOf = (snap: ReturnType<Awaited<ReturnType<typeof node>>["snapshot"]>, pod: string) => {
  const sb = snap.sandboxes.find((s) => s.sandbox.metadata.name === pod)!;
  return { sb, c: snap.containers.find((x) => x.podSandboxId === sb.sandbox.id)! };
};

describe("isolation in the snapshot", () => {
  it("agrees with what crictl inspect prints under info.runtimeSpec", async () => {
    const sim = await node();
    const snap = sim.snapshot();
    for (const pod of ["locked", "web", "hostnet"]) {
      const { c } = containerOf(snap, pod);
      const iso = snap.isolation![c.id];
      const spec = JSON.parse(await sim.exec(`crictl inspect ${c.id}`)).info.runtimeSpec;
      expect(iso.cgroup.path).toBe(spec.linux.cgroupsPath);
      expect(iso.user.uid).toBe(spec.process.user.uid);
      expect(iso.capabilities.bounding).toEqual(spec.process.capabilities?.bounding ?? []);
      // every namespace the spec joins by path is "shared with pause"; one without a path is its own
      for (const n of spec.linux.namespaces as { type: string; path?: string }[]) {
        const type = n.type === "network" ? "net" : n.type === "mount" ? "mnt" : n.type;
        const view = iso.namespaces.find((x) => x.type === type)!;
        expect(view.source, `${pod} ${type}`).toBe(n.path ? "pod" : "own");
        expect(view.path).toBe(n.path);
      }
    }
  });

  it("shows a hardened container's identity, confinement and cgroup limits", async () => {
    const snap = (await node()).snapshot();
    const { sb, c } = containerOf(snap, "locked");
    const iso = snap.isolation![c.id];
    expect(iso.user).toMatchObject({ uid: 1000, gid: 0 });
    expect(iso.readOnlyRootfs).toBe(true);
    expect(iso.noNewPrivileges).toBe(true);
    expect(iso.capabilities.effective).toEqual([]);
    expect(iso.seccomp).toBe("RuntimeDefault");
    expect(iso.cgroup).toMatchObject({
      memoryLimitBytes: 64 * 1024 * 1024,
      cpuQuota: 25000,
      cpuPeriod: 100000,
    });
    expect(iso.cgroup.memoryBytes).toBeGreaterThan(0);
    expect(iso.hostPid).toBeGreaterThan(0);
    const net = iso.namespaces.find((n) => n.type === "net")!;
    expect(net.path).toBe(`/proc/${sb.isolation!.pid}/ns/net`);
    expect(sb.isolation!.namespaces.find((n) => n.type === "net")).toEqual({
      type: "net",
      source: "own",
      path: sb.netns,
    });
  });

  it("gives a hostNetwork pod the node's network namespace", async () => {
    const snap = (await node()).snapshot();
    const { sb, c } = containerOf(snap, "hostnet");
    expect(sb.isolation!.namespaces.find((n) => n.type === "net")?.source).toBe("node");
    expect(sb.isolation!.namespaces.find((n) => n.type === "uts")?.source).toBe("node");
    expect(snap.isolation![c.id].namespaces.find((n) => n.type === "net")?.source).toBe("node");
  });

  it("does not change the run: snapshots in between leave the trace and output the same", async () => {
    const run = async (peek: boolean) => {
      const sim = createSimulation({ seed: 5 });
      await sim.apply(LOCKED_POD_YAML);
      for (let i = 0; i < 20; i++) {
        await sim.advance(1_000);
        if (peek) sim.snapshot();
      }
      return {
        trace: sim.trace.all().map((e) => `${e.t} ${e.summary}`),
        top: await sim.exec("crictl stats"),
      };
    };
    expect(await run(true)).toEqual(await run(false));
  });
});

describe("Services in the snapshot", () => {
  it("lists each Service with its ready endpoints, kube-proxy chain and the nat table", async () => {
    const sim = await node();
    await sim.exec("kubectl expose pod web --port 80");
    await sim.advance(2_000);
    const snap = sim.snapshot();
    const svc = snap.services!.services.find((s) => s.name === "web")!;
    const { sb } = containerOf(snap, "web");
    expect(svc.endpoints).toEqual([`${sb.ip}:80`]);
    expect(svc.ports).toEqual(["80/TCP"]);
    const jump = snap
      .services!.nat.chains.find((c) => c.name === "KUBE-SERVICES")!
      .rules.find((r) => r.dst === `${svc.clusterIP}/32`)!.jump;
    expect(svc.chain).toBe(jump);
    expect(snap.services!.services.map((s) => s.name)).toEqual(["kubernetes", "web", "kube-dns"]);
    expect(snap.services!.syncs).toBeGreaterThan(1);
  });
});
