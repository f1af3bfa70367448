// How the kubelet waits on the CRI: a Deferred settles synchronously when the runtime answers
// (a virtual-clock event in SimRuntime, a WebSocket reply in RemoteRuntime), and kubelet code is
// written as generators that `yield* wait(d)` — deterministic, no microtask races. See docs/ARCHITECTURE.md.

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class Deferred<T> {
  private result: Settled<T> | undefined;
  // Typed loosely on purpose: keeps Deferred<T> covariant in T (a Deferred<Foo> is a Deferred<unknown>).
  // Most Deferreds have one waiter (the task that yielded it): it gets a field, others an array.
  private firstWaiter: ((r: Settled<any>) => void) | undefined;
  private moreWaiters: Array<(r: Settled<any>) => void> | undefined;

  static resolved<T>(value: T): Deferred<T> {
    const d = new Deferred<T>();
    d.resolve(value);
    return d;
  }

  static rejected<T>(error: unknown): Deferred<T> {
    const d = new Deferred<T>();
    d.reject(error);
    return d;
  }

  get settled(): boolean {
    return this.result !== undefined;
  }

  get outcome(): Settled<T> | undefined {
    return this.result;
  }

  resolve(value: T): void {
    this.settle({ ok: true, value });
  }

  reject(error: unknown): void {
    this.settle({ ok: false, error });
  }

  /** Called synchronously on settle (or at once if already settled). */
  onSettle(cb: (r: Settled<T>) => void): void {
    if (this.result) cb(this.result);
    else if (!this.firstWaiter) this.firstWaiter = cb;
    else if (this.moreWaiters) this.moreWaiters.push(cb);
    else this.moreWaiters = [cb];
  }

  /** Map the value (errors pass through). */
  map<U>(fn: (v: T) => U): Deferred<U> {
    const out = new Deferred<U>();
    this.onSettle((r) => {
      if (!r.ok) out.reject(r.error);
      else {
        try {
          out.resolve(fn(r.value));
        } catch (e) {
          out.reject(e);
        }
      }
    });
    return out;
  }

  /** Bridge to a Promise (shell commands and the UI may await). */
  toPromise(): Promise<T> {
    return new Promise<T>((res, rej) => this.onSettle((r) => (r.ok ? res(r.value) : rej(r.error))));
  }

  private settle(r: Settled<T>): void {
    if (this.result) return;
    this.result = r;
    const first = this.firstWaiter;
    const more = this.moreWaiters;
    this.firstWaiter = undefined;
    this.moreWaiters = undefined;
    first?.(r);
    if (more) for (const w of more) w(r);
  }
}

/** A cooperative task: a generator that yields Deferreds and is resumed with their values. */
export type Task<T = void> = Generator<Deferred<unknown>, T, unknown>;

/** `const id = yield* wait(cri.runPodSandbox(req))` — typed wait inside a Task. Throws on rejection. */
export function wait<T>(d: Deferred<T>): Generator<Deferred<unknown>, T, unknown> {
  return new WaitIterator(d) as unknown as Generator<Deferred<unknown>, T, unknown>;
}

/** wait's iterator (see settle): yields the Deferred once, then returns its value or rethrows. */
class WaitIterator<T> {
  private yielded = false;
  constructor(private readonly d: Deferred<T>) {}
  [Symbol.iterator](): this {
    return this;
  }
  next(value?: unknown): IteratorResult<Deferred<unknown>, T> {
    if (!this.yielded) {
      this.yielded = true;
      return { value: this.d as Deferred<unknown>, done: false };
    }
    return { value: value as T, done: true };
  }
  throw(error: unknown): never {
    this.yielded = true;
    throw error;
  }
  return(value?: T): IteratorResult<Deferred<unknown>, T> {
    this.yielded = true;
    return { value: value as T, done: true };
  }
}

/**
 * Like wait, but returns the settled result instead of throwing. A hand-written iterator rather than a
 * generator: `yield* settle(d)` runs for every CRI call, and a generator object with its frame costs
 * more than this two-field object. spawn resumes it with the value (next) or the error (throw).
 */
export function settle<T>(d: Deferred<T>): Generator<Deferred<unknown>, Settled<T>, unknown> {
  return new SettleIterator(d) as unknown as Generator<Deferred<unknown>, Settled<T>, unknown>;
}

class SettleIterator<T> {
  private yielded = false;
  constructor(private readonly d: Deferred<T>) {}
  [Symbol.iterator](): this {
    return this;
  }
  next(value?: unknown): IteratorResult<Deferred<unknown>, Settled<T>> {
    if (!this.yielded) {
      this.yielded = true;
      return { value: this.d as Deferred<unknown>, done: false };
    }
    return { value: { ok: true, value: value as T }, done: true };
  }
  throw(error: unknown): IteratorResult<Deferred<unknown>, Settled<T>> {
    this.yielded = true;
    return { value: { ok: false, error }, done: true };
  }
  return(value?: Settled<T>): IteratorResult<Deferred<unknown>, Settled<T>> {
    this.yielded = true;
    return { value: value as Settled<T>, done: true };
  }
}

/** Run a Task to completion; the returned Deferred settles with its result. */
export function spawn<T>(task: Task<T>): Deferred<T> {
  const done = new Deferred<T>();
  const resume = (input: Settled<unknown> | undefined): void => {
    // Loop while yielded Deferreds are already settled, to avoid deep recursion.
    let next: Settled<unknown> | undefined = input;
    for (;;) {
      let step: IteratorResult<Deferred<unknown>, T>;
      try {
        if (next === undefined) step = task.next();
        else if (next.ok) step = task.next(next.value);
        else step = task.throw(next.error);
      } catch (e) {
        done.reject(e);
        return;
      }
      if (step.done) {
        done.resolve(step.value);
        return;
      }
      const d = step.value;
      if (d.outcome) {
        next = d.outcome;
        continue;
      }
      d.onSettle(resume);
      return;
    }
  };
  resume(undefined);
  return done;
}

/** Settles when all settle; rejects with the first error (in order). */
export function all<T>(ds: Deferred<T>[]): Deferred<T[]> {
  const out = new Deferred<T[]>();
  if (ds.length === 0) {
    out.resolve([]);
    return out;
  }
  const values: T[] = new Array(ds.length);
  let left = ds.length;
  ds.forEach((d, i) => {
    d.onSettle((r) => {
      if (!r.ok) out.reject(r.error);
      else {
        values[i] = r.value;
        if (--left === 0) out.resolve(values);
      }
    });
  });
  return out;
}
