// kubectl run --overrides: JSON laid over the generated Pod (--override-type merge by default,
// strategic or json), before it is printed (--dry-run) or created.
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../src/simulation";

describe("kubectl run --overrides", () => {
  it("merges into the generated pod: a nodeSelector shows in the dry run's YAML", async () => {
    const sim = createSimulation({ seed: 31 });
    const y = await sim.exec(
      `kubectl run nginx --image=nginx --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}' --dry-run=client -o yaml`,
    );
    expect(y).toContain(
      "  dnsPolicy: ClusterFirst\n  nodeSelector:\n    disk: ssd\n  restartPolicy: Always\n",
    );
  });

  it("replaces the containers list with a merge patch, keeps the rest with a strategic one", async () => {
    const sim = createSimulation({ seed: 32 });
    await sim.exec(
      `kubectl run bb --image=busybox --restart=Never --overrides='{"spec":{"containers":[{"name":"bb","image":"busybox","command":["sh","-c","echo hi"]}]}}'`,
    );
    await sim.advance(20_000);
    expect(await sim.exec("kubectl logs bb")).toBe("hi\n");
    const s = await sim.exec(
      `kubectl run web --image=nginx --override-type=strategic --overrides='{"spec":{"containers":[{"name":"web","imagePullPolicy":"Never"}]}}' --dry-run=client -o yaml`,
    );
    expect(s).toContain("  - image: nginx\n    imagePullPolicy: Never\n    name: web\n");
  });

  it("refuses JSON it cannot read, and an unknown override type", async () => {
    const sim = createSimulation({ seed: 33 });
    const bad = await sim.run(`kubectl run x --image=nginx --overrides='{bad'`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("error: Invalid JSON Document\n");
    const t = await sim.run(`kubectl run x --image=nginx --override-type=yaml --overrides='{}'`);
    expect(t.stderr).toBe("error: invalid override-type: yaml\n");
    expect(await sim.exec("kubectl get pods")).toBe("No resources found in default namespace.\n");
  });
});
