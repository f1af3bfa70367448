// Where each box of the node picture sits (flow coordinates), and which box a trace actor maps to.
import type { NodeSnapshot, SandboxView } from "../../sim/node/types";
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

export const POD_X = 590;
export const POD_W = 230;
const SHIM_H = 30;
const ROW_H = 26;

export interface PodBox {
  sandbox: SandboxView;
  shim: BoxSpec;
  group: BoxSpec;
  podKey: string;
}

/** One shim box + one group box per pod sandbox, stacked in columns right of the runtime. */
export function podBoxes(snap: NodeSnapshot | undefined): PodBox[] {
  if (!snap) return [];
  const out: PodBox[] = [];
  let y = 0;
  let col = 0;
  for (const sb of snap.sandboxes) {
    const n = snap.containers.filter((c) => c.podSandboxId === sb.sandbox.id).length;
    const h = 44 + ROW_H * (n + 1);
    if (y > 0 && y + SHIM_H + h > 400) {
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
        title: "containerd-shim-runc-v2",
        actor: "shim",
      },
      group: {
        id: `pod:${sb.sandbox.id}`,
        x,
        y: y + SHIM_H + 8,
        w: POD_W,
        h,
        title: m.name,
        actor: "container",
      },
    });
    y += SHIM_H + 8 + h + 18;
  }
  return out;
}

/** The box a hop leaves from or arrives at: a pod's own shim/group when the event names its pod. */
export function boxForActor(actor: Actor, e: TraceEvent, pods: PodBox[]): string {
  if (actor === "shim" || actor === "container") {
    // Prefer the newest sandbox of the pod (a re-created sandbox replaces the old one).
    const p = [...pods]
      .reverse()
      .find((b) => b.podKey === e.pod || b.podKey.endsWith(`/${e.pod ?? "\u0000"}`));
    if (p) return actor === "shim" ? p.shim.id : p.group.id;
    return actor === "shim" ? "containerd" : "kernel";
  }
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
