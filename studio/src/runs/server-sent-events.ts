/** One message of a `text/event-stream`: its `event:` name (`message` when none) and its data. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` body message by message, as it arrives: a message may be split
 * across chunks anywhere (even inside a UTF-8 character), lines may end in `\n`, `\r\n` or `\r`,
 * `data:` lines join with newlines, and comments (`:`) are skipped.
 *
 * @example
 * for await (const { event, data } of readServerSentEvents(response.body)) show(event, data);
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createEventParser();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read())
      yield* parser.push(decoder.decode(read.value, { stream: true }));
    yield* parser.push(`${decoder.decode()}\n\n`);
  } finally {
    reader.releaseLock();
  }
}

/** The parser without the stream: push text, get the messages it completes. */
export function createEventParser() {
  let buffer = "";
  let event = "";
  let data: string[] = [];

  function* line(text: string): Generator<ServerSentEvent> {
    if (text === "") {
      if (data.length > 0) yield { event: event || "message", data: data.join("\n") };
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? "" : text.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }

  return {
    *push(text: string): Generator<ServerSentEvent> {
      buffer += text;
      // A lone `\r` at the end may be the first half of `\r\n`: wait for the next chunk.
      for (let end = nextBreak(buffer); end >= 0; end = nextBreak(buffer)) {
        const width = buffer[end] === "\r" && buffer[end + 1] === "\n" ? 2 : 1;
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + width);
        yield* line(text);
      }
    },
  };
}

function nextBreak(buffer: string): number {
  const match = /\r\n|\n|\r(?!$)/.exec(buffer);
  return match ? match.index : -1;
}
