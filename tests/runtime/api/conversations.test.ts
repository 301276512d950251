import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import { openHandoff } from "../../../runtime/src/conversations/handoffs.repository.ts";
import { findOrStartSession } from "../../../runtime/src/conversations/sessions.repository.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

let api: TestApp;

interface Conversation {
  id: string;
  userId: string;
  channel: string;
  flowId: string | null;
  flowVersion: number | null;
  handoffOpen: boolean;
}

/** Chats on two channels and two flows, one of them escalated, one never started. */
beforeAll(async () => {
  api = await createTestApp();
  const { db } = api.services.database;
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
  const chats = [
    { id: "web-ana", userId: "ana", channel: "web", flowId: "support", minute: 1 },
    { id: "wa-ana", userId: "ana", channel: "whatsapp", flowId: "sales", minute: 2 },
    { id: "web-bo", userId: "bo", channel: "web", flowId: "sales", minute: 3 },
    { id: "web-cy", userId: "cy", channel: "web", flowId: undefined, minute: 4 },
  ];
  for (const { flowId, minute, ...chat } of chats) {
    await createChat(db, chat, at(minute));
    if (flowId)
      await findOrStartSession(db, chat.id, async () => ({ flowId, flowVersion: 1 }), at(minute));
  }
  await openHandoff(db, "web-bo", "asked for a person");
});

afterAll(async () => {
  await api.close();
});

const list = async (query = "") => {
  const { status, body } = await api.call("GET", `/api/conversations${query}`);
  expect(status).toBe(200);
  return body as Conversation[];
};

describe("the conversations list", () => {
  it("shows every user's chats, latest first, with the flow each ran and open handoffs", async () => {
    const all = await list();
    expect(all.map((c) => c.id)).toEqual(["web-cy", "web-bo", "wa-ana", "web-ana"]);
    expect(all[1]).toMatchObject({ flowId: "sales", flowVersion: 1, handoffOpen: true });
    expect(all[0]).toMatchObject({ flowId: null, flowVersion: null, handoffOpen: false });
  });

  it("narrows by channel, user and flow, together", async () => {
    expect((await list("?channel=whatsapp")).map((c) => c.id)).toEqual(["wa-ana"]);
    expect((await list("?user_id=ana")).map((c) => c.id)).toEqual(["wa-ana", "web-ana"]);
    expect((await list("?flow_id=sales")).map((c) => c.id)).toEqual(["web-bo", "wa-ana"]);
    expect((await list("?flow_id=sales&channel=web")).map((c) => c.id)).toEqual(["web-bo"]);
  });

  it("pages with limit and before", async () => {
    const first = await list("?limit=2");
    expect(first.map((c) => c.id)).toEqual(["web-cy", "web-bo"]);
    const before = encodeURIComponent((first.at(-1) as { updatedAt?: string }).updatedAt ?? "");
    expect((await list(`?limit=2&before=${before}`)).map((c) => c.id)).toEqual([
      "wa-ana",
      "web-ana",
    ]);
  });
});
