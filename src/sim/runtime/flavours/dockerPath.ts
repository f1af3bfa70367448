// The Docker path: the kubelet's CRI calls go to dockershim (inside the kubelet, ≤1.23) or to
// cri-dockerd (a separate daemon), which turn each into Docker Engine API requests; dockerd then
// drives containerd (namespace "moby"). Each extra hop is a trace event so the diagram can show it.
// Modelled on dockershim's docker_sandbox.go / docker_container.go and dockerd's libcontainerd.
import type { CriError } from "../../cri/errors";
import type { ImageService, RuntimeService } from "../../cri/services";
import { Deferred } from "../../task";
import type { Actor, TraceInput, TraceLog } from "../../trace";
import type { SimRuntime } from "../simRuntime";
import { dockerContainerName } from "./spec";

type Via = "dockershim" | "cri-dockerd";
type AnyFn = (...args: unknown[]) => Deferred<unknown>;

const short = (id: string) => id.slice(0, 12);

/** `docker.io/library/nginx:1.27` → fromImage=docker.io/library/nginx&tag=1.27 (the pull's query). */
function fromImage(ref: string): string {
  const at = ref.indexOf("@");
  if (at > 0) return `fromImage=${ref.slice(0, at)}&tag=${ref.slice(at + 1)}`;
  const colon = ref.lastIndexOf(":");
  if (colon > ref.lastIndexOf("/")) return `fromImage=${ref.slice(0, colon)}&tag=${ref.slice(colon + 1)}`;
  return `fromImage=${ref}&tag=latest`;
}

/**
 * Wrap SimRuntime so every lifecycle call records `<via> → dockerd` (the Engine API request) and,
 * once dockerd acts, `dockerd → containerd` (its containerd calls), before the CRI response.
 */
