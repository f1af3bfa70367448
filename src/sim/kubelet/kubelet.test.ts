import { describe, expect, it } from "vitest";
import { simplePod, testNode } from "./testing/testNode";

describe("kubelet: a new pod", () => {
  it("calls the CRI in the real SyncPod order and reports Running", () => {
    const n = testNode();
    expect(n.kubelet.start()).toBeUndefined();
    n.clock.advance(100);
    n.apply(simplePod("web"));
    n.clock.advance(5000);
    const calls = n
      .criCalls()
      .filter(
        (s) => !/^(Version|Status|ListPodSandbox|ListContainers|ContainerStatus|ImageFsInfo)\(/.test(s),
      );
    // PLEG's relist (PodSandboxStatus of changed pods) interleaves during the pull: check the sync's own order.
    const expected = [
      "RunPodSandbox(web)",
      "PodSandboxStatus(web)",
      "ImageStatus(nginx:1.27)",
      "PullImage(nginx:1.27)",
      "ImageStatus(nginx:1.27)",
      "CreateContainer(web/app)",
      "StartContainer(web/app)",
    ];
    let i = 0;
    for (const c of calls) if (c === expected[i]) i++;
    expect(i).toBe(expected.length);
    expect(calls.slice(0, 3)).toEqual(expected.slice(0, 3));
    const st = n.status("web")!;
    expect(st.phase).toBe("Running");
    expect(st.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      "PodReadyToStartContainers=True",
      "Initialized=True",
      "Ready=True",
      "ContainersReady=True",
      "PodScheduled=True",
    ]);
    const cs = st.containerStatuses![0];
    expect(cs.containerID).toMatch(/^containerd:\/\/c+/);
    expect(cs.ready).toBe(true);
    expect(cs.restartCount).toBe(0);
    expect(st.podIP).toMatch(/^10\.244\.0\./);
    const msgs = n
      .events()
      .filter((e) => e.kind === "Pod")
      .map((e) => `${e.reason}: ${e.message}`);
    expect(msgs[0]).toBe('Pulling: Pulling image "nginx:1.27"');
    expect(msgs[1]).toMatch(
      /^Pulled: Successfully pulled image "nginx:1\.27" in 1\.005s \(1\.005s including waiting\)\. Image size: \d+ bytes\.$/,
    );
    expect(msgs.slice(2)).toEqual(["Created: Created container: app", "Started: Started container app"]);
    // Every request has its response, linked by causeId.
    const req = n.trace.all().find((e) => e.summary === "RunPodSandbox(web)")!;
    expect(n.trace.all().some((e) => e.kind === "cri.response" && e.causeId === req.id)).toBe(true);
    expect(
      n.journal.some((l) =>
        /^I0115 09:00:00\.\d{6} {4}1043 kubelet\.go:2440\] "SyncLoop ADD" source="api" pods=\["default\/web"\]$/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it("pending status first: ContainerCreating and ContainersNotReady", () => {
    const n = testNode();
    n.kubelet.start();
    n.clock.advance(100);
    n.apply(simplePod("web"));
    n.clock.advance(50);
    const st = n.status("web")!;
    expect(st.phase).toBe("Pending");
    expect(st.containerStatuses![0].state).toEqual({ waiting: { reason: "ContainerCreating" } });
    const ready = st.conditions!.find((c) => c.type === "Ready")!;
    expect(ready).toMatchObject({
      status: "False",
      reason: "ContainersNotReady",
      message: "containers with unready status: [app]",
    });
  });
});

describe("pull policies", () => {
  it("IfNotPresent with the image present: no PullImage, 'already present' event", () => {
    const n = testNode();
    n.cri.addImage("nginx:1.27");
    n.kubelet.start();
    n.apply(simplePod("web"));
    n.clock.advance(3000);
    expect(n.criCalls()).not.toContain("PullImage(nginx:1.27)");
    expect(n.events("Pulled")[0].message).toBe('Container image "nginx:1.27" already present on machine');
  });

  it("Always pulls even when present", () => {
    const n = testNode();
    n.cri.addImage("nginx:1.27");
    n.kubelet.start();
    const p = simplePod("web");
    p.spec!.containers[0].imagePullPolicy = "Always";
    n.apply(p);
    n.clock.advance(3000);
    expect(n.criCalls()).toContain("PullImage(nginx:1.27)");
  });

  it("Never with the image absent: ErrImageNeverPull", () => {
    const n = testNode();
    n.kubelet.start();
    const p = simplePod("web");
    p.spec!.containers[0].imagePullPolicy = "Never";
    n.apply(p);
    n.clock.advance(3000);
    expect(n.criCalls()).not.toContain("PullImage(nginx:1.27)");
    expect(n.state("web", "app")).toEqual({
      waiting: {
        reason: "ErrImageNeverPull",
        message: 'Container image "nginx:1.27" is not present with pull policy of Never',
      },
    });
    expect(n.events("ErrImageNeverPull")[0].type).toBe("Warning");
  });
});

describe("image pull back-off", () => {
  it("retries pulls 10 s, 20 s, 40 s after each failure, with ErrImagePull then ImagePullBackOff", () => {
    const n = testNode();
    const err = 'failed to pull and unpack image "docker.io/library/nginx:nope": not found';
    n.cri.pullFailures.set("nginx:nope", err);
    n.kubelet.start();
    n.apply(simplePod("bad", "nginx:nope"));
    n.clock.advance(90_000);
    const reqs = n.trace.all().filter((e) => e.summary === "PullImage(nginx:nope)");
    const errs = n.trace
      .all()
      .filter((e) => e.kind === "cri.error" && e.summary.startsWith("PullImage(nginx:nope)"));
    expect(reqs.length).toBe(4);
    // The retry sync runs at the back-off deadline: ImageStatus (5 ms) then PullImage.
    const gaps = [1, 2, 3].map((i) => reqs[i].t - errs[i - 1].t);
    expect(gaps).toEqual([10_005, 20_005, 40_005]);
    expect(n.events("Failed").map((e) => e.message)).toContain(
      `Failed to pull image "nginx:nope": rpc error: code = NotFound desc = ${err}`,
    );
    expect(n.events("Failed").map((e) => e.message)).toContain("Error: ErrImagePull");
    expect(n.events("Failed").map((e) => e.message)).toContain("Error: ImagePullBackOff");
    expect(n.events("BackOff")[0].message).toBe('Back-off pulling image "nginx:nope"');
    n.clock.advance(5000);
    expect(n.state("bad", "app")).toEqual({
      waiting: {
        reason: "ImagePullBackOff",
        message: `Back-off pulling image "nginx:nope": ErrImagePull: rpc error: code = NotFound desc = ${err}`,
      },
    });
  });
});

describe("crash-loop back-off", () => {
  it("restarts after 10, 20, 40, 80, 160, 300, 300 s and reports CrashLoopBackOff", () => {
    const n = testNode();
    n.cri.addImage("busybox:1.36");
    n.cri.scripts.set("app", { exitAfterMs: 1000, exitCode: 1 });
    n.kubelet.start();
    n.apply(simplePod("crash", "busybox:1.36"));
    n.clock.advance(1_500_000);
    const starts = n.trace
      .all()
      .filter((e) => e.summary === "StartContainer(crash/app)")
      .map((e) => e.t);
    // Container exits 1 s after StartContainer answers (+50 ms); back-off counts from finishedAt.
    const gaps = starts.slice(1, 9).map((t, i) => Math.round((t - starts[i] - 1050) / 1000));
    // The first restart is immediate (after PLEG notices the exit, ≤ 1 s).
    expect(gaps[0]).toBeLessThanOrEqual(1);
    expect(gaps.slice(1)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    const st = n.status("crash")!;
    expect(st.phase).toBe("Running");
    const cs = st.containerStatuses![0];
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(cs.state?.waiting?.reason).toBe("CrashLoopBackOff");
    expect(cs.state?.waiting?.message).toMatch(
      /^back-off 5m0s restarting failed container=app pod=crash_default\(uid-crash\)$/,
    );
    expect(n.events("BackOff")[0].message).toBe(
      "Back-off restarting failed container app in pod crash_default(uid-crash)",
    );
    expect(
      n.journal.some((l) =>
        l.includes(
          '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=app pod=crash_default(uid-crash)\\""',
        ),
      ),
    ).toBe(true);
  });

  it("resets the back-off after 10 minutes of running", () => {
    const n = testNode();
    n.cri.addImage("busybox:1.36");
    n.cri.scripts.set("app", { exitAfterMs: 1000, exitCode: 1 });
    n.kubelet.start();
    n.apply(simplePod("crash", "busybox:1.36"));
    n.clock.advance(200_000); // restarts at ~0, 10, 20, 40, 80 s → now in back-off 80 s
    n.cri.scripts.set("app", { exitAfterMs: 700_000, exitCode: 1 });
    n.clock.advance(200_000);
    const before = n.trace.all().filter((e) => e.summary === "StartContainer(crash/app)").length;
    n.clock.advance(720_000);
    const starts = n.trace
      .all()
      .filter((e) => e.summary === "StartContainer(crash/app)")
      .map((e) => e.t);
    expect(starts.length).toBe(before + 1);
    const last = starts[starts.length - 1];
    // Ran 700 s (> 600 s): restarted within the next relist, not after 320 s.
    expect(last - starts[starts.length - 2] - 700_050).toBeLessThan(2500);
  });
});
