import type { Taint, Toleration } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { matchingTolerations, minTolerationMs, toleratesTaint } from "./tolerations";

const taint: Taint = { key: "dedicated", value: "gpu", effect: "NoExecute" };

describe("Toleration.ToleratesTaint", () => {
  it.each<[Toleration, boolean]>([
    [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoExecute" }, true],
    [{ key: "dedicated", value: "gpu", effect: "NoExecute" }, true],
    [{ key: "dedicated", operator: "Equal", value: "cpu", effect: "NoExecute" }, false],
    [{ key: "dedicated", operator: "Exists", effect: "NoExecute" }, true],
    [{ key: "dedicated", operator: "Exists" }, true],
    [{ key: "dedicated", operator: "Exists", effect: "NoSchedule" }, false],
    [{ operator: "Exists", effect: "NoExecute" }, true],
    [{ operator: "Exists" }, true],
    [{ key: "other", operator: "Exists" }, false],
  ])("%j → %s", (tol, want) => expect(toleratesTaint(tol, taint)).toBe(want));
});

describe("getMatchingTolerations + getMinTolerationTime", () => {
  const zone: Taint = { key: "zone", value: "a", effect: "NoExecute" };

  it("uses the first toleration matching each taint; one untolerated taint ⇒ none", () => {
    const a = { key: "dedicated", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 } as const;
    const b = { operator: "Exists", effect: "NoExecute" } as const;
    expect(matchingTolerations([taint, zone], [a, b])).toEqual([a, b]);
    expect(matchingTolerations([taint, zone], [a])).toBeUndefined();
    expect(matchingTolerations([taint], undefined)).toBeUndefined();
  });

  it("the smallest tolerationSeconds; ≤ 0 ⇒ at once; none set ⇒ forever (-1)", () => {
    expect(minTolerationMs([{ tolerationSeconds: 120 }, { tolerationSeconds: 60 }, {}])).toBe(60_000);
    expect(minTolerationMs([{ tolerationSeconds: 120 }, { tolerationSeconds: 0 }])).toBe(0);
    expect(minTolerationMs([{ tolerationSeconds: -5 }])).toBe(0);
    expect(minTolerationMs([{}, { operator: "Exists" }])).toBe(-1);
    expect(minTolerationMs([])).toBe(0);
  });
});
