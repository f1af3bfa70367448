// Shared pieces of the fidelity tables: run a pod on a fresh node and read what kubectl shows.
import type { Event, Pod } from "kubernetes-types/core/v1";
import { createSimulation, type LiveSimulation } from "../../../src/simulation";
import { podRow } from "../../helpers/testNode";

export function pod(name: string, spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n")}\n`;
}

export async function runPod(yaml: string, ms: number, seed = 1): Promise<LiveSimulation> {
  const sim = createSimulation({ seed });
  const out = await sim.apply(yaml);
  if (!/created/.test(out)) throw new Error(out);
  await sim.advance(ms);
  return sim;
}

export async function status(sim: LiveSimulation, name: string): Promise<string> {
  return (await podRow(sim, name)).STATUS;
}

export function getPod(sim: LiveSimulation, name: string): Pod {
  return sim.node.api.get<Pod>("Pod", "default", name);
}

export function events(sim: LiveSimulation, name: string): Event[] {
  return sim.node.api
    .list<Event>("Event", { namespace: "default" })
    .filter((e) => e.involvedObject.name === name);
}

/** Virtual seconds at which the kubelet sent each CRI request whose summary starts with `prefix`. */
export function criTimes(sim: LiveSimulation, prefix: string): number[] {
  return sim.trace
    .all()
    .filter((e) => e.kind === "cri.request" && e.summary.startsWith(prefix))
    .map((e) => e.t / 1000);
}

export function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => Math.round(t - times[i]));
}
