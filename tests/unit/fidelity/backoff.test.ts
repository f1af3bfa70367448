// FIDELITY §3, §5: events with the kubelet's wording, and the back-off numbers.
import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";
import { criTimes, events, gaps, getPod, pod, runPod } from "./helpers";

describe("crash-loop back-off (FIDELITY §5)", () => {
  it("restarts at once, then after 10s, 20s, 40s, 80s, 160s, capped at 300s", async () => {
    const sim = await runPod(
      pod("crash", 'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sh", "-c", "exit 1"]'),
      25 * 60_000,
    );
    const g = gaps(criTimes(sim, "StartContainer(crash/c)"));
    const want = [0, 10, 20, 40, 80, 160, 300, 300];
    expect(g.length).toBeGreaterThanOrEqual(want.length);
    for (const [i, w] of want.entries())
      expect(Math.abs(g[i] - w), `gap ${i}: ${g.join(",")}`).toBeLessThanOrEqual(2);
    const waiting = getPod(sim, "crash").status?.containerStatuses?.[0].state?.waiting;
    const uid = getPod(sim, "crash").metadata?.uid;
    expect(waiting?.reason).toBe("CrashLoopBackOff");
    expect(waiting?.message).toMatch(
      new RegExp(
        `^back-off (5m0s|\\d+s|\\dm\\d+s) restarting failed container=c pod=crash_default\\(${uid}\\)$`,
      ),
    );
    expect(events(sim, "crash").map((e) => `${e.type} ${e.reason} ${e.message}`)).toContain(
      `Warning BackOff Back-off restarting failed container c in pod crash_default(${uid})`,
    );
  });

  it("shows Running, then Error, then CrashLoopBackOff each cycle (a restart shows no stale Error)", async () => {
    const sim = createSimulation({ seed: 3 });
    const states: string[] = [];
    sim.node.api.watch<Pod>("Pod", {}, (e) => {
      const cs = e.object.status?.containerStatuses?.[0];
      const st = cs?.state;
      const s = st?.running ? "Running" : (st?.terminated?.reason ?? st?.waiting?.reason ?? "");
      if (s && s !== states.at(-1)) states.push(s);
    });
    await sim.apply(
      pod(
        "loop",
        'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sh", "-c", "sleep 3; exit 1"]',
      ),
    );
    await sim.advance(6 * 60_000);
    const from = states.indexOf("CrashLoopBackOff");
    expect(from, states.join(" ")).toBeGreaterThan(0);
    const cycles = states.slice(from);
    expect(cycles.length).toBeGreaterThanOrEqual(9);
    for (const [i, s] of cycles.entries())
      expect(s, cycles.join(" ")).toBe(["CrashLoopBackOff", "Running", "Error"][i % 3]);
  });

  it("sends the API server at most 25 of the kubelet's events about a pod, then one per 5 minutes", async () => {
    const sim = await runPod(
      pod("spam", 'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sh", "-c", "exit 1"]'),
      30 * 60_000,
    );
    const writes = sim.trace
      .all()
      .filter((e) => e.kind === "event" && e.from === "kubelet" && e.summary.includes("pod/spam"));
    // 25 at once, then one token per 300 s over the next ~28 minutes.
    expect(writes.length).toBeGreaterThanOrEqual(25);
    expect(writes.length).toBeLessThanOrEqual(25 + 6);
    // The BackOff count still grows with every re-sync the kubelet made (about one per 10 s).
    const backOff = events(sim, "spam").find((e) => e.reason === "BackOff");
    expect(backOff?.count).toBeGreaterThan(100);
  });

  it("re-syncs a pod in back-off every 10–15 s (wait.Jitter), logging each skipped sync", async () => {
    const sim = await runPod(
      pod("skip", 'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sh", "-c", "exit 1"]'),
      20 * 60_000,
    );
    const lines = sim.node.journal.query("kubelet").filter((e) => e.message.includes("default/skip"));
    const times = lines.filter((e) => e.message.includes('"Error syncing pod, skipping"')).map((e) => e.t);
    const pleg = lines.filter((e) => e.message.includes('"SyncLoop (PLEG): event for pod"')).map((e) => e.t);
    // Within the long back-offs (2m40s, 5m0s), between two syncs the PLEG did not trigger (a container
    // dying or being removed syncs the pod at once), the gap is the pod worker's own requeue.
    const late: number[] = [];
    for (let i = 1; i < times.length; i++)
      if (times[i - 1] > 300_000 && !pleg.some((t) => t >= times[i - 1] && t <= times[i]))
        late.push(Math.round((times[i] - times[i - 1]) / 100) / 10);
    expect(late.length).toBeGreaterThan(20);
    expect(Math.min(...late), late.join(" ")).toBeGreaterThanOrEqual(10);
    expect(Math.max(...late), late.join(" ")).toBeLessThanOrEqual(15);
    expect(new Set(late).size, "jittered, not a fixed period").toBeGreaterThan(2);
  });

  it("resets after ten minutes of running: the next restart is quick again", async () => {
    const sim = await runPod(
      pod("long", 'containers:\n- name: c\n  image: busybox:1.36\n  command: ["sleep", "36000"]'),
      20_000,
    );
    /** Crash the running container; seconds until the kubelet started it again. */
    const crash = async (waitMs: number) => {
      const c = sim.node.runtime.listContainersNow().find((x) => x.metadata.name === "c" && x.state === 1);
      expect(c, "a running container to crash").toBeDefined();
      const at = sim.node.clock.now() / 1000;
      sim.node.faults.crashContainer(c!.id, 1);
      await sim.advance(waitMs);
      const next = criTimes(sim, "StartContainer(long/c)").find((t) => t > at);
      expect(next, "restarted").toBeDefined();
      return next! - at;
    };
    // Four quick crashes build the back-off up (restart at once, then 10s, 20s, 40s)…
    const delays: number[] = [];
    for (const wait of [5_000, 15_000, 25_000, 45_000, 85_000]) delays.push(await crash(wait));
    expect(delays.at(-1)).toBeGreaterThanOrEqual(39);
    // …eleven minutes of running expire it: the next crash restarts without the long wait.
    await sim.advance(11 * 60_000);
    expect(await crash(15_000)).toBeLessThanOrEqual(11);
  });
});

