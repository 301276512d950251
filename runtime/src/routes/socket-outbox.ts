import type { ServerEvent } from "../services/server-event.ts";

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
 * event loop, and a write per token cost more CPU than the rest of the turn's sending. Tokens and
 * node events wait, at most until the task ends, and go out together in one corked write; any
 * other event (a reply, the turn's end, an error) first sends what waits, then goes at once, so
 * the order holds and nothing is left behind when the socket is closed after a turn.
 *
 * @example
 * const outbox = createSocketOutbox(ws.raw);
 * outbox.send({ type: "token", message_id, node_id, delta });
 */
export function createSocketOutbox(socket: CorkableSocket): SocketOutbox {
  let waiting: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (waiting.length === 0) return;
    const frames = waiting;
    waiting = [];
    socket.cork(() => {
      for (const frame of frames) socket.send(frame);
    });
  };
  return {
    send(event) {
      waiting.push(JSON.stringify(event));
      if (!BATCHED.has(event.type)) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}
