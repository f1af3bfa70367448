import { describe, expect, it } from "vitest";
import { clampSize, KEY_STEP, sizeAfterKey } from "./Splitter";

describe("splitter keys", () => {
  const side = { orientation: "vertical" as const, value: 430, min: 280, max: 900, direction: -1 as const };
  it("grows a right-hand pane when its handle moves left", () => {
    expect(sizeAfterKey("ArrowLeft", false, side)).toBe(430 + KEY_STEP);
    expect(sizeAfterKey("ArrowRight", true, side)).toBe(430 - 4 * KEY_STEP);
  });
  it("uses up/down for a handle between rows and ignores other keys", () => {
    const bottom = { ...side, orientation: "horizontal" as const };
    expect(sizeAfterKey("ArrowUp", false, bottom)).toBe(430 + KEY_STEP);
    expect(sizeAfterKey("ArrowLeft", false, bottom)).toBeUndefined();
  });
  it("clamps to min and max; Home/End jump there", () => {
    expect(sizeAfterKey("ArrowLeft", true, { ...side, value: 890 })).toBe(900);
    expect(sizeAfterKey("Home", false, side)).toBe(280);
    expect(sizeAfterKey("End", false, side)).toBe(900);
    expect(clampSize(12.6, 0, 100)).toBe(13);
  });
});
