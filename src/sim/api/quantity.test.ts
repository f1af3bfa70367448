import { describe, expect, it } from "vitest";
import {
  canonicalQuantity,
  formatBytes,
  formatMillicores,
  parseQuantity,
  QUANTITY_ERROR,
  toBytes,
  toMillicores,
} from "./quantity";

describe("resource.Quantity", () => {
  it.each([
    ["100Mi", 104_857_600],
    ["1Gi", 1_073_741_824],
    ["128974848", 128_974_848],
    ["129M", 129_000_000],
    ["2k", 2000],
    ["1e3", 1000],
    ["0.5Gi", 536_870_912],
  ])("%s is %d bytes", (q, bytes) => {
    expect(toBytes(q)).toBe(bytes);
  });

  it.each([
    ["250m", 250],
    ["0.5", 500],
    ["2", 2000],
    [0.1, 100],
    ["1e3", 1_000_000],
    ["0.0001", 1], // MilliValue rounds up
  ])("%s is %d millicores", (q, m) => {
    expect(toMillicores(q)).toBe(m);
  });

  it.each([
    ["0.5", "500m"],
    ["1536Mi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["2000", "2k"],
    ["128974848", "128974848"],
    ["1e3", "1e3"],
    ["100Mi", "100Mi"],
    ["1.5", "1500m"],
    ["512", "512"],
  ])("canonical form of %s is %s", (q, out) => {
    expect(canonicalQuantity(q)).toBe(out);
  });

  it("rejects malformed quantities with the API server's text", () => {
    for (const bad of ["100MB", "abc", "", "1.2.3", "Mi", "1 Gi"])
      expect(() => parseQuantity(bad)).toThrow(QUANTITY_ERROR);
    expect(QUANTITY_ERROR).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it("prints bytes and millicores for the printers", () => {
    expect(formatBytes(104_857_600)).toBe("100Mi");
    expect(formatMillicores(500)).toBe("500m");
    expect(formatMillicores(2000)).toBe("2");
  });
});
