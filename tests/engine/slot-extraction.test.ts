import { describe, expect, it } from "bun:test";
import { extractSlots, type Slot } from "../../engine/src/local/slot-extraction.ts";

// The lead form of Pedal & Co's fleet sales: bikes for companies.
function slot(name: string, kind: Slot["kind"], extra: Partial<Slot> = {}): Slot {
  return { name, kind, ask: `What is your ${name}?`, required: true, ...extra };
}

const slots: Slot[] = [
  slot("name", "name"),
  slot("company", "company"),
  slot("email", "email"),
  slot("phone", "phone"),
  slot("budget", "budget"),
  slot("timeline", "timeline"),
  slot("plan", "choice", { choices: ["Starter", "Fleet", "Enterprise"] }),
  slot("bikes", "number"),
  slot("notes", "text"),
];

// A Monday in late November: "by summer" is more than six months away.
const today = new Date(2026, 10, 23);

function answer(text: string, asking?: string, only?: Slot[]) {
  return extractSlots(text, only ?? slots, { asking, today });
}

describe("extractSlots", () => {
  it("reads several slots from one message", () => {
    expect(answer("I'm Ana from Acme, ana@acme.io, budget 20k")).toEqual({
      values: { name: "Ana", company: "Acme", email: "ana@acme.io", budget: 20000 },
      invalid: {},
    });
    expect(
      answer(
        "Hi, this is Ana Lopez from Acme Corp. Reach me at +44 20 7946 0958; we'd need 40 bikes starting next month",
      ).values,
    ).toEqual({
      name: "Ana Lopez",
      company: "Acme Corp.",
      phone: "+442079460958",
      bikes: 40,
      // From Monday 23 November, next month starts in 8 days.
      timeline: "this month",
    });
  });

  it("reads nothing from a message that mentions no slot", () => {
    expect(answer("I'm looking for a quote for my team")).toEqual({ values: {}, invalid: {} });
  });

  describe("email", () => {
    it("finds and lower-cases an address", () => {
      expect(answer("sure: Ana.Lopez@Acme.IO", "email").values).toEqual({
        email: "ana.lopez@acme.io",
      });
    });

    it("explains an unusable answer", () => {
      expect(answer("no thanks", "email").invalid).toEqual({
        email: "that doesn't look like an email address",
      });
      expect(answer("ana@acme", "email").invalid).toEqual({
        email: "that email address looks incomplete",
      });
    });
  });

  describe("phone", () => {
    it("normalises international numbers to E.164 wherever they appear", () => {
      expect(answer("call me on +44 20 7946 0958").values).toEqual({ phone: "+442079460958" });
      expect(answer("0044 20 7946 0958", "phone").values).toEqual({ phone: "+442079460958" });
    });

    it("reads a national number as American only when asked for it", () => {
      expect(answer("(415) 555-0132", "phone").values).toEqual({ phone: "+14155550132" });
      expect(answer("order 415-555-0132 arrived").values).toEqual({});
    });

    it("explains an incomplete number", () => {
      expect(answer("555 0132", "phone").invalid.phone).toStartWith(
        "that doesn't look like a complete phone number",
      );
      expect(answer("I'd rather not", "phone").invalid).toEqual({
        phone: "that doesn't look like a phone number",
      });
    });
  });

  describe("name", () => {
    it.each([
      ["ana lopez", "Ana Lopez"],
      ["Ana from Acme", "Ana"],
      ["hi, it's Bob", "Bob"],
      ["my name is maría josé", "María José"],
      ["Ana de la Cruz here", "Ana de la Cruz"],
    ])("takes %j as the answer to the name question", (text, name) => {
      expect(answer(text, "name").values.name).toBe(name);
    });

    it("reads a name unprompted only after a cue and with a capital", () => {
      expect(answer("call me sam, thanks").values).toEqual({ name: "Sam" });
      expect(answer("I'm interested in the fleet plan").values).toEqual({ plan: "Fleet" });
      expect(answer("this is great").values).toEqual({});
    });

    it("explains an answer that is not a name", () => {
      expect(answer("why do you need that?", "name").invalid).toEqual({
        name: "that doesn't look like a name",
      });
    });
  });

  describe("company", () => {
    it.each([
      ["Acme", "Acme"],
      ["it's Pedal & Co", "Pedal & Co"],
      ["Blue Bottle Coffee, and you can email me at ana@bluebottle.com", "Blue Bottle Coffee"],
    ])("takes the short answer %j to the company question", (text, company) => {
      expect(answer(text, "company").values.company).toBe(company);
    });

    it("reads a company unprompted after a cue", () => {
      expect(answer("I work at blue bottle coffee as a barista").values).toEqual({
        company: "blue bottle coffee",
      });
      expect(answer("our company is called Northwind Traders.").values).toEqual({
        company: "Northwind Traders",
      });
      expect(answer("I'm the CTO at Globex Inc. and we need bikes").values).toMatchObject({
        company: "Globex Inc.",
      });
      expect(answer("we'd start from next month").values).toEqual({ timeline: "1-3 months" });
    });

    it("explains a non-answer", () => {
      expect(answer("I don't have one", "company").invalid).toEqual({
        company: "I didn't catch the company name",
      });
    });
  });

  describe("budget", () => {
    it.each([
      ["5k", 5000],
      ["$12,500", 12500],
      ["around 10 thousand dollars", 10000],
      ["€1.5 million", 1500000],
      ["10-20k", 10000],
      ["between 10k and 20k", 10000],
      ["8000", 8000],
    ])("reads %j as %d", (text, budget) => {
      expect(answer(text, "budget").values.budget).toBe(budget);
    });

    it("needs a currency or a cue when not asked, and skips counts of other things", () => {
      expect(answer("we're 50 people and can spend €8,000").values).toEqual({ budget: 8000 });
      expect(answer("20k budget, 3 months").values).toEqual({ budget: 20000 });
      expect(answer("we are 50 people").values).toEqual({});
    });

    it("explains an answer without an amount", () => {
      expect(answer("not sure yet", "budget").invalid.budget).toStartWith(
        "I couldn't find an amount",
      );
    });
  });

  describe("timeline", () => {
    it.each([
      ["asap", "now"],
      ["next week", "this month"],
      ["in 2 weeks", "this month"],
      ["in 2 months", "1-3 months"],
      ["within a few months", "1-3 months"],
      ["by March", "3-6 months"],
      ["in 5 months", "3-6 months"],
      ["next year", "6+ months"],
      ["not sure", "undecided"],
      ["no rush", "undecided"],
    ])("normalises %j to %s", (text, timeline) => {
      expect(answer(text, "timeline").values.timeline).toBe(timeline);
    });

    it("counts months from today", () => {
      const spring = new Date(2026, 3, 10);
      expect(
        extractSlots("by July", slots, { asking: "timeline", today: spring }).values.timeline,
      ).toBe("1-3 months");
    });

    it("reads its own values back, as a model's answer is checked with them", () => {
      for (const timeline of [
        "now",
        "this month",
        "1-3 months",
        "3-6 months",
        "6+ months",
        "undecided",
      ]) {
        expect(answer(timeline, "timeline").values.timeline).toBe(timeline);
      }
    });

    it("needs an unmistakable phrase when not asked", () => {
      expect(answer("we want to start in 3 weeks").values).toEqual({ timeline: "this month" });
      expect(answer("I'm not sure which plan").values).toEqual({});
    });

    it("explains an answer that is not a time", () => {
      expect(answer("blue", "timeline").invalid.timeline).toStartWith(
        "I couldn't tell when that would be",
      );
    });
  });

  describe("choice", () => {
    it.each([
      ["fleet", "Fleet"],
      ["the ENTERPRISE one", "Enterprise"],
      ["ent", "Enterprise"],
      ["Entreprise", "Enterprise"],
      ["2", "Fleet"],
      ["the first one", "Starter"],
    ])("matches %j to %s", (text, plan) => {
      expect(answer(text, "plan").values.plan).toBe(plan);
    });

    it("lists the choices when the answer matches none or several", () => {
      const invalid = { plan: "please choose one of: Starter, Fleet, Enterprise" };
      expect(answer("banana", "plan").invalid).toEqual(invalid);
      expect(answer("starter or fleet", "plan").invalid).toEqual(invalid);
    });
  });

  describe("number", () => {
    it("reads digits or words in answer to the question", () => {
      expect(answer("about 25", "bikes").values).toEqual({ bikes: 25 });
      expect(answer("twelve", "bikes").values).toEqual({ bikes: 12 });
      expect(answer("lots", "bikes").invalid).toEqual({ bikes: "that doesn't look like a number" });
    });

    it("reads a number unprompted only next to a word from the slot's name", () => {
      const teamSize = slot("team_size", "number");
      expect(answer("we're a team of 12", undefined, [teamSize]).values).toEqual({ team_size: 12 });
      expect(answer("order 12 arrived", undefined, [teamSize]).values).toEqual({});
    });
  });

  describe("text", () => {
    it("takes the whole answer as written, while other slots still read it", () => {
      expect(answer("We need 30 city bikes for staff, budget $40k", "notes").values).toEqual({
        notes: "We need 30 city bikes for staff, budget $40k",
        budget: 40000,
        bikes: 30,
      });
      expect(answer("   ", "notes").invalid).toEqual({ notes: "I didn't catch that" });
    });
  });

  describe("constraints", () => {
    it("applies min, max and pattern with a reason", () => {
      const budget = slot("budget", "budget", { min: 1000, max: 500000 });
      const code = slot("code", "text", { pattern: "^[A-Z]{3}-\\d{3}$" });
      expect(extractSlots("$500", [budget], { asking: "budget" }).invalid).toEqual({
        budget: "the budget must be at least 1,000",
      });
      expect(extractSlots("2 million", [budget], { asking: "budget" }).invalid).toEqual({
        budget: "the budget can be at most 500,000",
      });
      expect(extractSlots("ABC-123", [code], { asking: "code" }).values).toEqual({
        code: "ABC-123",
      });
      expect(extractSlots("abc", [code], { asking: "code" }).invalid).toEqual({
        code: "the code isn't in the format I need",
      });
    });
  });
});
