import { afterEach, describe, expect, it } from "bun:test";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { compileGraph } from "../../../engine/src/compile/compile-graph.ts";
import type { IntentDefinition } from "../../../engine/src/local/intent-classifier.ts";
import {
  type ClassifierStore,
  MemoryClassifierStore,
} from "../../../engine/src/nlu/classifier-store.ts";
import { FileClassifierStore } from "../../../engine/src/nlu/file-classifier-store.ts";
import { trainIntentModel } from "../../../engine/src/nlu/intent-model.ts";
import { intentModelKey } from "../../../engine/src/nlu/intent-model-key.ts";
import { createIntentModels, type IntentModels } from "../../../engine/src/nlu/intent-models.ts";
import { runTurn } from "../../../engine/src/turn/run-turn.ts";
import { validateFlow } from "../../../engine/src/validate/index.ts";
import { bikeShopIntents } from "../helpers/bike-shop-intents.ts";

/** A store that counts what it is asked, to tell a restored model from a retrained one. */
class CountingStore implements ClassifierStore {
  readonly inner = new MemoryClassifierStore();
  gets = 0;
  puts = 0;
  async get(key: string) {
    this.gets++;
    return this.inner.get(key);
  }
  async put(key: string, bytes: Uint8Array) {
    this.puts++;
    await this.inner.put(key, bytes);
  }
}

/** A node big enough that training takes well over a turn: 60 intents × 40 made-up examples. */
function largeNode(): IntentDefinition[] {
  let seed = 7;
  const word = () => {
    seed = (seed * 16807) % 2147483647;
    return `w${seed % 900}`;
  };
  return Array.from({ length: 60 }, (_, i) => ({
    name: `intent_${i}`,
    description: `intent number ${i}`,
    examples: Array.from({ length: 40 }, () => `${word()} ${word()} topic${i} ${word()}`),
  }));
}

const opened: IntentModels[] = [];
function intentModels(...options: Parameters<typeof createIntentModels>) {
  const models = createIntentModels(...options);
  opened.push(models);
  return models;
}
afterEach(() => {
  for (const models of opened.splice(0)) models.close();
});

