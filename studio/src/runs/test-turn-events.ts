import type { TestTurnEvent } from "../../../runtime/src/api-types.ts";
import { readServerSentEvents, type ServerSentEvent } from "./server-sent-events.ts";

export type {
  StateSnapshot,
  TestTurnEvent,
} from "../../../runtime/src/api-types.ts";

/** The event names the test-turn stream sends, each with its own data. */
const EVENT_TYPES: ReadonlySet<TestTurnEvent["type"]> = new Set([
  "node_start",
  "node_end",
  "token",
  "reply",
  "model_call",
  "handoff",
  "error",
  "done",
  "failed",
] satisfies TestTurnEvent["type"][]);

/**
 * One message of the test-turn stream as the event it carries (`event:` is the type, `data:`
 * the rest). A message the studio does not know is skipped; data that is not JSON ends the turn
 * as `failed`, since the rest of the stream can't be trusted.
 */
export function decodeTurnEvent({ event, data }: ServerSentEvent): TestTurnEvent | undefined {
  if (!EVENT_TYPES.has(event as TestTurnEvent["type"])) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(data);
  } catch {
    return {
      type: "failed",
      code: "internal_error",
      message: `The server sent a malformed "${event}" event.`,
    };
  }
  if (typeof fields !== "object" || fields === null || Array.isArray(fields))
    return {
      type: "failed",
      code: "internal_error",
      message: `The server sent a malformed "${event}" event.`,
    };
  return { ...fields, type: event } as TestTurnEvent;
}

/**
 * A test turn's events from its response body, ending with `done` or `failed`: a stream cut
 * short (the server stopped, the network dropped) ends with a `failed` that says so.
 *
 * @example
 * for await (const event of readTurnEvents(response.body)) timeline = applyTurnEvent(timeline, event);
 */
export async function* readTurnEvents(
  body: ReadableStream<Uint8Array> | null,
): AsyncGenerator<TestTurnEvent> {
  if (!body) {
    yield { type: "failed", code: "internal_error", message: "The server sent no events." };
    return;
  }
  try {
    for await (const message of readServerSentEvents(body)) {
      const event = decodeTurnEvent(message);
      if (!event) continue;
      yield event;
      if (event.type === "done" || event.type === "failed") return;
    }
  } catch (cause) {
    yield {
      type: "failed",
      code: "unavailable",
      message: `The turn's stream broke off: ${(cause as Error).message}`,
    };
    return;
  }
  yield {
    type: "failed",
    code: "unavailable",
    message: "The turn's stream ended before the turn did.",
  };
}
