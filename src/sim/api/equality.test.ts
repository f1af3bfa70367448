import { describe, expect, it } from "vitest";
import { jsonEqual } from "./equality";
import { stableJson } from "./validation";

describe("jsonEqual", () => {
  it("agrees with comparing stable JSON", () => {
    const cases: [unknown, unknown][] = [
      [
        { a: 1, b: [1, { c: 2 }] },
        { b: [1, { c: 2 }], a: 1 },
      ],
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: [1, 2] }, { a: [2, 1] }],
      [{ a: {} }, { a: [] }],
      [null, {}],
      ["x", "x"],
      [{ a: { b: null } }, { a: { b: null } }],
      [{ a: 1 }, { a: 1, c: 0 }],
    ];
    for (const [a, b] of cases)
      expect(jsonEqual(a, b), JSON.stringify([a, b])).toBe(stableJson(a) === stableJson(b));
  });

  it("ignores the keys it is told to", () => {
    const ignore = new Set(["lastTransitionTime"]);
    expect(
      jsonEqual(
        { type: "Ready", lastTransitionTime: "x" },
        { type: "Ready", lastTransitionTime: "y" },
        ignore,
      ),
    ).toBe(true);
    expect(jsonEqual({ type: "Ready" }, { type: "Ready", lastTransitionTime: "y" }, ignore)).toBe(true);
  });
});
