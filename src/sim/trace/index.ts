export type { Actor, TraceEvent, TraceInput, TraceKind, TraceListener } from "./traceLog";
export { formatTraceEvent, TraceLog } from "./traceLog";
