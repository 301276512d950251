import { describe, expect, it } from "bun:test";
import capture from "../../fixtures/bedrock/converse_stream_live_eventstream.vercel-issue18994.json";
import { decodeMessages, encodeMessage } from "../../stand-ins/event-stream.ts";

// The Bedrock stand-in's ConverseStream framing must be byte-for-byte what Bedrock sends: a
// live capture re-encoded from its decoded messages gives back the same bytes, CRCs included.
describe("the stand-in's AWS event stream encoding", () => {
  const body = Buffer.from(capture.response.bodyBase64, "base64");
  const messages = decodeMessages(new Uint8Array(body));

  it("reads the live capture's events in order", () => {
    expect(messages.map((m) => m.headers[":event-type"])).toEqual([
      "messageStart",
      "contentBlockDelta",
      "contentBlockDelta",
      "contentBlockStop",
      "messageStop",
      "metadata",
    ]);
    const text = messages
      .filter((m) => m.headers[":event-type"] === "contentBlockDelta")
      .map((m) => JSON.parse(m.payload).delta.text)
      .join("");
    expect(text).toBe(capture.observed.text);
  });

  it("re-encodes every message to the captured bytes", () => {
    const encoded = messages.map((m) =>
      encodeMessage(Object.entries(m.headers), new TextEncoder().encode(m.payload)),
    );
    expect(Buffer.concat(encoded).equals(body)).toBe(true);
  });
});
