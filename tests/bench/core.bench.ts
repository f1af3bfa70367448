// `npm run bench`: prints the core's figures (never asserts on time).
import { benchApiPods } from "./apiBench";
import { benchClock, benchClockSteady } from "./clockBench";

function line(name: string, value: string): void {
  console.log(`${name.padEnd(52)} ${value}`);
}
const fmt = (n: number) => n.toLocaleString("en-US");

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

const { benchNodeHour } = await import("./nodeBench");
const hour = await benchNodeHour();
line(
  `node: 1 virtual hour, ${hour.pods} pods (healthy/probed/crash/OOM)`,
  `${hour.wallMs.toFixed(0)} ms wall  · ${fmt(hour.traceEvents)} trace events (${fmt(hour.traceEventsPerSec)}/s) · ${fmt(hour.heapBytesPerPod)} heap bytes/pod · ${hour.running} Running`,
);
