import { describe, expect, it } from "bun:test";
import type { SimulationOutcome, TurnResult } from "@switchboard/engine";
import {
  describeInput,
  routesPerTurn,
  type SimulationRun,
  summarizeRun,
} from "../../../studio/src/runs/simulation-report.ts";

const result = (visited: string[]): TurnResult => ({
  threadId: "t",
  status: "waiting",
  replies: [],
  visited,
  intent: null,
  vars: {},
  handoff: null,
  calls: [],
  errors: [],
  durationMs: 1,
});

const outcome = (name: string, passed: boolean): SimulationOutcome => ({
  flow: "support",
  simulation: name,
  model: "local",
  passed,
  ...(passed ? {} : { firstMismatch: 'turn 2: reply should contain "11am" but was "Sorry"' }),
  turns: [
    {
      index: 1,
      input: { kind: "user", text: "hi" },
      result: result(["classify", "greet"]),
      problems: [],
    },
    {
      index: 2,
      input: { kind: "user", text: "sunday?" },
      result: result(["classify", "faq"]),
      problems: passed ? [] : ['reply should contain "11am" but was "Sorry"'],
    },
  ],
  path: [
    { nodeId: "classify", route: "greeting" },
    { nodeId: "greet", route: null },
    { nodeId: "classify", route: "question" },
    { nodeId: "faq", route: null },
  ],
});

const run: SimulationRun = {
  flowId: "support",
  version: null,
  unsaved: false,
  passed: false,
  outcomes: [outcome("greets", true), outcome("hours", false)],
  coverage: {
    nodes: { total: 5, uncovered: ["escalate"] },
    edges: { total: 4, uncovered: ["classify -[human]-> escalate"] },
  },
};

describe("summarizeRun", () => {
  it("counts passes and failures, lists failures first, and keeps what no simulation covers", () => {
    const summary = summarizeRun(run);
    expect(summary).toMatchObject({
      passed: 1,
      failed: 1,
      uncoveredNodes: ["escalate"],
      uncoveredEdges: ["classify -[human]-> escalate"],
      nodesTotal: 5,
      edgesTotal: 4,
    });
    expect(summary.rows.map((row) => [row.simulation, row.passed])).toEqual([
      ["hours", false],
      ["greets", true],
    ]);
  });

  it("gives each turn its problems and a timeline with the branches it took", () => {
    const [hours] = summarizeRun(run).rows;
    expect(hours?.firstMismatch).toContain("turn 2");
    const turn = hours?.turns[1];
    expect(turn).toMatchObject({ index: 2, label: "sunday?", passed: false });
    expect(turn?.problems).toHaveLength(1);
    expect(turn?.timeline?.steps.map((s) => [s.nodeId, s.route])).toEqual([
      ["classify", "question"],
      ["faq", null],
    ]);
  });
});

describe("routesPerTurn", () => {
  it("splits the conversation's path by the nodes each turn visited", () => {
    expect(routesPerTurn(outcome("x", true))).toEqual([
      ["greeting", null],
      ["question", null],
    ]);
  });

  it("gives no branches when the path does not line up (a turn that threw midway)", () => {
    const broken = { ...outcome("x", true), path: [{ nodeId: "other", route: "a" }] };
    expect(routesPerTurn(broken)).toEqual([[], []]);
  });
});

describe("describeInput", () => {
  it("says what each kind of turn did", () => {
    expect(describeInput({ kind: "agent", text: "Hi" })).toBe("Agent: Hi");
    expect(describeInput({ kind: "handback" })).toBe("Agent hands back to the bot");
    expect(describeInput({ kind: "close" })).toBe("Agent closes the conversation");
  });
});
