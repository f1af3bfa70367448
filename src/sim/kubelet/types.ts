// k8s: pkg/kubelet/kubelet.go (Kubelet deps) — simplified: the few collaborators every kubelet module shares.
import type { Container, Pod } from "kubernetes-types/core/v1";
import type { ApiServerClient, EventRecorder, ObjectReference } from "../apiserver/types";
import type { VirtualClock } from "../clock";
import type { ImageService, RuntimeService } from "../cri/services";
import type { PodNetwork } from "../net/types";
import { Deferred } from "../task";
import type { TraceLog } from "../trace";
import type { KubeletConfig } from "./config";
import { KlogRecord, type KlogSeverity } from "./util/klog";

/** klog to the journal: `log("I", "kubelet.go:2440", "SyncLoop ADD", [["source","api"]])`. */
export type Logger = (
  severity: KlogSeverity,
  source: string,
  msg: string,
  kv?: ReadonlyArray<readonly [string, unknown]>,
) => void;

export function makeLogger(
  clock: VirtualClock,
  pid: () => number,
  journal: (line: string | KlogRecord) => void,
): Logger {
  return (sev, source, msg, kv = []) => {
    const rec = new KlogRecord(sev, clock.wallMs(), pid(), source, msg, kv);
    // Kept as parts only when every value is a string, a number or a frozen object: anything else could
    // change before the line is read, and the line must say what it said when it was logged.
    journal(
      kv.every(([, v]) => typeof v !== "object" || v === null || Object.isFrozen(v)) ? rec : rec.render(),
    );
  };
}

/** What kuberuntime, images, prober, status and pleg share. */
export interface KubeletDeps {
  nodeName: string;
  clock: VirtualClock;
  trace: TraceLog;
  runtime: RuntimeService;
  images: ImageService;
  recorder: EventRecorder;
  log: Logger;
  config: KubeletConfig;
  api: ApiServerClient;
  network: PodNetwork;
  /** Node files (the host side of the termination-log mount, container logs). */
  readFile?: (path: string) => string | undefined;
  /** Write a node file (the pod's managed /etc/hosts). */
  writeFile?: (path: string, content: string) => void;
  /** A node directory's entries (names; directories end with "/"); undefined when it does not exist. */
  readdir?: (dir: string) => string[] | undefined;
  /** Remove a node file (container GC: the log of a removed container). */
  removeFile?: (path: string) => void;
  /** Remove a node directory with everything under it (container GC: the logs of a gone pod). */
  removeTree?: (path: string) => void;
}

/** A Deferred settled by the virtual clock after `ms` (the kubelet's time.Sleep / wait.Until). */
export function sleep(clock: VirtualClock, ms: number, label = "kubelet"): Deferred<void> {
  const d = new Deferred<void>();
  clock.setTimer(ms, () => d.resolve(), label);
  return d;
}

export function podRef(pod: Pod, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = {
    kind: "Pod",
    namespace: pod.metadata?.namespace ?? "default",
    name: pod.metadata?.name ?? "",
    uid: pod.metadata?.uid,
    apiVersion: "v1",
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** kubecontainer.GenerateContainerRef: fieldPath `spec.containers{c}` or `spec.initContainers{c}`. */
export function containerRef(pod: Pod, c: Container): ObjectReference {
  const isInit = (pod.spec?.initContainers ?? []).some((i) => i.name === c.name);
  const paths = isInit ? initFieldPaths : fieldPaths;
  let path = paths.get(c.name);
  if (path === undefined) {
    path = `spec.${isInit ? "initContainers" : "containers"}{${c.name}}`;
    if (paths.size >= 1_000) paths.clear();
    paths.set(c.name, path);
  }
  return podRef(pod, path);
}
/** One fieldPath string per container name: the event recorder compares and hashes it per event. */
const fieldPaths = new Map<string, string>();
const initFieldPaths = new Map<string, string>();
