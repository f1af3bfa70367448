import { describe, expect, it } from "vitest";
import { goDuration, parseDuration, rfc1123z, rfc3339, rfc3339Nano, rfc3339NanoFixed } from "./time";
import { DEFAULT_EPOCH_MS } from "./virtualClock";

describe("time formatting", () => {
  it("formats the API server's and containerd's timestamps", () => {
    expect(rfc3339(DEFAULT_EPOCH_MS)).toBe("2026-01-15T09:00:00Z");
    expect(rfc3339Nano(DEFAULT_EPOCH_MS + 1.5)).toBe("2026-01-15T09:00:00.0015Z");
    expect(rfc3339NanoFixed(DEFAULT_EPOCH_MS + 12)).toBe("2026-01-15T09:00:00.012000000Z");
    expect(rfc1123z(DEFAULT_EPOCH_MS)).toBe("Thu, 15 Jan 2026 09:00:00 +0000");
  });

  it("parses Go durations", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("1m30s")).toBe(90_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("abc")).toBeUndefined();
    expect(parseDuration("10")).toBeUndefined();
    expect(parseDuration("5s junk")).toBeUndefined();
  });

  it("prints Go durations", () => {
    expect(goDuration(1393)).toBe("1.393s");
    expect(goDuration(830)).toBe("830ms");
    expect(goDuration(300_000)).toBe("5m0s");
    expect(goDuration(40_000)).toBe("40s");
    expect(goDuration(3_723_000)).toBe("1h2m3s");
  });
});
