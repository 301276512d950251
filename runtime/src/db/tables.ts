import type {
  ApiTokenTable,
  InviteTable,
  StaffSessionTable,
  UserTable,
} from "../accounts/account.table.ts";
import type { AuditTable } from "../audit/audit.table.ts";
import type { ChannelBindingTable } from "../channels/channel-binding.table.ts";
import type {
  AnalyticsDayTable,
  AnalyticsIntentTable,
  AnalyticsQuestionTable,
} from "../conversations/analytics-rollup.table.ts";
import type { ChatMessageTable, ChatSessionTable, ChatTable } from "../conversations/chat.table.ts";
import type { FeedbackTable } from "../conversations/feedback.table.ts";
import type { HandoffReplyTable, HandoffTable } from "../conversations/handoff.table.ts";
import type {
  RunModelCallTable,
  RunNodeTable,
  RunRecordingTable,
  RunTable,
} from "../conversations/run.table.ts";
import type { FlowTable, FlowVersionTable } from "../flows/flow.table.ts";
import type { IntentModelTable } from "../flows/intent-model.table.ts";
import type { CannedReplyTable } from "../handoffs/canned-reply.table.ts";
import type { KnowledgeBaseTable, KnowledgeEntryTable } from "../knowledge/knowledge.table.ts";
import type { ApiConversationTable } from "../openai-api/api-conversation.table.ts";
import type {
  WhatsAppContactTable,
  WhatsAppInboxTable,
  WhatsAppOutboxTable,
  WhatsAppStatusTable,
} from "../whatsapp/whatsapp.table.ts";
import type {
  CheckpointBlobTable,
  CheckpointTable,
  CheckpointWriteTable,
} from "./checkpoint.table.ts";

/**
 * Every table, named in camelCase as the code sees it; `CamelCasePlugin` maps names to the
 * snake_case the migrations create (`chatSessions` → `chat_sessions`).
 */
export interface Tables {
  checkpoints: CheckpointTable;
  checkpointBlobs: CheckpointBlobTable;
  checkpointWrites: CheckpointWriteTable;
  chats: ChatTable;
  chatSessions: ChatSessionTable;
  chatMessages: ChatMessageTable;
  flows: FlowTable;
  flowVersions: FlowVersionTable;
  runs: RunTable;
  runNodes: RunNodeTable;
  runModelCalls: RunModelCallTable;
  runRecordings: RunRecordingTable;
  feedback: FeedbackTable;
  analyticsDays: AnalyticsDayTable;
  analyticsIntents: AnalyticsIntentTable;
  analyticsQuestions: AnalyticsQuestionTable;
  handoffs: HandoffTable;
  handoffReplies: HandoffReplyTable;
  whatsappInbox: WhatsAppInboxTable;
  whatsappOutbox: WhatsAppOutboxTable;
  whatsappStatuses: WhatsAppStatusTable;
  whatsappContacts: WhatsAppContactTable;
  channelBindings: ChannelBindingTable;
  apiConversations: ApiConversationTable;
  intentModels: IntentModelTable;
  knowledgeBases: KnowledgeBaseTable;
  knowledgeEntries: KnowledgeEntryTable;
  users: UserTable;
  staffSessions: StaffSessionTable;
  apiTokens: ApiTokenTable;
  invites: InviteTable;
  auditLog: AuditTable;
  cannedReplies: CannedReplyTable;
}
