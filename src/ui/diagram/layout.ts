// Where each box of the node picture sits (flow coordinates), and which box a trace actor maps to.
import type { FlavourInfo, NodeSnapshot, SandboxView } from "../../sim/node/types";
import type { Actor, TraceEvent } from "../../sim/trace";
import { kernelCounts, kernelSub } from "./isolation";

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

/** Boxes that serve Services: drawn under the kernel (and the controller manager beside the kubelet). */
export const SERVICE_BOX_IDS = ["controller-manager", "kube-proxy", "netfilter", "dns"] as const;

/** Services' part of the picture, placed under the flavour's kernel box. */
export function serviceBoxes(kernel: BoxSpec): BoxSpec[] {
  const y = kernel.y + kernel.h + 22;
  return [
    {
      id: "controller-manager",
      actor: "controller-manager",
      x: 0,
      y: 80,
      w: 120,
      h: 64,
      title: "controller-manager",
      sub: ["Endpoints", "EndpointSlices"],
    },
    {
      id: "kube-proxy",
      actor: "kube-proxy",
      x: 0,
      y,
      w: 150,
      h: 44,
      title: "kube-proxy",
      sub: ["iptables mode"],
    },
    {
      // the rules live in the kernel: connections to a ClusterIP are DNATed here, not in kube-proxy
      id: "netfilter",
      x: kernel.x,
      y,
      w: 225,
      h: 44,
      title: "iptables nat (kernel)",
      sub: ["KUBE-SERVICES"],
    },
    {
      id: "dns",
      actor: "dns",
      x: kernel.x + 240,
      y,
      w: kernel.w - 240,
      h: 44,
      title: "cluster DNS",
      sub: ["10.96.0.10:53"],
    },
  ];
}

/** Services' connections: the controller manager writes to the API server, kube-proxy to the kernel's tables. */
export const SERVICE_EDGES: [string, string][] = [
  ["controller-manager", "apiserver"],
  ["kube-proxy", "netfilter"],
  ["kernel", "netfilter"],
];

const at = (id: string, patch: Partial<BoxSpec>): BoxSpec => ({
  ...(STATIC_BOXES.find((b) => b.id === id) as BoxSpec),
  ...patch,
});

/**
 * The runtime part of the picture per flavour: CRI-O replaces containerd; Docker adds dockerd
 * (and dockershim inside the kubelet, or cri-dockerd as its own daemon) above containerd.
 */
export function staticBoxes(flavour: FlavourName = "containerd"): BoxSpec[] {
  const runtime = runtimeBoxes(flavour);
  const kernel = runtime.find((b) => b.id === "kernel") as BoxSpec;
  return [...runtime, ...serviceBoxes(kernel)];
}

