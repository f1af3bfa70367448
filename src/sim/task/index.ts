export type { Settled, Task } from "./deferred";
export { all, Deferred, settle, spawn, wait } from "./deferred";
