// k8s: pkg/controller/ttlafterfinished/ttlafterfinished_controller.go — kube-controller-manager's
// ttl-after-finished-controller: a finished Job with spec.ttlSecondsAfterFinished is deleted (in the
// foreground: its pods go first) that many seconds after its Complete/Failed condition turned True.
// It records no events.
import type { Job } from "kubernetes-types/batch/v1";
import type { ApiServer } from "../apiserver/apiServer";
import { ApiError } from "../apiserver/types";
import type { Clock, TimerHandle } from "../clock";
import { parseRfc3339 } from "../clock/time";
import { keyOf } from "./controllerUtils";

const ACTOR = "controller-manager" as const;

/** jobFinishTime: when the Complete or Failed condition turned True. */
function finishTime(job: Job): number | undefined {
  const c = (job.status?.conditions ?? []).find(
    (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True",
  );
  return c?.lastTransitionTime ? parseRfc3339(c.lastTransitionTime) : undefined;
}

/** needsCleanup: a TTL and a finished Job (not already being deleted). */
const needsCleanup = (job: Job) =>
  job.spec?.ttlSecondsAfterFinished !== undefined &&
  job.spec.ttlSecondsAfterFinished !== null &&
  finishTime(job) !== undefined &&
  !job.metadata?.deletionTimestamp;

export interface TtlAfterFinishedOptions {
  api: ApiServer;
  clock: Clock & { wallMs(at?: number): number };
}

export class TtlAfterFinishedController {
  private readonly due = new Map<string, { at: number; timer: TimerHandle }>();
  private stops: (() => void)[] = [];

  constructor(private readonly o: TtlAfterFinishedOptions) {}

  start(): void {
    this.stops.push(
      this.o.api.watch<Job>("Job", {}, (e) => {
        if (e.type !== "DELETED" && needsCleanup(e.object)) this.enqueue(keyOf(e.object), 0);
      }),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    for (const d of this.due.values()) this.o.clock.cancel(d.timer);
    this.due.clear();
  }

  private enqueue(key: string, delayMs: number): void {
    const at = this.o.clock.now() + Math.max(0, delayMs);
    const cur = this.due.get(key);
    if (cur && cur.at <= at) return;
    if (cur) this.o.clock.cancel(cur.timer);
    const timer = this.o.clock.setTimer(
      Math.max(0, delayMs),
      () => {
        this.due.delete(key);
        this.processJob(key);
      },
      "ttl-after-finished",
    );
    this.due.set(key, { at, timer });
  }

  /** processJob: not expired yet → look again when it is; expired → delete, foreground, same UID. */
  private processJob(key: string): void {
    const [ns, name] = key.split("/");
    const job = this.o.api.tryGet<Job>("Job", ns, name);
    if (!job || !needsCleanup(job)) return;
    const expireAt = (finishTime(job) ?? 0) + (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000;
    const left = expireAt - this.o.clock.wallMs();
    if (left > 0) {
      this.enqueue(key, left);
      return;
    }
    try {
      this.o.api.delete("Job", ns, name, { propagationPolicy: "Foreground" }, ACTOR);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}
