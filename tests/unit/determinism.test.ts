// Same seed + same commands ⇒ byte-identical terminal output and trace, in one process and across two.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { formatTraceEvent } from "../../src/sim/trace";
import { createSimulation } from "../../src/simulation";

const SCRIPT = [
  "kubectl run web --image=nginx:1.27",
  "kubectl run crash --image=busybox:1.36 --restart=Always -- sh -c 'echo starting; exit 3'",
  "kubectl run typo --image=nginx:1.99",
  // Services: a ClusterIP, kube-proxy's random pick between two endpoints, DNS
  "kubectl run web-b --image=nginx:1.27 --labels=run=web",
  "kubectl run client --image=busybox:1.37 -- sleep 3600",
  "sim advance 45s",
  "kubectl get pods -o wide",
  "kubectl expose pod web --port=80",
  "sim advance 2s",
  "kubectl exec client -- wget -qO- http://web",
  "kubectl exec client -- wget -qO- http://web",
  "kubectl exec client -- wget -qO- http://web",
  "iptables-save -t nat",
  "crictl ps -a",
  "sim advance 2m",
  "kubectl describe pod crash",
  "kubectl delete pod web",
  "kubectl get pods",
];

async function runScript(seed: number): Promise<{ out: string; trace: string }> {
  const sim = createSimulation({ seed });
  let out = "";
  for (const line of SCRIPT) out += `$ ${line}\n${await sim.exec(line)}`;
  return { out, trace: sim.trace.all().map(formatTraceEvent).join("\n") };
}

describe("determinism", () => {
  it("gives byte-identical output and trace for the same seed, twice in one process", async () => {
    const a = await runScript(7);
    const b = await runScript(7);
    expect(a.out).toContain("web");
    expect(a.trace.length).toBeGreaterThan(1000);
    expect(b.out).toBe(a.out);
    expect(b.trace).toBe(a.trace);
  });

  it("differs when the seed differs (IDs and IPs come from the seeded RNG)", async () => {
    const a = await runScript(7);
    const c = await runScript(8);
    expect(c.trace).not.toBe(a.trace);
  });

  it("gives the same output across two processes", () => {
    const input = `sim seed 7\n${SCRIPT.join("\n")}\n`;
    const run = () =>
      execFileSync("npx", ["tsx", "src/cli/shell.ts"], {
        input,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
    const first = run();
    expect(first).toContain("NAME");
    expect(run()).toBe(first);
  });
});
