// `npm run bench`: prints the core's figures (never asserts on time). package.json builds this file
// with Vite first (`vite build --ssr`), so the core runs as the browser gets it: the same transform,
// no per-function wrappers from a development loader.
import { benchApiPods } from "./apiBench";
import { benchClock, benchClockSteady } from "./clockBench";

function line(name: string, value: string): void {
  console.log(`${name.padEnd(52)} ${value}`);
}
const fmt = (n: number) => n.toLocaleString("en-US");

// The node hour runs first, in the fresh process: its first run is then truly cold (the micro
// benches below would otherwise have warmed part of the code and left their garbage in the heap).
const { benchNodeHour } = await import("./nodeBench");
// The first hour runs on a cold JIT (what a learner's first minutes cost); the next ones show the
// steady speed of the same code once V8 has optimized it. Each run builds a fresh node.
const runs = [await benchNodeHour(), await benchNodeHour(), await benchNodeHour()];

const drain = benchClock();
line(
  "clock: drain 1,000,000 queued timers",
  `${drain.ms.toFixed(0)} ms  (${fmt(drain.eventsPerSec)} events/s)`,
);
const steady = benchClockSteady();
line(
  "clock: 1,000,000 events, 2,000 periodic timers",
  `${steady.ms.toFixed(0)} ms  (${fmt(steady.eventsPerSec)} events/s)`,
);
const pods = benchApiPods();
line(
  "apiserver: heap per stored pod (10,000 pods)",
  `${fmt(pods.bytesPerPod)} bytes${pods.measured ? "" : " (run with --expose-gc for exact figures)"}  · create ${pods.createMs.toFixed(0)} ms`,
);

const [cold, ...warm] = runs;
const best = warm.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
line(
  `node: 1 virtual hour, ${cold.pods} pods (healthy/probed/crash/OOM)`,
  `${cold.wallMs.toFixed(0)} ms wall cold, ${best.wallMs.toFixed(0)} ms warm (best of ${warm.length})  · ${fmt(cold.traceEvents)} trace events (${fmt(Math.round(cold.traceEvents / (best.wallMs / 1000)))}/s warm) · ${fmt(cold.heapBytesPerPod ?? 0)} heap bytes/pod · ${cold.running} Running`,
);

// The same hour in Chromium, where learners run it (a separate process: Node's figures above are
// unaffected by it).
const { benchNodeHourInChromium } = await import("./chromiumBench");
const inChromium = await benchNodeHourInChromium(3);
if (typeof inChromium === "string") line("node: 1 virtual hour in Chromium", `skipped: ${inChromium}`);
else {
  const [c, ...w] = inChromium.runs;
  const b = w.reduce((x, y) => (y.wallMs < x.wallMs ? y : x));
  const heap = c.heapBytesPerPod === undefined ? "" : ` · ${fmt(c.heapBytesPerPod)} heap bytes/pod`;
  line(
    `node: 1 virtual hour, ${c.pods} pods, in Chromium ${inChromium.version}`,
    `${c.wallMs.toFixed(0)} ms wall cold, ${b.wallMs.toFixed(0)} ms warm (best of ${w.length})  · ${fmt(c.traceEvents)} trace events${heap} · ${c.running} Running`,
  );
}
