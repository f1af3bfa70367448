// k8s: pkg/kubelet/kuberuntime/instrumented_services.go — simplified: records each CRI call as a trace pair instead of metrics.

import { errorText } from "../../cri/errors";
import type { ImageService, RuntimeService } from "../../cri/services";
import type { ContainerConfig, ImageSpec, PodSandboxConfig } from "../../cri/types";
import type { Deferred } from "../../task";
import type { TraceLog } from "../../trace";

/** Names learnt from requests/responses so summaries read `StartContainer(web/nginx)`, not an ID. */
export class CriNames {
  readonly sandboxes = new Map<string, { name: string; pod: string }>();
  readonly containers = new Map<string, { name: string; pod: string }>();

  sandbox(id: string): { name: string; pod?: string } {
    return this.sandboxes.get(id) ?? { name: id.slice(0, 13) };
  }

  container(id: string): { name: string; pod?: string } {
    const c = this.containers.get(id);
    return c ? { name: c.name, pod: c.pod } : { name: id.slice(0, 13) };
  }
}

export interface InstrumentOptions {
  trace: TraceLog;
  names?: CriNames;
  /** Periodic calls (relist, runtime status) are recorded only when this returns true. */
  tracePeriodic?: () => boolean;
}

const PERIODIC = new Set(["ListPodSandbox", "ListContainers", "Status", "ImageFsInfo", "ListImages"]);

/** Periodic list answers are recorded by size: a relist every second would otherwise copy the node each time. */
function responseDetail(method: string, value: unknown): Record<string, unknown> {
  if (!PERIODIC.has(method) || !value || typeof value !== "object") return { response: value };
  const v = value as Record<string, unknown>;
  const list = (v.items ?? v.containers ?? v.images) as unknown[] | undefined;
  return list ? { response: { count: list.length } } : { response: value };
}

function imageName(spec: ImageSpec | undefined): string {
  return spec?.userSpecifiedImage || spec?.image || "";
}

