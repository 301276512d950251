import { describe, expect, it } from "bun:test";
import {
  findEmails,
  findNumbers,
  findWhen,
} from "../../../engine/src/local/entities/recognize-entities.ts";
import { extractSlots, type Slot } from "../../../engine/src/local/slot-extraction.ts";
import type { Language } from "../../../engine/src/text/language/language.ts";

// A Monday: "el próximo viernes" is Friday 4 December 2026.
const today = new Date(2026, 10, 23);

function slot(name: string, kind: Slot["kind"], extra: Partial<Slot> = {}): Slot {
  return { name, kind, required: true, ...extra };
}
const lead: Slot[] = [
  slot("name", "name"),
  slot("email", "email"),
  slot("phone", "phone"),
  slot("company", "company"),
  slot("fleet_size", "number", { units: ["bikes", "bicicletas", "bicis"] }),
  slot("budget", "budget"),
  slot("timeline", "timeline"),
];

function read(text: string, language: Language, asking?: string) {
  return extractSlots(text, lead, { asking, language, today });
}

describe("entities in English, Portuguese and Spanish (Recognizers-Text)", () => {
  it.each([
    ["twelve", "en", 12],
    ["twenty-five", "en", 25],
    ["oito", "pt", 8],
    ["vinte e cinco", "pt", 25],
    ["veinticinco", "es", 25],
    ["quince", "es", 15],
  ] as const)("reads the number word %j (%s) as %d", (text, language, value) => {
    expect(findNumbers(text, language).map((number) => number.value)).toEqual([value]);
  });

  it.each([
    ["a budget of $25", "en", 25],
    ["around 10 thousand dollars", "en", 10000],
    ["uns vinte mil reais", "pt", 20000],
    ["R$ 30.000", "pt", 30000],
    ["quince mil euros", "es", 15000],
    ["20 mil euros", "es", 20000],
  ] as const)("reads the amount %j (%s) as %d with its currency", (text, language, value) => {
    const [amount] = findNumbers(text, language);
    expect(amount).toMatchObject({ value, currency: true });
  });

  it.each([
    ["in two weeks", "en", 14],
    ["daqui a duas semanas", "pt", 14],
    ["em três meses", "pt", 90],
    ["dentro de dos semanas", "es", 14],
    ["el próximo viernes", "es", 11],
  ] as const)("reads %j (%s) as %d days ahead", (text, language, days) => {
    expect(findWhen(text, language, today).map((when) => when.value)).toEqual([days]);
  });

  it("keeps the offsets of the Portuguese message it rewrote for the date model", () => {
    const [when] = findWhen("podemos começar daqui a duas semanas", "pt", today);
    expect(when?.text).toBe("duas semanas");
  });

  it("finds emails in any language, lower-cased", () => {
    expect(findEmails("meu e-mail é Ana.Souza@Empresa.com.br", "pt").map((e) => e.value)).toEqual([
      "ana.souza@empresa.com.br",
    ]);
  });
});

describe("lead slots in three languages", () => {
  it("reads a Portuguese lead from one message", () => {
    expect(
      read(
        "Meu nome é Júlia Souza, trabalho na Padaria Souza, precisamos de oito bicicletas daqui a duas semanas",
        "pt",
      ).values,
    ).toEqual({
      name: "Júlia Souza",
      company: "Padaria Souza",
      fleet_size: 8,
      timeline: "this month",
    });
  });

  it("reads a Spanish lead from one message", () => {
    expect(
      read("Me llamo Juan Pérez, necesitamos veinte bicis, presupuesto de quince mil euros", "es")
        .values,
    ).toEqual({ name: "Juan Pérez", fleet_size: 20, budget: 15000 });
  });

  it("prefers the number followed by what is counted", () => {
    expect(read("looking 4 fleet pricing for 25 bikes", "en").values).toEqual({ fleet_size: 25 });
    expect(read("procuro 2 orçamentos para 12 bicicletas", "pt").values).toEqual({
      fleet_size: 12,
    });
  });

  it("reads national phone numbers as the language's country's when asked", () => {
    expect(read("(11) 98765-4321", "pt", "phone").values).toEqual({ phone: "+5511987654321" });
    expect(read("(415) 555-0132", "en", "phone").values).toEqual({ phone: "+14155550132" });
    expect(read("612 345 678", "es", "phone").values).toEqual({ phone: "+34612345678" });
  });

  it("reads answers to the timeline question in each language", () => {
    expect(read("o quanto antes", "pt", "timeline").values.timeline).toBe("now");
    expect(read("ainda não sei", "pt", "timeline").values.timeline).toBe("undecided");
    expect(read("lo antes posible", "es", "timeline").values.timeline).toBe("now");
    // From Monday 23 November, next month ends in 39 days.
    expect(read("next month", "en", "timeline").values.timeline).toBe("1-3 months");
  });

  it("takes no courtesy for a company, but a company that sounds like one", () => {
    expect(read("thanks!", "en", "company").values.company).toBeUndefined();
    expect(read("obrigado", "pt", "company").values.company).toBeUndefined();
    expect(read("Vale", "pt", "company").values).toEqual({ company: "Vale" });
  });

  it("takes no company from the words before a date when the company is asked for", () => {
    for (const [text, language] of [
      ["daqui a um mês", "pt"],
      ["dentro de dos semanas", "es"],
      ["in two weeks", "en"],
    ] as const) {
      const reading = read(text, language, "company");
      expect(reading.values.company).toBeUndefined();
      expect(reading.values.timeline).toBeDefined();
    }
  });

  it("takes a name after a title, without the title", () => {
    expect(read("Dr. Emily Stone", "en", "name").values).toEqual({ name: "Emily Stone" });
    expect(read("Sra. Ana Lima", "pt", "name").values).toEqual({ name: "Ana Lima" });
    expect(read("my name is Prof. Juan Pérez", "es").values).toEqual({ name: "Juan Pérez" });
  });

  it('does not take "Marco", a name, for March in Portuguese unless asked when', () => {
    expect(read("Marco Rossi", "pt", "name").values).toEqual({ name: "Marco Rossi" });
  });
});

describe("slot validation names what is wrong, in the user's language", () => {
  it.each([
    ["asdf", "en", "name", "that doesn't look like a name"],
    ["qwerty", "pt", "name", "isso não parece um nome"],
    ["juan arroba empresa", "es", "email", "eso no parece un correo electrónico"],
    ["não sei", "pt", "budget", "não encontrei um valor"],
    ["azul", "es", "timeline", "no entendí cuándo sería"],
  ] as const)("rejects %j (%s) for %s: %s", (text, language, asking, reason) => {
    expect(read(text, language, asking).invalid[asking]).toStartWith(reason);
  });

  it("names the slot and its limit when a value is out of range", () => {
    const budget = slot("budget", "budget", { min: 500 });
    const fleet = slot("fleet_size", "number", { min: 1, max: 200 });
    expect(extractSlots("$25", [budget], { asking: "budget" }).invalid).toEqual({
      budget: "the budget must be at least 500",
    });
    expect(extractSlots("R$ 25", [budget], { asking: "budget", language: "pt" }).invalid).toEqual({
      budget: "o orçamento precisa ser de pelo menos 500",
    });
    expect(extractSlots("500", [fleet], { asking: "fleet_size" }).invalid).toEqual({
      fleet_size: "the fleet size can be at most 200",
    });
  });
});
