import { Elysia, t } from "elysia";
import { authGuard, chatOwner } from "../auth/auth-guard.ts";
import type { Services } from "../services.ts";
import { Chat, IdParams, PageLimit } from "../shared-schemas.ts";

const UserQuery = t.Object({
  user_id: t.Optional(
    t.String({ minLength: 1, description: "The chat's user; admins may omit it" }),
  ),
});
const ChatMessage = t.Object({
  chatId: t.String(),
  seq: t.Number(),
  messageId: t.String(),
  sessionId: t.Nullable(t.String()),
  role: t.UnionEnum(["user", "assistant", "agent", "system"]),
  content: t.String(),
  nodePath: t.Nullable(t.String()),
  channelMessageId: t.Nullable(t.String()),
  createdAt: t.String(),
  agent: t.Nullable(t.String({ description: "A human agent's name, on their messages" })),
});
const ChatSession = t.Object({
  id: t.String(),
  chatId: t.String(),
  flowId: t.String(),
  flowVersion: t.Number(),
  startedAt: t.String(),
  lastActivityAt: t.String(),
  endedAt: t.Nullable(t.String()),
  endReason: t.Nullable(t.String()),
  active: t.Boolean(),
});
const RenameChat = t.Object({ title: t.String({ minLength: 1, maxLength: 200 }) });

/** The chatbot template's conversation history API, under `/api/chats`. */
export function chatRoutes({ chats, tokens }: Services) {
  return new Elysia({ prefix: "/api/chats", tags: ["Chats"] })
    .use(authGuard(tokens))
    .get(
      "/",
      ({ query }) => chats.listChats(query.user_id, { limit: query.limit, before: query.before }),
      {
        caller: "client",
        query: t.Object({
          user_id: t.String({ minLength: 1 }),
          limit: PageLimit,
          before: t.Optional(
            t.String({ description: "The last chat's updatedAt, for the next page" }),
          ),
        }),
        response: t.Array(Chat),
        detail: { summary: "A user's chats, the most recently active first" },
      },
    )
    .get(
      "/:id/messages",
      ({ params, query, access }) =>
        chats.listMessages(params.id, chatOwner(access, query.user_id), {
          limit: query.limit,
          before: query.before,
        }),
      {
        caller: "client",
        params: IdParams,
        query: t.Composite([
          UserQuery,
          t.Object({
            limit: PageLimit,
            before: t.Optional(t.Integer({ description: "The first message's seq, to page back" })),
          }),
        ]),
        response: t.Array(ChatMessage),
        detail: { summary: "A chat's messages, oldest first" },
      },
    )
    .get(
      "/:id/sessions",
      ({ params, query, access }) =>
        chats.listSessions(params.id, chatOwner(access, query.user_id)),
      {
        caller: "client",
        params: IdParams,
        query: UserQuery,
        response: t.Array(ChatSession),
        detail: { summary: "A chat's sessions, the first first" },
      },
    )
    .patch(
      "/:id/title",
      ({ params, query, body, access }) =>
        chats.renameChat(params.id, body.title, chatOwner(access, query.user_id)),
      {
        caller: "client",
        params: IdParams,
        query: UserQuery,
        body: RenameChat,
        response: Chat,
        detail: { summary: "Renames a chat" },
      },
    )
    .post(
      "/:id/reset",
      async ({ params, query, access }) => {
        await chats.resetChat(params.id, chatOwner(access, query.user_id));
        return { reset: true as const };
      },
      {
        caller: "client",
        params: IdParams,
        query: UserQuery,
        detail: { summary: "Ends the chat's session: the next message starts the flow afresh" },
      },
    );
}
