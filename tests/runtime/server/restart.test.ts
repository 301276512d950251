import { afterAll, describe, expect, it } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { api, as, connectChat, repliesOf, startTestServer } from "./test-server.ts";

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe("restarting the server mid-conversation", () => {
  it("closes sockets with a close frame, and the conversation resumes where it was", async () => {
    const first = await startTestServer();
    cleanup.push(() => rm(first.dataDir, { recursive: true, force: true }));
    const before = await connectChat(first.wsUrl);
    const opening = await before.turn({
      user_id: "eva",
      question: "I'd like a quote for 20 bikes for our delivery team",
    });
    const { chat_id: chatId, session_id: sessionId } = as(opening[0], "start");
    const named = await before.turn({ user_id: "eva", question: "Eva Stone", chat_id: chatId });
    expect(repliesOf(named).join(" ")).toContain("email");

    await first.stop({ keepData: true });
    expect((await before.closed).code).toBe(1001);

    const second = await startTestServer({ DATA_DIR: first.dataDir });
    cleanup.push(() => second.stop({ keepData: true }));
    const after = await connectChat(second.wsUrl);
    const resumed = await after.turn({
      user_id: "eva",
      question: "eva@stoneworks.com",
      chat_id: chatId,
      session_id: sessionId,
    });
    expect(as(resumed[0], "start").session_id).toBe(sessionId);
    expect(repliesOf(resumed).join(" ")).toContain("company");
    const history = await api(second, `/api/chats/${chatId}/messages?user_id=eva`);
    expect((history.body as { content: string }[]).map((m) => m.content)).toContain("Eva Stone");
    after.close();
  });
});

describe("graceful shutdown", () => {
  it("lets a running turn finish before closing its socket", async () => {
    // An API that answers slowly keeps the turn running while the server stops.
    const slowApi = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: async () => {
        await Bun.sleep(400);
        return Response.json({ ok: true });
      },
    });
    cleanup.push(async () => slowApi.stop(true));
    const flowsDir = await mkdtemp(join(tmpdir(), "switchboard-flows-"));
    cleanup.push(() => rm(flowsDir, { recursive: true, force: true }));
    await writeFile(join(flowsDir, "slow.flow.json"), JSON.stringify(slowFlow(slowApi.port ?? 0)));
    // The slow API listens on this machine, which http nodes may call only once it is allowed.
    const server = await startTestServer({
      FLOWS_DIR: flowsDir,
      DEFAULT_FLOW: "slow",
      HTTP_ALLOWED_HOSTS: "127.0.0.1",
    });

    const client = await connectChat(server.wsUrl);
    client.send({ user_id: "fay", question: "hello" });
    as(await client.next(), "start");
    const stopped = server.stop();
    expect(as(await client.next("agent_response"), "agent_response").content).toBe("Done.");
    expect(as(await client.next("end"), "end").status).toBe("ended");
    expect((await client.closed).code).toBe(1001);
    await stopped;
    // Stopped means no longer listening.
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

function slowFlow(port: number) {
  return {
    id: "slow",
    name: "Slow",
    version: 1,
    entry: "call",
    models: [],
    knowledge: [],
    variables: [{ name: "ok", type: "boolean", default: false }],
    nodes: [
      {
        id: "call",
        type: "http",
        title: "Slow API",
        position: { x: 0, y: 0 },
        config: { url: `http://127.0.0.1:${port}/slow`, map: [{ variable: "ok", path: "ok" }] },
      },
      {
        id: "done",
        type: "reply",
        title: "Done",
        position: { x: 0, y: 100 },
        config: { text: "Done." },
      },
    ],
    edges: [{ source: "call", target: "done" }],
  };
}
