import { describe, expect, it } from "vitest";
import { ContainerState, PodSandboxState } from "../../sim/cri/types";
import type { NodeSnapshot } from "../../sim/node/types";
import type { TraceEvent } from "../../sim/trace";
import {
  borderPoint,
  boxForActor,
  COMPACT_AFTER_PODS,
  POD_W,
  POD_X,
  podBoxes,
  STATIC_BOXES,
  staticBoxes,
  staticEdges,
  withLiveText,
} from "./layout";

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

describe("Services on the diagram", () => {
  const flavours = ["containerd", "crio", "docker", "cri-dockerd"] as const;

  it("puts kube-proxy, the nat table and the cluster DNS under every flavour's kernel, without overlaps", () => {
    for (const f of flavours) {
      const boxes = staticBoxes(f);
      const kernel = boxes.find((b) => b.id === "kernel")!;
      for (const id of ["kube-proxy", "netfilter", "dns"]) {
        const b = boxes.find((x) => x.id === id)!;
        expect(b.y, `${f} ${id}`).toBeGreaterThanOrEqual(kernel.y + kernel.h);
      }
      for (const a of boxes)
        for (const b of boxes) {
          if (a === b) continue;
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${f}: ${a.id} overlaps ${b.id}`).toBe(false);
        }
      expect(staticEdges(f)).toEqual(expect.arrayContaining([["kube-proxy", "netfilter"]]));
    }
  });

  it("routes a Service connection and kube-proxy's rules through the nat table box", () => {
    const pods = podBoxes(snap({ sandboxes: [sandbox("a", "client"), sandbox("b", "web")] }));
    const out = ev({ from: "container", to: "kernel", kind: "net", pod: "default/client" });
    const back = ev({ from: "kernel", to: "container", kind: "net", pod: "default/web" });
    expect([boxForActor(out.from, out, pods), boxForActor(out.to, out, pods)]).toEqual([
      "pod:a",
      "netfilter",
    ]);
    expect([boxForActor(back.from, back, pods), boxForActor(back.to, back, pods)]).toEqual([
      "netfilter",
      "pod:b",
    ]);
    const rule = ev({ from: "kube-proxy", to: "kernel", kind: "iptables" });
    expect([boxForActor(rule.from, rule, pods), boxForActor(rule.to, rule, pods)]).toEqual([
      "kube-proxy",
      "netfilter",
    ]);
    // other kernel hops (cgroups, namespaces) still end at the kernel box
    expect(boxForActor("kernel", ev({ kind: "kernel" }), pods)).toBe("kernel");
  });

  it("shows kube-proxy's Services and rules and the kernel's counts from the snapshot", () => {
    const services = {
      services: [
        {
          namespace: "default",
          name: "kubernetes",
          type: "ClusterIP",
          clusterIP: "10.96.0.1",
          ports: ["443/TCP"],
          endpoints: [],
        },
        {
          namespace: "default",
          name: "web",
          type: "ClusterIP",
          clusterIP: "10.96.5.5",
          ports: ["80/TCP"],
          endpoints: [],
        },
      ],
      nat: {
        name: "nat" as const,
        chains: [
          {
            name: "KUBE-SERVICES",
            rules: [
              { matches: [], jump: "KUBE-SVC-AAAAAAAAAAAAAAAA" },
              { matches: [], jump: "KUBE-SVC-BBBBBBBBBBBBBBBB" },
            ],
          },
          { name: "KUBE-SVC-AAAAAAAAAAAAAAAA", rules: [{ matches: [], jump: "KUBE-SEP-CCCCCCCCCCCCCCCC" }] },
          { name: "KUBE-SVC-BBBBBBBBBBBBBBBB", rules: [] },
        ],
      },
      syncs: 3,
      dnsIP: "10.96.0.10",
      clusterDomain: "cluster.local",
    };
    const live = withLiveText(staticBoxes(), snap({ services }));
    expect(live.find((b) => b.id === "kube-proxy")?.sub).toEqual(["2 Services · 3 rules"]);
    expect(live.find((b) => b.id === "netfilter")?.sub).toEqual(["KUBE-SERVICES → 2 KUBE-SVC chains"]);
    // without isolation data (a real runtime) the kernel keeps its generic lines
    expect(live.find((b) => b.id === "kernel")?.sub).toEqual(
      STATIC_BOXES.find((b) => b.id === "kernel")?.sub,
    );
  });
});

describe("container rows", () => {
  const many = (n: number) =>
    snap({
      sandboxes: Array.from({ length: n }, (_, i) => sandbox(`s${i}`, `p${i}`)),
      containers: Array.from({ length: n }, (_, i) => container(`c${i}`, `s${i}`)),
      isolation: {},
    });

  it("gives each container a badge line until the node is crowded, then collapses the rows", () => {
    const few = podBoxes(many(3));
    const crowded = podBoxes(many(COMPACT_AFTER_PODS + 1));
    expect(few.every((p) => !p.compact)).toBe(true);
    expect(crowded.every((p) => p.compact)).toBe(true);
    expect(few[0].group.h).toBeGreaterThan(crowded[0].group.h);
  });

  it("has no badge lines without isolation data (a real runtime)", () => {
    const [p] = podBoxes(snap({ sandboxes: [sandbox("a", "web")], containers: [container("c", "a")] }));
    expect(p.compact).toBe(true);
  });

  it("packs pods so the whole picture is drawn as large as the 1280×720 panel allows", () => {
    const bottom = Math.max(...staticBoxes().map((b) => b.y + b.h));
    const extent = (pods: ReturnType<typeof podBoxes>) => ({
      w: Math.max(...pods.map((p) => p.group.x + p.group.w)),
      h: Math.max(bottom, ...pods.map((p) => p.group.y + p.group.h)),
    });
    const scale = (e: { w: number; h: number }) => Math.min(825 / e.w, 360 / e.h);
    // a few pods: one column beside the static part, no taller than it
    const few = podBoxes(many(2));
    expect(new Set(few.map((p) => p.group.x)).size).toBe(1);
    expect(extent(few).h).toBe(bottom);
    // 12 pods: taller columns beat a long row of short ones
    const crowded = podBoxes(many(12));
    const cols = new Set(crowded.map((p) => p.group.x)).size;
    const perColumn = Math.ceil(12 / cols);
    const blockH = crowded[1].shim.y - crowded[0].shim.y;
    const shortCols = Math.ceil(12 / Math.floor((bottom + 18) / blockH));
    expect(cols).toBeLessThan(shortCols);
    expect(scale(extent(crowded))).toBeGreaterThan(scale({ w: POD_X + shortCols * (POD_W + 30), h: bottom }));
    expect(extent(crowded).h).toBeGreaterThanOrEqual(perColumn * blockH - 18);
    // and no two pods overlap, even on a full node
    const full = podBoxes(many(110));
    const rects = full.map((p) => ({
      x: p.shim.x,
      y: p.shim.y,
      w: p.shim.w,
      h: p.group.y + p.group.h - p.shim.y,
    }));
    const overlaps = rects.filter((a, i) =>
      rects.some(
        (b, j) => i !== j && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h,
      ),
    );
    expect(overlaps).toEqual([]);
  });
});
