import { describe, expect, it } from "bun:test";
import type { SimulationTurn } from "@switchboard/engine/schema";
import {
  parseLines,
  parseRoute,
  parseVars,
  routeOf,
  turnKind,
  varsOf,
  withExpectation,
  withKind,
  withReplyPart,
} from "../../../studio/src/runs/simulation-form.ts";

const turn: SimulationTurn = {
  user: "hello",
  modelResponses: ["Hi!"],
  expect: { intent: "greet", reply: { contains: ["Hi"] } },
};

describe("a simulated turn as a form", () => {
  it("changes what happens, keeping the expectations and the scripted answers where they fit", () => {
    expect(withKind(turn, "agent", "I can help")).toEqual({
      agent: "I can help",
      expect: turn.expect,
    });
    expect(withKind(turn, "handback")).toEqual({
      handback: true,
      modelResponses: ["Hi!"],
      expect: turn.expect,
    });
    expect(turnKind(withKind(turn, "close"))).toBe("close");
  });

  it("sets an expectation, and drops it (and an empty expect) when cleared", () => {
    expect(withExpectation(turn, "status", "waiting").expect).toEqual({
      ...turn.expect,
      status: "waiting",
    });
    const noIntent = withExpectation(turn, "intent", "");
    expect(noIntent.expect).toEqual({ reply: { contains: ["Hi"] } });
    const reply = withReplyPart(noIntent.expect?.reply, "contains", undefined);
    expect(reply).toBeUndefined();
    expect(withExpectation(noIntent, "reply", reply)).toEqual({
      user: "hello",
      modelResponses: ["Hi!"],
    });
  });

  it("reads phrases a line each, and a route of node ids by commas or arrows", () => {
    expect(parseLines(" Sunday \n\n11am")).toEqual(["Sunday", "11am"]);
    expect(parseLines("  \n")).toBeUndefined();
    expect(parseRoute("classify → faq, reply->end")).toEqual(["classify", "faq", "reply", "end"]);
    expect(parseRoute(routeOf(["classify", "faq"]))).toEqual(["classify", "faq"]);
  });

  it("reads variables as name = JSON value, else a string, and names a line that is not one", () => {
    expect(parseVars('lead.budget = 5000\nplan = pro\nok = true\ntags = ["a"]')).toEqual({
      ok: true,
      vars: { "lead.budget": 5000, plan: "pro", ok: true, tags: ["a"] },
    });
    expect(parseVars("budget 5000")).toEqual({
      ok: false,
      message: 'Line 1 is not "name = value": budget 5000',
    });
    expect(parseVars(varsOf({ plan: "pro", n: 2 }))).toEqual({
      ok: true,
      vars: { plan: "pro", n: 2 },
    });
    expect(parseVars("")).toEqual({ ok: true, vars: undefined });
  });
});
