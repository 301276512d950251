import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { Kysely } from "kysely";
import { listRecordedTurns } from "../conversations/index.ts";
import type { Tables } from "../db/index.ts";
import { AppError } from "../errors.ts";

/** A studio thread that goes on from a recorded conversation's turn. */
export interface Fork {
  /** The studio's `thread_id` for test turns of the flow. */
  threadId: string;
  /** The recorded turns the fork holds, for the chat panel to show. */
  turns: number;
}

const config = (threadId: string, checkpointId?: string) => ({
  configurable: {
    thread_id: threadId,
    checkpoint_ns: "",
    ...(checkpointId ? { checkpoint_id: checkpointId } : {}),
  },
});

/**
 * Copies the conversation's checkpoint as it stood after turn `turn` (from 0) into a new studio
 * test thread of its flow, so the chat panel continues it against the draft. The live thread
 * is only read. Its checkpoint is the last one written before the next turn started.
 *
 * @throws AppError `not_found` when the session has no such recorded turn, or its checkpoints
 *   were pruned by retention.
 */
export async function forkConversation(
  db: Kysely<Tables>,
  saver: BaseCheckpointSaver,
  { sessionId, flowId, turn }: { sessionId: string; flowId: string; turn: number },
): Promise<Fork> {
  const turns = (await listRecordedTurns(db, [sessionId])).get(sessionId) ?? [];
  if (turn < 0 || turn >= turns.length)
    throw new AppError(
      "not_found",
      `Session ${sessionId} has ${turns.length} recorded turn(s); there is no turn ${turn + 1}.`,
    );
  const nextStart = turns[turn + 1]?.startedAt;
  let found: Awaited<ReturnType<BaseCheckpointSaver["getTuple"]>>;
  for await (const tuple of saver.list(config(sessionId))) {
    if (nextStart === undefined || tuple.checkpoint.ts < nextStart) {
      found = tuple;
      break;
    }
  }
  if (!found)
    throw new AppError(
      "not_found",
      `The checkpoints of session ${sessionId} are gone (pruned by retention); it can be replayed but not forked.`,
    );
  const forkId = `fork-${crypto.randomUUID()}`;
  const threadId = `studio:${flowId}:${forkId}`;
  const written = await saver.put(
    config(threadId),
    found.checkpoint,
    found.metadata ?? { source: "fork", step: 0, parents: {} },
    found.checkpoint.channel_versions,
  );
  // A conversation waiting for a human agent waits on its pending interrupt: it goes along.
  const byTask = new Map<string, [string, unknown][]>();
  for (const [taskId, channel, value] of found.pendingWrites ?? [])
    byTask.set(taskId, [...(byTask.get(taskId) ?? []), [channel, value]]);
  for (const [taskId, writes] of byTask) await saver.putWrites(written, writes, taskId);
  return { threadId: forkId, turns: turn + 1 };
}
