import { Elysia, t } from "elysia";
import { type ChatIdentity, chatIdentityGuard, chatOwnerOf } from "../auth/index.ts";
import { AppError } from "../errors.ts";
import type { Services } from "../services.ts";
import { Chat, CleanString, IdParams, PageLimit } from "../shared-schemas.ts";
import type { ChatOwner } from "./chat-owner.ts";

const UserQuery = t.Object({
  user_id: t.Optional(
    CleanString({
      minLength: 1,
      description:
        "The chat's user, named by a backend holding CLIENT_TOKEN (admins may omit it); a visitor's or a site user's token says who they are, and this is ignored",
    }),
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
const RenameChat = t.Object({ title: CleanString({ minLength: 1, maxLength: 200 }) });

/** The chatbot template's conversation history API, under `/api/chats`. */
export function chatRoutes({ chats, identities, config, addressRateLimiter }: Services) {
  return new Elysia({ prefix: "/api/chats", tags: ["Chats"] })
    .use(
      chatIdentityGuard({
        identities,
        trustedProxies: config.trustedProxies,
        addressRateLimiter,
      }),
    )
    .get(
      "/",
      ({ query, caller }) =>
        chats.listChats(listedOwner(caller.identity, query.user_id), {
          limit: query.limit,
          before: query.before,
        }),
      {
        chatAuth: "request",
        query: t.Composite([
          UserQuery,
          t.Object({
            limit: PageLimit,
            before: t.Optional(
              t.String({
                pattern:
                  "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})$",
                error: "must be a timestamp like 2024-01-31T12:00:00.000Z (a chat's updatedAt)",
                description: "The last chat's updatedAt, for the next page",
              }),
            ),
          }),
        ]),
        response: t.Array(Chat),
        detail: { summary: "A user's chats, the most recently active first" },
      },
    )
    .get(
      "/:id/messages",
      ({ params, query, caller }) =>
        chats.listMessages(params.id, chatOwnerOf(caller.identity, query.user_id), {
          limit: query.limit,
          before: query.before === undefined ? undefined : Number(query.before),
        }),
      {
        chatAuth: "request",
        params: IdParams,
        query: t.Composite([
          UserQuery,
          t.Object({
            limit: PageLimit,
            // A string, so that a number past what the database holds is this schema's 400 too.
            before: t.Optional(
              t.String({
                pattern: "^[1-9][0-9]{0,14}$",
                error: "before must be a message's seq, a whole number from 1",
                description: "The first message's seq, to page back",
              }),
            ),
          }),
        ]),
        response: t.Array(ChatMessage),
        detail: { summary: "A chat's messages, oldest first" },
      },
    )
    .get(
      "/:id/sessions",
      ({ params, query, caller }) =>
        chats.listSessions(params.id, chatOwnerOf(caller.identity, query.user_id)),
      {
        chatAuth: "request",
        params: IdParams,
        query: UserQuery,
        response: t.Array(ChatSession),
        detail: { summary: "A chat's sessions, the first first" },
      },
    )
    .patch(
      "/:id/title",
      ({ params, query, body, caller }) =>
        chats.renameChat(params.id, body.title, chatOwnerOf(caller.identity, query.user_id)),
      {
        chatAuth: "request",
        params: IdParams,
        query: UserQuery,
        body: RenameChat,
        response: Chat,
        detail: { summary: "Renames a chat" },
      },
    )
    .post(
      "/:id/reset",
      async ({ params, query, caller }) => {
        await chats.resetChat(params.id, chatOwnerOf(caller.identity, query.user_id));
        return { reset: true as const };
      },
      {
        chatAuth: "request",
        params: IdParams,
        query: UserQuery,
        detail: { summary: "Ends the chat's session: the next message starts the flow afresh" },
      },
    );
}

/** Whose chats a list shows: one user's, so an admin must name one too. */
function listedOwner(identity: ChatIdentity, userId: string | undefined): ChatOwner {
  const owner = chatOwnerOf(identity, userId);
  if (!owner) throw new AppError("invalid_request", "user_id is required to list chats.");
  return owner;
}
