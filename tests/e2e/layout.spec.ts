// Resizable panes: drag a handle (or use the arrow keys on it), reload, and the size is kept.
import { expect, test } from "@playwright/test";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test("dragging the side-panel handle resizes it and the size survives a reload", async ({ page }) => {
  const handle = page.getByTestId("splitter-side");
  await expect(handle).toHaveAttribute("aria-valuenow", "430");
  const side = page.locator(".side");
  const before = (await side.boundingBox())?.width ?? 0;
  const box = await handle.boundingBox();
  if (!box) throw new Error("no handle");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const after = Number(await handle.getAttribute("aria-valuenow"));
  expect(after).toBeGreaterThan(470);
  await expect.poll(async () => (await side.boundingBox())?.width ?? 0).toBeGreaterThan(before + 40);
  // The store saves the layout once the node is up; wait for that before reloading.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("k8s-node-sim:v1") ?? ""))
    .toContain(`"side":${after}`);
  await page.reload();
  await expect(page.getByTestId("splitter-side")).toHaveAttribute("aria-valuenow", String(after));
  await expect.poll(async () => Math.round((await side.boundingBox())?.width ?? 0)).toBe(after);
});

test("arrow keys on a focused handle resize the terminal row", async ({ page }) => {
  const handle = page.getByTestId("splitter-bottom");
  await expect(handle).toHaveAttribute("aria-valuenow", "250");
  await handle.focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(handle).toHaveAttribute("aria-valuenow", "282");
  // The arrow keys stayed with the handle: the player did not step.
  await expect(page.getByTestId("clock")).toContainText("t =");
});
