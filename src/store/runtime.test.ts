import { describe, expect, it } from "vitest";
import { remoteError, remoteStatus, runtimeFromSearch } from "./runtime";

describe("runtimeFromSearch", () => {
  it("preselects the real runtime from the URL the backend prints", () => {
    expect(runtimeFromSearch("?runtime=ws://127.0.0.1:7070&token=s3cret")).toEqual({
      kind: "real",
      url: "ws://127.0.0.1:7070",
      token: "s3cret",
    });
  });
  it("ignores a missing or non-WebSocket runtime", () => {
    expect(runtimeFromSearch("")).toBeUndefined();
    expect(runtimeFromSearch("?runtime=http://x")).toBeUndefined();
  });
});

describe("remoteStatus", () => {
  const url = "ws://127.0.0.1:7070";
  it("moves from connecting to connected, runtime down and disconnected", () => {
    expect(remoteStatus(url, { connected: false, runtimeUp: false }, false).phase).toBe("connecting");
    expect(
      remoteStatus(url, { connected: true, runtimeUp: true, endpoint: "unix:///run/containerd.sock" }, true),
    ).toEqual({
      phase: "connected",
      text: "connected to ws://127.0.0.1:7070 · runtime unix:///run/containerd.sock",
    });
    const down = remoteStatus(
      url,
      { connected: true, runtimeUp: false, message: "containerd not running" },
      true,
    );
    expect(down).toEqual({ phase: "runtime-down", text: "runtime down: containerd not running" });
    const gone = remoteStatus(
      url,
      { connected: false, runtimeUp: false, message: "closed the connection (1006)" },
      false,
    );
    expect(gone.phase).toBe("disconnected");
    expect(gone.text).toContain("closed the connection (1006)");
  });
  it("says plainly why a connection could not even start", () => {
    expect(remoteError(url, new Error("boom")).text).toBe("could not connect to ws://127.0.0.1:7070: boom");
  });
});
