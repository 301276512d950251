import { expect, it } from "bun:test";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import {
  findOrStartSession,
  listSessions,
  resetSession,
} from "../../../runtime/src/conversations/sessions.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const hours = (count: number) => new Date(Date.UTC(2026, 0, 1) + count * 60 * 60 * 1000);
const v1 = async () => ({ flowId: "support", flowVersion: 1 });
const v2 = async () => ({ flowId: "support", flowVersion: 2 });

describeEachDialect("sessions.repository", (dialect) => {
  const test = useTestStore(dialect);

  it("keeps a session while messages come within 24 hours", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    const first = await findOrStartSession(db, chat.id, v1, hours(0));
    const later = await findOrStartSession(db, chat.id, v2, hours(23));
    const evenLater = await findOrStartSession(db, chat.id, v2, hours(46));
    expect(later.id).toBe(first.id);
    expect(evenLater).toMatchObject({ id: first.id, flowVersion: 1, active: true });
  });

  it("starts a new session on the current version after 24 hours of silence", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    const first = await findOrStartSession(db, chat.id, v1, hours(0));
    const second = await findOrStartSession(db, chat.id, v2, hours(25));
    expect(second.id).not.toBe(first.id);
    expect(second.flowVersion).toBe(2);
    const sessions = await listSessions(db, chat.id, hours(25));
    expect(sessions.map((session) => [session.endReason, session.endedAt, session.active])).toEqual(
      [
        ["inactivity", hours(24).toISOString(), false],
        [null, null, true],
      ],
    );
  });

  it("starts a new session after a reset", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    const first = await findOrStartSession(db, chat.id, v1, hours(0));
    await resetSession(db, chat.id, hours(1));
    const second = await findOrStartSession(db, chat.id, v1, hours(2));
    expect(second.id).not.toBe(first.id);
    const sessions = await listSessions(db, chat.id, hours(2));
    expect(sessions.map((session) => session.endReason)).toEqual(["reset", null]);
  });

  it("asks for a new session's flow only when one starts, telling it the chat's latest session", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    const asked: (string | undefined)[] = [];
    const sameFlow = async (latest?: { id: string; flowId: string }) => {
      asked.push(latest?.id);
      return { flowId: latest?.flowId ?? "sales", flowVersion: 3 };
    };
    const first = await findOrStartSession(db, chat.id, sameFlow, hours(0));
    await findOrStartSession(db, chat.id, sameFlow, hours(1));
    await resetSession(db, chat.id, hours(2));
    const second = await findOrStartSession(db, chat.id, sameFlow, hours(3));
    expect(asked).toEqual([undefined, first.id]);
    expect(second).toMatchObject({ flowId: "sales", flowVersion: 3, active: true });
  });
});
