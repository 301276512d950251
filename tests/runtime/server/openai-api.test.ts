import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import OpenAI from "openai";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./test-server.ts";

const API_TOKEN = "test-api-token-0123456789";

let server: TestServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startTestServer({ API_TOKENS: API_TOKEN, RATE_LIMIT_PER_MINUTE: "20" });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: API_TOKEN, maxRetries: 0 });
});

afterAll(() => server.stop());

describe("the OpenAI-compatible API, through the official openai client", () => {
  it("lists each published flow as a model", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(["escalation", "faq", "sales", "suporte", "support"]);
    expect((await client.models.retrieve("faq")).owned_by).toBe("switchboard");
  });

  it("answers a chat completion with the flow's replies, and continues the chat by its id", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "support", messages: [{ role: "user", content: "Hi there!" }] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.model).toBe("support");
    expect(data.choices[0]?.message.role).toBe("assistant");
    expect(data.choices[0]?.message.content).toContain("welcome to Voltra Bikes");
    expect(data.choices[0]?.finish_reason).toBe("stop");
    expect(data.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    const chatId = response.headers.get("x-switchboard-chat-id");
    expect(chatId).toBeTruthy();

    const next = await client.chat.completions.create(
      {
        model: "support",
        messages: [
          { role: "user", content: "Hi there!" },
          { role: "assistant", content: data.choices[0]?.message.content ?? "" },
          { role: "user", content: "Do you take Apple Pay?" },
        ],
      },
      { headers: { "X-Switchboard-Chat-Id": chatId ?? "" } },
    );
    expect(next.choices[0]?.message.content).toContain("Apple Pay");
    const messages = await fetch(`${server.url}/api/chats/${chatId}/messages`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    }).then((res) => res.json() as Promise<{ content: string }[]>);
    expect(messages.map((message) => message.content)).toContain("Do you take Apple Pay?");
    expect(messages.filter((message) => message.content === "Hi there!")).toHaveLength(1);
  });

  it("streams a chat completion as chunks, with usage when asked", async () => {
    const stream = await client.chat.completions.create({
      model: "faq",
      messages: [{ role: "user", content: "Do you take Apple Pay?" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("Apple Pay");
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(0);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it("collects a stream into one message with the client's helper", async () => {
    const runner = client.chat.completions.stream({
      model: "support",
      messages: [{ role: "user", content: "Hi there!" }],
    });
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toContain("welcome to Voltra Bikes");
  });

  it("refuses a wrong key, an unknown model and a bad request in OpenAI's error shape", async () => {
    const stranger = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "nope", maxRetries: 0 });
    const denied = await stranger.models.list().catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((denied as InstanceType<typeof OpenAI.APIError>).code).toBe("invalid_api_key");

    const unknown = await client.chat.completions
      .create({ model: "nope", messages: [{ role: "user", content: "Hi" }] })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ code: "model_not_found", param: "model" });

    const bad = await client.chat.completions
      .create({ model: "faq", messages: [{ role: "system", content: "Be nice" }] })
      .catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad).toMatchObject({ type: "invalid_request_error", param: "messages.0.role" });

    const raw = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      error: {
        message: "The request body is not valid JSON.",
        type: "invalid_request_error",
        code: null,
        param: null,
      },
    });
  });

  it("continues a conversation the client names with its own id, as clients that resend the history do", async () => {
    const ask = (user: string, content: string) =>
      client.chat.completions
        .create(
          { model: "support", user, messages: [{ role: "user", content }] },
          { headers: { "X-Switchboard-Conversation": "webui-chat-42" } },
        )
        .withResponse();
    const first = await ask("ada", "Hi there!");
    const second = await ask("ada", "Do you take Apple Pay?");
    const chatId = first.response.headers.get("x-switchboard-chat-id");
    expect(second.response.headers.get("x-switchboard-chat-id")).toBe(chatId);
    // The same id from another user is another conversation.
    const other = await ask("bob", "Hi there!");
    expect(other.response.headers.get("x-switchboard-chat-id")).not.toBe(chatId);
    // Open WebUI's forwarded user, when the request names none.
    const forwarded = await client.chat.completions
      .create(
        { model: "support", messages: [{ role: "user", content: "Hi there!" }] },
        {
          headers: { "X-OpenWebUI-User-Id": "ada", "X-Switchboard-Conversation": "webui-chat-42" },
        },
      )
      .withResponse();
    expect(forwarded.response.headers.get("x-switchboard-chat-id")).toBe(chatId);
  });

  it("keeps a backend-named user's chats to that user", async () => {
    const { response } = await client.chat.completions
      .create({ model: "support", user: "ada", messages: [{ role: "user", content: "Hi there!" }] })
      .withResponse();
    const chatId = response.headers.get("x-switchboard-chat-id") ?? "";
    const other = await client.chat.completions
      .create({
        model: "support",
        user: "bob",
        chat_id: chatId,
        messages: [{ role: "user", content: "Hi again" }],
      } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((error: unknown) => error);
    expect(other).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("holds a backend's user to the rate limit, in OpenAI's error shape", async () => {
    const user = `rate-${crypto.randomUUID()}`;
    // This server's limit: 20 messages per user per minute.
    for (let i = 0; i < 20; i++)
      await client.chat.completions.create({
        model: "faq",
        user,
        messages: [{ role: "user", content: "What time do you open?" }],
      });
    const refused = await client.chat.completions
      .create({ model: "faq", user, messages: [{ role: "user", content: "And on Sunday?" }] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refused).toMatchObject({ code: "rate_limited", type: "rate_limit_error" });
    // Another user of the same backend is not held back.
    const other = await client.chat.completions.create({
      model: "faq",
      user: `${user}-other`,
      messages: [{ role: "user", content: "What time do you open?" }],
    });
    expect(other.choices[0]?.message.content).toBeTruthy();
  });
});
