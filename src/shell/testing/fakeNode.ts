// A small stand-in SimNode for the shell's tests: an in-memory API server (labels, simple field
// selectors, watch, graceful pod deletion on the clock), a CRI whose only live call is ExecSync,
// and faults that just record their calls. The real node is assembled in src/sim/node.
import {
  ApiError,
  type ApiServerClient,
  type DeleteOptions,
  type KubeObject,
  type ListOptions,
  type ObjectKind,
  type WatchEvent,
} from "../../sim/apiserver/types";
import { Rng, rfc3339, VirtualClock } from "../../sim/clock";
import type { ImageService, RuntimeService } from "../../sim/cri/services";
import type { ExecSyncResponse } from "../../sim/cri/types";
import { NodeFs } from "../../sim/node/fs";
import { Journal, Unit } from "../../sim/node/systemd";
import type { Faults, SimNode } from "../../sim/node/types";
import { Deferred } from "../../sim/task";
import { TraceLog } from "../../sim/trace";

const CLUSTER_SCOPED = new Set<ObjectKind>([
  "Node",
  "Namespace",
  "RuntimeClass",
  "PersistentVolume",
  "StorageClass",
]);
const PLURAL: Record<ObjectKind, string> = {
  Pod: "pods",
  Node: "nodes",
  Event: "events",
  Namespace: "namespaces",
  ConfigMap: "configmaps",
  Secret: "secrets",
  ServiceAccount: "serviceaccounts",
  Service: "services",
  Endpoints: "endpoints",
  EndpointSlice: "endpointslices",
  RuntimeClass: "runtimeclasses",
  Lease: "leases.coordination.k8s.io",
  Deployment: "deployments.apps",
  ReplicaSet: "replicasets.apps",
  DaemonSet: "daemonsets.apps",
  StatefulSet: "statefulsets.apps",
  ReplicationController: "replicationcontrollers",
  ControllerRevision: "controllerrevisions.apps",
  Job: "jobs.batch",
  LimitRange: "limitranges",
  ResourceQuota: "resourcequotas",
  CronJob: "cronjobs.batch",
  PersistentVolume: "persistentvolumes",
  PersistentVolumeClaim: "persistentvolumeclaims",
  StorageClass: "storageclasses.storage.k8s.io",
  PodDisruptionBudget: "poddisruptionbudgets.policy",
  Role: "roles.rbac.authorization.k8s.io",
  RoleBinding: "rolebindings.rbac.authorization.k8s.io",
  ClusterRole: "clusterroles.rbac.authorization.k8s.io",
  ClusterRoleBinding: "clusterrolebindings.rbac.authorization.k8s.io",
};

function matchLabels(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(",").every((term) => {
    const t = term.trim();
    const ne = t.match(/^([^!=]+)!=(.*)$/);
    if (ne) return labels?.[ne[1]] !== ne[2];
    const eq = t.match(/^([^=]+)==?(.*)$/);
    if (eq) return labels?.[eq[1]] === eq[2];
    if (t.startsWith("!")) return labels?.[t.slice(1)] === undefined;
    return labels?.[t] !== undefined;
  });
}

function fieldValue(o: KubeObject, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
      o,
    );
}

function matchFields(o: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(",").every((t) => {
    const [k, v] = t.split("=");
    return String(fieldValue(o, k) ?? "") === v;
  });
}

export class FakeApi implements ApiServerClient {
  private store = new Map<string, KubeObject>();
  private watchers = new Set<{ kind: ObjectKind; opts: ListOptions; fn: (e: WatchEvent) => void }>();
  private rv = 100;
  private uid = 0;
  /** Errors to throw from the next create, keyed by kind (tests of kubectl's error wording). */
  failNextCreate?: ApiError;

  constructor(private readonly clock: VirtualClock) {}

  private key(kind: ObjectKind, ns: string | undefined, name: string): string {
    return `${kind}/${CLUSTER_SCOPED.has(kind) ? "" : (ns ?? "default")}/${name}`;
  }

  private notify(kind: ObjectKind, type: WatchEvent["type"], obj: KubeObject): void {
    for (const w of this.watchers) {
      if (w.kind !== kind) continue;
      if (w.opts.namespace && obj.metadata?.namespace !== w.opts.namespace) continue;
      if (!matchLabels(obj.metadata?.labels, w.opts.labelSelector)) continue;
      w.fn({ type, object: structuredClone(obj) });
    }
  }

  /** Put an object in the store as-is (tests build statuses by hand). */
  seed<T extends object>(kind: ObjectKind, obj: T): T {
    const o = structuredClone(obj) as unknown as KubeObject;
    o.kind ??= kind;
    o.metadata ??= {};
    if (!CLUSTER_SCOPED.has(kind)) o.metadata.namespace ??= "default";
    o.metadata.uid ??= `uid-${++this.uid}`;
    o.metadata.resourceVersion = String(++this.rv);
    o.metadata.creationTimestamp ??= rfc3339(this.clock.wallMs());
    this.store.set(this.key(kind, o.metadata.namespace, o.metadata.name ?? ""), o);
    this.notify(kind, "ADDED", o);
    return obj;
  }

  create<T extends object = KubeObject>(kind: ObjectKind, input: T): T {
    const obj = input as KubeObject;
    if (this.failNextCreate) {
      const e = this.failNextCreate;
      this.failNextCreate = undefined;
      throw e;
    }
    const name = obj.metadata?.name ?? "";
    const k = this.key(kind, obj.metadata?.namespace, name);
    if (this.store.has(k))
      throw new ApiError(409, "AlreadyExists", `${PLURAL[kind]} "${name}" already exists`);
    // The API server starts every pod in phase Pending.
    this.seed(kind, kind === "Pod" && !obj.status ? { ...obj, status: { phase: "Pending" } } : obj);
    return structuredClone(this.store.get(k)) as T;
  }

