import { t } from "elysia";
import { CLEAN_TEXT_PATTERN } from "./text-problem.ts";

/**
 * A string that can be stored as it is on every dialect: no NUL character, no lone surrogate
 * (see `textProblem`). `error` names the problem where the schema alone would print its regex.
 */
export function CleanString(
  options: { minLength?: number; maxLength?: number; description?: string } = {},
) {
  return t.String({
    ...options,
    pattern: CLEAN_TEXT_PATTERN,
    error: "must be text without NUL characters or lone surrogates",
  });
}

/**
 * A record's id in a path: what the runtime's ids (UUIDs, tokens, outbox ids) are made of, so a
 * malformed one is refused naming the parameter, before any query.
 */
export const RecordId = t.String({
  pattern: "^[A-Za-z0-9._:-]{1,128}$",
  error: "must be an id: 1 to 128 letters, digits, '.', '_', ':' or '-'",
});

/** A path that names one record by its id. */
export const IdParams = t.Object({ id: RecordId });

/** How many items a page of a list holds. */
export const PageLimit = t.Optional(t.Integer({ minimum: 1, maximum: 200, default: 50 }));

/** A chat as the chat and conversation lists return it. */
export const Chat = t.Object({
  id: t.String(),
  userId: t.String(),
  channel: t.String(),
  title: t.Nullable(t.String()),
  preview: t.Nullable(t.String()),
  messageCount: t.Integer({ minimum: 0 }),
  createdAt: t.String(),
  updatedAt: t.String(),
});

const Day = (description: string) =>
  t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", error: "must be a day, YYYY-MM-DD", description });

/** The query of a span of days (UTC, both included) on one flow, one of its versions, or all. */
export const ScopeQuery = {
  from: Day("The first day"),
  to: Day("The last day, included"),
  flow_id: t.Optional(CleanString({ minLength: 1, description: "One flow; all when absent" })),
  flow_version: t.Optional(
    t.Integer({ minimum: 1, description: "One version of the flow (needs flow_id)" }),
  ),
};