describe("image pull back-off (FIDELITY §5) and its events (§3)", () => {
  it("pulls again after 10s, 20s, 40s with Failed/BackOff events and the waiting message", async () => {
    const sim = await runPod(pod("typo", "containers:\n- name: c\n  image: nginx:1.99"), 3 * 60_000);
    const g = gaps(criTimes(sim, "PullImage(nginx:1.99)"));
    for (const [i, w] of [10, 20, 40, 80].entries())
      expect(Math.abs(g[i] - w), g.join(",")).toBeLessThanOrEqual(2);
    const err =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found';
    const msgs = events(sim, "typo").map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        "Normal Scheduled Successfully assigned default/typo to node-1",
        'Normal Pulling Pulling image "nginx:1.99"',
        `Warning Failed Failed to pull image "nginx:1.99": ${err}`,
        "Warning Failed Error: ErrImagePull",
        'Normal BackOff Back-off pulling image "nginx:1.99"',
        "Warning Failed Error: ImagePullBackOff",
      ]),
    );
    const waiting = getPod(sim, "typo").status?.containerStatuses?.[0].state?.waiting;
    expect(waiting?.reason).toBe("ImagePullBackOff");
    expect(waiting?.message).toBe(`Back-off pulling image "nginx:1.99": ErrImagePull: ${err}`);
  });
});

describe("container events (FIDELITY §3)", () => {
  it("Pulling, Pulled with timings and size, Created, Started, then Killing on delete", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(pod("web", "containers:\n- name: nginx\n  image: nginx:1.27"));
    await sim.advance(30_000);
    await sim.exec("kubectl delete pod web --wait=false");
    await sim.advance(1_000);
    const msgs = events(sim, "web").map(
      (e) => `${e.reason}|${e.message}|${e.involvedObject.fieldPath ?? ""}`,
    );
    expect(msgs).toContain('Pulling|Pulling image "nginx:1.27"|spec.containers{nginx}');
    expect(msgs.find((m) => m.startsWith("Pulled|"))).toMatch(
      /^Pulled\|Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: \d+ bytes\.\|/,
    );
    expect(msgs).toContain("Created|Created container: nginx|spec.containers{nginx}");
    expect(msgs).toContain("Started|Started container nginx|spec.containers{nginx}");
    expect(msgs).toContain("Killing|Stopping container nginx|spec.containers{nginx}");
  });

  it("an image already there is not pulled again with IfNotPresent", async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.apply(pod("a", "containers:\n- name: c\n  image: nginx:1.27"));
    await sim.advance(30_000);
    await sim.apply(pod("b", "containers:\n- name: c\n  image: nginx:1.27"));
    await sim.advance(10_000);
    expect(events(sim, "b").map((e) => e.message)).toContain(
      'Container image "nginx:1.27" already present on machine',
    );
  });

  it("pull policy Never with an absent image: ErrImageNeverPull", async () => {
    const sim = await runPod(
      pod("never", "containers:\n- name: c\n  image: redis:7.4\n  imagePullPolicy: Never"),
      10_000,
    );
    expect(events(sim, "never").map((e) => `${e.reason} ${e.message}`)).toContain(
      'ErrImageNeverPull Container image "redis:7.4" is not present with pull policy of Never',
    );
  });
});
