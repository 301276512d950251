import { describe, expect, it } from "bun:test";
import { FlowError, type FlowProblem } from "../../engine/src/errors.ts";
import type { Flow, FlowNode } from "../../engine/src/schema/flow.ts";
import {
  formatProblems,
  parseFlow,
  type ValidateFlowOptions,
  validateFlow,
} from "../../engine/src/validate/index.ts";
import { minimalFlow } from "./helpers/minimal-flow.ts";

/** A flow document as JSON, free to be broken in ways the Flow type forbids. */
type Document = Record<string, unknown> & {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
};

const documentOf = (flow: Flow = minimalFlow()) => flow as unknown as Document;

/** The config of a node, to break in place. */
function configOf(document: Document | Flow, index: number): Record<string, unknown> {
  const config = (document.nodes[index] as { config?: Record<string, unknown> } | undefined)
    ?.config;
  if (!config) throw new Error(`the flow has no node ${index}`);
  return config;
}

function problemsOf(document: unknown, options?: ValidateFlowOptions): FlowProblem[] {
  const result = validateFlow(document, options);
  if (result.ok) throw new Error("expected the flow to be invalid");
  return result.problems;
}

/** Asserts one problem at `path` (about `nodeId`, when given) whose message names the problem. */
function expectProblem(
  problems: FlowProblem[],
  path: string,
  nodeId: string | undefined,
  ...words: string[]
) {
  const found = problems.filter((problem) => problem.path === path && problem.nodeId === nodeId);
  if (found.length !== 1) {
    throw new Error(
      `expected one problem at ${path || "/"} (node ${nodeId}), got:\n${formatProblems(problems)}`,
    );
  }
  for (const word of words) expect(found[0]?.message).toContain(word);
}

/** The minimal flow with `node` inserted on the `greet` branch; the test connects it onwards. */
function withNodeAfterGreet(node: FlowNode, ...edges: Flow["edges"]): Flow {
  const flow = minimalFlow();
  flow.nodes.push(node);
  const greet = flow.edges.find((edge) => edge.branch === "greet");
  if (greet) greet.target = node.id;
  flow.edges.push(...edges);
  return flow;
}

