export { createTracing, type Tracing, type TracingStats, tracingOff } from "./tracing.ts";
