import { describe, expect, it } from "bun:test";
import { validateFlow } from "@switchboard/engine/validate";
import { createEditor } from "../../../studio/src/core/editor-store.ts";
import type { FlowChecker } from "../../../studio/src/core/flow-checker.ts";
import type { FlowDraft } from "../../../studio/src/core/flow-draft.ts";
import { addNode, connect, setNodeValue } from "../../../studio/src/core/flow-edits.ts";
import { sampleFlow } from "./helpers.ts";

describe("the editor store", () => {
  it("validates on every change, placing problems on nodes and fields", () => {
    const editor = createEditor(sampleFlow());
    expect(editor.getState().problems).toEqual([]);
    editor.edit((f) => setNodeValue(f, "answer", "/config/text", undefined));
    const [problem] = editor.getState().problems;
    expect(problem).toMatchObject({ nodeId: "answer", field: "/config" });
    expect(problem?.message).toContain('"text"');
    editor.undo();
    expect(editor.getState().problems).toEqual([]);
  });

  it("places edge problems on the edge", () => {
    const editor = createEditor(sampleFlow());
    editor.edit((f) => ({
      ...f,
      edges: [...f.edges, { source: "route", target: "bye", branch: "nope" }],
    }));
    expect(editor.getState().problems[0]).toMatchObject({
      edgeId: "route:nope->bye",
      nodeId: "route",
    });
  });

  it("records a drag as one undo step and does not revalidate while dragging", () => {
    const editor = createEditor(sampleFlow());
    const problems = editor.getState().problems;
    editor.drag(new Map([["answer", { x: 10, y: 10 }]]), false);
    editor.drag(new Map([["answer", { x: 20, y: 20 }]]), false);
    expect(editor.getState().problems).toBe(problems);
    editor.drag(new Map([["answer", { x: 30, y: 30 }]]), true);
    expect(editor.getState().flow.nodes[1]?.position).toEqual({ x: 30, y: 30 });
    editor.undo();
    expect(editor.getState().flow.nodes[1]?.position).toEqual({ x: 300, y: 0 });
    expect(editor.getState().canUndo).toBe(false);
  });

  it("deletes the selection in one step and clears it", () => {
    const editor = createEditor(sampleFlow());
    editor.select({ nodes: new Set(["answer"]), edges: new Set(["route:fallback->bye"]) });
    editor.deleteSelection();
    const { flow, selection } = editor.getState();
    expect(flow.nodes.map((n) => n.id)).toEqual(["route", "bye"]);
    expect(flow.edges).toEqual([]);
    expect(selection.nodes.size).toBe(0);
    editor.undo();
    expect(editor.getState().flow.edges).toHaveLength(2);
  });

  it("duplicates the selection and selects the copies", () => {
    const editor = createEditor(sampleFlow());
    editor.selectNode("answer");
    editor.duplicate();
    expect([...editor.getState().selection.nodes]).toEqual(["answer_2"]);
    expect(editor.getState().flow.nodes).toHaveLength(4);
  });

  it("knows when the document differs from the saved one", () => {
    const editor = createEditor(sampleFlow());
    expect(editor.getState().dirty).toBe(false);
    editor.edit((f) => addNode(f, "end", { x: 0, y: 0 }).flow);
    expect(editor.getState().dirty).toBe(true);
    editor.markSaved();
    expect(editor.getState().dirty).toBe(false);
    editor.undo();
    expect(editor.getState().dirty).toBe(true);
  });

  it("builds a valid flow step by step, with problems appearing and disappearing", () => {
    const editor = createEditor({ ...sampleFlow(), nodes: [], edges: [], entry: "x" });
    expect(editor.getState().problems.length).toBeGreaterThan(0);
    editor.edit((f) => addNode(f, "llm", { x: 0, y: 0 }).flow);
    editor.edit((f) => addNode(f, "end", { x: 300, y: 0 }).flow);
    expect(editor.getState().flow.entry).toBe("llm");
    editor.edit((f) => connect(f, { source: "llm", sourceHandle: null, target: "end" }));
    expect(editor.getState().problems).toEqual([]);
  });

  it("checks the flow's models against the catalog once it is known", () => {
    const editor = createEditor(sampleFlow());
    editor.setValidation({ models: ["other"] });
    expect(editor.getState().problems[0]?.path).toBe("/models/0");
  });

  it("takes a checker's later answers, dropping those a newer change made out of date", () => {
    const asked: { flow: FlowDraft; answer: () => void }[] = [];
    const later: FlowChecker = {
      check(flow, options, done) {
        const result = validateFlow(flow, options);
        asked.push({ flow, answer: () => done(result.ok ? [] : result.problems) });
      },
      dispose() {},
    };
    const editor = createEditor(sampleFlow(), { checker: later });
    editor.edit((f) => setNodeValue(f, "answer", "/config/text", undefined));
    editor.edit((f) => setNodeValue(f, "bye", "/config/text", "{{nobody}}"));
    expect(asked).toHaveLength(3);
    asked[1]?.answer();
    expect(editor.getState().problems).toEqual([]);
    editor.drag(new Map([["answer", { x: 9, y: 9 }]]), true);
    asked[2]?.answer();
    expect(editor.getState().problems.map((p) => p.nodeId)).toEqual(["answer", "bye"]);
  });
});
