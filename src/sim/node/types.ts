// The assembled node as the layers above the core (shell, store, UI) see it.

import type { ApiServerClient, KubeObject } from "../apiserver/types";
import type { Rng, VirtualClock } from "../clock";
import type { ImageService, RuntimeService } from "../cri/services";
import type { Container, Image, PodSandbox, StatusResponse } from "../cri/types";
import type { TraceLog } from "../trace";
import type { NodeFs } from "./fs";
import type { Journal, Unit } from "./systemd";

export const NODE_NAME = "node-1";

/** The faults lessons and tests inject (one API for all). */
export interface Faults {
  registryDown(registryHost?: string): void;
  registryUp(registryHost?: string): void;
  /** Extra latency per pull (ms per MB). */
  registrySlow(msPerMb: number, registryHost?: string): void;
  /** Docker Hub style 429 toomanyrequests on pulls. */
  registryRateLimit(on: boolean): void;
  removeImage(ref: string): void;
  stopContainerd(): void;
  crashContainerd(): void;
  /** Fill the image filesystem with unused images until it is at `percent` used. */
  fillDisk(percent: number): void;
  /** Make a running container's program crash (exit code) or hang (stop answering probes). */
  crashContainer(containerIdOrName: string, exitCode?: number): void;
  hangContainer(containerIdOrName: string): void;
  /** Memory pressure on the node (bytes in use outside pods). */
  memoryPressure(bytes: number): void;
}

/** Everything the shell needs to answer a command. */
export interface SimNode {
  readonly nodeName: string;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly trace: TraceLog;
  readonly api: ApiServerClient;
  readonly fs: NodeFs;
  readonly journal: Journal;
  readonly units: { containerd: Unit; kubelet: Unit };
  /** What crictl reaches through its endpoint (/etc/crictl.yaml): the runtime's CRI server. */
  readonly runtimeService: RuntimeService;
  readonly imageService: ImageService;
  readonly faults: Faults;
  /** Run the clock until `d` settles (sim) or await it (real runtime). */
  settle<T>(d: import("../task").Deferred<T>): Promise<T>;
}

export interface SandboxView {
  sandbox: PodSandbox;
  ip?: string;
  netns?: string;
}

export interface PullProgress {
  image: string;
  layersDone: number;
  layersTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** A plain-data picture of the node at one instant, for the UI. */
export interface NodeSnapshot {
  t: number;
  nodeName: string;
  pods: KubeObject[];
  nodes: KubeObject[];
  events: KubeObject[];
  sandboxes: SandboxView[];
  containers: Container[];
  images: Image[];
  pulls: PullProgress[];
  runtime: { containerd: string; kubelet: string; status?: StatusResponse };
  imageFs: { usedBytes: number; capacityBytes: number };
  lastTraceId: number;
}

export interface Simulation {
  readonly seed: number;
  readonly node: SimNode;
  readonly trace: TraceLog;
  /** Run one command line (or a heredoc block); resolves with what the terminal prints. */
  exec(line: string): Promise<string>;
  /** Move virtual time forward, firing every due event. */
  advance(ms: number): Promise<void>;
  /** kubectl apply of YAML text or an object; resolves with kubectl's output. */
  apply(yamlOrObject: string | object): Promise<string>;
  snapshot(): NodeSnapshot;
}
