// Browser tests in real Chromium: Debian's /usr/bin/chromium when present, else Playwright's own.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const systemChromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => !!p && existsSync(p),
);

// E2E_PORT lets several checkouts' suites run side by side (each builds into its own folder).
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = port === 4173 ? "dist" : `.e2e-dist/${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: port === 4173 ? "test-results/e2e" : `test-results/e2e-${port}`,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // The machine has 2 cores shared with the build and the preview server.
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 720 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
