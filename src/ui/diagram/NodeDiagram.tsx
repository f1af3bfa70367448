// The node picture: control plane, kubelet, CRI, containerd, shims, pod sandboxes, kernel.
// Each new trace event travels its seam as a labelled chip; the current step's boxes are lit.
import {
  type Edge,
  Handle,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
  useReactFlow,
  ViewportPortal,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { type CSSProperties, memo, useEffect, useMemo, useRef, useState } from "react";
import type { Container } from "../../sim/cri/types";
import { ContainerState, PodSandboxState } from "../../sim/cri/types";
import type { ContainerIsolation, PullProgress } from "../../sim/node/types";
import type { TraceEvent } from "../../sim/trace";
import { simStore, useSim } from "../../store";
import { chipLabel, coalesceRuleSyncs } from "./chips";
import { type Badge, collapseBadges, containerBadges } from "./isolation";
import Legend from "./Legend";
import {
  type BoxSpec,
  borderPoint,
  boxForActor,
  center,
  POD_W,
  POD_X,
  type PodBox,
  podBoxes,
  runtimeBoxId,
  SERVICE_BOX_IDS,
  staticBoxes,
  staticEdges,
  withLiveText,
} from "./layout";

const STATE_CLASS: Record<ContainerState, string> = {
  [ContainerState.CONTAINER_CREATED]: "created",
  [ContainerState.CONTAINER_RUNNING]: "running",
  [ContainerState.CONTAINER_EXITED]: "exited",
  [ContainerState.CONTAINER_UNKNOWN]: "unknown",
};
const STATE_WORD: Record<ContainerState, string> = {
  [ContainerState.CONTAINER_CREATED]: "Created",
  [ContainerState.CONTAINER_RUNNING]: "Running",
  [ContainerState.CONTAINER_EXITED]: "Exited",
  [ContainerState.CONTAINER_UNKNOWN]: "Unknown",
};

const FLAVOUR_ORDER = ["containerd", "crio", "docker", "cri-dockerd"];

/** Chips on screen at once; older ones leave early at high speed. */
const MAX_CHIPS = 8;
const CHIP_LIFE_MS = 1800;
/** Hops waiting for their turn to be drawn. */
const MAX_QUEUE = 40;
const IMPORTANT = new Set([
  "cri.request",
  "cri.response",
  "cri.error",
  "pull",
  "watch",
  "runtime",
  "iptables",
  "net",
]);

type BoxData = { spec: BoxSpec; active: boolean; onOpen: () => void };
type PodData = {
  pod: PodBox;
  containers: Container[];
  /** Each container's badge row (by container id), already collapsed on a crowded node. */
  badges: Record<string, Badge[]>;
  active: boolean;
  onOpen: (title: string, data: unknown) => void;
};

const hidden: CSSProperties = { left: "50%", top: "50%", opacity: 0, pointerEvents: "none" };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </>
  );
}

const BoxNode = memo(function BoxNode({ data }: NodeProps<Node<BoxData>>) {
  const { spec, active } = data;
  return (
    <button
      type="button"
      className={`box box-${spec.id.split(":")[0]}${active ? " active" : ""}`}
      onClick={data.onOpen}
      data-testid={`box-${spec.id}`}
    >
      <Handles />
      <span className="box-title">{spec.title}</span>
      {spec.sub && <span className="box-sub">{spec.sub.join(" · ")}</span>}
    </button>
  );
});

