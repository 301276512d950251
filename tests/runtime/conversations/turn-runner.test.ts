import { afterEach, expect, it } from "bun:test";
import { join } from "node:path";
import { createModelRegistry } from "@switchboard/engine";
import { loadModelCatalog } from "../../../runtime/src/config/model-catalog.ts";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import type { ConversationEvent } from "../../../runtime/src/conversations/conversation-events.ts";
import { createLocalEventHub } from "../../../runtime/src/conversations/event-hub.ts";
import { listMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import { listRuns } from "../../../runtime/src/conversations/runs.repository.ts";
import { type ChatTurn, createTurnRunner } from "../../../runtime/src/conversations/turn-runner.ts";
import { KyselyCheckpointSaver } from "../../../runtime/src/db/kysely-checkpoint-saver.ts";
import { createFlowRuntime, type FlowRuntime } from "../../../runtime/src/flows/flow-runtime.ts";
import {
  getVersion,
  publishVersion,
  saveVersion,
} from "../../../runtime/src/flows/flows.repository.ts";
import { importFlowFiles } from "../../../runtime/src/flows/import-flow-files.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const FLOWS_DIR = join(import.meta.dir, "..", "..", "..", "flows");
const models = createModelRegistry(await loadModelCatalog({}));

describeEachDialect("the turn runner", (dialect) => {
  const test = useTestStore(dialect);
  const started: FlowRuntime[] = [];
  afterEach(() => {
    for (const flows of started.splice(0)) flows.close();
  });

  async function setUp(wrap: (flows: FlowRuntime) => FlowRuntime = (flows) => flows) {
    const database = test.database();
    await importFlowFiles(database.db, FLOWS_DIR);
    const flows = createFlowRuntime({ database, models, flowsDir: FLOWS_DIR, http: {} });
    started.push(flows);
    // As a server starts: the published flows compiled and their intent models trained.
    await flows.loadPublished();
    const events = createLocalEventHub();
    const turns = createTurnRunner({
      database,
      flows: wrap(flows),
      events,
      defaultFlow: "support",
    });
    const chat = await createChat(database.db, { userId: "ana", channel: "web" });
    const say = (text: string, options: Partial<ChatTurn> = {}) => {
      const seen: ConversationEvent[] = [];
      const done = turns.run(
        { chatId: chat.id, owner: { userId: "ana" }, input: { kind: "user", text }, ...options },
        (event) => seen.push(event),
      );
      return { done, seen };
    };
    return { database, flows, events, turns, chat, say };
  }

  it("stores the user's message, the replies and the run, and reports the turn as it goes", async () => {
    const { database, chat, say } = await setUp();
    const { done, seen } = say("what time do you open on saturday?");
    const turn = await done;
    expect(turn.session).toMatchObject({ flowId: "support", flowVersion: 1 });
    const messages = await listMessages(database.db, chat.id);
    expect(messages.map((message) => [message.role, message.sessionId])).toEqual([
      ["user", turn.session.id],
      ["assistant", turn.session.id],
    ]);
    expect(await listRuns(database.db, chat.id)).toMatchObject([
      { threadId: turn.session.id, flowVersion: 1, status: "interrupted" },
    ]);

    const types = seen.map((event) => event.type);
    expect(types[0]).toBe("turn_started");
    expect(types.at(-1)).toBe("turn_ended");
    expect(seen[0]).toEqual({
      type: "turn_started",
      turnId: messages[0]?.messageId as string,
      chatId: chat.id,
      sessionId: turn.session.id,
    });
    const reply = seen.find((event) => event.type === "reply");
    // Clients get the reply's id before it is stored, and it is the id it is stored under.
    expect(reply).toMatchObject({ messageId: messages[1]?.messageId, text: messages[1]?.content });
  });

  it("keeps a conversation on the version it started with when a new one is published", async () => {
    const { database, say } = await setUp();
    const first = await say("hi there").done;
    const stored = await getVersion(database.db, "support", 1);
    if (!stored) throw new Error("the support flow was not imported");
    await saveVersion(database.db, "support", { definition: stored.definition, author: "ana" });
    await publishVersion(database.db, "support", 2);
    const second = await say("do you offer financing").done;
    expect(second.session.id).toBe(first.session.id);
    expect(second.run.flowVersion).toBe(1);
  });

  it("records a failed run, keeps the user's message, reports the failure and passes it on", async () => {
    const { database, chat, say } = await setUp((flows) => ({
      ...flows,
      graph: async () => {
        throw new Error("model unreachable");
      },
    }));
    const { done, seen } = say("Hi");
    await expect(done).rejects.toThrow("model unreachable");
    expect((await listMessages(database.db, chat.id)).map((message) => message.content)).toEqual([
      "Hi",
    ]);
    expect(await listRuns(database.db, chat.id)).toMatchObject([
      { status: "failed", error: "model unreachable" },
    ]);
    const started = seen[0];
    expect(seen.at(-1)).toMatchObject({
      type: "turn_failed",
      turnId: started?.type === "turn_started" ? started.turnId : "no turn_started event",
    });
  });

  it("runs two turns of one chat one after the other, in the order they arrived", async () => {
    const { database, chat, say } = await setUp();
    await Promise.all([say("hi there").done, say("do you offer financing").done]);
    const roles = (await listMessages(database.db, chat.id)).map((message) => message.role);
    expect(roles).toEqual(["user", "assistant", "user", "assistant"]);
    expect((await listMessages(database.db, chat.id))[2]?.content).toBe("do you offer financing");
  });

  it("refuses another user's chat as missing, touching nothing", async () => {
    const { database, chat, turns } = await setUp();
    const seen: ConversationEvent[] = [];
    const done = turns.run(
      { chatId: chat.id, owner: { userId: "bo" }, input: { kind: "user", text: "hi" } },
      (event) => seen.push(event),
    );
    await expect(done).rejects.toMatchObject({ code: "not_found" });
    expect(seen).toMatchObject([{ type: "turn_failed" }]);
    expect(await listMessages(database.db, chat.id)).toEqual([]);
  });

  it("writes the channel's outgoing messages in the turn's commit: the state, replies and run, or none of them", async () => {
    const { database, chat, say } = await setUp();
    const first = await say("hi there").done;
    const saver = new KyselyCheckpointSaver(database.db);
    const config = { configurable: { thread_id: first.session.id } };
    const before = (await saver.getTuple(config))?.checkpoint.id;
    expect(before).toBeDefined();

    const financing = {
      kind: "user" as const,
      text: "do you offer financing",
      channelMessageId: "wamid.1",
    };
    const failing = say("", {
      input: financing,
      onCommit: async (trx, turn) => {
        // It sees the turn as stored, in the same transaction.
        expect(await listMessages(trx, chat.id)).toHaveLength(4);
        expect(turn.replies).toHaveLength(1);
        throw new Error("the outbox refused the messages");
      },
    });
    await expect(failing.done).rejects.toThrow("the outbox refused the messages");
    expect((await saver.getTuple(config))?.checkpoint.id).toBe(before as string);
    // The user's message stays (a crash never loses it); the turn's effects are not stored.
    expect((await listMessages(database.db, chat.id)).map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
    ]);
    expect((await listRuns(database.db, chat.id)).map((run) => run.status)).toEqual([
      "interrupted",
    ]);

    // The same channel message run again (a recovery) answers from where the last whole turn
    // left the conversation, and its message is stored once.
    await say("", { input: financing }).done;
    expect((await saver.getTuple(config))?.checkpoint.id).not.toBe(before as string);
    expect((await listMessages(database.db, chat.id)).map((message) => message.content)).toEqual([
      "hi there",
      expect.any(String),
      "do you offer financing",
      expect.any(String),
    ]);
  });

  it("runs a human agent's actions in a handed-off chat and tells the chat's listeners", async () => {
    const { chat, events, turns, say } = await setUp();
    await expect(turns.run({ chatId: chat.id, input: { kind: "handback" } })).rejects.toMatchObject(
      { code: "conflict" },
    );
    const escalation = await say("I'd rather talk to an actual person about my order please").done;
    expect(escalation.run.status).toBe("interrupted");
    const heard: unknown[] = [];
    events.subscribe(chat.id, (notice) => heard.push(notice));
    const reply = await turns.run({
      chatId: chat.id,
      input: { kind: "agent", text: "Sam here.", agent: "sam" },
    });
    const back = await turns.run({ chatId: chat.id, input: { kind: "handback" } });
    expect(heard).toEqual([
      {
        type: "agent_message",
        chatId: chat.id,
        messageId: reply.agentReply?.messageId,
        content: "Sam here.",
        agent: "sam",
      },
      {
        type: "handed_back",
        chatId: chat.id,
        handoffId: expect.any(String),
        replies: [expect.objectContaining({ messageId: back.replies[0]?.messageId })],
      },
    ]);
  });
});
