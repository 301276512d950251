import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { CLIENT_TOKEN, startTestServer, type TestServer } from "./test-server.ts";

const API_TOKEN = "test-api-token-0123456789";

let server: TestServer;

beforeAll(async () => {
  // Open to anonymous visitors, as a public site calling `POST /api/chat` from the browser is.
  server = await startTestServer({ API_TOKENS: API_TOKEN, CLIENT_TOKEN: "" });
});

afterAll(() => server.stop());

interface ChatAnswer {
  chat_id: string;
  session_id: string;
  message_id: string;
  user: string;
  visitor_token?: string;
  status: string;
  replies: { message_id: string; content: string; quick_replies?: { title: string }[] }[];
  quick_replies: { id: string; title: string }[];
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** The events of an SSE body: each `event:` name with its JSON data. */
async function readEvents(res: Response): Promise<{ event: string; data: unknown }[]> {
  return (await res.text())
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = block.match(/^event: (.*)$/m)?.[1] ?? "";
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      return { event, data: JSON.parse(data) };
    });
}

describe("POST /api/chat", () => {
  it("answers one message as one JSON document, and continues the chat", async () => {
    const res = await post({ message: "Hi there!" });
    expect(res.status).toBe(200);
    const first = (await res.json()) as ChatAnswer;
    expect(first.status).toBe("waiting");
    expect(first.replies[0]?.content).toContain("welcome to Voltra Bikes");
    expect(first.quick_replies.map((button) => button.title)).toContain("Opening hours");
    expect(first.user).toMatch(/^visitor_/);
    expect(first.visitor_token).toBeString();

    const next = (await (
      await post(
        { message: "Do you take Apple Pay?", chat_id: first.chat_id },
        { authorization: `Bearer ${first.visitor_token}` },
      )
    ).json()) as ChatAnswer;
    expect(next.chat_id).toBe(first.chat_id);
    expect(next.session_id).toBe(first.session_id);
    expect(next.replies.map((reply) => reply.content).join(" ")).toContain("Apple Pay");
  });

  it("streams the turn's events as Server-Sent Events", async () => {
    const res = await post(
      { message: "Do you take Apple Pay?", flow: "faq" },
      {
        accept: "text/event-stream",
      },
    );
    expect(res.headers.get("content-type")).toStartWith("text/event-stream");
    const events = await readEvents(res);
    expect(events.map((event) => event.event)).toEqual([
      "start",
      "node",
      "token",
      "agent_response",
      "end",
    ]);
    expect(events[0]?.data).toMatchObject({
      type: "start",
      user: expect.stringMatching(/^visitor_/),
      visitor_token: expect.any(String),
    });
    expect(events.at(-1)?.data).toMatchObject({
      type: "end",
      status: "waiting",
      full_text: expect.stringContaining("Apple Pay"),
    });
  });

  it("keeps a chat to its verified user: naming that user without its token reaches nothing", async () => {
    const first = (await (await post({ message: "Hi there!" })).json()) as ChatAnswer;
    const stranger = await post({ message: "Hi", chat_id: first.chat_id, user: first.user });
    expect(stranger.status).toBe(404);
    const forged = await post(
      { message: "Hi", chat_id: first.chat_id },
      { authorization: "Bearer not-a-visitor-token" },
    );
    expect(forged.status).toBe(401);
  });

  it("lets a trusted backend name its user", async () => {
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    const first = (await (
      await post({ message: "Hi there!", user: "ada" }, auth)
    ).json()) as ChatAnswer;
    expect(first.user).toBe("ada");
    const next = await post({ message: "Hi", chat_id: first.chat_id, user: "ada" }, auth);
    expect(next.status).toBe(200);
  });

  it("names the problem of a bad request with its status, streamed or not", async () => {
    const empty = await post({ flow: "faq" });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: "invalid_request" });
    // A turn that can't start is answered with its status, streamed or not.
    for (const accept of ["text/event-stream", "application/json"]) {
      const unknown = await post({ message: "Hi", flow: "nope" }, { accept });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ code: "not_found" });
    }
  });
});

describe("POST /api/chat where anonymous visitors are not welcome (CLIENT_TOKEN set)", () => {
  let closed: TestServer;
  beforeAll(async () => {
    closed = await startTestServer({ API_TOKENS: API_TOKEN });
  });
  afterAll(() => closed.stop());

  const postTo = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${closed.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("refuses a caller with no token, and lets the client token's backend name its user", async () => {
    const stranger = await postTo({ message: "Hi there!", user: "ada" });
    expect(stranger.status).toBe(401);
    const backend = await postTo(
      { message: "Hi there!", user: "ada" },
      { authorization: `Bearer ${CLIENT_TOKEN}` },
    );
    expect(backend.status).toBe(200);
    const answer = (await backend.json()) as ChatAnswer;
    expect(answer.user).toBe("ada");
    expect(answer.visitor_token).toBeUndefined();
  });
});
