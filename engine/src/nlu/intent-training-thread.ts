import { FlowError } from "../errors.ts";
import type { IntentDefinition } from "../local/intent-classifier.ts";
import type { Language } from "../text/language/index.ts";
import type { IntentQualityOptions, IntentQualityReport } from "./intent-quality-report.ts";
import type { TrainingJob, TrainingOutcome } from "./intent-training-worker.ts";

// Each job is a flow version's classify node; more waiting than this means something is
// compiling flows in a loop, and a model that is not trained only means the scorer answers.
const MAX_WAITING = 64;

// The worker answers each job with its own kind's outcome: a training's bytes, a report.
type Done = Exclude<TrainingOutcome, { status: "failed" }>;

/**
 * A worker thread that trains intent models (and cross-validates them for quality reports) one
 * job at a time, in the order asked. The thread is started on the first job and does not keep
 * the process alive.
 */
export class IntentTrainingThread {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<
    number,
    { resolve: (outcome: Done) => void; reject: (error: Error) => void }
  >();

  /** Trains a model in the worker and resolves with its bytes. */
  async train(intents: readonly IntentDefinition[], language: Language): Promise<Uint8Array> {
    const outcome = await this.#run({ kind: "train" }, intents, language);
    return (outcome as Extract<Done, { status: "trained" }>).bytes;
  }

  /** Cross-validates the intents in the worker (see `intentQualityReport`). */
  async report(
    intents: readonly IntentDefinition[],
    language: Language,
    options: IntentQualityOptions = {},
  ): Promise<IntentQualityReport> {
    const outcome = await this.#run({ kind: "report", options }, intents, language);
    return (outcome as Extract<Done, { status: "reported" }>).report;
  }

  /** Stops the thread; jobs still waiting fail. */
  close(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    for (const { reject } of this.#pending.values()) {
      reject(
        new FlowError("model_failed", "Intent training was stopped before this job was done."),
      );
    }
    this.#pending.clear();
  }

  #run(
    kind: { kind: "train" } | { kind: "report"; options: IntentQualityOptions },
    intents: readonly IntentDefinition[],
    language: Language,
  ): Promise<Done> {
    if (this.#pending.size >= MAX_WAITING) {
      return Promise.reject(
        new FlowError(
          "model_failed",
          `${MAX_WAITING} intent jobs are already waiting for the training thread; this one was not queued.`,
        ),
      );
    }
    const job: TrainingJob = { id: this.#nextId++, intents: [...intents], language, ...kind };
    return new Promise((resolve, reject) => {
      this.#pending.set(job.id, { resolve, reject });
      this.#thread().postMessage(job);
    });
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL("./intent-training-worker.ts", import.meta.url));
    // Bun's Worker can be unreferenced, so an idle thread does not keep the process alive.
    (worker as Worker & { unref(): void }).unref();
    worker.onmessage = ({ data: outcome }: MessageEvent<TrainingOutcome>) => {
      const waiting = this.#pending.get(outcome.id);
      this.#pending.delete(outcome.id);
      if (outcome.status === "failed")
        waiting?.reject(new FlowError("model_failed", outcome.message));
      else waiting?.resolve(outcome);
    };
    worker.onerror = (event) => {
      // The thread died: fail what it held, and start a new one for the next job.
      this.close();
      console.error(`The intent training thread stopped: ${event.message}`);
    };
    this.#worker = worker;
    return worker;
  }
}