/** Wraps a RuntimeService and ImageService so that every call is a `cri.request` / `cri.response|cri.error` pair. */
export function instrument(
  runtime: RuntimeService,
  images: ImageService,
  opts: InstrumentOptions,
): { runtime: RuntimeService; images: ImageService; names: CriNames } {
  const names = opts.names ?? new CriNames();
  const { trace } = opts;
  // The same calls repeat all day (`ExecSync(web/nginx)` every probe period): one summary string per
  // method and target, looked up by strings whose hashes are already known, instead of a new copy per call.
  const summaries = new Map<string, Map<string, { request: string; ok: string }>>();
  const summaryOf = (method: string, target: string) => {
    let byTarget = summaries.get(method);
    if (!byTarget) {
      byTarget = new Map();
      summaries.set(method, byTarget);
    }
    let s = byTarget.get(target);
    if (!s) {
      if (byTarget.size > 5_000) byTarget.clear();
      s = { request: `${method}(${target})`, ok: `${method}(${target}) ok` };
      byTarget.set(target, s);
    }
    return s;
  };

  function call<T>(
    method: string,
    target: string,
    pod: string | undefined,
    req: unknown,
    run: () => Deferred<T>,
    after?: (v: T) => void,
  ): Deferred<T> {
    const record = !PERIODIC.has(method) || (opts.tracePeriodic?.() ?? true);
    const summary = record ? summaryOf(method, target) : undefined;
    const reqEv = summary
      ? trace.record({
          from: "kubelet",
          to: "cri",
          kind: "cri.request",
          summary: summary.request,
          detail: { request: req as Record<string, unknown> },
          pod,
        })
      : undefined;
    const d = run();
    d.onSettle((r) => {
      if (r.ok) after?.(r.value);
      if (!reqEv || !summary) return;
      if (r.ok)
        trace.record({
          from: "cri",
          to: "kubelet",
          kind: "cri.response",
          summary: summary.ok,
          detail: responseDetail(method, r.value),
          causeId: reqEv.id,
          pod,
        });
      else
        trace.record({
          from: "cri",
          to: "kubelet",
          kind: "cri.error",
          summary: `${method}(${target}): ${errorText(r.error)}`,
          detail: { error: errorText(r.error) },
          causeId: reqEv.id,
          pod,
        });
    });
    return d;
  }

  const podOf = (c: PodSandboxConfig | undefined) =>
    c ? `${c.metadata.namespace}/${c.metadata.name}` : undefined;
  const cname = (cfg: ContainerConfig, sb: PodSandboxConfig) => `${sb.metadata.name}/${cfg.metadata.name}`;

  const r: RuntimeService = {
    version: (req) => call("Version", "", undefined, req, () => runtime.version(req)),
    status: (req) => call("Status", "", undefined, req, () => runtime.status(req)),
    runPodSandbox: (req) =>
      call(
        "RunPodSandbox",
        req.config.metadata.name,
        podOf(req.config),
        req,
        () => runtime.runPodSandbox(req),
        (v) =>
          names.sandboxes.set(v.podSandboxId, { name: req.config.metadata.name, pod: podOf(req.config)! }),
      ),
    stopPodSandbox: (req) => {
      const s = names.sandbox(req.podSandboxId);
      return call("StopPodSandbox", s.name, s.pod, req, () => runtime.stopPodSandbox(req));
    },
    removePodSandbox: (req) => {
      const s = names.sandbox(req.podSandboxId);
      return call("RemovePodSandbox", s.name, s.pod, req, () => runtime.removePodSandbox(req));
    },
    podSandboxStatus: (req) => {
      const s = names.sandbox(req.podSandboxId);
      return call("PodSandboxStatus", s.name, s.pod, req, () => runtime.podSandboxStatus(req));
    },
    listPodSandbox: (req) => call("ListPodSandbox", "", undefined, req, () => runtime.listPodSandbox(req)),
    createContainer: (req) =>
      call(
        "CreateContainer",
        cname(req.config, req.sandboxConfig),
        podOf(req.sandboxConfig),
        req,
        () => runtime.createContainer(req),
        (v) =>
          names.containers.set(v.containerId, {
            name: cname(req.config, req.sandboxConfig),
            pod: podOf(req.sandboxConfig)!,
          }),
      ),
    startContainer: (req) => {
      const c = names.container(req.containerId);
      return call("StartContainer", c.name, c.pod, req, () => runtime.startContainer(req));
    },
    stopContainer: (req) => {
      const c = names.container(req.containerId);
      return call("StopContainer", c.name, c.pod, req, () => runtime.stopContainer(req));
    },
    removeContainer: (req) => {
      const c = names.container(req.containerId);
      return call("RemoveContainer", c.name, c.pod, req, () => runtime.removeContainer(req));
    },
    listContainers: (req) => call("ListContainers", "", undefined, req, () => runtime.listContainers(req)),
    containerStatus: (req) => {
      const c = names.container(req.containerId);
      return call("ContainerStatus", c.name, c.pod, req, () => runtime.containerStatus(req));
    },
    updateContainerResources: (req) => {
      const c = names.container(req.containerId);
      return call("UpdateContainerResources", c.name, c.pod, req, () =>
        runtime.updateContainerResources(req),
      );
    },
    execSync: (req) => {
      const c = names.container(req.containerId);
      return call("ExecSync", c.name, c.pod, req, () => runtime.execSync(req));
    },
    containerStats: (req) => runtime.containerStats(req),
    listContainerStats: (req) => runtime.listContainerStats(req),
    getContainerEvents: (listener) => runtime.getContainerEvents(listener),
  };

  const i: ImageService = {
    listImages: (req) => call("ListImages", "", undefined, req, () => images.listImages(req)),
    imageStatus: (req) =>
      call("ImageStatus", imageName(req.image), undefined, req, () => images.imageStatus(req)),
    pullImage: (req) =>
      call("PullImage", imageName(req.image), podOf(req.sandboxConfig), req, () => images.pullImage(req)),
    removeImage: (req) =>
      call("RemoveImage", imageName(req.image), undefined, req, () => images.removeImage(req)),
    imageFsInfo: (req) => call("ImageFsInfo", "", undefined, req, () => images.imageFsInfo(req)),
  };
  return { runtime: r, images: i, names };
}
