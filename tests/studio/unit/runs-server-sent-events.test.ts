import { describe, expect, it } from "bun:test";
import {
  createEventParser,
  readServerSentEvents,
} from "../../../studio/src/runs/server-sent-events.ts";
import { decodeTurnEvent, readTurnEvents } from "../../../studio/src/runs/test-turn-events.ts";

/** A response body that arrives in the given pieces. */
function bodyOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("readServerSentEvents", () => {
  it("reads messages split anywhere across chunks", async () => {
    const text = 'event: node_start\ndata: {"nodeId":"a"}\n\nevent: done\ndata: {}\n\n';
    for (let cut = 1; cut < text.length; cut += 7) {
      const events = await collect(
        readServerSentEvents(bodyOf(text.slice(0, cut), text.slice(cut))),
      );
      expect(events).toEqual([
        { event: "node_start", data: '{"nodeId":"a"}' },
        { event: "done", data: "{}" },
      ]);
    }
  });

  it("reads CRLF and CR line ends, joins data lines, skips comments, names unnamed messages", async () => {
    const events = await collect(
      readServerSentEvents(
        bodyOf(": keep-alive\r\nevent: a\r\ndata: one\r\ndata: two\r\n\r", "\ndata: x\r\r"),
      ),
    );
    expect(events).toEqual([
      { event: "a", data: "one\ntwo" },
      { event: "message", data: "x" },
    ]);
  });

  it("decodes a character split between chunks and reads a last message without a blank line", async () => {
    const bytes = new TextEncoder().encode("data: café ☕");
    const events = await collect(readServerSentEvents(bodyOf(bytes.slice(0, 9), bytes.slice(9))));
    expect(events).toEqual([{ event: "message", data: "café ☕" }]);
  });

  it("keeps a parser's partial line until the rest arrives", () => {
    const parser = createEventParser();
    expect([...parser.push("event: tok")]).toEqual([]);
    expect([...parser.push('en\ndata: {"delta":"Hi"}\n')]).toEqual([]);
    expect([...parser.push("\n")]).toEqual([{ event: "token", data: '{"delta":"Hi"}' }]);
  });
});

describe("the test-turn stream", () => {
  it("decodes each event with its type, and skips events it does not know", () => {
    expect(decodeTurnEvent({ event: "token", data: '{"nodeId":"a","delta":"Hi"}' })).toEqual({
      type: "token",
      nodeId: "a",
      delta: "Hi",
    });
    expect(decodeTurnEvent({ event: "ping", data: "{}" })).toBeUndefined();
    expect(decodeTurnEvent({ event: "reply", data: "not json" })).toMatchObject({
      type: "failed",
      code: "internal_error",
    });
  });

  it("stops at done, and ends a stream cut short with failed", async () => {
    const complete = await collect(
      readTurnEvents(bodyOf('event: done\ndata: {"result":{}}\n\nevent: token\ndata: {}\n\n')),
    );
    expect(complete.map((e) => e.type)).toEqual(["done"]);

    const cut = await collect(
      readTurnEvents(bodyOf('event: node_start\ndata: {"nodeId":"a"}\n\n')),
    );
    expect(cut.map((e) => e.type)).toEqual(["node_start", "failed"]);
    expect(cut[1]).toMatchObject({ message: expect.stringContaining("ended before the turn") });

    expect(await collect(readTurnEvents(null))).toEqual([
      { type: "failed", code: "internal_error", message: "The server sent no events." },
    ]);
  });
});
