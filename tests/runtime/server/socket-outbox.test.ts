import { describe, expect, it } from "bun:test";
import type { ServerEvent } from "../../../runtime/src/web-chat/server-event.ts";
import { createSocketOutbox } from "../../../runtime/src/web-chat/socket-outbox.ts";

/** A socket that records its writes: each corked batch as one write. */
function recordingSocket() {
  const writes: string[][] = [];
  let batch: string[] | undefined;
  return {
    writes,
    send(data: string) {
      if (batch) batch.push(data);
      else writes.push([data]);
    },
    cork(callback: () => void) {
      batch = [];
      callback();
      writes.push(batch);
      batch = undefined;
    },
  };
}

const token = (delta: string): ServerEvent => ({
  type: "token",
  message_id: "m1",
  node_id: "answer",
  delta,
});
const typesOf = (write: string[]) => write.map((frame) => JSON.parse(frame).type as string);

describe("createSocketOutbox", () => {
  it("writes the tokens of one task as one event, once the task is over", async () => {
    const socket = recordingSocket();
    const outbox = createSocketOutbox(socket);
    for (const delta of ["We ", "ship ", "to ", "Canada."]) outbox.send(token(delta));
    expect(socket.writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writes.map((write) => write.map((frame) => JSON.parse(frame)))).toEqual([
      [{ type: "token", message_id: "m1", node_id: "answer", delta: "We ship to Canada." }],
    ]);
    outbox.send(token("Next"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writes[1]?.map((frame) => JSON.parse(frame).delta)).toEqual(["Next"]);
  });

  it("keeps the tokens of different nodes and messages apart", async () => {
    const socket = recordingSocket();
    const outbox = createSocketOutbox(socket);
    outbox.send(token("A"));
    outbox.send({ ...token("B"), node_id: "other" } as ServerEvent);
    outbox.send({ ...token("C"), message_id: "m2" } as ServerEvent);
    outbox.send({ type: "node", message_id: "m2", node_id: "answer", node_type: "llm" });
    outbox.send({ ...token("D"), message_id: "m2" } as ServerEvent);
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writes[0]?.map((frame) => JSON.parse(frame).delta ?? "node")).toEqual([
      "A",
      "B",
      "C",
      "node",
      "D",
    ]);
  });

  it("sends any other event at once, after the tokens waiting before it", () => {
    const socket = recordingSocket();
    const outbox = createSocketOutbox(socket);
    outbox.send({ type: "node", message_id: "m1", node_id: "answer", node_type: "llm" });
    outbox.send(token("Hi"));
    outbox.send({
      type: "end",
      message_id: "m1",
      session_id: "s1",
      chat_id: "c1",
      full_text: "Hi",
      status: "waiting",
    });
    expect(socket.writes.map(typesOf)).toEqual([["node", "token", "end"]]);
  });
});
