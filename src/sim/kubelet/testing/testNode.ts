// Test harness: a Kubelet wired to FakeRuntime + FakeApi on a VirtualClock.
import type { Pod } from "kubernetes-types/core/v1";
import { Rng, VirtualClock } from "../../clock";
import { Deferred } from "../../task";
import { TraceLog } from "../../trace";
import type { KubeletConfig } from "../config";
import { DEFAULT_KUBEADM_FLAGS_ENV, DEFAULT_KUBELET_CONFIG_YAML } from "../config";
import { type DialResult, dialErrorNoSocket, Kubelet } from "../kubelet";
import { FakeApi } from "./fakeApi";
import { FakeRuntime } from "./fakeRuntime";

export function testNode(opts: { flags?: string; config?: Partial<KubeletConfig> } = {}) {
  const clock = new VirtualClock();
  const trace = new TraceLog(() => clock.now());
  const api = new FakeApi(clock);
  const cri = new FakeRuntime(clock);
  cri.addImage("registry.k8s.io/pause:3.10", 300_000, true);
  const journal: string[] = [];
  const files: Record<string, string> = {
    "/var/lib/kubelet/config.yaml": DEFAULT_KUBELET_CONFIG_YAML,
    "/var/lib/kubelet/kubeadm-flags.env": opts.flags ?? DEFAULT_KUBEADM_FLAGS_ENV,
  };
  const kubelet = new Kubelet({
    nodeName: "node-1",
    clock,
    rng: new Rng(1),
    trace,
    api,
    recorder: api.recorder,
    dialCri: (ep): DialResult =>
      ep === "unix:///run/containerd/containerd.sock"
        ? { runtime: cri, images: cri }
        : { error: dialErrorNoSocket(ep) },
    network: {
      httpGet: () => Deferred.resolved({ statusCode: 200, body: "ok" }),
      tcpConnect: () => Deferred.resolved(undefined),
    },
    readFile: (p) => files[p],
    journal: (l) => journal.push(typeof l === "string" ? l : l.render()),
    config: { tracePeriodicCriCalls: false, ...opts.config },
  });
  const apply = (pod: Pod): Pod => {
    const p = structuredClone(pod);
    p.metadata!.namespace ??= "default";
    p.spec!.nodeName = "node-1";
    p.spec!.restartPolicy ??= "Always";
    p.spec!.terminationGracePeriodSeconds ??= 30;
    for (const c of [...(p.spec!.initContainers ?? []), ...p.spec!.containers])
      c.imagePullPolicy ??= "IfNotPresent";
    return api.create("Pod", p as never) as Pod;
  };
  const status = (name: string) => (api.pod(name) as Pod | undefined)?.status;
  const state = (name: string, c: string) =>
    status(name)?.containerStatuses?.find((s) => s.name === c)?.state;
  const criCalls = () =>
    trace
      .all()
      .filter((e) => e.kind === "cri.request")
      .map((e) => e.summary);
  const events = (reason?: string) => api.events.filter((e) => !reason || e.reason === reason);
  return { clock, trace, api, cri, kubelet, journal, files, apply, status, state, criCalls, events };
}

export function simplePod(name: string, image = "nginx:1.27", extra: Partial<Pod["spec"]> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { containers: [{ name: "app", image }], ...extra },
  };
}
