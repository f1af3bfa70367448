// Small check builders the lesson data composes: each reads the simulation's state or trace
// through LessonView and says why it is not done yet.
import type { Check, CheckResult } from "./types";
import type { LessonView, TraceQuery } from "./view";

const res = (ok: boolean, why: string): CheckResult => (ok ? { ok } : { ok, why });

export function all(...checks: Check[]): Check {
  return (v) => {
    for (const c of checks) {
      const r = c(v);
      const rr = typeof r === "boolean" ? { ok: r } : r;
      if (!rr.ok) return rr;
    }
    return { ok: true };
  };
}

export function podExists(name: string): Check {
  return (v) => res(v.pod(name) !== undefined, `no pod "${name}" yet`);
}

export function podGone(name: string): Check {
  return (v) => res(v.pod(name) === undefined, `pod "${name}" still exists`);
}

/** The STATUS column of `kubectl get pod <name>`. */
export function podStatus(name: string, status: string | RegExp): Check {
  return (v) => {
    const p = v.pod(name);
    if (!p) return { ok: false, why: `no pod "${name}"` };
    const ok = typeof status === "string" ? p.status === status : status.test(p.status);
    return res(ok, `pod "${name}" is ${p.status}, expected ${String(status)}`);
  };
}

/** Running with every container ready (READY n/n). */
export function podRunningReady(name: string): Check {
  return (v) => {
    const p = v.pod(name);
    if (!p) return { ok: false, why: `no pod "${name}"` };
    const [r, t] = p.ready.split("/");
    return res(
      p.status === "Running" && r === t && t !== "0",
      `pod "${name}" is ${p.status} ${p.ready}, expected Running with all containers ready`,
    );
  };
}

/** Running, ready, restart count 0, and the container has been up for at least `seconds`. */
export function podStableFor(name: string, seconds: number): Check {
  return (v) => {
    const p = v.pod(name);
    if (!p) return { ok: false, why: `no pod "${name}"` };
    const c = p.containers[0];
    if (p.status !== "Running" || !c || c.state !== "running" || c.startedAt === undefined)
      return { ok: false, why: `pod "${name}" is ${p.status}` };
    if (p.restarts > 0) return { ok: false, why: `pod "${name}" has restarted ${p.restarts} times` };
    const up = (v.now - c.startedAt) / 1000;
    return res(up >= seconds, `up for ${Math.floor(up)}s without a restart; wait for ${seconds}s`);
  };
}

export function traceHas(q: TraceQuery, why: string, min = 1): Check {
  return (v) => res(v.trace(q).length >= min, why);
}

/** The kubelet made this CRI call (for this pod) since the lesson start and the runtime answered ok. */
export function criOk(method: string, pod?: string): Check {
  return (v) =>
    res(
      v.criCalls(pod).some((c) => c.method === method && c.outcome === "ok"),
      `no successful ${method}${pod ? ` for pod ${pod}` : ""} in the trace yet`,
    );
}

/** The kubelet sent this CRI request (answered or still pending). */
export function criSent(method: string, pod?: string): Check {
  return (v) =>
    res(
      v.criCalls(pod).some((c) => c.method === method),
      `the kubelet has not called ${method}${pod ? ` for pod ${pod}` : ""} yet`,
    );
}

export function criNotSent(method: string, pod?: string): Check {
  return (v) =>
    res(
      !v.criCalls(pod).some((c) => c.method === method),
      `${method} was already called${pod ? ` for pod ${pod}` : ""}`,
    );
}

export function nodeReady(ready = true): Check {
  return (v) => {
    const c = v.nodeCondition("Ready");
    return res(
      v.nodeReady() === ready,
      `node is ${c?.status === "True" ? "Ready" : "NotReady"}${c?.message ? ` (${c.message})` : ""}`,
    );
  };
}

export function unitState(unit: "containerd" | "kubelet", state: string): Check {
  return (v) => res(v.unit(unit) === state, `${unit} is ${v.unit(unit)}, expected ${state}`);
}

export function fileContains(path: string, text: string | RegExp): Check {
  return (v) => {
    const f = v.file(path) ?? "";
    const ok = typeof text === "string" ? f.includes(text) : text.test(f);
    return res(ok, `${path} does not contain ${String(text)}`);
  };
}

export function fileLacks(path: string, text: string | RegExp): Check {
  const has = fileContains(path, text);
  return (v) => {
    const r = has(v);
    return res(!(typeof r === "boolean" ? r : r.ok), `${path} still contains ${String(text)}`);
  };
}

export function runtimeContainer(pod: string, name: string, state: string): Check {
  return (v) => {
    const cs = v.containers().filter((c) => c.pod === pod && c.name === name);
    const latest = cs.sort((a, b) => b.attempt - a.attempt)[0];
    return res(
      latest?.state === state,
      `runtime container ${name} of ${pod} is ${latest?.state ?? "absent"}, expected ${state}`,
    );
  };
}

export function imagePresent(ref: string, present = true): Check {
  return (v) => res(v.hasImage(ref) === present, `${ref} is ${present ? "not " : ""}in the image store`);
}

export function imageFsBelow(percent: number): Check {
  return (v) => {
    const p = v.imageFsPercent();
    return res(p < percent, `image filesystem ${p.toFixed(1)}% used, needs to be under ${percent}%`);
  };
}

/** Pod's container had this last terminated reason (e.g. OOMKilled). */
export function lastTerminated(pod: string, reason: string): Check {
  return (v) => {
    const p = v.pod(pod);
    const c = p?.containers[0];
    const got = c?.lastTerminatedReason ?? (c?.state === "terminated" ? c.reason : undefined);
    return res(got === reason, `pod "${pod}" last terminated: ${got ?? "never"}`);
  };
}

export function not(check: Check, why: string): Check {
  return (v: LessonView) => {
    const r = check(v);
    return res(!(typeof r === "boolean" ? r : r.ok), why);
  };
}
