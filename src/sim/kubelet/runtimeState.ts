// k8s: pkg/kubelet/runtime.go (runtimeState) + kubelet.go updateRuntimeUp — what "is the runtime up?" means to the node's Ready condition.
import { errorText } from "../cri/errors";
import type { RuntimeService } from "../cri/services";
import { settle, type Task } from "../task";
import type { Logger } from "./types";
import { aggregateError } from "./util/klog";

/** "container runtime is down" after 30 s without a good Status (maxWaitForContainerRuntime). */
export const MAX_WAIT_FOR_CONTAINER_RUNTIME_MS = 30_000;

type Cond = { type: string; status: boolean; reason: string; message: string };
/** kubecontainer.RuntimeCondition.String(): `NetworkReady=false reason:X message:Y`. */
const fmt = (c: Cond) => `${c.type}=${c.status} reason:${c.reason} message:${c.message}`;

export class RuntimeState {
  lastBaseRuntimeSync?: number;
  runtimeError?: string;
  networkError?: string;

  constructor(
    private readonly now: () => number,
    private readonly plegHealthy: () => { ok: boolean; error?: string } | undefined,
  ) {}

  /** runtimeErrors(): never synced / down for 30 s / PLEG unhealthy / RuntimeReady=false. */
  runtimeErrors(): string | undefined {
    const errs: string[] = [];
    if (this.lastBaseRuntimeSync === undefined)
      errs.push("container runtime status check may not have completed yet");
    else if (this.now() - this.lastBaseRuntimeSync >= MAX_WAIT_FOR_CONTAINER_RUNTIME_MS)
      errs.push("container runtime is down");
    const h = this.plegHealthy();
    if (h && !h.ok && this.lastBaseRuntimeSync !== undefined) errs.push(`PLEG is not healthy: ${h.error}`);
    if (this.runtimeError) errs.push(this.runtimeError);
    return aggregateError(errs);
  }

  /** Runtime and network errors together, flattened like utilerrors.NewAggregate. */
  readyErrors(): string | undefined {
    return aggregateError([this.runtimeErrors() ?? "", this.networkError ?? ""].flatMap(splitAggregate));
  }

  /** updateRuntimeUp: one CRI Status call; returns true on the first success. */
  *updateRuntimeUp(runtime: RuntimeService, log: Logger): Task<boolean> {
    const r = yield* settle(runtime.status({}));
    if (!r.ok) {
      log("E", "kubelet.go:3025", "Container runtime sanity check failed", [["err", errorText(r.error)]]);
      return false;
    }
    const conds = r.value.status.conditions;
    const rt = conds.find((c) => c.type === "RuntimeReady");
    const net = conds.find((c) => c.type === "NetworkReady");
    this.runtimeError = !rt?.status
      ? `container runtime not ready: ${rt ? fmt(rt) : "RuntimeReady=false reason: message:"}`
      : undefined;
    this.networkError = !net?.status
      ? `container runtime network not ready: ${net ? fmt(net) : "NetworkReady=false reason: message:"}`
      : undefined;
    const first = this.lastBaseRuntimeSync === undefined;
    this.lastBaseRuntimeSync = this.now();
    if (first)
      log("I", "kuberuntime_manager.go:291", "Container runtime initialized", [
        ["containerRuntime", "containerd"],
        ["apiVersion", "v1"],
      ]);
    return first;
  }
}

/** `[a, b]` → ["a", "b"] so aggregates nest flat. */
function splitAggregate(s: string): string[] {
  if (!s) return [];
  if (s.startsWith("[") && s.endsWith("]")) return s.slice(1, -1).split(", ");
  return [s];
}
