import type { ServerEvent } from "./server-event.ts";

/** The events a turn sends many of, which may wait for the rest of the task. */
const BATCHED = new Set<ServerEvent["type"]>(["token", "node"]);

/** What the outbox needs of Bun's `ServerWebSocket`. */
export interface CorkableSocket {
  send(data: string): unknown;
  /** Buffers the sends made in `callback` and writes them together. */
  cork(callback: () => void): unknown;
}

/** How a socket's events are sent; see `createSocketOutbox`. */
export interface SocketOutbox {
  send(event: ServerEvent): void;
}

/**
 * Sends a socket's events in batches: a streamed answer's tokens arrive many to one task of the
 * event loop, and a frame per token cost more CPU (here and in the client) than the rest of the
 * turn's sending. Tokens and node events wait, at most until the task ends, and go out together
 * in one corked write, consecutive tokens of one node as one `token` event with their deltas
 * joined; any other event (a reply, the turn's end, an error) first sends what waits, then goes
 * at once, so the order holds and nothing is left behind when the socket is closed after a turn.
 *
 * @example
 * const outbox = createSocketOutbox(ws.raw);
 * outbox.send({ type: "token", message_id, node_id, delta });
 */
export function createSocketOutbox(socket: CorkableSocket): SocketOutbox {
  let waiting: ServerEvent[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (waiting.length === 0) return;
    const events = waiting;
    waiting = [];
    socket.cork(() => {
      for (const event of events) socket.send(JSON.stringify(event));
    });
  };
  return {
    send(event) {
      const last = waiting.at(-1);
      if (
        event.type === "token" &&
        last?.type === "token" &&
        last.message_id === event.message_id &&
        last.node_id === event.node_id
      ) {
        waiting[waiting.length - 1] = { ...last, delta: last.delta + event.delta };
        return;
      }
      waiting.push(event);
      if (!BATCHED.has(event.type)) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}
