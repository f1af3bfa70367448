export { TraceLog, formatTraceEvent } from "./traceLog";
export type { Actor, TraceEvent, TraceInput, TraceKind, TraceListener } from "./traceLog";
