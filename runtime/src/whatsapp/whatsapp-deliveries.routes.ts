import { Elysia, type Static, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import { AppError } from "../errors.ts";
import type { Services } from "../services.ts";
import { IdParams, PageLimit } from "../shared-schemas.ts";
import { type GraphMessage, messageText } from "./graph-message.ts";
import type { OutgoingMessage } from "./whatsapp.table.ts";
import { listFailedOutgoing } from "./whatsapp-outbox.repository.ts";

const Delivery = t.Object({
  id: t.String(),
  waId: t.String(),
  chatId: t.Nullable(t.String()),
  turnId: t.Nullable(t.String()),
  status: t.String(),
  attempts: t.Number(),
  errorCode: t.Nullable(t.Number()),
  error: t.Nullable(t.String()),
  body: t.String(),
  /** What the phone would have read: the text, or an interactive message's body. */
  text: t.String(),
  createdAt: t.String(),
  updatedAt: t.String(),
});

/** A WhatsApp message as the dead-letter routes show it. */
export type WhatsAppDelivery = Static<typeof Delivery>;

const toDelivery = (row: OutgoingMessage): WhatsAppDelivery => ({
  ...row,
  text: messageText(JSON.parse(row.body) as GraphMessage),
});

/**
 * The WhatsApp dead letters (the schema leaves out the outbox's other columns), for admins: `GET /api/whatsapp/deliveries?state=failed` lists the
 * messages that could not be sent, with Meta's error; `POST …/{id}/resend` sends one again.
 */
export function whatsappDeliveryRoutes({ whatsapp, database, tokens }: Services) {
  const channel = () => {
    if (!whatsapp.channel)
      throw new AppError("unavailable", "The WhatsApp channel is off on this server.");
    return whatsapp.channel;
  };
  return new Elysia({ prefix: "/api/whatsapp/deliveries", tags: ["WhatsApp"] })
    .use(authGuard(tokens))
    .get("/", async ({ query }) => (await listFailedOutgoing(database.db, query)).map(toDelivery), {
      auth: "admin",
      query: t.Object({ state: t.Literal("failed"), limit: PageLimit }),
      response: t.Array(Delivery),
      detail: { summary: "WhatsApp messages that could not be sent, the latest first" },
    })
    .post(
      "/:id/resend",
      async ({ params, set }) => {
        const row = await channel().resend(params.id);
        if (!row)
          throw new AppError("not_found", `There is no failed WhatsApp message "${params.id}".`);
        set.status = 202;
        return toDelivery(row);
      },
      {
        auth: "admin",
        params: IdParams,
        response: { 202: Delivery },
        detail: { summary: "Sends a failed WhatsApp message again" },
      },
    );
}
