import { t } from "elysia";

/** A path that names one record by its id. */
export const IdParams = t.Object({ id: t.String({ minLength: 1 }) });

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