export function withDockerPath(
  rt: SimRuntime,
  via: Via,
  apiVersion: string,
  trace: TraceLog,
  /** An error every call gets instead (cri-dockerd's daemon is down: its socket refuses). */
  gate?: () => CriError | undefined,
): { runtime: RuntimeService; images: ImageService } {
  const api = `/v${apiVersion.replace(/\.0$/, "")}`;
  const hop = (from: Actor, to: Actor, summary: string, pod?: string, detail?: Record<string, unknown>) =>
    trace.record({ from, to, kind: "runtime", summary, pod, detail } satisfies TraceInput);
  const podOfSandbox = (id: string) => {
    const sb = rt.findSandbox(id);
    return sb ? rt.podOf(sb.config) : undefined;
  };
  const podOfContainer = (id: string) => {
    const c = rt.containers.get(id);
    return c ? podOfSandbox(c.sandboxId) : undefined;
  };
  const toContainerd = (
    d: Deferred<unknown>,
    summary: (v: unknown) => string,
    pod: () => string | undefined,
  ) =>
    d.onSettle((r) => {
      if (r.ok) hop("dockerd", "containerd", summary(r.value), pod());
    });

  const hooks: Record<
    string,
    (req: Record<string, unknown>, call: () => Deferred<unknown>) => Deferred<unknown>
  > = {
    runPodSandbox(req, call) {
      const cfg = req.config as {
        metadata: { name: string; namespace: string; uid: string; attempt: number };
      };
      const md = cfg.metadata;
      const pod = `${md.namespace}/${md.name}`;
      const name = dockerContainerName("POD", md, md.attempt);
      hop(via, "dockerd", `POST ${api}/containers/create?name=${name}`, pod, {
        image: rt.config.sandboxImage,
      });
      const d = call();
      toContainerd(
        d,
        (v) =>
          `containers.Create + tasks.Start ${short((v as { podSandboxId: string }).podSandboxId)} (namespace moby, pause)`,
        () => pod,
      );
      return d;
    },
    createContainer(req, call) {
      const md = (req.sandboxConfig as { metadata: { name: string; namespace: string; uid: string } })
        .metadata;
      const c = (req.config as { metadata: { name: string; attempt: number } }).metadata;
      hop(
        via,
        "dockerd",
        `POST ${api}/containers/create?name=${dockerContainerName(c.name, md, c.attempt)}`,
        `${md.namespace}/${md.name}`,
      );
      return call();
    },
    startContainer(req, call) {
      const id = String(req.containerId);
      const pod = podOfContainer(id);
      hop(via, "dockerd", `POST ${api}/containers/${short(id)}/start`, pod);
      const d = call();
      toContainerd(
        d,
        () => `containers.Create + tasks.Create + tasks.Start ${short(id)} (namespace moby)`,
        () => pod,
      );
      return d;
    },
    stopContainer(req, call) {
      const id = String(req.containerId);
      const pod = podOfContainer(id);
      hop(via, "dockerd", `POST ${api}/containers/${short(id)}/stop?t=${req.timeout}`, pod);
      const d = call();
      toContainerd(
        d,
        () => `tasks.Kill ${short(id)} SIGTERM, then tasks.Delete (namespace moby)`,
        () => pod,
      );
      return d;
    },
    stopPodSandbox(req, call) {
      const id = String(req.podSandboxId);
      const pod = podOfSandbox(id);
      hop(via, "dockerd", `POST ${api}/containers/${short(id)}/stop?t=10`, pod);
      return call();
    },
    removeContainer(req, call) {
      const id = String(req.containerId);
      hop(via, "dockerd", `DELETE ${api}/containers/${short(id)}?v=1`, podOfContainer(id));
      return call();
    },
    removePodSandbox(req, call) {
      const id = String(req.podSandboxId);
      hop(via, "dockerd", `DELETE ${api}/containers/${short(id)}?force=1&v=1`, podOfSandbox(id));
      return call();
    },
    pullImage(req, call) {
      const ref = (req.image as { image: string }).image;
      const sc = req.sandboxConfig as { metadata: { name: string; namespace: string } } | undefined;
      hop(
        via,
        "dockerd",
        `POST ${api}/images/create?${fromImage(ref)}`,
        sc ? `${sc.metadata.namespace}/${sc.metadata.name}` : undefined,
      );
      return call();
    },
    execSync(req, call) {
      const id = String(req.containerId);
      hop(via, "dockerd", `POST ${api}/containers/${short(id)}/exec`, podOfContainer(id));
      return call();
    },
  };

  const proxy = new Proxy(rt, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      const hook = typeof prop === "string" ? hooks[prop] : undefined;
      const bound = (value as AnyFn).bind(target);
      const fn = gate
        ? (...args: unknown[]) => {
            const err = gate();
            if (!err) return bound(...args);
            const d = new Deferred<unknown>();
            rt.clock.setTimer(1, () => d.reject(err));
            return d;
          }
        : bound;
      if (!hook) return fn;
      if (gate?.()) return fn;
      return (req: Record<string, unknown>) => hook(req, () => fn(req));
    },
  });
  return { runtime: proxy, images: proxy };
}

/**
 * The engine records its hops with containerd's names; on another flavour the same hop starts or
 * ends elsewhere (CRI-O's conmon instead of the shim; dockershim/cri-dockerd calling CNI; dockerd
 * pulling images). A TraceLog whose record() renames the actors and hands the event on.
 */
export function renameActors(inner: TraceLog, rename: (e: TraceInput) => TraceInput): TraceLog {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "record") return (e: TraceInput) => target.record(rename(e));
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Who really does each of the engine's hops on a flavour. */
export function actorRenamer(flavour: "crio" | "docker" | "cri-dockerd"): (e: TraceInput) => TraceInput {
  const crio: Partial<Record<Actor, Actor>> = { containerd: "crio", shim: "conmon" };
  return (e) => {
    if (flavour === "crio") return { ...e, from: crio[e.from] ?? e.from, to: crio[e.to] ?? e.to };
    const caller: Actor = flavour === "docker" ? "dockershim" : "cri-dockerd";
    // dockershim / cri-dockerd set up the pod network themselves; dockerd pulls the images
    if (e.kind === "cni")
      return {
        ...e,
        from: e.from === "containerd" ? caller : e.from,
        to: e.to === "containerd" ? caller : e.to,
      };
    if (e.kind === "pull")
      return {
        ...e,
        from: e.from === "containerd" ? "dockerd" : e.from,
        to: e.to === "containerd" ? "dockerd" : e.to,
      };
    return e;
  };
}
