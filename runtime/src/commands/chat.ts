import { createInterface } from "node:readline/promises";
import { MemorySaver } from "@langchain/langgraph";
import {
  compileGraph,
  createModelRegistry,
  loadFlowFile,
  runTurn,
  type TurnEvent,
  type TurnInput,
} from "@switchboard/engine";
import { loadModelCatalog } from "../config/index.ts";

const HELP = `Type a message and press Enter. Commands:
  /agent <text>   reply as the human agent (during a handoff)
  /handback       hand the conversation back to the bot
  /close          close the handoff
  /reset          start a new conversation
  /quit           leave`;

function inputOf(line: string): TurnInput {
  if (line.startsWith("/agent ")) return { kind: "agent", text: line.slice(7).trim() };
  if (line === "/handback") return { kind: "handback" };
  if (line === "/close") return { kind: "close" };
  return { kind: "user", text: line };
}

function printEvent(event: TurnEvent): void {
  if (event.type === "reply") {
    const who = event.author === "agent" ? "agent" : "bot";
    const buttons = event.quickReplies?.map((q) => `[${q.title}]`).join(" ") ?? "";
    console.log(`${who} › ${event.text}${buttons ? `\n      ${buttons}` : ""}`);
  }
  if (event.type === "handoff")
    console.log(`(handoff ${event.handoff.status}: ${event.handoff.reason})`);
}

/** `switchboard chat <flow.json>`: a conversation with a flow in the terminal. */
export async function chatCommand(file: string): Promise<number> {
  const models = createModelRegistry(await loadModelCatalog());
  const loaded = await loadFlowFile(file, { models: models.names });
  const graph = compileGraph(loaded.flow, {
    checkpointer: new MemorySaver(),
    models,
    knowledge: loaded.knowledge,
  });
  const terminal = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: "you › ",
  });
  // Piped input can end while a turn runs; the buffered lines are still answered, but prompting
  // a closed interface throws.
  let inputEnded = false;
  terminal.once("close", () => {
    inputEnded = true;
  });
  let threadId = crypto.randomUUID();
  console.log(`${loaded.flow.name} — ${loaded.flow.description ?? ""}\n${HELP}\n`);
  terminal.prompt();
  // The line iterator buffers input, so piped lines arriving mid-turn are not lost.
  for await (const raw of terminal) {
    const line = raw.trim();
    if (line === "/quit") break;
    if (line === "/reset") {
      threadId = crypto.randomUUID();
      console.log("(new conversation)");
    } else if (line !== "") {
      try {
        const turn = await runTurn(graph, threadId, inputOf(line), { onEvent: printEvent });
        if (turn.status === "ended")
          console.log("(conversation ended — the next message starts over)");
      } catch (error) {
        console.log(`(error) ${(error as Error).message}`);
      }
    }
    if (!inputEnded) terminal.prompt();
  }
  terminal.close();
  return 0;
}
