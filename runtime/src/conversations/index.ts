export { admitTurn, releasingTurnSlots } from "./admit-turn.ts";
export type { ChatOwner } from "./chat-owner.ts";
export type { ChatService, UserMessage } from "./chat-service.ts";
export { createChat, listChats } from "./chats.repository.ts";
export {
  type ChatNotice,
  type ConversationEvent,
  type IdentifiedReply,
  INBOX_TOPIC,
  type InboxNotice,
  type TurnIds,
} from "./conversation-events.ts";
export {
  assertFlowOfVersion,
  type ConversationScope,
  DAY_MS,
  type DayRange,
  scopeOfDays,
} from "./conversation-scope.ts";
export type { EventHub } from "./event-hub.ts";
export { type AgentReply, findPreviousAgent } from "./handoffs.repository.ts";
export { createHttpRecorder, type HttpRecorder } from "./http-recorder.ts";
export { promptHash } from "./prompt-hash.ts";
export { createRateLimiter, type RateLimiter } from "./rate-limiter.ts";
export { type ReplyPayload, toReplyPayload } from "./reply-payload.ts";
export {
  findRecordedSession,
  listRecentOutcomes,
  listRecordedSessions,
  listRecordedSessionsOfChat,
  listRecordedTurns,
  type RecordedConversation,
  type RecordedSessionFilter,
} from "./run-recordings.repository.ts";
export { listRoutedMessages, listRuns } from "./runs.repository.ts";
export { collectTurn } from "./turn-outcome.ts";
export {
  failedOutcome,
  outcomeOf,
  type RecordedHttpResponse,
  type RecordedModelAnswer,
  type RecordedOutcome,
  type TurnRecording,
} from "./turn-recording.ts";
export type { HandoffAction, TurnRunner } from "./turn-runner.ts";
