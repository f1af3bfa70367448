// k8s: staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go — simplified: synchronous, ordered fan-out of watch events.
import { isNamespaced } from "./registry";
import { type FieldSelector, type LabelSelector, parseFieldSelector, parseLabelSelector } from "./selectors";
import type { KubeObject, ListOptions, ObjectKind, WatchEvent, WatchEventType } from "./types";

export interface StoreEvent {
  kind: ObjectKind;
  type: WatchEventType;
  old?: KubeObject;
  obj: KubeObject;
  /** Global resourceVersion after the write. */
  rv: number;
}

interface Watcher {
  kind: ObjectKind;
  namespace?: string;
  labels: LabelSelector;
  fields: FieldSelector;
  listener: (e: WatchEvent) => void;
  /** Events at or before this resourceVersion were already in the initial list. */
  startRv: number;
  active: boolean;
}

export function matches(
  o: KubeObject,
  kind: ObjectKind,
  ns: string | undefined,
  l: LabelSelector,
  f: FieldSelector,
): boolean {
  if (ns !== undefined && isNamespaced(kind) && o.metadata?.namespace !== ns) return false;
  return l(o.metadata?.labels) && f(o);
}

export class WatchHub {
  /** Watchers per kind, in registration order; arrays are replaced, never mutated (delivery iterates them). */
  private readonly watchers = new Map<ObjectKind, readonly Watcher[]>();
  private readonly queue: StoreEvent[] = [];
  private dispatching = false;

  /** Registers a watcher and sends ADDED for each of `existing` that matches, synchronously. */
  watch(
    kind: ObjectKind,
    opts: ListOptions,
    listener: (e: WatchEvent) => void,
    rv: number,
    existing: readonly KubeObject[],
  ): () => void {
    const w: Watcher = {
      kind,
      namespace: opts.namespace,
      labels: parseLabelSelector(opts.labelSelector),
      fields: parseFieldSelector(kind, opts.fieldSelector),
      listener,
      startRv: rv,
      active: true,
    };
    this.watchers.set(kind, [...(this.watchers.get(kind) ?? []), w]);
    for (const o of existing)
      if (w.active && matches(o, kind, w.namespace, w.labels, w.fields))
        w.listener({ type: "ADDED", object: o });
    return () => {
      w.active = false;
      const rest = (this.watchers.get(kind) ?? []).filter((x) => x !== w);
      if (rest.length) this.watchers.set(kind, rest);
      else this.watchers.delete(kind);
    };
  }

  /** Events are queued and delivered in order, so a listener that writes never reorders what others see. */
  emit(ev: StoreEvent): void {
    this.queue.push(ev);
    if (this.dispatching) return;
    this.dispatching = true;
    let firstError: unknown;
    try {
      for (let e = this.queue.shift(); e; e = this.queue.shift()) {
        for (const w of this.watchers.get(e.kind) ?? []) {
          try {
            this.deliver(w, e);
          } catch (err) {
            firstError ??= err;
          }
        }
      }
    } finally {
      this.dispatching = false;
    }
    if (firstError !== undefined) throw firstError;
  }

  private deliver(w: Watcher, ev: StoreEvent): void {
    if (!w.active || w.kind !== ev.kind || ev.rv <= w.startRv) return;
    const now = matches(ev.obj, ev.kind, w.namespace, w.labels, w.fields);
    const before = ev.old ? matches(ev.old, ev.kind, w.namespace, w.labels, w.fields) : now;
    // A selector watch sees an object entering as ADDED and leaving as DELETED.
    let type: WatchEventType | undefined = ev.type;
    if (ev.type === "MODIFIED")
      type = now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : undefined;
    else if (!now) type = undefined;
    if (type) w.listener({ type, object: ev.obj });
  }
}
