import { mkdir } from "node:fs/promises";
import { createModelRegistry, type ModelCatalog, type ModelRegistry } from "@switchboard/engine";
import { createStaffAuth, type StaffAuth } from "./accounts/staff-auth.ts";
import { createUserAdmin, type UserAdmin } from "./accounts/user-admin.ts";
import { type AuditLog, createAuditLog } from "./audit/audit-log.ts";
import { createTokenChecker, resolveAdminTokens } from "./auth/admin-tokens.ts";
import { type ChatIdentities, createChatIdentities } from "./auth/chat-identity.ts";
import { createChatJwtVerifier } from "./auth/chat-jwt.ts";
import { createVisitorTokens, resolveVisitorSecret } from "./auth/visitor-tokens.ts";
import { type ChannelService, createChannelService } from "./channels/channel-service.ts";
import { loadModelCatalog } from "./config/model-catalog.ts";
import type { ServerConfig } from "./config/server-config.ts";
import { type ChatService, createChatService } from "./conversations/chat-service.ts";
import type { InboxNotice } from "./conversations/conversation-events.ts";
import { createLocalEventHub, type EventHub } from "./conversations/event-hub.ts";
import { createRateLimiter, type RateLimiter } from "./conversations/rate-limiter.ts";
import { createTurnRunner, type TurnRunner } from "./conversations/turn-runner.ts";
import { createTurnSlots, type TurnSlots } from "./conversations/turn-slots.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { createFlowRuntime, type FlowRuntime } from "./flows/flow-runtime.ts";
import { importFlowFiles } from "./flows/import-flow-files.ts";
import { createHandoffService, type HandoffService } from "./handoffs/handoff-service.ts";
import { createTracing, type Tracing } from "./tracing/tracing.ts";
import { type Connections, createConnections } from "./web-chat/connections.ts";
import { createWhatsAppService, type WhatsAppService } from "./whatsapp/whatsapp-service.ts";

/**
 * Everything the routes use, built once at start. Routes take the container and call one
 * service per request; services never see the request.
 */
export interface Services {
  config: ServerConfig;
  database: Database;
  catalog: ModelCatalog;
  models: ModelRegistry;
  flows: FlowRuntime;
  events: EventHub;
  /** The staff inbox's live notices, across every chat. */
  inbox: EventHub<InboxNotice>;
  /** Runs every turn: users', human agents', the studio's. */
  turns: TurnRunner;
  chats: ChatService;
  handoffs: HandoffService;
  /** Which flow each way in talks to, and the flows' web widgets. */
  channels: ChannelService;
  /** Chat messages per verified user (per named user for a backend). */
  rateLimiter: RateLimiter;
  /** Staff credentials (the admin token, studio sessions, personal API tokens). */
  tokens: StaffAuth;
  /** Staff accounts, for admins. */
  users: UserAdmin;
  /** Who did what, and when. */
  audit: AuditLog;
  /** New anonymous visitors and their messages, per client address. */
  addressRateLimiter: RateLimiter;
  /** Verifies who a chat client is (visitor token, site JWT, client or admin token). */
  identities: ChatIdentities;
  /** The chat turns the process runs or queues at once (`maxTurnsInFlight`). */
  turnSlots: TurnSlots;
  /** The open WebSockets, capped at `maxConnections`. */
  connections: Connections;
  /** Langfuse tracing of turns; `tracingOff` when Langfuse isn't configured. */
  tracing: Tracing;
  /** The WhatsApp channel; off (and saying why) when its `WHATSAPP_*` settings are missing. */
  whatsapp: WhatsAppService;
  /** Closes the event hub and the database; call after the server stopped. */
  close(): Promise<void>;
}

export interface CreateServicesOptions {
  /** Where the generated admin token and the first admin's password are announced (default: stdout). */
  announce?: (message: string) => void;
  env?: Record<string, string | undefined>;
}

/**
 * Opens the database (migrating it), imports the example flows on first start, loads the model
 * catalog and compiles the published flows.
 *
 * @example
 * const services = await createServices(await loadServerConfig());
 */
