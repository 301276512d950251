import type { ChatMessageTable, ChatSessionTable, ChatTable } from "./chat.table.ts";
import type {
  CheckpointBlobTable,
  CheckpointTable,
  CheckpointWriteTable,
} from "./checkpoint.table.ts";
import type { FlowTable, FlowVersionTable } from "./flow.table.ts";
import type { HandoffReplyTable, HandoffTable } from "./handoff.table.ts";
import type { RunModelCallTable, RunNodeTable, RunTable } from "./run.table.ts";
import type {
  WhatsAppContactTable,
  WhatsAppInboxTable,
  WhatsAppOutboxTable,
  WhatsAppStatusTable,
} from "./whatsapp.table.ts";

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
  handoffs: HandoffTable;
  handoffReplies: HandoffReplyTable;
  whatsappInbox: WhatsAppInboxTable;
  whatsappOutbox: WhatsAppOutboxTable;
  whatsappStatuses: WhatsAppStatusTable;
  whatsappContacts: WhatsAppContactTable;
}
