import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../sim/trace";
import { methodOf, narrate } from "./narrate";

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
