import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NodeFs, normalize } from "./fs";

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

describe("NodeFs.append", () => {
  it("reads back every appended piece in order, across the batches it joins them in", () => {
    const fs = new NodeFs();
    fs.mkdir("/var/log");
    const lines: string[] = [];
    for (let i = 0; i < 150; i++) {
      const line = `line ${i}\n`;
      lines.push(line);
      fs.append("/var/log/app.log", line);
      if (i === 10) expect(fs.read("/var/log/app.log")).toBe(lines.join(""));
    }
    expect(fs.read("/var/log/app.log")).toBe(lines.join(""));
    expect(fs.readdir("/var/log")).toEqual(["app.log"]);
  });

  it("drops pending appends when the file is written over or removed", () => {
    const fs = new NodeFs();
    fs.append("/tmp/a", "one\n");
    fs.append("/tmp/a", "two\n");
    fs.write("/tmp/a", "fresh\n");
    fs.append("/tmp/a", "three\n");
    expect(fs.read("/tmp/a")).toBe("fresh\nthree\n");
    fs.append("/tmp/a", "four\n");
    expect(fs.remove("/tmp/a")).toBe(true);
    expect(fs.read("/tmp/a")).toBeUndefined();
    fs.append("/tmp/a", "again\n");
    expect(fs.read("/tmp/a")).toBe("again\n");
  });
});
