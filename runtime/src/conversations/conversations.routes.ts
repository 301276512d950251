import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { Chat, PageLimit } from "../shared-schemas.ts";
import { listConversations } from "./conversations.repository.ts";

const Conversation = t.Composite([
  Chat,
  t.Object({
    flowId: t.Nullable(t.String({ description: "The flow of the chat's latest session" })),
    flowVersion: t.Nullable(t.Number()),
    handoffOpen: t.Boolean({ description: "Whether a human agent has a handoff of it open" }),
  }),
]);

/** Every user's chats for admins, under `/api/conversations`: the studio's conversation browser. */
export function conversationRoutes({ database, tokens }: Services) {
  return new Elysia({ prefix: "/api/conversations", tags: ["Chats"] }).use(authGuard(tokens)).get(
    "/",
    ({ query }) =>
      listConversations(database.db, {
        channel: query.channel,
        userId: query.user_id,
        flowId: query.flow_id,
        limit: query.limit,
        before: query.before,
      }),
    {
      auth: ["viewer", "agent"],
      query: t.Object({
        channel: t.Optional(t.String({ minLength: 1, description: "e.g. web, whatsapp" })),
        user_id: t.Optional(t.String({ minLength: 1 })),
        flow_id: t.Optional(t.String({ minLength: 1 })),
        limit: PageLimit,
        before: t.Optional(
          t.String({ description: "The last conversation's updatedAt, for the next page" }),
        ),
      }),
      response: t.Array(Conversation),
      detail: {
        summary: "Every user's chats, the most recently active first, by channel, user and flow",
      },
    },
  );
}
