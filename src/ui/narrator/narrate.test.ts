import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../sim/trace";
import { methodOf, narrate, realNodeNote, runtimeLabel } from "./narrate";

const ev = (p: Partial<TraceEvent>): TraceEvent => ({
  id: 1,
  t: 0,
  from: "kubelet",
  to: "cri",
  kind: "cri.request",
  summary: "",
  ...p,
});

describe("narrate", () => {
  it("explains RunPodSandbox as the pause container holding the network namespace", () => {
    expect(narrate(ev({ summary: "RunPodSandbox(web)", pod: "default/web" }))).toBe(
      "The kubelet asks containerd, through the CRI, to create the pod sandbox for web: a pause container holding the network namespace.",
    );
  });
  it("names the image of a pull", () => {
    expect(narrate(ev({ summary: "PullImage(nginx:1.27)" }))).toContain("pull nginx:1.27");
  });
  it("says a CRI error is retried with back-off", () => {
    const s = narrate(ev({ kind: "cri.error", from: "cri", to: "kubelet", summary: "PullImage: not found" }));
    expect(s).toContain("error");
    expect(s).toContain("back-off");
  });
  it("falls back to the summary for unknown methods", () => {
    expect(narrate(ev({ summary: "Frobnicate(x)" }))).toContain("Frobnicate");
  });
  it("extracts the method name", () => {
    expect(methodOf("CreateContainer(web/nginx)")).toBe("CreateContainer");
  });
});

describe("realNodeNote", () => {
  it("says where image layers really come from, for pulls and registry traffic", () => {
    const n = realNodeNote(ev({ summary: "PullImage(nginx:1.27)" }));
    expect(n).toContain("registry over HTTPS");
    expect(n).toContain("snapshotter (overlayfs)");
    expect(
      realNodeNote(ev({ kind: "pull", from: "containerd", to: "registry", summary: "resolve nginx" })),
    ).toBe(n);
  });
  it("explains the PLEG relist; the node heartbeats need no note (the Lease is modelled)", () => {
    expect(realNodeNote(ev({ summary: "ListContainers" }))).toContain("every second");
    for (const summary of [
      "update status nodes node-1",
      "update leases.coordination.k8s.io kube-node-lease/node-1",
    ])
      expect(realNodeNote(ev({ kind: "api", from: "kubelet", to: "apiserver", summary }))).toBeUndefined();
  });
  it("says a real container runs the image's real binary", () => {
    const k = ev({
      kind: "kernel",
      from: "shim",
      to: "kernel",
      summary: "process started · pid 4242 · nginx -g",
    });
    expect(realNodeNote(k)).toContain("a small program model");
    expect(realNodeNote(ev({ summary: "StartContainer(web/nginx)" }))).toContain("real binary");
  });
  it("adds nothing where the simulator is faithful", () => {
    expect(realNodeNote(ev({ summary: "RunPodSandbox(web)" }))).toBeUndefined();
    expect(realNodeNote(ev({ kind: "event", summary: "Normal Pulled pod/web" }))).toBeUndefined();
  });
});

describe("the runtime a narration names follows the node's flavour", () => {
  const response = (method: string): TraceEvent => ({
    id: 1,
    t: 0,
    from: "cri",
    to: "kubelet",
    kind: "cri.response",
    summary: `${method}(web) ok`,
    pod: "default/web",
  });
  it("says containerd by default and CRI-O on a CRI-O node", () => {
    expect(narrate(response("RunPodSandbox"))).toMatch(/^containerd answers RunPodSandbox/);
    expect(narrate(response("RunPodSandbox"), runtimeLabel("crio"))).toMatch(/^CRI-O answers RunPodSandbox/);
    expect(
      narrate(
        {
          ...response("PullImage"),
          kind: "cri.request",
          from: "kubelet",
          to: "cri",
          summary: "PullImage(nginx:1.27)",
        },
        runtimeLabel("cri-dockerd"),
      ),
    ).toBe("The kubelet asks cri-dockerd (driving dockerd) to pull nginx:1.27 from its registry.");
  });
  it("falls back to containerd for an unknown or missing flavour", () => {
    expect(runtimeLabel(undefined)).toBe("containerd");
    expect(runtimeLabel("nope")).toBe("containerd");
  });
});

describe("the kubelet's heartbeats", () => {
  const api = (summary: string, from: TraceEvent["from"] = "kubelet"): TraceEvent => ({
    id: 1,
    t: 0,
    from,
    to: "apiserver",
    kind: "api",
    summary,
  });
  it("says a Lease renewal is the 10 s heartbeat and a node status post is rare", () => {
    const renew = narrate(api("update leases.coordination.k8s.io kube-node-lease/node-1"));
    expect(renew).toContain("renews its node Lease kube-node-lease/node-1");
    expect(renew).toContain("50 s");
    expect(narrate(api("create leases.coordination.k8s.io kube-node-lease/node-1"))).toContain(
      "creates its node Lease kube-node-lease/node-1",
    );
    expect(narrate(api("update status nodes node-1"))).toContain("every 5 minutes");
    // a pod status write and another actor's request keep the generic sentence
    expect(narrate(api("update status pods default/web"))).toBe(
      "The kubelet sends a request to the API server: update status pods default/web.",
    );
    expect(narrate(api("update status nodes node-1", "controller-manager"))).toBe(
      "The controller manager sends a request to the API server: update status nodes node-1.",
    );
  });
});
