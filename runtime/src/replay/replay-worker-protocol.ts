import type { ModelCatalog } from "@switchboard/engine";
import type { RecordedConversation } from "../conversations/index.ts";
import type { ConversationReplay } from "./replay-conversation.ts";
import type { ModelAnswers } from "./replay-recordings.ts";
import type { ReplaySource } from "./replay-target.ts";

/** What the server sends the replay worker: the version, and the conversations to replay on it. */
export interface ReplayWorkerRequest {
  source: ReplaySource;
  catalog: ModelCatalog;
  flowsDir: string;
  models: ModelAnswers;
  concurrency: number;
  conversations: RecordedConversation[];
}

/** What the worker answers: each conversation as it is replayed, then the end. */
export type ReplayWorkerMessage =
  | { type: "replayed"; replay: ConversationReplay }
  | { type: "done" }
  | { type: "failed"; message: string };
