import type { FlowStateValue } from "../state.ts";
import { lastUserText } from "./messages.ts";

/** The values templates and expressions see: declared variables plus the built-in names. */
export function buildScope(state: FlowStateValue): Record<string, unknown> {
  return {
    ...state.vars,
    intent: state.bookkeeping.intent?.name ?? null,
    last_message: lastUserText(state.messages),
    handoff: state.bookkeeping.handoff?.status ?? "none",
  };
}
