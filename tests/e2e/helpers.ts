// What every browser test does with the page: read and type into the terminal, open the Pods panel.
import { expect, type Page } from "@playwright/test";

/** Text the xterm DOM renderer shows (its rows, concatenated). */
export async function terminalText(page: Page): Promise<string> {
  return (await page.locator(".xterm-rows").textContent()) ?? "";
}

/** Click into the terminal, type a line and press Enter. */
export async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.locator(".xterm").click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** Open the Pods panel (a tab at 1280 px, always visible at 1920 px). */
export async function showPods(page: Page): Promise<void> {
  const tab = page.getByRole("tab", { name: "Pods" });
  if (await tab.isVisible()) await tab.click();
}

/**
 * Wait until the simulation's code has loaded and the node is attached: the prompt is painted before
 * that, and Tab pressed earlier has no node to complete from.
 */
export async function waitForNode(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window as unknown as { __k8sNodeSim?: { getState(): { ready: boolean } } }
          ).__k8sNodeSim?.getState().ready,
      ),
    )
    .toBe(true);
}
