export { Deferred, all, settle, spawn, wait } from "./deferred";
export type { Settled, Task } from "./deferred";
