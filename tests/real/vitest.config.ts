import { defineConfig } from "vitest/config";

// tests/real: against a real containerd through server/ (run by scripts/real-tests.mjs).
export default defineConfig({
  test: {
    include: ["tests/real/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
