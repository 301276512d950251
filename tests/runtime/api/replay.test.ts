import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { ReplayJob } from "../../../runtime/src/replay/replay-service.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

let api: TestApp;
const sessions: string[] = [];

async function say(text: string, chatId?: string) {
  const turn = await api.services.chats.sendMessage(
    { userId: "ana", channel: "web", text, ...(chatId ? { chatId } : {}) } as never,
    () => {},
  );
  if (!turn) throw new Error("no turn");
  return turn;
}

async function finished(id: string): Promise<ReplayJob> {
  for (let tries = 0; tries < 200; tries++) {
    const { body } = await api.call("GET", `/api/replay/jobs/${id}`);
    if ((body as ReplayJob).status !== "running") return body as ReplayJob;
    await Bun.sleep(25);
  }
  throw new Error("the job did not finish");
}

beforeAll(async () => {
  api = await createTestApp();
  const greeted = await say("hi there");
  await say("what time do you open on sunday?", greeted.session.chatId);
  sessions.push(greeted.session.id, (await say("bye")).session.id);
});

afterAll(() => api.close());

describe("the replay API", () => {
  it("replays a session against the draft, side by side", async () => {
    const { status, body } = await api.call("POST", `/api/replay/sessions/${sessions[0]}`, {
      body: { version: "draft" },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ sessionId: sessions[0], targetVersion: 1, changes: [] });
    expect((body as { turns: unknown[] }).turns).toHaveLength(2);
  });

  it("runs a job over the flow's latest conversations, every outcome unless one is named", async () => {
    const all = await api.call("POST", "/api/replay/jobs", {
      body: { flow_id: "support", last: 50 },
    });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2 });
    expect(await finished((all.body as ReplayJob).id)).toMatchObject({
      status: "done",
      replayed: 2,
    });
    const ended = await api.call("POST", "/api/replay/jobs", {
      body: { flow_id: "support", last: 50, outcome: "ended" },
    });
    const job = await finished((ended.body as ReplayJob).id);
    expect(job.total).toBe(1);
    const view = await api.call("GET", `/api/replay/jobs/${job.id}/sessions/${sessions[1]}`);
    expect(view.body).toMatchObject({ sessionId: sessions[1], changes: [] });
  });

  it("lists a chat's recorded sessions with their turns, and forks one", async () => {
    const { body: chats } = await api.call("GET", "/api/conversations/?user_id=ana");
    const chatId = (chats as { id: string; preview: string }[]).find((chat) =>
      chat.preview?.includes("Sunday"),
    )?.id;
    const { body } = await api.call("GET", `/api/replay/chats/${chatId}/sessions`);
    expect(body).toMatchObject([{ sessionId: sessions[0], turns: [{}, {}] }]);
    const fork = await api.call("POST", `/api/replay/sessions/${sessions[0]}/fork`, {
      body: { turn: 1 },
    });
    expect(fork.body).toMatchObject({ threadId: expect.stringMatching(/^fork-/), turns: 2 });
  });

  it("answers bad requests with what is wrong, and admins only", async () => {
    const tooMany = await api.call("POST", "/api/replay/jobs", {
      body: { flow_id: "support", last: 50_000 },
    });
    expect(tooMany.status).toBe(400);
    const missing = await api.call("POST", "/api/replay/sessions/nope");
    expect(missing).toMatchObject({
      status: 404,
      body: { code: "not_found", message: 'There is no session "nope".' },
    });
    const job = await api.call("GET", "/api/replay/jobs/nope");
    expect(job.status).toBe(404);
    const anonymous = await api.call("POST", "/api/replay/jobs", {
      body: { flow_id: "support", last: 5 },
      token: null,
    });
    expect(anonymous.status).toBe(401);
  });
});
