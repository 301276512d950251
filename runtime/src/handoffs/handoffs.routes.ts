import { Elysia, t } from "elysia";
import { authGuard } from "../auth/auth-guard.ts";
import type { Services } from "../services.ts";
import { IdParams } from "../shared-schemas.ts";
import { createHandoffInbox } from "./handoff-inbox.ts";

const Handoff = t.Object({
  id: t.String(),
  chatId: t.String(),
  reason: t.Nullable(t.String()),
  status: t.UnionEnum(["open", "answered", "closed"]),
  outcome: t.Nullable(t.UnionEnum(["resolved", "dismissed"])),
  openedAt: t.String(),
  answeredAt: t.Nullable(t.String()),
  closedAt: t.Nullable(t.String()),
});
const BotReplies = t.Object({
  replies: t.Array(
    t.Object({
      message_id: t.String(),
      content: t.String(),
      quick_replies: t.Optional(t.Array(t.Object({ id: t.String(), title: t.String() }))),
    }),
  ),
});

/**
 * The human agents' inbox under `/api/handoffs`, for admins. Replies, hand-backs and closes reach
 * the user live on their open sockets.
 */
export function handoffRoutes({ database, chats, tokens }: Services) {
  const inbox = createHandoffInbox({ database, chats });

  return new Elysia({ prefix: "/api/handoffs", tags: ["Handoffs"] })
    .use(authGuard(tokens))
    .get("/", () => inbox.listOpen(), {
      auth: "admin",
      response: t.Array(Handoff),
      detail: { summary: "Handoffs waiting on or being worked by an agent, the oldest first" },
    })
    .post("/:id/reply", ({ params, body }) => inbox.reply(params.id, body.text, body.agent), {
      auth: "admin",
      params: IdParams,
      body: t.Object({
        text: t.String({ minLength: 1, maxLength: 10_000 }),
        agent: t.Optional(
          t.String({ minLength: 1, maxLength: 120, description: "Default: agent" }),
        ),
      }),
      response: t.Object({
        messageId: t.String(),
        agent: t.String(),
        content: t.String(),
        createdAt: t.String(),
      }),
      detail: { summary: "A human agent's message to the user" },
    })
    .post("/:id/handback", async ({ params }) => ({ replies: await inbox.handBack(params.id) }), {
      auth: "admin",
      params: IdParams,
      response: BotReplies,
      detail: { summary: "Hands the conversation back to the bot, which resumes the flow" },
    })
    .post("/:id/close", async ({ params }) => ({ replies: await inbox.close(params.id) }), {
      auth: "admin",
      params: IdParams,
      response: BotReplies,
      detail: { summary: "Closes the handoff and the conversation" },
    });
}
