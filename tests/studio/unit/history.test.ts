import { describe, expect, it } from "bun:test";
import {
  canRedo,
  record,
  redo,
  replace,
  startHistory,
  undo,
} from "../../../studio/src/core/history.ts";

describe("history", () => {
  it("undoes and redoes steps", () => {
    let h = startHistory("a");
    h = record(h, "b");
    h = record(h, "c");
    h = undo(h);
    expect(h.present).toBe("b");
    h = redo(h);
    expect(h.present).toBe("c");
    h = undo(undo(h));
    expect(h.present).toBe("a");
    expect(undo(h)).toBe(h);
  });

  it("drops the redo steps when a new edit is made", () => {
    let h = record(record(startHistory(1), 2), 3);
    h = record(undo(h), 4);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  it("merges consecutive edits of one field into one step", () => {
    let h = startHistory("");
    h = record(h, "h", { mergeKey: "title", now: 0 });
    h = record(h, "he", { mergeKey: "title", now: 100 });
    h = record(h, "hey", { mergeKey: "title", now: 200 });
    expect(undo(h).present).toBe("");
    h = record(h, "hey!", { mergeKey: "title", now: 5000 });
    expect(undo(h).present).toBe("hey");
  });

  it("records a drag as one step from where it started", () => {
    let h = startHistory({ x: 0 });
    const start = h.present;
    h = replace(h, { x: 5 });
    h = replace(h, { x: 9 });
    h = record(h, { x: 10 }, { before: start });
    expect(h.past).toEqual([start]);
    expect(undo(h).present).toBe(start);
  });
});
