import type { FlowModel, ModelRegistry } from "@switchboard/engine";
import { RecordedChatModel } from "./recorded-chat-model.ts";

/**
 * The catalog's models for a replay: every chat model answers through `RecordedChatModel`
 * (recorded answers, or the model when the replay calls models); the embedded model runs as is,
 * deterministic and free.
 */
export function replayModels(models: ModelRegistry): ModelRegistry {
  const wrapped = new Map<string, FlowModel>();
  const wrap = (model: FlowModel): FlowModel => {
    if (model.provider === "local") return model;
    let replayed = wrapped.get(model.name);
    if (!replayed) {
      const { configure } = model;
      replayed = {
        ...model,
        chat: new RecordedChatModel(model.chat),
        ...(configure
          ? { configure: (settings) => new RecordedChatModel(configure(settings)) }
          : {}),
      };
      wrapped.set(model.name, replayed);
    }
    return replayed;
  };
  return {
    names: models.names,
    get: (name) => wrap(models.get(name)),
    chain: (name) => models.chain(name).map(wrap),
  };
}
