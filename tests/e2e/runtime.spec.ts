// The runtime switch: a bogus backend shows a plain connection error, the page stays usable, and
// Simulated brings the simulated node back.
import { expect, test } from "@playwright/test";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test("a bogus ws URL shows a clear connection error; switching back to Simulated works", async ({
  page,
}, testInfo) => {
  await expect(page.getByTestId("box-kubelet")).toBeVisible();
  await page.getByTestId("runtime-select").selectOption("real");
  // Port 9 (discard) refuses connections: the backend is not there.
  await page.getByTestId("runtime-url").fill("ws://127.0.0.1:9");
  await page.getByTestId("runtime-token").fill("nope");
  await page.getByTestId("runtime-connect").click();
  const status = page.getByTestId("runtime-status");
  await expect(status).toContainText("not connected");
  await expect(status).toContainText("ws://127.0.0.1:9");
  // No blank page: the header, the diagram and the terminal are still there.
  await expect(page.getByRole("heading", { name: "k8s-node-sim" })).toBeVisible();
  await expect(page.locator(".xterm")).toBeVisible();
  await expect(page.getByTestId("diagram")).toBeVisible();
  await expect(page.locator(".panel-error")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("real-runtime-error-1280.png") });

  await page.getByTestId("runtime-select").selectOption("simulated");
  await expect(status).toHaveCount(0);
  await expect(page.getByTestId("box-containerd")).toBeVisible();
  // The simulated node answers again, and no panel broke on the way.
  await page.locator(".xterm").click();
  await page.keyboard.type("crictl version");
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => (await page.locator(".xterm-rows").textContent()) ?? "")
    .toContain("RuntimeName");
  await expect(page.locator(".panel-error")).toHaveCount(0);
});

test("?runtime=ws://…&token=… preselects the real runtime", async ({ page }) => {
  await page.goto("/?runtime=ws://127.0.0.1:9&token=abc");
  await expect(page.getByTestId("runtime-select")).toHaveValue("real");
  await expect(page.getByTestId("runtime-url")).toHaveValue("ws://127.0.0.1:9");
  await expect(page.getByTestId("runtime-status")).toContainText("not connected");
});
