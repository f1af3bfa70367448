// A tiny deterministic Simulation for the store's tests: a real VirtualClock and TraceLog,
// a periodic "relist" that traces every third tick, and commands that leave visible state.

import type { KubeObject } from "../sim/apiserver/types";
import { VirtualClock } from "../sim/clock";
import type { NodeSnapshot, SimNode, Simulation } from "../sim/node/types";
import { TraceLog } from "../sim/trace";

export function fakeSimulation(opts: { seed?: number }): Simulation & { log: string[] } {
  const clock = new VirtualClock();
  const trace = new TraceLog(() => clock.now());
  const pods: KubeObject[] = [];
  const log: string[] = [];
  let tick = 0;
  const relist = () => {
    tick++;
    if (tick % 3 === 0)
      trace.record({ from: "kubelet", to: "cri", kind: "cri.request", summary: "ListPodSandbox()" });
    clock.setTimer(1000, relist);
  };
  clock.setTimer(1000, relist);
  return {
    seed: opts.seed ?? 1,
    log,
    node: { nodeName: "node-1", clock, trace } as unknown as SimNode,
    trace,
    async exec(line) {
      log.push(`${clock.now()} exec ${line}`);
      if (line === "boom") throw new Error("kaboom");
      return `ran ${line} at ${clock.now()}\n`;
    },
    async advance(ms) {
      clock.advance(ms);
    },
    async apply(text) {
      const name = /name:\s*(\S+)/.exec(String(text))?.[1];
      if (!name) throw new Error("error validating data: metadata.name is required");
      log.push(`${clock.now()} apply ${name}`);
      pods.push({ metadata: { name }, status: { phase: "Pending" } });
      clock.setTimer(2000, () => {
        pods.find((p) => p.metadata?.name === name)!.status = { phase: "Running" };
        trace.record({
          from: "kubelet",
          to: "apiserver",
          kind: "status",
          summary: `${name} Running`,
          pod: `default/${name}`,
        });
      });
      return `pod/${name} created\n`;
    },
    snapshot(): NodeSnapshot {
      return {
        t: clock.now(),
        nodeName: "node-1",
        pods: structuredClone(pods),
        nodes: [],
        events: [],
        sandboxes: [],
        containers: [],
        images: [],
        pulls: [],
        runtime: { containerd: "active", kubelet: "active" },
        imageFs: { usedBytes: 0, capacityBytes: 1 },
        lastTraceId: trace.lastId,
      };
    },
  };
}
