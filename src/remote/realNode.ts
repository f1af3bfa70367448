// A node whose kubelet drives a real runtime: the simulated API server, scheduler and kubelet run
// in the page on a VirtualClock that follows the wall clock (WallClockPump), and the CRI is a
// RemoteRuntime to the backend (server/) in front of a real containerd.
import { DEFAULT_KUBELET_CONFIG_YAML } from "../sim/kubelet/kubelet";
import { type BuiltNode, type CreateNodeOptions, createNode } from "../sim/node/createNode";
import type { NodeSnapshot } from "../sim/node/types";
import { RemoteMirror } from "./remoteMirror";
import { RemoteNetwork } from "./remoteNetwork";
import { RemoteRuntime, type RemoteRuntimeOptions } from "./remoteRuntime";
import { WallClockPump } from "./wallClockPump";

export interface RemoteOptions {
  /** ws://127.0.0.1:7070 */
  url: string;
  token: string;
  createSocket?: RemoteRuntimeOptions["createSocket"];
  /** Extra node files (e.g. a kubelet config.yaml for tests); merged over the real-mode defaults. */
  files?: Record<string, string>;
  kubeletConfig?: CreateNodeOptions["kubeletConfig"];
  /** How often the page re-reads logs and lists from the backend (ms). Default 1000. */
  mirrorPeriodMs?: number;
}

export interface RealNode {
  readonly node: BuiltNode;
  readonly runtime: RemoteRuntime;
  readonly pump: WallClockPump;
  readonly mirror: RemoteMirror;
  /** Settles when the backend accepted the token. */
  ready(): Promise<unknown>;
  /** One line for messages: where the runtime really is. */
  describe(): string;
  snapshot(): NodeSnapshot;
  /** Stop the pump and the kubelet, close the socket (the backend removes the pods after its grace period). */
  close(): void;
}

/** Files the kubelet reads written for the real host: its cgroup driver must match containerd's (runc, cgroupfs). */
export const REAL_KUBELET_CONFIG_YAML = DEFAULT_KUBELET_CONFIG_YAML.replace(
  "cgroupDriver: systemd",
  "cgroupDriver: cgroupfs",
);

/** Mounts of files the kubelet keeps under /var/lib/kubelet/pods: those live in the page, not on the backend host. */
const KUBELET_POD_DIR = "/var/lib/kubelet/pods/";

export function createRealNode(seed: number, opts: RemoteOptions): RealNode {
  const rt = new RemoteRuntime({ url: opts.url, token: opts.token, createSocket: opts.createSocket });
  // The kubelet's CreateContainer names /etc/hosts, the termination log and emptyDir/configMap
  // volumes by their place in the kubelet's pod directory — here a directory of the page, absent on
  // the backend host (whose policy would refuse them as hostPath mounts anyway): leave them out.
  const runtimeService = new Proxy(rt, {
    get(target, prop) {
      if (prop === "createContainer")
        return (req: Parameters<RemoteRuntime["createContainer"]>[0]) =>
          target.createContainer({
            ...req,
            config: {
              ...req.config,
              mounts: (req.config.mounts ?? []).filter((m) => !m.hostPath?.startsWith(KUBELET_POD_DIR)),
            },
          });
      const v = (target as any)[prop];
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  const describe = () =>
    `${opts.url}${rt.state.endpoint ? ` → ${rt.state.endpoint}` : ""} (k8s-node-sim backend on the runtime's host)`;
  const node = createNode({
    // Pod UIDs come from the seed; on a shared host two pages with one seed would name the same
    // sandboxes and log directories: mix in the wall clock (a real run is not replayable anyway).
    seed: (Math.imul(seed, 2654435761) ^ Date.now()) >>> 0,
    epochMs: Date.now(),
    runtime: { runtimeService, imageService: rt, network: new RemoteNetwork(rt), describe },
    files: { "/var/lib/kubelet/config.yaml": REAL_KUBELET_CONFIG_YAML, ...(opts.files ?? {}) },
    kubeletConfig: opts.kubeletConfig,
  });
  const pump = new WallClockPump(node.clock).start();
  const mirror = new RemoteMirror(rt, node.fs).start(opts.mirrorPeriodMs ?? 1000);
  let closed = false;
  return {
    node,
    runtime: rt,
    pump,
    mirror,
    ready: () => rt.ready(),
    describe,
    snapshot: () => realSnapshot(node, rt, mirror),
    close() {
      if (closed) return;
      closed = true;
      mirror.stop();
      pump.stop();
      node.kubelet.stop();
      rt.close();
    },
  };
}

/** The NodeSnapshot of a real node: API objects from the page, runtime lists from the last refresh. */
export function realSnapshot(node: BuiltNode, rt: RemoteRuntime, mirror: RemoteMirror): NodeSnapshot {
  return {
    t: node.clock.now(),
    nodeName: node.nodeName,
    pods: node.api.list("Pod"),
    nodes: node.api.list("Node"),
    events: node.api.list("Event"),
    sandboxes: mirror.sandboxes,
    containers: mirror.containers,
    images: mirror.images,
    pulls: [],
    runtime: {
      containerd: rt.state.connected && rt.state.runtimeUp ? "active" : "failed",
      kubelet: node.units.kubelet.state,
      status: mirror.status,
    },
    imageFs: mirror.imageFs,
    lastTraceId: node.trace.lastId,
  };
}
