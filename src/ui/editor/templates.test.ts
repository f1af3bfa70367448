// Every editor template runs on the real core and reaches the state its description promises.
import { describe, expect, it } from "vitest";
import { podRow } from "../../shell/kubectl/printPod";
import { createSimulation } from "../../simulation";
import { TEMPLATES, templateById } from "./templates";

type AnyPod = Parameters<typeof podRow>[0];

async function run(id: string, seconds: number, want: (statuses: string[]) => boolean) {
  const sim = createSimulation({ seed: 1 });
  const out = await sim.apply(templateById(id).yaml);
  expect(out).toMatch(/created/);
  const seen: string[] = [];
  for (let s = 0; s < seconds; s++) {
    await sim.advance(1000);
    const pod = sim.node.api.list("Pod")[0] as AnyPod;
    const st = podRow(pod, sim.node.clock.now()).status;
    if (seen.at(-1) !== st) seen.push(st);
    if (want(seen)) break;
  }
  return { seen, sim };
}

describe("editor templates", () => {
  it("has one id per template", () => {
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
  });
  it("nginx becomes Running", async () => {
    const { seen } = await run("nginx", 60, (s) => s.includes("Running"));
    expect(seen).toContain("Running");
  });
  it("the crash loop reaches CrashLoopBackOff", async () => {
    const { seen } = await run("crashloop", 120, (s) => s.includes("CrashLoopBackOff"));
    expect(seen).toContain("CrashLoopBackOff");
  });
  it("the bad tag reaches ImagePullBackOff", async () => {
    const { seen } = await run("badtag", 60, (s) => s.includes("ImagePullBackOff"));
    expect(seen).toContain("ErrImagePull");
    expect(seen).toContain("ImagePullBackOff");
  });
  it("the private image fails to pull", async () => {
    const { seen } = await run("private", 60, (s) => s.includes("ImagePullBackOff"));
    expect(seen).toContain("ErrImagePull");
    expect(seen).toContain("ImagePullBackOff");
  });
  it("the OOM template is OOMKilled, then CrashLoopBackOff", async () => {
    const { seen } = await run("oom", 120, (s) => s.includes("CrashLoopBackOff"));
    expect(seen).toContain("OOMKilled");
    expect(seen).toContain("CrashLoopBackOff");
  });
  it("init containers run first, then the app is Running", async () => {
    const { seen } = await run("init", 90, (s) => s.includes("Running"));
    expect(seen).toContain("Init:0/2");
    expect(seen.indexOf("Running")).toBeGreaterThan(seen.indexOf("Init:0/2"));
  });
  it("the liveness probe restarts the container", async () => {
    const { sim } = await run("liveness", 120, () => false);
    const pod = sim.node.api.list("Pod")[0] as AnyPod;
    expect(Number(podRow(pod, sim.node.clock.now()).restarts.split(" ")[0])).toBeGreaterThanOrEqual(1);
  });
  it("the Never job is Completed", async () => {
    const { seen } = await run("job", 60, (s) => s.includes("Completed"));
    expect(seen).toContain("Completed");
  });
  it("the DaemonSet's controller makes its pod, and makes another when it is deleted", async () => {
    const { seen, sim } = await run("daemonset", 60, (s) => s.includes("Running"));
    expect(seen).toContain("Running");
    const first = (await sim.exec("kubectl get pods -o name")).trim();
    expect(first).toMatch(/^pod\/node-agent-[a-z0-9]{5}$/);
    await sim.exec(`kubectl delete ${first} --wait=false`);
    await sim.advance(40_000);
    const next = (await sim.exec("kubectl get pods -o name")).trim();
    expect(next).toMatch(/^pod\/node-agent-[a-z0-9]{5}$/);
    expect(next).not.toBe(first);
  });
  it("the claim binds to the hostPath volume and the pod serves the node's file", async () => {
    const { seen, sim } = await run("pvc", 60, (s) => s.includes("Running"));
    expect(seen).toContain("Running");
    expect(await sim.exec("kubectl get pvc task-pv-claim -o jsonpath='{.status.phase}'")).toBe("Bound");
    await sim.exec("echo 'Hello from Kubernetes storage' > /mnt/data/index.html");
    expect(await sim.exec("kubectl exec task-pv-pod -- curl -s http://localhost/")).toBe(
      "Hello from Kubernetes storage\n",
    );
  });
});
