// Where each box of the node picture sits (flow coordinates), and which box a trace actor maps to.
import type { FlavourInfo, NodeSnapshot, SandboxView } from "../../sim/node/types";
import type { Actor, TraceEvent } from "../../sim/trace";

export interface BoxSpec {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  sub?: string[];
  actor?: Actor;
}

export const STATIC_BOXES: BoxSpec[] = [
  { id: "user", actor: "user", x: 0, y: 0, w: 130, h: 46, title: "you", sub: ["kubectl · crictl"] },
  {
    id: "apiserver",
    actor: "apiserver",
    x: 180,
    y: 0,
    w: 150,
    h: 46,
    title: "API server",
    sub: ["kube-apiserver"],
  },
  {
    id: "scheduler",
    actor: "scheduler",
    x: 380,
    y: 0,
    w: 140,
    h: 46,
    title: "scheduler",
    sub: ["binds pods to node-1"],
  },
  {
    id: "kubelet",
    actor: "kubelet",
    x: 140,
    y: 80,
    w: 380,
    h: 64,
    title: "kubelet",
    sub: ["pod workers", "image manager", "prober", "PLEG", "status manager"],
  },
  { id: "cri", actor: "cri", x: 180, y: 180, w: 150, h: 44, title: "CRI (gRPC)", sub: ["containerd.sock"] },
  {
    id: "containerd",
    actor: "containerd",
    x: 180,
    y: 260,
    w: 150,
    h: 46,
    title: "containerd",
    sub: ["CRI plugin · image store"],
  },
  {
    id: "registry",
    actor: "registry",
    x: 0,
    y: 260,
    w: 130,
    h: 46,
    title: "registry",
    sub: ["docker.io · registry.k8s.io"],
  },
  { id: "cni", actor: "cni", x: 380, y: 180, w: 140, h: 44, title: "CNI plugin", sub: ["bridge · pod IPs"] },
  { id: "logs", actor: "logs", x: 0, y: 342, w: 130, h: 46, title: "container logs", sub: ["/var/log/pods"] },
  {
    id: "kernel",
    actor: "kernel",
    x: 180,
    y: 342,
    w: 340,
    h: 46,
    title: "kernel",
    sub: ["namespaces", "cgroups", "processes"],
  },
];

/** Static connections: the seams a hop can cross. */
export const STATIC_EDGES: [string, string][] = [
  ["user", "apiserver"],
  ["apiserver", "scheduler"],
  ["apiserver", "kubelet"],
  ["kubelet", "cri"],
  ["cri", "containerd"],
  ["containerd", "registry"],
  ["containerd", "cni"],
  ["containerd", "kernel"],
];

export type FlavourName = FlavourInfo["name"];

const at = (id: string, patch: Partial<BoxSpec>): BoxSpec => ({
  ...(STATIC_BOXES.find((b) => b.id === id) as BoxSpec),
  ...patch,
});

/**
 * The runtime part of the picture per flavour: CRI-O replaces containerd; Docker adds dockerd
 * (and dockershim inside the kubelet, or cri-dockerd as its own daemon) above containerd.
 */
export function staticBoxes(flavour: FlavourName = "containerd"): BoxSpec[] {
  const top = STATIC_BOXES.filter((b) => ["user", "apiserver", "scheduler", "kubelet"].includes(b.id));
  if (flavour === "crio")
    return [
      ...top,
      at("cri", { sub: ["crio.sock"] }),
      {
        id: "crio",
        actor: "crio",
        x: 180,
        y: 260,
        w: 150,
        h: 46,
        title: "CRI-O",
        sub: ["crio · image store · conmon per container"],
      },
      at("registry", {}),
      at("cni", {}),
      at("logs", {}),
      at("kernel", {}),
    ];
  if (flavour === "docker")
    return [
      ...top,
      at("cri", { y: 170, title: "dockershim", sub: ["inside the kubelet · dockershim.sock"] }),
      {
        id: "dockerd",
        actor: "dockerd",
        x: 180,
        y: 240,
        w: 150,
        h: 44,
        title: "dockerd",
        sub: ["Docker Engine API"],
      },
      at("containerd", { y: 308, h: 40, sub: ["namespace moby · CRI plugin off"] }),
      at("registry", { y: 240 }),
      at("cni", { y: 170, sub: ["called by dockershim"] }),
      at("logs", { y: 380 }),
      at("kernel", { y: 380 }),
    ];
  if (flavour === "cri-dockerd")
    return [
      ...top,
      at("cri", { y: 160, h: 38, sub: ["cri-dockerd.sock"] }),
      {
        id: "cri-dockerd",
        actor: "cri-dockerd",
        x: 180,
        y: 214,
        w: 150,
        h: 40,
        title: "cri-dockerd",
        sub: ["CRI → Docker API"],
      },
      {
        id: "dockerd",
        actor: "dockerd",
        x: 180,
        y: 270,
        w: 150,
        h: 40,
        title: "dockerd",
        sub: ["Docker Engine API"],
      },
      at("containerd", { y: 326, h: 40, sub: ["namespace moby · CRI plugin off"] }),
      at("registry", { y: 270 }),
      at("cni", { y: 214, sub: ["called by cri-dockerd"] }),
      at("logs", { y: 392 }),
      at("kernel", { y: 392 }),
    ];
  return STATIC_BOXES;
}

/** The box that starts each pod's shim/monitor (containerd, or CRI-O for conmon). */
export function runtimeBoxId(flavour: FlavourName = "containerd"): string {
  return flavour === "crio" ? "crio" : "containerd";
}

