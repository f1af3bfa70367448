// k8s: kubectl cmd/logs/logs.go + kubelet kubelet_pods.go validateContainerLogStatus + kuberuntime/logs —
// read the container's CRI log file (`<ts> <stream> <P|F> <text>`) and print only the text.
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { type LabelSelector, selectorString } from "../../sim/api/labelSelector";
import type { KubeObject, ObjectKind } from "../../sim/apiserver/types";
import { parseDuration, parseRfc3339 } from "../../sim/clock/time";
import { Output } from "../registry";
import type { CommandResult } from "../types";
import { apiErrorText, apiGet, type KubectlContext, KubectlError, nowMs } from "./common";
import type { FlagSpec } from "./flags";
import { findContainer } from "./podContainer";
import { lookupResource } from "./resources";

export const LOGS_FLAGS: FlagSpec[] = [
  { name: "container", short: "c", type: "string" },
  { name: "previous", short: "p", type: "bool" },
  { name: "follow", short: "f", type: "bool" },
  { name: "tail", type: "int" },
  { name: "timestamps", type: "bool" },
  { name: "since", type: "string" },
  { name: "since-time", type: "string" },
  { name: "limit-bytes", type: "int" },
  { name: "all-containers", type: "bool" },
  { name: "prefix", type: "bool" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "max-log-requests", type: "int" },
];

interface LogLine {
  ts: string;
  /** Epoch ms of the line (for --since). */
  ms: number;
  stream: string;
  text: string;
  /** A last P entry with no F after it: the kubelet prints it without a newline. */
  partial?: boolean;
}

/** Parse CRI log lines, joining P (partial) pieces into their F line. */
export function parseCriLog(content: string): LogLine[] {
  const out: LogLine[] = [];
  let partial = "";
  let partialTs = "";
  let partialStream = "";
  for (const raw of content.split("\n")) {
    if (raw === "") continue;
    const m = raw.match(/^(\S+) (stdout|stderr) ([PF]) ?(.*)$/);
    if (!m) continue;
    if (m[3] === "P") {
      if (partial === "") [partialTs, partialStream] = [m[1], m[2]];
      partial += m[4];
      continue;
    }
    out.push({ ts: m[1], ms: parseRfc3339(m[1]), stream: m[2], text: partial + m[4] });
    partial = "";
    partialTs = "";
  }
  // parseCRILog trims a partial entry's newline: the container's last output without one stays so
  if (partial !== "")
    out.push({
      ts: partialTs,
      ms: parseRfc3339(partialTs),
      stream: partialStream,
      text: partial,
      partial: true,
    });
  return out;
}

/** RFC3339Nano as written by containerd → the fixed 9-digit form kubelet prints with --timestamps. */
export function fixedNanos(ts: string): string {
  const m = ts.match(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/);
  if (!m) return ts;
  return `${m[1]}.${(m[2] ?? "").padEnd(9, "0").slice(0, 9)}${m[3]}`;
}

/**
 * The CRI log file of the container instance validateContainerLogStatus picks (or the kubelet's
 * refusal): the kubelet reads the log path the runtime reports for that container ID, the file named
 * after the instance's attempt. Without the runtime's view, the attempt is counted from the status.
 */
