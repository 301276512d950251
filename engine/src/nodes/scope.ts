import type { FlowStateValue } from "../state.ts";
import { lastUserText } from "./messages.ts";

/** Names every template and expression can use besides the flow's declared variables. */
export const builtinNames = ["intent", "last_message", "handoff"] as const;

/** The values templates and expressions see: declared variables plus the built-in names. */
export function buildScope(state: FlowStateValue): Record<string, unknown> {
  return {
    ...state.vars,
    intent: state.intent?.name ?? null,
    last_message: lastUserText(state.messages),
    handoff: state.handoff?.status ?? "none",
  };
}