export function staticEdges(flavour: FlavourName = "containerd"): [string, string][] {
  const control = STATIC_EDGES.slice(0, 4);
  if (flavour === "crio")
    return [...control, ["cri", "crio"], ["crio", "registry"], ["crio", "cni"], ["crio", "kernel"]];
  if (flavour === "docker")
    return [
      ...control,
      ["cri", "dockerd"],
      ["cri", "cni"],
      ["dockerd", "containerd"],
      ["dockerd", "registry"],
      ["containerd", "kernel"],
    ];
  if (flavour === "cri-dockerd")
    return [
      ...control,
      ["cri", "cri-dockerd"],
      ["cri-dockerd", "dockerd"],
      ["cri-dockerd", "cni"],
      ["dockerd", "containerd"],
      ["dockerd", "registry"],
      ["containerd", "kernel"],
    ];
  return STATIC_EDGES;
}

export const POD_X = 590;
export const POD_W = 230;
const SHIM_H = 30;
const ROW_H = 26;

export interface PodBox {
  sandbox: SandboxView;
  shim: BoxSpec;
  /** gVisor's Sentry or Kata's VM between the shim and the pod (sandboxed RuntimeClass handlers). */
  layer?: BoxSpec;
  group: BoxSpec;
  podKey: string;
}

const LAYER_H = 26;

/** What watches a pod's containers on this flavour/handler (the title of its shim box). */
function shimTitle(flavour: FlavourName, runtimeType = ""): string {
  if (runtimeType.includes("runsc")) return "containerd-shim-runsc-v1";
  if (runtimeType.includes("kata")) return "containerd-shim-kata-v2";
  if (flavour === "crio") return "conmon (one per container)";
  if (flavour === "docker" || flavour === "cri-dockerd") return "containerd-shim-runc-v2 per container";
  return "containerd-shim-runc-v2";
}

/** One shim box + one group box per pod sandbox, stacked in columns right of the runtime. */
export function podBoxes(snap: NodeSnapshot | undefined): PodBox[] {
  if (!snap) return [];
  const out: PodBox[] = [];
  const flavour = snap.flavour?.name ?? "containerd";
  let y = 0;
  let col = 0;
  for (const sb of snap.sandboxes) {
    const n = snap.containers.filter((c) => c.podSandboxId === sb.sandbox.id).length;
    const h = 44 + ROW_H * (n + 1);
    const rt = sb.runtimeType ?? "";
    const layerH = /runsc|kata/.test(rt) ? LAYER_H + 4 : 0;
    if (y > 0 && y + SHIM_H + layerH + h > 400) {
      col++;
      y = 0;
    }
    const x = POD_X + col * (POD_W + 30);
    const m = sb.sandbox.metadata;
    const podKey = `${m.namespace}/${m.name}`;
    out.push({
      sandbox: sb,
      podKey,
      shim: {
        id: `shim:${sb.sandbox.id}`,
        x,
        y,
        w: POD_W,
        h: SHIM_H,
        title: shimTitle(flavour, rt),
        actor: flavour === "crio" && !layerH ? "conmon" : "shim",
      },
      layer: layerH
        ? {
            id: `layer:${sb.sandbox.id}`,
            x,
            y: y + SHIM_H + 4,
            w: POD_W,
            h: LAYER_H,
            title: rt.includes("runsc")
              ? "gVisor: Sentry + Gofer (user-space kernel)"
              : "Kata VM: QEMU + guest kernel",
            actor: rt.includes("runsc") ? "gvisor" : "kata",
          }
        : undefined,
      group: {
        id: `pod:${sb.sandbox.id}`,
        x,
        y: y + SHIM_H + layerH + 8,
        w: POD_W,
        h,
        title: m.name,
        actor: "container",
      },
    });
    y += SHIM_H + layerH + 8 + h + 18;
  }
  return out;
}

/** The box a hop leaves from or arrives at: a pod's own shim/group when the event names its pod. */
export function boxForActor(
  actor: Actor,
  e: TraceEvent,
  pods: PodBox[],
  flavour: FlavourName = "containerd",
): string {
  if (
    actor === "shim" ||
    actor === "conmon" ||
    actor === "container" ||
    actor === "gvisor" ||
    actor === "kata"
  ) {
    // Prefer the newest sandbox of the pod (a re-created sandbox replaces the old one).
    const p = [...pods]
      .reverse()
      .find((b) => b.podKey === e.pod || b.podKey.endsWith(`/${e.pod ?? "\u0000"}`));
    if (p)
      return actor === "container"
        ? p.group.id
        : actor === "gvisor" || actor === "kata"
          ? (p.layer ?? p.shim).id
          : p.shim.id;
    return actor === "container" ? "kernel" : runtimeBoxId(flavour);
  }
  // dockershim is the kubelet's own CRI server: the "cri" box on a dockershim node
  if (actor === "dockershim") return "cri";
  return actor;
}

export function center(b: BoxSpec): { x: number; y: number } {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

/** Where a line from `from` enters box `b`: chips stop at the border so the box label stays readable. */
export function borderPoint(b: BoxSpec, from: { x: number; y: number }): { x: number; y: number } {
  const c = center(b);
  const dx = from.x - c.x;
  const dy = from.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const s = Math.min(
    dx === 0 ? Infinity : b.w / 2 / Math.abs(dx),
    dy === 0 ? Infinity : b.h / 2 / Math.abs(dy),
  );
  return s >= 1 ? c : { x: c.x + dx * s, y: c.y + dy * s };
}
