import { Elysia, t } from "elysia";
import { authGuard } from "../auth/auth-guard.ts";
import type { IdentifiedReply } from "../conversations/conversation-events.ts";
import { toReplyPayload } from "../conversations/reply-payload.ts";
import type { Services } from "../services.ts";
import { IdParams } from "../shared-schemas.ts";

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
export function handoffRoutes({ handoffs, tokens }: Services) {
  const byHandoff = async <T>(handoffId: string, act: (chatId: string) => Promise<T>) =>
    act(await handoffs.chatOf(handoffId));
  const botReplies = async (replies: Promise<IdentifiedReply[]>) => ({
    replies: (await replies).map(toReplyPayload),
  });

  return new Elysia({ prefix: "/api/handoffs", tags: ["Handoffs"] })
    .use(authGuard(tokens))
    .get("/", () => handoffs.listOpen(), {
      auth: "admin",
      response: t.Array(Handoff),
      detail: { summary: "Handoffs waiting on or being worked by an agent, the oldest first" },
    })
    .post(
      "/:id/reply",
      ({ params, body }) =>
        byHandoff(params.id, (chatId) => handoffs.agentReply(chatId, body.text, body.agent)),
      {
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
      },
    )
    .post("/:id/handback", ({ params }) => botReplies(byHandoff(params.id, handoffs.handBack)), {
      auth: "admin",
      params: IdParams,
      response: BotReplies,
      detail: { summary: "Hands the conversation back to the bot, which resumes the flow" },
    })
    .post("/:id/close", ({ params }) => botReplies(byHandoff(params.id, handoffs.close)), {
      auth: "admin",
      params: IdParams,
      response: BotReplies,
      detail: { summary: "Closes the handoff and the conversation" },
    });
}
