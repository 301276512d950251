import { describe, expect, it } from "bun:test";
import { conversationsWith, said } from "../helpers/conversation.ts";

// Every message of the report that `npm start` misrouted (issue 20), tried again on the example
// flows as a new user would send them.
const english = await conversationsWith("support.flow.json");
const portuguese = await conversationsWith("suporte.flow.json");

/** Starts a fleet lead and answers up to (not including) the slot `until`. */
async function leadUpTo(until: "company" | "fleet_size" | "budget" | "timeline") {
  const say = english();
  await say("We want to buy e-bikes for our company's delivery team");
  await say("Ana Lopez");
  await say("ana@acme.io");
  if (until === "company") return say;
  await say("Acme Deliveries");
  if (until === "fleet_size") return say;
  await say("12");
  if (until === "budget") return say;
  await say("$20,000");
  return say;
}

describe("the support flow, on the messages of issue 20", () => {
  it('takes "in two weeks" in the middle of the lead questions as the timeline, not as a request for a person', async () => {
    const say = await leadUpTo("timeline");
    const turn = await say("in two weeks");
    expect(turn.status).not.toBe("handoff");
    expect(turn.vars.lead).toMatchObject({ timeline: "this month", qualified: true });
    expect(said(turn)).toContain("account manager will call you");
  });

  it('takes "in two weeks" as the timeline even while it asks for the budget', async () => {
    const say = await leadUpTo("budget");
    const turn = await say("in two weeks");
    expect(turn.status).toBe("waiting");
    expect(turn.vars.lead).toMatchObject({ timeline: "this month" });
  });

  it('routes "I run a pizza place and need 8 delivery e-bikes" to the fleet questions with 8 bikes', async () => {
    const turn = await english()("I run a pizza place and need 8 delivery e-bikes");
    expect(turn.intent?.name).toBe("buy");
    expect(turn.visited).toContain("sales");
    expect(turn.vars.lead).toMatchObject({ fleet_size: 8 });
  });

  it("reads chat spellings: a question about the bikes is not a fleet quote", async () => {
    const turn = await english()("wat bikes do u sell");
    expect(turn.visited).toContain("faq");
    expect(said(turn)).toContain("We sell four e-bikes");
    const pt = await portuguese()("n recebi meu pedido ainda");
    expect(said(pt)).toContain("código de rastreio");
  });

  it('greets back on "helo"', async () => {
    const turn = await english()("helo");
    expect(turn.visited).toContain("greeting");
    expect(said(turn)).toContain("welcome to Voltra Bikes");
  });

  it("answers order status, cancelling an order and buying one bike for oneself from the FAQ", async () => {
    const say = english();
    const status = await say("where is my order?");
    expect(status.visited).toContain("faq");
    expect(said(status)).toContain("FedEx tracking link");
    const cancel = await say("cancel my order");
    expect(cancel.visited).toContain("faq");
    expect(said(cancel)).toContain("cancelled free of charge");
    const single = await say("I want to buy one bike for myself");
    expect(single.visited).toContain("faq");
    expect(said(single)).toContain("voltrabikes.com");
  });

  it('stores 25 bikes, not 4, from "looking 4 fleet pricing for 25 bikes"', async () => {
    const turn = await english()("looking 4 fleet pricing for 25 bikes");
    expect(turn.visited).toContain("sales");
    expect(turn.vars.lead).toMatchObject({ fleet_size: 25 });
  });

  it('does not take "50k", a budget, as the number of bikes, and says why', async () => {
    const say = await leadUpTo("fleet_size");
    const turn = await say("50k");
    expect(turn.vars.lead).not.toHaveProperty("fleet_size");
    expect(said(turn)).toContain("the fleet size can be at most 1,000");
  });

  it('rejects the name "asdf" and says why', async () => {
    const say = english();
    await say("We want to buy e-bikes for our company's delivery team");
    const turn = await say("asdf");
    expect(said(turn)).toContain("that doesn't look like a name");
    expect(turn.vars.lead).not.toHaveProperty("name");
  });

  it("rejects a budget of $25 naming the budget as the problem", async () => {
    const say = await leadUpTo("budget");
    const turn = await say("$25");
    expect(said(turn)).toContain("the budget must be at least 500");
    expect(turn.vars.lead).not.toHaveProperty("budget");
  });

  it("blames the budget, not the bike count, when the budget is why the lead does not qualify", async () => {
    const say = await leadUpTo("budget");
    await say("$2,000");
    const turn = await say("next month");
    expect(turn.visited).toContain("lead_budget");
    expect(said(turn)).toContain("budget of about $5,000");
    expect(said(turn)).not.toContain("starts at 5 bikes");
  });

  it('answers both questions of "How much is the cargo bike and can I pay monthly?"', async () => {
    const turn = await english()("How much is the cargo bike and can I pay monthly?");
    expect(said(turn)).toContain("$3,499");
    expect(said(turn)).toContain("0% APR");
  });

  it("hands off when the user asks for a person in the middle of the lead questions", async () => {
    const say = await leadUpTo("company");
    const turn = await say("can I talk to a real person please?");
    expect(turn.status).toBe("handoff");
    expect(turn.visited).toContain("escalate");
  });
});

describe("the Portuguese support flow, on Portuguese and Spanish messages", () => {
  it("answers Portuguese in Portuguese, from its own knowledge base", async () => {
    const turn = await portuguese()("Qual é a política de devolução?");
    expect(said(turn)).toContain("30 dias");
  });

  it("answers Spanish, with the engine's own texts in Spanish", async () => {
    const say = portuguese();
    const question = await say("¿Cuánto cuesta la bici de carga y puedo pagar en cuotas?");
    expect(said(question)).toContain("Y sobre tu otra pregunta");
    const lead = await say("Necesito 12 bicis de reparto para mi restaurante");
    expect(said(lead)).toContain("¿Cómo te llamas?");
  });
});
