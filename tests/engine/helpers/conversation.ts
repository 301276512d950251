import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import {
  compileGraph,
  createModelRegistry,
  type Flow,
  type KnowledgeBase,
  loadFlowFile,
  runTurn,
  type TurnResult,
} from "@switchboard/engine";

const flowsDir = join(import.meta.dir, "..", "..", "..", "flows");

/** One conversation with a flow on the local model: each call sends the user's next message. */
export type Conversation = (text: string) => Promise<TurnResult>;

/**
 * Starts conversations with a compiled flow, each on its own thread.
 *
 * @example
 * const chat = await conversationsWith("support.flow.json");
 * const say = chat();
 * (await say("hi")).replies[0].text
 */
export async function conversationsWith(flowFile: string): Promise<() => Conversation> {
  const loaded = await loadFlowFile(join(flowsDir, flowFile));
  return conversationsOf(loaded.flow, loaded.knowledge);
}

/** Like {@link conversationsWith}, for a flow built in the test. */
export function conversationsOf(flow: Flow, knowledge: KnowledgeBase[] = []): () => Conversation {
  const models = createModelRegistry({
    models: Object.fromEntries(flow.models.map((name) => [name, { provider: "local" as const }])),
  });
  const graph = compileGraph(flow, { checkpointer: new MemorySaver(), models, knowledge });
  let threads = 0;
  return () => {
    threads += 1;
    const thread = `conversation-${threads}`;
    return (text) => runTurn(graph, thread, { kind: "user", text });
  };
}

/** The text of every reply of a turn, joined. */
export function said(turn: TurnResult): string {
  return turn.replies.map((reply) => reply.text).join("\n");
}
