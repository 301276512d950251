import { openapi } from "@elysiajs/openapi";
import { Elysia, ValidationError } from "elysia";
import { accountRoutes } from "./accounts/accounts.routes.ts";
import { userRoutes } from "./accounts/users.routes.ts";
import { analyticsRoutes } from "./analytics/analytics.routes.ts";
import { auditRoutes } from "./audit/audit.routes.ts";
import { visitorRoutes } from "./auth/visitors.routes.ts";
import { channelRoutes } from "./channels/channels.routes.ts";
import { chatApiRoutes } from "./chat-api/chat-api.routes.ts";
import { chatRoutes } from "./conversations/chats.routes.ts";
import { conversationRoutes } from "./conversations/conversations.routes.ts";
import { runRoutes } from "./conversations/runs.routes.ts";
import { describeError } from "./errors.ts";
import { flowRoutes } from "./flows/flows.routes.ts";
import { intentReportRoutes } from "./flows/intent-report.routes.ts";
import { cannedReplyRoutes } from "./handoffs/canned-replies.routes.ts";
import { handoffRoutes } from "./handoffs/handoffs.routes.ts";
import { healthRoutes } from "./health/health.routes.ts";
import { corsPolicy } from "./http/cors-policy.ts";
import { knowledgeRoutes } from "./knowledge/knowledge.routes.ts";
import { openAIRoutes } from "./openai-api/openai.routes.ts";
import { replayRoutes } from "./replay/replay.routes.ts";
import type { Services } from "./services.ts";
import { simulationFileRoutes } from "./studio/simulation-files.routes.ts";
import { studioRoutes } from "./studio/studio.routes.ts";
import { testRunRoutes } from "./studio/test-runs.routes.ts";
import { webChatRoutes } from "./web-chat/web-chat-page.routes.ts";
import { wsChatRoutes } from "./web-chat/ws-chat.routes.ts";
import { whatsappDeliveryRoutes } from "./whatsapp/whatsapp-deliveries.routes.ts";
import { whatsappWebhookRoutes } from "./whatsapp/whatsapp-webhook.routes.ts";

/**
 * The HTTP and WebSocket server as one Elysia app: each route file is one plugin, added with
 * `.use()`. Errors from every plugin are answered here, in one shape: `{ code, message }` (with
 * `problems` for a flow that does not validate).
 *
 * @example
 * const app = createApp(await createServices(config));
 * const res = await app.handle(new Request("http://localhost/health"));
 */
export function createApp(services: Services) {
  return new Elysia()
    .onError(({ code, error, set }) => {
      const described =
        code === "VALIDATION"
          ? { status: 400, code: "invalid_request", message: validationMessage(error) }
          : code === "NOT_FOUND"
            ? { status: 404, code: "not_found", message: "There is no such route." }
            : code === "PARSE"
              ? { status: 400, code: "invalid_request", message: "The body is not valid JSON." }
              : describeError(error);
      const { status, ...body } = described;
      set.status = status;
      return body;
    })
    .use(corsPolicy(services.config.corsOrigins))
    .use(
      openapi({
        path: "/docs",
        documentation: {
          info: {
            title: "Switchboard runtime",
            version: "0.1.0",
            description:
              "Runs published flows. Chat over WebSocket at /ws/chat/completions; REST below.",
          },
          components: {
            securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
          },
          security: [{ bearer: [] }],
        },
      }),
    )
    .use(healthRoutes(services))
    .use(accountRoutes(services))
    .use(userRoutes(services))
    .use(auditRoutes(services))
    .use(visitorRoutes(services))
    .use(chatRoutes(services))
    .use(chatApiRoutes(services))
    .use(openAIRoutes(services))
    .use(channelRoutes(services))
    .use(runRoutes(services))
    .use(conversationRoutes(services))
    .use(analyticsRoutes(services))
    .use(flowRoutes(services))
    .use(intentReportRoutes(services))
    .use(knowledgeRoutes(services))
    .use(testRunRoutes(services))
    .use(simulationFileRoutes(services))
    .use(handoffRoutes(services))
    .use(cannedReplyRoutes(services))
    .use(replayRoutes(services))
    .use(wsChatRoutes(services))
    .use(whatsappWebhookRoutes(services))
    .use(whatsappDeliveryRoutes(services))
    .use(webChatRoutes())
    .use(studioRoutes());
}

export type App = ReturnType<typeof createApp>;

/** The first problem of a request that fails its schema, as one sentence. */
function validationMessage(error: unknown): string {
  if (!(error instanceof ValidationError)) return "The request is invalid.";
  const first = error.all[0];
  const where = first && "path" in first && first.path ? ` at ${first.path}` : "";
  const summary = first && "summary" in first ? first.summary : undefined;
  return `The request's ${error.type} is invalid${where}: ${summary ?? error.message}`;
}
