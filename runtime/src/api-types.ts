/**
 * The runtime's public API types: what its HTTP routes take and give. Clients (the studio) import
 * types from this module only, never from the runtime's repositories or services, so those can
 * move without breaking them. Types only: nothing here reaches a browser bundle.
 * @module
 */

export type { Role } from "./accounts/roles.ts";
export type { StaffApiToken as ApiToken } from "./accounts/staff-auth.ts";
export type { OneTimeLink } from "./accounts/user-admin.ts";
export type { User } from "./accounts/users.repository.ts";
export type { App } from "./app.ts";
export type { AuditEntry } from "./audit/audit-log.ts";
export type { BoundChannel } from "./channels/channel-binding.table.ts";
export type { ChannelsOverview } from "./channels/channel-service.ts";
export type { WidgetSettings } from "./channels/widget-settings.ts";
export type { InboxNotice } from "./conversations/conversation-events.ts";
export type { Run } from "./conversations/runs.repository.ts";
export type { RecordedOutcome } from "./conversations/turn-recording.ts";
export type { FlowSummary } from "./flows/flows.repository.ts";
export type { CannedReply } from "./handoffs/canned-replies.repository.ts";
export type { HandoffContext } from "./handoffs/handoff-service.ts";
export type { InboxItem } from "./handoffs/inbox.repository.ts";
export type { KnowledgeItem } from "./knowledge/knowledge-entry.ts";
export type {
  KnowledgeBaseView,
  QuestionTest,
  UnansweredQuestion,
} from "./knowledge/knowledge-service.ts";
export type { ChangeKind } from "./replay/diff-turn.ts";
export type { ConversationReplay, ReplayedTurn } from "./replay/replay-conversation.ts";
export type { ReplayJob } from "./replay/replay-service.ts";
export type {
  SimulationRun,
  StateSnapshot,
  TestTurnEvent,
} from "./studio/test-run-service.ts";
export type { WhatsAppDelivery } from "./whatsapp/whatsapp-deliveries.routes.ts";
