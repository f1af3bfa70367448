import { describe, expect, it } from "vitest";
import { getLesson, LESSONS } from "../../src/lessons/catalog";
import { lessonServices } from "../../src/lessons/content/network";
import { solve } from "./lessonsSolve.helper";

describe("services lesson (section 3: kube-proxy)", () => {
  it("is registered as a section 3 lesson", () => {
    expect(LESSONS.filter((l) => l.section === 3)).toContain(lessonServices);
    expect(getLesson("lesson-3-services")).toBe(lessonServices);
  });

  it("each step fails before its show-me commands and passes after them", async () => {
    const { run, steps } = await solve(lessonServices);
    for (const s of steps) {
      const step = lessonServices.steps.find((x) => x.id === s.id)!;
      expect(s.stateBefore, `${s.id} done before its step`).toBe("current");
      if (step.predict) expect(s.predictedCorrect, `${s.id} prediction`).toBe(true);
      else expect(s.rawBefore, `${s.id} already true`).toBe(false);
      expect(s.stateAfter, `${s.id}: ${s.whyAfter ?? ""}`).toBe("done");
    }
    expect(run.complete).toBe(true);
  });

  it("ends with web-2 running but unready, and traffic only reaching web", async () => {
    const { run } = await solve(lessonServices);
    const sim = run.view.sim;
    const pods = await sim.exec("kubectl get pods web-2");
    expect(pods).toMatch(/^web-2 +0\/1 +Running /m);
    const ep = await sim.exec("kubectl describe endpoints web");
    const webIp = run.view.pod("web")?.ip;
    const web2Ip = run.view.pod("web-2")?.ip;
    expect(ep).toContain(`  Addresses:          ${webIp}\n  NotReadyAddresses:  ${web2Ip}\n`);
    const save = await sim.exec("iptables-save -t nat");
    expect(save).toContain(`-j DNAT --to-destination ${webIp}:80`);
    expect(save).not.toContain(`-j DNAT --to-destination ${web2Ip}:80`);
    expect(save).not.toMatch(/default\/web -> .* -m statistic/);
    // every request now lands on web
    for (let i = 0; i < 4; i++) await sim.exec("kubectl exec client -- wget -qO- http://web");
    const hops = run.view.trace({ kind: "net", summary: /web:80|10\.\d+\.\d+\.\d+:80: KUBE-SERVICES/ });
    const last = hops.slice(-4).map((e) => e.summary);
    for (const h of last) expect(h).toContain(`DNAT ${webIp}:80`);
  });
});