describe("validateFlow", () => {
  it("accepts a valid flow and fills in the schema's defaults", () => {
    const document = documentOf();
    delete document.models;
    delete document.fallback;
    delete configOf(document, 0).threshold;
    const result = validateFlow(document);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.flow.models).toEqual(["default"]);
    expect(result.flow.fallback).toContain("Sorry");
    expect(result.flow.nodes[0]?.config).toMatchObject({ threshold: 0.45 });
    expect(document.models).toBeUndefined();
  });

  it("rejects a document that is not an object", () => {
    expectProblem(problemsOf([1, 2]), "", undefined, "must be a JSON object");
  });

  it("reports a flow-level schema error at its pointer", () => {
    const document = documentOf();
    document.version = 0;
    document.color = "blue";
    const problems = problemsOf(document);
    expectProblem(problems, "/version", undefined, '"version"', "at least 1");
    expectProblem(problems, "/color", undefined, '"color"', "not a known property");
  });

  it("reports a node's config errors against its own type's schema", () => {
    const document = documentOf();
    configOf(document, 0).threshold = 3;
    delete configOf(document, 1).text;
    const problems = problemsOf(document);
    expectProblem(problems, "/nodes/0/config/threshold", "route", '"threshold"', "at most 1");
    expectProblem(problems, "/nodes/1/config", "greet_reply", 'required property "text"');
    expect(problems.map((problem) => problem.message).join()).not.toContain("union");
  });

  it("names the allowed values of a union of literals", () => {
    const flow = minimalFlow();
    flow.nodes.push({
      id: "api",
      type: "http",
      config: { method: "GET", url: "https://x.test", timeoutMs: 1000, map: [] },
    });
    const document = documentOf(flow);
    configOf(document, 4).method = "FETCH";
    expectProblem(problemsOf(document), "/nodes/4/config/method", "api", '"GET", "POST"');
  });

  it("reports an unknown node type and lists the known ones", () => {
    const document = documentOf();
    document.nodes.push({ id: "mystery", type: "teleport", config: {} });
    document.edges.push({ source: "help", target: "mystery" });
    const problems = problemsOf(document);
    expectProblem(
      problems,
      "/nodes/4/type",
      "mystery",
      'node type "teleport"',
      "classify, faq, sales",
    );
  });

  it("reports duplicate node ids", () => {
    const flow = minimalFlow();
    flow.nodes.push({ id: "help", type: "reply", config: { text: "again" } });
    expectProblem(
      problemsOf(flow),
      "/nodes/4/id",
      "help",
      '"help" is already used by /nodes/3',
      "unique",
    );
  });

  it("reports edges to and from missing nodes", () => {
    const flow = minimalFlow();
    flow.edges.push({ source: "ghost", target: "help" }, { source: "help", target: "nowhere" });
    const problems = problemsOf(flow);
    expectProblem(problems, "/edges/3/source", undefined, '"ghost"', "not a node");
    expectProblem(problems, "/edges/4/target", "help", '"nowhere"', "not a node");
  });

  it("reports a missing entry node", () => {
    const flow = minimalFlow();
    flow.entry = "start";
    expectProblem(problemsOf(flow), "/entry", undefined, 'entry node "start"', "not a node");
  });

  it("reports nodes unreachable from the entry node", () => {
    const flow = minimalFlow();
    flow.nodes.push({ id: "orphan", type: "end", config: {} });
    expectProblem(problemsOf(flow), "/nodes/4", "orphan", '"orphan" cannot be reached', '"route"');
  });

  it("reports a dead end: a node that cannot end the conversation and has no outgoing edge", () => {
    const flow = withNodeAfterGreet({
      id: "mark",
      type: "set",
      config: { assign: [{ variable: "seen", value: "true" }] },
    });
    expectProblem(
      problemsOf(flow),
      "/nodes/4",
      "mark",
      "dead end",
      "set node cannot end the conversation",
    );
  });

  it("reports a required branch of a routing node without an edge", () => {
    const flow = minimalFlow();
    flow.edges = flow.edges.filter((edge) => edge.branch !== "buy");
    expectProblem(problemsOf(flow), "/nodes/0", "route", 'Branch "buy"', "has no edge");
  });

  it("accepts optional branches left unconnected", () => {
    const flow = withNodeAfterGreet(
      {
        id: "answer",
        type: "llm",
        config: {
          prompt: "Greet {{last_message}}",
          fallback: "Hi!",
          temperature: 0,
          maxTokens: 64,
        },
      },
      { source: "answer", target: "greet_reply" },
    );
    expect(validateFlow(flow).ok).toBe(true);
  });

  it("reports an edge with a branch its node does not declare", () => {
    const flow = minimalFlow();
    flow.edges.push({ source: "route", target: "help", branch: "complain" });
    expectProblem(
      problemsOf(flow),
      "/edges/3/branch",
      "route",
      'no branch "complain"',
      '"greet", "buy", "fallback"',
    );
  });

  it("reports an edge from a routing node that names no branch", () => {
    const flow = minimalFlow();
    flow.edges.push({ source: "route", target: "help" });
    expectProblem(problemsOf(flow), "/edges/3", "route", "must name a branch");
  });

  it("reports a non-routing node with more than one outgoing edge", () => {
    const flow = minimalFlow();
    flow.edges.push(
      { source: "help", target: "greet_reply" },
      { source: "help", target: "buy_reply" },
    );
    expectProblem(problemsOf(flow), "/nodes/3", "help", "2 outgoing edges", "single edge");
  });

  it("reports a non-routing node whose edge names a branch", () => {
    const flow = minimalFlow();
    flow.edges.push({ source: "help", target: "route", branch: "again" });
    expectProblem(
      problemsOf(flow),
      "/edges/3/branch",
      "help",
      "does not route by branch",
      '"again"',
    );
  });

  it("reports a loop with no pausing node and names its nodes", () => {
    const flow = withNodeAfterGreet(
      {
        id: "count",
        type: "set",
        config: { assign: [{ variable: "visits", value: "visits + 1" }] },
      },
      { source: "count", target: "check" },
      { source: "check", target: "count", branch: "again" },
      { source: "check", target: "greet_reply", branch: "default" },
    );
    flow.variables.push({ name: "visits", type: "number", default: 0 });
    flow.nodes.push({
      id: "check",
      type: "condition",
      config: { rules: [{ label: "again", when: "visits < 3" }] },
    });
    expectProblem(
      problemsOf(flow),
      "/nodes/4",
      "count",
      '"count" → "check" → "count"',
      "never stop",
    );
  });

  it("accepts a loop through a node that waits for the user", () => {
    const flow = minimalFlow();
    flow.edges.push({ source: "help", target: "route" });
    expect(validateFlow(flow).ok).toBe(true);
  });

  it("reports a node model missing from the flow's models", () => {
    const flow = minimalFlow();
    configOf(flow, 0).model = "gpt-huge";
    expectProblem(
      problemsOf(flow),
      "/nodes/0/config/model",
      "route",
      '"gpt-huge"',
      "not one of this flow's models",
    );
  });

  it("reports flow models missing from the model catalog", () => {
    const flow = minimalFlow();
    flow.models = ["default", "gpt-huge"];
    expect(validateFlow(flow).ok).toBe(true);
    expectProblem(
      problemsOf(flow, { models: ["default", "local"] }),
      "/models/1",
      undefined,
      '"gpt-huge"',
      "catalog",
    );
  });

  it("reports a faq node's knowledge base missing from the flow's knowledge", () => {
    const flow = withNodeAfterGreet(
      {
        id: "answer",
        type: "faq",
        config: { knowledge: "manual", topK: 3, minScore: 0.3, citations: true },
      },
      { source: "answer", target: "greet_reply", branch: "answered" },
      { source: "answer", target: "help", branch: "no_answer" },
    );
    expectProblem(
      problemsOf(flow),
      "/nodes/4/config/knowledge",
      "answer",
      '"manual"',
      "not declared",
    );
    flow.knowledge.push({ id: "manual", source: "knowledge/manual.md" });
    expect(validateFlow(flow).ok).toBe(true);
    expectProblem(
      problemsOf(flow, { knowledge: [] }),
      "/knowledge/0",
      undefined,
      '"manual"',
      "not loaded",
    );
  });

  it("reports a placeholder that names no declared variable or built-in", () => {
    const flow = minimalFlow();
    configOf(flow, 3).text = "Hi {{customer.name}}, {{intent}}";
    expectProblem(
      problemsOf(flow),
      "/nodes/3/config/text",
      "help",
      "{{customer.name}}",
      '"customer"',
      "declared variable",
    );
    flow.variables.push({ name: "customer", type: "object" });
    expect(validateFlow(flow).ok).toBe(true);
  });

  it("reports a malformed placeholder", () => {
    const flow = minimalFlow();
    configOf(flow, 3).text = "Hi {{ lead..name }}";
    expectProblem(problemsOf(flow), "/nodes/3/config/text", "help", "{{lead..name}}", "malformed");
  });

  it("reports an expression that reads an unknown name", () => {
    const flow = withNodeAfterGreet(
      {
        id: "check",
        type: "condition",
        config: { rules: [{ label: "vip", when: "tier == 'gold' && intent == 'greet'" }] },
      },
      { source: "check", target: "greet_reply", branch: "vip" },
      { source: "check", target: "help", branch: "default" },
    );
    expectProblem(
      problemsOf(flow),
      "/nodes/4/config/rules/0/when",
      "check",
      '"tier"',
      "declared variable",
    );
  });

  it("reports an expression that does not parse, with its column", () => {
    const flow = withNodeAfterGreet(
      { id: "mark", type: "set", config: { assign: [{ variable: "x", value: "intent = 'x'" }] } },
      { source: "mark", target: "greet_reply" },
    );
    expectProblem(
      problemsOf(flow),
      "/nodes/4/config/assign/0/value",
      "mark",
      "Invalid expression",
      "column 8",
    );
  });

  it("lets a sales node's lead be read anywhere and its slots inside its own qualify expression", () => {
    const sales: FlowNode = {
      id: "qualify",
      type: "sales",
      config: {
        store: "lead",
        maxRetries: 2,
        slots: [
          { name: "name", kind: "name", ask: "Your name?", required: true },
          {
            name: "budget",
            kind: "budget",
            ask: "Budget, {{lead.name}}?",
            retry: "{{reason}}. Budget?",
            required: true,
          },
        ],
        qualify: { when: "budget >= 5000 && exists(name)" },
      },
    };
    const flow = withNodeAfterGreet(
      sales,
      { source: "qualify", target: "greet_reply", branch: "qualified" },
      { source: "qualify", target: "help", branch: "not_qualified" },
    );
    configOf(flow, 2).text = "Thanks {{lead.name}}";
    const result = validateFlow(flow);
    expect(result.ok ? [] : result.problems).toEqual([]);
    configOf(flow, 3).text = "Budget: {{budget}}";
    expectProblem(problemsOf(flow), "/nodes/3/config/text", "help", '"budget"');
  });

  it("reports every problem at once", () => {
    const document = documentOf();
    configOf(document, 1).text = 42;
    document.nodes.push({ id: "route", type: "reply", config: { text: "{{nobody}}" } });
    document.edges.push({ source: "help", target: "ghost" });
    document.models = ["default", "gpt-huge"];
    document.extra = true;
    const problems = problemsOf(document, { models: ["default"] });
    expect(problems.map((problem) => problem.path).sort()).toEqual([
      "/edges/3/target",
      "/extra",
      "/models/1",
      "/nodes/1/config/text",
      "/nodes/4/config/text",
      "/nodes/4/id",
    ]);
  });
});

