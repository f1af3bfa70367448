// npm run bench:ui — the browser side in real Chromium against the production build:
// time to first interaction (the terminal accepts input), initial JavaScript (gzip bytes requested
// before that), and frame times with 110 pods and their containers on the diagram while animating.
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const PORT = 4179;
const URL = `http://127.0.0.1:${PORT}/`;
const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => !!p && existsSync(p),
);

async function waitForServer(url: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main(): Promise<void> {
  if (!process.env.SKIP_BUILD) execSync("npx vite build", { stdio: "ignore" });
  const server: ChildProcess = spawn("npx", ["vite", "preview", "--port", String(PORT), "--strictPort"], {
    stdio: "ignore",
    detached: true,
  });
  try {
    await waitForServer(URL);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu"],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // tsx compiles the callbacks below with esbuild's keepNames helper; give the page that helper.
    await page.addInitScript({ content: "window.__name = (f) => f;" });

    // 1. First interaction: from navigation to the terminal echoing a typed key.
    // Each JS file: gzip size and when it was requested (ms after navigation started).
    const js: { url: string; at: number; gz: number }[] = [];
    const t0 = Date.now();
    page.on("request", (r) => {
      if (r.url().endsWith(".js")) js.push({ url: r.url(), at: Date.now() - t0, gz: 0 });
    });
    page.on("response", async (r) => {
      const e = js.find((x) => x.url === r.url());
      if (!e) return;
      try {
        e.gz = gzipSync(await r.body()).length;
      } catch {
        // body not available (redirect)
      }
    });
    await page.goto(URL);
    // First interaction: the prompt is on screen and the terminal's input element exists.
    await page.waitForFunction(
      () =>
        !!document.querySelector(".xterm-helper-textarea") &&
        !!document.querySelector(".xterm-rows")?.textContent?.includes("root@node-1:~#"),
      undefined,
      { polling: 16 },
    );
    // In-page times (the bench's own polling would lag behind a busy main thread): the mark the
    // terminal sets when its prompt is painted, and when each script was requested.
    const timing = await page.evaluate(() => {
      const mark = performance.getEntriesByName("k8s-node-sim:first-interaction")[0];
      const scripts = performance
        .getEntriesByType("resource")
        .filter((r) => r.name.endsWith(".js"))
        .map((r) => ({ url: r.name, at: r.startTime }));
      return { mark: mark?.startTime ?? Number.NaN, scripts };
    });
    const firstInteraction = Math.round(timing.mark);
    for (const x of js) x.at = timing.scripts.find((s) => s.url === x.url)?.at ?? x.at;
    await page.locator(".xterm").click();
    await page.keyboard.type("k");
    await page.waitForFunction(() =>
      document.querySelector(".xterm-rows")?.textContent?.includes("root@node-1:~# k"),
    );
    const echoed = Date.now() - t0;
    await page.getByTestId("box-kubelet").waitFor({ timeout: 30_000 });
    const nodeReady = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 500));
    const before = js.filter((x) => x.at <= firstInteraction);
    const initialJs = before.reduce((a, b) => a + b.gz, 0);
    const allJs = js.reduce((a, b) => a + b.gz, 0);
    if (process.env.VERBOSE)
      for (const x of js)
        console.log(`  ${x.at} ms  ${(x.gz / 1024).toFixed(1)} KB  ${x.url.split("/").pop()}`);

    // 2. 110 pods and their containers, then animate and sample frames.
    await page.evaluate(async () => {
      const store = (
        window as unknown as { __k8sNodeSim: { getState(): { exec(l: string): Promise<string> } } }
      ).__k8sNodeSim;
      const docs: string[] = [];
      for (let i = 0; i < 110; i++)
        docs.push(
          `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n`,
        );
      await store.getState().exec(`kubectl apply -f - <<'EOF'\n${docs.join("---\n")}EOF`);
    });
    await page.getByRole("button", { name: "Faster" }).click();
    await page.getByRole("button", { name: "Faster" }).click();
    await page.getByTestId("play").click();
    // Let the pods come up, then measure while the node keeps working (relists, probes, chips).
    await page.waitForFunction(
      () =>
        (document.querySelectorAll(".podgroup").length ?? 0) >= 110 &&
        document.querySelectorAll(".podgroup .ctr.running").length >= 200,
      undefined,
      { timeout: 120_000 },
    );
    const frames = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const out: number[] = [];
          let last = performance.now();
          const end = last + 5000;
          const tick = (now: number) => {
            out.push(now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else resolve(out);
          };
          requestAnimationFrame((now) => {
            last = now;
            requestAnimationFrame(tick);
          });
        }),
    );
    const boxes = await page.evaluate(() => document.querySelectorAll(".podgroup").length);
    await browser.close();
    const r = (n: number) => n.toFixed(1);
    console.log("k8s-node-sim UI bench (Chromium, production build, 1280×720)");
    console.log(
      `  first interaction (prompt shown, terminal accepts input): ${firstInteraction} ms   goal ≤ 1500 ms`,
    );
    console.log(`  a typed key echoed: ${echoed} ms · node running and diagram drawn: ${nodeReady} ms`);
    console.log(
      `  initial JavaScript: ${(initialJs / 1024).toFixed(1)} KB gzip in ${before.length} files   goal ≤ 250 KB`,
    );
    console.log(
      `  all JavaScript of the first screen: ${(allJs / 1024).toFixed(1)} KB gzip in ${js.length} files`,
    );
    console.log(
      `  frames with ${boxes} pod boxes, animating: ${frames.length} frames in 5 s · p50 ${r(pct(frames, 50))} ms · p95 ${r(pct(frames, 95))} ms · max ${r(Math.max(...frames))} ms   goal p95 ≤ 16.7 ms`,
    );
    // rAF timestamps jitter around the display's 16.67 ms: a frame that missed its vsync shows as ≥ 25 ms.
    const missed = frames.filter((f) => f >= 25).length;
    console.log(
      `  frames that missed a vsync (≥ 25 ms): ${missed} of ${frames.length} (${r((100 * missed) / frames.length)}%)`,
    );
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
