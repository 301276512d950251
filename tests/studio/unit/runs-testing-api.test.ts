import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { createClient } from "../../../studio/src/api/client.ts";
import { createChatController } from "../../../studio/src/runs/chat-controller.ts";
import { chatStatus, newChatSession } from "../../../studio/src/runs/chat-session.ts";
import { summarizeRun } from "../../../studio/src/runs/simulation-report.ts";
import { createTestingApi, type TestingApi } from "../../../studio/src/runs/testing-api.ts";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "../../runtime/server/test-server.ts";

let server: TestServer;
let api: TestingApi;
const failures: string[] = [];

/** The testing API over a real server, through the studio's own Eden client. */
beforeAll(async () => {
  server = await startTestServer();
  api = createTestingApi(createClient(ADMIN_TOKEN, server.url), (error) =>
    failures.push(error.code),
  );
});

afterAll(async () => {
  await server.stop();
});

describe("the testing API against the runtime", () => {
  it("streams a test turn of the draft into the chat, node by node, then the next on the same thread", async () => {
    const chat = createChatController(api.startTestTurn, newChatSession("support"));
    const seenSteps = new Set<number>();
    chat.subscribe(() =>
      seenSteps.add(chat.getState().session.turns[0]?.timeline.steps.length ?? 0),
    );
    await chat.send({ kind: "user", text: "what time do you open on sunday?" });

    const turn = chat.getState().session.turns[0]?.timeline;
    expect(turn?.status).toBe("done");
    expect(turn?.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["classify", "done"],
      ["faq", "done"],
    ]);
    expect(turn?.steps[0]?.route).toBe("question");
    expect(turn?.steps[0]?.output?.intent?.name).toBe("question");
    expect(turn?.replies.map((r) => r.text).join(" ")).toContain("Sunday");
    expect(seenSteps).toContain(1);

    await chat.send({ kind: "user", text: "and how long do refunds take?" });
    const second = chat.getState().session.turns[1]?.timeline;
    expect(second?.steps[0]?.input?.intent?.name).toBe("question");
    expect(chatStatus(chat.getState().session)).toBe("waiting");
  });

  it("answers a turn that can't start with the runtime's error", async () => {
    const started = await api.startTestTurn(
      "nope",
      { input: { kind: "user", text: "hi" }, version: "draft", threadId: "t1" },
      new AbortController().signal,
    );
    expect(started).toMatchObject({ ok: false, error: { status: 404, code: "not_found" } });
    expect(failures).toContain("not_found");
  });

  it("reads and runs the flow's simulations, with coverage", async () => {
    const listed = await api.listSimulations("support");
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.data.simulations.length).toBeGreaterThan(0);

    const run = await api.runSimulations("support", {
      simulations: listed.data.simulations.slice(0, 1),
    });
    if (!run.ok) throw new Error(run.error.message);
    const summary = summarizeRun(run.data);
    expect(summary.failed).toBe(0);
    expect(summary.rows[0]?.turns[0]?.timeline?.steps.length).toBeGreaterThan(0);
    expect(summary.nodesTotal).toBeGreaterThan(0);
  });

  it("lists conversations and the open handoffs", async () => {
    const conversations = await api.listConversations({ flowId: "support" });
    expect(conversations).toMatchObject({ ok: true, data: [] });
    const handoffs = await api.listHandoffs();
    expect(handoffs).toMatchObject({ ok: true, data: [] });
  });
});
