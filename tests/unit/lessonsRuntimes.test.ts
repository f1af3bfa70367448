// The runtime-flavour lessons and the dockershim lab, solved with their own "show me" commands.
import { describe, expect, it } from "vitest";
import { labDockershim124, lessonFlavours, lessonSandboxed } from "../../src/lessons/content/runtimes";
import { rawOk, solve, startAndRun } from "./lessonsSolve.helper";

describe("runtime lessons", () => {
  for (const lesson of [lessonFlavours, lessonSandboxed]) {
    it(`${lesson.id}: each step's check fails before its show-me and passes after`, async () => {
      const { run, steps } = await solve(lesson);
      for (const s of steps) {
        const step = lesson.steps.find((x) => x.id === s.id)!;
        expect(s.stateBefore, s.id).toBe("current");
        if (step.predict) expect(s.predictedCorrect, s.id).toBe(true);
        else expect(s.rawBefore, `${s.id} already true`).toBe(false);
        expect(s.stateAfter, `${s.id}: ${s.whyAfter ?? ""}`).toBe("done");
      }
      expect(run.complete).toBe(true);
    });
  }

  it("flavours: ends on cri-dockerd, where docker ps names the pod's containers k8s_…", async () => {
    const { run } = await solve(lessonFlavours);
    expect(run.view.node()?.status?.nodeInfo?.containerRuntimeVersion).toBe("docker://28.3.3");
    const names = (await run.view.sim.exec("docker ps"))
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(/\s+/).pop());
    const uid = run.view.sim.node.api.list<{ metadata: { uid: string } }>("Pod")[0].metadata.uid;
    expect(names).toEqual([`k8s_web_web_default_${uid}_0`, `k8s_POD_web_default_${uid}_0`]);
  });
});

describe("lab: dockershim after the 1.24 upgrade", () => {
  it("starts broken: kubelet v1.24 exits on the missing dockershim socket, the node goes NotReady", async () => {
    const run = await startAndRun(labDockershim124, []);
    const v = run.view;
    expect(v.sim.node.units.kubelet.state).toBe("failed");
    expect(v.nodeReady()).toBe(false);
    const journal = await v.sim.exec('journalctl -u kubelet --no-pager | grep "command failed" | tail -n 1');
    expect(journal).toContain(
      'err="failed to run Kubelet: unable to determine runtime API version: rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing dial unix /var/run/dockershim.sock: connect: no such file or directory\\""',
    );
    // the containers keep running in Docker meanwhile
    expect(await v.sim.exec("docker ps --quiet")).toMatch(/^[0-9a-f]{12}\n[0-9a-f]{12}\n$/);
  });

  it("the fix (cri-dockerd) brings the node back; the diagnosis waits for its prediction", async () => {
    const { run, steps } = await solve(labDockershim124);
    const [diagnose, fix] = steps;
    expect(diagnose.rawBefore).toBe(true);
    expect(fix.rawBefore).toBe(false);
    expect(fix.stateAfter, fix.whyAfter).toBe("done");
    expect(run.complete).toBe(true);
    expect(run.view.node()?.status?.nodeInfo?.kubeletVersion).toBe("v1.24.17");
  });

  it("switching to containerd's CRI also works once Docker's containerd loads its CRI plugin", async () => {
    const run = await startAndRun(labDockershim124, [
      "sed -i 's#unix:///var/run/dockershim.sock#unix:///run/containerd/containerd.sock#' /var/lib/kubelet/kubeadm-flags.env",
      "systemctl restart kubelet",
    ]);
    // the containerd.io package disables the CRI plugin: the kubelet still cannot start
    expect(
      await run.view.sim.exec('journalctl -u kubelet --no-pager | grep "command failed" | tail -n 1'),
    ).toContain("unknown service runtime.v1alpha2.RuntimeService");
    await run.view.sim.exec("sed -i '/disabled_plugins/d' /etc/containerd/config.toml");
    await run.view.sim.exec("systemctl restart containerd");
    await run.view.sim.exec("systemctl restart kubelet");
    await run.view.sim.exec("sim advance 30s");
    expect(rawOk(run, "fix")).toBe(true);
  });

  it("a wrong fix leaves the check failing", async () => {
    const run = await startAndRun(labDockershim124, labDockershim124.wrongFix ?? []);
    expect(rawOk(run, "fix")).toBe(false);
  });
});
