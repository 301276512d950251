import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { InboxNotice } from "../../../runtime/src/conversations/conversation-events.ts";
import {
  ADMIN_TOKEN,
  api,
  as,
  type ChatClient,
  connectChat,
  startTestServer,
  type TestServer,
} from "../server/test-server.ts";
import { createStaffUser } from "./staff-users.ts";

let server: TestServer;
let customer: ChatClient;
let agent: { id: string; token: string };
let colleague: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  customer = await connectChat(server.wsUrl);
  agent = await createStaffUser(server.running.services, "agent", "Nia");
  colleague = await createStaffUser(server.running.services, "agent", "Omar");
}, 30_000);

afterAll(async () => {
  customer.close();
  await server.stop();
});

const as_ =
  (token: string) =>
  (path: string, method = "GET", body?: unknown) =>
    api(server, path, { method, token, body });

/** The inbox's server-sent events, read as they come. */
async function inboxEvents(token: string) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/handoffs/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    status: response.status,
    async next(type: InboxNotice["type"]): Promise<InboxNotice> {
      for (;;) {
        const frames = buffer.split("\n\n");
        buffer = frames.pop() ?? "";
        for (const [index, frame] of frames.entries()) {
          const data = frame.split("\n").find((line) => line.startsWith("data: "));
          const notice = data ? (JSON.parse(data.slice(6)) as InboxNotice) : undefined;
          if (notice?.type === type) {
            buffer = `${frames.slice(index + 1).join("\n\n")}${buffer ? `\n\n${buffer}` : ""}`;
            return notice;
          }
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${type}`);
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

describe("the agent inbox", () => {
  it("hears of a new handoff live, lets an agent claim it, and shows the customer the agent's name live and after a reload", async () => {
    const events = await inboxEvents(agent.token);
    expect(events.status).toBe(200);
    const turn = await customer.turn({ user_id: "rita", question: "Can I talk to a real person?" });
    const chatId = as(turn[0], "start").chat_id;
    expect(await events.next("handoff_opened")).toEqual({ type: "handoff_opened", chatId });

    const asAgent = as_(agent.token);
    const { body: list } = await asAgent("/api/handoffs");
    const handoff = (list as { id: string; chatId: string; channel: string }[]).find(
      (open) => open.chatId === chatId,
    );
    expect(handoff).toMatchObject({ channel: "web", assigneeName: null });
    const id = (handoff as { id: string }).id;

    await customer.turn({ user_id: "rita", question: "hello?", chat_id: chatId });
    expect(await events.next("customer_message")).toEqual({ type: "customer_message", chatId });
    const { body: unread } = await asAgent("/api/handoffs");
    expect((unread as { id: string; unread: number }[]).find((h) => h.id === id)?.unread).toBe(1);

    const { body: context } = await asAgent(`/api/handoffs/${id}`);
    expect((context as { path: string[] }).path).toContain("classify");
    const claimed = await asAgent(`/api/handoffs/${id}/claim`, "POST");
    expect(claimed.body).toMatchObject({ assigneeId: agent.id, assigneeName: "Nia" });
    const taken = await as_(colleague.token)(`/api/handoffs/${id}/claim`, "POST");
    expect(taken.status).toBe(409);

    const reply = await asAgent(`/api/handoffs/${id}/reply`, "POST", {
      text: "Hi Rita, Nia here.",
    });
    expect(reply.body).toMatchObject({ agent: "Nia" });
    expect(as(await customer.next("handoff"), "handoff")).toMatchObject({
      action: "agent_message",
      agent: "Nia",
      content: "Hi Rita, Nia here.",
    });

    // A reload: a new socket, the history, and `resume` for the chat's state and live events.
    const reloaded = await connectChat(server.wsUrl);
    reloaded.send({ type: "resume", chat_id: chatId, user_id: "rita" });
    expect(await reloaded.next("handoff")).toEqual({
      type: "handoff",
      action: "state",
      chat_id: chatId,
      state: "agent",
      agent: "Nia",
    });
    const { body: history } = await api(server, `/api/chats/${chatId}/messages?user_id=rita`);
    expect(history).toContainEqual(
      expect.objectContaining({ role: "agent", agent: "Nia", content: "Hi Rita, Nia here." }),
    );
    await asAgent(`/api/handoffs/${id}/reply`, "POST", { text: "Still there?" });
    expect(await reloaded.next("handoff")).toMatchObject({ action: "agent_message", agent: "Nia" });

    const { body: agents } = await asAgent("/api/handoffs/agents");
    expect(agents).toContainEqual({ id: colleague.id, name: "Omar" });
    const transfer = await as_(ADMIN_TOKEN)(`/api/handoffs/${id}/assign`, "POST", {
      userId: colleague.id,
    });
    expect(transfer.body).toMatchObject({ assigneeName: "Omar" });

    await as_(colleague.token)(`/api/handoffs/${id}/handback`, "POST");
    expect(await reloaded.next("handoff")).toMatchObject({ action: "handed_back" });
    const again = await connectChat(server.wsUrl);
    again.send({ type: "resume", chat_id: chatId, user_id: "rita" });
    expect(await again.next("handoff")).toMatchObject({ state: "handed_back", agent: null });

    const { body: audit } = await as_(ADMIN_TOKEN)("/api/audit/?limit=200");
    const steps = (audit as { action: string; actorName: string }[])
      .filter((entry) => entry.action.startsWith("handoff."))
      .map((entry) => `${entry.actorName} ${entry.action}`)
      .reverse();
    expect(steps).toEqual([
      "Nia handoff.claim",
      "Nia handoff.reply",
      "Nia handoff.reply",
      "admin handoff.transfer",
      "Omar handoff.hand_back",
    ]);
    for (const socket of [reloaded, again]) socket.close();
    events.close();
  });
  it("shows the agent the customer's variables, lead, recent intents and path on the flow", async () => {
    const lena = await connectChat(server.wsUrl);
    const say = async (question: string, chatId?: string) =>
      as(
        (await lena.turn({ user_id: "lena", question, ...(chatId && { chat_id: chatId }) }))[0],
        "start",
      ).chat_id;
    const chatId = await say("We'd like to buy e-bikes for the delivery team at our company");
    for (const answer of [
      "Lena Park",
      "lena@acme.io",
      "Acme Logistics",
      "We need 12 bikes, our budget is around $30,000 and we'd like them within 2 months",
      "I'd rather talk to an actual person about my order please",
    ])
      await say(answer, chatId);
    const { body: list } = await as_(agent.token)("/api/handoffs");
    const id = (list as { id: string; chatId: string }[]).find(
      (open) => open.chatId === chatId,
    )?.id;
    const { status, body } = await as_(agent.token)(`/api/handoffs/${id}`);
    expect(status).toBe(200);
    const context = body as {
      variables: Record<string, unknown>;
      leads: { variable: string; values: Record<string, unknown> }[];
      intents: { name: string; confidence: number; at: string }[];
      path: string[];
      flow: { id: string; nodes: { id: string }[] } | null;
    };
    expect(context.leads).toEqual([
      {
        variable: "lead",
        values: expect.objectContaining({
          name: "Lena Park",
          email: "lena@acme.io",
          company: "Acme Logistics",
          fleet_size: 12,
        }),
      },
    ]);
    expect(context.variables.lead).toEqual(context.leads[0]?.values);
    expect(context.intents[0]?.name).toBe("human");
    expect(context.intents.map((intent) => intent.name)).toContain("buy");
    expect(context.path).toContain("escalate");
    // The path's nodes are the flow version's, so the inbox draws them on its canvas.
    const nodeIds = new Set(context.flow?.nodes.map((node) => node.id));
    expect(context.flow?.id).toBe("support");
    expect(context.path.every((node) => nodeIds.has(node))).toBe(true);
    lena.close();
  });
});
