import { describe, expect, it } from "bun:test";
import type { TurnResult } from "@switchboard/engine";
import { createChatController, type StartTurn } from "../../../studio/src/runs/chat-controller.ts";
import {
  allowedInputs,
  chatStatus,
  newChatSession,
  offeredQuickReplies,
} from "../../../studio/src/runs/chat-session.ts";
import type { TestTurnEvent } from "../../../studio/src/runs/test-turn-events.ts";

const done = (overrides: Partial<TurnResult> = {}): TestTurnEvent => ({
  type: "done",
  result: {
    threadId: "t",
    status: "waiting",
    replies: [],
    visited: ["greet"],
    intent: null,
    vars: {},
    handoff: null,
    calls: [],
    errors: [],
    durationMs: 3,
    ...overrides,
  },
});

/** A turn that streams `events`, pausing before each so a test can look in between. */
function scripted(turns: TestTurnEvent[][]) {
  const requests: Parameters<StartTurn>[1][] = [];
  let release: () => void = () => {};
  const startTurn: StartTurn = async (_flowId, request) => {
    requests.push(request);
    const events = turns[requests.length - 1] ?? [];
    async function* stream() {
      for (const event of events) {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        yield event;
      }
    }
    return { ok: true, data: stream() };
  };
  return { startTurn, requests, step: () => release() };
}

const greetStart = { type: "node_start", nodeId: "greet", nodeType: "reply" } as TestTurnEvent;
const greetReply: TestTurnEvent = {
  type: "reply",
  nodeId: "greet",
  text: "Hello! Pick one",
  author: "bot",
  quickReplies: [{ id: "a", title: "Hours" }],
};

describe("the chat controller", () => {
  it("streams a turn into the session, one event at a time, on the session's thread", async () => {
    const script = scripted([[greetStart, greetReply, done()]]);
    const chat = createChatController(script.startTurn, newChatSession("support"));
    const seen: string[] = [];
    chat.subscribe(() => seen.push(chatStatus(chat.getState().session)));

    const sent = chat.send({ kind: "user", text: "hi" });
    await Bun.sleep(0);
    expect(chatStatus(chat.getState().session)).toBe("running");
    script.step();
    await Bun.sleep(0);
    expect(chat.getState().session.turns[0]?.timeline.steps).toMatchObject([{ nodeId: "greet" }]);
    script.step();
    await Bun.sleep(0);
    script.step();
    await sent;

    const { session } = chat.getState();
    expect(script.requests).toEqual([
      { input: { kind: "user", text: "hi" }, version: "draft", threadId: session.threadId },
    ]);
    expect(session.threadId).toMatch(/^chat-[A-Za-z0-9-]{1,59}$/);
    expect(chatStatus(session)).toBe("waiting");
    expect(offeredQuickReplies(session)).toEqual([{ id: "a", title: "Hours" }]);
    expect(seen.at(-1)).toBe("waiting");
  });

  it("shows why a turn could not start, and accepts the next message", async () => {
    const failing: StartTurn = async () => ({
      ok: false,
      error: { status: 400, code: "invalid_flow", message: "The flow is invalid", problems: [] },
    });
    const chat = createChatController(failing, newChatSession("support"));
    await chat.send({ kind: "user", text: "hi" });
    const { session, error } = chat.getState();
    expect(error?.code).toBe("invalid_flow");
    expect(session.turns[0]?.timeline).toMatchObject({
      status: "failed",
      failure: { code: "invalid_flow" },
    });
    expect(allowedInputs(chatStatus(session))).toEqual(["user"]);
  });

  it("refuses input the conversation can't take now: agent actions without a handoff, anything once ended", async () => {
    const script = scripted([[done({ status: "ended" })]]);
    const chat = createChatController(script.startTurn, newChatSession("support"));
    await chat.send({ kind: "agent", text: "hello" });
    expect(script.requests).toHaveLength(0);
    const sent = chat.send({ kind: "user", text: "bye" });
    await Bun.sleep(0);
    script.step();
    await sent;
    expect(chatStatus(chat.getState().session)).toBe("ended");
    await chat.send({ kind: "user", text: "again" });
    expect(script.requests).toHaveLength(1);
  });

  it("offers the agent's actions while a handoff is open", () => {
    expect(allowedInputs("handoff")).toEqual(["user", "agent", "handback", "close"]);
    expect(allowedInputs("running")).toEqual([]);
  });

  it("starts over on a fresh thread, dropping a turn still streaming", async () => {
    const script = scripted([[greetStart, done()], [done()]]);
    const chat = createChatController(script.startTurn, newChatSession("support"));
    const first = chat.getState().session.threadId;
    const sent = chat.send({ kind: "user", text: "hi" });
    await Bun.sleep(0);
    chat.restart(3);
    script.step();
    await sent;
    const { session } = chat.getState();
    expect(session.threadId).not.toBe(first);
    expect(session).toMatchObject({ version: 3, turns: [] });
  });
});
