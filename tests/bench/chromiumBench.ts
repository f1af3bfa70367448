// The node hour in real Chromium, the engine learners run the simulator in (Node's V8 is older: it
// optimizes the same code later, so its first hour runs longer). Debian's /usr/bin/chromium when
// present, else Playwright's own browser; without either, the figure is skipped, not faked.
import { existsSync, readFileSync } from "node:fs";
import type { NodeBenchResult } from "./nodeBench";

const SCRIPT = ".bench-dist/browser/nodeHour.js";

export interface ChromiumBench {
  version: string;
  runs: NodeBenchResult[];
}

export async function benchNodeHourInChromium(runs = 3): Promise<ChromiumBench | string> {
  if (!existsSync(SCRIPT)) return `${SCRIPT} is missing (npm run bench builds it)`;
  const { chromium } = await import("@playwright/test");
  const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (p): p is string => !!p && existsSync(p),
  );
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--enable-precise-memory-info",
        "--js-flags=--expose-gc",
      ],
    });
  } catch (e) {
    return `no Chromium to run in (${(e as Error).message.split("\n")[0]})`;
  }
  try {
    const page = await browser.newPage();
    await page.setContent("<title>node hour</title>");
    await page.addScriptTag({
      content: `window.__nodeBenchRuns = ${runs};\n${readFileSync(SCRIPT, "utf8")}`,
    });
    await page.waitForFunction(() => window.__nodeBench?.done === true, undefined, {
      timeout: 60_000 * runs,
      polling: 250,
    });
    const state = await page.evaluate(() => window.__nodeBench);
    if (!state || state.error) return `the page failed: ${state?.error ?? "no result"}`;
    return { version: browser.version(), runs: state.runs };
  } finally {
    await browser.close();
  }
}
