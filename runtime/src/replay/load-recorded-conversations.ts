import type { Kysely } from "kysely";
import {
  listRecordedSessions,
  listRecordedTurns,
  type RecordedConversation,
  type RecordedSessionFilter,
} from "../conversations/index.ts";
import type { Tables } from "../db/index.ts";

/** How a conversation stood after its last recorded turn. */
export type ConversationOutcome = "ended" | "handoff" | "waiting" | "failed";

export interface ConversationSelection extends Omit<RecordedSessionFilter, "limit" | "after"> {
  /** How many of the latest conversations. */
  last: number;
  outcome?: ConversationOutcome;
}

const PAGE = 200;

function outcomeOf({ turns }: RecordedConversation): ConversationOutcome | undefined {
  return turns.at(-1)?.recording.outcome.status;
}

/**
 * The latest recorded conversations of a flow that match the selection, the latest first: read
 * a page of sessions at a time, so an outcome filter still finds `last` of them.
 *
 * @example
 * await loadRecordedConversations(db, { flowId: "support", last: 500, channel: "whatsapp" });
 */
export async function loadRecordedConversations(
  db: Kysely<Tables>,
  { last, outcome, ...filter }: ConversationSelection,
): Promise<RecordedConversation[]> {
  const found: RecordedConversation[] = [];
  let after: RecordedSessionFilter["after"];
  while (found.length < last) {
    const sessions = await listRecordedSessions(db, {
      ...filter,
      limit: outcome ? PAGE : Math.min(PAGE, last - found.length),
      after,
    });
    if (sessions.length === 0) break;
    const turns = await listRecordedTurns(
      db,
      sessions.map((session) => session.sessionId),
    );
    for (const session of sessions) {
      const conversation = { session, turns: turns.get(session.sessionId) ?? [] };
      if (found.length < last && (!outcome || outcomeOf(conversation) === outcome))
        found.push(conversation);
    }
    after = sessions.at(-1);
  }
  return found;
}
