import { expect, it } from "bun:test";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { compileGraph, loadFlowFile, runTurn } from "@switchboard/engine";
import type { RecordedConversation } from "../../../runtime/src/conversations/run-recordings.repository.ts";
import { failedOutcome } from "../../../runtime/src/conversations/turn-recording.ts";
import { replayMany } from "../../../runtime/src/replay/replay-many.ts";

const flowFile = join(import.meta.dir, "..", "..", "..", "flows", "support.flow.json");

function conversation(index: number): RecordedConversation {
  return {
    session: {
      sessionId: `session-${index}`,
      chatId: `chat-${index}`,
      channel: "web",
      flowId: "support",
      flowVersion: 1,
      startedAt: new Date(0).toISOString(),
    },
    turns: ["hi there", "what time do you open on sunday?"].map((text, turn) => ({
      runId: `run-${index}-${turn}`,
      startedAt: new Date(0).toISOString(),
      flowVersion: 1,
      recording: {
        input: { kind: "user", text },
        outcome: failedOutcome("not compared here"),
        modelAnswers: [],
        httpResponses: [],
      },
    })),
  };
}

it("replays no more conversations at once than its concurrency", async () => {
  const { flow, knowledge } = await loadFlowFile(flowFile);
  const graph = compileGraph(flow, { checkpointer: new MemorySaver(), knowledge });
  // A conversation is under way from its first turn's start to its second turn's end.
  const active = new Set<string>();
  const turnsDone = new Map<string, number>();
  let most = 0;
  const replayed: string[] = [];

  await replayMany(
    { flowId: "support", version: null, graph },
    Array.from({ length: 9 }, (_, i) => conversation(i)),
    {
      models: "recorded",
      concurrency: 3,
      onReplayed: (replay) => {
        replayed.push(replay.sessionId);
      },
      play: async (target, threadId, input) => {
        active.add(threadId);
        most = Math.max(most, active.size);
        await Bun.sleep(5);
        const result = await runTurn(target, threadId, input);
        turnsDone.set(threadId, (turnsDone.get(threadId) ?? 0) + 1);
        if (turnsDone.get(threadId) === 2) active.delete(threadId);
        return result;
      },
    },
  );

  expect(most).toBe(3);
  expect(replayed.toSorted()).toEqual(
    Array.from({ length: 9 }, (_, i) => `session-${i}`).toSorted(),
  );
});
