import { describe, expect, it } from "vitest";
import { humanDuration, humanSize } from "./format";

describe("humanDuration (kubectl Age)", () => {
  it.each([
    [0, "0s"],
    [59_000, "59s"],
    [119_000, "119s"],
    [120_000, "2m"],
    [150_000, "2m30s"],
    [15 * 60_000, "15m"],
    [4 * 3_600_000 + 5 * 60_000, "4h5m"],
    [30 * 3_600_000, "30h"],
    [3 * 86_400_000 + 3_600_000, "3d1h"],
  ])("%i ms → %s", (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe("humanSize (crictl images SIZE)", () => {
  it.each([
    [999, "999B"],
    [72_400_000, "72.4MB"],
    [321_000, "321kB"],
  ])("%i → %s", (b, text) => expect(humanSize(b)).toBe(text));
});
