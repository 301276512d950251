import { lastUserText } from "../nodes/messages.ts";
import type { Flow } from "../schema/flow.ts";
import type { FlowStateValue } from "../state.ts";
import { detectLanguage, type Language } from "../text/language/index.ts";

// Names and short answers ("Pizzaria Rossi", "Juan Pérez") are no evidence of a language.
const SHORT = 2;

/**
 * The language of the user's latest message: the flow's own, or in an `auto` flow the one
 * detected, falling back to the conversation's language so far (English at first) when the
 * message is too short or ambiguous to tell ("8", "ok", "helo"); once the conversation has a
 * language, messages of one or two words keep it.
 *
 * @example
 * await messageLanguage({ ...flow, language: "auto" }, state) // "pt" for "quero falar com alguém"
 */
export async function messageLanguage(flow: Flow, state: FlowStateValue): Promise<Language> {
  if (flow.language !== "auto") return flow.language;
  const fallback = state.bookkeeping.language ?? "en";
  const text = lastUserText(state.messages);
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  if (words === 0 || (words <= SHORT && state.bookkeeping.language)) return fallback;
  return (await detectLanguage(text, { fallback })).language;
}
