// sed's addresses as GNU sed reads them: a regex, a line number, `$`, a range `a,b`, and `!`.
import { describe, expect, it } from "vitest";
import { applySed, parseSedScript } from "./textCommands";

const TEXT = "Name: node-1\nCapacity:\n  cpu: 2\nAllocatable:\n  cpu: 2\nSystem Info:\n  OS: linux\n";

function sed(script: string, quiet = false): string {
  const cmds = parseSedScript(script, false);
  if (typeof cmds === "string") throw new Error(cmds);
  return applySed(TEXT, cmds, quiet);
}

describe("sed addresses", () => {
  it("prints a range from the line matching the first regex through the next matching the second", () => {
    expect(sed("/Capacity/,/System Info/p", true)).toBe(
      "Capacity:\n  cpu: 2\nAllocatable:\n  cpu: 2\nSystem Info:\n",
    );
    expect(sed("/Allocatable/,$p", true)).toBe("Allocatable:\n  cpu: 2\nSystem Info:\n  OS: linux\n");
  });

  it("takes line numbers and $ as addresses, and ! for the other lines", () => {
    expect(sed("2,3p", true)).toBe("Capacity:\n  cpu: 2\n");
    expect(sed("$d")).toBe("Name: node-1\nCapacity:\n  cpu: 2\nAllocatable:\n  cpu: 2\nSystem Info:\n");
    expect(sed("1!d")).toBe("Name: node-1\n");
    expect(sed("/cpu/!d")).toBe("  cpu: 2\n  cpu: 2\n");
    // an end line at or before the start selects the start line alone
    expect(sed("3,1p", true)).toBe("  cpu: 2\n");
  });

  it("applies s/// inside a range only", () => {
    expect(sed("/Allocatable/,/System/s/cpu/CPU/", false)).toContain(
      "Capacity:\n  cpu: 2\nAllocatable:\n  CPU: 2\n",
    );
  });

  it("says what it cannot read", () => {
    expect(parseSedScript("1,p", false)).toBe("unexpected `,'");
    expect(parseSedScript("/a/,/b", false)).toBe("unterminated address regex");
  });
});
