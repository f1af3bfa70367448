// A tiny in-memory ApiServerClient for kubelet tests: pods, nodes, events; graceful pod delete; field-selected watch.
import type {
  ApiServerClient,
  EventRecorder,
  KubeObject,
  ListOptions,
  ObjectKind,
  WatchEvent,
} from "../../apiserver/types";
import { ApiError } from "../../apiserver/types";
import type { VirtualClock } from "../../clock";
import { rfc3339 } from "../../clock/time";

interface Watcher {
  kind: ObjectKind;
  node?: string;
  fn: (e: WatchEvent) => void;
}

export interface RecordedEvent {
  kind: string;
  name: string;
  fieldPath?: string;
  type: string;
  reason: string;
  message: string;
  t: number;
}

export class FakeApi implements ApiServerClient {
  readonly store = new Map<string, KubeObject>();
  private readonly watchers: Watcher[] = [];
  readonly events: RecordedEvent[] = [];
  readonly statusWrites: { name: string; status: unknown; t: number }[] = [];
  private rv = 0;

  constructor(private readonly clock: VirtualClock) {}

  readonly recorder: EventRecorder = {
    event: (ref, type, reason, message) =>
      this.events.push({
        kind: ref.kind,
        name: ref.name,
        fieldPath: ref.fieldPath,
        type,
        reason,
        message,
        t: this.clock.now(),
      }),
  };

  private key(kind: ObjectKind, ns: string | undefined, name: string): string {
    return `${kind}/${ns ?? ""}/${name}`;
  }

  private emit(kind: ObjectKind, type: WatchEvent["type"], obj: KubeObject): void {
    for (const w of [...this.watchers]) {
      if (w.kind !== kind) continue;
      if (w.node && (obj.spec as { nodeName?: string } | undefined)?.nodeName !== w.node) continue;
      w.fn({ type, object: structuredClone(obj) });
    }
  }

  create<T extends object = KubeObject>(kind: ObjectKind, obj: T): T {
    const o = structuredClone(obj) as KubeObject;
    o.metadata ??= {};
    o.metadata.uid ??= `uid-${o.metadata.name}`;
    o.metadata.resourceVersion = String(++this.rv);
    o.metadata.creationTimestamp ??= rfc3339(this.clock.wallMs());
    this.store.set(this.key(kind, o.metadata.namespace, o.metadata.name!), o);
    this.emit(kind, "ADDED", o);
    return structuredClone(o) as T;
  }
  get<T extends object = KubeObject>(kind: ObjectKind, ns: string | undefined, name: string): T {
    const o = this.tryGet<T>(kind, ns, name);
    if (!o) throw new ApiError(404, "NotFound", `${kind.toLowerCase()}s "${name}" not found`);
    return o;
  }
  tryGet<T extends object = KubeObject>(
    kind: ObjectKind,
    ns: string | undefined,
    name: string,
  ): T | undefined {
    const o = this.store.get(this.key(kind, ns, name));
    return o ? (structuredClone(o) as T) : undefined;
  }
  list<T extends object = KubeObject>(kind: ObjectKind, _opts?: ListOptions): T[] {
    return [...this.store.entries()]
      .filter(([k]) => k.startsWith(`${kind}/`))
      .map(([, o]) => structuredClone(o) as T);
  }
  update<T extends object = KubeObject>(kind: ObjectKind, obj: T): T {
    const o = structuredClone(obj) as KubeObject;
    this.store.set(this.key(kind, o.metadata?.namespace, o.metadata!.name!), o);
    this.emit(kind, "MODIFIED", o);
    return structuredClone(o) as T;
  }
  updateStatus<T extends object = KubeObject>(
    kind: ObjectKind,
    ns: string | undefined,
    name: string,
    status: unknown,
  ): T {
    const o = this.get<KubeObject>(kind, ns, name);
    o.status = structuredClone(status);
    if (kind === "Pod") this.statusWrites.push({ name, status, t: this.clock.now() });
    return this.update(kind, o) as unknown as T;
  }
  delete(
    kind: ObjectKind,
    ns: string | undefined,
    name: string,
    opts: { gracePeriodSeconds?: number } = {},
  ): KubeObject | undefined {
    const o = this.get(kind, ns, name);
    const spec = o.spec as { terminationGracePeriodSeconds?: number } | undefined;
    const grace = opts.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
    if (grace === 0 || kind !== "Pod") {
      this.store.delete(this.key(kind, ns, name));
      this.emit(kind, "DELETED", o);
      return o;
    }
    o.metadata!.deletionTimestamp = rfc3339(this.clock.wallMs() + grace * 1000);
    o.metadata!.deletionGracePeriodSeconds = grace;
    return this.update(kind, o);
  }
  watch<T extends object = KubeObject>(
    kind: ObjectKind,
    opts: ListOptions,
    fn: (e: WatchEvent<T>) => void,
  ): () => void {
    const node = /spec\.nodeName=([^,]+)/.exec(opts.fieldSelector ?? "")?.[1];
    const w: Watcher = { kind, node, fn: fn as (e: WatchEvent) => void };
    this.watchers.push(w);
    for (const o of this.list<KubeObject>(kind))
      if (!node || (o.spec as { nodeName?: string })?.nodeName === node) w.fn({ type: "ADDED", object: o });
    return () => this.watchers.splice(this.watchers.indexOf(w), 1);
  }

  pod(name: string, ns = "default"): KubeObject | undefined {
    return this.tryGet("Pod", ns, name);
  }
}
