import type { FlowStateValue } from "../state.ts";
import type { Language } from "../text/language/language.ts";
import { lastUserText } from "./messages.ts";

/**
 * The values templates and expressions see: declared variables plus the built-in names, among
 * them the language of the user's latest message (in an `auto` flow, the one detected), so that
 * a `condition` node can answer a Spanish speaker in Spanish.
 */
export function buildScope(state: FlowStateValue, language: Language): Record<string, unknown> {
  return {
    ...state.vars,
    intent: state.bookkeeping.intent?.name ?? null,
    last_message: lastUserText(state.messages),
    handoff: state.bookkeeping.handoff?.status ?? "none",
    language,
  };
}
