import { Elysia, t } from "elysia";
import { AppError } from "../errors.ts";
import type { WhatsAppService } from "./whatsapp-service.ts";

const PATH = "/webhook/whatsapp";
const plainText = { "content-type": "text/plain; charset=utf-8" };

/**
 * Meta's webhook for the WhatsApp Cloud API, public (Meta signs what it posts): `GET` answers
 * the verification handshake, `POST` takes notifications. The body is read raw (Elysia's parser
 * is off) because the signature covers the exact bytes Meta sent.
 */
export function whatsappWebhookRoutes({ whatsapp }: { whatsapp: WhatsAppService }) {
  const channel = () => {
    if (!whatsapp.channel || !whatsapp.status.enabled)
      throw new AppError(
        "unavailable",
        `The WhatsApp channel is ${whatsapp.status.enabled ? "starting" : whatsapp.status.detail}.`,
      );
    return whatsapp.channel;
  };

  return new Elysia({ tags: ["WhatsApp"] })
    .get(
      PATH,
      ({ query }) => {
        const challenge = channel().verify(query);
        if (challenge === undefined)
          return new Response("The verify token does not match.", {
            status: 403,
            headers: plainText,
          });
        return new Response(challenge, { headers: plainText });
      },
      {
        query: t.Object({
          "hub.mode": t.Optional(t.String()),
          "hub.verify_token": t.Optional(t.String()),
          "hub.challenge": t.Optional(t.String()),
        }),
        detail: {
          summary: "Meta's verification handshake: echoes hub.challenge for the verify token",
        },
      },
    )
    .post(
      PATH,
      async ({ request }) => {
        const body = new Uint8Array(await request.arrayBuffer());
        const answer = await channel().receive(body, request.headers.get("x-hub-signature-256"));
        if (answer.status === 200) return new Response("EVENT_RECEIVED", { headers: plainText });
        return Response.json(
          { code: codeOf(answer.status), message: answer.message },
          { status: answer.status },
        );
      },
      {
        parse: "none",
        detail: {
          summary:
            "WhatsApp notifications, signed with X-Hub-Signature-256: stored, acknowledged, then answered",
        },
      },
    );
}

function codeOf(status: 400 | 401 | 503): string {
  return status === 400 ? "invalid_request" : status === 401 ? "unauthorized" : "shutting_down";
}
