import type { Simulation, SimulationTurn, TurnExpectation, TurnInput } from "@switchboard/engine";
import type { RecordedOutcome } from "../conversations/index.ts";
import type { ConversationReplay } from "./replay-conversation.ts";

function turnOf(input: TurnInput, expect: TurnExpectation): SimulationTurn {
  switch (input.kind) {
    case "user":
      return { user: input.text, expect };
    case "agent":
      return { agent: input.text, expect };
    case "handback":
      return { handback: true, expect };
    case "close":
      return { close: true, expect };
  }
}

/** What the replayed turn did, as a simulation expects it: replies, intent, path, handoff, status. */
function expectationOf(outcome: RecordedOutcome): TurnExpectation {
  const replies = outcome.replies.filter((reply) => reply.author === "bot").map((r) => r.text);
  return {
    ...(replies.length > 0 ? { reply: { contains: replies } } : {}),
    ...(outcome.intent ? { intent: outcome.intent.name } : {}),
    visited: outcome.path,
    handoff: outcome.handoff?.status ?? "none",
    status: outcome.status,
  };
}

/**
 * A simulation of a replayed conversation that expects what the replay did: accepting a
 * replay's changes makes them the new expectations, checked by `switchboard simulate` from then on.
 *
 * @example await simulationFiles.add(flowId, simulationFromReplay(replay, "refund asked twice"));
 */
export function simulationFromReplay(replay: ConversationReplay, name: string): Simulation {
  return {
    name,
    description: `Replayed from conversation ${replay.chatId} (session ${replay.sessionId}, version ${replay.recordedVersion}).`,
    models: ["local"],
    turns: replay.turns.map((turn) => turnOf(turn.input, expectationOf(turn.replayed))),
  };
}
