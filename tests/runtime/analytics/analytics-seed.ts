import type { Kysely } from "kysely";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import { saveFeedback } from "../../../runtime/src/conversations/feedback.repository.ts";
import { addMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import type { RunOutcome } from "../../../runtime/src/conversations/run.table.ts";
import { recordRun } from "../../../runtime/src/conversations/runs.repository.ts";
import { findOrStartSession } from "../../../runtime/src/conversations/sessions.repository.ts";
import type { Tables } from "../../../runtime/src/db/tables.ts";

interface SeedTurn {
  question: string;
  outcome: RunOutcome;
  intent?: string;
  score?: number;
  /** The turn's trace in Langfuse, as a run records it when tracing is on. */
  traceUrl?: string;
}

interface SeedConversation {
  chatId: string;
  flowId: string;
  flowVersion: number;
  day: string;
  turns: SeedTurn[];
  /** A human agent's reply after the turns: a run with no outcome, which counts as no turn. */
  agentTurn?: boolean;
}

/** The one seeded turn that was traced: chat-ana's first. */
export const SEEDED_TRACE_URL = "https://langfuse.example.com/project/p/traces/seeded-trace";

/**
 * Five conversations on 2 and 3 March 2026 (support v1 and v2, sales v1) and one a week later.
 * Over the two days: 5 conversations, 1 handed off (containment 0.8), 10 turns with 2 fallbacks
 * and 1 no-answer, 2 turns per conversation, 3 ratings (2 up, 1 down); intents question ×3, buy,
 * greeting, human; unanswered "what is the meaning of life?" ×2 and "do you ship to mars?".
 */
const SEEDED: SeedConversation[] = [
  {
    chatId: "chat-ana",
    flowId: "support",
    flowVersion: 1,
    day: "2026-03-02",
    turns: [
      {
        question: "How do I reset my password?",
        outcome: "answered",
        intent: "question",
        score: 1,
        traceUrl: SEEDED_TRACE_URL,
      },
      { question: "What is the meaning of life?", outcome: "fallback" },
      { question: "I want to buy a bike", outcome: "answered", intent: "buy" },
    ],
  },
  {
    chatId: "chat-bo",
    flowId: "support",
    flowVersion: 1,
    day: "2026-03-02",
    turns: [
      { question: "Do you ship to Mars?", outcome: "no_answer", intent: "question", score: -1 },
      { question: "Let me talk to a person", outcome: "handoff", intent: "human" },
    ],
    agentTurn: true,
  },
  {
    chatId: "chat-cy",
    flowId: "support",
    flowVersion: 2,
    day: "2026-03-03",
    turns: [
      { question: "  what is the meaning of LIFE? ", outcome: "fallback" },
      { question: "hello", outcome: "answered", intent: "greeting" },
    ],
  },
  {
    chatId: "chat-di",
    flowId: "support",
    flowVersion: 2,
    day: "2026-03-03",
    turns: [{ question: "Opening hours?", outcome: "answered", intent: "question", score: 1 }],
  },
  {
    chatId: "chat-ed",
    flowId: "sales",
    flowVersion: 1,
    day: "2026-03-03",
    turns: [
      { question: "Prices?", outcome: "answered" },
      { question: "And for kids?", outcome: "failed" },
    ],
  },
  {
    chatId: "chat-later",
    flowId: "support",
    flowVersion: 1,
    day: "2026-03-10",
    turns: [{ question: "Out of range", outcome: "handoff", intent: "human" }],
  },
];

/** Stores the `SEEDED` conversations as the turn runner would have: messages, runs, feedback. */
export async function seedConversations(db: Kysely<Tables>): Promise<void> {
  for (const { chatId, flowId, flowVersion, day, turns, agentTurn } of SEEDED) {
    const at = (minute: number) => new Date(`${day}T10:${String(minute).padStart(2, "0")}:00Z`);
    await createChat(db, { id: chatId, userId: `user-${chatId}`, channel: "web" }, at(0));
    const session = await findOrStartSession(
      db,
      chatId,
      async () => ({ flowId, flowVersion }),
      at(0),
    );
    const run = { chatId, threadId: session.id, flowId, flowVersion, durationMs: 5 };
    for (const [index, turn] of turns.entries()) {
      const [message] = await addMessages(
        db,
        chatId,
        [{ role: "user", content: turn.question, sessionId: session.id }],
        at(index * 2 + 1),
      );
      if (!message) throw new Error("addMessages stored no message");
      await recordRun(db, {
        ...run,
        status: turn.outcome === "failed" ? "failed" : "completed",
        error: null,
        startedAt: at(index * 2 + 1).toISOString(),
        messageId: message.messageId,
        outcome: turn.outcome,
        intent: turn.intent ?? null,
        traceUrl: turn.traceUrl ?? null,
      });
      if (turn.score !== undefined)
        await saveFeedback(
          db,
          { messageId: message.messageId, chatId, score: turn.score, comment: null },
          at(30),
        );
    }
    if (agentTurn)
      await recordRun(db, {
        ...run,
        status: "interrupted",
        error: null,
        startedAt: at(40).toISOString(),
      });
  }
}
