// The Player on the real core: a follow command streams while time advances, Ctrl-C ends it,
// and a rewind (seek) lands on the same state as a straight run.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../simulation";
import { memoryStorage } from "./persistence";
import { Player } from "./player";
import { createSimStore } from "./simStore";

const NGINX = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

/** What must match between two runs: pod statuses, container states, the trace position. */
function summary(p: Player): string {
  const s = p.sim.snapshot();
  return JSON.stringify({
    t: s.t,
    pods: s.pods.map((x) => [x.metadata?.name, (x.status as { phase?: string })?.phase]),
    containers: s.containers.map((c) => [c.metadata.name, c.state]),
    lastTraceId: s.lastTraceId,
  });
}

describe("Player on the real simulation", () => {
  it("streams kubectl get pods -w while the clock advances, until interrupted", async () => {
    const p = new Player(createSimulation, 1, undefined);
    await p.apply(NGINX);
    let text = "";
    let stop: () => void = () => {};
    const interrupted = new Promise<void>((r) => {
      stop = r;
    });
    const done = p.terminal("kubectl get pods -w", { follow: { write: (c) => (text += c), interrupted } });
    // The queue is free again: advancing is not blocked by the follow command.
    await p.advance(30_000);
    expect(text).toMatch(/NAME\s+READY\s+STATUS/);
    expect(text).toMatch(/web\s+1\/1\s+Running/);
    stop();
    const r = await done;
    expect(r.code).toBe(0);
    expect(p.commands.map((c) => c.text)).toEqual([NGINX, "kubectl get pods -w"]);
    expect(p.transcript.at(-1)?.output).toContain("Running");
  });

  it("a rewound run replays future commands and matches a straight run", async () => {
    const straight = new Player(createSimulation, 7, undefined);
    await straight.advance(2000);
    await straight.apply(NGINX);
    await straight.advance(20_000);
    await straight.exec("kubectl delete pod web --grace-period=1");
    await straight.advance(5_000);

    const rewound = new Player(createSimulation, 7, undefined);
    const all = [...straight.commands];
    await rewound.replay(all, all[0].t + 8_000);
    expect(rewound.future.map((c) => c.kind)).toEqual(["exec"]);
    await rewound.advance(straight.now() - rewound.now());
    expect(rewound.future).toEqual([]);
    expect(summary(rewound)).toBe(summary(straight));
  });

  it("the store's seek goes back and forth to the same state", async () => {
    const store = createSimStore({ createSimulation, storage: memoryStorage() });
    await store.init(3);
    const s = () => store.getState();
    await s().apply(NGINX);
    for (let i = 0; i < 40; i++) await s().step();
    const t = s().t;
    const at = summary(store.player());
    await s().seek(0);
    expect(s().t).toBe(s().startT);
    expect(s().snapshot?.pods).toEqual([]);
    expect(s().horizon).toBe(t);
    await s().seek(t);
    expect(summary(store.player())).toBe(at);
  });
});
