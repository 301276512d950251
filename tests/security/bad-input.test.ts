import { expect, it } from "bun:test";
import { api, connectChat } from "../runtime/server/test-server.ts";
import { describeServedRuntime } from "./served-runtime.ts";

describeServedRuntime("bad input", {}, (served) => {
  it("refuses a NUL or a lone surrogate in a message's text and ids, naming the field", async () => {
    const client = await connectChat(served().wsUrl);
    const cases = [
      [{ user_id: "ana", question: "hi\u0000there" }, "question contains a NUL character."],
      [{ user_id: "a\u0000b", question: "hi" }, "user_id contains a NUL character."],
      [
        { user_id: "ana\ud800", question: "hi" },
        "user_id is not well-formed Unicode (it has a lone surrogate).",
      ],
      [{ user_id: "ana", question: "hi", chat_id: "c\u0000" }, "chat_id contains a NUL character."],
      [
        { user_id: "ana", question: "hi", session_id: "\udc00" },
        "session_id is not well-formed Unicode (it has a lone surrogate).",
      ],
    ] as const;
    for (const [message, expected] of cases) {
      const events = await client.turn(message);
      expect(events).toEqual([{ type: "error", code: "invalid_request", message: expected }]);
    }
    // The process keeps serving.
    expect((await client.turn({ user_id: "ana", question: "Hi!" })).at(-1)?.type).toBe("end");
    client.close();
  });

  it("answers the same 400 naming the field for NULs and out-of-range numbers in REST calls", async () => {
    const server = served();
    const cases = [
      ["/api/chats/?user_id=a%00b", "user_id"],
      ["/api/chats/?user_id=ana&before=not-a-date", "before"],
      ["/api/chats/?user_id=ana&before=2024-01-01T00:00:00.000Z%00", "before"],
      ["/api/chats/some-chat/messages?user_id=ana&before=1e20", "before"],
      ["/api/chats/some-chat/messages?user_id=ana&before=-1", "before"],
      ["/api/chats/a%00b/messages?user_id=ana", "id"],
      ["/api/chats/some-chat/sessions?user_id=x%00", "user_id"],
    ] as const;
    for (const [path, field] of cases) {
      const { status, body } = await api(server, path);
      expect({ path, status }).toEqual({ path, status: 400 });
      expect(body).toMatchObject({ code: "invalid_request" });
      expect((body as { message: string }).message).toContain(field);
    }
    const title = await api(server, "/api/chats/some-chat/title?user_id=ana", {
      method: "PATCH",
      body: { title: "bad\u0000title" },
    });
    expect(title.status).toBe(400);
    expect((title.body as { message: string }).message).toContain("title");
  });
});
