import { AsyncLocalStorage } from "node:async_hooks";
import type {
  RecordedHttpResponse,
  RecordedModelAnswer,
  TurnRecording,
} from "../conversations/index.ts";

/**
 * What a replay does with a chat model call: `recorded` reuses the recorded answer where the
 * prompt sent is unchanged and fails the call otherwise (deterministic and free); `call` asks
 * the model where no recorded answer fits.
 */
export type ModelAnswers = "recorded" | "call";

/** The recordings one conversation's replay draws on, as its turns run. */
export interface ReplayRecordings {
  models: ModelAnswers;
  /** A recorded answer to this prompt, each used once, in the order they were recorded. */
  takeAnswer(promptHash: string): RecordedModelAnswer | undefined;
  /** The first unused recorded response to this request. */
  takeResponse(method: string, url: string): RecordedHttpResponse | undefined;
  /** How the conversation's model calls were answered. */
  readonly answers: { reused: number; called: number };
}

/** The recordings of a conversation's turns, gathered for its replay. */
export function replayRecordings(
  recordings: TurnRecording[],
  models: ModelAnswers,
): ReplayRecordings {
  const answers = new Map<string, RecordedModelAnswer[]>();
  for (const answer of recordings.flatMap((recording) => recording.modelAnswers)) {
    const same = answers.get(answer.promptHash) ?? [];
    same.push(answer);
    answers.set(answer.promptHash, same);
  }
  const responses = recordings.flatMap((recording) => recording.httpResponses);
  const counts = { reused: 0, called: 0 };
  return {
    models,
    answers: counts,
    takeAnswer(hash) {
      const same = answers.get(hash);
      // The last one stays: a prompt asked again more often than recorded gets the same answer.
      const answer = same && same.length > 1 ? same.shift() : same?.[0];
      if (answer) counts.reused++;
      return answer;
    },
    takeResponse(method, url) {
      const index = responses.findIndex(
        (response) => response.method === method && response.url === url,
      );
      return index === -1 ? undefined : responses.splice(index, 1)[0];
    },
  };
}

/**
 * The recordings of the conversation being replayed. A replay target's graph is compiled once
 * and shared by every conversation of a job, so its models and fetch find the conversation
 * through async context.
 */
export const currentRecordings = new AsyncLocalStorage<ReplayRecordings>();
