// Builds the node-hour bench as one classic script for Chromium (npm run bench loads it in a page).
import { defineConfig } from "vite";

export default defineConfig({
  logLevel: "warn",
  build: {
    lib: {
      entry: "tests/bench/nodeHourPage.ts",
      formats: ["iife"],
      name: "nodeHourBench",
      fileName: () => "nodeHour.js",
    },
    outDir: ".bench-dist/browser",
    emptyOutDir: true,
    // as the app ships it
    minify: true,
  },
});
