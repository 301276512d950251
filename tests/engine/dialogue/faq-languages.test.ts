import { describe, expect, it } from "bun:test";
import { join } from "node:path";
import { loadFlowFile } from "@switchboard/engine";
import { findAnswers } from "../../../engine/src/knowledge/find-answers.ts";
import { indexKnowledgeBase } from "../../../engine/src/knowledge/knowledge-index.ts";
import { splitQuestions } from "../../../engine/src/knowledge/split-questions.ts";

const flows = join(import.meta.dir, "..", "..", "..", "flows");
const portuguese = await loadFlowFile(join(flows, "suporte.flow.json"));
const english = await loadFlowFile(join(flows, "support.flow.json"));
const pt = indexKnowledgeBase(portuguese.knowledge[0] as never, "pt");
const en = indexKnowledgeBase(english.knowledge[0] as never, "en");

const best = (query: string) => pt.search(query, 1)[0]?.entry.id;

describe("FAQ retrieval in the knowledge base's language", () => {
  it.each([
    ["Qual o prazo de devolução?", "devolucao"],
    ["qual o prazo de devolucao", "devolucao"],
    ["DEVOLUÇÕES: como funcionam?", "devolucao"],
    ["vocês parcelam em quantas vezes?", "parcelamento"],
    ["quanto tempo leva pra carregar a bateria", "autonomia"],
    ["¿Cuánto tarda la entrega?", "prazo-entrega"],
    ["¿Puedo probar la bici antes?", "test-ride"],
  ])("answers %j with %s (stemmed, accent-insensitive)", (query, id) => {
    expect(best(query)).toBe(id);
  });

  it("finds nothing good for a question the base does not cover", () => {
    expect(pt.search("vocês vendem pizza de calabresa?", 1)[0]?.score ?? 0).toBeLessThan(0.3);
  });
});

describe("messages with two questions", () => {
  it.each([
    [
      "How much is the cargo bike and can I pay monthly?",
      "en",
      ["How much is the cargo bike", "can I pay monthly"],
    ],
    [
      "What are your hours? Do you ship to Canada?",
      "en",
      ["What are your hours", "Do you ship to Canada"],
    ],
    ["Quanto custa a cargo e posso parcelar?", "pt", ["Quanto custa a cargo", "posso parcelar"]],
    [
      "¿Cuánto cuesta la cargo y puedo pagar en cuotas?",
      "es",
      ["¿Cuánto cuesta la cargo", "puedo pagar en cuotas"],
    ],
    ["I want to buy one and ride it to work", "en", ["I want to buy one and ride it to work"]],
  ] as const)("splits %j", (text, language, parts) => {
    expect(splitQuestions(text, language)).toEqual([...parts]);
  });

  it("finds the best passage for each question", () => {
    const { hits, questions } = findAnswers(
      en,
      "How much is the cargo bike and can I pay monthly?",
      "en",
      3,
      0.3,
    );
    expect(questions).toBe(2);
    expect(hits.slice(0, 2).map((hit) => hit.entry.id)).toEqual(["cargo", "financing"]);
  });

  it("answers one question with the usual best passages", () => {
    const { hits, questions } = findAnswers(pt, "Qual o horário da loja?", "pt", 3, 0.3);
    expect(questions).toBe(1);
    expect(hits[0]?.entry.id).toBe("horario");
  });
});
