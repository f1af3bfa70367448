export { Rng } from "./rng";
export * from "./time";
export type { Clock, TimerCallback, TimerHandle } from "./virtualClock";
export { DEFAULT_EPOCH_MS, VirtualClock } from "./virtualClock";
