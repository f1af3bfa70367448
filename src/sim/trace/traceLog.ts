// Every hop across a seam is recorded as plain data: the diagram, narrator, timeline and tests read it.

/** The boxes of the node picture that a hop travels between. */
export type Actor =
  | "user"
  | "apiserver"
  | "scheduler"
  | "kubelet"
  | "cri"
  | "containerd"
  | "shim"
  | "cni"
  | "registry"
  | "kernel"
  | "container"
  | "logs"
  // runtime flavours (src/sim/runtime/flavours): CRI-O and its per-container monitor, the Docker path
  | "crio"
  | "conmon"
  | "dockershim"
  | "dockerd"
  | "cri-dockerd"
  // sandboxed runtime handlers under a pod: gVisor's Sentry, Kata's VM
  | "gvisor"
  | "kata"
  // Services: kube-proxy programs the kernel's iptables; the controller manager keeps Endpoints; cluster DNS
  | "kube-proxy"
  | "controller-manager"
  | "dns";

export type TraceKind =
  | "watch" // API server → kubelet watch event
  | "api" // a request to the API server (create, status patch, event)
  | "cri.request" // kubelet → runtime
  | "cri.response" // runtime → kubelet (ok)
  | "cri.error" // runtime → kubelet (error)
  | "pull" // runtime ↔ registry (manifest, layer progress)
  | "cni" // runtime → CNI plugin
  | "kernel" // namespaces, cgroups, processes, OOM
  | "log" // a container's output line
  | "probe" // prober
  | "event" // a Kubernetes Event was recorded
  | "daemon" // systemd-ish: containerd/kubelet started, stopped, crashed
  | "runtime" // a hop inside the runtime stack: dockershim/cri-dockerd → dockerd → containerd
  | "status" // kubelet status manager → API server
  | "iptables" // kube-proxy → kernel: a rule or chain added or removed (iptables-restore)
  | "net"; // a connection or DNS query: DNAT to an endpoint, REJECT, an answer

export interface TraceEvent {
  id: number;
  /** Virtual ms. */
  t: number;
  from: Actor;
  to: Actor;
  kind: TraceKind;
  /** One line a learner can read: `RunPodSandbox(web)`. */
  summary: string;
  /** Request/response data, plain JSON-able. */
  detail?: Record<string, unknown>;
  /** The event that caused this one (e.g. the request a response answers). */
  causeId?: number;
  /** Pod this hop concerns, `namespace/name`, when known. */
  pod?: string;
}

export type TraceInput = Omit<TraceEvent, "id" | "t">;
export type TraceListener = (e: TraceEvent) => void;

/**
 * Only the newest this-many events keep their `detail` (request/response data); older ones keep their
 * line. The UI holds the last few hundred and the inspector opens those, so what old details would
 * cost is memory the node keeps forever: most of a busy node's heap after an hour.
 */
export const TRACE_DETAIL_WINDOW = 20_000;

/** Distinct pod keys the interning table holds before it starts afresh. */
const INTERNED_MAX = 10_000;

export class TraceLog {
  private events: TraceEvent[] = [];
  /** How many events at the front of `events` have had their detail dropped. */
  private stripped = 0;
  private listeners = new Set<TraceListener>();
  private nextId = 1;
  /** Oldest events are dropped beyond this many (the UI and tests read recent history). */
  private readonly capacity: number;
  enabled = true;

  constructor(
    private readonly now: () => number,
    capacity = 200_000,
    /** First id to hand out (a rebuilt node continues its predecessor's numbering). */
    firstId = 1,
  ) {
    this.capacity = capacity;
    this.nextId = firstId;
  }

  /** Move every subscriber to `next` (the node was rebuilt: whoever watched the old log keeps watching). */
  handOver(next: TraceLog): void {
    for (const l of this.listeners) next.listeners.add(l);
    this.listeners.clear();
  }

  /**
   * One string per pod key: the history keeps ~100,000 events an hour, most of them about a pod,
   * each with its `namespace/name` built fresh.
   */
  private strings = new Map<string, string>();

  private intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    if (this.strings.size >= INTERNED_MAX) this.strings.clear();
    this.strings.set(s, s);
    return s;
  }

  record(e: TraceInput): TraceEvent {
    // One object of a fixed shape (a spread copy would keep its fields in a separate property array):
    // the history holds a hundred thousand of these per virtual hour.
    const ev: TraceEvent = {
      id: this.nextId++,
      t: this.now(),
      from: e.from,
      to: e.to,
      kind: e.kind,
      summary: e.summary,
      detail: e.detail,
      causeId: e.causeId,
      pod: e.pod === undefined ? undefined : this.intern(e.pod),
    };
    if (!this.enabled) return ev;
    const events = this.events;
    events.push(ev);
    if (events.length - this.stripped > TRACE_DETAIL_WINDOW) events[this.stripped++].detail = undefined;
    // Trim in batches so a full log stays O(1) per record.
    if (events.length > this.capacity + (this.capacity >> 2)) {
      const drop = events.length - this.capacity;
      events.splice(0, drop);
      this.stripped = Math.max(0, this.stripped - drop);
    }
    for (const l of this.listeners) l(ev);
    return ev;
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events with id > `id`. */
  since(id: number): TraceEvent[] {
    const ev = this.events;
    let lo = 0;
    let hi = ev.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ev[mid].id <= id) lo = mid + 1;
      else hi = mid;
    }
    return ev.slice(lo);
  }

  all(): readonly TraceEvent[] {
    return this.events;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  get size(): number {
    return this.events.length;
  }
}

/** One trace event per line, as `sim trace` prints it. */
export function formatTraceEvent(e: TraceEvent): string {
  const secs = (e.t / 1000).toFixed(3).padStart(9);
  const cause = e.causeId ? ` <-#${e.causeId}` : "";
  return `#${e.id} ${secs}s ${e.from} -> ${e.to} [${e.kind}] ${e.summary}${cause}`;
}
