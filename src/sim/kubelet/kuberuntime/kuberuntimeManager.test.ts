import { describe, expect, it } from "vitest";
import { CriError, PodSandboxState } from "../../cri";
import { simplePod, testNode } from "../testing/testNode";

describe("runtime SyncPod failures", () => {
  it("FailedCreatePodSandBox keeps the pod ContainerCreating and retries after 10–15 s", () => {
    const n = testNode();
    n.kubelet.start();
    n.clock.advance(100);
    n.cri.injectError(
      "RunPodSandbox",
      new CriError("Unknown", 'failed to get sandbox runtime: no runtime for "runsc" is configured'),
    );
    n.apply(simplePod("web"));
    n.clock.advance(2000);
    expect(n.events("FailedCreatePodSandBox")[0].message).toBe(
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "runsc" is configured',
    );
    expect(n.state("web", "app")).toEqual({ waiting: { reason: "ContainerCreating" } });
    // The pod worker's back-off is 10 s with wait.Jitter's factor 0.5: not before 10 s, by 15 s.
    n.clock.advance(7_900);
    expect(n.criCalls().filter((c) => c === "RunPodSandbox(web)")).toHaveLength(1);
    n.clock.advance(5_200);
    expect(n.criCalls().filter((c) => c === "RunPodSandbox(web)")).toHaveLength(2);
    expect(n.status("web")!.phase).toBe("Running");
  });

  it("a missing ConfigMap is CreateContainerConfigError", () => {
    const n = testNode();
    n.kubelet.start();
    n.clock.advance(100);
    const p = simplePod("web");
    p.spec!.containers[0].env = [
      { name: "X", valueFrom: { configMapKeyRef: { name: "app-config", key: "x" } } },
    ];
    n.apply(p);
    n.clock.advance(3000);
    expect(n.state("web", "app")).toEqual({
      waiting: { reason: "CreateContainerConfigError", message: 'configmap "app-config" not found' },
    });
    expect(n.events("Failed").map((e) => e.message)).toContain('Error: configmap "app-config" not found');
  });

  it("a dead sandbox is replaced (SandboxChanged) with attempt 1 and the container restarts", () => {
    const n = testNode();
    n.kubelet.start();
    n.clock.advance(100);
    n.apply(simplePod("web"));
    n.clock.advance(5000);
    const [sb] = [...n.cri.sandboxes.values()];
    sb.status.state = PodSandboxState.SANDBOX_NOTREADY;
    n.clock.advance(5000);
    expect(n.events("SandboxChanged")[0].message).toBe(
      "Pod sandbox changed, it will be killed and re-created.",
    );
    const runs = n.trace.all().filter((e) => e.summary === "RunPodSandbox(web)");
    expect(runs).toHaveLength(2);
    expect(
      (runs[1].detail!.request as { config: { metadata: { attempt: number } } }).config.metadata.attempt,
    ).toBe(1);
    expect(n.status("web")!.containerStatuses![0].restartCount).toBe(1);
  });
});