export async function createServices(
  config: ServerConfig,
  { announce, env = process.env }: CreateServicesOptions = {},
): Promise<Services> {
  const catalog = await loadModelCatalog(env);
  const models = createModelRegistry(catalog, { env });
  const tracing = await createTracing(env);
  const adminTokens = await resolveAdminTokens(config.adminTokens, config.dataDir, announce);
  const tokens = createTokenChecker(adminTokens, config.clientToken, config.apiTokens);
  const identities = createChatIdentities({
    tokens,
    clientTokenSet: config.clientToken !== undefined,
    visitors: createVisitorTokens(
      await resolveVisitorSecret(config.visitorTokenSecret, config.dataDir),
    ),
    jwt: createChatJwtVerifier({ secret: config.chatJwtSecret, jwksUrl: config.chatJwksUrl }),
  });
  await mkdir(config.dataDir, { recursive: true });
  const database = await openDatabase(config.databaseUrl, { dataDir: config.dataDir });
  let events: EventHub | undefined;
  let inbox: EventHub<InboxNotice> | undefined;
  try {
    // Replicas starting together on an empty database would each import the flows; one does.
    await database.withThreadLock("import-flow-files", () =>
      importFlowFiles(database.db, config.flowsDir),
    );
    const audit = createAuditLog(database.db);
    const users = createUserAdmin({ db: database.db, audit });
    const firstAdmin = await database.withThreadLock("first-admin", () =>
      users.ensureFirstAdmin(config.firstAdminEmail),
    );
    if (firstAdmin)
      (announce ?? console.log)(
        `Created the first staff account. Sign in to the studio (/studio) once with:\n\n  email:    ${firstAdmin.email}\n  password: ${firstAdmin.password}\n\nIt is shown only this once; invite the others from the Users screen.\n`,
      );
    const flows = createFlowRuntime({
      database,
      models,
      flowsDir: config.flowsDir,
      http: { allowedHosts: config.httpAllowedHosts },
    });
    const { failed } = await flows.loadPublished();
    for (const flow of failed)
      console.warn(`Flow ${flow.id} version ${flow.version} does not load: ${flow.message}`);
    // Replicas on one PostgreSQL database pass chat events to each other through it.
    events =
      database.dialect === "postgres" && config.databaseUrl
        ? await (await import("./conversations/postgres-event-hub.ts")).PostgresEventHub.start({
            connectionString: config.databaseUrl.trim(),
            db: database.db,
          })
        : createLocalEventHub();
    inbox =
      database.dialect === "postgres" && config.databaseUrl
        ? await (
            await import("./conversations/postgres-event-hub.ts")
          ).PostgresEventHub.start<InboxNotice>({
            connectionString: config.databaseUrl.trim(),
            db: database.db,
            channel: "switchboard_inbox",
            applicationName: "switchboard-inbox",
          })
        : createLocalEventHub<InboxNotice>();
    const rateLimiter = createRateLimiter(config.rateLimitPerMinute);
    const turns = createTurnRunner({
      database,
      flows,
      events,
      inbox,
      defaultFlow: config.defaultFlow,
      tracing,
    });
    const chats = createChatService({ database, flows, turns, defaultFlow: config.defaultFlow });
    const channels = createChannelService({
      database,
      flows,
      defaultFlow: config.defaultFlow,
      configured: {
        api: config.defaultFlow,
        whatsapp: env.WHATSAPP_FLOW?.trim() || config.defaultFlow,
      },
      // Asked only once the server serves, by when `whatsapp` exists.
      enabled: { api: () => true, whatsapp: () => whatsapp.status.enabled },
    });
    const whatsapp = createWhatsAppService({ env, database, chats, events, channels });
    return {
      config,
      database,
      catalog,
      models,
      flows,
      events,
      inbox,
      turns,
      chats,
      handoffs: createHandoffService({ database, turns, events, inbox, audit }),
      channels,
      rateLimiter,
      addressRateLimiter: createRateLimiter(config.rateLimitPerAddressPerMinute),
      tokens: createStaffAuth({ db: database.db, tokens, audit }),
      users,
      audit,
      identities,
      turnSlots: createTurnSlots(config.maxTurnsInFlight),
      connections: createConnections(config.maxConnections),
      tracing,
      whatsapp,
      close: async () => {
        flows.close();
        await tracing.shutdown();
        await events?.close();
        await inbox?.close();
        await database.close();
      },
    };
  } catch (error) {
    await tracing.shutdown();
    await events?.close();
    await inbox?.close();
    await database.close();
    throw error;
  }
}
