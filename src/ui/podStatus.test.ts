import { describe, expect, it } from "vitest";
import type { KubeObject } from "../sim/apiserver/types";
import { readyText, restartsOf, statusText, statusTone } from "./podStatus";

const pod = (status: unknown, spec: unknown = { containers: [{ name: "app" }] }, meta = {}): KubeObject => ({
  metadata: { name: "web", ...meta },
  spec,
  status,
});

describe("statusText (kubectl get pods STATUS)", () => {
  it("shows the phase when no container has a status", () => {
    expect(statusText(pod({ phase: "Pending" }))).toBe("Pending");
  });
  it("shows a waiting reason over the phase", () => {
    const p = pod({
      phase: "Pending",
      containerStatuses: [{ name: "app", state: { waiting: { reason: "ImagePullBackOff" } } }],
    });
    expect(statusText(p)).toBe("ImagePullBackOff");
    expect(statusTone("ImagePullBackOff")).toBe("error");
  });
  it("shows OOMKilled from the terminated reason", () => {
    const p = pod({
      phase: "Running",
      containerStatuses: [
        { name: "app", restartCount: 2, state: { terminated: { reason: "OOMKilled", exitCode: 137 } } },
      ],
    });
    expect(statusText(p)).toBe("OOMKilled");
    expect(restartsOf(p)).toBe(2);
  });
  it("shows ExitCode:N when a terminated container has no reason", () => {
    expect(
      statusText(
        pod({
          phase: "Running",
          containerStatuses: [{ name: "app", state: { terminated: { exitCode: 3 } } }],
        }),
      ),
    ).toBe("ExitCode:3");
  });
  it("shows Init:i/n while init containers run", () => {
    const p = pod(
      {
        phase: "Pending",
        initContainerStatuses: [
          { name: "i1", state: { terminated: { exitCode: 0, reason: "Completed" } } },
          { name: "i2", state: { running: {} } },
        ],
      },
      { initContainers: [{}, {}], containers: [{}] },
    );
    expect(statusText(p)).toBe("Init:1/2");
  });
  it("shows Init:CrashLoopBackOff for a failing init container", () => {
    const p = pod(
      {
        phase: "Pending",
        initContainerStatuses: [{ name: "i1", state: { waiting: { reason: "CrashLoopBackOff" } } }],
      },
      { initContainers: [{}], containers: [{}] },
    );
    expect(statusText(p)).toBe("Init:CrashLoopBackOff");
  });
  it("shows Terminating once deletion started", () => {
    expect(
      statusText(pod({ phase: "Running" }, undefined, { deletionTimestamp: "2026-01-15T09:00:00Z" })),
    ).toBe("Terminating");
  });
  it("counts READY over spec containers", () => {
    const p = pod(
      {
        phase: "Running",
        containerStatuses: [
          { name: "a", ready: true },
          { name: "b", ready: false },
        ],
      },
      { containers: [{}, {}] },
    );
    expect(readyText(p)).toBe("1/2");
  });
});
