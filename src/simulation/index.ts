// The Simulation facade: one node plus the command layer that speaks to it. It sits above src/sim
// (pure core) and src/shell, so both the browser and the headless shell get the same thing.
import { stringify } from "yaml";
import { installRealCommands } from "../remote/realCommands";
import { createRealNode, type RealNode, type RemoteOptions } from "../remote/realNode";
import { sleepWall } from "../remote/wallClockPump";
import { type RunIo, Shell, type ShellResult } from "../shell";
import { crictlCommands } from "../shell/crictl";
import { dockerCommand } from "../shell/docker/docker";
import { filesCommands } from "../shell/files";
import { iptablesCommands } from "../shell/iptables";
import { systemdCommands } from "../shell/systemd";
import { type BuiltNode, createNode } from "../sim/node/createNode";
import type { NodeSnapshot, Simulation } from "../sim/node/types";
import {
  FLAVOURS,
  isRuntimeFlavour,
  RUNTIME_FLAVOURS,
  type RuntimeFlavour,
} from "../sim/runtime/flavours/spec";
import type { TraceLog } from "../sim/trace";
import { isolationViews, servicesView } from "./snapshotViews";

export interface SimulationOptions {
  seed?: number;
  /**
   * Drive a real runtime through the backend (server/): the kubelet in this page talks to
   * containerd over the WebSocket and time follows the wall clock. Absent: the simulated runtime.
   */
  remote?: RemoteOptions;
  /** The container runtime the node starts with (and returns to on reset); default containerd. */
  flavour?: RuntimeFlavour;
  /** Calendar time (epoch ms) of virtual time 0; default 2026-01-15T09:00:00Z. */
  epochMs?: number;
  /** Called after `sim reset` / `sim seed N` / `sim runtime X` rebuilt the node. */
  onReset?(sim: LiveSimulation): void;
  /** The browser's editor panel is there: `kubectl edit` opens its file in it (headless it needs $KUBE_EDITOR). */
  editorPanel?: boolean;
}

export interface LiveSimulation extends Simulation {
  readonly node: BuiltNode;
  readonly shell: Shell;
  /** Run a line with terminal I/O (follow modes, colour, width); `exec` is this without them. */
  run(line: string, io?: RunIo): Promise<ShellResult>;
  /** Rebuild the node from scratch with this seed (default: the same seed) and the starting runtime. */
  reset(seed?: number): void;
  /**
   * `sim runtime X`: rebuild the node with another runtime, keeping the seed; virtual time and trace
   * ids continue, so the UI's timeline and trace subscribers carry on.
   */
  switchRuntime(flavour: RuntimeFlavour): void;
  readonly flavour: RuntimeFlavour;
  /** Set when a real runtime is attached. */
  readonly remote?: RealNode;
  /** Real mode: stop the pump, close the socket. A no-op for the simulated runtime. */
  close?(): void;
}

const HEREDOC = "K8S_NODE_SIM_EOF";

