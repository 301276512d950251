/** A Server-Sent Events response, written to as events happen. */
export interface EventStream {
  response: Response;
  /** Sends one event: `data` as it is (JSON for the callers here), under `event` when named. */
  send(data: string, event?: string): void;
  /** Ends the stream; later sends are dropped. */
  close(): void;
}

const encoder = new TextEncoder();

/**
 * @param headers extra response headers (e.g. the chat id, known before the first event).
 * @example
 * const stream = createEventStream();
 * stream.send(JSON.stringify({ type: "start" }), "start");
 * return stream.response;
 */
export function createEventStream(headers: Record<string, string> = {}): EventStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    // The client went away: the turn still runs to its end and is stored.
    cancel() {
      open = false;
    },
  });
  return {
    response: new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
        // Proxies such as nginx would otherwise hold the events back.
        "x-accel-buffering": "no",
        ...headers,
      },
    }),
    send(data, event) {
      if (!open) return;
      const lines = data.split("\n").map((line) => `data: ${line}`);
      controller.enqueue(
        encoder.encode(`${event ? `event: ${event}\n` : ""}${lines.join("\n")}\n\n`),
      );
    },
    close() {
      if (!open) return;
      open = false;
      controller.close();
    },
  };
}

/** Whether a request asks for Server-Sent Events. */
export function acceptsEventStream(accept: string | undefined): boolean {
  return accept?.split(",").some((type) => type.trim().startsWith("text/event-stream")) ?? false;
}
