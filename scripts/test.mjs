#!/usr/bin/env node
// `npm test`: lint + types, unit tests (vitest), browser tests (Playwright in real Chromium),
// and the real-runtime suite when containerd is reachable. Ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { findChromium } from "./browser.mjs";

const results = [];
let passed = 0;
let failed = 0;

function run(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push([name, ok]);
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, "utf8"));
  passed += j.numPassedTests ?? 0;
  failed += (j.numFailedTests ?? 0) + ((j.numRuntimeErrorTestSuites ?? 0) ? 1 : 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, "utf8"));
  const s = j.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
}

const chromium = await findChromium();
if (!chromium) {
  console.error(
    "npm test needs Chromium: run `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`.",
  );
  process.exit(1);
}

rmSync("test-results", { recursive: true, force: true });
run("lint", "npx", ["biome", "check", "."]);
run("types", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]);
run("unit", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/unit.json",
]);
countVitest("test-results/unit.json");
if (existsSync("tests/real") && process.env.SKIP_REAL !== "1") {
  run("real runtime", "node", ["scripts/real-tests.mjs"]);
  countVitest("test-results/real.json");
}
run("browser", "npx", ["playwright", "test"], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/e2e.json",
});
countPlaywright("test-results/e2e.json");

console.log("\nSuites:");
for (const [name, ok] of results) console.log(`  ${ok ? "ok  " : "FAIL"}  ${name}`);
const allOk = results.every(([, ok]) => ok);
if (!allOk && failed === 0) failed = results.filter(([, ok]) => !ok).length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
