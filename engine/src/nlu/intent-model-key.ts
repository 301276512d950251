import { createHash } from "node:crypto";
import type { IntentDefinition } from "../local/intent-classifier.ts";
import type { Language } from "../text/language/index.ts";
import { INTENT_MODEL_FORMAT } from "./intent-model.ts";

/**
 * The key a trained model is stored under: a sha256 of everything training reads (the intents'
 * names, descriptions and examples in order, the language) and of the model's format, so that a
 * changed node or a new version of the model trains anew while an unchanged one never does.
 */
export function intentModelKey(intents: readonly IntentDefinition[], language: Language): string {
  const trainedOn = {
    format: INTENT_MODEL_FORMAT,
    language,
    intents: intents.map(({ name, description, examples }) => [name, description, examples]),
  };
  return createHash("sha256").update(JSON.stringify(trainedOn)).digest("hex");
}