describe("parseFlow", () => {
  it("returns the validated flow", () => {
    expect(parseFlow(JSON.stringify(minimalFlow())).entry).toBe("route");
  });

  it("reports line and column of malformed JSON", () => {
    const text = '{\n  "id": "x",\n  "name": "y"\n  "version": 1\n}';
    try {
      parseFlow(text, { source: "flows/broken.flow.json" });
      throw new Error("expected parseFlow to throw");
    } catch (error) {
      expect(error).toBeInstanceOf(FlowError);
      expect((error as FlowError).code).toBe("invalid_json");
      expect((error as FlowError).message).toContain("flows/broken.flow.json");
      expect((error as FlowError).message).toContain("line 4, column 3");
    }
  });

  it.each([
    ['{"a": 1,}', "line 1, column 9"],
    ["[1, 2", "line 1, column 6"],
    ['{"a": tru}', "line 1, column 10"],
    ['{"a": "x\\q"}', "line 1, column 9"],
    ['{"a": 1}\n  x', "line 2, column 3"],
  ])("locates the error in %p at %s", (text, where) => {
    expect(() => parseFlow(text)).toThrow(where);
  });

  it("throws invalid_flow listing every problem", () => {
    const flow = minimalFlow();
    flow.entry = "start";
    flow.edges.pop();
    try {
      parseFlow(JSON.stringify(flow));
      throw new Error("expected parseFlow to throw");
    } catch (error) {
      expect((error as FlowError).code).toBe("invalid_flow");
      expect((error as FlowError).problems).toHaveLength(2);
      expect((error as FlowError).message).toContain("2 problems");
      expect((error as FlowError).message).toContain("  /entry: ");
    }
  });
});

describe("formatProblems", () => {
  it("writes one line per problem with its pointer and node", () => {
    const text = formatProblems([
      {
        path: "/nodes/2/config",
        nodeId: "greet",
        message: 'Missing the required property "text".',
      },
      { path: "", message: "A flow must be a JSON object." },
    ]);
    expect(text).toBe(
      '  /nodes/2/config (node greet): Missing the required property "text".\n  /: A flow must be a JSON object.',
    );
  });
});