  get<T extends object = KubeObject>(kind: ObjectKind, namespace: string | undefined, name: string): T {
    const o = this.tryGet<T>(kind, namespace, name);
    if (!o) throw new ApiError(404, "NotFound", `${PLURAL[kind]} "${name}" not found`);
    return o;
  }

  tryGet<T extends object = KubeObject>(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    const o = this.store.get(this.key(kind, namespace, name));
    return o ? (structuredClone(o) as T) : undefined;
  }

  list<T extends object = KubeObject>(kind: ObjectKind, opts: ListOptions = {}): T[] {
    const out: T[] = [];
    for (const [k, o] of this.store) {
      if (!k.startsWith(`${kind}/`)) continue;
      if (opts.namespace && !CLUSTER_SCOPED.has(kind) && o.metadata?.namespace !== opts.namespace) continue;
      if (!matchLabels(o.metadata?.labels, opts.labelSelector) || !matchFields(o, opts.fieldSelector))
        continue;
      out.push(structuredClone(o) as T);
    }
    return out;
  }

  update<T extends object = KubeObject>(kind: ObjectKind, input: T): T {
    const obj = input as KubeObject;
    const k = this.key(kind, obj.metadata?.namespace, obj.metadata?.name ?? "");
    if (!this.store.has(k))
      throw new ApiError(404, "NotFound", `${PLURAL[kind]} "${obj.metadata?.name}" not found`);
    const o = structuredClone(obj) as KubeObject;
    o.metadata = { ...o.metadata, resourceVersion: String(++this.rv) };
    this.store.set(k, o);
    this.notify(kind, "MODIFIED", o);
    return structuredClone(o) as T;
  }

  updateStatus<T extends object = KubeObject>(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
    status: unknown,
  ): T {
    const o = this.get<KubeObject>(kind, namespace, name);
    return this.update(kind, { ...o, status } as unknown as T);
  }

  delete(
    kind: ObjectKind,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): KubeObject | undefined {
    const k = this.key(kind, namespace, name);
    const o = this.store.get(k);
    if (!o) throw new ApiError(404, "NotFound", `${PLURAL[kind]} "${name}" not found`);
    const grace =
      opts.gracePeriodSeconds ??
      (o.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ??
      30;
    if (kind === "Pod" && grace > 0 && (o.spec as { nodeName?: string } | undefined)?.nodeName) {
      // The kubelet finishes a graceful delete after stopping the containers; here: after the grace period.
      o.metadata = {
        ...o.metadata,
        deletionTimestamp: rfc3339(this.clock.wallMs() + grace * 1000),
        deletionGracePeriodSeconds: grace,
      };
      this.notify(kind, "MODIFIED", o);
      this.clock.setTimer(grace * 1000, () => this.remove(kind, k));
      return structuredClone(o);
    }
    this.remove(kind, k);
    return structuredClone(o);
  }

  private remove(kind: ObjectKind, k: string): void {
    const o = this.store.get(k);
    if (!o) return;
    this.store.delete(k);
    this.notify(kind, "DELETED", o);
  }

  watch<T extends object = KubeObject>(
    kind: ObjectKind,
    opts: ListOptions,
    listener: (e: WatchEvent<T>) => void,
  ): () => void {
    for (const o of this.list(kind, opts)) listener({ type: "ADDED", object: o as T });
    const w = { kind, opts, fn: listener as (e: WatchEvent) => void };
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }
}

export interface FakeNode extends SimNode {
  api: FakeApi;
  faultCalls: { name: string; args: unknown[] }[];
  /** ExecSync answers by command line (joined with spaces). */
  execAnswers: Map<string, ExecSyncResponse>;
}

const notModelled = (): never => {
  throw new Error("not modelled by the fake node");
};

export function fakeNode(): FakeNode {
  const clock = new VirtualClock();
  const trace = new TraceLog(() => clock.now());
  const journal = new Journal(clock);
  const api = new FakeApi(clock);
  const faultCalls: { name: string; args: unknown[] }[] = [];
  const execAnswers = new Map<string, ExecSyncResponse>();
  const faults = new Proxy({} as Faults, {
    get:
      (_t, name) =>
      (...args: unknown[]) =>
        void faultCalls.push({ name: String(name), args }),
  });
  const runtimeService = new Proxy({} as RuntimeService, {
    get(_t, method) {
      if (method === "execSync") {
        return (req: { cmd: string[] }) => {
          const d = new Deferred<ExecSyncResponse>();
          const answer = execAnswers.get(req.cmd.join(" ")) ?? {
            stdout: "",
            stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${req.cmd[0]}": executable file not found in $PATH: unknown\r\n`,
            exitCode: 126,
          };
          clock.setTimer(5, () => d.resolve(answer));
          return d;
        };
      }
      return notModelled;
    },
  });
  let pid = 100;
  const unit = (name: string) =>
    new Unit(
      name,
      name,
      `/lib/systemd/system/${name}.service`,
      `/usr/bin/${name}`,
      clock,
      journal,
      () => ++pid,
      {
        start: () => undefined,
        stop: () => {},
      },
    );
  return {
    nodeName: "node-1",
    clock,
    rng: new Rng(1),
    trace,
    api,
    fs: new NodeFs(),
    journal,
    units: { containerd: unit("containerd"), kubelet: unit("kubelet") },
    runtimeService,
    imageService: new Proxy({} as ImageService, { get: () => notModelled }),
    faults,
    faultCalls,
    execAnswers,
    async settle<T>(d: Deferred<T>): Promise<T> {
      clock.runUntil(() => d.settled, 24 * 3_600_000);
      return d.toPromise();
    },
  };
}
