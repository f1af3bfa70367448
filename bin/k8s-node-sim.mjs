#!/usr/bin/env node
// The headless shell as a bin: runs src/cli/shell.ts through tsx.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const r = spawnSync(
  process.execPath,
  ["--import", "tsx", join(root, "src/cli/shell.ts"), ...process.argv.slice(2)],
  {
    stdio: "inherit",
    cwd: process.cwd(),
  },
);
process.exit(r.status ?? 1);
