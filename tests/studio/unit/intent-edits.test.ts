import { describe, expect, it } from "bun:test";
import {
  exampleLines,
  type Intent,
  moveExample,
  pasteExamples,
  readIntents,
  searchExamples,
  setExample,
} from "../../../studio/src/core/intent-edits.ts";

const intents: Intent[] = [
  {
    name: "hours",
    description: "Opening hours",
    examples: ["when do you open", "Horário de sábado"],
  },
  { name: "refund", description: "Money back", examples: ["I want a refund"] },
];

describe("editing a classify node's intents", () => {
  it("reads pasted text as one example a line, trimmed, without blanks or repeats", () => {
    expect(
      exampleLines("  when do you close \r\n\n\nopen on sunday?\nwhen do you close\n"),
    ).toEqual(["when do you close", "open on sunday?"]);
  });

  it("adds pasted examples to an intent, skipping its own and naming another intent's", () => {
    const pasted = pasteExamples(intents, 0, "When do you open\nopen late?\nI want a refund");
    expect(pasted.added).toEqual(["open late?", "I want a refund"]);
    expect(pasted.repeated).toEqual(["When do you open"]);
    expect(pasted.elsewhere).toEqual([{ example: "I want a refund", intent: "refund" }]);
    expect(pasted.intents[0]?.examples).toEqual([
      "when do you open",
      "Horário de sábado",
      "open late?",
      "I want a refund",
    ]);
    expect(pasted.intents[1]).toBe(intents[1] as Intent);
    expect(intents[0]?.examples).toHaveLength(2);
  });

  it("moves an example to the end of another intent", () => {
    const moved = moveExample(intents, { intent: 0, example: 0 }, 1);
    expect(moved.map((intent) => intent.examples)).toEqual([
      ["Horário de sábado"],
      ["I want a refund", "when do you open"],
    ]);
    expect(moveExample(intents, { intent: 0, example: 0 }, 0)).toEqual(intents);
  });

  it("edits and removes an example in place", () => {
    expect(setExample(intents, { intent: 1, example: 0 }, "refund pls")[1]?.examples).toEqual([
      "refund pls",
    ]);
    expect(setExample(intents, { intent: 0, example: 1 }, undefined)[0]?.examples).toEqual([
      "when do you open",
    ]);
  });

  it("searches examples and intent names, ignoring case and accents", () => {
    expect(searchExamples(intents, "HORARIO").map((row) => row.text)).toEqual([
      "Horário de sábado",
    ]);
    expect(searchExamples(intents, "refund")).toEqual([
      { intent: 1, example: 0, text: "I want a refund" },
    ]);
    expect(searchExamples(intents, "hours open")).toEqual([
      { intent: 0, example: 0, text: "when do you open" },
    ]);
    expect(searchExamples(intents, "")).toHaveLength(3);
  });

  it("reads an unfinished draft's intents without failing", () => {
    expect(readIntents([{ name: "x" }, null, { examples: ["a", 3] }])).toEqual([
      { name: "x", description: "", examples: [] },
      { name: "", description: "", examples: [] },
      { name: "", description: "", examples: ["a"] },
    ]);
    expect(readIntents(undefined)).toEqual([]);
  });
});