function runtimeBoxes(flavour: FlavourName): BoxSpec[] {
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

/** The boxes whose lines follow the node: the kernel's namespace/cgroup counts, kube-proxy's Services and rules. */
export function withLiveText(statics: BoxSpec[], snap: NodeSnapshot | undefined): BoxSpec[] {
  const svc = snap?.services;
  const rules = svc ? svc.nat.chains.reduce((n, c) => n + c.rules.length, 0) : 0;
  const chains = svc ? svc.nat.chains.filter((c) => c.name.startsWith("KUBE-SVC-")).length : 0;
  const n = svc?.services.length ?? 0;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  const sub: Record<string, string[] | undefined> = {
    kernel: snap?.isolation ? kernelSub(kernelCounts(snap)) : undefined,
    "kube-proxy": svc ? [`${plural(n, "Service")} · ${plural(rules, "rule")}`] : undefined,
    netfilter: svc ? [`KUBE-SERVICES → ${plural(chains, "KUBE-SVC chain")}`] : undefined,
    dns: svc ? [`${svc.dnsIP}:53`] : undefined,
    "controller-manager": svc ? [`Endpoints for ${plural(n, "Service")}`] : undefined,
  };
  return statics.map((b) => (sub[b.id] ? { ...b, sub: sub[b.id] } : b));
}

/** The box that starts each pod's shim/monitor (containerd, or CRI-O for conmon). */
export function runtimeBoxId(flavour: FlavourName = "containerd"): string {
  return flavour === "crio" ? "crio" : "containerd";
}

export function staticEdges(flavour: FlavourName = "containerd"): [string, string][] {
  return [...runtimeEdges(flavour), ...SERVICE_EDGES];
}

function runtimeEdges(flavour: FlavourName): [string, string][] {
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
/** A container row with its badge line under the name. */
const BADGE_ROW_H = 38;
/** More sandboxes than this: badge rows collapse into the name line (only what differs from a default pod). */
export const COMPACT_AFTER_PODS = 6;
/** A pod column is at most this tall (the static part of the picture, kube-proxy's row included). */
const COLUMN_H = 456;

export interface PodBox {
  sandbox: SandboxView;
  shim: BoxSpec;
  /** gVisor's Sentry or Kata's VM between the shim and the pod (sandboxed RuntimeClass handlers). */
  layer?: BoxSpec;
  group: BoxSpec;
  podKey: string;
  /** Container rows without their own badge line (a crowded node). */
  compact: boolean;
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

/** The diagram panel at 1280×720 (flow units at scale 1): pods are packed to fill its shape. */
const PANEL = { w: 825, h: 360 };
const POD_GAP_X = 30;
const POD_GAP_Y = 18;

/** Greedy top-to-bottom columns no taller than `limit` (a taller pod gets a column of its own). */
function packColumns(heights: number[], limit: number): number[] {
  const col: number[] = [];
  let c = 0;
  let y = 0;
  for (const h of heights) {
    if (y > 0 && y + h > limit) {
      c++;
      y = 0;
    }
    col.push(c);
    y += h + POD_GAP_Y;
  }
  return col;
}

/**
 * The column height that lets fitView draw the whole picture largest in the panel: at least the
 * static part's height, taller when more pods per column beat more columns (10+ pods at 1280×720).
 */
export function columnLimit(heights: number[]): number {
  let best = COLUMN_H;
  let bestScale = 0;
  const total = heights.reduce((a, h) => a + h + POD_GAP_Y, 0);
  for (let cols = 1; cols <= Math.max(1, heights.length); cols++) {
    let limit = Math.max(COLUMN_H, Math.ceil(total / cols) - POD_GAP_Y);
    let packed = packColumns(heights, limit);
    // the greedy packing may need a little more height to keep to `cols` columns
    while ((packed.at(-1) ?? 0) + 1 > cols) {
      limit += 20;
      packed = packColumns(heights, limit);
    }
    const used = (packed.at(-1) ?? 0) + 1;
    const w = POD_X + used * (POD_W + POD_GAP_X);
    const scale = Math.min(PANEL.w / w, PANEL.h / limit);
    if (scale > bestScale + 1e-9) {
      bestScale = scale;
      best = limit;
    }
  }
  return best;
}

/** One shim box + one group box per pod sandbox, stacked in columns right of the runtime. */
export function podBoxes(snap: NodeSnapshot | undefined): PodBox[] {
  if (!snap) return [];
  const flavour = snap.flavour?.name ?? "containerd";
  const compact = !snap.isolation || snap.sandboxes.length > COMPACT_AFTER_PODS;
  const rowH = compact ? ROW_H : BADGE_ROW_H;
  const perSandbox = new Map<string, number>();
  for (const c of snap.containers) perSandbox.set(c.podSandboxId, (perSandbox.get(c.podSandboxId) ?? 0) + 1);
  const blocks = snap.sandboxes.map((sb) => {
    const rt = sb.runtimeType ?? "";
    const layerH = /runsc|kata/.test(rt) ? LAYER_H + 4 : 0;
    const h = 44 + ROW_H + rowH * (perSandbox.get(sb.sandbox.id) ?? 0);
    return { sb, rt, layerH, h, total: SHIM_H + layerH + 8 + h };
  });
  const cols = packColumns(
    blocks.map((b) => b.total),
    columnLimit(blocks.map((b) => b.total)),
  );
  const out: PodBox[] = [];
  let y = 0;
  blocks.forEach(({ sb, rt, layerH, h, total }, i) => {
    if (i > 0 && cols[i] !== cols[i - 1]) y = 0;
    const x = POD_X + cols[i] * (POD_W + POD_GAP_X);
    const m = sb.sandbox.metadata;
    out.push({
      sandbox: sb,
      podKey: `${m.namespace}/${m.name}`,
      compact,
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
    y += total + POD_GAP_Y;
  });
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
  // kube-proxy's rules and the connections they rewrite: the kernel's netfilter tables
  if (actor === "kernel" && (e.kind === "iptables" || e.kind === "net")) return "netfilter";
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
