import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { IdentifiedReply, InboxNotice } from "../conversations/index.ts";
import { INBOX_TOPIC, toReplyPayload } from "../conversations/index.ts";
import type { Services } from "../services.ts";
import { IdParams } from "../shared-schemas.ts";

const InboxItem = t.Object({
  id: t.String(),
  chatId: t.String(),
  reason: t.Nullable(t.String()),
  status: t.UnionEnum(["open", "answered", "closed"]),
  openedAt: t.String(),
  answeredAt: t.Nullable(t.String()),
  assigneeId: t.Nullable(t.String()),
  assigneeName: t.Nullable(t.String()),
  channel: t.String(),
  userId: t.String(),
  flowId: t.Nullable(t.String()),
  flowVersion: t.Nullable(t.Number()),
  unread: t.Integer({ minimum: 0 }),
  preview: t.Nullable(t.String()),
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
/** How often an idle event stream says it is alive, so proxies keep it open. */
const KEEPALIVE_MS = 25_000;

/**
 * The human agents' inbox under `/api/handoffs`: open handoffs across flows and channels, their
 * context, claim, assign and transfer, and the agents' actions, which reach the customer live on
 * their sockets or phone. `GET /events` streams the inbox's changes as server-sent events.
 */
export function handoffRoutes({ handoffs, tokens, inbox }: Services) {
  const botReplies = async (replies: Promise<IdentifiedReply[]>) => ({
    replies: (await replies).map(toReplyPayload),
  });

  return new Elysia({ prefix: "/api/handoffs", tags: ["Handoffs"] })
    .use(authGuard(tokens))
    .get("/", () => handoffs.listOpen(), {
      auth: ["viewer", "agent"],
      response: t.Array(InboxItem),
      detail: { summary: "Handoffs waiting on or being worked by an agent, the oldest first" },
    })
    .get(
      "/events",
      ({ request }) => {
        let stop = () => {};
        const stream = new ReadableStream<string>({
          start(controller) {
            const send = (notice: InboxNotice) =>
              controller.enqueue(`event: inbox\ndata: ${JSON.stringify(notice)}\n\n`);
            const unsubscribe = inbox.subscribe(INBOX_TOPIC, send);
            const keepalive = setInterval(() => controller.enqueue(": alive\n\n"), KEEPALIVE_MS);
            stop = () => {
              clearInterval(keepalive);
              unsubscribe();
            };
            controller.enqueue(": connected\n\n");
            request.signal.addEventListener("abort", () => {
              stop();
              controller.close();
            });
          },
          cancel: () => stop(),
        });
        return new Response(stream, {
          headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
        });
      },
      {
        auth: ["viewer", "agent"],
        detail: {
          summary:
            "Server-sent events: handoff_opened, customer_message, agent_message, handed_back, closed, assigned, read",
        },
      },
    )
    .get("/agents", () => handoffs.agents(), {
      auth: ["viewer", "agent"],
      response: t.Array(t.Object({ id: t.String(), name: t.String() })),
      detail: { summary: "Who a handoff can be assigned or transferred to" },
    })
    .get("/:id", ({ params }) => handoffs.context(params.id), {
      auth: ["viewer", "agent"],
      params: IdParams,
      detail: {
        summary:
          "An open handoff with its transcript (agents' names included), the customer's variables, lead and recent intents, the path and the flow version to draw it on",
      },
    })
    .post("/:id/claim", ({ params, principal }) => handoffs.claim(principal, params.id), {
      auth: "agent",
      params: IdParams,
      response: InboxItem,
      detail: { summary: "Takes an unassigned handoff" },
    })
    .post(
      "/:id/assign",
      ({ params, body, principal }) => handoffs.assign(principal, params.id, body.userId),
      {
        auth: "agent",
        params: IdParams,
        body: t.Object({ userId: t.String({ minLength: 1 }) }),
        response: InboxItem,
        detail: { summary: "Assigns the handoff to an agent, or transfers it to another" },
      },
    )
    .post(
      "/:id/read",
      async ({ params, principal }) => {
        await handoffs.markRead(principal, params.id);
        return { read: true as const };
      },
      {
        auth: "agent",
        params: IdParams,
        detail: { summary: "Marks the customer's messages read" },
      },
    )
    .post(
      "/:id/typing",
      async ({ params, principal }) => {
        await handoffs.typing(principal, params.id);
        return { sent: true as const };
      },
      {
        auth: "agent",
        params: IdParams,
        detail: { summary: "Tells the customer the agent types" },
      },
    )
    .post(
      "/:id/reply",
      ({ params, body, principal }) =>
        handoffs.reply(
          // Automation on the admin token may say whose words these are; a user's are their own.
          principal.via === "admin_token" && body.agent
            ? { ...principal, name: body.agent }
            : principal,
          params.id,
          body.text,
        ),
      {
        auth: "agent",
        params: IdParams,
        body: t.Object({
          text: t.String({ minLength: 1, maxLength: 10_000 }),
          agent: t.Optional(
            t.String({
              minLength: 1,
              maxLength: 120,
              description: "Only with the admin token (default: admin); a user replies as themself",
            }),
          ),
        }),
        response: t.Object({
          messageId: t.String(),
          agent: t.String(),
          content: t.String(),
          createdAt: t.String(),
        }),
        detail: { summary: "A human agent's message to the user, under the agent's name" },
      },
    )
    .post(
      "/:id/handback",
      ({ params, principal }) => botReplies(handoffs.handBack(principal, params.id)),
      {
        auth: "agent",
        params: IdParams,
        response: BotReplies,
        detail: { summary: "Hands the conversation back to the bot, which resumes the flow" },
      },
    )
    .post(
      "/:id/close",
      ({ params, principal }) => botReplies(handoffs.close(principal, params.id)),
      {
        auth: "agent",
        params: IdParams,
        response: BotReplies,
        detail: { summary: "Closes the handoff and the conversation" },
      },
    );
}
