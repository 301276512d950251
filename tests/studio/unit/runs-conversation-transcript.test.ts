import { describe, expect, it } from "bun:test";
import {
  groupTranscript,
  type TranscriptMessage,
  timeOf,
} from "../../../studio/src/runs/conversation-transcript.ts";
import type { RecordedRun } from "../../../studio/src/runs/recorded-timelines.ts";

const at = (second: number) => `2026-01-01T10:00:${String(second).padStart(2, "0")}.000Z`;

let seq = 0;
const message = (
  role: TranscriptMessage["role"],
  content: string,
  second: number,
): TranscriptMessage => ({
  seq: ++seq,
  messageId: `m${seq}`,
  role,
  content,
  nodePath: null,
  createdAt: at(second),
});

const run = (id: string, second: number): RecordedRun => ({
  id,
  status: "interrupted",
  error: null,
  flowId: "support",
  flowVersion: 1,
  startedAt: at(second),
  durationMs: 500,
  nodes: [],
  modelCalls: [],
});

describe("groupTranscript", () => {
  it("puts a user's message with the turn that starts after it, and the replies with the turn before them", () => {
    const messages = [
      message("user", "hi", 1),
      message("assistant", "Hello!", 2),
      message("user", "a person please", 3),
      message("assistant", "Handing you over", 4),
      message("agent", "Sam here", 6),
    ];
    // Latest first, as the runs route answers.
    const runs = [run("r3", 5), run("r2", 3), run("r1", 1)];
    const turns = groupTranscript(messages, runs);
    expect(turns.map((t) => [t.run?.id, t.messages.map((m) => m.content)])).toEqual([
      ["r1", ["hi", "Hello!"]],
      ["r2", ["a person please", "Handing you over"]],
      ["r3", ["Sam here"]],
    ]);
    expect(turns.map((t) => t.input)).toEqual([
      { kind: "user", text: "hi" },
      { kind: "user", text: "a person please" },
      { kind: "agent", text: "Sam here" },
    ]);
  });

  it("keeps messages no run accounts for as turns of their own, and runs without messages in time order", () => {
    const messages = [message("user", "early", 1), message("user", "again", 2)];
    const turns = groupTranscript(messages, [run("quiet", 0)]);
    expect(turns.map((t) => [t.run?.id, t.messages.map((m) => m.content)])).toEqual([
      ["quiet", []],
      [undefined, ["early"]],
      [undefined, ["again"]],
    ]);
  });

  it("reads times given as strings or as dates", () => {
    expect(timeOf(new Date(at(1)))).toBe(timeOf(at(1)));
  });
});
