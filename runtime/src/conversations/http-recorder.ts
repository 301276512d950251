import { AsyncLocalStorage } from "node:async_hooks";
import { HTTP_BODY_LIMIT, RECORDED_PER_TURN, type RecordedHttpResponse } from "./turn-recording.ts";

/** The fetch the flows' `http` nodes use, keeping each response of the turn it runs in. */
export interface HttpRecorder {
  fetch: typeof fetch;
  /** Runs a turn; the responses its `http` nodes get are added to `into` (bounded). */
  recordInto<T>(into: RecordedHttpResponse[], turn: () => Promise<T>): Promise<T>;
}

/**
 * Graphs are compiled once per version and shared by every turn, so the turn a response belongs
 * to is found through async context rather than passed to the fetch.
 *
 * @example
 * const http = createHttpRecorder();
 * const responses: RecordedHttpResponse[] = [];
 * await http.recordInto(responses, () => runTurn(graph, threadId, input));
 */
export function createHttpRecorder(send: typeof fetch = fetch): HttpRecorder {
  const turns = new AsyncLocalStorage<RecordedHttpResponse[]>();
  const recording = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await send(input, init);
    const into = turns.getStore();
    if (!into || into.length >= RECORDED_PER_TURN) return response;
    const body = await response.clone().text();
    into.push({
      method: init?.method ?? "GET",
      url: input instanceof Request ? input.url : String(input),
      status: response.status,
      body: body.slice(0, HTTP_BODY_LIMIT),
      truncated: body.length > HTTP_BODY_LIMIT,
    });
    return response;
  };
  return {
    fetch: Object.assign(recording, { preconnect: send.preconnect }) as typeof fetch,
    recordInto: (into, turn) => turns.run(into, turn),
  };
}
