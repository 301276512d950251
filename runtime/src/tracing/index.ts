export {
  createTracing,
  type Feedback,
  type Tracing,
  type TracingStats,
  tracingOff,
} from "./tracing.ts";
