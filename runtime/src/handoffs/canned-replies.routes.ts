import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { CleanString } from "../shared-schemas.ts";
import { listCannedReplies, replaceCannedReplies } from "./canned-replies.repository.ts";

const CannedReply = t.Object({
  id: t.String(),
  position: t.Integer({ minimum: 0 }),
  text: t.String(),
  updatedBy: t.String(),
  updatedAt: t.String(),
});

/** The most canned replies a team keeps, and the longest one: the inbox shows them all. */
const MAX_REPLIES = 50;
const MAX_LENGTH = 2_000;

/**
 * The team's canned replies under `/api/canned-replies`, kept on the server for every agent:
 * agents (and viewers) read them, admins and editors replace the list. Each change is audited.
 */
export function cannedReplyRoutes({ database, tokens, audit }: Services) {
  return new Elysia({ prefix: "/api/canned-replies", tags: ["Handoffs"] })
    .use(authGuard(tokens))
    .get("/", () => listCannedReplies(database.db), {
      auth: ["viewer", "agent"],
      response: t.Array(CannedReply),
      detail: { summary: "The team's canned replies, in their order" },
    })
    .put(
      "/",
      async ({ body, principal }) => {
        const replies = await replaceCannedReplies(database.db, body.replies, principal.name);
        await audit.record(principal, "canned_replies.update", null, { count: replies.length });
        return replies;
      },
      {
        auth: "editor",
        body: t.Object({
          replies: t.Array(CleanString({ minLength: 1, maxLength: MAX_LENGTH }), {
            maxItems: MAX_REPLIES,
          }),
        }),
        response: t.Array(CannedReply),
        detail: { summary: "Replaces the team's canned replies with these texts, in this order" },
      },
    );
}
