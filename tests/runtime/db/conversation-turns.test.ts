import { expect, it } from "bun:test";
import { Command } from "@langchain/langgraph";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import { listMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import { listRuns } from "../../../runtime/src/conversations/runs.repository.ts";
import { runTurn, type TurnResult } from "../../../runtime/src/conversations/turn-runner.ts";
import { KyselyCheckpointSaver } from "../../../runtime/src/db/kysely-checkpoint-saver.ts";
import type { FlowDefinition } from "../../../runtime/src/flows/flow.table.ts";
import {
  createFlow,
  publishVersion,
  saveVersion,
} from "../../../runtime/src/flows/flows.repository.ts";
import { compileTwoStepGraph } from "./fixtures/two-step-graph.ts";
import { describeEachDialect, useTestStore } from "./test-database.ts";

const support = { id: "support", name: "Support", version: 1 } as FlowDefinition;
const answered = (content: string): TurnResult => ({
  replies: [{ role: "assistant", content, nodePath: "support/answer" }],
  run: { status: "completed", error: null },
});

describeEachDialect("runTurn", (dialect) => {
  const test = useTestStore(dialect);

  async function setUp() {
    const { db } = test.database();
    await createFlow(db, { definition: support, author: "ana" });
    await publishVersion(db, "support", 1);
    return createChat(db, { userId: "u1", channel: "web" });
  }

  it("stores the user's message, the replies and the run of a turn", async () => {
    const database = test.database();
    const chat = await setUp();
    const turn = await runTurn(
      database,
      { chatId: chat.id, flowFor: () => "support", content: "Hi" },
      async () => answered("Hello! How can I help?"),
    );
    expect(turn.session).toMatchObject({ flowId: "support", flowVersion: 1 });
    const messages = await listMessages(database.db, chat.id);
    expect(messages.map((message) => [message.role, message.content, message.sessionId])).toEqual([
      ["user", "Hi", turn.session.id],
      ["assistant", "Hello! How can I help?", turn.session.id],
    ]);
    expect(await listRuns(database.db, chat.id)).toMatchObject([
      { threadId: turn.session.id, flowVersion: 1, status: "completed" },
    ]);
  });

  it("keeps a conversation on the version it started with when a new one is published", async () => {
    const database = test.database();
    const chat = await setUp();
    const first = await runTurn(
      database,
      { chatId: chat.id, flowFor: () => "support", content: "Hi" },
      async () => answered("Hello!"),
    );
    await saveVersion(database.db, "support", { definition: support, author: "ana" });
    await publishVersion(database.db, "support", 2);
    const second = await runTurn(
      database,
      { chatId: chat.id, flowFor: () => "support", content: "Bye" },
      async () => answered("Bye!"),
    );
    expect(second.session.id).toBe(first.session.id);
    expect(second.run.flowVersion).toBe(1);
  });

  it("records a failed run, keeps the user's message and passes the error on", async () => {
    const database = test.database();
    const chat = await setUp();
    const failing = runTurn(
      database,
      { chatId: chat.id, flowFor: () => "support", content: "Hi" },
      async () => {
        throw new Error("model unreachable");
      },
    );
    await expect(failing).rejects.toThrow("model unreachable");
    expect((await listMessages(database.db, chat.id)).map((message) => message.content)).toEqual([
      "Hi",
    ]);
    expect(await listRuns(database.db, chat.id)).toMatchObject([
      { status: "failed", error: "model unreachable" },
    ]);
  });

  it("runs two turns of one chat one after the other", async () => {
    const database = test.database();
    const chat = await setUp();
    const log: string[] = [];
    const turn = (content: string) =>
      runTurn(database, { chatId: chat.id, flowFor: () => "support", content }, async () => {
        log.push(`${content} start`);
        await Bun.sleep(20);
        log.push(`${content} end`);
        return answered(`re: ${content}`);
      });
    await Promise.all([turn("one"), turn("two")]);
    expect(log).toEqual(["one start", "one end", "two start", "two end"]);
    expect((await listMessages(database.db, chat.id)).map((message) => message.content)).toEqual([
      "one",
      "re: one",
      "two",
      "re: two",
    ]);
  });

  it("stores the flow's new state with the turn's replies, or neither", async () => {
    const database = test.database();
    const chat = await setUp();
    const saver = new KyselyCheckpointSaver(database.db);
    const graph = compileTwoStepGraph(saver);
    const input = { chatId: chat.id, flowFor: () => "support", checkpoints: saver };
    const replyId = crypto.randomUUID();
    const reply = (content: string): TurnResult => ({
      replies: [{ role: "assistant", content, messageId: replyId }],
      run: { status: "completed", error: null },
    });
    const first = await runTurn(database, { ...input, content: "hello" }, async ({ session }) => {
      await graph.invoke({ messages: ["hello"] }, { configurable: { thread_id: session.id } });
      return reply("Hi! What's your name?");
    });
    const config = { configurable: { thread_id: first.session.id } };

    // The flow answers, but its reply can't be stored (its id is taken): nothing of it is kept.
    const failing = runTurn(database, { ...input, content: "Ada" }, async () => {
      await graph.invoke(new Command({ resume: "Ada" }), config);
      return reply("Nice to meet you, Ada.");
    });
    await expect(failing).rejects.toThrow();
    expect((await graph.getState(config)).next).toEqual(["ask"]);
    expect((await listMessages(database.db, chat.id)).map((message) => message.content)).toEqual([
      "hello",
      "Hi! What's your name?",
      "Ada",
    ]);

    // The next turn answers from where the last whole turn left the conversation.
    await runTurn(database, { ...input, content: "Ada" }, async () => {
      const state = await graph.invoke(new Command({ resume: "Ada" }), config);
      return answered(String(state.messages.at(-1)));
    });
    expect((await graph.getState(config)).values.name).toBe("Ada");
    expect((await listMessages(database.db, chat.id)).at(-1)?.content).toBe(
      "Nice to meet you, Ada.",
    );
  });
});
