import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import {
  listCannedReplies,
  replaceCannedReplies,
} from "../../../runtime/src/handoffs/canned-replies.repository.ts";
import { createStaffUser } from "../api/staff-users.ts";
import { createTestApp, type TestApp } from "../api/test-app.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

describeEachDialect("the canned replies' table", (dialect) => {
  const test = useTestStore(dialect);

  it("starts with the starter replies and keeps a replaced list in its order", async () => {
    const { db } = test.database();
    expect((await listCannedReplies(db)).map((reply) => reply.text)).toEqual([
      "Hi, thanks for waiting. How can I help?",
      "Let me check that for you; one moment please.",
      "Is there anything else I can help you with?",
    ]);
    await replaceCannedReplies(db, ["Olá! Como posso ajudar?", "Um momento, por favor."], "Ana");
    const replies = await listCannedReplies(db);
    expect(replies.map(({ text, position, updatedBy }) => ({ text, position, updatedBy }))).toEqual(
      [
        { text: "Olá! Como posso ajudar?", position: 0, updatedBy: "Ana" },
        { text: "Um momento, por favor.", position: 1, updatedBy: "Ana" },
      ],
    );
    await replaceCannedReplies(db, [], "Ana");
    expect(await listCannedReplies(db)).toEqual([]);
  });
});

describe("/api/canned-replies", () => {
  let api: TestApp;
  let tokens: Record<"editor" | "agent", string>;
  beforeAll(async () => {
    api = await createTestApp();
    tokens = {
      editor: (await createStaffUser(api.services, "editor", "Eda")).token,
      agent: (await createStaffUser(api.services, "agent", "Nia")).token,
    };
  }, 30_000);
  afterAll(() => api.close());

  it("lets an editor change the team's replies, which every agent then reads", async () => {
    const replies = ["Hello! I'm here to help.", "Could you share your order number?"];
    const saved = await api.call("PUT", "/api/canned-replies/", {
      token: tokens.editor,
      body: { replies },
    });
    expect(saved.status).toBe(200);
    const read = await api.call("GET", "/api/canned-replies/", { token: tokens.agent });
    expect((read.body as { text: string }[]).map((reply) => reply.text)).toEqual(replies);
    const audit = await api.call("GET", "/api/audit/?action=canned_replies.update");
    expect(audit.body).toMatchObject([{ actorName: "Eda", detail: { count: 2 } }]);
  });

  it("refuses an agent's change naming the role it lacks, and bad lists naming the problem", async () => {
    const refused = await api.call("PUT", "/api/canned-replies/", {
      token: tokens.agent,
      body: { replies: ["mine"] },
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain("editor");
    for (const replies of [
      [""],
      Array.from({ length: 51 }, (_, i) => `reply ${i}`),
      ["a\u0000b"],
    ]) {
      const bad = await api.call("PUT", "/api/canned-replies/", {
        token: tokens.editor,
        body: { replies },
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain("replies");
    }
    const kept = await api.call("GET", "/api/canned-replies/", { token: tokens.agent });
    expect((kept.body as unknown[]).length).toBe(2);
  });
});
