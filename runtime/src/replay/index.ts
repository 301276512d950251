export {
  type ConversationOutcome,
  loadRecordedConversations,
} from "./load-recorded-conversations.ts";
export type { ConversationReplay } from "./replay-conversation.ts";
export { replayMany } from "./replay-many.ts";
export type { ModelAnswers } from "./replay-recordings.ts";
export { summarizeReplays } from "./replay-report.ts";
export { compileReplayTarget, findReplaySource } from "./replay-target.ts";