describe("createIntentModels", () => {
  it("trains on a worker thread and keeps the model in the store under the node's key", async () => {
    const store = new CountingStore();
    const models = intentModels({ training: "worker", store });
    const classifier = models.classifierFor(bikeShopIntents, "en");
    expect(classifier.trained).toBe(false);
    // The retrieval scorer answers meanwhile.
    expect(classifier.classify("what time do you open").intent).toBe("hours");
    await classifier.ready;
    expect(classifier.trained).toBe(true);
    const bytes = await store.inner.get(intentModelKey(bikeShopIntents, "en"));
    expect(bytes).toBeDefined();
    const inline = trainIntentModel(bikeShopIntents, "en");
    expect(bytes).toEqual(inline.toBytes());
    expect(classifier.classify("refund pls")).toEqual(inline.classify("refund pls"));
  });

  it("restores a stored model after a restart instead of training it again", async () => {
    const store = new CountingStore();
    await intentModels({ training: "worker", store }).classifierFor(bikeShopIntents, "en").ready;
    expect(store.puts).toBe(1);
    const restarted = intentModels({ training: "worker", store });
    const classifier = restarted.classifierFor(bikeShopIntents, "en");
    await classifier.ready;
    expect(classifier.trained).toBe(true);
    expect(store.puts).toBe(1);
    expect(store.gets).toBe(2);
  });

  it("trains a node once, however many graphs use it", async () => {
    const store = new CountingStore();
    const models = intentModels({ training: "worker", store });
    const first = models.classifierFor(bikeShopIntents, "en");
    const second = models.classifierFor(bikeShopIntents, "en");
    await models.settled();
    expect(first.trained && second.trained).toBe(true);
    expect(models.classifierFor(bikeShopIntents, "en").trained).toBe(true);
    expect(store.puts).toBe(1);
  });

  it("retrains a model whose stored bytes are damaged, and reports it", async () => {
    const store = new CountingStore();
    await store.inner.put(intentModelKey(bikeShopIntents, "en"), new Uint8Array([1, 2, 3]));
    const errors: string[] = [];
    const models = intentModels({
      training: "worker",
      store,
      onError: (error) => errors.push(error.message),
    });
    const classifier = models.classifierFor(bikeShopIntents, "en");
    await classifier.ready;
    expect(classifier.trained).toBe(true);
    expect(errors).toEqual([expect.stringContaining("cannot be read")]);
  });

  it("trains inline, before returning, when asked to", () => {
    const classifier = intentModels({ training: "inline" }).classifierFor(bikeShopIntents, "en");
    expect(classifier.trained).toBe(true);
    expect(classifier.classify("refund pls").intent).toBe("returns");
  });

  it("answers a turn at once while a large node is still training", async () => {
    const intents = largeNode();
    const result = validateFlow({
      id: "big",
      name: "Big",
      version: 1,
      entry: "classify",
      nodes: [
        { id: "classify", type: "classify", config: { intents, threshold: 0.45 } },
        ...intents.map((intent) => ({
          id: intent.name,
          type: "reply",
          config: { text: intent.name },
        })),
        { id: "fallback", type: "reply", config: { text: "Sorry?" } },
      ],
      edges: [
        ...intents.map((intent) => ({
          source: "classify",
          target: intent.name,
          branch: intent.name,
        })),
        { source: "classify", target: "fallback", branch: "fallback" },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const flow = result.flow;
    const models = intentModels({ training: "worker" });
    const graph = compileGraph(flow, { checkpointer: new MemorySaver(), intentModels: models });
    let trained = false;
    const settled = models.settled().then(() => {
      trained = true;
    });
    const turn = await runTurn(graph, "t1", { kind: "user", text: "topic7 w1 w2" });
    expect(trained).toBe(false);
    expect(turn.visited[0]).toBe("classify");
    await settled;
    const after = await runTurn(graph, "t2", { kind: "user", text: "topic7" });
    expect(after.visited).toEqual(["classify", "intent_7"]);
  });
});

describe("the classify node's language", () => {
  const flowIn = (language: string) => {
    const result = validateFlow({
      id: "lang",
      name: "Lang",
      version: 1,
      language,
      entry: "classify",
      nodes: [
        { id: "classify", type: "classify", config: { intents: bikeShopIntents, threshold: 0.45 } },
        { id: "answer", type: "reply", config: { text: "ok" } },
      ],
      edges: [
        ...bikeShopIntents.map((intent) => ({
          source: "classify",
          target: "answer",
          branch: intent.name,
        })),
        { source: "classify", target: "answer", branch: "fallback" },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.flow;
  };
  /** Intent models that say which languages they were asked to train. */
  const recording = () => {
    const models = intentModels({ training: "inline" });
    const languages: string[] = [];
    return {
      languages,
      models: {
        ...models,
        classifierFor: (intents, language) => {
          languages.push(language);
          return models.classifierFor(intents, language);
        },
      } satisfies IntentModels,
    };
  };

  it("reads a Portuguese flow's messages as Portuguese, trained as the flow compiles", () => {
    const { languages, models } = recording();
    compileGraph(flowIn("pt"), { checkpointer: new MemorySaver(), intentModels: models });
    expect(languages).toEqual(["pt"]);
  });

  it("reads each message of an auto flow in its own language, training each language once", async () => {
    const { languages, models } = recording();
    const graph = compileGraph(flowIn("auto"), {
      checkpointer: new MemorySaver(),
      intentModels: models,
    });
    expect(languages).toEqual([]);
    await runTurn(graph, "a", { kind: "user", text: "quero devolver minha bicicleta" });
    await runTurn(graph, "b", { kind: "user", text: "necesito devolver mi bicicleta" });
    await runTurn(graph, "c", { kind: "user", text: "quero falar com uma pessoa agora" });
    expect(languages).toEqual(["pt", "es"]);
  });
});

describe("FileClassifierStore", () => {
  it("keeps models in files that outlive the store object", async () => {
    const directory = await mkdtemp(join(tmpdir(), "intent-models-"));
    try {
      const key = intentModelKey(bikeShopIntents, "en");
      await new FileClassifierStore(directory).put(key, new Uint8Array([1, 2, 3]));
      expect(await new FileClassifierStore(directory).get(key)).toEqual(new Uint8Array([1, 2, 3]));
      expect(await readdir(directory)).toEqual([`${key}.intent-model`]);
      expect(await new FileClassifierStore(directory).get("0".repeat(64))).toBeUndefined();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("refuses a key that is not a model hash", async () => {
    const store = new FileClassifierStore(tmpdir());
    await expect(store.get("../../etc/passwd")).rejects.toThrow("is not an intent model key");
  });
});
