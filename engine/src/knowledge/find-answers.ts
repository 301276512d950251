import { withoutGreeting } from "../text/language/greeting.ts";
import type { Language } from "../text/language/language.ts";
import type { KnowledgeHit, KnowledgeIndex } from "./knowledge-base.ts";
import { splitQuestions } from "./split-questions.ts";

/**
 * The passages that answer a message. A message asking two questions ("How much is the cargo
 * bike and can I pay monthly?") gets the best passage of each, best question first, so both are
 * answered; one question gets the best `topK`.
 */
export function findAnswers(
  index: KnowledgeIndex,
  text: string,
  language: Language,
  topK: number,
  minScore: number,
): { hits: KnowledgeHit[]; questions: number } {
  // A greeting is no part of the question: "hello" would match hello@voltrabikes.com.
  const question = withoutGreeting(text, language) ?? text;
  const whole = index.search(question, topK).filter((hit) => hit.score >= minScore);
  const bests = splitQuestions(question, language).flatMap(
    (question) => index.search(question, 1).filter((hit) => hit.score >= minScore)[0] ?? [],
  );
  const distinct = [...new Map(bests.map((hit) => [hit.entry.id, hit])).values()];
  if (distinct.length < 2) return { hits: whole, questions: 1 };
  const rest = whole.filter((hit) => !distinct.some((best) => best.entry.id === hit.entry.id));
  return {
    hits: [...distinct, ...rest].slice(0, Math.max(topK, distinct.length)),
    questions: distinct.length,
  };
}
