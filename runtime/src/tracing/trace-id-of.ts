import { createHash } from "node:crypto";

/**
 * The Langfuse trace id of a turn, derived from the turn's id the way the SDK's
 * `createTraceId(seed)` derives it (the first 32 hex digits of its SHA-256), but synchronously,
 * so a turn's trace can start without a wait and feedback can find it from the message id alone.
 *
 * @example
 * traceIdOf("0f6c…") // "9c1d…" (32 lowercase hex digits, the same for the same id)
 */
export function traceIdOf(turnId: string): string {
  return createHash("sha256").update(turnId).digest("hex").slice(0, 32);
}
