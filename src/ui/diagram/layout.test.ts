import { describe, expect, it } from "vitest";
import { ContainerState, PodSandboxState } from "../../sim/cri/types";
import type { NodeSnapshot } from "../../sim/node/types";
import type { TraceEvent } from "../../sim/trace";
import { borderPoint, boxForActor, podBoxes, STATIC_BOXES, staticBoxes, staticEdges } from "./layout";

const sandbox = (id: string, name: string) => ({
  sandbox: {
    id,
    metadata: { name, namespace: "default", uid: `u-${name}`, attempt: 0 },
    state: PodSandboxState.SANDBOX_READY,
    createdAt: 0,
    labels: {},
    annotations: {},
    runtimeHandler: "",
  },
});
const container = (id: string, sb: string) => ({
  id,
  podSandboxId: sb,
  metadata: { name: id, attempt: 0 },
  image: { image: "nginx:1.27" },
  imageRef: "",
  state: ContainerState.CONTAINER_RUNNING,
  createdAt: 0,
  labels: {},
  annotations: {},
});
const snap = (over: Partial<NodeSnapshot>) =>
  ({ sandboxes: [], containers: [], ...over }) as unknown as NodeSnapshot;
const ev = (p: Partial<TraceEvent>): TraceEvent => ({
  id: 1,
  t: 0,
  from: "containerd",
  to: "shim",
  kind: "kernel",
  summary: "",
  ...p,
});

describe("diagram layout", () => {
  it("gives each sandbox a shim and a group sized by its containers", () => {
    const pods = podBoxes(
      snap({
        sandboxes: [sandbox("a", "web"), sandbox("b", "db")],
        containers: [container("c1", "a"), container("c2", "a")],
      }),
    );
    expect(pods.map((p) => p.podKey)).toEqual(["default/web", "default/db"]);
    expect(pods[0].group.h).toBeGreaterThan(pods[1].group.h);
    expect(pods[1].shim.y).toBeGreaterThan(pods[0].group.y + pods[0].group.h);
  });

  it("routes shim/container hops to the pod's own boxes, others to the static box", () => {
    const pods = podBoxes(snap({ sandboxes: [sandbox("a", "web")] }));
    expect(boxForActor("shim", ev({ pod: "default/web" }), pods)).toBe("shim:a");
    expect(boxForActor("container", ev({ pod: "default/web" }), pods)).toBe("pod:a");
    expect(boxForActor("shim", ev({ pod: "default/other" }), pods)).toBe("containerd");
    expect(boxForActor("kubelet", ev({}), pods)).toBe("kubelet");
  });

  it("stops a chip at the border of the target box", () => {
    const kubelet = STATIC_BOXES.find((b) => b.id === "kubelet")!;
    const above = { x: kubelet.x + kubelet.w / 2, y: kubelet.y - 100 };
    expect(borderPoint(kubelet, above)).toEqual({ x: above.x, y: kubelet.y });
  });

  it("draws each flavour's runtime boxes and routes its actors to them", () => {
    const ids = (f: Parameters<typeof staticBoxes>[0]) => staticBoxes(f).map((b) => b.id);
    expect(ids("crio")).toContain("crio");
    expect(ids("crio")).not.toContain("containerd");
    expect(ids("docker")).toEqual(expect.arrayContaining(["dockerd", "containerd"]));
    expect(staticBoxes("docker").find((b) => b.id === "cri")?.title).toBe("dockershim");
    expect(ids("cri-dockerd")).toEqual(expect.arrayContaining(["cri-dockerd", "dockerd", "containerd"]));
    expect(staticEdges("cri-dockerd")).toContainEqual(["cri-dockerd", "dockerd"]);
    expect(boxForActor("dockershim", ev({}), [], "docker")).toBe("cri");
    expect(boxForActor("conmon", ev({ pod: "default/x" }), [], "crio")).toBe("crio");
  });

  it("puts gVisor's or Kata's layer between a sandboxed pod's shim and its containers", () => {
    const sb = { ...sandbox("a", "web"), runtimeType: "io.containerd.runsc.v1" };
    const [p] = podBoxes(snap({ sandboxes: [sb] }));
    expect(p.shim.title).toBe("containerd-shim-runsc-v1");
    expect(p.layer?.actor).toBe("gvisor");
    expect(p.layer!.y).toBeGreaterThan(p.shim.y);
    expect(p.group.y).toBeGreaterThan(p.layer!.y + p.layer!.h - 1);
    expect(boxForActor("gvisor", ev({ pod: "default/web" }), [p])).toBe("layer:a");
    const [crio] = podBoxes(
      snap({ sandboxes: [sandbox("b", "db")], flavour: { name: "crio", title: "", hops: [], monitor: "" } }),
    );
    expect(crio.shim.title).toBe("conmon (one per container)");
  });
});
