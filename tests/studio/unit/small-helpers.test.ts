import { describe, expect, it } from "bun:test";
import { slugify } from "../../../studio/src/core/flow-draft.ts";
import { duplicateFlow, readFlowFile, searchFlows } from "../../../studio/src/core/flow-files.ts";
import { uniqueId } from "../../../studio/src/core/node-ids.ts";
import { locateProblems, messagesAt } from "../../../studio/src/core/problems.ts";
import { shortcutFor } from "../../../studio/src/core/shortcuts.ts";
import { readableNames } from "../../../studio/src/core/template-hints.ts";
import { sampleFlow } from "./helpers.ts";

const press = (
  key: string,
  mods: Partial<Record<"ctrlKey" | "shiftKey" | "metaKey", boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("keyboard shortcuts", () => {
  it("maps key presses to actions", () => {
    expect(shortcutFor(press("z", { ctrlKey: true }))).toBe("undo");
    expect(shortcutFor(press("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(shortcutFor(press("z", { metaKey: true }))).toBe("undo");
    expect(shortcutFor(press("Delete"))).toBe("delete");
    expect(shortcutFor(press("?", { shiftKey: true }))).toBe("help");
    expect(shortcutFor(press("z"))).toBeUndefined();
  });
});

describe("flow list helpers", () => {
  it("searches by id and name", () => {
    const flows = [
      { id: "support", name: "Voltra support" },
      { id: "sales", name: "Fleet sales" },
    ];
    expect(searchFlows(flows, "FLEET").map((f) => f.id)).toEqual(["sales"]);
    expect(searchFlows(flows, "")).toHaveLength(2);
  });

  it("duplicates under a free id", () => {
    const copy = duplicateFlow(sampleFlow(), ["sample", "sample_copy"]);
    expect(copy.id).toBe("sample_copy_2");
    expect(copy.name).toBe("Sample (copy)");
  });

  it("reads imported files and says what is wrong with bad ones", () => {
    expect(readFlowFile('{"id":"x"}')).toEqual({ ok: true, flow: { id: "x" } });
    expect(readFlowFile("[1]")).toMatchObject({ ok: false });
    const bad = readFlowFile("{nope");
    expect(bad.ok ? "" : bad.message).toStartWith("The file is not valid JSON");
  });

  it("makes ids from names", () => {
    expect(slugify("Café Orders 2")).toBe("cafe-orders-2");
    expect(slugify("123")).toBe("flow");
    expect(uniqueId("messages", new Set())).toBe("messages_2");
  });
});

describe("problems and hints", () => {
  it("finds the messages of one field, and of the flow's own settings", () => {
    const located = locateProblems(sampleFlow(), [
      { path: "/nodes/1/config/text", message: "Text is wrong." },
      { path: "/name", message: "Name is wrong." },
    ]);
    expect(messagesAt(located, "answer", "/config/text")).toEqual(["Text is wrong."]);
    expect(messagesAt(located, undefined, "/name")).toEqual(["Name is wrong."]);
  });

  it("lists the names templates may read", () => {
    const flow = { ...sampleFlow(), variables: [{ name: "order", type: "object" as const }] };
    expect(readableNames(flow)).toEqual(["order", "intent", "last_message", "handoff", "language"]);
  });
});
