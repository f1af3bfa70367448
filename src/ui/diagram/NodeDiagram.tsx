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
import type { TraceEvent } from "../../sim/trace";
import { simStore, useSim } from "../../store";
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
  STATIC_BOXES,
  STATIC_EDGES,
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

/** Chips on screen at once; older ones leave early at high speed. */
const MAX_CHIPS = 8;
const CHIP_LIFE_MS = 1800;

type BoxData = { spec: BoxSpec; active: boolean; onOpen: () => void };
type PodData = {
  pod: PodBox;
  containers: Container[];
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
  const { pod, containers, active, onOpen } = data;
  const sb = pod.sandbox;
  const ready = sb.sandbox.state === PodSandboxState.SANDBOX_READY;
  return (
    <div
      className={`podgroup${ready ? " ready" : " notready"}${active ? " active" : ""}`}
      data-testid={`sandbox-${sb.sandbox.metadata.name}`}
    >
      <Handles />
      <button
        type="button"
        className="podgroup-title"
        onClick={() => onOpen(`Pod sandbox ${sb.sandbox.metadata.name}`, sb)}
      >
        pod sandbox <strong>{sb.sandbox.metadata.name}</strong>
        <span className="box-sub">
          {ready ? "SANDBOX_READY" : "SANDBOX_NOTREADY"} · {sb.ip ?? "no IP"}
        </span>
      </button>
      <ul>
        <li
          className={`ctr ${ready ? "running" : "exited"}`}
          title="The pause container holds the pod's network namespace"
        >
          pause <span>{ready ? "Running" : "Exited"}</span>
        </li>
        {containers.map((c) => (
          <li key={c.id} className={`ctr ${STATE_CLASS[c.state]}`}>
            <button
              type="button"
              className="linklike"
              onClick={() => onOpen(`Container ${c.metadata.name}`, c)}
            >
              {c.metadata.name}
              {c.metadata.attempt > 0 ? ` (attempt ${c.metadata.attempt})` : ""}
            </button>
            <span>{STATE_WORD[c.state]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});

const nodeTypes = { box: BoxNode, pod: PodNode };

interface Chip {
  key: number;
  e: TraceEvent;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  born: number;
}

function chipClass(e: TraceEvent): string {
  if (e.kind === "cri.error" || /error|fail|oom|killed/i.test(e.summary)) return "chip error";
  return `chip kind-${e.kind.replace(".", "-")}`;
}

function FitOnChange({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit whenever the number of pods changes
  useEffect(() => {
    const fit = () => void fitView({ padding: 0.06, duration: 0 });
    const id = window.setTimeout(fit, 30);
    window.addEventListener("resize", fit);
    return () => {
      window.clearTimeout(id);
      window.removeEventListener("resize", fit);
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

  const boxes = useMemo(() => {
    const m = new Map<string, BoxSpec>();
    for (const b of STATIC_BOXES) m.set(b.id, b);
    for (const p of pods) {
      m.set(p.shim.id, p.shim);
      m.set(p.group.id, p.group);
    }
    return m;
  }, [pods]);

  const activeIds = useMemo(() => {
    if (!current) return new Set<string>();
    return new Set([boxForActor(current.from, current, pods), boxForActor(current.to, current, pods)]);
  }, [current, pods]);

  const nodes = useMemo<Node[]>(() => {
    const openBox = (spec: BoxSpec) => () => {
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
    const out: Node[] = STATIC_BOXES.map((b) => ({
      id: b.id,
      type: "box",
      position: { x: b.x, y: b.y },
      width: b.w,
      height: b.h,
      style: { width: b.w, height: b.h },
      data: { spec: b, active: activeIds.has(b.id), onOpen: openBox(b) },
    }));
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
      out.push({
        id: p.shim.id,
        type: "box",
        position: { x: p.shim.x, y: p.shim.y },
        width: p.shim.w,
        height: p.shim.h,
        style: { width: p.shim.w, height: p.shim.h },
        data: { spec: p.shim, active: activeIds.has(p.shim.id), onOpen: openBox(p.shim) },
      });
      out.push({
        id: p.group.id,
        type: "pod",
        position: { x: p.group.x, y: p.group.y },
        width: p.group.w,
        height: p.group.h,
        style: { width: p.group.w, height: p.group.h },
        data: {
          pod: p,
          containers: snapshot?.containers.filter((c) => c.podSandboxId === p.sandbox.sandbox.id) ?? [],
          active: activeIds.has(p.group.id),
          onOpen: (title: string, data: unknown) => select({ kind: "box", title, data }),
        },
      });
    }
    return out;
  }, [pods, snapshot, activeIds, select]);

  const edges = useMemo<Edge[]>(() => {
    const pairs: [string, string][] = [...STATIC_EDGES];
    for (const p of pods)
      pairs.push(["containerd", p.shim.id], [p.shim.id, p.group.id], [p.group.id, "logs"]);
    return pairs.map(([a, b]) => ({
      id: `${a}->${b}`,
      source: a,
      target: b,
      type: "straight",
      style: activeIds.has(a) && activeIds.has(b) ? { stroke: "var(--active)", strokeWidth: 3 } : undefined,
      animated: activeIds.has(a) && activeIds.has(b),
    }));
  }, [pods, activeIds]);

  // New trace events become chips travelling from the sender's box to the receiver's.
  const [chips, setChips] = useState<Chip[]>([]);
  const seen = useRef(0);
  useEffect(() => {
    const floor = Math.max(seen.current, liveAfterId);
    const fresh = events.filter((e) => e.id > floor);
    if (fresh.length === 0) return;
    seen.current = fresh[fresh.length - 1].id;
    const now = performance.now();
    const add: Chip[] = [];
    for (const e of fresh.slice(-MAX_CHIPS)) {
      const a = boxes.get(boxForActor(e.from, e, pods));
      const b = boxes.get(boxForActor(e.to, e, pods));
      if (!a || !b) continue;
      const p0 = center(a);
      const p1 = a === b ? center(b) : borderPoint(b, p0);
      const same = a === b;
      add.push({
        key: e.id,
        e,
        x0: p0.x,
        y0: p0.y,
        x1: p1.x + (same ? 40 : 0),
        y1: p1.y + (same ? -30 : 0),
        born: now,
      });
    }
    setChips((c) => [...c, ...add].slice(-MAX_CHIPS));
  }, [events, liveAfterId, boxes, pods]);
  useEffect(() => {
    if (chips.length === 0) return;
    const id = window.setInterval(() => {
      const now = performance.now();
      setChips((c) => c.filter((x) => now - x.born < CHIP_LIFE_MS));
    }, 300);
    return () => window.clearInterval(id);
  }, [chips.length]);

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
        <FitOnChange count={pods.length} />
        <ViewportPortal>
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
              title={`${c.e.from} → ${c.e.to} [${c.e.kind}]`}
            >
              {c.e.summary}
            </button>
          ))}
        </ViewportPortal>
      </ReactFlow>
      <Legend />
    </div>
  );
}
