// client-go's EventCorrelator: identical events counted, similar ones combined, a source rate-limited per object.
import type { Event } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Rng, VirtualClock } from "../clock";
import { TraceLog } from "../trace";
import { ApiServer } from "./apiServer";
import { createEventRecorder, SPAM_BURST } from "./eventRecorder";
import type { ObjectReference } from "./types";

function setup() {
  const clock = new VirtualClock();
  const trace = new TraceLog(() => clock.now());
  const api = new ApiServer({ clock, rng: new Rng(7), trace, serviceAccountTokenVolume: false });
  const recorder = createEventRecorder(api, clock, { component: "kubelet", host: "node-1" });
  const writes = () => trace.all().filter((e) => e.kind === "event").length;
  const list = () => api.list<Event>("Event", { namespace: "default" });
  return { clock, api, recorder, writes, list };
}
const ref = (name: string): ObjectReference => ({
  kind: "Pod",
  namespace: "default",
  name,
  uid: `uid-${name}`,
  apiVersion: "v1",
});

describe("event recorder (client-go events_cache.go)", () => {
  it("counts an identical event on the Event it created", () => {
    const { clock, recorder, list } = setup();
    recorder.event(ref("web"), "Warning", "BackOff", "Back-off restarting failed container");
    clock.advance(10_000);
    recorder.event(ref("web"), "Warning", "BackOff", "Back-off restarting failed container");
    const [ev] = list();
    expect(list()).toHaveLength(1);
    expect(ev.count).toBe(2);
    expect(ev.firstTimestamp).toBe("2026-01-15T09:00:00Z");
    expect(ev.lastTimestamp).toBe("2026-01-15T09:00:10Z");
  });

  it("lets a source send 25 events about one object, then one every 5 minutes, with the count kept", () => {
    const { clock, recorder, writes, list } = setup();
    for (let i = 0; i < 40; i++) {
      recorder.event(ref("crash"), "Warning", "BackOff", "Back-off restarting failed container");
      clock.advance(1_000);
    }
    // The first 25 reach the API server (one create, 24 count patches); the other 15 are dropped.
    expect(writes()).toBe(SPAM_BURST);
    expect(list()[0].count).toBe(25);
    // Another object has its own allowance.
    recorder.event(ref("other"), "Normal", "Pulled", "Container image already present");
    expect(writes()).toBe(SPAM_BURST + 1);
    // A token comes back every 300 s: the next event that passes carries every occurrence seen.
    clock.advance(300_000);
    recorder.event(ref("crash"), "Warning", "BackOff", "Back-off restarting failed container");
    expect(writes()).toBe(SPAM_BURST + 2);
    expect(list().find((e) => e.involvedObject.name === "crash")?.count).toBe(41);
    recorder.event(ref("crash"), "Warning", "BackOff", "Back-off restarting failed container");
    expect(writes()).toBe(SPAM_BURST + 2);
  });

  it("creates a dropped event once the allowance is back, with the count seen so far", () => {
    const { clock, recorder, list } = setup();
    for (let i = 0; i < SPAM_BURST; i++) recorder.event(ref("p"), "Normal", "Pulled", `image ${i}`);
    recorder.event(ref("p"), "Warning", "Unhealthy", "Liveness probe failed");
    recorder.event(ref("p"), "Warning", "Unhealthy", "Liveness probe failed");
    expect(list().filter((e) => e.reason === "Unhealthy")).toHaveLength(0);
    clock.advance(300_000);
    recorder.event(ref("p"), "Warning", "Unhealthy", "Liveness probe failed");
    const unhealthy = list().filter((e) => e.reason === "Unhealthy");
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0].count).toBe(3);
  });

  it("combines ten different messages of one reason within ten minutes", () => {
    const { clock, recorder, list } = setup();
    for (let i = 1; i <= 11; i++) {
      recorder.event(ref("probe"), "Warning", "Unhealthy", `Readiness probe failed: attempt ${i}`);
      clock.advance(1_000);
    }
    const events = list();
    // Nine single events, then one combined event counted twice (the 10th and 11th message).
    expect(events.filter((e) => !e.message?.startsWith("(combined"))).toHaveLength(9);
    const combined = events.filter((e) => e.message?.startsWith("(combined from similar events): "));
    expect(combined).toHaveLength(1);
    expect(combined[0].count).toBe(2);
    expect(combined[0].message).toBe("(combined from similar events): Readiness probe failed: attempt 11");
    // Ten minutes later the similar-message record has expired: a new message is an event of its own.
    clock.advance(601_000);
    recorder.event(ref("probe"), "Warning", "Unhealthy", "Readiness probe failed: attempt 12");
    expect(list().some((e) => e.message === "Readiness probe failed: attempt 12")).toBe(true);
  });
});
