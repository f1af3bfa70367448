import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize } from "./fs";

/** The lexical rules spelled out segment by segment (what the fast path must agree with). */
function bySegments(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
}

describe("normalize", () => {
  it("cleans paths as the kernel resolves them lexically", () => {
    expect(normalize("/a/./b/../c//d/")).toBe("/a/c/d");
    expect(normalize("/..")).toBe("/");
    expect(normalize("relative/x")).toBe("/relative/x");
    // the kubelet's atomic-writer names start with dots but are ordinary names
    expect(normalize("/v/..data/token")).toBe("/v/..data/token");
    expect(normalize("/v/..2026_01_15_09_00_00.1/ca.crt")).toBe("/v/..2026_01_15_09_00_00.1/ca.crt");
  });

  it("agrees with the segment-by-segment rules for any path of /, . and names", () => {
    const seg = fc.constantFrom("", ".", "..", "...", "..data", ".h", "a", "bc");
    const path = fc
      .array(seg, { maxLength: 6 })
      .chain((segs) => fc.boolean().map((abs) => (abs ? "/" : "") + segs.join("/")));
    fc.assert(
      fc.property(path, (p) => normalize(p) === bySegments(p)),
      { numRuns: 2000 },
    );
  });
});
