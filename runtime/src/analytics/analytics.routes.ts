import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import { assertFlowOfVersion } from "../conversations/index.ts";
import type { Services } from "../services.ts";
import { ScopeQuery } from "../shared-schemas.ts";
import { analyticsReport } from "./analytics-report.ts";

const Rate = t.Nullable(
  t.Number({ description: "A share from 0 to 1; null with nothing to count" }),
);

const Figures = t.Object({
  conversations: t.Integer(),
  contained: t.Integer({ description: "Conversations never handed to a human" }),
  containmentRate: Rate,
  handedOff: t.Integer(),
  handoffRate: Rate,
  turns: t.Integer({ description: "The users' turns" }),
  fallbacks: t.Integer({ description: "Turns whose classifier found no intent it knows" }),
  fallbackRate: Rate,
  noAnswers: t.Integer({ description: "Turns the knowledge base had no answer for" }),
  noAnswerRate: Rate,
  turnsPerConversation: t.Nullable(t.Number()),
  ratings: t.Integer({ description: "Turns users gave feedback on" }),
  averageScore: t.Nullable(t.Number()),
  positive: t.Integer(),
  negative: t.Integer(),
});

const Report = t.Object({
  from: t.String(),
  to: t.String(),
  flowId: t.Nullable(t.String()),
  flowVersion: t.Nullable(t.Integer()),
  totals: Figures,
  days: t.Array(t.Composite([t.Object({ day: t.String() }), Figures])),
  topIntents: t.Array(t.Object({ intent: t.String(), turns: t.Integer() })),
  unanswered: t.Array(t.Object({ question: t.String(), turns: t.Integer() })),
});

/** `GET /api/analytics`: what conversations came to, over a span of days; for viewers and up. */
export function analyticsRoutes({ database, tokens }: Services) {
  return new Elysia({ prefix: "/api/analytics", tags: ["Analytics"] }).use(authGuard(tokens)).get(
    "/",
    ({ query }) => {
      assertFlowOfVersion(query.flow_id, query.flow_version);
      return analyticsReport(database, {
        from: query.from,
        to: query.to,
        flowId: query.flow_id,
        flowVersion: query.flow_version,
      });
    },
    {
      auth: "viewer",
      query: t.Object(ScopeQuery),
      response: Report,
      detail: {
        summary:
          "Conversations, containment, handoff, fallback and no-answer rates, turns, feedback, top intents and unanswered questions, in total and by day",
      },
    },
  );
}
