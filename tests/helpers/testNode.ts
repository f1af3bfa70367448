// A fluent driver for tests that read like prose:
//   await testNode().apply(yaml).advance("30s").expectPod("web").toHaveStatus("Running");
// Steps queue up and run in order when the chain is awaited.
import { expect } from "vitest";
import { parseDuration } from "../../src/sim/clock";
import type { Simulation } from "../../src/sim/node/types";
import { createSimulation } from "../../src/simulation";

type Step = (sim: Simulation) => Promise<void>;

export class TestNode implements PromiseLike<Simulation> {
  readonly sim: Simulation;
  private steps: Step[] = [];
  /** Output of the last `exec` step. */
  lastOutput = "";

  constructor(seed = 1) {
    this.sim = createSimulation({ seed });
  }

  apply(yamlOrObject: string | object): this {
    this.steps.push(async (sim) => {
      this.lastOutput = await sim.apply(yamlOrObject);
    });
    return this;
  }

  exec(line: string): this {
    this.steps.push(async (sim) => {
      this.lastOutput = await sim.exec(line);
    });
    return this;
  }

  advance(duration: string | number): this {
    const ms = typeof duration === "number" ? duration : parseDuration(duration);
    if (ms === undefined) throw new Error(`bad duration ${duration}`);
    this.steps.push((sim) => sim.advance(ms));
    return this;
  }

  /** Run a custom step (faults, direct API access). */
  do(fn: (sim: Simulation) => void | Promise<void>): this {
    this.steps.push(async (sim) => {
      await fn(sim);
    });
    return this;
  }

  expectOutput(matcher: string | RegExp): this {
    this.steps.push(async () => {
      if (typeof matcher === "string") expect(this.lastOutput).toContain(matcher);
      else expect(this.lastOutput).toMatch(matcher);
    });
    return this;
  }

  expectPod(name: string, namespace = "default"): PodExpectation {
    return new PodExpectation(this, name, namespace);
  }

  /** @internal */
  push(step: Step): this {
    this.steps.push(step);
    return this;
  }

  // biome-ignore lint/suspicious/noThenProperty: the driver is awaited to run its queued steps.
  then<R1 = Simulation, R2 = never>(
    onfulfilled?: ((value: Simulation) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    const run = async () => {
      const steps = this.steps;
      this.steps = [];
      for (const s of steps) await s(this.sim);
      return this.sim;
    };
    return run().then(onfulfilled, onrejected);
  }
}

/** One row of `kubectl get pod NAME` as columns. */
export async function podRow(
  sim: Simulation,
  name: string,
  namespace = "default",
): Promise<Record<string, string>> {
  const out = await sim.exec(`kubectl get pod ${name} -n ${namespace}`);
  const lines = out.trimEnd().split("\n");
  if (lines.length < 2) throw new Error(`no row for pod ${name}: ${out}`);
  const header = lines[0];
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index ?? 0);
  const names = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => m[0]);
  const row: Record<string, string> = {};
  names.forEach((n, i) => {
    row[n] = lines[1].slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim();
  });
  return row;
}

export class PodExpectation {
  constructor(
    private readonly node: TestNode,
    private readonly name: string,
    private readonly namespace: string,
  ) {}

  toHaveStatus(status: string): TestNode {
    return this.node.push(async (sim) => {
      expect((await podRow(sim, this.name, this.namespace)).STATUS).toBe(status);
    });
  }

  toHaveReady(ready: string): TestNode {
    return this.node.push(async (sim) => {
      expect((await podRow(sim, this.name, this.namespace)).READY).toBe(ready);
    });
  }

  toHaveRestarts(restarts: number): TestNode {
    return this.node.push(async (sim) => {
      expect((await podRow(sim, this.name, this.namespace)).RESTARTS.split(" ")[0]).toBe(String(restarts));
    });
  }

  toHavePhase(phase: string): TestNode {
    return this.node.push(async (sim) => {
      const pod = sim.node.api.get<{ status?: { phase?: string } }>("Pod", this.namespace, this.name);
      expect(pod.status?.phase).toBe(phase);
    });
  }

  toHaveEvent(reason: string, message?: string | RegExp): TestNode {
    return this.node.push(async (sim) => {
      const events = sim.node.api.list<{
        reason?: string;
        message?: string;
        involvedObject?: { name?: string };
      }>("Event", { namespace: this.namespace });
      const mine = events.filter((e) => e.involvedObject?.name === this.name && e.reason === reason);
      expect(mine.map((e) => `${e.reason}: ${e.message}`).join("\n")).not.toBe("");
      if (message !== undefined) {
        const ok = mine.some((e) =>
          typeof message === "string" ? e.message === message : message.test(e.message ?? ""),
        );
        expect(ok, `events ${reason}: ${mine.map((e) => e.message).join(" | ")}`).toBe(true);
      }
    });
  }

  toBeGone(): TestNode {
    return this.node.push(async (sim) => {
      expect(sim.node.api.tryGet("Pod", this.namespace, this.name)).toBeUndefined();
    });
  }
}

export function testNode(seed = 1): TestNode {
  return new TestNode(seed);
}