const PodNode = memo(function PodNode({ data }: NodeProps<Node<PodData>>) {
  const { pod, containers, badges, active, onOpen } = data;
  const sb = pod.sandbox;
  const ready = sb.sandbox.state === PodSandboxState.SANDBOX_READY;
  const podName = sb.sandbox.metadata.name;
  const openSandbox = () =>
    onOpen(`Pod sandbox ${podName}`, { inspect: "sandbox", sandboxId: sb.sandbox.id });
  return (
    <div
      className={`podgroup${ready ? " ready" : " notready"}${active ? " active" : ""}${pod.compact ? " compact" : ""}`}
      data-testid={`sandbox-${podName}`}
    >
      <Handles />
      <button type="button" className="podgroup-title" onClick={openSandbox}>
        pod sandbox <strong>{sb.sandbox.metadata.name}</strong>
        <span className="box-sub">
          {ready ? "SANDBOX_READY" : "SANDBOX_NOTREADY"} · {sb.ip ?? "no IP"}
        </span>
      </button>
      <ul>
        <li
          className={`ctr ${ready ? "running" : "exited"}`}
          title="The pause container holds the pod's network, IPC and UTS namespaces"
        >
          <button type="button" className="linklike" onClick={openSandbox}>
            pause
          </button>
          <span>{ready ? "Running" : "Exited"}</span>
        </li>
        {containers.map((c) => {
          const row = badges[c.id];
          return (
            <li
              key={c.id}
              className={`ctr ${STATE_CLASS[c.state]}${row && !pod.compact ? " with-badges" : ""}`}
            >
              <button
                type="button"
                className="linklike ctr-open"
                data-testid={`ctr-${podName}/${c.metadata.name}`}
                onClick={() =>
                  onOpen(`Container ${c.metadata.name}`, { inspect: "container", containerId: c.id })
                }
              >
                <span className="ctr-name">
                  {c.metadata.name}
                  {c.metadata.attempt > 0 ? ` (attempt ${c.metadata.attempt})` : ""}
                </span>
                {row && row.length > 0 && (
                  <span className="ctr-badges" data-testid="ctr-badges">
                    {row.map((b) => (
                      <span key={b.text} className={`iso-badge ${b.tone}`} title={b.title}>
                        {b.text}
                      </span>
                    ))}
                  </span>
                )}
              </button>
              <span className="ctr-state">{STATE_WORD[c.state]}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
});

const nodeTypes = { box: BoxNode, pod: PodNode };

/** The badge rows of a pod's containers: all badges, or only what differs from a default pod when compact. */
function badgeRows(
  containers: Container[],
  isolation: Record<string, ContainerIsolation> | undefined,
  compact: boolean,
): Record<string, Badge[]> {
  const out: Record<string, Badge[]> = {};
  if (!isolation) return out;
  for (const c of containers) {
    const iso = isolation[c.id];
    if (!iso) continue;
    const all = containerBadges(iso);
    out[c.id] = compact ? collapseBadges(all) : all;
  }
  return out;
}

interface Chip {
  key: number;
  e: TraceEvent;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  born: number;
}

/** The kubelet's periodic relists: drawn small and faint so the pod's own hops stand out. */
const PERIODIC = /^List(PodSandbox|Containers|Images)\(|^(Status|ImageFsInfo|Version)\(/;

function chipClass(e: TraceEvent): string {
  if (e.kind === "cri.error" || /error|fail|oom|killed/i.test(e.summary)) return "chip error";
  return `chip kind-${e.kind.replace(".", "-")}${PERIODIC.test(e.summary) ? " periodic" : ""}`;
}

/** `docker.io/library/nginx:1.27` → `nginx:1.27`, as crictl and kubectl events print it. */
function shortImage(ref: string): string {
  return ref.replace(/^docker\.io\/library\//, "").replace(/^docker\.io\//, "");
}

/** Pulls in flight sit on the containerd ↔ registry seam with live layer progress. */
function PullChips({
  pulls,
  onOpen,
  statics,
}: {
  pulls: PullProgress[];
  onOpen: (p: PullProgress) => void;
  statics: BoxSpec[];
}) {
  const a = statics.find((b) => b.id === "registry");
  if (!a || pulls.length === 0) return null;
  return (
    <>
      {pulls.slice(0, 4).map((p, i) => {
        const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0;
        return (
          <button
            type="button"
            key={p.image}
            className="pull-chip"
            data-testid="pull-chip"
            style={{ transform: `translate(${a.x}px, ${a.y - 34 - i * 30}px)` }}
            onClick={() => onOpen(p)}
          >
            PullImage {shortImage(p.image)} · {p.layersDone}/{p.layersTotal} layers · {pct}%
            <span className="pull-bar" aria-hidden="true">
              <span className="pull-fill" style={{ width: `${pct}%` }} />
            </span>
          </button>
        );
      })}
    </>
  );
}

function FitOnChange({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit whenever the number of pods changes
  useEffect(() => {
    let pending = 0;
    const refit = () => {
      // After the panel settles: the container's size must be final before fitting.
      window.clearTimeout(pending);
      pending = window.setTimeout(() => void fitView({ padding: 0.06, duration: 0 }), 30);
    };
    refit();
    // The panel, not just the window, changes size (viewport, layout switch at 1600 px).
    const el = document.querySelector('[data-testid="diagram"]');
    const ro = el ? new ResizeObserver(refit) : undefined;
    if (el) ro?.observe(el);
    return () => {
      window.clearTimeout(pending);
      ro?.disconnect();
    };
  }, [count, fitView]);
  return null;
}

export default function NodeDiagram() {
  const snapshot = useSim((s) => s.snapshot);
  const events = useSim((s) => s.events);
  const liveAfterId = useSim((s) => s.liveAfterId);
  const currentId = useSim((s) => s.currentEventId);
  const select = useSim((s) => s.select);
  const speed = useSim((s) => s.speed);
  const pods = useMemo(() => podBoxes(snapshot), [snapshot]);
  const current = useMemo(() => events.find((e) => e.id === currentId), [events, currentId]);
  // The runtime flavour decides the runtime boxes (CRI-O; dockershim/cri-dockerd + dockerd + containerd).
  const flavour = snapshot?.flavour?.name ?? "containerd";
  // The kernel's namespace/cgroup counts and kube-proxy's Services and rules follow the snapshot.
  const statics = useMemo(() => withLiveText(staticBoxes(flavour), snapshot), [flavour, snapshot]);

  const boxes = useMemo(() => {
    const m = new Map<string, BoxSpec>();
    for (const b of statics) m.set(b.id, b);
    for (const p of pods) {
      m.set(p.shim.id, p.shim);
      if (p.layer) m.set(p.layer.id, p.layer);
      m.set(p.group.id, p.group);
    }
    return m;
  }, [pods, statics]);

  const activeIds = useMemo(() => {
    if (!current) return new Set<string>();
    return new Set([
      boxForActor(current.from, current, pods, flavour),
      boxForActor(current.to, current, pods, flavour),
    ]);
  }, [current, pods, flavour]);

  // With 110 pods a fresh node object per box on every snapshot would re-render the whole picture
  // 10 times a second: reuse each box's previous object while what it shows is unchanged.
  const nodeCache = useRef(new Map<string, { sig: string; node: Node }>());
  const edgeCache = useRef(new Map<string, { sig: string; edge: Edge }>());
  const nodes = useMemo<Node[]>(() => {
    const cache = nodeCache.current;
    const seenIds = new Set<string>();
    const reuse = (sig: string, make: () => Node): Node => {
      const fresh = make();
      seenIds.add(fresh.id);
      const old = cache.get(fresh.id);
      if (old && old.sig === sig) return old.node;
      cache.set(fresh.id, { sig, node: fresh });
      return fresh;
    };
    const openBox = (spec: BoxSpec) => () => {
      if ((SERVICE_BOX_IDS as readonly string[]).includes(spec.id)) {
        select({ kind: "box", title: spec.title, data: { inspect: "services", focus: spec.id } });
        return;
      }
      const recent = simStore()
        .getState()
        .events.filter((e) => e.from === spec.actor || e.to === spec.actor)
        .slice(-10);
      select({
        kind: "box",
        title: spec.title,
        data: { box: spec.title, parts: spec.sub, recentTraceEvents: recent },
      });
    };
    const out: Node[] = statics.map((b) =>
      reuse(`${activeIds.has(b.id)},${b.title},${b.y},${b.sub?.join("|")}`, () => ({
        id: b.id,
        type: "box",
        position: { x: b.x, y: b.y },
        width: b.w,
        height: b.h,
        style: { width: b.w, height: b.h },
        data: { spec: b, active: activeIds.has(b.id), onOpen: openBox(b) },
      })),
    );
    if (pods.length === 0) {
      // Keep the pod column in the picture (and the layout still) before the first pod exists.
      const ph: BoxSpec = {
        id: "pods-placeholder",
        x: POD_X,
        y: 0,
        w: POD_W,
        h: 160,
        title: "pod sandboxes",
        sub: ["appear here: a shim, the pause container", "and the app containers of each pod"],
      };
      out.push({
        id: ph.id,
        type: "box",
        position: { x: ph.x, y: ph.y },
        width: ph.w,
        height: ph.h,
        style: { width: ph.w, height: ph.h },
        data: { spec: ph, active: false, onOpen: openBox(ph) },
      });
    }
    for (const p of pods) {
      const shimSig = `${p.shim.x},${p.shim.y},${p.shim.title},${activeIds.has(p.shim.id)}`;
      out.push(
        reuse(shimSig, () => ({
          id: p.shim.id,
          type: "box",
          position: { x: p.shim.x, y: p.shim.y },
          width: p.shim.w,
          height: p.shim.h,
          style: { width: p.shim.w, height: p.shim.h },
          data: { spec: p.shim, active: activeIds.has(p.shim.id), onOpen: openBox(p.shim) },
        })),
      );
      if (p.layer) {
        const layer = p.layer;
        out.push(
          reuse(`${layer.x},${layer.y},${activeIds.has(layer.id)}`, () => ({
            id: layer.id,
            type: "box",
            position: { x: layer.x, y: layer.y },
            width: layer.w,
            height: layer.h,
            style: { width: layer.w, height: layer.h },
            data: { spec: layer, active: activeIds.has(layer.id), onOpen: openBox(layer) },
          })),
        );
      }
      const containers = snapshot?.containers.filter((c) => c.podSandboxId === p.sandbox.sandbox.id) ?? [];
      const sb = p.sandbox;
      const badges = badgeRows(containers, snapshot?.isolation, p.compact);
      const groupSig = `${p.group.x},${p.group.y},${p.group.h},${activeIds.has(p.group.id)},${sb.sandbox.state},${sb.ip},${containers.map((c) => `${c.id}:${c.state}:${badges[c.id]?.map((b) => b.text).join("/")}`).join(",")}`;
      out.push(
        reuse(groupSig, () => ({
          id: p.group.id,
          type: "pod",
          position: { x: p.group.x, y: p.group.y },
          width: p.group.w,
          height: p.group.h,
          style: { width: p.group.w, height: p.group.h },
          data: {
            pod: p,
            containers,
            badges,
            active: activeIds.has(p.group.id),
            onOpen: (title: string, data: unknown) => select({ kind: "box", title, data }),
          },
        })),
      );
    }
    for (const id of [...cache.keys()]) if (!seenIds.has(id)) cache.delete(id);
    return out;
  }, [pods, snapshot, activeIds, select, statics]);

  const edges = useMemo<Edge[]>(() => {
    const pairs: [string, string][] = [...staticEdges(flavour)];
    const rt = runtimeBoxId(flavour);
    for (const p of pods) {
      pairs.push([rt, p.shim.id], [p.group.id, "logs"]);
      if (p.layer) pairs.push([p.shim.id, p.layer.id], [p.layer.id, p.group.id]);
      else pairs.push([p.shim.id, p.group.id]);
    }
    const cache = edgeCache.current;
    const out = pairs.map(([a, b]) => {
      const id = `${a}->${b}`;
      const on = activeIds.has(a) && activeIds.has(b);
      const old = cache.get(id);
      if (old && old.sig === String(on)) return old.edge;
      const edge: Edge = {
        id,
        source: a,
        target: b,
        type: "straight",
        style: on ? { stroke: "var(--active)", strokeWidth: 3 } : undefined,
        animated: on,
      };
      cache.set(id, { sig: String(on), edge });
      return edge;
    });
    if (cache.size > out.length * 2)
      for (const k of [...cache.keys()]) if (!out.some((e) => e.id === k)) cache.delete(k);
    return out;
  }, [pods, activeIds, flavour]);

  // New trace events queue up and leave one by one as chips travelling from the sender's box to
  // the receiver's, so a burst (RunPodSandbox, CNI ADD, pause started…) is seen hop by hop. The
  // queue is bounded: under heavy load the oldest low-level hops (logs, kernel) are dropped first.
  const [chips, setChips] = useState<Chip[]>([]);
  const seen = useRef(0);
  const queue = useRef<TraceEvent[]>([]);
  const where = useRef({ boxes, pods, flavour });
  where.current = { boxes, pods, flavour };
  useEffect(() => {
    const floor = Math.max(seen.current, liveAfterId);
    const raw = events.filter((e) => e.id > floor);
    if (raw.length === 0) return;
    seen.current = raw[raw.length - 1].id;
    // one kube-proxy sync is one chip, not one per rule
    const fresh = coalesceRuleSyncs(raw);
    let q = queue.current.concat(fresh);
    if (q.length > MAX_QUEUE) {
      // Drop the oldest low-level hops first, then the oldest of any kind.
      let excess = q.length - MAX_QUEUE;
      q = q.filter((e) => {
        if (excess > 0 && !IMPORTANT.has(e.kind)) {
          excess--;
          return false;
        }
        return true;
      });
      q = q.slice(-MAX_QUEUE);
    }
    queue.current = q;
  }, [events, liveAfterId]);
  useEffect(() => {
    const base = Math.round(220 / Math.sqrt(Math.max(1, speed)));
    let id = 0;
    const tick = () => {
      const now = performance.now();
      const e = queue.current.shift();
      let add: Chip | undefined;
      if (e) {
        const { boxes: bx, pods: ps, flavour: fl } = where.current;
        const a = bx.get(boxForActor(e.from, e, ps, fl));
        const b = bx.get(boxForActor(e.to, e, ps, fl));
        if (a && b) {
          const p0 = center(a);
          const same = a === b;
          const p1 = same ? center(b) : borderPoint(b, p0);
          // For tests and the dev console: the last hops drawn.
          const w = window as unknown as { __sawChips?: string[] };
          w.__sawChips = [...(w.__sawChips ?? []).slice(-199), chipLabel(e)];
          add = {
            key: e.id,
            e,
            x0: p0.x,
            y0: p0.y,
            x1: p1.x + (same ? 40 : 0),
            y1: p1.y + (same ? -30 : 0),
            born: now,
          };
        }
      }
      setChips((c) => {
        const alive = c.filter((x) => now - x.born < CHIP_LIFE_MS);
        if (!add && alive.length === c.length) return c;
        return add ? [...alive, add].slice(-MAX_CHIPS) : alive;
      });
      // A long queue (a burst, or fast stepping) drains faster so the picture keeps up.
      id = window.setTimeout(tick, Math.max(30, base / (1 + queue.current.length / 8)));
    };
    id = window.setTimeout(tick, base);
    return () => window.clearTimeout(id);
  }, [speed]);

  const travelMs = Math.round(900 / Math.sqrt(Math.max(1, speed)));

  return (
    <div className="diagram" data-testid="diagram">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ padding: 0.06 }}
        minZoom={0.3}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <FitOnChange count={pods.length + FLAVOUR_ORDER.indexOf(flavour) * 1000} />
        <ViewportPortal>
          <PullChips
            statics={statics}
            pulls={snapshot?.pulls ?? []}
            onOpen={(p) => select({ kind: "box", title: `Pull of ${shortImage(p.image)}`, data: p })}
          />
          {chips.map((c) => (
            <button
              type="button"
              key={c.key}
              className={chipClass(c.e)}
              style={
                {
                  "--x0": `${c.x0}px`,
                  "--y0": `${c.y0}px`,
                  "--x1": `${c.x1}px`,
                  "--y1": `${c.y1}px`,
                  "--xm": `${(c.x0 + c.x1) / 2}px`,
                  "--ym": `${(c.y0 + c.y1) / 2}px`,
                  "--dur": `${travelMs}ms`,
                } as CSSProperties
              }
              onClick={() => select({ kind: "event", event: c.e })}
              title={`${c.e.from} → ${c.e.to} [${c.e.kind}] ${c.e.summary}`}
            >
              {chipLabel(c.e)}
            </button>
          ))}
        </ViewportPortal>
      </ReactFlow>
      <Legend />
    </div>
  );
}
