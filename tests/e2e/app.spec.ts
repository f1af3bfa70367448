// The first screen, the terminal, applying a pod from the editor, and a reload restoring it.
import { expect, test } from "@playwright/test";
import { showPods, terminalText, typeInTerminal } from "./helpers";

test.beforeEach(async ({ page }) => {
  // Start each test from a fresh node.
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test("the first screen shows the title, the node diagram and the terminal", async ({ page }, testInfo) => {
  await expect(page.getByRole("heading", { name: "k8s-node-sim" })).toBeVisible();
  await expect(page.getByTestId("diagram")).toBeVisible();
  await expect(page.getByTestId("box-kubelet")).toContainText("kubelet");
  await expect(page.getByTestId("box-cri")).toContainText("CRI");
  await expect(page.getByTestId("box-containerd")).toBeVisible();
  await expect(page.locator(".xterm")).toBeVisible();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  await page.screenshot({ path: testInfo.outputPath("first-screen-1280.png") });
  // A newcomer is pointed at the lessons from the empty Pods panel.
  await showPods(page);
  await page.getByTestId("start-learning").click();
  await expect(page.getByRole("tab", { name: "Learn" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "Lessons" })).toBeVisible();
});

test("kubectl get nodes in the terminal prints a table", async ({ page }, testInfo) => {
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  await typeInTerminal(page, "kubectl get nodes");
  await expect.poll(() => terminalText(page)).toMatch(/NAME\s+STATUS/);
  await expect.poll(() => terminalText(page)).toContain("node-1");
  await page.screenshot({ path: testInfo.outputPath("terminal-get-nodes.png") });
});

test("applying the nginx template and playing makes the pod Running; a reload restores it", async ({
  page,
}, testInfo) => {
  await page.getByRole("tab", { name: "YAML" }).click();
  await page.getByTestId("template-select").selectOption("nginx");
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("pod/web created");

  await page.getByTestId("speed").waitFor();
  // Faster playback keeps the test short; the pull and start take a few virtual seconds.
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Faster" }).click();
  await page.getByTestId("play").click();
  await showPods(page);
  await expect(page.getByTestId("pod-web").getByTestId("pod-status")).toHaveText("Running", {
    timeout: 45_000,
  });
  await page.getByTestId("play").click(); // pause
  await expect(page.getByTestId("sandbox-web")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("nginx-running-1280.png") });
  await page.getByRole("tab", { name: "Events" }).click();
  await expect(page.getByTestId("events-table")).toContainText("Started");
  await page.screenshot({ path: testInfo.outputPath("events-1280.png") });
  await page.getByRole("tab", { name: "Images" }).click();
  await expect(page.locator("table.images")).toContainText("nginx:1.27");
  await page.screenshot({ path: testInfo.outputPath("images-1280.png") });

  await page.reload();
  await showPods(page);
  await expect(page.getByTestId("pod-web").getByTestId("pod-status")).toHaveText("Running");
  await expect(page.getByTestId("notice")).toContainText("Restored");
  await expect(page.getByTestId("sandbox-web")).toBeVisible();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  await page.screenshot({ path: testInfo.outputPath("after-reload.png") });
});

test("a corrupted saved session starts a fresh node with a notice", async ({ page }) => {
  // Corrupt the store before the app's scripts run (a plain setItem would be overwritten by the
  // app saving its state on pagehide).
  await page.addInitScript(() => {
    if (sessionStorage.getItem("corrupted")) return;
    sessionStorage.setItem("corrupted", "1");
    localStorage.setItem("k8s-node-sim:v1", "{not json");
  });
  await page.reload();
  await expect(page.getByTestId("notice")).toContainText("could not be read");
  await expect(page.getByTestId("diagram")).toBeVisible();
});

test("stepping moves to the next trace event and the narrator explains it", async ({ page }) => {
  await page.getByRole("tab", { name: "YAML" }).click();
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("created");
  await page.locator("body").click({ position: { x: 5, y: 700 } });
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("narration").locator("li").first()).not.toBeEmpty();
  await page.getByTestId("narration").locator("li button").first().click();
  await expect(page.getByTestId("drawer")).toContainText("Trace event #");
});

test("the layout fits 1920×1080 with Pods and Events side by side", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByRole("heading", { name: "Pods" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("first-screen-1920.png") });
});

test("the dark theme applies to the page and survives a reload", async ({ page }, testInfo) => {
  await page.getByRole("button", { name: "Toggle light/dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByRole("tab", { name: "YAML" }).click();
  await page.getByTestId("template-select").selectOption("crashloop");
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("apply-result")).toContainText("created");
  await page.keyboard.press("Escape");
  await page.locator(".app-header h1").click();
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByTestId("box-kubelet")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("dark-1280.png") });
});
