// One browser session on the backend: which sandboxes and containers it made (all carry the label
// k8s-node-sim.session=<id>), its container-event feed, and the clean-up after it disconnects.
// The runtime is shared with everything else on the host: a session sees and touches only its own.
import type { CriCallError, CriClient } from "./criClient";
import { Code, PolicyError } from "./policy";

export const SESSION_LABEL = "k8s-node-sim.session";

type Send = (msg: unknown) => void;

export class Session {
  readonly id: string;
  send: Send | undefined;
  readonly sandboxes = new Set<string>();
  readonly containers = new Set<string>();
  graceTimer: NodeJS.Timeout | undefined;
  private stopEvents: (() => void) | undefined;

  constructor(
    id: string,
    private readonly cri: CriClient,
    private readonly pollMs: number,
    private readonly log: (s: string) => void,
  ) {
    this.id = id;
  }

  get selector(): Record<string, string> {
    return { [SESSION_LABEL]: this.id };
  }

  /** Adds the session label to a config's labels (sandbox or container). */
  label(config: any): void {
    if (!config) return;
    config.labels = { ...(config.labels ?? {}), [SESSION_LABEL]: this.id };
  }

  /** Restricts a List* filter to this session's objects. */
  scopeFilter(req: any): any {
    const r = { ...(req ?? {}) };
    r.filter = { ...(r.filter ?? {}) };
    r.filter.labelSelector = { ...(r.filter.labelSelector ?? {}), ...this.selector };
    return r;
  }

  /** Resolves an id the page names to one of this session's objects, or throws NotFound as the runtime would. */
  async own(kind: "sandbox" | "container", id: string): Promise<void> {
    const set = kind === "sandbox" ? this.sandboxes : this.containers;
    if (set.has(id)) return;
    // Not seen on this connection (backend restart, id prefix): ask the runtime, label-scoped.
    const found =
      kind === "sandbox"
        ? ((await this.cri.call("ListPodSandbox", { filter: { id, labelSelector: this.selector } })).items ??
          [])
        : ((await this.cri.call("ListContainers", { filter: { id, labelSelector: this.selector } }))
            .containers ?? []);
    if (found.length === 0)
      // containerd's own wording for an unknown id (pkg/cri/store): the page cannot tell foreign from absent
      throw new PolicyError(Code.NotFound, `an error occurred when try to find ${kind} "${id}": not found`);
    for (const o of found) set.add(o.id);
  }

  /** Starts the GetContainerEvents feed: the runtime's stream, or polling when it is Unimplemented (containerd 1.6). */
  subscribeEvents(): void {
    if (this.stopEvents) return;
    let stopped = false;
    let cancelStream: (() => void) | undefined = this.cri.containerEvents(
      (e) => {
        const labels = e.containersStatuses?.[0]?.labels ?? e.podSandboxStatus?.labels ?? {};
        if (this.containers.has(e.containerId) || labels[SESSION_LABEL] === this.id) this.emit(e);
      },
      (err: CriCallError) => {
        cancelStream = undefined;
        if (stopped) return;
        if (err.code !== Code.Unimplemented)
          this.log(`container events stream: ${err.details}; polling instead`);
        this.startPolling(() => stopped);
      },
    );
    this.stopEvents = () => {
      stopped = true;
      cancelStream?.();
      this.stopEvents = undefined;
    };
  }

  unsubscribeEvents(): void {
    this.stopEvents?.();
  }

  private emit(event: unknown): void {
    this.send?.({ stream: "containerEvents", event });
  }

  private startPolling(isStopped: () => boolean): void {
    const known = new Map<string, number>();
    let first = true;
    const tick = async (): Promise<void> => {
      if (isStopped()) return;
      try {
        const { containers = [] } = await this.cri.call(
          "ListContainers",
          { filter: { labelSelector: this.selector } },
          5000,
        );
        const seen = new Set<string>();
        for (const c of containers) {
          seen.add(c.id);
          const prev = known.get(c.id);
          known.set(c.id, c.state);
          if (first || prev === c.state) continue;
          // created → 0, running → 1, exited → 2 (ContainerEventType numbering follows ContainerState here)
          // a poll may skip a step (created and already exited): emit each step in order
          for (let t = prev === undefined ? 0 : prev + 1; t <= Math.min(c.state, 2); t++)
            await this.emitFor(c.id, t);
        }
        for (const id of [...known.keys()]) {
          if (seen.has(id)) continue;
          known.delete(id);
          if (!first) this.emit({ containerId: id, containerEventType: 3, createdAt: Date.now() * 1e6 });
        }
        first = false;
      } catch {
        // runtime down: the monitor tells the page; keep polling
      }
      if (!isStopped()) setTimeout(tick, this.pollMs);
    };
    void tick();
  }

  private async emitFor(containerId: string, type: number): Promise<void> {
    let containersStatuses: unknown[] | undefined;
    try {
      const r = await this.cri.call("ContainerStatus", { containerId }, 5000);
      containersStatuses = [r.status];
    } catch {
      containersStatuses = undefined;
    }
    this.emit({ containerId, containerEventType: type, createdAt: Date.now() * 1e6, containersStatuses });
  }

  /** Stops and removes everything this session created (looked up by label, so nothing is missed). */
  async cleanUp(): Promise<number> {
    this.unsubscribeEvents();
    const { items = [] } = await this.cri.call("ListPodSandbox", {
      filter: { labelSelector: this.selector },
    });
    for (const s of items) {
      await this.cri.call("StopPodSandbox", { podSandboxId: s.id }).catch(() => undefined);
      await this.cri.call("RemovePodSandbox", { podSandboxId: s.id });
    }
    const { containers = [] } = await this.cri.call("ListContainers", {
      filter: { labelSelector: this.selector },
    });
    for (const c of containers)
      await this.cri.call("RemoveContainer", { containerId: c.id }).catch(() => undefined);
    this.sandboxes.clear();
    this.containers.clear();
    return items.length;
  }
}