function logFile(
  k: KubectlContext,
  pod: Pod,
  st: ContainerStatus | undefined,
  name: string,
  previous: boolean,
): string {
  const { rc, id } = logInstance(pod, st, name, previous);
  const bare = id?.replace(/^[a-z]+:\/\//, "");
  const attempt = bare ? k.view?.().containers.find((c) => c.id === bare)?.metadata.attempt : undefined;
  return `/var/log/pods/${pod.metadata?.namespace}_${pod.metadata?.name}_${pod.metadata?.uid}/${name}/${attempt ?? rc}.log`;
}

/** validateContainerLogStatus: which container instance to read, or the kubelet's refusal. */
function logInstance(
  pod: Pod,
  st: ContainerStatus | undefined,
  name: string,
  previous: boolean,
): { rc: number; id?: string } {
  const podName = pod.metadata?.name ?? "";
  if (!st)
    throw new KubectlError(
      `Error from server (BadRequest): container "${name}" in pod "${podName}" is not available`,
    );
  const { running, terminated, waiting } = st.state ?? {};
  const lastTerm = st.lastState?.terminated;
  const rc = st.restartCount ?? 0;
  if (previous) {
    if (!lastTerm?.containerID) {
      throw new KubectlError(
        `Error from server (BadRequest): previous terminated container "${name}" in pod "${podName}" not found`,
      );
    }
    return { rc: rc - 1, id: lastTerm.containerID };
  }
  if (running) return { rc, id: st.containerID };
  if (terminated) {
    if (terminated.containerID) return { rc, id: terminated.containerID };
    if (lastTerm?.containerID) return { rc: rc - 1, id: lastTerm.containerID };
    throw new KubectlError(
      `Error from server (BadRequest): container "${name}" in pod "${podName}" is terminated`,
    );
  }
  if (lastTerm) {
    if (!lastTerm.containerID)
      throw new KubectlError(
        `Error from server (BadRequest): container "${name}" in pod "${podName}" is terminated`,
      );
    return { rc: rc - 1, id: lastTerm.containerID };
  }
  if (waiting) {
    const why =
      waiting.reason === "ErrImagePull"
        ? "image can't be pulled"
        : waiting.reason === "ImagePullBackOff"
          ? "trying and failing to pull image"
          : waiting.reason;
    throw new KubectlError(
      `Error from server (BadRequest): container "${name}" in pod "${podName}" is waiting to start: ${why}`,
    );
  }
  throw new KubectlError(
    `Error from server (BadRequest): container "${name}" in pod "${podName}" is waiting to start - no logs yet`,
  );
}

/**
 * `kubectl logs -l SELECTOR`: the matching pods' logs one after another (each pod's default
 * container, or all with --all-containers), the last 10 lines of each unless --tail says otherwise;
 * no match is not an error, only "No resources found" on stderr.
 */
function selectorLogs(k: KubectlContext, selector: string, out: Output): CommandResult {
  if (k.flags.args.length > 0)
    return out
      .err(
        "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples",
      )
      .result(1);
  const pods = k.node.api
    .list<Pod>("Pod", { namespace: k.namespace, labelSelector: selector })
    .slice()
    .sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  if (pods.length === 0) return out.err(`No resources found in ${k.namespace} namespace.`).result(0);
  const tail = k.flags.int("tail") ?? 10;
  const all = k.flags.bool("all-containers");
  for (const pod of pods) {
    const name = pod.metadata?.name ?? "";
    const containers = all
      ? [
          ...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true })),
          ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false })),
        ]
      : [findContainer(pod, k.flags.str("container"), k.flags.bool("quiet"))].map((choice) => {
          if (choice.note) out.err(choice.note);
          return { c: choice.container, init: choice.init };
        });
    for (const { c, init } of containers) {
      const st = (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses)?.find(
        (x) => x.name === c.name,
      );
      let file: string;
      try {
        file = logFile(k, pod, st, c.name, k.flags.bool("previous"));
      } catch (e) {
        if (e instanceof KubectlError) return out.err(e.message).result(1);
        throw e;
      }
      let lines = parseCriLog(k.node.fs.read(file) ?? "");
      if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
      for (const l of lines)
        out.out(
          `${k.flags.bool("prefix") ? `[pod/${name}/${c.name}] ` : ""}${k.flags.bool("timestamps") ? `${fixedNanos(l.ts)} ` : ""}${l.text}${l.partial ? "" : "\n"}`,
        );
    }
  }
  return out.result(0);
}

/** The Go type kubectl names when a kind has no pod selector (`*v1.CronJob`). */
const GO_TYPES: Partial<Record<ObjectKind, string>> = {
  CronJob: "*v1.CronJob",
  ConfigMap: "*v1.ConfigMap",
  Secret: "*v1.Secret",
  Node: "*v1.Node",
  Namespace: "*v1.Namespace",
  Endpoints: "*v1.Endpoints",
  Event: "*v1.Event",
  EndpointSlice: "*v1.EndpointSlice",
  RuntimeClass: "*v1.RuntimeClass",
  Lease: "*v1.Lease",
};

/** ByLogging: assigned first, Running < Unknown < Pending, ready first, longer ready, more restarts, older. */
function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? "";
  const nb = b.spec?.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "" ? 1 : -1;
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const ra = rank[a.status?.phase ?? ""] ?? 0;
  const rb = rank[b.status?.phase ?? ""] ?? 0;
  if (ra !== rb) return ra - rb;
  const readyAt = (p: Pod) =>
    (p.status?.conditions ?? []).find((c) => c.type === "Ready" && c.status === "True")?.lastTransitionTime;
  const ya = readyAt(a);
  const yb = readyAt(b);
  if (!!ya !== !!yb) return ya ? -1 : 1;
  if (ya && yb && ya !== yb) return parseRfc3339(ya) - parseRfc3339(yb);
  const restarts = (p: Pod) =>
    Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = parseRfc3339(a.metadata?.creationTimestamp ?? "") || 0;
  const cb = parseRfc3339(b.metadata?.creationTimestamp ?? "") || 0;
  return ca - cb;
}

/**
 * polymorphichelpers.LogsForObject for a controller: its pod selector, the first pod by ByLogging
 * (`Found 2 pods, using pod/x` on stderr); with none yet, GetFirstPod waits for one (20 s).
 */
