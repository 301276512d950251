import type { TurnInput } from "@switchboard/engine";
import type { ApiError, ApiResult } from "../api/api-result.ts";
import {
  allowedInputs,
  applyToLatestTurn,
  beginTurn,
  type ChatSession,
  type ChatVersion,
  chatStatus,
  newChatSession,
} from "./chat-session.ts";
import type { TestTurnEvent } from "./test-turn-events.ts";

/** What the chat asks of the runtime: one turn on the session's thread, streamed. */
export type StartTurn = (
  flowId: string,
  request: { input: TurnInput; version: ChatVersion; threadId: string },
  signal: AbortSignal,
) => Promise<ApiResult<AsyncIterable<TestTurnEvent>>>;

export interface ChatState {
  session: ChatSession;
  /** Why the last turn could not start (e.g. the draft does not validate), with its problems. */
  error: ApiError | null;
}

/**
 * The chat panel without React: sends turns one at a time and folds their events into the
 * session as they stream, so listeners see each node start and end. Starting over (or switching
 * version) drops a turn still streaming.
 *
 * @example
 * const chat = createChatController(api.startTestTurn, newChatSession("support"));
 * chat.subscribe(() => render(chat.getState()));
 * await chat.send({ kind: "user", text: "hi" });
 */
export function createChatController(startTurn: StartTurn, initial: ChatSession) {
  let state: ChatState = { session: initial, error: null };
  let running: AbortController | undefined;
  const listeners = new Set<() => void>();

  const set = (next: ChatState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    /** Sends one input, if the conversation accepts it now; resolves when the turn has ended. */
    async send(input: TurnInput) {
      if (!allowedInputs(chatStatus(state.session)).includes(input.kind)) return;
      const controller = new AbortController();
      running = controller;
      const { flowId, version, threadId } = state.session;
      set({ session: beginTurn(state.session, input), error: null });
      const current = () => running === controller;
      try {
        const started = await startTurn(flowId, { input, version, threadId }, controller.signal);
        if (!current()) return;
        if (!started.ok) {
          const { code, message } = started.error;
          set({
            session: applyToLatestTurn(state.session, {
              type: "failed",
              code,
              message,
            } as TestTurnEvent),
            error: started.error,
          });
          return;
        }
        for await (const event of started.data) {
          if (!current()) return;
          set({ ...state, session: applyToLatestTurn(state.session, event) });
        }
      } finally {
        if (current()) running = undefined;
      }
    },

    /** Goes on with another conversation: a recorded one forked into a studio thread. */
    continueWith(session: ChatSession) {
      running?.abort();
      running = undefined;
      set({ session, error: null });
    },

    /** A fresh conversation, on `version` if given (else the same one). */
    restart(version: ChatVersion = state.session.version) {
      running?.abort();
      running = undefined;
      set({ session: newChatSession(state.session.flowId, version), error: null });
    },
  };
}

export type ChatController = ReturnType<typeof createChatController>;
