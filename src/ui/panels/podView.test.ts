import { describe, expect, it } from "vitest";
import { countdownText, statusTone, stepText, stepTone } from "./podView";

describe("pod view helpers", () => {
  it("colours kubectl status words", () => {
    expect(statusTone("Running")).toBe("ok");
    expect(statusTone("ImagePullBackOff")).toBe("error");
    expect(statusTone("ContainerCreating")).toBe("progress");
    expect(statusTone("Terminating")).toBe("warn");
  });
  it("counts a back-off down in whole seconds", () => {
    expect(countdownText(17_000, 0)).toBe("retrying in 17s");
    expect(countdownText(16_100, 0)).toBe("retrying in 17s");
    expect(countdownText(5_000, 5_000)).toBe("retrying now");
    expect(countdownText(300_000, 0)).toBe("retrying in 5m0s");
  });
  it("words timeline steps", () => {
    expect(stepText({ state: "terminated", reason: "OOMKilled", exitCode: 137, t: 0 })).toBe(
      "OOMKilled (exit 137)",
    );
    expect(stepTone({ state: "waiting", reason: "ErrImagePull", t: 0 })).toBe("error");
    expect(stepTone({ state: "terminated", reason: "Completed", exitCode: 0, t: 0 })).toBe("ok");
  });
});