function firstPodFor(k: KubectlContext, kind: ObjectKind, name: string, out: Output): string | CommandResult {
  let obj: KubeObject;
  try {
    obj = k.node.api.get(kind, k.namespace, name);
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  const spec = (obj.spec ?? {}) as { selector?: LabelSelector | Record<string, string> };
  if (!["Job", "Deployment", "ReplicaSet", "Service"].includes(kind))
    return out
      .err(
        `error: cannot get the logs from ${GO_TYPES[kind] ?? kind}: selector for ${GO_TYPES[kind] ?? kind} not implemented`,
      )
      .result(1);
  const sel = spec.selector;
  const selector =
    kind === "Service"
      ? Object.entries((sel ?? {}) as Record<string, string>)
          .map(([key, v]) => `${key}=${v}`)
          .join(",")
      : selectorString(sel as LabelSelector);
  const list = () =>
    k.node.api.list<Pod>("Pod", { namespace: k.namespace, labelSelector: selector }) as unknown as Pod[];
  const clock = k.node.clock;
  const deadline = clock.now() + 20_000;
  while (list().length === 0 && clock.now() < deadline) clock.advance(Math.min(250, deadline - clock.now()));
  const pods = [...list()].sort(byLogging);
  if (pods.length === 0) return out.err("error: timed out waiting for the condition").result(1);
  if (pods.length > 1) out.err(`Found ${pods.length} pods, using pod/${pods[0].metadata?.name}`);
  return pods[0].metadata?.name ?? "";
}

export async function runLogs(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const args = k.flags.args;
  const selector = k.flags.str("selector");
  if (selector !== undefined) return selectorLogs(k, selector, out);
  if (args.length === 0) {
    return out
      .err(
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
      )
      .result(1);
  }
  let podName = args[0];
  if (podName.includes("/")) {
    const [t, n] = podName.split("/");
    const type = lookupResource(t);
    if (type && type.kind !== "Pod") {
      const picked = firstPodFor(k, type.kind, n, out);
      if (typeof picked !== "string") return picked;
      podName = picked;
    } else if (type?.kind !== "Pod") return out.err(`error: cannot get the logs from ${t}`).result(1);
    else podName = n;
  }
  let containerName = k.flags.str("container") ?? args[1];
  if (args.length > 2)
    return out
      .err(
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
      )
      .result(1);
  let pod: Pod;
  try {
    pod = apiGet<Pod>(k.node, "Pod", k.namespace, podName);
  } catch (e) {
    return out.err(apiErrorText(e)).result(1);
  }
  if (k.flags.bool("all-containers") && !k.flags.bool("follow")) {
    // Every container in spec order (init containers first), each filtered like a single one.
    const prefix = k.flags.bool("prefix");
    const all = [
      ...(pod.spec?.initContainers ?? []).map((c) => ({ c, statuses: pod.status?.initContainerStatuses })),
      ...(pod.spec?.containers ?? []).map((c) => ({ c, statuses: pod.status?.containerStatuses })),
    ];
    for (const { c, statuses } of all) {
      const st = statuses?.find((s) => s.name === c.name);
      if (!st || (!st.state?.running && !st.state?.terminated && !st.lastState?.terminated)) continue;
      let file: string;
      try {
        file = logFile(k, pod, st, c.name, k.flags.bool("previous"));
      } catch (e) {
        if (e instanceof KubectlError) continue;
        throw e;
      }
      let lines = parseCriLog(k.node.fs.read(file) ?? "");
      const tail = k.flags.int("tail");
      if (tail !== undefined && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
      for (const l of lines)
        out.out(
          `${prefix ? `[pod/${podName}/${c.name}] ` : ""}${k.flags.bool("timestamps") ? `${fixedNanos(l.ts)} ` : ""}${l.text}${l.partial ? "" : "\n"}`,
        );
    }
    return out.result(0);
  }
  const choice = findContainer(pod, containerName, k.flags.bool("quiet"));
  if (choice.note) out.err(choice.note);
  containerName = choice.container.name;
  const statuses = choice.init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  const st = statuses?.find((s) => s.name === containerName);
  const path = logFile(k, pod, st, containerName, k.flags.bool("previous"));
  const render = (lines: LogLine[]) =>
    lines
      .map(
        (l) => `${k.flags.bool("timestamps") ? `${fixedNanos(l.ts)} ` : ""}${l.text}${l.partial ? "" : "\n"}`,
      )
      .join("");

  let lines = parseCriLog(k.node.fs.read(path) ?? "");
  const since = k.flags.str("since");
  if (since !== undefined) {
    const ms = parseDuration(since);
    if (ms === undefined)
      return out
        .err(`error: invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"`)
        .result(1);
    const from = nowMs(k.node) - ms;
    lines = lines.filter((l) => l.ms >= from);
  }
  const tail = k.flags.int("tail");
  if (tail !== undefined && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  let text = render(lines);
  const limit = k.flags.int("limit-bytes");
  if (limit !== undefined && limit > 0) text = text.slice(0, limit);
  out.out(text);

  if (k.flags.bool("follow") && k.follow) {
    const follow = k.follow;
    for (const c of out.result(0).chunks ?? []) follow.write(c.text);
    let seen = (k.node.fs.read(path) ?? "").length;
    const stop = k.node.fs.onWrite((p) => {
      if (p !== path) return;
      const all = k.node.fs.read(path) ?? "";
      const fresh = all.slice(seen);
      // Only complete lines are printed; a rotated (shorter) file starts over.
      const cut = fresh.lastIndexOf("\n");
      if (all.length < seen) seen = 0;
      if (cut === -1) return;
      follow.write(render(parseCriLog(fresh.slice(0, cut + 1))));
      seen += cut + 1;
    });
    await follow.interrupted;
    stop();
    return { stdout: "", stderr: "", code: 0 };
  }
  return out.result(0);
}