export function createSimulation(opts: SimulationOptions = {}): LiveSimulation {
  let seed = opts.seed ?? 1;
  let flavour: RuntimeFlavour = opts.flavour ?? "containerd";
  let real: RealNode | undefined;
  let node = build();
  let shell = makeShell();

  function build(previous?: BuiltNode): BuiltNode {
    if (!opts.remote)
      return flavour === "containerd" && !previous
        ? createNode({ seed, epochMs: opts.epochMs })
        : createNode({ seed, flavour, previous, epochMs: opts.epochMs });
    real = createRealNode(seed, opts.remote);
    return real.node;
  }

  function makeShell(): Shell {
    // Tab completion and `df` read the runtime's state from the snapshot: no CRI call, no clock move.
    const sh = new Shell(node, {
      onReset: (s) => sim.reset(s),
      view: () => sim.snapshot(),
      editorPanel: opts.editorPanel,
      onRuntime(name) {
        if (real) return { error: "sim: the runtime flavour is simulated only (a real runtime is attached)" };
        if (!isRuntimeFlavour(name))
          return { error: `sim: unknown runtime "${name}"; one of: ${RUNTIME_FLAVOURS.join(", ")}` };
        sim.switchRuntime(name);
        const f = FLAVOURS[name];
        return {
          ok: `node-1 rebuilt with ${f.title}: kubelet ${f.kubeletVersion}, CRI endpoint ${f.kubeletEndpoint || `${f.crictlEndpoint} (dockershim inside the kubelet)`}\n`,
        };
      },
      runtimes: () => ({
        current: flavour,
        choices: RUNTIME_FLAVOURS.map((n) => ({ name: n, title: FLAVOURS[n].title })),
      }),
    });
    for (const c of [...crictlCommands, ...systemdCommands, ...filesCommands, ...iptablesCommands])
      sh.register(c);
    if (flavour === "docker" || flavour === "cri-dockerd") sh.register(dockerCommand);
    if (real) installRealCommands(sh, real);
    return sh;
  }

  /**
   * What the command set off at this very instant happens before the next command reads the node:
   * controllers and the scheduler act on a write within milliseconds on a real cluster (after
   * `kubectl create deployment`, `kubectl get pods` already lists the Pending pod), while anything
   * that takes time still waits for the clock (`sim advance`, or the player in the browser).
   */
  const settleNow = () => {
    if (!real) node.clock.runUntilTime(node.clock.now());
  };

  const sim: LiveSimulation = {
    get seed() {
      return seed;
    },
    get node() {
      return node;
    },
    get shell() {
      return shell;
    },
    get trace(): TraceLog {
      return node.trace;
    },
    async run(line, io) {
      const r = await shell.run(line, io);
      settleNow();
      return r;
    },
    async exec(line) {
      const r = await shell.run(line);
      settleNow();
      return r.output;
    },
    async advance(ms) {
      // A real runtime cannot be fast-forwarded: wait while the pump moves the clock.
      if (real) await sleepWall(ms, real.pump);
      else node.clock.advance(ms);
    },
    async apply(yamlOrObject) {
      const text = typeof yamlOrObject === "string" ? yamlOrObject : stringify(yamlOrObject);
      const body = text.endsWith("\n") ? text : `${text}\n`;
      return (await shell.run(`kubectl apply -f - <<'${HEREDOC}'\n${body}${HEREDOC}`)).output;
    },
    snapshot() {
      return real ? real.snapshot() : snapshotOf(node);
    },
    get remote() {
      return real;
    },
    close() {
      real?.close();
    },
    reset(newSeed) {
      if (newSeed !== undefined) seed = newSeed;
      flavour = opts.flavour ?? "containerd";
      real?.close();
      node = build();
      shell = makeShell();
      opts.onReset?.(sim);
    },
    switchRuntime(next) {
      flavour = next;
      node = build(node);
      shell = makeShell();
      opts.onReset?.(sim);
    },
    get flavour() {
      return flavour;
    },
  };
  return sim;
}

export function snapshotOf(node: BuiltNode): NodeSnapshot {
  const rt = node.runtime;
  const iso = isolationViews(node);
  return {
    t: node.clock.now(),
    nodeName: node.nodeName,
    pods: node.api.list("Pod"),
    nodes: node.api.list("Node"),
    events: node.api.list("Event"),
    sandboxes: rt.listSandboxViews().map((v) => ({ ...v, isolation: iso.sandboxes.get(v.sandbox.id) })),
    containers: rt.listContainersNow(),
    images: rt.listImagesNow(),
    pulls: rt.pullProgress(),
    runtime: { containerd: node.units.containerd.state, kubelet: node.units.kubelet.state },
    flavour: node.flavour,
    units: Object.fromEntries(Object.values(node.units).map((u) => [u.name, u.state])),
    imageFs: rt.imageFsUsage(),
    lastTraceId: node.trace.lastId,
    isolation: iso.containers,
    services: servicesView(node),
  };
}
