import { describe, expect, it } from "bun:test";
import { FlowError } from "../../engine/src/errors.ts";
import {
  evaluateExpression,
  expressionRoots,
  parseExpression,
} from "../../engine/src/expression/index.ts";

function parseError(source: string): FlowError {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof FlowError) return error;
    throw error;
  }
  throw new Error(`"${source}" parsed`);
}

describe("parseExpression", () => {
  it("parses the whole language", () => {
    const source =
      "!(a.b[0] >= -1) || (x % 2 == 0 ? [1, 'two', true, null] : contains(lower(s), 'y'))";
    expect(parseExpression(source).kind).toBe("binary");
  });

  it.each([
    ["a = 1", 3, 'unexpected "="'],
    ["this.x", 1, '"this" is not supported'],
    ["eval('1')", 1, 'unknown function "eval"'],
    ["a.b()", 1, "methods cannot be called"],
    ["lead.constructor", 6, '"constructor" cannot be read'],
    ["lead['__proto__']", 6, '"__proto__" cannot be read'],
    ["f.prototype", 3, '"prototype" cannot be read'],
    ["a | b", 3, 'the operator "|" is not supported'],
    ["a ?? b", 3, 'the operator "??" is not supported'],
    ["~a", 1, 'the operator "~" is not supported'],
    ["a b", 3, "expected an operator between two values"],
    ["(a, b)", 1, "commas may only separate"],
    ["  ", 1, "the expression is empty"],
    ["lower(a, b)", 1, "lower() takes 1 argument, not 2"],
    ["matches(s, '(')", 12, "invalid regular expression"],
    ["[1, , 2]", 1, "empty array items are not allowed"],
    ["a &&", 5, "expected expression after &&"],
  ])("rejects %p at column %p: %s", (source, column, problem) => {
    const error = parseError(source);
    expect(error.code).toBe("invalid_expression");
    expect(error.message).toContain(`at column ${column}`);
    expect(error.message).toContain(problem);
  });
});

describe("evaluateExpression", () => {
  const scope = {
    lead: { name: "Ana", budget: 6000, tags: ["VIP", "returning"] },
    intent: "sales",
    items: [10, 20],
    text: "5",
  };
  const cases: [string, unknown][] = [
    ["lead.budget >= 5000 && intent == 'sales'", true],
    ["items[0] + items[1]", 30],
    ["lead.name + ' (' + lead.budget + ')'", "Ana (6000)"],
    ["-lead.budget / 4 % 7", -2],
    ["!intent", false],
    ["intent == 'sales' ? 'yes' : 'no'", "yes"],
    ["[1, lead.name]", [1, "Ana"]],
    ["missing || 'default'", "default"],
    ["lead.budget && 'set'", "set"],
    ["contains(lead.name, 'AN')", true],
    ["contains(lead.tags, 'vip')", true],
    ["contains(lead.tags, 'new')", false],
    ["lower(lead.name) + upper('x')", "anaX"],
    ["len(lead.tags) + len('abc') + len(lead)", 8],
    ["matches(lead.name, '^an')", true],
    ["number('12') * 2", 24],
    ["number('twelve')", undefined],
    ["exists(lead.phone) || exists(lead.name)", true],
    ["text == 5 && text !== 5", true],
    ["null == missing", true],
    ["missing <= 5", false],
    ["lead.budget > '100'", true],
    ["'b' > 'a'", true],
    ["1 / 0", undefined],
    ["lead.name.length", 3],
  ];
  it.each(cases)("%p evaluates to %p", (source, expected) => {
    expect(evaluateExpression(source, scope)).toEqual(expected);
  });

  it("reads missing names and properties as undefined", () => {
    expect(evaluateExpression("nobody.knows[3].what", scope)).toBeUndefined();
  });

  it("never reaches a prototype", () => {
    expect(evaluateExpression("lead.toString", scope)).toBeUndefined();
    expect(evaluateExpression("lead[key]", { ...scope, key: "constructor" })).toBeUndefined();
    expect(evaluateExpression("hasOwnProperty", scope)).toBeUndefined();
  });

  it("evaluates a parsed tree as well as a source", () => {
    expect(evaluateExpression(parseExpression("a * 2"), { a: 4 })).toBe(8);
  });

  it("throws invalid_expression for a source that does not parse", () => {
    expect(() => evaluateExpression("a = 1", {})).toThrow(FlowError);
  });
});

describe("expressionRoots", () => {
  it("lists the top-level names read, once each, in order", () => {
    expect(expressionRoots("lead.budget > 5 && intent == 'x'")).toEqual(["lead", "intent"]);
    expect(expressionRoots("items[i].name == lead.name || contains(tags, lower(q))")).toEqual([
      "items",
      "i",
      "lead",
      "tags",
      "q",
    ]);
  });

  it("ignores literals and function names", () => {
    expect(expressionRoots("len('abc') > 2")).toEqual([]);
  });
});
