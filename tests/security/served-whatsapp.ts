import { afterAll, expect } from "bun:test";
import { signBody } from "../../runtime/src/whatsapp/verify-signature.ts";
import type { TestServer } from "../runtime/server/test-server.ts";
import { ACCESS_TOKEN, APP_SECRET } from "../runtime/whatsapp/channel-harness.ts";
import {
  BUSINESS_PHONE_NUMBER_ID,
  notification,
  textMessage,
} from "../runtime/whatsapp/meta-webhooks.ts";
import { startWhatsAppGraph } from "../stand-ins/whatsapp-graph.ts";

/** The Graph API stand-in of a test file's served runtimes, stopped after the file. */
export function servedGraph() {
  const graph = startWhatsAppGraph({
    accessToken: ACCESS_TOKEN,
    phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
  });
  afterAll(() => graph.stop());
  return {
    graph,
    /** The services' environment that turns the WhatsApp channel on, against the stand-in. */
    env: {
      WHATSAPP_VERIFY_TOKEN: "verify-me",
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: BUSINESS_PHONE_NUMBER_ID,
      WHATSAPP_GRAPH_BASE_URL: graph.url,
    },
  };
}

/** Posts a webhook notification to the server at `url`, signed as Meta signs it. */
export function postSigned(url: string, payload: object): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${url}/webhook/whatsapp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signBody(body, APP_SECRET),
    },
    body,
  });
}

/** Posts a phone's texts in one signed webhook, as Meta does, and waits until they are answered. */
export async function postTexts(server: TestServer, phone: string, texts: string[]): Promise<void> {
  const response = await postSigned(
    server.url,
    notification({ messages: texts.map((text) => textMessage(phone, text)) }),
  );
  expect(response.status).toBe(200);
  await server.running.services.whatsapp.channel?.idle();
}
