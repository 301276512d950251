import { describe, expect, it } from "bun:test";
import { spellOut } from "../../../engine/src/text/language/chat-spellings.ts";
import { withoutGreeting } from "../../../engine/src/text/language/greeting.ts";
import {
  isLanguage,
  loadLanguageDetector,
  textAnalyzer,
} from "../../../engine/src/text/language/index.ts";
import { isPhrasedAsQuestion } from "../../../engine/src/text/language/question-form.ts";

const detector = await loadLanguageDetector();

describe("detectLanguage", () => {
  it.each([
    ["quero falar com uma pessoa", "pt"],
    ["nao recebi meu pedido", "pt"],
    ["tem parcelamento?", "pt"],
    ["necesito ayuda", "es"],
    ["no recibí mi pedido", "es"],
    ["quiero hablar con alguien", "es"],
    ["what time do you open", "en"],
    ["my order hasnt arrived", "en"],
  ] as const)("tells %p is %p", (text, language) => {
    const guess = detector.detect(text, { fallback: language === "en" ? "pt" : "en" });
    expect(guess).toMatchObject({ language, detected: true });
  });

  it("answers the fallback when a message is too short to tell", () => {
    for (const text of ["helo", "sim", "si", "no", "", "   "]) {
      expect(detector.detect(text, { fallback: "es" })).toEqual({
        language: "es",
        confidence: 0,
        detected: false,
      });
    }
  });

  it("only answers one of the candidates", () => {
    const guess = detector.detect("quero falar com uma pessoa", {
      candidates: ["en", "es"],
      fallback: "en",
    });
    expect(["en", "es"]).toContain(guess.language);
  });
});

describe("textAnalyzer", () => {
  it("folds accents and stems each language with its own rules", () => {
    expect(textAnalyzer("pt").terms("Cancelamento do PARCELAMENTO")).toEqual([
      "cancel",
      "do",
      "parcel",
    ]);
    expect(textAnalyzer("es").terms("cancelación")).toEqual(
      textAnalyzer("es").terms("cancelacion"),
    );
    expect(textAnalyzer("en").terms("Opening hours")).toEqual(["open", "hour"]);
  });

  it("expands English contractions and drops stop words on request", () => {
    expect(textAnalyzer("en").tokenize("I can't find it")).toEqual([
      "i",
      "can",
      "not",
      "find",
      "it",
    ]);
    expect(textAnalyzer("pt").terms("não é o meu pedido", { dropStopwords: true })).toEqual([
      "ped",
    ]);
    expect(textAnalyzer("es").isStopword("mas")).toBe(true);
  });

  it("knows its languages", () => {
    expect(isLanguage("pt")).toBe(true);
    expect(isLanguage("fr")).toBe(false);
  });
});

describe("isPhrasedAsQuestion", () => {
  it.each([
    ["how long does delivery take", "en"],
    ["Do you ship to Canada", "en"],
    ["qual o prazo de entrega", "pt"],
    ["vcs entregam no Nordeste", "pt"],
    ["Onde fica a loja", "pt"],
    ["cuánto cuesta la bici de carga", "es"],
    ["¿Hacen envíos?", "es"],
  ] as const)("reads %j (%s) as a question", (text, language) => {
    expect(isPhrasedAsQuestion(text, language)).toBe(true);
  });

  it.each([
    ["Acme", "en"],
    ["Express Delivery Couriers", "en"],
    ["Rapido Entregas", "pt"],
    ["Quantum Bikes", "pt"],
    ["Mensajería Cómoda", "es"],
  ] as const)("reads %j (%s) as an answer, not a question", (text, language) => {
    expect(isPhrasedAsQuestion(text, language)).toBe(false);
  });
});

describe("withoutGreeting", () => {
  it.each([
    ["hi, do you ship to Canada?", "en", "do you ship to Canada?"],
    ["Hi there! I need 12 bikes", "en", "I need 12 bikes"],
    ["Olá, tudo bem? Qual o horário?", "pt", "Qual o horário?"],
    ["oii vcs entregam no nordeste", "pt", "vcs entregam no nordeste"],
    ["¡Hola! ¿Tienen tienda?", "es", "¿Tienen tienda?"],
    ["Buenos días, necesito ayuda", "es", "necesito ayuda"],
  ] as const)("reads %j (%s) as a greeting and %j", (text, language, rest) => {
    expect(withoutGreeting(text, language)).toBe(rest);
  });

  it.each([
    ["hello", "en"],
    ["Bom dia!", "pt"],
    ["history of my orders", "en"],
    ["tudo bem se eu trocar a bike?", "pt"],
    ["holanda", "es"],
  ] as const)("leaves %j (%s) whole: no greeting with something after it", (text, language) => {
    expect(withoutGreeting(text, language)).toBeNull();
  });
});

describe("chat spellings", () => {
  it.each([
    ["en", "wat r ur hours", ["what", "are", "your", "hours"]],
    ["pt", "vc tem pra hj", ["voce", "tem", "para", "hoje"]],
    ["pt", "n recebi", ["nao", "recebi"]],
    ["es", "xq no llega, xfa", ["porque", "no", "llega", "por", "favor"]],
  ] as const)("writes out %s %j", (language, text, words) => {
    expect(textAnalyzer(language).tokenize(text)).toEqual([...words]);
    expect(spellOut(["kept"], language)).toEqual(["kept"]);
  });
});
