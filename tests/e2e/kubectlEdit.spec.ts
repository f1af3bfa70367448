// `kubectl edit` in the browser: with no $KUBE_EDITOR the temp file opens in the editor panel while
// kubectl waits in the terminal; Save writes it through the shell and kubectl patches the object,
// Cancel quits the editor and kubectl says nothing changed.
import { expect, type Page, test } from "@playwright/test";
import { terminalText, waitForNode } from "./helpers";

async function run(page: Page, line: string, expected: string | RegExp): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(expected);
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => terminalText(page)).toContain("root@node-1:~#");
  await waitForNode(page);
});

test("kubectl edit opens the deployment in the editor panel; Save patches it, Cancel changes nothing", async ({
  page,
}, info) => {
  await run(page, "kubectl create deployment web --image=nginx", "deployment.apps/web created");
  await run(page, "kubectl edit deployment/web", /kubectl edit deployment\/web/);

  // The panel shows kubectl's temp file: the header, then the object as the API server has it.
  await expect(page.getByTestId("file-path")).toHaveText(/^\/tmp\/kubectl-edit-[a-z0-9]{5}\.yaml$/);
  const content = page.locator(".cm-content");
  await expect(content).toContainText(
    "# Please edit the object below. Lines beginning with a '#' will be ignored,",
  );
  await expect(content).toContainText("kind: Deployment");

  // Change spec.replicas (the first `  replicas: 1` line; status has one further down) from 1 to 3.
  const line = page.locator(".cm-line", { hasText: /^ {2}replicas: 1$/ }).first();
  await line.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("3");
  await page.screenshot({ path: info.outputPath("kubectl-edit-panel.png") });
  await page.getByTestId("file-save").click();

  await expect.poll(() => terminalText(page)).toContain("deployment.apps/web edited");
  // kubectl is done: the panel is back to the manifest editor, the terminal to the node's prompt.
  await expect(page.getByTestId("template-select")).toBeVisible();
  await run(
    page,
    "kubectl get deploy web -o jsonpath='{.spec.replicas}'",
    /jsonpath='\{\.spec\.replicas\}'\s*3\s*root@node-1:~#/,
  );

  // Again, and Cancel: the editor quits with the file as it was.
  await run(page, "kubectl edit deploy web", /kubectl edit deploy web/);
  await expect(page.getByTestId("file-path")).toHaveText(/^\/tmp\/kubectl-edit-[a-z0-9]{5}\.yaml$/);
  await page.getByTestId("file-cancel").click();
  await expect.poll(() => terminalText(page)).toContain("Edit cancelled, no changes made.");
  await expect(page.getByTestId("template-select")).toBeVisible();
  await page.screenshot({ path: info.outputPath("kubectl-edit-done.png") });
});
