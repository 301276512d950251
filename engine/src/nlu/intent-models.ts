import {
  type IntentClassifier,
  type IntentDefinition,
  type IntentPrediction,
  trainIntentClassifier,
} from "../local/intent-classifier.ts";
import type { Language } from "../text/language/index.ts";
import type { ClassifierStore } from "./classifier-store.ts";
import { type IntentModel, intentModelFromBytes, trainIntentModel } from "./intent-model.ts";
import { intentModelKey } from "./intent-model-key.ts";
import { IntentTrainingThread } from "./intent-training-thread.ts";

// Every edit of a flow in the studio compiles a new version: models of old versions must not
// pile up in memory. A classifier handed out keeps its own model regardless.
const MAX_MODELS_IN_MEMORY = 64;

/** A `classify` node's classifier: the trained model once there is one, a quick scorer until then. */
export interface NodeIntentClassifier extends IntentClassifier {
  /** Whether the trained model answers (false while it is being trained). */
  readonly trained: boolean;
  /** Resolves once the trained model answers, or training failed and the scorer stays. */
  readonly ready: Promise<void>;
}

/** Trains, keeps and hands out the intent models of `classify` nodes. */
export interface IntentModels {
  /** Returns at once; never waits for training. */
  classifierFor(intents: readonly IntentDefinition[], language: Language): NodeIntentClassifier;
  /** Resolves when every training asked for so far has finished. */
  settled(): Promise<void>;
  /** Stops the training thread, if any. */
  close(): void;
}

export interface IntentModelsOptions {
  /**
   * - `inline`: train on the calling thread when `classifierFor` is called (a cache miss then
   *   blocks the caller: for tests, the CLI and simulations, where every turn must see the
   *   trained model);
   * - `worker`: train on a worker thread; until the model is ready, the retrieval scorer
   *   (`trainIntentClassifier`) answers. For servers.
   */
  training: "inline" | "worker";
  /** Where trained models are kept across restarts (worker mode); in memory only by default. */
  store?: ClassifierStore;
  /** Called when a model could not be trained or stored; the scorer then keeps answering. */
  onError?: (error: Error) => void;
}

/**
 * The intent models of a process. Models are keyed by `intentModelKey`, so flow versions and
 * graphs that share a node's intents share its model, and each is trained once.
 *
 * @example
 * // A server: training off the request path, models kept in the database.
 * const intentModels = createIntentModels({ training: "worker", store: databaseStore });
 * compileGraph(flow, { checkpointer, intentModels });
 */
export function createIntentModels(options: IntentModelsOptions): IntentModels {
  const models = new Map<string, IntentModel>();
  const keep = (key: string, model: IntentModel) => {
    // Least recently trained or restored first: a store has the rest if they are needed again.
    if (models.size >= MAX_MODELS_IN_MEMORY) models.delete(models.keys().next().value as string);
    models.set(key, model);
  };
  const training = new Map<string, Promise<IntentModel | undefined>>();
  const thread = options.training === "worker" ? new IntentTrainingThread() : undefined;
  const reportError = options.onError ?? ((error: Error) => console.error(error.message));

  async function obtain(
    key: string,
    intents: readonly IntentDefinition[],
    language: Language,
    worker: IntentTrainingThread,
  ): Promise<IntentModel | undefined> {
    try {
      const stored = await options.store?.get(key);
      if (stored) {
        try {
          return intentModelFromBytes(stored);
        } catch (error) {
          // A model saved by an older version or damaged: train it again.
          reportError(error as Error);
        }
      }
      const bytes = await worker.train(intents, language);
      const model = intentModelFromBytes(bytes);
      await options.store?.put(key, bytes).catch(reportError);
      return model;
    } catch (error) {
      reportError(error as Error);
      return undefined;
    }
  }

  return {
    classifierFor(intents, language) {
      const key = intentModelKey(intents, language);
      const known = models.get(key);
      if (known) return trainedClassifier(known);
      if (!thread) {
        const model = trainIntentModel(intents, language);
        keep(key, model);
        return trainedClassifier(model);
      }
      let pending = training.get(key);
      if (!pending) {
        pending = obtain(key, intents, language, thread).then((model) => {
          training.delete(key);
          if (model) keep(key, model);
          return model;
        });
        training.set(key, pending);
      }
      return liveClassifier(trainIntentClassifier(intents), pending);
    },
    async settled() {
      while (training.size > 0) await Promise.all(training.values());
    },
    close() {
      thread?.close();
    },
  };
}

function trainedClassifier(model: IntentModel): NodeIntentClassifier {
  return { trained: true, ready: Promise.resolve(), classify: (text) => model.classify(text) };
}

function liveClassifier(
  scorer: IntentClassifier,
  pending: Promise<IntentModel | undefined>,
): NodeIntentClassifier {
  let model: IntentModel | undefined;
  const ready = pending.then((trained) => {
    model = trained;
  });
  return {
    get trained() {
      return model !== undefined;
    },
    ready,
    classify(text): IntentPrediction {
      return (model ?? scorer).classify(text);
    },
  };
}

/** The models of compiles that name none: trained inline, kept in memory for the process. */
export const inlineIntentModels: IntentModels = createIntentModels({ training: "inline" });
