import type { ModelProvider } from "../model.ts";

/** The embedded model: nodes answer with their own deterministic algorithms; always there. */
export const localProvider: ModelProvider<"local"> = {
  create: (name, entry) => ({ name, provider: "local", entry }),
  probe: async () => ({ reachable: "yes", detail: "embedded" }),
  modelId: () => "embedded",
};
