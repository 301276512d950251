import type { Flow } from "../schema/flow.ts";
import type { Language } from "../text/language/language.ts";

/**
 * The language a knowledge base is written in and searched in: its own, else the flow's
 * (English for `auto`).
 *
 * @example
 * knowledgeLanguage({ language: "pt", knowledge: [{ id: "faq", source: "faq.json" }], ... }, "faq") // "pt"
 */
export function knowledgeLanguage(
  flow: Pick<Flow, "language" | "knowledge">,
  id: string,
): Language {
  const declared = flow.knowledge.find((ref) => ref.id === id)?.language;
  return declared ?? (flow.language === "auto" ? "en" : flow.language);
}
