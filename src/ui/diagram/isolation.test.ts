import { beforeAll, describe, expect, it } from "vitest";
import { LOCKED_POD_YAML } from "../../../tests/helpers/securityPods";
import type { ContainerIsolation, NodeSnapshot } from "../../sim/node/types";
import { createSimulation } from "../../simulation";
import {
  collapseBadges,
  containerBadges,
  cpuMax,
  cpuWeight,
  kernelCounts,
  kernelSub,
  namespaceWhere,
} from "./isolation";

let snap: NodeSnapshot;
const iso = (pod: string): ContainerIsolation => {
  const sb = snap.sandboxes.find((s) => s.sandbox.metadata.name === pod)!;
  const c = snap.containers.find((x) => x.podSandboxId === sb.sandbox.id)!;
  return snap.isolation![c.id];
};
const texts = (i: ContainerIsolation) => containerBadges(i).map((b) => b.text);

beforeAll(async () => {
  const sim = createSimulation({ seed: 1 });
  await sim.apply(LOCKED_POD_YAML);
  await sim.exec("kubectl run web --image=nginx:1.27");
  await sim.apply(
    "apiVersion: v1\nkind: Pod\nmetadata: {name: admin}\nspec:\n  containers:\n  - {name: sh, image: busybox:1.37, command: [sleep, '3600'], securityContext: {privileged: true}}\n",
  );
  await sim.advance(30_000);
  snap = sim.snapshot();
});

describe("container badges", () => {
  it("tell a default pod from a hardened one at a glance", () => {
    expect(texts(iso("web"))).toEqual(["root", "RW", "no seccomp", "caps 14"]);
    expect(texts(iso("locked"))).toEqual(["uid 1000", "RO", "seccomp", "caps 0"]);
    expect(containerBadges(iso("web")).every((b) => !b.notable)).toBe(true);
    expect(containerBadges(iso("locked")).every((b) => b.notable)).toBe(true);
  });

  it("mark a privileged container", () => {
    expect(texts(iso("admin"))).toContain("privileged");
  });

  it("collapse to what differs from a default pod, with a count of the rest", () => {
    expect(collapseBadges(containerBadges(iso("web")))).toEqual([]);
    const short = collapseBadges(containerBadges(iso("locked")));
    expect(short.map((b) => b.text)).toEqual(["uid 1000", "RO", "+2"]);
    expect(short[2].title).toContain("seccomp: RuntimeDefault");
  });
});

describe("namespace wording", () => {
  it("says which namespaces a container shares with pause and which are its own", () => {
    const rows = iso("web").namespaces.map((n) => [n.type, namespaceWhere(n.source, n.type)]);
    expect(rows).toEqual([
      ["net", "shared with the pod sandbox (pause)"],
      ["pid", "its own"],
      ["ipc", "shared with the pod sandbox (pause)"],
      ["uts", "shared with the pod sandbox (pause)"],
      ["mnt", "its own"],
      ["cgroup", "its own"],
      ["user", "the node's (no user namespace: uid 0 inside is uid 0 on the node)"],
    ]);
    expect(namespaceWhere("own", "net", true)).toBe("the pod's own (the containers join it)");
    expect(namespaceWhere("node", "net")).toBe("the node's (host)");
  });
});

describe("cgroup v2 values", () => {
  it("convert CPU shares to cpu.weight as runc does and print cpu.max", () => {
    expect(cpuWeight(2)).toBe(1);
    expect(cpuWeight(1024)).toBe(39);
    expect(cpuWeight(262144)).toBe(10000);
    expect(cpuWeight(undefined)).toBeUndefined();
    expect(cpuMax(50000, 100000)).toBe("50000 100000");
    expect(cpuMax(undefined, undefined)).toBe("max 100000");
  });
});

describe("kernel box", () => {
  it("counts the namespaces and cgroups the running pods hold", () => {
    const k = kernelCounts(snap)!;
    // three ready sandboxes (net, pid, ipc, uts, mnt, cgroup each) + three running containers (pid, mnt, cgroup)
    expect(k.namespaces).toEqual({ net: 3, pid: 6, ipc: 3, uts: 3, mnt: 6, cgroup: 6 });
    expect(k.namespaceTotal).toBe(27);
    expect(k.cgroups).toBe(9);
    expect(kernelSub(k)).toEqual([
      "27 namespaces (3 net, 6 pid, 6 mnt, 3 ipc, 3 uts, 6 cgroup)",
      "9 cgroups",
    ]);
  });

  it("keeps its generic lines without isolation data", () => {
    expect(kernelCounts({ ...snap, isolation: undefined })).toBeUndefined();
    expect(kernelSub(undefined)).toEqual(["namespaces", "cgroups", "processes"]);
  });
});
