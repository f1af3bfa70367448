import { describe, expect, it } from "vitest";
import { VirtualClock } from "../sim/clock";
import { Deferred } from "../sim/task";
import { RemoteNetwork } from "./remoteNetwork";
import type { ProbeRequest, ProbeResponse } from "./remoteRuntime";
import { WallClockPump } from "./wallClockPump";

describe("WallClockPump", () => {
  it("moves the virtual clock to the wall clock and fires what fell due", () => {
    let wall = 1_000_000;
    const clock = new VirtualClock(wall);
    const fired: number[] = [];
    clock.setTimer(5000, () => fired.push(clock.now()));
    clock.setTimer(12_000, () => fired.push(clock.now()));
    const pump = new WallClockPump(clock, { now: () => wall });
    wall += 7_000;
    pump.sync();
    expect(clock.now()).toBe(7_000);
    expect(fired).toEqual([5000]);
    wall += 10_000;
    pump.sync();
    expect(fired).toEqual([5000, 12_000]);
    expect(clock.now()).toBe(17_000);
    // never backwards (a wall clock step back leaves virtual time where it is)
    wall -= 5_000;
    pump.sync();
    expect(clock.now()).toBe(17_000);
  });
});

describe("RemoteNetwork", () => {
  function net(answer: (r: ProbeRequest) => ProbeResponse | Error) {
    const asked: ProbeRequest[] = [];
    const n = new RemoteNetwork({
      probe: (r: ProbeRequest) => {
        asked.push(r);
        const a = answer(r);
        return a instanceof Error ? Deferred.rejected<ProbeResponse>(a) : Deferred.resolved(a);
      },
    });
    return { n, asked };
  }

  it("hands the backend's HTTP answer to the prober", async () => {
    const { n, asked } = net(() => ({ ok: true, statusCode: 302, body: "moved", location: "/x" }));
    const r = await n.httpGet({ host: "10.88.0.5", port: 80, path: "/", timeoutMs: 1000 }).toPromise();
    expect(r).toEqual({ statusCode: 302, body: "moved", location: "/x" });
    expect(asked[0]).toMatchObject({ kind: "http", host: "10.88.0.5", port: 80, path: "/" });
  });

  it("turns the network's refusal into Go's dial error, and a transport failure into the CRI error", async () => {
    const refused = net(() => ({ ok: false, error: "dial tcp 10.88.0.5:81: connect: connection refused" }));
    await expect(
      refused.n.tcpConnect({ host: "10.88.0.5", port: 81, timeoutMs: 1000 }).toPromise(),
    ).rejects.toThrow("dial tcp 10.88.0.5:81: connect: connection refused");
    const down = net(() => new Error("rpc error: code = Unavailable desc = connection error"));
    await expect(
      down.n.httpGet({ host: "10.88.0.5", port: 80, path: "/", timeoutMs: 1000 }).toPromise(),
    ).rejects.toThrow(/Unavailable/);
  });
});
