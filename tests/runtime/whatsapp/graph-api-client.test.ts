import { afterAll, beforeEach, describe, expect, it } from "bun:test";
import { createGraphApiClient } from "../../../runtime/src/whatsapp/graph-api-client.ts";
import { GraphApiError } from "../../../runtime/src/whatsapp/graph-api-error.ts";
import type { GraphMessage } from "../../../runtime/src/whatsapp/graph-message.ts";
import { startWhatsAppGraph } from "../../stand-ins/whatsapp-graph.ts";
import { fixture } from "./meta-webhooks.ts";

const TOKEN = "EAAJB3ZAq8dmABAGHb0ZBfIE";
const PHONE_NUMBER_ID = "106540352242922";
const graph = startWhatsAppGraph({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID });
afterAll(() => graph.stop());

const sendText = fixture<GraphMessage>("send_text_request.meta.json");
const waits: number[] = [];
const client = (overrides: Partial<Parameters<typeof createGraphApiClient>[0]> = {}) =>
  createGraphApiClient({
    baseUrl: graph.url,
    version: "v26.0",
    phoneNumberId: PHONE_NUMBER_ID,
    accessToken: TOKEN,
    retry: { attempts: 4, backoffMs: 10, rateLimitBackoffMs: 40, maxBackoffMs: 1_000 },
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });

const failure = async (promise: Promise<unknown>): Promise<GraphApiError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphApiError) return error;
    throw error;
  }
  throw new Error("expected a GraphApiError");
};

beforeEach(() => {
  graph.requests.length = 0;
  waits.length = 0;
});

describe("createGraphApiClient", () => {
  it("posts Meta's example to /{version}/{phone-number-id}/messages with the bearer token", async () => {
    const sent = await client().send(sendText);
    expect(sent).toEqual({ id: expect.stringMatching(/^wamid\./), attempts: 1 });
    expect(graph.requests).toMatchObject([
      {
        version: "v26.0",
        phoneNumberId: PHONE_NUMBER_ID,
        authorization: `Bearer ${TOKEN}`,
        body: sendText,
      },
    ]);
  });

  it("answers like Meta's documented response", async () => {
    const response = await fetch(`${graph.url}/v26.0/${PHONE_NUMBER_ID}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(sendText),
    });
    const expected = fixture<Record<string, unknown>>("send_text_response.meta.json");
    expect(Object.keys(await response.json()).sort()).toEqual(Object.keys(expected).sort());
  });

  it("accepts the reference's reply-button and list examples", async () => {
    const examples = fixture<{ requestExamples: Record<string, GraphMessage> }>(
      "openapi_messages_endpoint_examples.json",
    ).requestExamples;
    for (const name of ["Send Reply Button", "Send List Message", "Send Text Message"]) {
      const example = { ...examples[name], to: "16505551234" } as GraphMessage;
      expect((await client().send(example)).attempts).toBe(1);
    }
  });

  it("marks a message as read", async () => {
    const request = fixture<{ message_id: string }>("mark_as_read_request.meta.json");
    expect(await client().markAsRead(request.message_id)).toEqual({ attempts: 1 });
    expect(graph.requests[0]?.body).toEqual(request);
    expect(graph.reads).toEqual([request.message_id]);
  });

  it("retries server errors and dropped connections with growing waits", async () => {
    graph.fail(
      {
        kind: "error",
        status: 500,
        code: 2,
        message: "An unexpected error occurred. Please retry your request",
      },
      { kind: "drop" },
      { kind: "error", status: 503, code: 133004, message: "Server temporarily unavailable" },
    );
    const retries: string[] = [];
    const sent = await client().send(sendText, (error, attempt) =>
      retries.push(`${attempt}: ${error.describe()}`),
    );
    expect(sent.attempts).toBe(4);
    expect(graph.messages).toHaveLength(1);
    expect(retries).toEqual([
      "1: #2 An unexpected error occurred. Please retry your request (HTTP 500)",
      expect.stringMatching(/^2: The Graph API could not be reached/),
      "3: #133004 Server temporarily unavailable (HTTP 503)",
    ]);
    expect(waits[0]).toBeGreaterThanOrEqual(5);
    expect(waits[0]).toBeLessThanOrEqual(10);
    expect(waits[2]).toBeGreaterThanOrEqual(20);
  });

  it("waits longer on rate limits, including 130429 sent with HTTP 400, and honours Retry-After", async () => {
    const rateLimit = fixture<{
      error: { message: string; code: number; error_data: { details: string } };
    }>("graph_error_130429_rate_limit.meta.json").error;
    graph.fail(
      {
        kind: "error",
        status: 400,
        code: rateLimit.code,
        message: rateLimit.message,
        details: rateLimit.error_data.details,
      },
      {
        kind: "error",
        status: 429,
        code: 4,
        message: "Application request limit reached",
        retryAfter: 2,
      },
    );
    expect((await client().send(sendText)).attempts).toBe(3);
    expect(waits[0]).toBeGreaterThanOrEqual(20);
    expect(waits[1]).toBeGreaterThanOrEqual(2_000);
  });

  it.each([
    [131047, 400, "Re-engagement message"],
    [131026, 400, "Message undeliverable"],
    [131021, 400, "Recipient cannot be sender"],
    [100, 400, "Invalid parameter"],
    [190, 401, "Error validating access token: Session has expired"],
  ])("gives up at once on permanent error %i", async (code, status, message) => {
    graph.fail({ kind: "error", status, code, message });
    const error = await failure(client().send(sendText));
    expect(error).toMatchObject({ kind: "permanent", code, httpStatus: status });
    expect(graph.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("keeps Meta's details in the error it gives up with", async () => {
    const reengagement = fixture<{
      code: number;
      message: string;
      error_data: { details: string };
    }>("error_object_131047_reengagement.pywa.json");
    graph.fail({
      kind: "error",
      status: 400,
      code: reengagement.code,
      message: reengagement.message,
      details: reengagement.error_data.details,
    });
    const error = await failure(client().send(sendText));
    expect(error.describe()).toBe(
      "#131047 Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number. (HTTP 400)",
    );
  });

  it("stops after its last attempt with the last failure", async () => {
    graph.fail(
      ...Array.from({ length: 4 }, () => ({
        kind: "error" as const,
        status: 500,
        code: 131000,
        message: "Something went wrong",
      })),
    );
    const error = await failure(client().send(sendText));
    expect(error).toMatchObject({ kind: "transient", code: 131000 });
    expect(graph.requests).toHaveLength(4);
  });

  it("treats an unreachable host as a network error and retries it", async () => {
    const error = await failure(client({ baseUrl: "http://127.0.0.1:9" }).send(sendText));
    expect(error).toMatchObject({ kind: "transient", code: null, httpStatus: null });
    expect(waits).toHaveLength(3);
  });

  it("is refused with Meta's 190 error for a wrong token", async () => {
    const error = await failure(client({ accessToken: "wrong" }).send(sendText));
    expect(error).toMatchObject({ kind: "permanent", code: 190, httpStatus: 401 });
  });
});
