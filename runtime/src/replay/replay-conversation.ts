import { type FlowGraph, runTurn, type TurnInput, type TurnResult } from "@switchboard/engine";
import type { RecordedConversation } from "../conversations/index.ts";
import { failedOutcome, outcomeOf, type RecordedOutcome } from "../conversations/index.ts";
import { CHANGE_KINDS, type ChangeKind, diffTurn } from "./diff-turn.ts";
import { currentRecordings, type ModelAnswers, replayRecordings } from "./replay-recordings.ts";
import type { ReplayTarget } from "./replay-target.ts";

/** One turn, as recorded and as replayed, with what changed. */
export interface ReplayedTurn {
  index: number;
  input: TurnInput;
  recorded: RecordedOutcome;
  replayed: RecordedOutcome;
  changes: ChangeKind[];
  divergedAt: string | null;
}

/** A recorded conversation replayed against a version, turn by turn. */
export interface ConversationReplay {
  sessionId: string;
  chatId: string;
  channel: string;
  flowId: string;
  /** The version the conversation ran on. */
  recordedVersion: number;
  /** The version it was replayed against; null for the draft. */
  targetVersion: number | null;
  turns: ReplayedTurn[];
  /** Every kind of change of its turns, in the order of `CHANGE_KINDS`. */
  changes: ChangeKind[];
  /** The first turn that changed (from 0) and its first node that behaved differently. */
  firstDivergence: { turn: number; nodeId: string | null } | null;
  /** How chat model calls were answered: recorded answers reused, or the model called. */
  modelAnswers: { reused: number; called: number };
}

/** Runs a replayed turn; the server's turn runner passes its own, so drains wait for replays. */
export type PlayTurn = (
  graph: FlowGraph,
  threadId: string,
  input: TurnInput,
) => Promise<TurnResult>;

export interface ReplayOptions {
  models: ModelAnswers;
  play?: PlayTurn;
}

const playAlone: PlayTurn = (graph, threadId, input) => runTurn(graph, threadId, input);

/**
 * Replays a recorded conversation against a version: the user's messages and the human agent's
 * actions, in order, on a throwaway thread in memory. A turn the version refuses or fails is
 * compared as failed, and the replay goes on with the next.
 *
 * @example
 * const replay = await replayConversation(target, conversation, { models: "recorded" });
 * replay.firstDivergence // { turn: 1, nodeId: "classify" }
 */
export async function replayConversation(
  target: ReplayTarget,
  { session, turns: recorded }: RecordedConversation,
  { models, play = playAlone }: ReplayOptions,
): Promise<ConversationReplay> {
  const recordings = replayRecordings(
    recorded.map((turn) => turn.recording),
    models,
  );
  const threadId = `replay:${crypto.randomUUID()}`;
  const turns: ReplayedTurn[] = [];
  try {
    await currentRecordings.run(recordings, async () => {
      for (const [index, { recording }] of recorded.entries()) {
        const replayed = await play(target.graph, threadId, recording.input).then(
          outcomeOf,
          failedOutcome,
        );
        turns.push({
          index,
          input: recording.input,
          recorded: recording.outcome,
          replayed,
          ...diffTurn(recording.outcome, replayed),
        });
      }
    });
  } finally {
    await target.graph.checkpointer.deleteThread(threadId);
  }
  const changed = new Set(turns.flatMap((turn) => turn.changes));
  const first = turns.find((turn) => turn.changes.length > 0);
  return {
    sessionId: session.sessionId,
    chatId: session.chatId,
    channel: session.channel,
    flowId: session.flowId,
    recordedVersion: session.flowVersion,
    targetVersion: target.version,
    turns,
    changes: CHANGE_KINDS.filter((kind) => changed.has(kind)),
    firstDivergence: first ? { turn: first.index, nodeId: first.divergedAt } : null,
    modelAnswers: { ...recordings.answers },
  };
}
