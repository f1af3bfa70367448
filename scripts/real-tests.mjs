#!/usr/bin/env node
// The real-runtime suite (tests/real), called by `npm test`: makes sure containerd and the local
// registry are up (running scripts/real-setup.sh as root if not), starts the backend on a free
// port with a fresh token, runs vitest against it and exits with vitest's status.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";

const SOCKET = "/run/containerd/containerd.sock";
const t0 = Date.now();

async function registryUp() {
  try {
    return (await fetch("http://127.0.0.1:5000/v2/", { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function imagesPresent() {
  try {
    const r = await fetch("http://127.0.0.1:5000/v2/crasher/tags/list", {
      signal: AbortSignal.timeout(2000),
    });
    return r.ok;
  } catch {
    return false;
  }
}

if (!existsSync(SOCKET) || !(await registryUp()) || !(await imagesPresent())) {
  if (process.getuid?.() !== 0) {
    console.error(
      "real-tests: containerd/registry are not up and I am not root: run `sudo npm run real:setup`",
    );
    process.exit(1);
  }
  console.log("real-tests: containerd or the registry is down: running scripts/real-setup.sh");
  const r = spawnSync("bash", ["scripts/real-setup.sh"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The backend under test: a random token, any free port, a short grace period for the disconnect test.
const token = randomBytes(16).toString("hex");
const backend = spawn(
  process.execPath,
  ["--import", "tsx", "server/main.ts", "--listen", "127.0.0.1:0", "--token", token, "--grace", "1"],
  { stdio: ["ignore", "pipe", "inherit"] },
);
let out = "";
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`backend did not start:\n${out}`)), 30_000);
  backend.stdout.on("data", (chunk) => {
    out += chunk;
    const m = /listening on (ws:\/\/\S+)/.exec(out);
    if (m && out.includes("READY")) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  backend.on("exit", (code) => reject(new Error(`backend exited (${code}):\n${out}`)));
}).catch((e) => {
  console.error(`real-tests: ${e.message}`);
  process.exit(1);
});
backend.stdout.on("data", (chunk) => process.stdout.write(chunk));
console.log(`real-tests: backend ${url} (ready after ${Date.now() - t0} ms)`);

const vitest = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--root",
    ".",
    "--config",
    "tests/real/vitest.config.ts",
    "tests/real",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=test-results/real.json",
  ],
  { stdio: "inherit", env: { ...process.env, K8S_SIM_BACKEND_URL: url, K8S_SIM_BACKEND_TOKEN: token } },
);

// Stop the backend we started (by its pid): SIGTERM makes it remove any session pods left.
backend.kill("SIGTERM");
await new Promise((res) => {
  const t = setTimeout(() => {
    backend.kill("SIGKILL");
    res();
  }, 15_000);
  backend.on("exit", () => {
    clearTimeout(t);
    res();
  });
});
console.log(`real-tests: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(vitest.status ?? 1);
