import type { Database } from "../db/index.ts";
import type { GraphApiClient } from "./graph-api-client.ts";
import { actionOf, type MessageAction } from "./message-action.ts";
import { markRead, sendOutgoing } from "./send-outgoing.ts";
import { type OutgoingReply, toGraphMessages } from "./to-graph-messages.ts";
import type { TurnGate } from "./turn-gate.ts";
import type { IncomingMessage } from "./webhook-types.ts";
import type { InboxMessage } from "./whatsapp.table.ts";
import { rememberContact, setContactChat } from "./whatsapp-contacts.repository.ts";
import { userIdOf, type WhatsAppConversations } from "./whatsapp-conversations.ts";
import {
  findIncomingRows,
  finishIncoming,
  markIncomingCommitted,
  startIncoming,
} from "./whatsapp-inbox.repository.ts";
import { listTurnOutgoing, queueOutgoing } from "./whatsapp-outbox.repository.ts";
import type { WhatsAppSettings } from "./whatsapp-settings.ts";

/** An inbox row and the message it holds. */
export interface IncomingJob {
  row: InboxMessage;
  message: IncomingMessage;
}

export interface MessageAnswererOptions {
  database: Database;
  settings: WhatsAppSettings;
  graph: GraphApiClient;
  conversations: WhatsAppConversations;
  /** Admits the turns. */
  gate: TurnGate;
  onChat?: (chatId: string) => void;
}

/**
 * Answers a phone's messages taken from the inbox together (one, or a merged burst) as one turn:
 * marks them read, runs the turn (or answers a reset, a message it can't read, or nothing),
 * sends the replies (queued in the commit that stores the turn) and records the outcome. A
 * committed turn is never run again, whether a restart or a database error interrupted it after:
 * what is left of its replies is sent.
 *
 * @example
 * const answer = createMessageAnswerer({ database, settings, graph, conversations });
 * await answer("16505551234", [{ row, message }]);
 */
export function createMessageAnswerer({
  database: { db },
  settings,
  graph,
  conversations,
  gate,
  onChat,
}: MessageAnswererOptions): (waId: string, jobs: IncomingJob[]) => Promise<void> {
  return async (waId, jobs) => {
    const wamids = jobs.map((job) => job.row.wamid);
    // As stored now: a retry after a database error, or a restart, may find the turn committed.
    const rows = await findIncomingRows(db, wamids);
    const resumed = rows[0]?.turnId ?? null;
    if (resumed) {
      // The turn was committed (with its replies queued in the same commit), or a restart found
      // its replies queued: send what is left, never run it again.
      const queued = await listTurnOutgoing(db, resumed);
      if (queued.length > 0 || rows[0]?.chatId) {
        const unsent = queued.filter((row) => row.status === "queued" || row.status === "sending");
        const failed = queued.find((row) => row.status === "failed")?.error ?? undefined;
        const failure = failed ?? (await sendOutgoing(db, graph, unsent, settings.retryWindowMs));
        await finishIncoming(
          db,
          wamids,
          failure ? { status: "failed", error: failure } : { status: "replied" },
        );
        return;
      }
    }
    const turnId = resumed ?? crypto.randomUUID();
    await startIncoming(db, wamids, turnId);
    // The blue ticks needn't wait for the turn.
    const reading = Promise.all(wamids.map((wamid) => markRead(db, graph, wamid)));
    const profileName = rows.findLast((row) => row.profileName !== null)?.profileName ?? null;
    const contact = await rememberContact(db, waId, profileName);
    const action = mergedAction(jobs.map((job) => job.message));
    if (action.kind === "ignore") {
      await reading;
      await finishIncoming(db, wamids, { status: "ignored", error: action.reason });
      return;
    }

    let chatId = contact.chatId;
    let replies: OutgoingReply[];
    let failure: string | undefined;
    let committed = false;
    const outgoingOf = (chat: string | null, answers: OutgoingReply[]) =>
      answers
        .flatMap((reply) => toGraphMessages(waId, reply, settings))
        .map((body) => ({ turnId, chatId: chat, waId, body }));
    try {
      if (action.kind === "unsupported") replies = [{ text: settings.unsupportedReply }];
      else if (action.kind === "reset") {
        if (chatId) await conversations.reset(chatId, userIdOf(waId));
        replies = [{ text: settings.resetReply }];
      } else {
        const outcome = await gate.run(() =>
          conversations.respond({
            waId,
            userId: userIdOf(waId),
            profileName: contact.profileName,
            chatId,
            text: action.text,
            wamid: wamids.at(-1) ?? turnId,
            // The turn, its outgoing messages and the inbox's note of it: one commit.
            onCommit: async (trx, turn) => {
              const waiting = turn.handoffOpened ? [{ text: settings.stateTexts.waiting }] : [];
              await queueOutgoing(trx, outgoingOf(turn.chatId, [...turn.replies, ...waiting]));
              await markIncomingCommitted(trx, wamids, turn.chatId);
              committed = true;
            },
          }),
        );
        if (outcome.chatId !== chatId) await setContactChat(db, waId, outcome.chatId);
        chatId = outcome.chatId;
        replies = outcome.replies;
        if (outcome.failure) {
          failure = `The turn failed: ${outcome.failure}`;
          replies = [...replies, { text: settings.failureReply }];
        }
      }
    } catch (error) {
      failure = `The turn failed: ${error instanceof Error ? error.message : String(error)}`;
      console.error(`WhatsApp: the turn of ${wamids.join(", ")} failed:`, error);
      replies = [{ text: settings.failureReply }];
    }
    if (chatId) onChat?.(chatId);

    // A committed turn's replies were queued in its commit; anything else's are queued now.
    const queued = committed
      ? (await listTurnOutgoing(db, turnId)).filter((row) => row.status === "queued")
      : await queueOutgoing(db, outgoingOf(chatId, replies));
    const sendFailure = await sendOutgoing(db, graph, queued, settings.retryWindowMs);
    await reading;
    const error = failure ?? sendFailure;
    await finishIncoming(
      db,
      wamids,
      error ? { status: "failed", error, chatId } : { status: "replied", chatId },
    );
  };
}

/** One action for a batch: its texts joined by line breaks, or the action of its one message. */
function mergedAction(messages: IncomingMessage[]): MessageAction {
  const actions = messages.map(actionOf);
  if (actions.length === 1 || actions.some((action) => action.kind !== "turn"))
    return actions[0] ?? { kind: "ignore", reason: "an empty batch" };
  return {
    kind: "turn",
    text: actions.map((action) => (action.kind === "turn" ? action.text : "")).join("\n"),
  };
}
