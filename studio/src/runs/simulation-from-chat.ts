import type { TurnInput, TurnResult } from "@switchboard/engine";
import type { Simulation, SimulationTurn, TurnExpectation } from "@switchboard/engine/schema";

/** A finished turn of the chat panel: what was sent and what the flow did. */
export interface ChatTurnRecord {
  input: TurnInput;
  result?: TurnResult;
}

/** Which expectations to write for each turn; each is what the turn did in the chat. */
export interface ExpectationChoice {
  reply: boolean;
  path: boolean;
  intent: boolean;
  status: boolean;
  quickReplies: boolean;
}

export const ALL_EXPECTATIONS: ExpectationChoice = {
  reply: true,
  path: true,
  intent: true,
  status: true,
  quickReplies: true,
};

/**
 * The chat as a simulation: each turn's input, expecting what the flow did then (a phrase of
 * each reply, the nodes visited, the intent, the status, the quick replies). Turns that failed
 * before a result are left out. Simulations run on the local model unless edited.
 *
 * @example
 * const simulation = simulationFromChat(turns, { name: "Refund question" });
 */
export function simulationFromChat(
  turns: readonly ChatTurnRecord[],
  { name, expect = ALL_EXPECTATIONS }: { name: string; expect?: ExpectationChoice },
): Simulation {
  return {
    name,
    models: ["local"],
    turns: turns
      .filter((turn) => turn.result !== undefined)
      .map((turn) =>
        toSimulationTurn(turn.input, expectationOf(turn.result as TurnResult, expect)),
      ),
  };
}

function toSimulationTurn(input: TurnInput, expect: TurnExpectation): SimulationTurn {
  const withExpect = Object.keys(expect).length > 0 ? { expect } : {};
  switch (input.kind) {
    case "user":
      return { user: input.text, ...withExpect };
    case "agent":
      return { agent: input.text, ...withExpect };
    case "handback":
      return { handback: true, ...withExpect };
    case "close":
      return { close: true, ...withExpect };
  }
}

function expectationOf(result: TurnResult, choice: ExpectationChoice): TurnExpectation {
  const expect: TurnExpectation = {};
  const phrases = result.replies.map((reply) => keyPhrase(reply.text)).filter(Boolean);
  if (choice.reply && phrases.length > 0) expect.reply = { contains: phrases };
  if (choice.intent && result.intent) expect.intent = result.intent.name;
  if (choice.path && result.visited.length > 0) expect.visited = result.visited;
  if (choice.status) expect.status = result.status;
  if (result.handoff && choice.status) expect.handoff = result.handoff.status;
  const titles = result.replies.flatMap((reply) => reply.quickReplies?.map((q) => q.title) ?? []);
  if (choice.quickReplies && titles.length > 0) expect.quickReplies = titles;
  return expect;
}

const MAX_PHRASE = 60;

/**
 * A reply's first sentence, cut at a word to at most 60 characters: specific enough to catch a
 * wrong answer, short enough to survive small rewording of the rest.
 */
export function keyPhrase(text: string): string {
  const sentence = (text.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? "").trim();
  if (sentence.length <= MAX_PHRASE) return sentence;
  const cut = sentence.slice(0, MAX_PHRASE + 1);
  const lastSpace = cut.lastIndexOf(" ");
  return (lastSpace > 20 ? cut.slice(0, lastSpace) : cut.slice(0, MAX_PHRASE)).trim();
}

/** `base`, or `base (2)`, `base (3)`… whichever no simulation has yet. */
export function uniqueSimulationName(existing: readonly { name: string }[], base: string): string {
  const taken = new Set(existing.map((simulation) => simulation.name));
  const trimmed = base.trim() || "Conversation";
  if (!taken.has(trimmed)) return trimmed;
  for (let n = 2; ; n++) if (!taken.has(`${trimmed} (${n})`)) return `${trimmed} (${n})`;
}
