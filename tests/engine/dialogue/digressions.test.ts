import { describe, expect, it } from "bun:test";
import { validateFlow } from "@switchboard/engine";
import { conversationsOf, conversationsWith, said } from "../helpers/conversation.ts";
import { flowOf } from "../helpers/flow-of.ts";

const support = await conversationsWith("support.flow.json");
const suporte = await conversationsWith("suporte.flow.json");

async function askedForCompany() {
  const say = support();
  await say("We'd like a quote for 15 e-bikes for our courier company");
  await say("Ana Lopez");
  await say("ana@acme.io");
  return say;
}

describe("digressions while a sales node waits for a slot", () => {
  it("answers a question from the knowledge base, then asks for the same slot again", async () => {
    const say = await askedForCompany();
    const turn = await say("What's your return policy?");
    expect(turn.status).toBe("waiting");
    expect(turn.visited).toEqual(["sales"]);
    const [answer, back] = turn.replies.map((reply) => reply.text);
    expect(answer).toContain("within 30 days");
    expect(back).toBe(
      "Now, back to where we were: Which company or organisation are the bikes for?",
    );
    const next = await say("Acme Couriers");
    expect(next.vars.lead).toMatchObject({ company: "Acme Couriers" });
  });

  it("does not count a digression as a failed answer", async () => {
    const say = await askedForCompany();
    await say("Do you offer financing?");
    await say("How long does delivery take?");
    await say("Is there a restocking fee?");
    const turn = await say("Acme Couriers");
    expect(turn.vars.lead).toMatchObject({ company: "Acme Couriers" });
  });

  it("answers a question the classifier files under the form's own intent", async () => {
    const say = support();
    await say("We'd like a quote for 15 e-bikes for our courier company");
    const turn = await say("what's the warranty on the fleet bikes?");
    // Answered from the knowledge base (which passage is retrieval's call), not failed as a name.
    expect(said(turn)).not.toContain("doesn't look like a name");
    expect(said(turn)).toContain("Now, back to where we were: Great, our Voltra for Business team");
    const next = await say("Emily Stone");
    expect(next.vars.lead).toMatchObject({ name: "Emily Stone" });
  });

  it("keeps the form when the user only says thanks", async () => {
    const say = await askedForCompany();
    const thanks = await say("thanks");
    expect(thanks.status).toBe("waiting");
    expect(said(thanks)).toContain("Which company");
    const turn = await say("Acme Couriers");
    expect(turn.vars.lead).toMatchObject({ company: "Acme Couriers", fleet_size: 15 });
  });

  it("hands off by the node's handoff branch", async () => {
    const say = await askedForCompany();
    const turn = await say("I want to talk to a human");
    expect(turn.status).toBe("handoff");
    expect(turn.handoff?.status).toBe("open");
  });

  it("stops the form, says so, and forgets where it was", async () => {
    const say = await askedForCompany();
    const stopped = await say("never mind");
    expect(said(stopped)).toContain("I've stopped the fleet quote");
    const after = await say("what time do you open on Saturday?");
    expect(after.visited).toEqual(["classify", "faq"]);
  });

  it("takes a company named after what it does as the company, not as a question about it", async () => {
    const say = await askedForCompany();
    const turn = await say("Express Delivery Couriers");
    expect(turn.vars.lead).toMatchObject({ company: "Express Delivery Couriers" });
    const portuguese = suporte();
    await portuguese("precisamos de 20 bikes pra nossa empresa de entregas");
    await portuguese("Maria Souza");
    await portuguese("qual o prazo de entrega?");
    await portuguese("maria@rapido.com.br");
    const company = await portuguese("Rapido Entregas");
    expect(company.vars.lead).toMatchObject({ empresa: "Rapido Entregas" });
  });

  it("answers a question asked without a question mark instead of taking it as the answer", async () => {
    const say = await askedForCompany();
    const turn = await say("how long does delivery take");
    expect(turn.vars.lead).not.toHaveProperty("company");
    expect(said(turn)).toContain("business days");
  });

  it("takes a clear answer to a precise slot as the answer, whatever the classifier says", async () => {
    const say = support();
    await say("We'd like a quote for 15 e-bikes for our courier company");
    const turn = await say("my email is ana@acme.io, can you send it there?");
    expect(turn.vars.lead).toMatchObject({ email: "ana@acme.io" });
  });

  it("leaves a flow without digressions as it was: the message is the answer", async () => {
    const flow = flowOf({
      entry: "form",
      nodes: [
        {
          id: "form",
          type: "sales",
          config: {
            slots: [{ name: "company", kind: "company", ask: "Which company?" }],
            qualify: { when: "true" },
          },
        },
        { id: "done", type: "end", config: { text: "Thanks {{lead.company}}" } },
      ],
      edges: [
        { source: "form", target: "done", branch: "qualified" },
        { source: "form", target: "done", branch: "not_qualified" },
      ],
    });
    const say = conversationsOf(flow)();
    await say("hello");
    const turn = await say("Acme");
    expect(said(turn)).toBe("Thanks Acme");
  });
});

describe("the digressions option", () => {
  it("requires edges for the branches its actions take", () => {
    const result = validateFlow({
      id: "t",
      name: "T",
      version: 1,
      entry: "route",
      nodes: [
        {
          id: "route",
          type: "classify",
          config: {
            threshold: 0.4,
            intents: [{ name: "human", description: "A person", examples: ["a person"] }],
          },
        },
        {
          id: "form",
          type: "sales",
          config: {
            slots: [{ name: "name", kind: "name" }],
            qualify: { when: "true" },
            digressions: {
              classifier: "route",
              handle: [{ action: "handoff", intents: ["human", "nobody"] }],
            },
          },
        },
        { id: "done", type: "end", config: { text: "Bye" } },
      ],
      edges: [
        { source: "route", target: "form", branch: "human" },
        { source: "route", target: "done", branch: "fallback" },
        { source: "form", target: "done", branch: "qualified" },
        { source: "form", target: "done", branch: "not_qualified" },
      ],
    });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((problem) => problem.message);
    expect(messages.join("\n")).toContain("handoff");
    expect(messages.join("\n")).toContain('Intent "nobody" is not one of classifier "route"');
  });
});
