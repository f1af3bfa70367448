import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock";
import { all, Deferred, settle, spawn, type Task, wait } from "./deferred";

function later<T>(clock: VirtualClock, ms: number, value: T): Deferred<T> {
  const d = new Deferred<T>();
  clock.setTimer(ms, () => d.resolve(value));
  return d;
}

describe("tasks over the virtual clock", () => {
  it("resumes a generator when each Deferred settles, in virtual time", () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    function* syncPod(): Task<string> {
      const id = yield* wait(later(clock, 100, "sandbox-1"));
      log.push(`${clock.now()} ${id}`);
      const c = yield* wait(later(clock, 50, "ctr-1"));
      log.push(`${clock.now()} ${c}`);
      return c;
    }
    const done = spawn(syncPod());
    expect(done.settled).toBe(false);
    clock.advance(120);
    expect(log).toEqual(["100 sandbox-1"]);
    clock.advance(100);
    expect(log).toEqual(["100 sandbox-1", "150 ctr-1"]);
    expect(done.outcome).toEqual({ ok: true, value: "ctr-1" });
  });

  it("throws rejections into the task, and settle() returns them as data", () => {
    const clock = new VirtualClock();
    const failing = new Deferred<number>();
    clock.setTimer(10, () => failing.reject(new Error("boom")));
    const caught: string[] = [];
    spawn(
      (function* (): Task {
        try {
          yield* wait(failing);
        } catch (e) {
          caught.push((e as Error).message);
        }
        const r = yield* settle(Deferred.rejected<number>(new Error("again")));
        caught.push(r.ok ? "ok" : (r.error as Error).message);
      })(),
    );
    clock.advance(10);
    expect(caught).toEqual(["boom", "again"]);
  });

  it("a task that throws rejects its Deferred", () => {
    const d = spawn(
      (function* (): Task {
        yield* wait(Deferred.resolved(1));
        throw new Error("bad");
      })(),
    );
    expect(d.outcome?.ok).toBe(false);
  });

  it("runs already-settled chains without recursion", () => {
    function* many(): Task<number> {
      let s = 0;
      for (let i = 0; i < 100_000; i++) s += yield* wait(Deferred.resolved(1));
      return s;
    }
    expect(spawn(many()).outcome).toEqual({ ok: true, value: 100_000 });
  });

  it("all() collects in order and fails on the first error", () => {
    const clock = new VirtualClock();
    const a = all([later(clock, 30, "a"), later(clock, 10, "b")]);
    clock.advance(30);
    expect(a.outcome).toEqual({ ok: true, value: ["a", "b"] });
    const b = all([Deferred.resolved(1), Deferred.rejected<number>(new Error("x"))]);
    expect(b.outcome?.ok).toBe(false);
  });
});
