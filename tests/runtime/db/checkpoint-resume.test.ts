import { expect, it } from "bun:test";
import { join } from "node:path";
import { Command } from "@langchain/langgraph";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import { listMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import { listSessions } from "../../../runtime/src/conversations/sessions.repository.ts";
import { KyselyCheckpointSaver } from "../../../runtime/src/db/kysely-checkpoint-saver.ts";
import type { FlowDefinition } from "../../../runtime/src/flows/flow.table.ts";
import { createFlow, publishVersion } from "../../../runtime/src/flows/flows.repository.ts";
import { compileTwoStepGraph } from "./fixtures/two-step-graph.ts";
import { describeEachDialect, useTestStore } from "./test-database.ts";

describeEachDialect("a conversation checkpointed by KyselyCheckpointSaver", (dialect) => {
  const test = useTestStore(dialect);

  it("resumes after a restart from where it stopped", async () => {
    const config = { configurable: { thread_id: "conversation-1" } };
    const before = compileTwoStepGraph(new KyselyCheckpointSaver(test.database().db));
    await before.invoke({ messages: ["hello"] }, config);
    expect((await before.getState(config)).next).toEqual(["ask"]);
    await test.database().close();

    // A new process would do just this: open the same database and compile the graph again.
    const reopened = await test.store().open();
    const after = compileTwoStepGraph(new KyselyCheckpointSaver(reopened.db));
    const waiting = await after.getState(config);
    expect(waiting.next).toEqual(["ask"]);
    expect(waiting.values.messages).toEqual(["hello", "Hi! What's your name?"]);

    const done = await after.invoke(new Command({ resume: "Ada" }), config);
    expect(done.name).toBe("Ada");
    expect(done.messages).toEqual(["hello", "Hi! What's your name?", "Nice to meet you, Ada."]);
  });

  it("keeps the user's message and the last complete checkpoint when the process dies mid-turn", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    const definition = { id: "hello", name: "Hello" } as FlowDefinition;
    await createFlow(db, { definition, author: "test" });
    await publishVersion(db, "hello", 1);

    const child = Bun.spawn(
      [
        process.execPath,
        join(import.meta.dir, "fixtures/crash-mid-turn.ts"),
        test.store().url,
        test.store().schema ?? "",
        chat.id,
        "hello",
      ],
      { stdout: "pipe", stderr: "pipe" },
    );
    await child.exited;
    expect(child.signalCode).toBe("SIGKILL");

    const messages = await listMessages(db, chat.id);
    expect(messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: "user", content: "hello" },
    ]);
    const [session] = await listSessions(db, chat.id);
    if (!session) throw new Error("no session was stored");
    const graph = compileTwoStepGraph(new KyselyCheckpointSaver(db));
    const state = await graph.getState({ configurable: { thread_id: session.id } });
    expect(state.next).toEqual(["ask"]);
    expect(state.values.messages).toEqual(["hello", "Hi! What's your name?"]);
  });
});
