import { describe, expect, it } from "bun:test";
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { contextBudgetOf, fitContext } from "../../../engine/src/models/fit-context.ts";

describe("contextBudgetOf", () => {
  it("is the context size less the room the answer needs", () => {
    const entry = { provider: "vllm", contextTokens: 8192, maxTokens: 256 } as const;
    expect(contextBudgetOf(entry as never, {})).toBe(8192 - 256);
    expect(contextBudgetOf(entry as never, { maxTokens: 1000 })).toBe(8192 - 1000);
    expect(contextBudgetOf({ provider: "local" }, {})).toBeUndefined();
  });
});

describe("fitContext", () => {
  const system = new SystemMessage("Be brief.");
  const history = Array.from({ length: 10 }, (_, i) =>
    i % 2 === 0
      ? new HumanMessage(`question ${i} ${"x".repeat(96)}`)
      : new AIMessage(`answer ${i} ${"y".repeat(96)}`),
  );

  it("keeps everything that fits", () => {
    expect(fitContext([system, ...history], 10_000)).toHaveLength(11);
    expect(fitContext([system, ...history], undefined)).toHaveLength(11);
  });

  it("drops the oldest conversation first, never the system prompt or the latest message", () => {
    const fitted = fitContext([system, ...history], 100);
    expect(fitted[0]).toBe(system);
    expect(fitted.at(-1)).toBe(history.at(-1));
    expect(fitted.length).toBeLessThan(11);
    expect(fitted.slice(1)).toEqual(history.slice(history.length - (fitted.length - 1)));
  });
});
