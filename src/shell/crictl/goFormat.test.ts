import { describe, expect, test } from "vitest";
import {
  goFormatG,
  goJsonIndent,
  humanDuration,
  humanSize,
  humanSizeWithPrecision,
  nanosRfc3339Nano,
  truncatedId,
} from "./goFormat";

describe("go-units HumanDuration", () => {
  test.each([
    [0, "Less than a second"],
    [999, "Less than a second"],
    [1000, "1 second"],
    [5_000, "5 seconds"],
    [59_999, "59 seconds"],
    [60_000, "About a minute"],
    [119_000, "About a minute"],
    [180_000, "3 minutes"],
    [59 * 60_000, "59 minutes"],
    [60 * 60_000, "About an hour"],
    [89 * 60_000, "About an hour"],
    [91 * 60_000, "2 hours"],
    [47 * 3_600_000, "47 hours"],
    [3 * 86_400_000, "3 days"],
    [15 * 86_400_000, "2 weeks"],
    [90 * 86_400_000, "3 months"],
    [800 * 86_400_000, "2 years"],
  ])("%d ms → %s", (ms, want) => expect(humanDuration(ms)).toBe(want));
});

describe("go-units HumanSizeWithPrecision (decimal, %.*g)", () => {
  test.each([
    [0, 3, "0B"],
    [999, 3, "999B"],
    [1000, 3, "1kB"],
    [320_368, 3, "320kB"],
    [4_270_000, 3, "4.27MB"],
    [187_000_000, 3, "187MB"],
    [72_195_292, 3, "72.2MB"],
    [1_500_000_000, 3, "1.5GB"],
    [999_999, 3, "1e+03kB"],
    [12_582_912, 4, "12.58MB"],
  ])("%d (prec %d) → %s", (n, p, want) => expect(humanSizeWithPrecision(n, p)).toBe(want));
  test("HumanSize uses 4 digits", () => expect(humanSize(49_152)).toBe("49.15kB"));
  test("%g switches to exponent form like Go", () => {
    expect(goFormatG(0.00001234, 3)).toBe("1.23e-05");
    expect(goFormatG(4.2, 3)).toBe("4.2");
  });
});

test("truncated IDs keep 13 characters after the prefix", () => {
  expect(truncatedId("sha256:0123456789abcdef0123", "sha256:")).toBe("0123456789abc");
  expect(truncatedId("3f2a9c1e7b4d5a6f00")).toBe("3f2a9c1e7b4d5");
  expect(truncatedId("short")).toBe("short");
});

test("RFC3339Nano keeps microseconds and trims zeros", () => {
  expect(nanosRfc3339Nano(1_768_467_605_100_123_000)).toBe("2026-01-15T09:00:05.100123Z");
  expect(nanosRfc3339Nano(1_768_467_600_000_000_000)).toBe("2026-01-15T09:00:00Z");
});

test("encoding/json: sorted keys, two-space indent, HTML escaped, empty containers inline", () => {
  expect(goJsonIndent({ b: 1, a: { y: [], x: {} }, c: "<a&b>" })).toBe(
    '{\n  "a": {\n    "x": {},\n    "y": []\n  },\n  "b": 1,\n  "c": "\\u003ca\\u0026b\\u003e"\n}',
  );
});
