import { describe, expect, it } from "bun:test";
import { Flow, nodeDefinitions } from "@switchboard/engine/schema";
import {
  emptyValue,
  type FieldSpec,
  fieldSpec,
  type JsonSchema,
  labelOf,
} from "../../../studio/src/core/schema-form.ts";

const configSpec = (type: keyof typeof nodeDefinitions) =>
  fieldSpec(nodeDefinitions[type].config as unknown as JsonSchema);

function field(spec: FieldSpec, key: string) {
  if (spec.kind !== "object") throw new Error("not an object");
  const found = spec.fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
}

describe("forms from config schemas", () => {
  it("edits a classify node's intents in the intents table", () => {
    const intents = field(configSpec("classify"), "intents");
    expect(intents.required).toBe(true);
    expect(intents.spec).toEqual({ kind: "intents" });
  });

  it("picks models from the catalog and knowledge bases from the flow's, not typed names", () => {
    expect(field(configSpec("classify"), "model").spec).toEqual({ kind: "pick", of: "model" });
    expect(field(configSpec("llm"), "model").spec).toEqual({ kind: "pick", of: "model" });
    expect(field(configSpec("faq"), "knowledge").spec).toEqual({ kind: "pick", of: "knowledge" });
    const models = field(fieldSpec(Flow as unknown as JsonSchema), "models").spec;
    expect(models).toMatchObject({ kind: "list", item: { kind: "pick", of: "model" } });
  });

  it("gives numbers their bounds and marks optional fields", () => {
    const threshold = field(configSpec("classify"), "threshold");
    expect(threshold.spec).toEqual({ kind: "number", integer: false, minimum: 0, maximum: 1 });
    expect(field(configSpec("classify"), "model").required).toBe(false);
    expect(field(configSpec("faq"), "topK").spec).toMatchObject({ kind: "number", integer: true });
  });

  it("makes selects of literal unions and hints templates and expressions", () => {
    expect(field(configSpec("http"), "method").spec).toEqual({
      kind: "select",
      options: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    });
    expect(field(configSpec("reply"), "text").spec).toMatchObject({
      kind: "text",
      hint: "template",
    });
    const rules = field(configSpec("condition"), "rules").spec;
    if (rules.kind !== "list") throw new Error();
    expect(field(rules.item, "when").spec).toMatchObject({ hint: "expression" });
    expect(field(configSpec("http"), "headers").spec).toMatchObject({ kind: "record" });
  });

  it("covers every field of every node type with a known kind", () => {
    for (const type of Object.keys(nodeDefinitions) as (keyof typeof nodeDefinitions)[]) {
      const spec = configSpec(type);
      expect(spec.kind).toBe("object");
    }
  });

  it("makes new list items from defaults and required fields", () => {
    const slots = field(configSpec("sales"), "slots").spec;
    if (slots.kind !== "list") throw new Error();
    expect(emptyValue(slots.itemSchema)).toEqual({
      name: "",
      kind: "name",
      required: true,
    });
  });

  it("labels properties in words", () => {
    expect(labelOf("maxTokens")).toBe("Max tokens");
    expect(labelOf("timeoutMs")).toBe("Timeout (ms)");
    expect(labelOf("no_answer")).toBe("No answer");
  });
});
