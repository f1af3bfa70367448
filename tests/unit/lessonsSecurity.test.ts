import { describe, expect, it } from "vitest";
import { getLesson, LABS, LESSONS } from "../../src/lessons/catalog";
import { labRunAsNonRoot, lessonSecurity } from "../../src/lessons/content/security";
import { rawOk, solve, startAndRun } from "./lessonsSolve.helper";

describe("security lesson (section 10)", () => {
  it("is the section 10 lesson, and its lab is registered", () => {
    expect(LESSONS.filter((l) => l.section === 10)).toContain(lessonSecurity);
    expect(LABS).toContain(labRunAsNonRoot);
    expect(getLesson("lab-runasnonroot")).toBe(labRunAsNonRoot);
  });

  it("each step fails before its show-me commands and passes after them", async () => {
    const { run, steps } = await solve(lessonSecurity);
    for (const s of steps) {
      const step = lessonSecurity.steps.find((x) => x.id === s.id)!;
      expect(s.stateBefore, `${s.id} done before its step`).toBe("current");
      if (step.predict) expect(s.predictedCorrect, `${s.id} prediction`).toBe(true);
      else expect(s.rawBefore, `${s.id} already true`).toBe(false);
      expect(s.stateAfter, `${s.id}: ${s.whyAfter ?? ""}`).toBe("done");
    }
    expect(run.complete).toBe(true);
  });

  it("shows each feature in the real tools' words", async () => {
    const { run } = await solve(lessonSecurity);
    const sim = run.view.sim;
    expect(await sim.exec("kubectl exec locked -- id")).toBe("uid=1000 gid=3000 groups=2000,3000\n");
    expect(await sim.exec("kubectl exec hardened -- unshare -U true")).toBe(
      "unshare: unshare(0x10000000): Operation not permitted\ncommand terminated with exit code 1\n",
    );
    expect(await sim.exec("kubectl exec hardened -- touch /x")).toBe(
      "touch: /x: Read-only file system\ncommand terminated with exit code 1\n",
    );
    expect(await sim.exec("kubectl exec hardened -- grep Seccomp: /proc/1/status")).toBe("Seccomp:\t2\n");
    expect(await sim.exec("kubectl exec netadmin -- grep CapEff /proc/1/status")).toBe(
      "CapEff:\t00000000a80435fb\n",
    );
    expect(await sim.exec("kubectl describe pod unsigned")).toMatch(
      /Failed to pull image "localhost:5000\/myapp:dev": .*image verifier bindir blocked pull of localhost:5000\/myapp:dev with digest sha256:[0-9a-f]{64} for reason: verifier verify-signature rejected image \(exit code 1\): no valid signature for localhost:5000\/myapp:dev/,
    );
  });
});

describe("lab: runAsNonRoot pod stuck in CreateContainerConfigError", () => {
  it("starts broken; the fix (runAsUser: 1000, re-created) passes", async () => {
    const { run, steps } = await solve(labRunAsNonRoot);
    const [diagnose, fix] = steps;
    expect(diagnose.rawBefore).toBe(true);
    expect(fix.rawBefore).toBe(false);
    expect(fix.stateAfter, fix.whyAfter).toBe("done");
    expect(run.complete).toBe(true);
    expect(await run.view.sim.exec("kubectl exec app -- id")).toBe("uid=1000 gid=0(root) groups=0(root)\n");
  });

  it("runAsUser: 0 is no fix: the kubelet says the runAsUser breaks the policy", async () => {
    const run = await startAndRun(labRunAsNonRoot, labRunAsNonRoot.wrongFix ?? []);
    expect(rawOk(run, "fix")).toBe(false);
    const out = await run.view.sim.exec("kubectl describe pod app");
    expect(out).toMatch(
      /Error: container's runAsUser breaks non-root policy \(pod: "app_default\([0-9a-f-]+\)", container: app\)/,
    );
  });
});
