import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import { AppError } from "../errors.ts";
import type { Services } from "../services.ts";
import { Chat, CleanString, PageLimit, ScopeQuery } from "../shared-schemas.ts";
import {
  assertFlowOfVersion,
  type ConversationFigure,
  type ConversationScope,
  scopeOfDays,
} from "./conversation-scope.ts";
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
        ...figureFilter(query),
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
        // An analytics figure's conversations.
        from: t.Optional(ScopeQuery.from),
        to: t.Optional(ScopeQuery.to),
        flow_version: ScopeQuery.flow_version,
        figure: t.Optional(
          // Not t.UnionEnum: in a query, Elysia fills an absent one with its first member.
          t.Union(
            FIGURES.map((figure) => t.Literal(figure)),
            {
              description: "Only those a figure of the analytics screen counts (needs from and to)",
            },
          ),
        ),
        intent: t.Optional(
          CleanString({ minLength: 1, description: "Only those with a turn of this intent" }),
        ),
        question: t.Optional(
          CleanString({ minLength: 1, description: "Only those that asked this, unanswered" }),
        ),
      }),
      response: t.Array(Conversation),
      detail: {
        summary:
          "Every user's chats, the most recently active first, by channel, user and flow, or those behind a figure of the analytics screen",
      },
    },
  );
}

const FIGURES = ["contained", "handoff", "fallback", "no_answer", "rated"] as const;

interface FigureQuery {
  from?: string;
  to?: string;
  flow_id?: string;
  flow_version?: number;
  figure?: (typeof FIGURES)[number];
  intent?: string;
  question?: string;
}

/**
 * The scope and figure a query names, checked: a span needs both ends, a version its flow, and a
 * figure a span; one figure at a time.
 *
 * @throws AppError `invalid_request` naming the problem.
 */
function figureFilter(query: FigureQuery): {
  scope?: ConversationScope;
  figure?: ConversationFigure;
} {
  const { from, to, flow_id: flowId, flow_version: flowVersion } = query;
  assertFlowOfVersion(flowId, flowVersion);
  const figures: ConversationFigure[] = [
    ...(query.figure ? [{ kind: query.figure }] : []),
    ...(query.intent ? [{ kind: "intent" as const, intent: query.intent }] : []),
    ...(query.question ? [{ kind: "question" as const, question: query.question }] : []),
  ];
  if (figures.length > 1)
    throw new AppError("invalid_request", "Name one of figure, intent and question, not several.");
  if (from === undefined || to === undefined) {
    if (from !== undefined || to !== undefined)
      throw new AppError("invalid_request", "from and to go together: name both days or neither.");
    if (figures.length > 0 || flowVersion !== undefined)
      throw new AppError(
        "invalid_request",
        "A figure or flow_version needs the days: from and to.",
      );
    return {};
  }
  return { scope: { ...scopeOfDays({ from, to }), flowId, flowVersion }, figure: figures[0] };
}
