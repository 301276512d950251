import type { ModelProvider } from "../model.ts";

/** The embedded model: nodes answer with their own deterministic algorithms. */
export const localProvider: ModelProvider<"local"> = (name, entry) => ({ name, provider: "local", entry });
