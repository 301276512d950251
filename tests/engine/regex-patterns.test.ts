import { describe, expect, it } from "bun:test";
import { validateFlow } from "@switchboard/engine";
import { evaluateExpression, parseExpression } from "../../engine/src/expression/index.ts";
import { extractSlots, type Slot } from "../../engine/src/local/slot-extraction.ts";

/**
 * `(a+)+$` against a run of a's that ends in another character: a backtracking engine tries
 * every way to split the run (2^n), which took 1.8 s of the server's only thread at 28 a's.
 * At 34 a's it would take minutes; a linear-time engine answers at once.
 */
const HOSTILE_TEXT = `${"a".repeat(34)}!`;

function flowWithCondition(expression: string) {
  return {
    id: "patterns",
    name: "Patterns",
    version: 1,
    entry: "check",
    nodes: [
      {
        id: "check",
        type: "condition",
        config: { rules: [{ label: "yes", when: expression }] },
      },
      { id: "yes", type: "reply", config: { text: "Yes." } },
      { id: "no", type: "reply", config: { text: "No." } },
    ],
    edges: [
      { source: "check", target: "yes", branch: "yes" },
      { source: "check", target: "no", branch: "default" },
    ],
  };
}

describe("matches(): patterns run in linear time and come from the flow", () => {
  it("answers a catastrophic pattern on a hostile message", () => {
    const ast = parseExpression("matches(last_message, '^(a+)+$')");
    expect(evaluateExpression(ast, { last_message: HOSTILE_TEXT })).toBe(false);
    expect(evaluateExpression(ast, { last_message: "aaaa" })).toBe(true);
  });

  it("stays case-insensitive", () => {
    const ast = parseExpression("matches(last_message, '^refund')");
    expect(evaluateExpression(ast, { last_message: "REFUND please" })).toBe(true);
  });

  it("refuses a pattern that is not a quoted text in the flow", () => {
    for (const source of [
      "matches('abc', last_message)",
      "matches(last_message, lead.pattern)",
      "matches(last_message, '^' + last_message)",
    ])
      expect(() => parseExpression(source)).toThrow("pattern must be a quoted text");
  });

  it("refuses syntax that needs backtracking, naming it", () => {
    expect(() => parseExpression("matches(last_message, '(a)\\\\1')")).toThrow(
      "not supported by the linear-time engine",
    );
    expect(() => parseExpression("matches(last_message, 'a(?=b)')")).toThrow(
      "not supported by the linear-time engine",
    );
  });

  it("reports a pattern built from the user's message when the flow is validated", () => {
    const result = validateFlow(flowWithCondition("matches('x', last_message)"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.message).join("\n")).toContain(
      "pattern must be a quoted text",
    );
  });
});

describe("slot patterns", () => {
  const code: Slot = {
    name: "code",
    kind: "text",
    ask: "Your code?",
    required: true,
    pattern: "^(a+)+$",
  };

  it("checks a hostile answer against a catastrophic pattern at once", () => {
    expect(extractSlots(HOSTILE_TEXT, [code], { asking: "code" }).invalid).toEqual({
      code: "the code isn't in the format I need",
    });
    expect(extractSlots("aaa", [code], { asking: "code" }).values).toEqual({ code: "aaa" });
  });

  it("are checked when the flow is validated", () => {
    const result = validateFlow({
      id: "lead",
      name: "Lead",
      version: 1,
      entry: "qualify",
      nodes: [
        {
          id: "qualify",
          type: "sales",
          config: {
            slots: [{ name: "code", kind: "text", ask: "Your code?", pattern: "(x)\\1" }],
            qualify: { when: "exists(lead.code)" },
          },
        },
        { id: "done", type: "reply", config: { text: "Thanks." } },
      ],
      edges: [
        { source: "qualify", target: "done", branch: "qualified" },
        { source: "qualify", target: "done", branch: "not_qualified" },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path.includes("/slots/0/pattern"));
    expect(problem?.message).toContain("not supported by the linear-time engine");
  });
});
