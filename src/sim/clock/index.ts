export { DEFAULT_EPOCH_MS, VirtualClock } from "./virtualClock";
export type { Clock, TimerCallback, TimerHandle } from "./virtualClock";
export { Rng } from "./rng";
export * from "./time";
