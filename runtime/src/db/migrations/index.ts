import type { Kysely } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";
import * as createCheckpoints from "./2026-11-24T09-00-00-create-checkpoints.ts";
import * as createChats from "./2026-11-24T09-10-00-create-chats.ts";
import * as createFlows from "./2026-11-24T09-20-00-create-flows.ts";
import * as createRuns from "./2026-11-24T09-30-00-create-runs.ts";
import * as createHandoffs from "./2026-11-24T09-40-00-create-handoffs.ts";
import * as createWhatsApp from "./2026-11-24T10-00-00-create-whatsapp.ts";
import * as addRunTraceUrl from "./2026-11-24T11-00-00-add-run-trace-url.ts";
import * as addChatMessageCount from "./2026-11-25T09-00-00-add-chat-message-count.ts";
import * as createChannelBindings from "./2026-12-07T16-00-00-create-channel-bindings.ts";
import * as createApiConversations from "./2026-12-07T16-10-00-create-api-conversations.ts";
import * as createIntentModels from "./2026-12-07T17-00-00-create-intent-models.ts";
import * as createRunRecordings from "./2026-12-07T17-00-00-create-run-recordings.ts";
import * as createAccounts from "./2026-12-07T18-00-00-create-accounts.ts";
import * as createKnowledge from "./2026-12-07T19-00-00-create-knowledge.ts";
import * as addRunAnalytics from "./2026-12-07T19-10-00-add-run-analytics.ts";
import * as createCannedReplies from "./2026-12-07T19-20-00-create-canned-replies.ts";
import * as addAnalyticsRollups from "./2026-12-07T19-40-00-add-analytics-rollups.ts";
import { type ColumnTypes, columnTypesFor } from "./column-types.ts";

interface MigrationModule {
  up(db: Kysely<unknown>, types: ColumnTypes): Promise<void>;
  down(db: Kysely<unknown>): Promise<void>;
}

// Listed by hand rather than read from the folder, so a bundled or compiled runtime has them too.
// The Migrator runs them in the order of their names.
const migrations: Record<string, MigrationModule> = {
  "2026-11-24T09-00-00-create-checkpoints": createCheckpoints,
  "2026-11-24T09-10-00-create-chats": createChats,
  "2026-11-24T09-20-00-create-flows": createFlows,
  "2026-11-24T09-30-00-create-runs": createRuns,
  "2026-11-24T09-40-00-create-handoffs": createHandoffs,
  "2026-11-24T10-00-00-create-whatsapp": createWhatsApp,
  "2026-11-24T11-00-00-add-run-trace-url": addRunTraceUrl,
  "2026-11-25T09-00-00-add-chat-message-count": addChatMessageCount,
  "2026-12-07T16-00-00-create-channel-bindings": createChannelBindings,
  "2026-12-07T16-10-00-create-api-conversations": createApiConversations,
  "2026-12-07T17-00-00-create-intent-models": createIntentModels,
  "2026-12-07T17-00-00-create-run-recordings": createRunRecordings,
  "2026-12-07T18-00-00-create-accounts": createAccounts,
  "2026-12-07T19-00-00-create-knowledge": createKnowledge,
  "2026-12-07T19-10-00-add-run-analytics": addRunAnalytics,
  "2026-12-07T19-20-00-create-canned-replies": createCannedReplies,
  "2026-12-07T19-40-00-add-analytics-rollups": addAnalyticsRollups,
};

/** The migrations for one dialect, with its column types filled in. */
export class SwitchboardMigrations implements MigrationProvider {
  constructor(private readonly dialect: "sqlite" | "postgres") {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const types = columnTypesFor(this.dialect);
    return Object.fromEntries(
      Object.entries(migrations).map(([name, { up, down }]) => [
        name,
        { up: (db: Kysely<unknown>) => up(db, types), down },
      ]),
    );
  }
}
